//! The v1 contract's types, one file per resource, and the list of their
//! TypeScript declarations (`ts/ding.d.ts`).

mod errors;
mod lookup;
mod otp;
mod status;

pub use errors::*;
pub use lookup::*;
pub use otp::*;
pub use status::*;

use crate::core::typescript::Decl;

/// Every declaration of `ts/ding.d.ts`, in order (kept in sync by a native test).
pub static DECLARATIONS: &[Decl] = &[
    Decl::Enum(&DEVICE_TYPE),
    Decl::Model(&CREATE_AUTHENTICATION_REQUEST),
    Decl::Enum(&AUTHENTICATION_STATUS),
    Decl::Model(&CREATE_AUTHENTICATION_RESPONSE),
    Decl::Model(&CREATE_CHECK_REQUEST),
    Decl::Enum(&CHECK_STATUS),
    Decl::Model(&CREATE_CHECK_RESPONSE),
    Decl::Model(&RETRY_AUTHENTICATION_REQUEST),
    Decl::Enum(&RETRY_STATUS),
    Decl::Model(&RETRY_AUTHENTICATION_RESPONSE),
    Decl::Enum(&FEEDBACK_STATUS),
    Decl::Model(&FEEDBACK_REQUEST),
    Decl::Model(&FEEDBACK_RESPONSE),
    Decl::Enum(&SIGNALS_DEVICE_TYPE),
    Decl::Model(&SIGNALS),
    Decl::Enum(&CAPABILITY),
    Decl::Enum(&ATTEMPT_STATUS),
    Decl::Enum(&DELIVERY_STATUS_VALUE),
    Decl::Enum(&BALANCE_UPDATE_TYPE),
    Decl::Union(&AUTHENTICATION_EVENT),
    Decl::Model(&AUTHENTICATION_STATUS_RESPONSE),
    Decl::Enum(&LOOKUP_FEATURE),
    Decl::Enum(&LINE_TYPE),
    Decl::Model(&LOOKUP_RESPONSE),
    Decl::Enum(&ERROR_CODE),
    Decl::Model(&ERROR_RESPONSE),
];
