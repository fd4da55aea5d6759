//! Inputs that several v2 operations share: target, metadata, signals and
//! dispatch id, each checked with the contract's codes.

use serde::Serialize;

use super::json::{invalid, Obj};
use crate::error::V2Error;
use crate::validate::{has_control_char, is_e164, is_email, is_ipv4, is_ipv6};

/// Longest `metadata.correlation_id`.
const MAX_CORRELATION_ID: usize = 64;

/// Kinds of target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// An E.164 number.
    PhoneNumber,
    /// An e-mail address.
    EmailAddress,
}

/// What a request is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Target {
    /// `phone_number` or `email_address`.
    #[serde(rename = "type")]
    pub kind: TargetKind,
    /// The number or the address.
    pub value: String,
}

impl Target {
    /// The key of the target's verification window (addresses ignore case).
    pub fn key(&self) -> String {
        match self.kind {
            TargetKind::PhoneNumber => self.value.clone(),
            TargetKind::EmailAddress => self.value.to_ascii_lowercase(),
        }
    }

    /// The number, for phone targets.
    pub fn phone(&self) -> Option<&str> {
        (self.kind == TargetKind::PhoneNumber).then_some(self.value.as_str())
    }
}

/// Reads the required `target` member of `obj`.
pub fn target(obj: &Obj) -> Result<Target, V2Error> {
    let field = obj.required("target")?;
    let target = field.obj()?;
    let kind = target.req_str("type")?;
    let value = target.req_str("value")?;
    let param = target.param("value");
    match kind {
        "phone_number" if is_e164(value) => Ok(Target { kind: TargetKind::PhoneNumber, value: value.to_owned() }),
        "phone_number" => {
            Err(V2Error::new("invalid_phone_number", &param, format!("{value:?} is not a valid E.164 phone number")))
        }
        "email_address" if is_email(value) => Ok(Target { kind: TargetKind::EmailAddress, value: value.to_owned() }),
        "email_address" => Err(invalid(&param, format!("{value:?} is not a valid e-mail address"))),
        _ => Err(invalid(&target.param("type"), "target.type must be phone_number or email_address")),
    }
}

/// `metadata`, as echoed in answers and webhooks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Your own identifier, at most 64 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
}

/// Reads the optional `metadata` member of `obj`.
pub fn metadata(obj: &Obj) -> Result<Option<Metadata>, V2Error> {
    let Some(field) = obj.field("metadata") else {
        return Ok(None);
    };
    let meta = field.obj()?;
    let correlation_id = meta.str("correlation_id")?;
    if let Some(id) = correlation_id {
        if id.chars().count() > MAX_CORRELATION_ID || has_control_char(id) {
            let message = format!("correlation_id must be at most {MAX_CORRELATION_ID} characters");
            return Err(V2Error::new("invalid_correlation_id", &meta.param("correlation_id"), message));
        }
    }
    Ok(Some(Metadata { correlation_id: correlation_id.map(str::to_owned) }))
}

/// Reads the optional `dispatch_id` member of `obj`: 36 characters.
pub fn dispatch_id(obj: &Obj) -> Result<Option<String>, V2Error> {
    let Some(id) = obj.str("dispatch_id")? else {
        return Ok(None);
    };
    if id.chars().count() == 36 && !has_control_char(id) {
        Ok(Some(id.to_owned()))
    } else {
        Err(invalid(&obj.param("dispatch_id"), "dispatch_id must be 36 characters"))
    }
}

/// Non-empty text without control characters.
pub fn plain_text(s: &str) -> bool {
    !s.is_empty() && !has_control_char(s)
}

/// Checks the optional `signals` member of `obj`.
pub fn signals(obj: &Obj) -> Result<(), V2Error> {
    let Some(field) = obj.field("signals") else {
        return Ok(());
    };
    let signals = field.obj()?;
    if let Some(ip) = signals.str("ip")? {
        if !is_ipv4(ip) && !is_ipv6(ip) {
            return Err(invalid(&signals.param("ip"), "ip must be an IPv4 or IPv6 address"));
        }
    }
    if let Some(platform) = signals.str("device_platform")? {
        if !matches!(platform, "android" | "ios" | "ipados" | "tvos" | "web") {
            return Err(invalid(
                &signals.param("device_platform"),
                "device_platform must be android, ios, ipados, tvos or web",
            ));
        }
    }
    for (name, code) in [
        ("device_id", "invalid_device_id"),
        ("os_version", "invalid_os_version"),
        ("device_model", "invalid_request"),
        ("app_version", "invalid_request"),
        ("user_agent", "invalid_request"),
        ("ja4_fingerprint", "invalid_request"),
    ] {
        if let Some(text) = signals.str(name)? {
            if !plain_text(text) {
                return Err(V2Error::new(code, &signals.param(name), format!("{name} is not valid")));
            }
        }
    }
    signals.bool("is_trusted_user")?;
    Ok(())
}
