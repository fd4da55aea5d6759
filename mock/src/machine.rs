//! The sans-IO core: one state machine that takes plain requests with the
//! time, and gives plain replies that tell the host what to send, when to
//! wait, when to cut the connection and which webhooks to deliver. It does
//! no I/O, reads no clock and no OS randomness: the host passes `now_ms`
//! with each call and the seed at creation, so the same inputs give the
//! same answers in every host (axum, a test, a wasm sandbox).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::error::{ApiError, V2Error};
use crate::faults::{self, FaultSpec};
use crate::http::{Delay, Reply, Request};
use crate::inbox::{phone_filter, Message};
use crate::rng::Rng;
use crate::webhook::Webhooks;
use crate::{v1, v2};

/// Largest request body the core reads (as axum's default limit); larger
/// ones get 413 on API routes.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// Request headers a page may send.
const ALLOW_HEADERS: &str = "content-type, accept, x-api-key, customer-uuid, authorization, x-ding-mock-fault";

/// Methods a page may use.
const ALLOW_METHODS: &str = "GET, POST, DELETE, OPTIONS";

/// Response headers a page may read.
const EXPOSE_HEADERS: &str = "retry-after, retry-after-ms, x-request-id, location, x-echo-key";

/// Stream labels of the seed: each purpose draws from its own generator.
const IDS_STREAM: u64 = 1;

/// Which API a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Ding v1, `/v1/...`.
    V1,
    /// Prelude v2, `/v2/...`.
    V2,
}

/// The mock-only endpoints under `/v1/_mock/` and `/v2/_mock/`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum MockOp {
    Messages,
    Requests,
    Reset,
    Health,
    WebhookKey,
    Webhooks,
    Watch,
}

/// An API operation of either version.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Op {
    V1(v1::Op),
    V2(v2::Op),
}

impl Op {
    fn api(&self) -> Api {
        match self {
            Self::V1(_) => Api::V1,
            Self::V2(_) => Api::V2,
        }
    }
}

/// What a path and method lead to.
enum Route {
    Api(Op),
    Mock(Api, MockOp),
    NotFound,
    MethodNotAllowed(&'static str),
}

/// What a `delay` fault keeps until the host calls [`Mock::resume`]: the
/// request, its fault spec (already counted) and its request id.
#[derive(Debug)]
pub struct Resume {
    op: Op,
    req: Request,
    spec: FaultSpec,
    request_id: String,
}

/// The whole mock: the v1 and v2 state, the shared inbox, the fault-key
/// counters and the webhook machinery.
pub struct Mock {
    pub(crate) config: Config,
    pub(crate) rng: Rng,
    pub(crate) inbox: Vec<Message>,
    fault_keys: BTreeMap<String, u64>,
    pub(crate) v1: v1::Store,
    pub(crate) v2: v2::Store,
    pub(crate) hooks: Webhooks,
}

impl Mock {
    /// A mock with these settings whose ids, codes and webhook key all come
    /// from `seed` (`config.seed` is for hosts to pick this one).
    pub fn new(config: Config, seed: u64) -> Self {
        Self {
            config,
            rng: Rng::stream(seed, IDS_STREAM),
            inbox: Vec::new(),
            fault_keys: BTreeMap::new(),
            v1: v1::Store::default(),
            v2: v2::Store::default(),
            hooks: Webhooks::new(seed),
        }
    }

    /// The settings the mock runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Answers one request at `now_ms` (milliseconds since the Unix epoch).
    /// See [`Reply`] for what the host must do with the answer.
    pub fn handle(&mut self, req: Request, now_ms: u64) -> Reply {
        if req.method == "OPTIONS" {
            return preflight(&req);
        }
        let request_id = self.rng.uuid();
        let reply = self.dispatch(req, now_ms, &request_id);
        finish(reply, &request_id)
    }

    /// Goes on with a request whose `delay` the host has waited out.
    pub fn resume(&mut self, delay: Delay, now_ms: u64) -> Reply {
        let Resume { op, req, spec, request_id } = *delay.resume;
        let reply = self.faulted(&op, &req, &spec, now_ms, &request_id);
        finish(reply, &request_id)
    }

    /// Tells the core that the host delivers webhooks to a receiver in its
    /// own process: then every `callback_url` gets them, not only loopback
    /// ones (no URL is reached over a network).
    pub fn deliver_in_process(&mut self, on: bool) {
        self.hooks.set_in_process(on);
    }

    /// Records the outcome of a webhook delivery: the status the receiver
    /// answered, or why no answer came. Unknown ids are ignored.
    pub fn delivered(&mut self, id: u64, outcome: Result<u16, String>) {
        self.hooks.delivered(id, outcome);
    }

    /// Forgets every authentication, verification, list entry, sender id,
    /// Watch record, message, webhook log entry and fault-key count (the
    /// webhook key stays).
    pub fn reset(&mut self) {
        self.inbox.clear();
        self.fault_keys.clear();
        self.v1 = v1::Store::default();
        self.v2 = v2::Store::default();
        self.hooks.clear_log();
    }

    /// Counts one more request carrying fault key `key`; returns the new count.
    fn count_fault_key(&mut self, key: &str) -> u64 {
        let count = self.fault_keys.entry(key.to_owned()).or_default();
        *count = count.saturating_add(1);
        *count
    }

    fn route(req: &Request) -> Route {
        let (api, rest) = if let Some(rest) = req.path.strip_prefix("/v1/") {
            (Api::V1, rest)
        } else if let Some(rest) = req.path.strip_prefix("/v2/") {
            (Api::V2, rest)
        } else {
            return Route::NotFound;
        };
        let segments: Vec<&str> = rest.split('/').collect();
        let method = req.method.as_str();
        if let ["_mock", name] = segments.as_slice() {
            let (op, allowed) = match (api, *name) {
                (_, "messages") => (MockOp::Messages, "GET"),
                (_, "requests") => (MockOp::Requests, "GET"),
                (_, "reset") => (MockOp::Reset, "POST"),
                (_, "health") => (MockOp::Health, "GET"),
                (Api::V2, "webhook-key") => (MockOp::WebhookKey, "GET"),
                (Api::V2, "webhooks") => (MockOp::Webhooks, "GET"),
                (Api::V2, "watch") => (MockOp::Watch, "GET"),
                _ => return Route::NotFound,
            };
            return if method == allowed || (allowed == "GET" && method == "HEAD") {
                Route::Mock(api, op)
            } else {
                Route::MethodNotAllowed(allowed)
            };
        }
        let found = match api {
            Api::V1 => v1::route(method, &segments).map(|op| op.map(Op::V1)),
            Api::V2 => v2::route(method, &segments).map(|op| op.map(Op::V2)),
        };
        match found {
            Ok(Some(op)) => Route::Api(op),
            Ok(None) => Route::NotFound,
            Err(allowed) => Route::MethodNotAllowed(allowed),
        }
    }

    fn dispatch(&mut self, req: Request, now: u64, request_id: &str) -> Reply {
        let op = match Self::route(&req) {
            Route::Api(op) => op,
            Route::Mock(api, op) => return self.mock_endpoint(api, &op, &req),
            Route::NotFound => return ApiError::gateway(404, "Not Found").reply(),
            Route::MethodNotAllowed(allowed) => {
                let mut reply = ApiError::gateway(405, "Method Not Allowed").reply();
                reply.set_header("allow", allowed);
                return reply;
            }
        };
        let header = req.get(faults::HEADER).map(FaultSpec::parse_header).transpose();
        let spec = match header {
            Ok(spec) => spec.unwrap_or_default().or(&self.config.fault),
            Err(e) => {
                let message = format!("invalid {} header: {e}", faults::HEADER);
                return match op.api() {
                    Api::V1 => ApiError::bad_request("bad_request", message).reply(),
                    Api::V2 => V2Error::new("invalid_request", faults::HEADER, message).reply(),
                };
            }
        };
        if spec == FaultSpec::default() || !spec.applies(|key| self.count_fault_key(key)) {
            return self.run(&op, &req, now, request_id);
        }
        if let Some(ms) = spec.delay {
            let resume = Box::new(Resume { op, req, spec, request_id: request_id.to_owned() });
            return Reply { delay: Some(Delay { ms, resume }), ..Reply::default() };
        }
        self.faulted(&op, &req, &spec, now, request_id)
    }

    /// The answer under a fault that applies (its delay, if any, is over).
    fn faulted(&mut self, op: &Op, req: &Request, spec: &FaultSpec, now: u64, request_id: &str) -> Reply {
        let injected = match op.api() {
            Api::V1 => faults::INJECTED_V1,
            Api::V2 => faults::INJECTED_V2,
        };
        let mut reply = if spec.echo_key {
            faults::echo_key(req.get("x-api-key"), req.get("authorization"), spec.status.unwrap_or(401))
        } else if spec.drop {
            spec.dropped(injected)
        } else if let Some(status) = spec.status {
            spec.injected(status, injected, now)
        } else {
            let mut reply = self.run(op, req, now, request_id);
            spec.spoil(&mut reply, now);
            reply
        };
        reply.late_ms = spec.late.unwrap_or(0);
        spec.add_headers(&mut reply);
        reply
    }

    /// The key check, then the operation itself.
    fn run(&mut self, op: &Op, req: &Request, now: u64, request_id: &str) -> Reply {
        match op {
            Op::V1(op) => {
                if let Err(e) = v1::check_key(self, req.get("x-api-key")) {
                    return e.reply();
                }
                if req.body.len() > MAX_BODY_BYTES {
                    return ApiError::gateway(413, "Payload Too Large").reply();
                }
                v1::handle(self, op, req, now)
            }
            Op::V2(op) => {
                if let Err(e) = v2::check_key(self, req.get("authorization")) {
                    return e.reply();
                }
                if req.body.len() > MAX_BODY_BYTES {
                    return ApiError::gateway(413, "Payload Too Large").reply();
                }
                v2::handle(self, op, req, now, request_id)
            }
        }
    }

    /// The mock-only endpoints: no key, no faults.
    fn mock_endpoint(&mut self, api: Api, op: &MockOp, req: &Request) -> Reply {
        let query = req.query_pairs();
        let param = |name: &str| query.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        match op {
            MockOp::Messages => {
                let phone = param("phone_number").map(|p| phone_filter(&p));
                let email = param("email_address");
                let messages: Vec<&Message> = self
                    .inbox
                    .iter()
                    .filter(|m| api == Api::V2 || m.is_v1())
                    .filter(|m| phone.as_deref().is_none_or(|p| m.phone_number.as_deref() == Some(p)))
                    .filter(|m| email.as_deref().is_none_or(|e| m.email_address.as_deref() == Some(e)))
                    .collect();
                Reply::json(200, &json!({ "messages": messages }))
            }
            MockOp::Requests => {
                let key = param("key").unwrap_or_default();
                let count = self.fault_keys.get(&key).copied().unwrap_or(0);
                Reply::json(200, &json!({ "count": count }))
            }
            MockOp::Reset => {
                self.reset();
                Reply::json(200, &json!({ "ok": true }))
            }
            MockOp::Health => Reply::json(200, &json!({ "ok": true })),
            MockOp::WebhookKey => match self.hooks.public_key() {
                Some(key) => Reply::json(200, &key),
                None => Reply::json(500, &json!({"code": "internal", "message": "no webhook key could be made"})),
            },
            MockOp::Webhooks => {
                let id = param("verification_id");
                Reply::json(200, &self.hooks.log(id.as_deref()))
            }
            MockOp::Watch => Reply::json(200, &self.v2.watch_log()),
        }
    }
}

/// Answers a CORS preflight (`OPTIONS`): 204, before routing and without a key.
fn preflight(req: &Request) -> Reply {
    let mut reply = Reply::empty(204);
    reply.set_header("access-control-allow-origin", "*");
    reply.set_header("access-control-allow-methods", ALLOW_METHODS);
    reply.set_header("access-control-allow-headers", ALLOW_HEADERS);
    reply.set_header("access-control-max-age", "600");
    // Chrome asks before a public page calls a loopback server.
    if req.get("access-control-request-private-network").is_some() {
        reply.set_header("access-control-allow-private-network", "true");
    }
    reply
}

/// Marks an answer readable from any origin and gives it its request id.
fn finish(mut reply: Reply, request_id: &str) -> Reply {
    if reply.delay.is_some() {
        return reply;
    }
    reply.set_header("access-control-allow-origin", "*");
    reply.set_header("access-control-expose-headers", EXPOSE_HEADERS);
    if reply.header("x-request-id").is_none() {
        reply.set_header("x-request-id", request_id);
    }
    reply
}

/// Serializes a value for an answer.
pub(crate) fn ok(value: &impl Serialize) -> Reply {
    Reply::json(200, value)
}
