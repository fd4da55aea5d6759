//! The retry policy as pure functions: whether a failed attempt may be
//! retried, and how long to wait first. The call state machine that applies
//! it lives in `call.rs`; the clock and the random source are passed in, so
//! all of this is tested natively.

/// Whether repeating a request the server may already have acted on can
/// do something the caller did not ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Reads, and writes the contract calls idempotent (adding a number to a
    /// list that has it already changes nothing): repeating them is harmless.
    Idempotent,
    /// Everything else: sending a code (a second SMS), checking one (the
    /// repeat answers "already validated", and wrong codes count twice),
    /// recording feedback or events (recorded twice, or refused as a
    /// duplicate). Repeated only where the server certainly did not act.
    ChangesState,
}

/// How an attempt ended, as far as the policy cares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outcome {
    /// An HTTP answer.
    Status {
        /// Its status.
        status: u16,
        /// The wait it asked for (`Retry-After` or `retry-after-ms`), in ms.
        retry_after_ms: Option<f64>,
    },
    /// The connection could not be made (refused, or the host not found):
    /// the request never reached the server.
    Refused,
    /// fetch failed before an answer, in a way that does not say whether the
    /// request reached the server (reset, a browser's opaque failure...).
    Connection,
    /// The per-attempt timeout fired.
    Timeout,
    /// The answer broke off while its body was read.
    BrokenBody,
}

/// Retry settings; `Default` gives the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// Wait before the first retry, before jitter.
    pub initial_delay_ms: f64,
    /// Cap of any one wait, before jitter.
    pub max_delay_ms: f64,
    /// No retry starts once this much time has passed since the first attempt.
    pub budget_ms: f64,
    /// Also retry ambiguous failures (timeouts, 5xx, broken connections) of
    /// calls that change state, accepting that the server may act twice.
    pub retry_unsafe: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay_ms: 500.0,
            max_delay_ms: 8_000.0,
            budget_ms: 30_000.0,
            retry_unsafe: false,
        }
    }
}

/// The longest `Retry-After` honoured; a longer one ends the retries.
pub const MAX_RETRY_AFTER_MS: f64 = 60_000.0;

/// True when the outcome may be retried for a request of this safety.
pub fn is_retryable(policy: &RetryPolicy, safety: Safety, outcome: Outcome) -> bool {
    let repeatable = safety == Safety::Idempotent || policy.retry_unsafe;
    match outcome {
        // The server certainly did not act on these.
        Outcome::Refused => true,
        Outcome::Status { status: 429, .. } => true,
        Outcome::Status { status: 503, retry_after_ms: Some(_) } => true,
        // These may have been acted on: only where repeating is harmless.
        Outcome::Status { status: 408 | 500 | 502 | 503 | 504, .. } => repeatable,
        Outcome::Status { .. } => false,
        Outcome::Connection | Outcome::Timeout | Outcome::BrokenBody => repeatable,
    }
}

/// The wait before retry number `retry` (1 for the first retry): the
/// server's `Retry-After` when it gave one, else exponential backoff from
/// `initial_delay_ms`, capped at `max_delay_ms`, minus up to 25 % jitter
/// (`random` is uniform in [0, 1)).
pub fn delay_ms(policy: &RetryPolicy, retry: u32, retry_after_ms: Option<f64>, random: f64) -> f64 {
    if let Some(ms) = retry_after_ms {
        return ms.max(0.0);
    }
    let exp = policy.initial_delay_ms * 2f64.powi(retry.saturating_sub(1).min(30) as i32);
    exp.min(policy.max_delay_ms) * (1.0 - 0.25 * random.clamp(0.0, 1.0))
}

/// Decides what happens after a failed attempt: `Some(wait)` to retry after
/// `wait` ms, `None` to give up. `retries_done` counts retries made so far,
/// `elapsed_ms` runs from the first attempt, `deadline_left_ms` is what is
/// left of the caller's overall deadline, if any.
pub fn next_wait(
    policy: &RetryPolicy,
    safety: Safety,
    outcome: Outcome,
    retries_done: u32,
    elapsed_ms: f64,
    deadline_left_ms: Option<f64>,
    random: f64,
) -> Option<f64> {
    if retries_done >= policy.max_retries || !is_retryable(policy, safety, outcome) {
        return None;
    }
    let retry_after = match outcome {
        Outcome::Status { retry_after_ms, .. } => retry_after_ms,
        _ => None,
    };
    if retry_after.is_some_and(|ms| ms > MAX_RETRY_AFTER_MS) {
        return None;
    }
    let wait = delay_ms(policy, retries_done + 1, retry_after, random);
    if elapsed_ms + wait > policy.budget_ms || deadline_left_ms.is_some_and(|left| wait >= left) {
        return None;
    }
    Some(wait)
}

/// Reads `retry-after-ms` (milliseconds) or else `Retry-After` (seconds, or
/// an HTTP date in any of its three forms, compared with `now_ms`).
/// Unreadable values count as absent.
pub fn parse_retry_after(retry_after: Option<&str>, retry_after_ms: Option<&str>, now_ms: f64) -> Option<f64> {
    if let Some(ms) = retry_after_ms.and_then(|s| parse_decimal(s.trim())) {
        return Some(ms);
    }
    let v = retry_after?.trim();
    if let Some(secs) = parse_decimal(v) {
        return Some(secs * 1000.0);
    }
    crate::core::time::http_date_ms(v, now_ms).map(|at| (at - now_ms).max(0.0))
}

/// Reads a non-negative decimal like `3` or `1.5` (what these headers
/// carry); small, unlike the full float parser.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let plain = |t: &str| t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !plain(int) || !plain(frac) || s.ends_with('.') {
        return None;
    }
    let digits = |t: &str| t.bytes().fold(0f64, |acc, b| acc * 10.0 + f64::from(b - b'0'));
    Some(digits(int) + digits(frac) / 10f64.powi(frac.len() as i32))
}
