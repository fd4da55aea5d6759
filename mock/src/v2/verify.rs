//! `POST /v2/verification` and `POST /v2/verification/check`: one
//! verification window per target, opened by a create, extended by the
//! creates after it (`retry`), closed by a successful check, by the attempt
//! or wrong-check limit, or by expiry.

use std::collections::BTreeMap;

use serde::Serialize;

use super::input::{self, plain_text, Metadata, Target, TargetKind};
use super::json::{invalid, Obj};
use super::magic;
use crate::clock::rfc3339;
use crate::config::millis;
use crate::error::V2Error;
use crate::http::Reply;
use crate::inbox::Message;
use crate::machine::{ok, Mock};
use crate::v1::{classify, LineKind};
use crate::validate::{has_control_char, is_bcp47, is_http_url};

/// The template whose codes are checked with the `psd2` block.
pub const PSD2_TEMPLATE: &str = "prelude:psd2";

/// Channels a request may name.
const REQUEST_CHANNELS: &[&str] = &["sms", "rcs", "whatsapp", "viber", "zalo", "telegram"];

/// Length of generated codes when `code_size` is not given.
const DEFAULT_CODE_SIZE: usize = 6;

/// Transaction data of a PSD2 verification.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Psd2 {
    amount: String,
    currency: String,
    recipient: String,
}

/// One verification window.
#[derive(Debug, Clone)]
pub struct Verification {
    /// `vrf_...`.
    pub id: String,
    target: Target,
    code: String,
    metadata: Option<Metadata>,
    method: &'static str,
    channels: Vec<String>,
    callback_url: Option<String>,
    psd2: Option<Psd2>,
    expires_at: u64,
    attempts: u32,
    wrong_checks: u32,
    open: bool,
}

impl Verification {
    /// Open and not expired: checks and retries find it.
    fn live(&self, now: u64) -> bool {
        self.open && now < self.expires_at
    }
}

/// The v2 verification state.
#[derive(Debug, Default)]
pub struct Windows {
    /// The latest window of each target (by [`Target::key`]).
    by_target: BTreeMap<String, Verification>,
    /// When creates that sent something happened, per target.
    sends: BTreeMap<String, Vec<u64>>,
}

/// A create request, checked.
struct CreateRequest {
    target: Target,
    dispatch_id: Option<String>,
    metadata: Option<Metadata>,
    method: &'static str,
    channels: Option<Vec<String>>,
    preferred_channel: Option<String>,
    code_size: Option<usize>,
    custom_code: Option<String>,
    callback_url: Option<String>,
    psd2: Option<Psd2>,
    force_challenge: bool,
}

fn parse_create(body: &serde_json::Value) -> Result<CreateRequest, V2Error> {
    let root = Obj::root(body);
    let target = input::target(&root)?;
    if target.value.starts_with(magic::UNSUPPORTED_COUNTRY) && target.kind == TargetKind::PhoneNumber {
        return Err(V2Error::new("unsupported_country", "target.value", "this destination country is not served"));
    }
    let dispatch_id = input::dispatch_id(&root)?;
    let metadata = input::metadata(&root)?;
    input::signals(&root)?;
    let mut req = CreateRequest {
        target,
        dispatch_id,
        metadata,
        method: "message",
        channels: None,
        preferred_channel: None,
        code_size: None,
        custom_code: None,
        callback_url: None,
        psd2: None,
        force_challenge: false,
    };
    if let Some(field) = root.field("options") {
        parse_options(&field.obj()?, &mut req)?;
    }
    if req.target.kind == TargetKind::EmailAddress {
        if req.method == "voice" {
            return Err(invalid("options.method", "voice cannot reach an e-mail address"));
        }
        req.method = "email";
    }
    Ok(req)
}

fn parse_options(options: &Obj, req: &mut CreateRequest) -> Result<(), V2Error> {
    let template = options.str("template_id")?;
    if let Some(id) = template {
        if !plain_text(id) || id.contains(char::is_whitespace) {
            return Err(V2Error::new("invalid_template_id", &options.param("template_id"), "template_id is not valid"));
        }
        if id.starts_with("prelude:") && id != PSD2_TEMPLATE {
            let message = format!("no template {id:?}; the only prelude: template is {PSD2_TEMPLATE}");
            return Err(V2Error::new("template_not_found", &options.param("template_id"), message));
        }
    }
    let mut variables = BTreeMap::new();
    if let Some(field) = options.field("variables") {
        let vars = field.obj()?;
        let map = field.value.as_object().cloned().unwrap_or_default();
        for (name, value) in &map {
            match value.as_str() {
                Some(text) => {
                    variables.insert(name.clone(), text.to_owned());
                }
                None if value.is_null() => {}
                None => {
                    let message = format!("variable {name} must be a string");
                    return Err(V2Error::new("invalid_template_variables", &vars.param(name), message));
                }
            }
        }
    }
    if template == Some(PSD2_TEMPLATE) {
        let get = |name: &str| variables.get(name).filter(|v| plain_text(v)).cloned();
        match (get("amount"), get("currency"), get("recipient")) {
            (Some(amount), Some(currency), Some(recipient)) => req.psd2 = Some(Psd2 { amount, currency, recipient }),
            _ => {
                let message = "the prelude:psd2 template needs the variables amount, currency and recipient";
                return Err(V2Error::new("invalid_template_variables", &options.param("variables"), message));
            }
        }
    }
    if let Some(locale) = options.str("locale")? {
        if !is_bcp47(locale) {
            return Err(V2Error::new("invalid_locale", &options.param("locale"), "locale is not a BCP-47 tag"));
        }
    }
    if let Some(sender) = options.str("sender_id")? {
        if !plain_text(sender) || sender.chars().count() > 64 {
            return Err(V2Error::new("invalid_sender_id", &options.param("sender_id"), "sender_id is not valid"));
        }
    }
    if let Some(url) = options.str("callback_url")? {
        if !is_http_url(url) {
            let message = "callback_url must be an http(s) URL";
            return Err(V2Error::new("invalid_callback_url", &options.param("callback_url"), message));
        }
        req.callback_url = Some(url.to_owned());
    }
    if let Some(method) = options.str("method")? {
        req.method = match method {
            "auto" | "message" => "message",
            "voice" => "voice",
            _ => return Err(invalid(&options.param("method"), "method must be auto, voice or message")),
        };
    }
    let channel = |text: &str, param: &str| -> Result<String, V2Error> {
        if REQUEST_CHANNELS.contains(&text) {
            Ok(text.to_owned())
        } else {
            Err(invalid(param, format!("{param} must be one of {}", REQUEST_CHANNELS.join(", "))))
        }
    };
    if let Some(field) = options.field("preferred_channel") {
        req.preferred_channel = Some(channel(field.str()?, &field.path)?);
    }
    if let Some(field) = options.field("channels") {
        let mut list = Vec::new();
        for item in field.items()? {
            list.push(channel(item.str()?, &item.path)?);
        }
        if list.is_empty() {
            return Err(invalid(&field.path, "channels must not be empty"));
        }
        if req.preferred_channel.is_some() {
            return Err(invalid(&field.path, "channels and preferred_channel cannot be combined"));
        }
        let vietnam = req.target.value.starts_with(magic::ZALO_COUNTRY) && req.target.kind == TargetKind::PhoneNumber;
        if list.iter().any(|c| c == "zalo") && !vietnam {
            let message = "zalo is not enabled for this destination";
            return Err(V2Error::new("channel_not_enabled_in_region", &field.path, message));
        }
        req.channels = Some(list);
    }
    let code_size = options.field("code_size");
    let custom_code = options.field("custom_code");
    if let (Some(_), Some(custom)) = (&code_size, &custom_code) {
        return Err(V2Error::new("custom_size_conflict", &custom.path, "custom_code and code_size cannot be combined"));
    }
    if let Some(field) = code_size {
        let size = field.int()?;
        if !(4..=8).contains(&size) {
            return Err(V2Error::new("invalid_code_size", &field.path, "code_size must be from 4 to 8"));
        }
        req.code_size = usize::try_from(size).ok();
    }
    if let Some(field) = custom_code {
        let code = field.str()?;
        if !(4..=8).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            let message = "custom_code must be 4 to 8 letters or digits";
            return Err(V2Error::new("invalid_custom_code", &field.path, message));
        }
        req.custom_code = Some(code.to_owned());
    }
    if let Some(field) = options.field("app_realm") {
        app_realm(&field.obj()?)?;
    }
    req.force_challenge = options.bool("force_challenge")?.unwrap_or(false);
    if let Some(n) = options.int("max_auto_fallbacks")? {
        if n < 0 {
            return Err(invalid(&options.param("max_auto_fallbacks"), "max_auto_fallbacks must be 0 or more"));
        }
    }
    Ok(())
}

/// Checks `options.app_realm`: `{platform: android|web, value}`.
fn app_realm(realm: &Obj) -> Result<(), V2Error> {
    let (Some(platform), Some(value)) = (realm.str("platform")?, realm.str("value")?) else {
        return Err(V2Error::new("invalid_app_realm", realm.path(), "app_realm needs platform and value"));
    };
    let valid = match platform {
        "android" => value.len() == 11 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/'),
        "web" => is_domain(value),
        _ => {
            let message = "app_realm.platform must be android or web";
            return Err(V2Error::new("invalid_app_realm_platform", &realm.param("platform"), message));
        }
    };
    if valid {
        Ok(())
    } else {
        let message = "app_realm.value must be an 11-character app hash (android) or a domain (web)";
        Err(V2Error::new("invalid_app_realm_value", &realm.param("value"), message))
    }
}

/// A domain name such as `example.com`.
fn is_domain(s: &str) -> bool {
    s.len() <= 253
        && s.contains('.')
        && s.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// What the anti-fraud rules say of a create.
enum Verdict {
    Pass,
    Shadow(&'static str, &'static [&'static str]),
    Block(&'static str, &'static [&'static str]),
}

fn verdict(mock: &Mock, req: &CreateRequest, now: u64) -> Verdict {
    match req.dispatch_id.as_deref() {
        Some(magic::EXPIRED_SIGNATURE_DISPATCH) => return Verdict::Block("expired_signature", &[]),
        Some(magic::INVALID_SIGNATURE_DISPATCH) => {
            return Verdict::Block("invalid_signature", &["suspected_request_tampering"]);
        }
        _ => {}
    }
    let phone = req.target.phone();
    if phone.is_some_and(|p| mock.v2.lists.contains("block", p)) {
        return Verdict::Block("in_block_list", &[]);
    }
    if phone.is_some_and(|p| mock.v2.lists.contains("allow", p)) {
        return Verdict::Pass;
    }
    if let Some(phone) = phone {
        if phone.starts_with(magic::UNALLOCATED_PREFIX) {
            return Verdict::Block("invalid_phone_number", &[]);
        }
        let (_, line) = classify(phone);
        if line == LineKind::TollFree || (line == LineKind::FixedLine && req.method != "voice") {
            return Verdict::Block("invalid_phone_line", &[]);
        }
        if magic::suffix(phone) == magic::SUSPICIOUS_SUFFIX {
            return Verdict::Block("suspicious", magic::SUSPICIOUS_FACTORS);
        }
    }
    let since = now.saturating_sub(magic::REPEATED_WINDOW_MS);
    let recent = mock.v2.windows.sends.get(&req.target.key()).map_or(0, |t| t.iter().filter(|&&at| at > since).count());
    if recent >= magic::REPEATED_LIMIT {
        return Verdict::Block("repeated_attempts", &["behavioral_pattern"]);
    }
    if phone.is_some_and(|p| magic::suffix(p) == magic::SHADOW_SUFFIX) {
        return Verdict::Shadow("suspicious", magic::SHADOW_FACTORS);
    }
    Verdict::Pass
}

/// Answer of a create.
#[derive(Serialize)]
struct Created<'a> {
    id: &'a str,
    status: &'a str,
    method: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    risk_factors: &'a [&'a str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    channels: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
    request_id: &'a str,
}

/// The channels planned for a new window.
fn planned_channels(req: &CreateRequest) -> Vec<String> {
    if req.target.kind == TargetKind::EmailAddress {
        return Vec::new();
    }
    if req.method == "voice" {
        return vec!["voice".to_owned()];
    }
    if let Some(channels) = &req.channels {
        return channels.clone();
    }
    let mut list: Vec<String> = req.preferred_channel.iter().cloned().collect();
    if !list.iter().any(|c| c == "sms") {
        list.push("sms".to_owned());
    }
    list
}

/// The channels of a challenged verification: neither SMS nor voice.
fn challenge_safe(channels: &[String]) -> Vec<String> {
    let safe: Vec<String> = channels.iter().filter(|c| *c != "sms" && *c != "voice").cloned().collect();
    if safe.is_empty() {
        vec!["whatsapp".to_owned()]
    } else {
        safe
    }
}

/// `POST /v2/verification`.
pub fn create(mock: &mut Mock, body: &[u8], now: u64, request_id: &str) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let req = parse_create(&body)?;
    let (reason, factors) = match verdict(mock, &req, now) {
        Verdict::Block(reason, factors) => {
            let id = format!("vrf_{}", mock.rng.ulid(now));
            return Ok(ok(&Created {
                id: &id,
                status: "blocked",
                method: req.method,
                reason: Some(reason),
                risk_factors: factors,
                channels: &[],
                metadata: req.metadata.as_ref(),
                request_id,
            }));
        }
        Verdict::Shadow(reason, factors) => (Some(reason), factors),
        Verdict::Pass => (None, &[][..]),
    };
    let key = req.target.key();
    let max_attempts = mock.config.max_retries.saturating_add(1);
    let retry = mock.v2.windows.by_target.get(&key).is_some_and(|w| w.live(now) && w.attempts < max_attempts);
    if !retry {
        let code = match (&req.custom_code, &mock.config.code) {
            (Some(custom), _) => custom.clone(),
            (None, Some(fixed)) => fixed.clone(),
            (None, None) => mock.rng.digits(req.code_size.unwrap_or(DEFAULT_CODE_SIZE)),
        };
        let window = Verification {
            id: format!("vrf_{}", mock.rng.ulid(now)),
            target: req.target.clone(),
            code,
            metadata: req.metadata.clone(),
            method: req.method,
            channels: planned_channels(&req),
            callback_url: req.callback_url.clone(),
            psd2: req.psd2.clone(),
            expires_at: now.saturating_add(millis(mock.config.expiry)),
            attempts: 0,
            wrong_checks: 0,
            open: true,
        };
        mock.v2.windows.by_target.insert(key.clone(), window);
    }
    let Some(window) = mock.v2.windows.by_target.get_mut(&key) else {
        return Err(V2Error { status: 500, code: "internal", message: "the window vanished".to_owned(), param: None });
    };
    if retry {
        if let Some(custom) = &req.custom_code {
            window.code = custom.clone();
        }
    }
    window.attempts = window.attempts.saturating_add(1);
    let channels = if req.force_challenge { challenge_safe(&window.channels) } else { window.channels.clone() };
    let channel = channels.first().cloned().unwrap_or_else(|| "email".to_owned());
    let status = match (reason, req.force_challenge, retry) {
        (Some(_), _, _) => "shadow_blocked",
        (None, true, _) => "challenged",
        (None, false, true) => "retry",
        (None, false, false) => "success",
    };
    let window = window.clone();
    mock.v2.windows.sends.entry(key).or_default().push(now);
    let mut reply = ok(&Created {
        id: &window.id,
        status,
        method: window.method,
        reason,
        risk_factors: factors,
        channels: &channels,
        metadata: window.metadata.as_ref(),
        request_id,
    });
    send(mock, &window, &channel, !retry, now, &mut reply);
    Ok(reply)
}

/// The text of a message carrying `code`.
fn content(window: &Verification) -> String {
    match &window.psd2 {
        Some(p) => format!("Your code is {} to pay {} {} to {}", window.code, p.amount, p.currency, p.recipient),
        None => format!("Your verification code is {}", window.code),
    }
}

/// Webhook payload of `verify.authentication`.
#[derive(Serialize)]
struct AuthenticationPayload<'a> {
    verification_id: &'a str,
    target: &'a Target,
    time: String,
    price: Price,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
}

/// What a verification cost.
#[derive(Serialize)]
struct Price {
    amount: f64,
    currency: &'static str,
}

/// Webhook payload of `verify.attempt` and `verify.delivery_status`.
#[derive(Serialize)]
struct AttemptPayload<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    verification_id: &'a str,
    target: &'a Target,
    time: String,
    attempt_number: u32,
    channel: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
}

/// Sends one attempt: a message in the inbox and, with a callback URL, its
/// webhooks (`verify.authentication` first for a new window).
fn send(mock: &mut Mock, window: &Verification, channel: &str, new: bool, now: u64, reply: &mut Reply) {
    mock.inbox.push(Message {
        phone_number: window.target.phone().map(str::to_owned),
        email_address: (window.target.kind == TargetKind::EmailAddress).then(|| window.target.value.clone()),
        authentication_uuid: None,
        verification_id: Some(window.id.clone()),
        code: window.code.clone(),
        content: content(window),
        channel: Some(channel.to_owned()),
        created_at: rfc3339(now),
    });
    let Some(url) = &window.callback_url else {
        return;
    };
    let metadata = window.metadata.as_ref();
    let (id, target) = (window.id.as_str(), &window.target);
    let out = &mut reply.deliveries;
    if new {
        let price = Price { amount: magic::PRICE_AMOUNT, currency: magic::PRICE_CURRENCY };
        let payload = AuthenticationPayload { verification_id: id, target, time: rfc3339(now), price, metadata };
        mock.hooks.send(url, id, "verify.authentication", &payload, now, 0, out);
    }
    let attempt = |status, at| AttemptPayload {
        status,
        verification_id: id,
        target,
        time: rfc3339(at),
        attempt_number: window.attempts,
        channel,
        metadata,
    };
    mock.hooks.send(url, id, "verify.attempt", &attempt(None, now), now, 0, out);
    let later = now.saturating_add(magic::DELIVERY_REPORT_MS);
    let report = attempt(Some("delivered"), later);
    mock.hooks.send(url, id, "verify.delivery_status", &report, now, magic::DELIVERY_REPORT_MS, out);
}

/// Answer of a check.
#[derive(Serialize)]
struct Checked<'a> {
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<&'a Metadata>,
    request_id: &'a str,
}

/// `POST /v2/verification/check`.
pub fn check(mock: &mut Mock, body: &[u8], now: u64, request_id: &str) -> Result<Reply, V2Error> {
    let body = super::json::parse(body)?;
    let root = Obj::root(&body);
    let target = input::target(&root)?;
    let code = root.req_str("code")?;
    let psd2 = match root.field("psd2") {
        Some(field) => {
            let block = field.obj()?;
            Some(Psd2 {
                amount: block.req_str("amount")?.to_owned(),
                currency: block.req_str("currency")?.to_owned(),
                recipient: block.req_str("recipient")?.to_owned(),
            })
        }
        None => None,
    };
    if has_control_char(code) {
        return Err(invalid("code", "code must not contain control characters"));
    }
    let max_wrong = mock.config.max_check_attempts;
    let Some(window) = mock.v2.windows.by_target.get_mut(&target.key()).filter(|w| w.live(now)) else {
        return Ok(ok(&Checked { status: "expired_or_not_found", id: None, metadata: None, request_id }));
    };
    let status = match (&window.psd2, &psd2) {
        (Some(_), None) => "transaction_missing",
        (Some(issued), Some(given)) if issued != given => {
            window.wrong_checks = window.wrong_checks.saturating_add(1);
            "transaction_mismatch"
        }
        _ if code == window.code => {
            window.open = false;
            "success"
        }
        _ => {
            window.wrong_checks = window.wrong_checks.saturating_add(1);
            "failure"
        }
    };
    if window.wrong_checks >= max_wrong {
        window.open = false;
    }
    Ok(ok(&Checked { status, id: Some(&window.id), metadata: window.metadata.as_ref(), request_id }))
}
