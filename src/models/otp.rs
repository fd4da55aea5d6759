//! Requests and answers of the four OTP operations: send a code
//! (`POST /authentication`), check it (`POST /check`), resend it
//! (`POST /retry`) and report onboarding (`POST /authentication/feedback`).

use crate::checks;
use crate::model::{request, response, string_enum};
use crate::time::Timestamp;

string_enum! {
    /// Platform of the end user's device, as accepted when sending a code.
    closed enum DeviceType {
        /// iOS.
        Ios = "IOS",
        /// Android.
        Android = "ANDROID",
        /// A web browser.
        Web = "WEB",
    }
}

request! {
    /// What `createAuthentication` needs: who you are, the number to send a
    /// code to, and optional message settings and fraud signals.
    pub struct CreateAuthenticationRequest {
        /// Your customer UUID, shown in the API settings of the Ding dashboard.
        customer_uuid as "customerUuid": req String => checks::uuid,
        /// The number to send the code to, in E.164 form (`+14155550123`).
        phone_number as "phoneNumber": req String => checks::e164,
        /// Public IPv4 address of the end user's device (fraud signal).
        ip as "ip": opt String => checks::ipv4,
        /// Stable device identifier: `ANDROID_ID` or `identifierForVendor` (fraud signal).
        device_id as "deviceId": opt String => checks::text,
        /// Platform of the end user's device (fraud signal).
        device_type as "deviceType": opt DeviceType,
        /// Hardware model of the device, like `iPhone15,2` (fraud signal).
        device_model as "deviceModel": opt String => checks::text,
        /// Operating-system version of the device (fraud signal).
        os_version as "osVersion": opt String => checks::text,
        /// Version of your app (fraud signal).
        app_version as "appVersion": opt String => checks::text,
        /// Android SMS Retriever hash of your app; the server wants `deviceType` with it.
        app_realm as "appRealm": opt String => checks::text,
        /// True when you already trust this user (a known, verified customer).
        is_returning_user as "isReturningUser": opt bool,
        /// Webhook URL that receives delivery status updates for this authentication.
        callback_url as "callbackUrl": opt String => checks::url,
        /// Message template (content variant) to use.
        template_id as "templateId": opt String => checks::text,
        /// Sender ID to send from; it must be allowed for your account.
        sender_id as "senderId": opt String => checks::text,
        /// Free-form id of yours, echoed in webhooks and in the status.
        correlation_id as "correlationId": opt String => checks::text,
        /// BCP-47 language of the message (`fr-FR`); by default the number's country decides.
        locale as "locale": opt String => checks::locale,
    }
}

string_enum! {
    /// State of a new authentication. Only `pending` means a code is on its way.
    open enum AuthenticationStatus {
        /// A code is being sent.
        Pending = "pending",
        /// The number hit its limit: no code was sent.
        RateLimited = "rate_limited",
        /// The request looks fraudulent: no code was sent.
        SpamDetected = "spam_detected",
    }
}

response! {
    /// Answer of `createAuthentication`. Check `status`: a success does not
    /// always mean a code was sent.
    pub struct CreateAuthenticationResponse {
        /// Handle of the new authentication, for `check`, `retry` and `getAuthenticationStatus`.
        authentication_uuid as "authenticationUuid": String,
        /// Whether a code is on its way.
        status as "status": AuthenticationStatus,
        /// When the authentication was created.
        created_at as "createdAt": Timestamp,
        /// After this instant the authentication can neither be checked nor retried.
        expires_at as "expiresAt": Timestamp,
    }
}

request! {
    /// What `check` needs: the authentication and the code the user typed.
    pub struct CreateCheckRequest {
        /// Your customer UUID.
        customer_uuid as "customerUuid": req String => checks::uuid,
        /// The `authenticationUuid` returned by `createAuthentication`.
        authentication_uuid as "authenticationUuid": req String => checks::uuid,
        /// The code as typed by the user (a string, so leading zeros survive).
        check_code as "checkCode": req String => checks::code,
    }
}

string_enum! {
    /// Result of a code check.
    open enum CheckStatus {
        /// The server could not determine a result.
        Unknown = "unknown",
        /// The code matches: the user is verified.
        Valid = "valid",
        /// The code does not match.
        Invalid = "invalid",
        /// No code has been sent for this authentication.
        WithoutAttempt = "without_attempt",
        /// Too many checks: this authentication can no longer be checked.
        RateLimited = "rate_limited",
        /// An earlier check already succeeded.
        AlreadyValidated = "already_validated",
        /// The authentication is past its `expiresAt`.
        ExpiredAuth = "expired_auth",
    }
}

response! {
    /// Answer of `check`. A wrong code is `status: "invalid"`, not an error.
    pub struct CreateCheckResponse {
        /// The authentication that was checked.
        authentication_uuid as "authenticationUuid": String,
        /// The outcome of the check.
        status as "status": CheckStatus,
    }
}

request! {
    /// What `retry` needs: the authentication to send a new code for.
    pub struct RetryAuthenticationRequest {
        /// Your customer UUID.
        customer_uuid as "customerUuid": req String => checks::uuid,
        /// The `authenticationUuid` returned by `createAuthentication`.
        authentication_uuid as "authenticationUuid": req String => checks::uuid,
    }
}

string_enum! {
    /// Outcome of a retry. Only `approved` means a new code was sent.
    open enum RetryStatus {
        /// A new code has been sent.
        Approved = "approved",
        /// Refused, for instance because it came too early (see `nextRetryAt`).
        Denied = "denied",
        /// Nothing was sent at first, so there is nothing to retry.
        NoAttempt = "no_attempt",
        /// Rate limited: no more retries.
        RateLimited = "rate_limited",
        /// The authentication has expired.
        ExpiredAuth = "expired_auth",
        /// The user is already verified.
        AlreadyValidated = "already_validated",
    }
}

response! {
    /// Answer of `retry`.
    pub struct RetryAuthenticationResponse {
        /// The authentication that was retried.
        authentication_uuid as "authenticationUuid": String,
        /// Whether a new code was sent.
        status as "status": RetryStatus,
        /// When this retry was recorded.
        created_at as "createdAt": Timestamp,
        /// Earliest instant at which another retry may be asked for.
        next_retry_at as "nextRetryAt": Timestamp,
        /// How many more retries this authentication allows.
        remaining_retry as "remainingRetry": i64,
    }
}

string_enum! {
    /// Onboarding outcome reported by `feedback`.
    closed enum FeedbackStatus {
        /// The user completed sign-up.
        Onboarded = "onboarded",
        /// The user did not complete sign-up.
        NotOnboarded = "not_onboarded",
    }
}

request! {
    /// What `feedback` needs: the number and whether its user finished onboarding.
    pub struct FeedbackRequest {
        /// Your customer UUID.
        customer_uuid as "customerUuid": req String => checks::uuid,
        /// The number that went through the OTP flow, in E.164 form.
        phone_number as "phoneNumber": req String => checks::e164,
        /// Whether the user finished onboarding.
        status as "status": req FeedbackStatus,
    }
}

response! {
    /// Answer of `feedback`.
    pub struct FeedbackResponse {
        /// Identifier of the stored feedback record.
        uuid as "uuid": String,
    }
}
