//! The contract's models, one file per resource, and the TypeScript
//! declarations generated from them.

mod errors;
mod lookup;
mod otp;
mod status;

pub use errors::{ErrorCode, ErrorResponse};
pub use lookup::{LineType, LookupFeature, LookupResponse};
pub use otp::{
    AuthenticationStatus, CheckStatus, CreateAuthenticationRequest, CreateAuthenticationResponse, CreateCheckRequest,
    CreateCheckResponse, DeviceType, FeedbackRequest, FeedbackResponse, FeedbackStatus, RetryAuthenticationRequest,
    RetryAuthenticationResponse, RetryStatus,
};
pub use status::{
    AttemptEvent, AttemptStatus, AuthenticationEvent, AuthenticationStatusResponse, BalanceUpdateEvent,
    BalanceUpdateType, Capability, CheckEvent, DeliveryStatusEvent, DeliveryStatusValue, Signals, SignalsDeviceType,
    UnknownEvent,
};

/// The TypeScript declarations of every request, response and enum, in the
/// order they appear in `ts/models.d.ts` (kept in sync by a native test).
pub fn typescript_declarations() -> String {
    let parts = [
        DeviceType::ts_decl(),
        CreateAuthenticationRequest::ts_decl(),
        AuthenticationStatus::ts_decl(),
        CreateAuthenticationResponse::ts_decl(),
        CreateCheckRequest::ts_decl(),
        CheckStatus::ts_decl(),
        CreateCheckResponse::ts_decl(),
        RetryAuthenticationRequest::ts_decl(),
        RetryStatus::ts_decl(),
        RetryAuthenticationResponse::ts_decl(),
        FeedbackStatus::ts_decl(),
        FeedbackRequest::ts_decl(),
        FeedbackResponse::ts_decl(),
        SignalsDeviceType::ts_decl(),
        Signals::ts_decl(),
        Capability::ts_decl(),
        AttemptStatus::ts_decl(),
        DeliveryStatusValue::ts_decl(),
        BalanceUpdateType::ts_decl(),
        AuthenticationEvent::ts_decl(),
        AuthenticationStatusResponse::ts_decl(),
        LookupFeature::ts_decl(),
        LineType::ts_decl(),
        LookupResponse::ts_decl(),
        ErrorCode::ts_decl(),
    ];
    let mut s =
        String::from("// Generated from the Rust models by `cargo test` (see src/models/mod.rs). Do not edit.\n");
    for p in parts {
        s.push('\n');
        s.push_str(&p);
    }
    s
}
