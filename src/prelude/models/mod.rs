//! The v2 contract's types, one file per resource, and the list of their
//! TypeScript declarations (`ts/prelude.d.ts`).

mod errors;
mod lookup;
mod management;
mod verification;
mod watch;
mod webhook;

pub use errors::*;
pub use lookup::*;
pub use management::*;
pub use verification::*;
pub use watch::*;
pub use webhook::*;

use crate::core::typescript::Decl;

/// Every declaration of `ts/prelude.d.ts`, in order (kept in sync by a native test).
pub static DECLARATIONS: &[Decl] = &[
    Decl::Union(&TARGET),
    Decl::Model(&METADATA),
    Decl::Enum(&DEVICE_PLATFORM),
    Decl::Model(&SIGNALS),
    Decl::Enum(&APP_REALM_PLATFORM),
    Decl::Model(&APP_REALM),
    Decl::Enum(&REQUEST_CHANNEL),
    Decl::Enum(&METHOD),
    Decl::Model(&VERIFICATION_OPTIONS),
    Decl::Model(&VERIFICATION_CREATE_REQUEST),
    Decl::Enum(&VERIFICATION_STATUS),
    Decl::Enum(&VERIFICATION_METHOD),
    Decl::Enum(&RESPONSE_CHANNEL),
    Decl::Enum(&BLOCK_REASON),
    Decl::Enum(&RISK_FACTOR),
    Decl::Model(&SILENT_INFO),
    Decl::Model(&VERIFICATION_CREATE_RESPONSE),
    Decl::Model(&PSD2_TRANSACTION),
    Decl::Model(&VERIFICATION_CHECK_REQUEST),
    Decl::Enum(&CHECK_STATUS),
    Decl::Model(&VERIFICATION_CHECK_RESPONSE),
    Decl::Enum(&LOOKUP_FEATURE),
    Decl::Model(&LOOKUP_PARAMS),
    Decl::Enum(&LOOKUP_FLAG),
    Decl::Enum(&LINE_TYPE),
    Decl::Model(&NETWORK_INFO),
    Decl::Model(&LOOKUP_RESPONSE),
    Decl::Model(&WATCH_PREDICT_REQUEST),
    Decl::Enum(&PREDICTION),
    Decl::Model(&WATCH_PREDICT_RESPONSE),
    Decl::Enum(&FEEDBACK_TYPE),
    Decl::Model(&WATCH_FEEDBACK),
    Decl::Model(&WATCH_FEEDBACKS_REQUEST),
    Decl::Enum(&EVENT_CONFIDENCE),
    Decl::Model(&WATCH_EVENT),
    Decl::Model(&WATCH_EVENTS_REQUEST),
    Decl::Enum(&ACCEPTED_STATUS),
    Decl::Model(&WATCH_ACCEPTED_RESPONSE),
    Decl::Enum(&LIST_ACTION),
    Decl::Model(&MANAGED_PHONE_NUMBER_REQUEST),
    Decl::Model(&MANAGED_PHONE_NUMBER_RESPONSE),
    Decl::Model(&MANAGED_PHONE_NUMBER),
    Decl::Model(&MANAGED_PHONE_NUMBER_LIST),
    Decl::Enum(&SENDER_ID_STATUS),
    Decl::Model(&SENDER_ID),
    Decl::Model(&SENDER_ID_LIST),
    Decl::Model(&SENDER_ID_SUBMIT_REQUEST),
    Decl::Model(&SENDER_ID_SUBMIT_RESPONSE),
    Decl::Enum(&ERROR_CODE),
    Decl::Model(&ERROR_RESPONSE),
    Decl::Enum(&TARGET_TYPE),
    Decl::Model(&EVENT_TARGET),
    Decl::Model(&WEBHOOK_PRICE),
    Decl::Model(&VERIFY_AUTHENTICATION_PAYLOAD),
    Decl::Model(&VERIFY_ATTEMPT_PAYLOAD),
    Decl::Enum(&DELIVERY_STATUS),
    Decl::Model(&VERIFY_DELIVERY_STATUS_PAYLOAD),
    Decl::Union(&VERIFY_WEBHOOK_EVENT),
];
