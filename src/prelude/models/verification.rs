//! Verify: send a code (`POST /v2/verification`, which is also the resend)
//! and check it (`POST /v2/verification/check`), with the shapes they share
//! with Watch (target, metadata, signals).

use crate::core::checks;
use crate::core::schema::{enumeration, model, union, Ty};

model! {
    /// A phone number to verify, score or report on.
    pub static PHONE_NUMBER_TARGET = "PhoneNumberTarget" {
        /// The number in E.164 form (`+33612345678`): strip spaces and dashes first.
        "value" "value": req Ty::Str(checks::e164),
    }
}

model! {
    /// An e-mail address; only for accounts where Prelude enabled e-mail verification.
    pub static EMAIL_ADDRESS_TARGET = "EmailAddressTarget" {
        /// The address.
        "value" "value": req Ty::Str(checks::email),
    }
}

union! {
    /// What a verification, prediction, event or feedback is about: `{ type: "phone_number", value: "+33612345678" }`.
    pub static TARGET = "Target" {
        "phone_number" => &PHONE_NUMBER_TARGET,
        "email_address" => &EMAIL_ADDRESS_TARGET,
    }
}

/// A required target.
pub const TARGET_TY: Ty = Ty::Union(&TARGET);

model! {
    /// Data of yours that Prelude returns in answers and in every webhook.
    pub static METADATA = "Metadata" {
        /// Your own id for this object (at most 64 characters).
        "correlation_id" "correlationId": opt Ty::Str(checks::correlation_id),
    }
}

enumeration! {
    /// Kind of device the end user is on.
    pub static DEVICE_PLATFORM = closed "DevicePlatform" {
        /// Android.
        "android",
        /// iOS.
        "ios",
        /// iPadOS.
        "ipados",
        /// tvOS.
        "tvos",
        /// A web browser.
        "web",
    }
}

model! {
    /// Anti-fraud data about the end user and the device, gathered by your
    /// backend. All optional; more signals give better decisions.
    pub static SIGNALS = "Signals" {
        /// Public IPv4 or IPv6 address of the end user's device; an
        /// IPv4-mapped address (`::ffff:203.0.113.42`) is sent as IPv4.
        "ip" "ip": opt Ty::Ip { v6: true },
        /// Identifier unique to the device (`ANDROID_ID`, `identifierForVendor`).
        "device_id" "deviceId": opt Ty::Str(checks::text),
        /// Kind of device.
        "device_platform" "devicePlatform": opt Ty::Enum(&DEVICE_PLATFORM),
        /// Hardware model of the device (`iPhone17,2`).
        "device_model" "deviceModel": opt Ty::Str(checks::text),
        /// Version of the device's operating system.
        "os_version" "osVersion": opt Ty::Str(checks::text),
        /// Version of your application.
        "app_version" "appVersion": opt Ty::Str(checks::text),
        /// User-Agent string of the device.
        "user_agent" "userAgent": opt Ty::Str(checks::long_text),
        /// JA4 TLS fingerprint of the end user's connection.
        "ja4_fingerprint" "ja4Fingerprint": opt Ty::Str(checks::text),
        /// True only when you have strong reasons to trust the user; agree its use with Prelude.
        "is_trusted_user" "isTrustedUser": opt Ty::Bool,
    }
}

enumeration! {
    /// Platform of the automatic code reading.
    pub static APP_REALM_PLATFORM = closed "AppRealmPlatform" {
        /// The Android SMS Retriever API.
        "android",
        /// The Web OTP API.
        "web",
    }
}

model! {
    /// Enables automatic reading of the code by your app or page.
    pub static APP_REALM = "AppRealm" {
        /// `android` for the SMS Retriever API, `web` for the Web OTP API.
        "platform" "platform": req Ty::Enum(&APP_REALM_PLATFORM),
        /// The 11-character app hash (Android) or the origin domain (web).
        "value" "value": req Ty::Str(checks::text),
    }
}

enumeration! {
    /// A delivery channel you can ask for (voice is chosen with `method`).
    pub static REQUEST_CHANNEL = closed "RequestChannel" {
        /// SMS.
        "sms",
        /// RCS.
        "rcs",
        /// WhatsApp.
        "whatsapp",
        /// Viber.
        "viber",
        /// Zalo.
        "zalo",
        /// Telegram.
        "telegram",
    }
}

enumeration! {
    /// How to reach the user.
    pub static METHOD = closed "VerificationMethodOption" {
        /// Let Prelude choose (may include silent verification).
        "auto",
        /// Read the code in a phone call.
        "voice",
        /// Force a message channel; no silent verification.
        "message",
    }
}

model! {
    /// Settings for this verification. All optional; several are opt-in
    /// features Prelude must enable for the account (`customCode`,
    /// `channels`, `forceChallenge`, `maxAutoFallbacks`).
    pub static VERIFICATION_OPTIONS = "VerificationOptions" {
        /// Verification template; `prelude:psd2` selects the PSD2 template
        /// (check its codes with `psd2`).
        "template_id" "templateId": opt Ty::Str(checks::text),
        /// Values for the template's placeholders.
        "variables" "variables": opt Ty::Map(checks::long_text),
        /// BCP-47 language of the message; by default the number's country decides.
        "locale" "locale": opt Ty::Str(checks::locale),
        /// Sender ID to send from; it must be enabled for the account.
        "sender_id" "senderId": opt Ty::Str(checks::text),
        /// Your HTTPS endpoint for this verification's webhooks (see `verifyWebhook`).
        "callback_url" "callbackUrl": opt Ty::Str(checks::url),
        /// How to reach the user.
        "method" "method": opt Ty::Enum(&METHOD),
        /// Channel to favour; not with `channels`.
        "preferred_channel" "preferredChannel": opt Ty::Enum(&REQUEST_CHANNEL),
        /// The only channels this verification may use, in order; not with `preferredChannel`.
        "channels" "channels": opt Ty::List { item: &Ty::Enum(&REQUEST_CHANNEL), max: 6 },
        /// Length of the generated code, 4 to 8; not with `customCode`.
        "code_size" "codeSize": opt Ty::Int { min: 4, max: 8 },
        /// A code of your own (4 to 8 characters), different for each request; not with `codeSize`.
        "custom_code" "customCode": opt Ty::Str(checks::custom_code),
        /// Automatic code reading by your app or page.
        "app_realm" "appRealm": opt Ty::Obj(&APP_REALM),
        /// Only challenge-safe channels (neither SMS nor voice): `status: "challenged"`.
        "force_challenge" "forceChallenge": opt Ty::Bool,
        /// How many delivery attempts Prelude may add by itself (0: exactly one attempt).
        "max_auto_fallbacks" "maxAutoFallbacks": opt Ty::Int { min: 0, max: 4_294_967_295 },
    }
    exclusive: [("channels", "preferredChannel"), ("customCode", "codeSize")]
}

model! {
    /// What `verification.create` needs: the target, and optional settings and signals.
    pub static VERIFICATION_CREATE_REQUEST = "VerificationCreateRequest" {
        /// Who to send the code to.
        "target" "target": req TARGET_TY,
        /// The 36-character id a Prelude front-end SDK gave after collecting device signals.
        "dispatch_id" "dispatchId": opt Ty::Str(checks::dispatch_id),
        /// Data Prelude returns in answers and webhooks.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
        /// Settings of this verification.
        "options" "options": opt Ty::Obj(&VERIFICATION_OPTIONS),
        /// Anti-fraud signals.
        "signals" "signals": opt Ty::Obj(&SIGNALS),
    }
}

enumeration! {
    /// Result of `verification.create`. A 200 answer does not mean a message went out.
    pub static VERIFICATION_STATUS = open "VerificationStatus" {
        /// A new verification window was opened and a code is on its way.
        "success",
        /// A window was already open for this target: another attempt was made in it.
        "retry",
        /// Looks suspicious: only non-SMS, non-voice channels will be used.
        "challenged",
        /// Refused, nothing was sent: see `reason`.
        "blocked",
        /// A block rule matched but was not enforced (dry run); the code was sent.
        "shadow_blocked",
    }
}

enumeration! {
    /// How a verification reaches the user.
    pub static VERIFICATION_METHOD = open "VerificationMethod" {
        /// An e-mail.
        "email",
        /// A message on some channel (SMS, WhatsApp, RCS...).
        "message",
        /// Network-based silent verification: see `silent.requestUrl`.
        "silent",
        /// A phone call reading the code.
        "voice",
    }
}

enumeration! {
    /// A channel in the planned sequence of a verification.
    pub static RESPONSE_CHANNEL = open "ResponseChannel" {
        /// RCS.
        "rcs",
        /// Silent verification.
        "silent",
        /// SMS.
        "sms",
        /// Telegram.
        "telegram",
        /// Viber.
        "viber",
        /// A voice call.
        "voice",
        /// WhatsApp.
        "whatsapp",
        /// Zalo.
        "zalo",
    }
}

enumeration! {
    /// Why a verification was blocked (or would have been, for `shadow_blocked`).
    pub static BLOCK_REASON = open "BlockReason" {
        /// The signed front-end SDK signals are too old.
        "expired_signature",
        /// The number is on the account's block list.
        "in_block_list",
        /// The number is not a usable line (a landline, for example).
        "invalid_phone_line",
        /// The number does not exist.
        "invalid_phone_number",
        /// The signature of the front-end SDK signals does not check out.
        "invalid_signature",
        /// Too many verifications for this number.
        "repeated_attempts",
        /// The anti-fraud system judged the request suspicious.
        "suspicious",
    }
}

enumeration! {
    /// A signal behind a block or a suspicious prediction. For your logs,
    /// not for end users.
    pub static RISK_FACTOR = open "RiskFactor" {
        /// The number's past verification behaviour looks abusive.
        "behavioral_pattern",
        /// The device has traits seen in abuse.
        "device_attribute",
        /// The number is in a fraud database.
        "fraud_database",
        /// The number's country and the IP location disagree.
        "location_discrepancy",
        /// The network connection has traits seen in abuse.
        "network_fingerprint",
        /// Codes sent to this number are rarely confirmed.
        "poor_conversion_history",
        /// The number lies in a range associated with abuse.
        "prefix_concentration",
        /// The front-end SDK signature is invalid; the request may be forged.
        "suspected_request_tampering",
        /// The IP address is associated with abuse.
        "suspicious_ip_address",
        /// The number is a known disposable number.
        "temporary_phone_number",
    }
}

model! {
    /// Present for silent verifications.
    pub static SILENT_INFO = "SilentInfo" {
        /// URL the end user's device must request over its mobile data connection.
        "request_url" "requestUrl": req Ty::Str(checks::any),
    }
}

model! {
    /// Answer of `verification.create`. Read `status`: `blocked` sent nothing.
    pub static VERIFICATION_CREATE_RESPONSE = "VerificationCreateResponse" {
        /// Identifier of the verification (`vrf_…`); the same for a `retry`.
        "id" "id": req Ty::Str(checks::any),
        /// The outcome.
        "status" "status": req Ty::Enum(&VERIFICATION_STATUS),
        /// How the code reaches the user.
        "method" "method": req Ty::Enum(&VERIFICATION_METHOD),
        /// Why it was blocked; only with `blocked` or `shadow_blocked`.
        "reason" "reason": opt Ty::Enum(&BLOCK_REASON),
        /// Risk signals found; only with `blocked` or `shadow_blocked`.
        "risk_factors" "riskFactors": opt Ty::List { item: &Ty::Enum(&RISK_FACTOR), max: u32::MAX },
        /// Channels planned for this verification, in order.
        "channels" "channels": opt Ty::List { item: &Ty::Enum(&RESPONSE_CHANNEL), max: u32::MAX },
        /// For a silent verification.
        "silent" "silent": opt Ty::Obj(&SILENT_INFO),
        /// Your metadata, echoed.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
        /// Id of this API request: quote it to support.
        "request_id" "requestId": opt Ty::Str(checks::any),
    }
}

model! {
    /// Transaction data of a `prelude:psd2` code; it must match what was given at issuance.
    pub static PSD2_TRANSACTION = "Psd2Transaction" {
        /// Amount as a decimal string (`149.90`).
        "amount" "amount": req Ty::Str(checks::amount),
        /// ISO 4217 currency code (`EUR`).
        "currency" "currency": req Ty::Str(checks::currency),
        /// Payee name shown to the payer.
        "recipient" "recipient": req Ty::Str(checks::text),
    }
}

model! {
    /// What `verification.check` needs: the target and the code the user typed.
    pub static VERIFICATION_CHECK_REQUEST = "VerificationCheckRequest" {
        /// The target the code was sent to.
        "target" "target": req TARGET_TY,
        /// The code as typed (a string, so leading zeros survive).
        "code" "code": req Ty::Str(checks::code),
        /// For `prelude:psd2` codes: the transaction they were issued for.
        "psd2" "psd2": opt Ty::Obj(&PSD2_TRANSACTION),
    }
}

enumeration! {
    /// Result of a check. A wrong code is `failure`, not an error.
    pub static CHECK_STATUS = open "CheckStatus" {
        /// The code is right: the target is verified.
        "success",
        /// The code is wrong.
        "failure",
        /// No open verification for this target (expired, never created, or
        /// already used): ask the user to request a new code.
        "expired_or_not_found",
        /// A PSD2 code checked without `psd2`.
        "transaction_missing",
        /// `psd2` differs from the data given at issuance.
        "transaction_mismatch",
    }
}

model! {
    /// Answer of `verification.check`.
    pub static VERIFICATION_CHECK_RESPONSE = "VerificationCheckResponse" {
        /// The outcome.
        "status" "status": req Ty::Enum(&CHECK_STATUS),
        /// The verification that was checked, when there was one.
        "id" "id": opt Ty::Str(checks::any),
        /// Your metadata, echoed.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
        /// Id of this API request: quote it to support.
        "request_id" "requestId": opt Ty::Str(checks::any),
    }
}
