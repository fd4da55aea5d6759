//! Helpers shared by the integration tests: one mock per test, on one of
//! four hosts, and small wrappers for the usual calls.
//!
//! The hosts (see [`Host`]):
//! * `router`: the axum router of `ding_mock::app`, driven in-process with
//!   `tower::ServiceExt::oneshot`;
//! * `core_host`: `ding_mock::Mock::handle` with a small host of this file;
//! * `http`: the same axum app served by `axum::serve` on a real
//!   `127.0.0.1:0` socket in the test process, talked to over HTTP/1.1;
//! * `sandbox`: the npm package's `ding-otp-mock` command (`node` running
//!   the file named by `DING_SANDBOX_CLI`: the core compiled to wasm behind
//!   the sandbox's `fetch`), one process per mock, over HTTP/1.1.
//!
//! `host_tests! { async fn name() { ... } ... }` makes each test once per
//! host, in the modules `router`, `core_host`, `http` and `sandbox`; the
//! `sandbox` ones are `#[ignore]`d (they need the built npm package:
//! `DING_SANDBOX_CLI=pkg/sandbox/cli.js cargo test -p ding-mock --
//! --include-ignored`). `host_tests!(mod group on [router http] { ... })`
//! makes them on some hosts only, in `group::router`, `group::http`...
//! `Mock::new` and `Mock::with` build the mock of the host the test runs on.
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Request, StatusCode};
use axum::Router;
use ding_mock::{app, now_ms, os_seed, Config, Delivery};
use futures_util::StreamExt;
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

/// A valid customer UUID.
pub const CUSTOMER: &str = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

/// Another valid customer UUID.
pub const OTHER_CUSTOMER: &str = "9a41c7d2-6e0f-4b3a-8c15-2d7e9f0b1a63";

/// The fixed code of [`Mock::new`].
pub const CODE: &str = "123456";

/// A phone number that gets codes.
pub const PHONE: &str = "+14155550123";

/// The bearer token the v2 helpers send.
pub const TOKEN: &str = "sk_test";

/// The variable naming the sandbox's command (`pkg/sandbox/cli.js`),
/// absolute or relative to the workspace root.
pub const SANDBOX_CLI: &str = "DING_SANDBOX_CLI";

/// Makes each test once per host (see the module's doc).
///
/// * `host_tests! { async fn a() { ... } ... }`: on the four hosts, in the
///   modules `router`, `core_host`, `http` and `sandbox` (ignored unless
///   asked for: it needs the built npm package);
/// * `host_tests!(mod group on [router http sandbox] { ... })`: on the
///   hosts listed only, in `group::router`... (for the few tests that
///   cannot hold on the others; each says why).
#[macro_export]
macro_rules! host_tests {
    (mod $group:ident on [$($host:ident)*] $tests:tt) => {
        mod $group {
            #[allow(unused_imports)]
            use super::*;
            $( $crate::host_tests!(@host $host $tests); )*
        }
    };
    (@host router $tests:tt) => {
        $crate::host_tests!(@module router Router #[doc = "On the axum router, in-process."] $tests);
    };
    (@host core_host $tests:tt) => {
        $crate::host_tests!(@module core_host Core #[doc = "On `Mock::handle` and the tests' own host."] $tests);
    };
    (@host http $tests:tt) => {
        $crate::host_tests!(@module http Http #[doc = "On the axum app over a real socket."] $tests);
    };
    (@host sandbox $tests:tt) => {
        $crate::host_tests!(@module sandbox Sandbox
            #[ignore = "needs DING_SANDBOX_CLI (pkg/sandbox/cli.js): scripts/test.sh runs them after the build"]
            $tests);
    };
    (@module $module:ident $host:ident #[$extra:meta] { $($(#[$meta:meta])* async fn $name:ident() $body:block)* }) => {
        mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$meta])*
                #[$extra]
                #[tokio::test]
                async fn $name() {
                    $crate::common::on_host($crate::common::Host::$host, async $body).await
                }
            )*
        }
    };
    ($($(#[$meta:meta])* async fn $name:ident() $body:block)*) => {
        $crate::host_tests!(@host router { $($(#[$meta])* async fn $name() $body)* });
        $crate::host_tests!(@host core_host { $($(#[$meta])* async fn $name() $body)* });
        $crate::host_tests!(@host http { $($(#[$meta])* async fn $name() $body)* });
        $crate::host_tests!(@host sandbox { $($(#[$meta])* async fn $name() $body)* });
    };
}

/// Which host a test drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// The axum router of `ding_mock::app`, in-process.
    Router,
    /// `ding_mock::Mock::handle` with this file's own small host.
    Core,
    /// The axum app served on a `127.0.0.1:0` socket of this process.
    Http,
    /// The sandbox's `ding-otp-mock` command, a `node` process per mock.
    Sandbox,
}

impl Host {
    /// True for the hosts that send the webhooks themselves (all but the
    /// core host of this file, which only collects them: [`Mock::deliveries`]).
    pub fn delivers_webhooks(self) -> bool {
        self != Self::Core
    }
}

thread_local! {
    static HOST: Cell<Host> = const { Cell::new(Host::Router) };
}

/// The host of the running test.
pub fn host() -> Host {
    HOST.with(Cell::get)
}

/// Runs a test body on `host` (tokio's test runtime is single-threaded, so
/// the body runs on this thread). A sandbox test fails at once, saying
/// why, when `DING_SANDBOX_CLI` does not name the command: never a pass
/// that tested nothing.
pub async fn on_host<F: Future>(host: Host, body: F) -> F::Output {
    if host == Host::Sandbox {
        sandbox_cli();
    }
    HOST.with(|h| h.set(host));
    body.await
}

/// An answer, fully read (or read up to the abort of `drop`).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The connection broke before the whole body came.
    pub aborted: bool,
}

impl Reply {
    /// The body as JSON (panics with the raw text when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&self.body)))
    }

    /// A header as text, or "" when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// Asserts a 400 and returns its error code after checking `doc_url`.
    pub fn error_code(&self) -> String {
        assert_eq!(self.status, StatusCode::BAD_REQUEST, "{:?}", self.body);
        let json = self.json();
        let code = json["code"].as_str().expect("code").to_owned();
        let doc = format!("https://docs.prelude.so/verify/v1/documentation/errors#{code}");
        assert_eq!(json["doc_url"], doc);
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
        code
    }

    /// Asserts a v2 error of `status` and returns its `(code, param)`
    /// (`param` "" when absent) after checking the body has nothing else
    /// than `code`, `message` and `param`.
    pub fn v2_error_of(&self, status: u16) -> (String, String) {
        assert_eq!(self.status.as_u16(), status, "{:?}", self.body);
        let json = self.json();
        let object = json.as_object().expect("an object");
        assert!(object.keys().all(|k| ["code", "message", "param"].contains(&k.as_str())), "{json}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()), "{json}");
        let code = json["code"].as_str().expect("code").to_owned();
        let param = json.get("param").map(|p| p.as_str().expect("param is text").to_owned()).unwrap_or_default();
        (code, param)
    }

    /// [`Reply::v2_error_of`] for a 400.
    pub fn v2_error(&self) -> (String, String) {
        self.v2_error_of(400)
    }
}

/// What a mock is reached through.
enum Backend {
    Router(Router),
    Core(Arc<Mutex<ding_mock::Mock>>),
    Http(Served),
    Sandbox(Sandbox),
}

/// One mock server.
pub struct Mock {
    backend: Backend,
    /// Webhooks the core asked for (core host only: this host never sends them).
    deliveries: Mutex<Vec<Delivery>>,
}

impl Mock {
    /// A mock with the default settings and the fixed code [`CODE`].
    pub fn new() -> Self {
        Self::with(Config { code: Some(CODE.to_owned()), ..Config::default() })
    }

    /// A mock with these settings, on the test's host. The network hosts
    /// listen on `127.0.0.1` and a free port, whatever `host` and `port` say.
    pub fn with(config: Config) -> Self {
        let backend = match host() {
            Host::Router => Backend::Router(app(config)),
            Host::Core => {
                let seed = config.seed.unwrap_or_else(os_seed);
                Backend::Core(Arc::new(Mutex::new(ding_mock::Mock::new(config, seed))))
            }
            Host::Http => Backend::Http(Served::start(config)),
            Host::Sandbox => Backend::Sandbox(Sandbox::start(config)),
        };
        Self { backend, deliveries: Mutex::default() }
    }

    /// The host this mock runs on.
    pub fn host(&self) -> Host {
        match self.backend {
            Backend::Router(_) => Host::Router,
            Backend::Core(_) => Host::Core,
            Backend::Http(_) => Host::Http,
            Backend::Sandbox(_) => Host::Sandbox,
        }
    }

    /// Webhook deliveries the core handed to this host so far (core host;
    /// always empty on the others, which send them themselves).
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.deliveries.lock().unwrap().clone()
    }

    /// Sends one request as given (no header added; the network hosts add
    /// `host`, `content-length` and `connection: close`).
    pub async fn call(&self, method: Method, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        self.call_bytes(method, path, headers, body.as_bytes().to_vec()).await
    }

    /// Sends one request with a body of bytes.
    pub async fn call_bytes(&self, method: Method, path: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
        match &self.backend {
            Backend::Router(router) => {
                let mut req = Request::builder().method(method).uri(path);
                for (name, value) in headers {
                    req = req.header(*name, *value);
                }
                let req = req.body(Body::from(body)).expect("request");
                let res = router.clone().oneshot(req).await.expect("infallible");
                let status = res.status();
                let headers = res.headers().clone();
                let mut frames = res.into_body().into_data_stream();
                let (mut body, mut aborted) = (Vec::new(), false);
                while let Some(frame) = frames.next().await {
                    match frame {
                        Ok(bytes) => body.extend_from_slice(&bytes),
                        Err(_) => {
                            aborted = true;
                            break;
                        }
                    }
                }
                Reply { status, headers, body: Bytes::from(body), aborted }
            }
            Backend::Core(core) => {
                let (path, query) = path.split_once('?').unwrap_or((path, ""));
                let request = ding_mock::Request {
                    method: method.as_str().to_owned(),
                    path: path.to_owned(),
                    query: query.to_owned(),
                    headers: headers.iter().map(|(n, v)| (n.to_ascii_lowercase(), (*v).to_owned())).collect(),
                    body,
                };
                let mut reply = core.lock().unwrap().handle(request, now_ms());
                while let Some(delay) = reply.delay.take() {
                    tokio::time::sleep(Duration::from_millis(delay.ms)).await;
                    reply = core.lock().unwrap().resume(delay, now_ms());
                }
                self.deliveries.lock().unwrap().append(&mut reply.deliveries);
                if reply.late_ms > 0 {
                    tokio::time::sleep(Duration::from_millis(reply.late_ms)).await;
                }
                let mut headers = HeaderMap::new();
                for (name, value) in &reply.headers {
                    let name = HeaderName::try_from(name.as_str()).expect("header name");
                    headers.append(name, HeaderValue::from_str(value).expect("header value"));
                }
                headers.insert("content-length", HeaderValue::from(reply.body.len()));
                let mut body = reply.body;
                let aborted = reply.drop_after.is_some();
                if let Some(n) = reply.drop_after {
                    body.truncate(n);
                }
                let status = StatusCode::from_u16(reply.status).expect("status");
                Reply { status, headers, body: Bytes::from(body), aborted }
            }
            Backend::Http(served) => Box::pin(http1(&served.addr.to_string(), &method, path, headers, &body)).await,
            Backend::Sandbox(sandbox) => Box::pin(http1(&sandbox.addr, &method, path, headers, &body)).await,
        }
    }
    /// POST with an API key, a JSON body and extra headers.
    pub async fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("x-api-key", "sk_test"), ("content-type", "application/json")];
        all.extend_from_slice(headers);
        self.call(Method::POST, path, &all, &body.to_string()).await
    }

    /// POST with an API key and a JSON body.
    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.post_with(path, body, &[]).await
    }

    /// GET with an API key and extra headers.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut all = vec![("x-api-key", "sk_test")];
        all.extend_from_slice(headers);
        self.call(Method::GET, path, &all, "").await
    }

    /// GET with an API key.
    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// Creates an authentication for `phone` and returns the 200 answer.
    pub async fn create(&self, phone: &str) -> Value {
        let reply = self.post("/v1/authentication", &create_body(phone)).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// Creates an authentication for [`PHONE`] and returns its UUID.
    pub async fn create_uuid(&self) -> String {
        self.create(PHONE).await["authentication_uuid"].as_str().expect("authentication_uuid").to_owned()
    }

    /// Checks a code for `auth` and returns the status.
    pub async fn check(&self, auth: &str, code: &str) -> String {
        let body = json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth, "check_code": code});
        let reply = self.post("/v1/check", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        let json = reply.json();
        assert_eq!(json["authentication_uuid"], auth);
        json["status"].as_str().expect("status").to_owned()
    }

    /// Asks for a retry of `auth` and returns the 200 answer.
    pub async fn retry(&self, auth: &str) -> Value {
        let body = json!({"customer_uuid": CUSTOMER, "authentication_uuid": auth});
        let reply = self.post("/v1/retry", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// The status answer of `auth`.
    pub async fn status(&self, auth: &str) -> Value {
        let reply = self.get(&format!("/v1/authentication/{auth}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", reply.body);
        reply.json()
    }

    /// The v1 inbox, all numbers.
    pub async fn inbox(&self) -> Vec<Value> {
        let reply = self.call(Method::GET, "/v1/_mock/messages", &[], "").await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["messages"].as_array().expect("messages").clone()
    }

    /// How many requests carried fault key `key`.
    pub async fn key_count(&self, key: &str) -> u64 {
        let path = format!("/v1/_mock/requests?key={key}");
        let reply = self.call(Method::GET, &path, &[], "").await;
        reply.json()["count"].as_u64().expect("count")
    }

    // v2

    /// A v2 request with the bearer token [`TOKEN`], a JSON body (unless
    /// `None`) and extra headers.
    pub async fn v2(&self, method: Method, path: &str, body: Option<&Value>, headers: &[(&str, &str)]) -> Reply {
        let bearer = format!("Bearer {TOKEN}");
        let mut all = vec![("authorization", bearer.as_str()), ("accept", "application/json")];
        if body.is_some() {
            all.push(("content-type", "application/json"));
        }
        all.extend_from_slice(headers);
        let text = body.map(Value::to_string).unwrap_or_default();
        self.call(method, path, &all, &text).await
    }

    /// A v2 POST.
    pub async fn post2(&self, path: &str, body: &Value) -> Reply {
        self.v2(Method::POST, path, Some(body), &[]).await
    }

    /// A v2 GET.
    pub async fn get2(&self, path: &str) -> Reply {
        self.v2(Method::GET, path, None, &[]).await
    }

    /// Creates a v2 verification with `body` and returns the 200 answer.
    pub async fn verify(&self, body: &Value) -> Value {
        let reply = self.post2("/v2/verification", body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", String::from_utf8_lossy(&reply.body));
        let json = reply.json();
        assert_eq!(json["request_id"], reply.header("x-request-id"), "the body's request_id is the header's");
        json
    }

    /// Creates a v2 verification for the phone number `phone`.
    pub async fn verify_phone(&self, phone: &str) -> Value {
        self.verify(&json!({"target": {"type": "phone_number", "value": phone}})).await
    }

    /// Checks `code` for the phone number `phone` and returns the answer.
    pub async fn check2(&self, phone: &str, code: &str) -> Value {
        let body = json!({"target": {"type": "phone_number", "value": phone}, "code": code});
        let reply = self.post2("/v2/verification/check", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{:?}", String::from_utf8_lossy(&reply.body));
        reply.json()
    }

    /// The shared inbox as `/v2/_mock/messages` shows it (query may be "").
    pub async fn inbox2(&self, query: &str) -> Vec<Value> {
        let reply = self.call(Method::GET, &format!("/v2/_mock/messages{query}"), &[], "").await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()["messages"].as_array().expect("messages").clone()
    }

    /// A mock-only GET below `/v2/_mock/`.
    pub async fn mock2(&self, path: &str) -> Value {
        let reply = self.call(Method::GET, &format!("/v2/_mock/{path}"), &[], "").await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        reply.json()
    }
}

/// A minimal valid create body for `phone`.
pub fn create_body(phone: &str) -> Value {
    json!({"customer_uuid": CUSTOMER, "phone_number": phone})
}

/// A v2 phone target.
pub fn phone_target(phone: &str) -> Value {
    json!({"type": "phone_number", "value": phone})
}

/// True for an RFC 3339 UTC time with milliseconds (`2025-04-28T09:15:27.412Z`).
pub fn is_rfc3339_millis(value: &Value) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    let b = text.as_bytes();
    b.len() == 24
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'.',
            23 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// True for `vrf_` and 26 lowercase Crockford base32 characters.
pub fn is_verification_id(value: &Value) -> bool {
    value
        .as_str()
        .and_then(|s| s.strip_prefix("vrf_"))
        .is_some_and(|rest| rest.len() == 26 && rest.bytes().all(|c| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&c)))
}

// The network hosts.

/// The axum app served on a real socket of this process (host `http`).
struct Served {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Served {
    /// Binds `127.0.0.1:0` and serves `app(config)` on it, on the test's
    /// runtime (so its webhook tasks run there too).
    fn start(config: Config) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("local address");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let task = tokio::spawn(async move {
            axum::serve(listener, app(config)).await.expect("axum::serve");
        });
        Self { addr, task }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The sandbox's command, from `DING_SANDBOX_CLI` (absolute, or relative to
/// the workspace root); panics saying what to do when it is not there.
pub fn sandbox_cli() -> PathBuf {
    let Some(given) = std::env::var_os(SANDBOX_CLI).filter(|v| !v.is_empty()) else {
        panic!(
            "{SANDBOX_CLI} is not set: the sandbox tests run the npm package's `ding-otp-mock` command; \
             build the package, then run them with {SANDBOX_CLI}=pkg/sandbox/cli.js \
             (absolute, or relative to the workspace root), as scripts/test.sh does"
        );
    };
    let given = PathBuf::from(given);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root");
    let path = if given.is_absolute() { given } else { root.join(given) };
    assert!(path.is_file(), "{SANDBOX_CLI} names {}, which is not a file: build the npm package first", path.display());
    path
}

/// One `node <cli.js> --port 0 <args of the config>` process (host
/// `sandbox`), killed when dropped: at the end of its test, even one that
/// panics.
struct Sandbox {
    addr: String,
    child: Child,
}

/// How long a sandbox may take to print its start line.
const SANDBOX_START: Duration = Duration::from_secs(30);

impl Sandbox {
    fn start(config: Config) -> Self {
        let cli = sandbox_cli();
        let args = Config { host: "127.0.0.1".to_owned(), port: 0, ..config }.to_args();
        let mut child = Command::new("node")
            .arg(&cli)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `node {}`: {e}", cli.display()));
        // The start line, read on a thread of its own (so a sandbox that
        // never prints fails the test instead of hanging it), which then
        // drains stdout until the process ends.
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let read = reader.read_line(&mut line).map(|_| line);
            let _ = tx.send(read);
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let mut sandbox = Self { addr: String::new(), child };
        let line = match rx.recv_timeout(SANDBOX_START) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => panic!("reading the start line of the sandbox: {e}"),
            Err(_) => panic!(
                "the sandbox printed no start line in {} s (node {} {args:?})",
                SANDBOX_START.as_secs(),
                cli.display()
            ),
        };
        let Some(addr) =
            line.trim_end().strip_prefix("ding-mock listening on http://").and_then(|r| r.strip_suffix("/v1"))
        else {
            let status = sandbox.child.try_wait().ok().flatten();
            panic!("unexpected start line {line:?} of `node {} {args:?}` (exit status {status:?})", cli.display());
        };
        sandbox.addr = addr.to_owned();
        sandbox
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The longest one exchange over HTTP may take.
const EXCHANGE_LIMIT: Duration = Duration::from_secs(60);

/// One HTTP/1.1 exchange with the server at `addr` (`connection: close`):
/// sends the request with a `content-length`, reads the status, the
/// headers and the body by its `content-length` (chunked, or to the end of
/// the connection, if the answer says so). A connection that ends before
/// the announced length (the `drop` fault) gives what came and `aborted`,
/// as the in-process hosts report it.
pub async fn http1(addr: &str, method: &Method, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let exchange = async {
        let mut stream =
            tokio::net::TcpStream::connect(addr).await.unwrap_or_else(|e| panic!("connect to {addr}: {e}"));
        let mut request = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
        let mut request = request.into_bytes();
        request.extend_from_slice(body);
        let (mut reader, mut writer) = stream.split();
        // Written while the answer is read: a server may answer (a 413)
        // before it has read a big body. A failed write shows in the answer.
        let write = async {
            let _ = writer.write_all(&request).await;
        };
        let (_, reply) = tokio::join!(write, read_answer(&mut reader, method));
        reply
    };
    tokio::time::timeout(EXCHANGE_LIMIT, exchange)
        .await
        .unwrap_or_else(|_| panic!("no whole answer from {addr} in {} s: {method} {path}", EXCHANGE_LIMIT.as_secs()))
}

/// Bytes read from a connection, with what is left to parse.
struct Incoming<'a, R> {
    reader: &'a mut R,
    buffer: Vec<u8>,
    /// The connection ended (closed, or reset).
    ended: bool,
    /// It ended with an error (a reset) rather than a clean close.
    reset: bool,
}

impl<R: AsyncRead + Unpin> Incoming<'_, R> {
    /// Reads once more; false when the connection has ended.
    async fn more(&mut self) -> bool {
        if self.ended {
            return false;
        }
        // On the heap: a buffer held across an await makes every future
        // above it that big, and the test threads' stacks are small.
        let mut chunk = vec![0u8; 64 * 1024];
        match self.reader.read(&mut chunk).await {
            Ok(0) => {
                self.ended = true;
                false
            }
            Err(_) => {
                (self.ended, self.reset) = (true, true);
                false
            }
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// The buffer up to the first `\r\n` (excluded), taken out of it;
    /// `None` when the connection ends first.
    async fn line(&mut self) -> Option<Vec<u8>> {
        loop {
            if let Some(at) = self.buffer.windows(2).position(|w| w == b"\r\n") {
                let line = self.buffer[..at].to_vec();
                self.buffer.drain(..at + 2);
                return Some(line);
            }
            if !self.more().await {
                return None;
            }
        }
    }

    /// `n` bytes taken out of the buffer, or what came before the end.
    async fn take(&mut self, n: usize) -> Result<Vec<u8>, Vec<u8>> {
        while self.buffer.len() < n {
            if !self.more().await {
                return Err(std::mem::take(&mut self.buffer));
            }
        }
        Ok(self.buffer.drain(..n).collect())
    }
}

/// Reads one HTTP/1.1 answer to a `method` request.
async fn read_answer<R: AsyncRead + Unpin>(reader: &mut R, method: &Method) -> Reply {
    let mut input = Incoming { reader, buffer: Vec::new(), ended: false, reset: false };
    let status_line = input.line().await.expect("the connection ended before the status line");
    let status_line = String::from_utf8_lossy(&status_line).into_owned();
    let mut words = status_line.split(' ');
    assert!(words.next().is_some_and(|v| v.starts_with("HTTP/1.")), "not an HTTP/1 status line: {status_line:?}");
    let status = words
        .next()
        .and_then(|code| code.parse().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or_else(|| panic!("no status code in {status_line:?}"));
    let mut headers = HeaderMap::new();
    loop {
        let line = input.line().await.expect("the connection ended in the middle of the headers");
        if line.is_empty() {
            break;
        }
        let at = line.iter().position(|&b| b == b':').unwrap_or_else(|| panic!("a header without ':' {line:?}"));
        let name = HeaderName::from_bytes(&line[..at]).expect("a header name");
        let value = HeaderValue::from_bytes(line[at + 1..].trim_ascii()).expect("a header value");
        headers.append(name, value);
    }
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    let bodiless = *method == Method::HEAD || status.is_informational() || [204, 304].contains(&status.as_u16());
    let (body, aborted) = if bodiless {
        (Vec::new(), false)
    } else if text("transfer-encoding").is_some_and(|te| te.ends_with("chunked")) {
        let mut body = Vec::new();
        let mut aborted = true;
        while let Some(size) = input.line().await {
            let size = String::from_utf8_lossy(&size).into_owned();
            let size = size.split(';').next().unwrap_or_default().trim().to_owned();
            let size = usize::from_str_radix(&size, 16).unwrap_or_else(|_| panic!("a bad chunk size {size:?}"));
            if size == 0 {
                // Trailers, then the end.
                while input.line().await.is_some_and(|l| !l.is_empty()) {}
                aborted = false;
                break;
            }
            match input.take(size + 2).await {
                Ok(chunk) => body.extend_from_slice(&chunk[..size]),
                Err(part) => {
                    body.extend_from_slice(&part[..part.len().min(size)]);
                    break;
                }
            }
        }
        (body, aborted)
    } else if let Some(length) = text("content-length") {
        let length: usize = length.parse().unwrap_or_else(|_| panic!("a bad content-length {length:?}"));
        match input.take(length).await {
            Ok(body) => (body, false),
            Err(part) => (part, true),
        }
    } else {
        // Delimited by the end of the connection: a reset is an abort.
        while input.more().await {}
        (std::mem::take(&mut input.buffer), input.reset)
    };
    Reply { status, headers, body: Bytes::from(body), aborted }
}

// Webhook receivers, for the hosts that deliver.

/// One webhook request as a receiver saw it.
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// A header's value, or "" when absent (`name` in lower case).
    pub fn header(&self, name: &str) -> &str {
        self.headers.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }
}

/// A loopback receiver that answers `status` to the first `n` requests,
/// on a thread of its own, and hands each request over.
pub fn receiver(n: usize, status: u16) -> (u16, mpsc::Receiver<Received>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..n {
            let Ok((stream, _)) = listener.accept() else { return };
            stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let path = line.split_whitespace().nth(1).unwrap_or_default().to_owned();
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap();
                headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
            }
            let length: usize = headers.iter().find(|(n, _)| n == "content-length").unwrap().1.parse().unwrap();
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            reader.get_mut().write_all(answer.as_bytes()).unwrap();
            let _ = tx.send(Received { path, headers, body });
        }
    });
    (port, rx)
}

/// The next request the receiver got, waited for without blocking the
/// runtime (the `router` and `http` hosts' delivery tasks run on this thread).
pub async fn next_received(rx: &mpsc::Receiver<Received>) -> Received {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(got) = rx.try_recv() {
            return got;
        }
        assert!(Instant::now() < deadline, "no webhook came");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
