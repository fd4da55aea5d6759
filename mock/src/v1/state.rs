//! The v1 memory: authentications with their event history and feedback
//! records, plus the rules that decide each status. Messages go to the
//! inbox the core shares with v2.

use std::collections::BTreeMap;

use serde::Serialize;

use super::requests::{CreateAuthentication, Signals};
use crate::clock::rfc3339;
use crate::config::{millis, Config};
use crate::error::ApiError;
use crate::inbox::Message;
use crate::rng::Rng;

/// A number whose last four digits are these is flagged as spam.
const SPAM_SUFFIX: &str = "0666";

/// Authentications allowed per number within [`RATE_WINDOW`]; the next ones
/// are `rate_limited`.
const RATE_LIMIT: usize = 10;

/// Window of the per-number rate limit, in milliseconds.
const RATE_WINDOW_MS: u64 = 3_600_000;

/// Cost of one delivered message, as a balance movement.
const ATTEMPT_COST: f64 = -0.045;

/// Sender ID used when the request gives none.
const DEFAULT_SENDER: &str = "Ding";

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
    /// Creation instant (ms since the epoch).
    pub created_at: u64,
    /// From this instant on, checks and retries answer `expired_auth`.
    pub expires_at: u64,
    validated: bool,
    wrong_checks: u32,
    attempts: u32,
    remaining_retry: u32,
    next_retry_at: u64,
    /// History, oldest first.
    pub events: Vec<Event>,
}

impl Auth {
    fn record(&mut self, at: u64, kind: EventKind) {
        self.events.push(Event { kind, created_at: rfc3339(at) });
    }

    /// Whether a code was sent at creation.
    fn sent(&self) -> bool {
        self.status == AuthStatus::Pending
    }

    /// Sends the code once more: an attempt, its delivery report, its cost
    /// and a message in the inbox.
    fn send(&mut self, inbox: &mut Vec<Message>, rng: &mut Rng, now: u64) {
        self.attempts += 1;
        let attempt_id = rng.uuid();
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
            phone_number: Some(self.phone_number.clone()),
            email_address: None,
            authentication_uuid: Some(self.uuid.clone()),
            verification_id: None,
            code: self.code.clone(),
            content,
            channel: None,
            created_at: rfc3339(now),
        });
    }

    /// Decides a check and records it.
    fn check(&mut self, code: &str, max_wrong: u32, rng: &mut Rng, now: u64) -> CheckStatus {
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
        let id = rng.uuid();
        let code = code.to_owned();
        self.record(now, EventKind::Check { id, code, status });
        status
    }

    /// Decides a retry and, when approved, sends again.
    fn retry(&mut self, window: u64, inbox: &mut Vec<Message>, rng: &mut Rng, now: u64) -> RetryStatus {
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
            self.next_retry_at = now.saturating_add(window);
            self.send(inbox, rng, now);
        }
        status
    }
}

/// The authentication `uuid` if it belongs to `customer` (both lowercase).
fn owned<'a>(auths: &'a mut BTreeMap<String, Auth>, customer: &str, uuid: &str) -> Option<&'a mut Auth> {
    auths.get_mut(uuid).filter(|a| a.customer == customer)
}

/// What a retry answers besides its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryOutcome {
    /// The decision.
    pub status: RetryStatus,
    /// Earliest next retry.
    pub next_retry_at: u64,
    /// Retries left.
    pub remaining_retry: u32,
}

/// Everything v1 remembers; [`Store::default`] is the empty state.
#[derive(Debug, Default)]
pub struct Store {
    auths: BTreeMap<String, Auth>,
    /// Feedback statuses recorded per (customer, number).
    feedback: BTreeMap<(String, String), Vec<String>>,
}

impl Store {
    /// Starts an authentication from a validated request and sends its code
    /// unless the number is spam or over its rate limit.
    pub fn create(
        &mut self,
        req: CreateAuthentication,
        config: &Config,
        inbox: &mut Vec<Message>,
        rng: &mut Rng,
        now: u64,
    ) -> &Auth {
        let since = now.saturating_sub(RATE_WINDOW_MS);
        let recent = self.auths.values().filter(|a| a.phone_number == req.phone_number && a.created_at > since).count();
        let status = if req.phone_number.ends_with(SPAM_SUFFIX) {
            AuthStatus::SpamDetected
        } else if recent >= RATE_LIMIT {
            AuthStatus::RateLimited
        } else {
            AuthStatus::Pending
        };
        let mut auth = Auth {
            uuid: rng.uuid(),
            customer: req.customer_uuid.to_ascii_lowercase(),
            phone_number: req.phone_number,
            code: config.code.clone().unwrap_or_else(|| rng.digits(6)),
            status,
            template_id: req.template_id,
            correlation_id: req.correlation_id,
            sender_id: req.sender_id.unwrap_or_else(|| DEFAULT_SENDER.to_owned()),
            signals: req.signals,
            created_at: now,
            expires_at: now.saturating_add(millis(config.expiry)),
            validated: false,
            wrong_checks: 0,
            attempts: 0,
            remaining_retry: config.max_retries,
            next_retry_at: now.saturating_add(millis(config.retry_window)),
            events: Vec::new(),
        };
        if auth.sent() {
            auth.send(inbox, rng, now);
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
        rng: &mut Rng,
        now: u64,
    ) -> Option<CheckStatus> {
        let auth = owned(&mut self.auths, customer, uuid)?;
        Some(auth.check(code, config.max_check_attempts, rng, now))
    }

    /// Asks for a resend; `None` when the authentication is unknown to this
    /// customer.
    pub fn retry(
        &mut self,
        customer: &str,
        uuid: &str,
        config: &Config,
        inbox: &mut Vec<Message>,
        rng: &mut Rng,
        now: u64,
    ) -> Option<RetryOutcome> {
        let auth = owned(&mut self.auths, customer, uuid)?;
        let status = auth.retry(millis(config.retry_window), inbox, rng, now);
        Some(RetryOutcome { status, next_retry_at: auth.next_retry_at, remaining_retry: auth.remaining_retry })
    }

    /// Records onboarding feedback for a number and returns the record's id.
    ///
    /// # Errors
    /// `no_associated_auth_found` when this customer never started an
    /// authentication for the number, `duplicated_feedback_status` when the
    /// same status was already recorded.
    pub fn feedback(&mut self, customer: &str, phone: &str, status: &str, rng: &mut Rng) -> Result<String, ApiError> {
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
        Ok(rng.uuid())
    }
}
