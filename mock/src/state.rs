//! The mock's memory: authentications with their event history, the inbox
//! of sent messages, feedback records and fault-key counters, plus the rules
//! that decide each status.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use crate::config::Config;
use crate::error::ApiError;
use crate::requests::{CreateAuthentication, Signals};

/// A number whose last four digits are these is flagged as spam.
const SPAM_SUFFIX: &str = "0666";

/// Authentications allowed per number within [`RATE_WINDOW`]; the next ones
/// are `rate_limited`.
const RATE_LIMIT: usize = 10;

/// Window of the per-number rate limit.
const RATE_WINDOW: Duration = Duration::from_secs(3600);

/// Cost of one delivered message, as a balance movement.
const ATTEMPT_COST: f64 = -0.045;

/// Sender ID used when the request gives none.
const DEFAULT_SENDER: &str = "Ding";

/// Formats an instant as RFC 3339 in UTC with milliseconds
/// (`2025-04-28T09:15:27.412Z`).
pub fn rfc3339(at: SystemTime) -> String {
    humantime::format_rfc3339_millis(at).to_string()
}

/// A fresh random UUID v4 in its usual lowercase form.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A random 6-digit code (leading zeros kept).
fn random_code() -> String {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    let n = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    format!("{:06}", n % 1_000_000)
}

/// Shared state handed to every handler: the configuration and the store.
#[derive(Clone)]
pub struct App {
    /// Settings the server was started with.
    pub config: Arc<Config>,
    store: Arc<Mutex<Store>>,
}

impl App {
    /// A server state with an empty store.
    pub fn new(config: Config) -> Self {
        Self { config: Arc::new(config), store: Arc::default() }
    }

    /// Locks the store. A handler never panics while holding it, but a
    /// poisoned lock is still used rather than turned into a panic.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Status of a new authentication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthStatus {
    /// A code was sent.
    Pending,
    /// Too many authentications for this number; nothing sent.
    RateLimited,
    /// Flagged as fraud; nothing sent.
    SpamDetected,
}

/// Result of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The code matches.
    Valid,
    /// The code does not match.
    Invalid,
    /// Nothing was sent for this authentication.
    WithoutAttempt,
    /// Too many wrong codes.
    RateLimited,
    /// An earlier check succeeded.
    AlreadyValidated,
    /// Past `expires_at`.
    ExpiredAuth,
}

/// Outcome of a retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RetryStatus {
    /// A new message was sent.
    Approved,
    /// Too early: see `next_retry_at`.
    Denied,
    /// Nothing was sent at creation, so there is nothing to resend.
    NoAttempt,
    /// No retries left.
    RateLimited,
    /// Past `expires_at`.
    ExpiredAuth,
    /// An earlier check succeeded.
    AlreadyValidated,
}

/// One entry of an authentication's history, as `GET /authentication/{id}`
/// shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    #[serde(flatten)]
    kind: EventKind,
    created_at: String,
}

/// The four event shapes, told apart by `type`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum EventKind {
    Attempt {
        id: String,
        attempt_number: u32,
        capability: &'static str,
        content: String,
        sender_id: String,
        status: &'static str,
    },
    DeliveryStatus {
        attempt_id: String,
        attempt_number: u32,
        status: &'static str,
        originated_at: String,
    },
    Check {
        id: String,
        code: String,
        status: CheckStatus,
    },
    BalanceUpdate {
        amount: f64,
        balance_update_type: &'static str,
    },
}

/// A message the mock "sent": what a demo shows so a person can type the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Recipient.
    pub phone_number: String,
    /// Authentication the code belongs to.
    pub authentication_uuid: String,
    /// The code.
    pub code: String,
    /// Full message text.
    pub content: String,
    /// When it was sent.
    pub created_at: String,
}

/// One authentication and everything that happened to it.
#[derive(Debug, Clone)]
pub struct Auth {
    /// Its id (`authentication_uuid`).
    pub uuid: String,
    customer: String,
    /// Number the code goes to.
    pub phone_number: String,
    code: String,
    /// Status given when it was created.
    pub status: AuthStatus,
    /// Template given at creation.
    pub template_id: Option<String>,
    /// Correlation id given at creation.
    pub correlation_id: Option<String>,
    sender_id: String,
    /// Signals given at creation.
    pub signals: Signals,
    /// Creation instant.
    pub created_at: SystemTime,
    /// After this, checks and retries answer `expired_auth`.
    pub expires_at: SystemTime,
    validated: bool,
    wrong_checks: u32,
    attempts: u32,
    remaining_retry: u32,
    next_retry_at: SystemTime,
    /// History, oldest first.
    pub events: Vec<Event>,
}

impl Auth {
    fn record(&mut self, at: SystemTime, kind: EventKind) {
        self.events.push(Event { kind, created_at: rfc3339(at) });
    }

    /// Whether a code was sent at creation.
    fn sent(&self) -> bool {
        self.status == AuthStatus::Pending
    }

    /// Sends the code once more: an attempt, its delivery report, its cost
    /// and a message in the inbox.
    fn send(&mut self, inbox: &mut Vec<Message>, now: SystemTime) {
        self.attempts += 1;
        let attempt_id = new_id();
        let content = format!("Your verification code is {}", self.code);
        let attempt_number = self.attempts;
        self.record(
            now,
            EventKind::Attempt {
                id: attempt_id.clone(),
                attempt_number,
                capability: "text",
                content: content.clone(),
                sender_id: self.sender_id.clone(),
                status: "delivered",
            },
        );
        self.record(
            now,
            EventKind::DeliveryStatus { attempt_id, attempt_number, status: "delivered", originated_at: rfc3339(now) },
        );
        self.record(now, EventKind::BalanceUpdate { amount: ATTEMPT_COST, balance_update_type: "attempt_success" });
        inbox.push(Message {
            phone_number: self.phone_number.clone(),
            authentication_uuid: self.uuid.clone(),
            code: self.code.clone(),
            content,
            created_at: rfc3339(now),
        });
    }

    /// Decides a check and records it.
    fn check(&mut self, code: &str, max_wrong: u32, now: SystemTime) -> CheckStatus {
        // Once validated, only the right code says so again: a wrong one is
        // `invalid` (and counts), so holding the id alone proves nothing.
        let status = if self.validated && code == self.code {
            CheckStatus::AlreadyValidated
        } else if self.validated {
            self.wrong_checks += 1;
            CheckStatus::Invalid
        } else if now >= self.expires_at {
            CheckStatus::ExpiredAuth
        } else if !self.sent() {
            CheckStatus::WithoutAttempt
        } else if self.wrong_checks >= max_wrong {
            CheckStatus::RateLimited
        } else if code == self.code {
            self.validated = true;
            CheckStatus::Valid
        } else {
            self.wrong_checks += 1;
            CheckStatus::Invalid
        };
        let id = new_id();
        let code = code.to_owned();
        self.record(now, EventKind::Check { id, code, status });
        status
    }

    /// Decides a retry and, when approved, sends again.
    fn retry(&mut self, window: Duration, inbox: &mut Vec<Message>, now: SystemTime) -> RetryStatus {
        let status = if self.validated {
            RetryStatus::AlreadyValidated
        } else if now >= self.expires_at {
            RetryStatus::ExpiredAuth
        } else if !self.sent() {
            RetryStatus::NoAttempt
        } else if self.remaining_retry == 0 {
            RetryStatus::RateLimited
        } else if now < self.next_retry_at {
            RetryStatus::Denied
        } else {
            RetryStatus::Approved
        };
        if status == RetryStatus::Approved {
            self.remaining_retry -= 1;
            self.next_retry_at = now + window;
            self.send(inbox, now);
        }
        status
    }
}

/// The authentication `uuid` if it belongs to `customer` (both lowercase).
fn owned<'a>(auths: &'a mut HashMap<String, Auth>, customer: &str, uuid: &str) -> Option<&'a mut Auth> {
    auths.get_mut(uuid).filter(|a| a.customer == customer)
}

/// What a retry answers besides its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryOutcome {
    /// The decision.
    pub status: RetryStatus,
    /// Earliest next retry.
    pub next_retry_at: SystemTime,
    /// Retries left.
    pub remaining_retry: u32,
}

/// Everything the mock remembers; [`Store::default`] is the empty state.
#[derive(Debug, Default)]
pub struct Store {
    auths: HashMap<String, Auth>,
    inbox: Vec<Message>,
    /// Feedback statuses recorded per (customer, number).
    feedback: HashMap<(String, String), Vec<String>>,
    /// Requests seen per fault key.
    fault_keys: HashMap<String, u64>,
}

impl Store {
    /// Starts an authentication from a validated request and sends its code
    /// unless the number is spam or over its rate limit.
    pub fn create(&mut self, req: CreateAuthentication, config: &Config, now: SystemTime) -> &Auth {
        let since = now.checked_sub(RATE_WINDOW).unwrap_or(SystemTime::UNIX_EPOCH);
        let recent = self.auths.values().filter(|a| a.phone_number == req.phone_number && a.created_at > since).count();
        let status = if req.phone_number.ends_with(SPAM_SUFFIX) {
            AuthStatus::SpamDetected
        } else if recent >= RATE_LIMIT {
            AuthStatus::RateLimited
        } else {
            AuthStatus::Pending
        };
        let mut auth = Auth {
            uuid: new_id(),
            customer: req.customer_uuid.to_ascii_lowercase(),
            phone_number: req.phone_number,
            code: config.code.clone().unwrap_or_else(random_code),
            status,
            template_id: req.template_id,
            correlation_id: req.correlation_id,
            sender_id: req.sender_id.unwrap_or_else(|| DEFAULT_SENDER.to_owned()),
            signals: req.signals,
            created_at: now,
            expires_at: now + config.expiry,
            validated: false,
            wrong_checks: 0,
            attempts: 0,
            remaining_retry: config.max_retries,
            next_retry_at: now + config.retry_window,
            events: Vec::new(),
        };
        if auth.sent() {
            auth.send(&mut self.inbox, now);
        }
        let uuid = auth.uuid.clone();
        self.auths.entry(uuid).or_insert(auth)
    }

    /// The authentication `uuid` (lowercase) if it exists.
    pub fn get(&self, uuid: &str) -> Option<&Auth> {
        self.auths.get(uuid)
    }

    /// Checks a code; `None` when the authentication is unknown to this
    /// customer.
    pub fn check(
        &mut self,
        customer: &str,
        uuid: &str,
        code: &str,
        config: &Config,
        now: SystemTime,
    ) -> Option<CheckStatus> {
        let auth = owned(&mut self.auths, customer, uuid)?;
        Some(auth.check(code, config.max_check_attempts, now))
    }

    /// Asks for a resend; `None` when the authentication is unknown to this
    /// customer.
    pub fn retry(&mut self, customer: &str, uuid: &str, config: &Config, now: SystemTime) -> Option<RetryOutcome> {
        let auth = owned(&mut self.auths, customer, uuid)?;
        let status = auth.retry(config.retry_window, &mut self.inbox, now);
        Some(RetryOutcome { status, next_retry_at: auth.next_retry_at, remaining_retry: auth.remaining_retry })
    }

    /// Records onboarding feedback for a number and returns the record's id.
    ///
    /// # Errors
    /// `no_associated_auth_found` when this customer never started an
    /// authentication for the number, `duplicated_feedback_status` when the
    /// same status was already recorded.
    pub fn feedback(&mut self, customer: &str, phone: &str, status: &str) -> Result<String, ApiError> {
        let known = self.auths.values().any(|a| a.customer == customer && a.phone_number == phone);
        if !known {
            return Err(ApiError::bad_request(
                "no_associated_auth_found",
                "no authentication was found for this phone number",
            ));
        }
        let recorded = self.feedback.entry((customer.to_owned(), phone.to_owned())).or_default();
        if recorded.iter().any(|s| s == status) {
            return Err(ApiError::bad_request(
                "duplicated_feedback_status",
                "this feedback status was already recorded",
            ));
        }
        recorded.push(status.to_owned());
        Ok(new_id())
    }

    /// Messages sent so far, oldest first, optionally for one number only.
    pub fn messages(&self, phone: Option<&str>) -> Vec<Message> {
        self.inbox.iter().filter(|m| phone.is_none_or(|p| m.phone_number == p)).cloned().collect()
    }

    /// Counts one more request carrying fault key `key`; returns the new count.
    pub fn count_fault_key(&mut self, key: &str) -> u64 {
        let count = self.fault_keys.entry(key.to_owned()).or_default();
        *count += 1;
        *count
    }

    /// Requests seen so far with fault key `key`.
    pub fn fault_key_count(&self, key: &str) -> u64 {
        self.fault_keys.get(key).copied().unwrap_or(0)
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        *self = Self::default();
    }
}
