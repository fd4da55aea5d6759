//! Client and per-call settings that are plain data (retries, timeouts,
//! deadline), read from the caller's objects with the same checks as
//! requests. The JS-only settings (fetch, signal, logger, hooks) are read in
//! `client.rs`.

use crate::model::{expected, FieldError};
use crate::retry::RetryPolicy;
use crate::value::Value;

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
    FieldError { field, problem: text.into() }
}

/// Reads a duration in ms: a finite number in (0, 1 hour].
fn read_ms<V: Value>(v: &V, key: &'static str) -> Result<Option<f64>, FieldError> {
    let Some(x) = v.get(key) else { return Ok(None) };
    let n =
        x.as_number().ok_or_else(|| FieldError { field: key, problem: expected("a number of milliseconds", &x) })?;
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
        return Err(FieldError { field: "retries", problem: expected("a number, a boolean or an object", &r) });
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
        p.retry_unsafe =
            b.as_boolean().ok_or_else(|| FieldError { field: "retryUnsafe", problem: expected("a boolean", &b) })?;
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
