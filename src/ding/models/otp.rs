//! Requests and answers of the four OTP operations: send a code
//! (`POST /authentication`), check it (`POST /check`), resend it
//! (`POST /retry`) and report onboarding (`POST /authentication/feedback`).

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Platform of the end user's device, as accepted when sending a code.
    pub static DEVICE_TYPE = closed "DeviceType" {
        /// iOS.
        "IOS",
        /// Android.
        "ANDROID",
        /// A web browser.
        "WEB",
    }
}

model! {
    /// What `createAuthentication` needs: who you are, the number to send a
    /// code to, and optional message settings and fraud signals.
    pub static CREATE_AUTHENTICATION_REQUEST = "CreateAuthenticationRequest" {
        /// Your customer UUID, shown in the API settings of the Ding dashboard.
        "customer_uuid" "customerUuid": req Ty::Str(checks::uuid),
        /// The number to send the code to, in E.164 form (`+14155550123`).
        "phone_number" "phoneNumber": req Ty::Str(checks::e164),
        /// Public IPv4 address of the end user's device (fraud signal). An
        /// IPv4-mapped IPv6 address (`::ffff:203.0.113.42`, as Node gives it)
        /// is sent as IPv4; the v1 API takes no other IPv6 address.
        "ip" "ip": opt Ty::Ip { v6: false },
        /// Stable device identifier: `ANDROID_ID` or `identifierForVendor` (fraud signal).
        "device_id" "deviceId": opt Ty::Str(checks::text),
        /// Platform of the end user's device (fraud signal).
        "device_type" "deviceType": opt Ty::Enum(&DEVICE_TYPE),
        /// Hardware model of the device, like `iPhone15,2` (fraud signal).
        "device_model" "deviceModel": opt Ty::Str(checks::text),
        /// Operating-system version of the device (fraud signal).
        "os_version" "osVersion": opt Ty::Str(checks::text),
        /// Version of your app (fraud signal).
        "app_version" "appVersion": opt Ty::Str(checks::text),
        /// Android SMS Retriever hash of your app; the server wants `deviceType` with it.
        "app_realm" "appRealm": opt Ty::Str(checks::text),
        /// True when you already trust this user (a known, verified customer).
        "is_returning_user" "isReturningUser": opt Ty::Bool,
        /// Webhook URL that receives delivery status updates for this authentication.
        "callback_url" "callbackUrl": opt Ty::Str(checks::url),
        /// Message template (content variant) to use.
        "template_id" "templateId": opt Ty::Str(checks::text),
        /// Sender ID to send from; it must be allowed for your account.
        "sender_id" "senderId": opt Ty::Str(checks::text),
        /// Free-form id of yours, echoed in webhooks and in the status.
        "correlation_id" "correlationId": opt Ty::Str(checks::text),
        /// BCP-47 language of the message (`fr-FR`); by default the number's country decides.
        "locale" "locale": opt Ty::Str(checks::locale),
    }
}

enumeration! {
    /// State of a new authentication. Only `pending` means a code is on its way.
    pub static AUTHENTICATION_STATUS = open "AuthenticationStatus" {
        /// A code is being sent.
        "pending",
        /// The number hit its limit: no code was sent.
        "rate_limited",
        /// The request looks fraudulent: no code was sent.
        "spam_detected",
    }
}

model! {
    /// Answer of `createAuthentication`. Check `status`: a success does not
    /// always mean a code was sent.
    pub static CREATE_AUTHENTICATION_RESPONSE = "CreateAuthenticationResponse" {
        /// Handle of the new authentication, for `check`, `retry` and `getAuthenticationStatus`.
        "authentication_uuid" "authenticationUuid": opt Ty::Str(checks::any),
        /// Whether a code is on its way.
        "status" "status": opt Ty::Enum(&AUTHENTICATION_STATUS),
        /// When the authentication was created.
        "created_at" "createdAt": opt Ty::Date,
        /// After this instant the authentication can neither be checked nor retried.
        "expires_at" "expiresAt": opt Ty::Date,
    }
}

model! {
    /// What `check` needs: the authentication and the code the user typed.
    pub static CREATE_CHECK_REQUEST = "CreateCheckRequest" {
        /// Your customer UUID.
        "customer_uuid" "customerUuid": req Ty::Str(checks::uuid),
        /// The `authenticationUuid` returned by `createAuthentication`.
        "authentication_uuid" "authenticationUuid": req Ty::Str(checks::uuid),
        /// The code as typed by the user (a string, so leading zeros survive).
        "check_code" "checkCode": req Ty::Str(checks::code),
    }
}

enumeration! {
    /// Result of a code check.
    pub static CHECK_STATUS = open "CheckStatus" {
        /// The server could not determine a result.
        "unknown",
        /// The code matches: the user is verified.
        "valid",
        /// The code does not match.
        "invalid",
        /// No code has been sent for this authentication.
        "without_attempt",
        /// Too many checks: this authentication can no longer be checked.
        "rate_limited",
        /// An earlier check already succeeded. Not a sign-in: this code was
        /// used before, so the user must start again.
        "already_validated",
        /// The authentication is past its `expiresAt`.
        "expired_auth",
    }
}

model! {
    /// Answer of `check`. A wrong code is `status: "invalid"`, not an error.
    pub static CREATE_CHECK_RESPONSE = "CreateCheckResponse" {
        /// The authentication that was checked.
        "authentication_uuid" "authenticationUuid": opt Ty::Str(checks::any),
        /// The outcome of the check.
        "status" "status": opt Ty::Enum(&CHECK_STATUS),
    }
}

model! {
    /// What `retry` needs: the authentication to send a new code for.
    pub static RETRY_AUTHENTICATION_REQUEST = "RetryAuthenticationRequest" {
        /// Your customer UUID.
        "customer_uuid" "customerUuid": req Ty::Str(checks::uuid),
        /// The `authenticationUuid` returned by `createAuthentication`.
        "authentication_uuid" "authenticationUuid": req Ty::Str(checks::uuid),
    }
}

enumeration! {
    /// Outcome of a retry. Only `approved` means a new code was sent.
    pub static RETRY_STATUS = open "RetryStatus" {
        /// A new code has been sent.
        "approved",
        /// Refused, for instance because it came too early (see `nextRetryAt`).
        "denied",
        /// Nothing was sent at first, so there is nothing to retry.
        "no_attempt",
        /// Rate limited: no more retries.
        "rate_limited",
        /// The authentication has expired.
        "expired_auth",
        /// The user is already verified.
        "already_validated",
    }
}

model! {
    /// Answer of `retry`.
    pub static RETRY_AUTHENTICATION_RESPONSE = "RetryAuthenticationResponse" {
        /// The authentication that was retried.
        "authentication_uuid" "authenticationUuid": opt Ty::Str(checks::any),
        /// Whether a new code was sent.
        "status" "status": opt Ty::Enum(&RETRY_STATUS),
        /// When this retry was recorded.
        "created_at" "createdAt": opt Ty::Date,
        /// Earliest instant at which another retry may be asked for.
        "next_retry_at" "nextRetryAt": opt Ty::Date,
        /// How many more retries this authentication allows.
        "remaining_retry" "remainingRetry": opt Ty::Int { min: 0, max: i64::MAX },
    }
}

enumeration! {
    /// Onboarding outcome reported by `feedback`.
    pub static FEEDBACK_STATUS = closed "FeedbackStatus" {
        /// The user completed sign-up.
        "onboarded",
        /// The user did not complete sign-up.
        "not_onboarded",
    }
}

model! {
    /// What `feedback` needs: the number and whether its user finished onboarding.
    pub static FEEDBACK_REQUEST = "FeedbackRequest" {
        /// Your customer UUID.
        "customer_uuid" "customerUuid": req Ty::Str(checks::uuid),
        /// The number that went through the OTP flow, in E.164 form.
        "phone_number" "phoneNumber": req Ty::Str(checks::e164),
        /// Whether the user finished onboarding.
        "status" "status": req Ty::Enum(&FEEDBACK_STATUS),
    }
}

model! {
    /// Answer of `feedback`.
    pub static FEEDBACK_RESPONSE = "FeedbackResponse" {
        /// Identifier of the stored feedback record.
        "uuid" "uuid": opt Ty::Str(checks::any),
    }
}
