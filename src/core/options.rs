//! The client's options and the per-call options, read from the caller's
//! objects with the same care as requests: every bad value is a
//! `DingValidationError` naming it, thrown by the constructor or returned
//! by the call before anything is sent.

use crate::core::read::FieldError;
use crate::core::retry::RetryPolicy;
use crate::core::text::expected;
use crate::core::value::Value;
use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};

/// The default timeout of one attempt.
pub const DEFAULT_TIMEOUT_MS: f64 = 10_000.0;
/// The largest accepted timeout, deadline or retry budget (one hour).
pub const MAX_MS: f64 = 3_600_000.0;
/// The largest accepted number of retries.
pub const MAX_RETRIES: u32 = 10;

/// Retry and time settings of one call (the client's, overridden per call).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Retry policy.
    pub policy: RetryPolicy,
    /// Timeout of each attempt, in ms.
    pub timeout_ms: f64,
    /// Overall deadline of the call (all attempts and waits), in ms.
    pub deadline_ms: Option<f64>,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { policy: RetryPolicy::default(), timeout_ms: DEFAULT_TIMEOUT_MS, deadline_ms: None }
    }
}

fn problem(field: &'static str, text: &str) -> FieldError {
    FieldError::new(field, text)
}

/// Reads a duration in ms: a finite number in (0, 1 hour].
fn read_ms<V: Value>(v: &V, key: &'static str) -> Result<Option<f64>, FieldError> {
    let Some(x) = v.get(key) else { return Ok(None) };
    let n = x.as_number().ok_or_else(|| FieldError::new(key, expected("a number of milliseconds", &x)))?;
    if n.is_finite() && n > 0.0 && n <= MAX_MS {
        Ok(Some(n))
    } else {
        Err(problem(key, "must be a number of milliseconds above 0 and at most 3600000"))
    }
}

fn read_count<V: Value>(v: &V, key: &'static str) -> Result<Option<u32>, FieldError> {
    let Some(x) = v.get(key) else { return Ok(None) };
    match x.as_number() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(MAX_RETRIES)).contains(&n) => Ok(Some(n as u32)),
        _ => Err(problem(key, "must be a whole number from 0 to 10")),
    }
}

/// Reads `retries`: a number of retries, `false` (none), `true` (the
/// defaults) or `{ maxRetries, initialDelayMs, maxDelayMs, budgetMs,
/// retryUnsafe }`, each member overriding `base`.
fn read_retries<V: Value>(v: &V, base: RetryPolicy) -> Result<RetryPolicy, FieldError> {
    let Some(r) = v.get("retries") else { return Ok(base) };
    if let Some(b) = r.as_boolean() {
        return Ok(RetryPolicy { max_retries: if b { RetryPolicy::default().max_retries } else { 0 }, ..base });
    }
    if r.as_number().is_some() {
        let n = read_count(v, "retries")?.unwrap_or(base.max_retries);
        return Ok(RetryPolicy { max_retries: n, ..base });
    }
    if !r.is_object() {
        return Err(FieldError::new("retries", expected("a number, a boolean or an object", &r)));
    }
    let mut p = base;
    if let Some(n) = read_count(&r, "maxRetries")? {
        p.max_retries = n;
    }
    if let Some(n) = read_ms(&r, "initialDelayMs")? {
        p.initial_delay_ms = n;
    }
    if let Some(n) = read_ms(&r, "maxDelayMs")? {
        p.max_delay_ms = n;
    }
    if let Some(n) = read_ms(&r, "budgetMs")? {
        p.budget_ms = n;
    }
    if let Some(b) = r.get("retryUnsafe") {
        p.retry_unsafe = b.as_boolean().ok_or_else(|| FieldError::new("retryUnsafe", expected("a boolean", &b)))?;
    }
    Ok(p)
}

/// Reads `retries`, `timeoutMs` and `deadlineMs` of an options object over `base`.
pub fn read_timing<V: Value>(v: &V, base: Timing) -> Result<Timing, FieldError> {
    Ok(Timing {
        policy: read_retries(v, base.policy)?,
        timeout_ms: read_ms(v, "timeoutMs")?.unwrap_or(base.timeout_ms),
        deadline_ms: read_ms(v, "deadlineMs")?.or(base.deadline_ms),
    })
}

/// The most bytes an API key may have.
pub const MAX_KEY: usize = 1024;

/// Checks an API key without ever echoing it.
pub fn api_key(key: &str) -> Result<(), String> {
    if key.is_empty() {
        Err("must not be empty".into())
    } else if key.len() > MAX_KEY {
        Err("must be at most 1024 characters long".into())
    } else if !key.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        Err("must be printable ASCII without spaces or line breaks".into())
    } else {
        Ok(())
    }
}

/// `fetch`: a function (called as a plain function), or an object with a
/// `fetch` method, such as a Workers service binding (called as its method).
pub fn fetch(options: &JsValue) -> Result<JsValue, FieldError> {
    match Value::get(options, "fetch") {
        None => Ok(JsValue::UNDEFINED),
        Some(f) if f.is_function() => Ok(f),
        Some(o) if Value::get(&o, "fetch").is_some_and(|f| f.is_function()) => Ok(o),
        Some(f) => Err(FieldError::new("fetch", expected("a function or an object with a fetch method", &f))),
    }
}

/// An optional function member of an options object (`undefined` when absent).
pub fn function(options: &JsValue, key: &'static str) -> Result<JsValue, FieldError> {
    match Value::get(options, key) {
        None => Ok(JsValue::UNDEFINED),
        Some(f) if f.is_function() => Ok(f),
        Some(f) => Err(FieldError::new(key, expected("a function", &f))),
    }
}

/// `logger`: an object with a `debug` (or else `log`) method, like `console`.
pub fn logger(options: &JsValue) -> Result<Option<(JsValue, Function)>, FieldError> {
    let Some(logger) = Value::get(options, "logger") else { return Ok(None) };
    for method in ["debug", "log"] {
        if let Some(f) = Value::get(&logger, method).and_then(|f| f.dyn_into::<Function>().ok()) {
            return Ok(Some((logger, f)));
        }
    }
    Err(FieldError::new("logger", "must be an object with a debug or log method, like console"))
}

/// `signal`: an `AbortSignal`, or anything that behaves as one (an
/// `aborted` flag and the two listener methods), such as a signal from
/// another realm. A plain `{ aborted: false }` is refused: it could never
/// tell the SDK that the caller gave up.
pub fn signal(options: &JsValue) -> Result<JsValue, FieldError> {
    let Some(s) = Value::get(options, "signal") else { return Ok(JsValue::UNDEFINED) };
    let has_fn = |name: &'static str| Value::get(&s, name).is_some_and(|f| f.is_function());
    let aborted = Some(crate::core::js::member(&s, &crate::core::value::js_key("aborted")));
    if s.is_object()
        && aborted.is_some_and(|a| a.as_bool().is_some())
        && has_fn("addEventListener")
        && has_fn("removeEventListener")
    {
        Ok(s)
    } else {
        Err(FieldError::new("signal", expected("an AbortSignal", &s)))
    }
}
