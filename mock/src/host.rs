//! The axum host (feature `server`): turns each HTTP request into a core
//! [`Request`], and does what the core's [`Reply`] asks: sleeps for `delay`
//! (then resumes) and `late`, cuts the connection for `drop`, and delivers
//! webhooks with a small HTTP/1.1 client over a tokio `TcpStream`.

use std::io;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::{stream, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::http::{Delivery, Reply, Request};
use crate::machine::{Mock, MAX_BODY_BYTES};
use crate::Config;

/// Pause between the partial body and the abort of `drop`, so the client
/// surely receives the first bytes before the connection goes.
const DROP_PAUSE: Duration = Duration::from_millis(50);

/// Time limit of one webhook delivery (connect, send, read the status).
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// The mock behind a lock, shared by the requests and the webhook tasks.
#[derive(Clone)]
pub struct Shared(Arc<Mutex<Mock>>);

impl Shared {
    /// Locks the mock. The core never panics while holding it, but a
    /// poisoned lock is still used rather than turned into a panic.
    fn lock(&self) -> MutexGuard<'_, Mock> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Milliseconds since the Unix epoch, by the system clock.
pub fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A seed from the OS (falling back on the clock).
pub fn os_seed() -> u64 {
    let mut bytes = [0u8; 8];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => now_ms() ^ u64::from(std::process::id()).rotate_left(32),
    }
}

/// Builds the whole mock: the Ding v1 API under `/v1`, the Prelude v2 API
/// under `/v2` and their mock-only endpoints, with CORS on every answer.
/// Seeded by `config.seed`, else from the OS.
pub fn app(config: Config) -> Router {
    let seed = config.seed.unwrap_or_else(os_seed);
    app_with(Mock::new(config, seed))
}

/// The same for a mock made by the caller.
pub fn app_with(mock: Mock) -> Router {
    Router::new().fallback(handle).with_state(Shared(Arc::new(Mutex::new(mock))))
}

/// Reads a body, stopping one byte past the core's limit so that the core
/// can refuse it without the host holding more.
async fn read_body(body: Body) -> Vec<u8> {
    let mut out = Vec::new();
    let mut frames = body.into_data_stream();
    while let Some(chunk) = frames.next().await {
        let Ok(chunk) = chunk else { break };
        let room = (MAX_BODY_BYTES + 1).saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() > MAX_BODY_BYTES {
            break;
        }
    }
    out
}

/// Every request: into the core, then what its reply asks for.
async fn handle(State(shared): State<Shared>, req: axum::extract::Request) -> Response {
    let (parts, body) = req.into_parts();
    let request = Request {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        body: read_body(body).await,
    };
    let mut reply = shared.lock().handle(request, now_ms());
    // If the client goes away during this sleep, hyper drops this future
    // and the core never resumes: the state stays as it was.
    while let Some(delay) = reply.delay.take() {
        tokio::time::sleep(Duration::from_millis(delay.ms)).await;
        reply = shared.lock().resume(delay, now_ms());
    }
    let deliveries = std::mem::take(&mut reply.deliveries);
    if !deliveries.is_empty() {
        tokio::spawn(deliver(shared.clone(), deliveries));
    }
    if reply.late_ms > 0 {
        tokio::time::sleep(Duration::from_millis(reply.late_ms)).await;
    }
    into_response(reply)
}

/// The HTTP answer of a core reply, cut short for `drop_after`.
fn into_response(reply: Reply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = axum::http::HeaderMap::new();
    for (name, value) in &reply.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value)) {
            headers.append(name, value);
        }
    }
    let body = match reply.drop_after {
        None => Body::from(reply.body),
        Some(sent) => {
            let len = reply.body.len();
            headers.insert(axum::http::header::CONTENT_LENGTH, HeaderValue::from(len));
            let head = Bytes::from(reply.body).slice(..sent.min(len));
            let first = stream::iter([Ok::<Bytes, io::Error>(head)]);
            let abort = stream::once(async {
                tokio::time::sleep(DROP_PAUSE).await;
                Err(io::Error::other("ding-mock fault: connection dropped"))
            });
            Body::from_stream(first.chain(abort))
        }
    };
    (status, headers, body).into_response()
}

/// Sends one reply's webhooks in order, each at its time, and reports
/// every outcome to the core.
async fn deliver(shared: Shared, mut deliveries: Vec<Delivery>) {
    deliveries.sort_by_key(|d| d.after_ms);
    let start = tokio::time::Instant::now();
    for delivery in deliveries {
        tokio::time::sleep_until(start + Duration::from_millis(delivery.after_ms)).await;
        let outcome = match tokio::time::timeout(DELIVERY_TIMEOUT, post(&delivery)).await {
            Ok(Ok(status)) => Ok(status),
            Ok(Err(e)) => Err(e.to_string()),
            Err(_) => Err(format!("timed out after {} s", DELIVERY_TIMEOUT.as_secs())),
        };
        shared.lock().delivered(delivery.id, outcome);
    }
}

/// One HTTP/1.1 POST to a loopback address; answers the status code.
async fn post(delivery: &Delivery) -> io::Result<u16> {
    let mut stream = TcpStream::connect((delivery.host.as_str(), delivery.port)).await?;
    let host_header = if delivery.host.contains(':') { format!("[{}]", delivery.host) } else { delivery.host.clone() };
    let mut head = format!(
        "POST {} HTTP/1.1\r\nhost: {host_header}:{}\r\nuser-agent: ding-mock\r\nconnection: close\r\ncontent-length: {}\r\n",
        delivery.path,
        delivery.port,
        delivery.body.len()
    );
    for (name, value) in &delivery.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&delivery.body).await?;
    stream.flush().await?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(2).any(|w| w == b"\r\n") && answer.len() < 8192 {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&answer);
    line.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .filter(|_| line.starts_with("HTTP/1."))
        .ok_or_else(|| io::Error::other("the receiver did not answer with an HTTP status line"))
}
