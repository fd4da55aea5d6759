//! The body of an error answer: `{ code, message, param }`. The SDK reads it
//! leniently (`core::error::ErrorBody`); these declarations give its
//! TypeScript and are checked against the contract.

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Machine-readable reason of an error (`err.code`). Open: codes are added often.
    pub static ERROR_CODE = open "ErrorCode" {
        /// Batch too large (Notify).
        "batch_size_exceeded",
        /// Verification blocked (Supabase integration only).
        "blocked",
        /// Message category not allowed in that country (Notify).
        "category_forbidden",
        /// A requested channel is not active for the destination.
        "channel_not_enabled_in_region",
        /// `customCode` is not enabled for the account.
        "custom_code_not_allowed",
        /// `customCode` and `codeSize` were both given.
        "custom_size_conflict",
        /// E-mail targets are not enabled for the account.
        "email_verification_not_allowed",
        /// Empty batch (Notify).
        "empty_batch",
        /// `expires_at` in the past (Transactional).
        "expires_at_in_past",
        /// `expires_at` too far ahead (Transactional).
        "expires_at_too_far_in_future",
        /// The balance cannot pay for the message.
        "insufficient_balance",
        /// Server-side failure; retry later.
        "internal",
        /// The API key is not valid.
        "invalid_api_key",
        /// The API key is not valid (older name).
        "invalid_api_token",
        /// `appRealm` lacks `platform` or `value`.
        "invalid_app_realm",
        /// `appRealm.platform` is neither `android` nor `web`.
        "invalid_app_realm_platform",
        /// `appRealm.value` is not an app hash or a web origin.
        "invalid_app_realm_value",
        /// The bearer token is not valid.
        "invalid_bearer_token",
        /// `callbackUrl` is not acceptable.
        "invalid_callback_url",
        /// `codeSize` outside 4 to 8.
        "invalid_code_size",
        /// `correlationId` too long.
        "invalid_correlation_id",
        /// `customCode` not acceptable.
        "invalid_custom_code",
        /// Customer UUID not valid (Supabase integration only).
        "invalid_customer_uuid",
        /// Bad date (Transactional).
        "invalid_date_format",
        /// Bad `deviceId`.
        "invalid_device_id",
        /// The number is not a mobile line.
        "invalid_line_type",
        /// `locale` is not a BCP-47 tag.
        "invalid_locale",
        /// Bad `osVersion`.
        "invalid_os_version",
        /// Not a valid E.164 number.
        "invalid_phone_number",
        /// The request does not match the API.
        "invalid_request",
        /// `senderId` not valid.
        "invalid_sender_id",
        /// Unknown template.
        "invalid_template_id",
        /// Bad template variables.
        "invalid_template_variables",
        /// No API key was sent.
        "missing_api_token",
        /// The account is suspended.
        "suspended_account",
        /// Template not found.
        "template_not_found",
        /// Template not registered in that country.
        "template_not_registered_in_country",
        /// Destination country not served.
        "unsupported_country",
    }
}

model! {
    /// Body of an error answer; every member is optional.
    pub static ERROR_RESPONSE = "ErrorResponse" {
        /// Machine-readable reason.
        "code" "code": opt Ty::Enum(&ERROR_CODE),
        /// Readable explanation, for logs, not for end users.
        "message" "message": opt Ty::Str(checks::any),
        /// The request input the error is about (`target.value`).
        "param" "param": opt Ty::Str(checks::any),
    }
}
