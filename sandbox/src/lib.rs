//! The mock of both APIs (the `ding-mock` core) as a wasm module: the state
//! machine behind `ding-otp/sandbox` and the `ding-otp-mock` command. The
//! JS host (`sandbox/js/sandbox.js`) turns each `fetch` into a `handle`
//! call and each reply into a `Response`, and does the waiting and the
//! webhook deliveries; this file only converts at that boundary. The OTP
//! rules, the validation, the inbox, the faults and the webhook signing are
//! the very code the native mock server runs.

#![deny(missing_debug_implementations)]

use ding_mock::{parse_args, Command, Delay, FaultSpec, Mock, Reply, Request};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

fn set(o: &Object, key: &str, value: &JsValue) {
    // Cannot fail on a new plain object.
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

fn pairs(list: &[(String, String)]) -> Array {
    list.iter().flat_map(|(k, v)| [JsValue::from_str(k), JsValue::from_str(v)]).collect()
}

/// The settings the command line `args` give (`--port 0 --code 123456`),
/// as the native mock reads them: `{ host, port }`, `{ help }` with the
/// usage text, or a thrown `TypeError` naming the bad option.
#[wasm_bindgen(js_name = parseArgs)]
pub fn parse_command(args: Vec<String>) -> Result<JsValue, JsValue> {
    let o = Object::new();
    match parse_args(args, None) {
        Ok(Command::Help) => set(&o, "help", &JsValue::from_str(ding_mock::USAGE)),
        Ok(Command::Run(config)) => {
            set(&o, "host", &JsValue::from_str(&config.host));
            set(&o, "port", &JsValue::from_f64(config.port.into()));
        }
        Err(message) => return Err(js_sys::TypeError::new(&message).into()),
    }
    Ok(o.into())
}

/// Checks a fault spec (`status=503;retry-after=2`); throws a `TypeError` saying what is wrong.
#[wasm_bindgen(js_name = checkFault)]
pub fn check_fault(spec: &str) -> Result<(), JsValue> {
    FaultSpec::parse(spec).map(|_| ()).map_err(|e| js_sys::TypeError::new(&e).into())
}

/// One mock: its whole state, and the requests paused by a `delay` fault.
#[wasm_bindgen]
pub struct SandboxCore {
    mock: Mock,
    /// Paused requests, by token: a request whose caller gave up is dropped
    /// from here and never acted on.
    paused: Vec<Option<Delay>>,
}

impl std::fmt::Debug for SandboxCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxCore").field("paused", &self.paused.iter().flatten().count()).finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl SandboxCore {
    /// A mock with the settings of the command line `args` (as
    /// `ding-mock`'s); `seed` gives its ids, codes and webhook key (a
    /// `--seed` among the args wins).
    #[wasm_bindgen(constructor)]
    pub fn new(args: Vec<String>, seed: f64) -> Result<SandboxCore, JsValue> {
        let config = match parse_args(args, None) {
            Ok(Command::Run(config)) => *config,
            Ok(Command::Help) => return Err(js_sys::TypeError::new("--help is not a setting").into()),
            Err(message) => return Err(js_sys::TypeError::new(&message).into()),
        };
        let seed = config.seed.unwrap_or(seed as u64);
        Ok(SandboxCore { mock: Mock::new(config, seed), paused: Vec::new() })
    }

    /// Answers one request at `now_ms`. `headers` alternates names and
    /// values. Returns `{ status, headers, body, lateMs, dropAfter?, delay?,
    /// deliveries }`; with `delay: { ms, token }`, wait, then call `resume`
    /// (or `cancel` when the caller gave up).
    pub fn handle(
        &mut self,
        method: String,
        target: String,
        headers: Vec<String>,
        body: Vec<u8>,
        now_ms: f64,
    ) -> JsValue {
        let mut req = Request::new(&method, &target);
        for pair in headers.chunks(2) {
            if let [name, value] = pair {
                req = req.header(name, value);
            }
        }
        let reply = self.mock.handle(req.body(body), now_ms as u64);
        self.reply(reply)
    }

    /// Goes on with a request paused by a `delay` fault.
    pub fn resume(&mut self, token: usize, now_ms: f64) -> JsValue {
        match self.paused.get_mut(token).and_then(Option::take) {
            Some(delay) => {
                let reply = self.mock.resume(delay, now_ms as u64);
                self.reply(reply)
            }
            None => JsValue::NULL,
        }
    }

    /// Forgets a paused request: its caller gave up, so nothing happens.
    pub fn cancel(&mut self, token: usize) {
        if let Some(slot) = self.paused.get_mut(token) {
            *slot = None;
        }
    }

    /// Records how a webhook delivery went: the receiver's status, or why there was none.
    pub fn delivered(&mut self, id: f64, status: Option<u16>, error: Option<String>) {
        let outcome = match status {
            Some(s) => Ok(s),
            None => Err(error.unwrap_or_else(|| "no answer".to_owned())),
        };
        self.mock.delivered(id as u64, outcome);
    }

    /// Webhooks go to a receiver in this process (`onWebhook`): every
    /// callback URL gets them, since none is reached over a network.
    #[wasm_bindgen(js_name = deliverInProcess)]
    pub fn deliver_in_process(&mut self, on: bool) {
        self.mock.deliver_in_process(on);
    }

    /// Forgets everything but the webhook key.
    pub fn reset(&mut self) {
        self.mock.reset();
        self.paused.clear();
    }

    fn reply(&mut self, reply: Reply) -> JsValue {
        let o = Object::new();
        if let Some(delay) = reply.delay {
            let d = Object::new();
            set(&d, "ms", &JsValue::from_f64(delay.ms as f64));
            let token = match self.paused.iter().position(Option::is_none) {
                Some(free) => free,
                None => {
                    self.paused.push(None);
                    self.paused.len() - 1
                }
            };
            if let Some(slot) = self.paused.get_mut(token) {
                *slot = Some(delay);
            }
            set(&d, "token", &JsValue::from_f64(token as f64));
            set(&o, "delay", &d.into());
            return o.into();
        }
        set(&o, "status", &JsValue::from_f64(reply.status.into()));
        set(&o, "headers", &pairs(&reply.headers).into());
        set(&o, "body", &Uint8Array::from(reply.body.as_slice()).into());
        set(&o, "lateMs", &JsValue::from_f64(reply.late_ms as f64));
        if let Some(n) = reply.drop_after {
            set(&o, "dropAfter", &JsValue::from_f64(n as f64));
        }
        let deliveries: Array = reply
            .deliveries
            .iter()
            .map(|d| {
                let x = Object::new();
                set(&x, "id", &JsValue::from_f64(d.id as f64));
                set(&x, "url", &JsValue::from_str(&d.url));
                set(&x, "afterMs", &JsValue::from_f64(d.after_ms as f64));
                set(&x, "headers", &pairs(&d.headers).into());
                set(&x, "body", &Uint8Array::from(d.body.as_slice()).into());
                JsValue::from(x)
            })
            .collect();
        set(&o, "deliveries", &deliveries.into());
        o.into()
    }
}
