//! The `ding-mock` binary over a real socket: the start line, a request,
//! `drop` on the wire, `--help`, bad options and a clean SIGTERM exit.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_ding-mock");

/// A running server, killed if a test fails before stopping it.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    /// Starts the binary with `args` (and `DING_MOCK_CODE` set to
    /// `env_code`, or unset) and reads its start line.
    fn start(args: &[&str], env_code: Option<&str>) -> Self {
        let mut command = Command::new(BIN);
        command.args(args).stdout(Stdio::piped());
        match env_code {
            Some(code) => command.env("DING_MOCK_CODE", code),
            None => command.env_remove("DING_MOCK_CODE"),
        };
        let mut child = command.spawn().expect("spawn ding-mock");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("start line");
        let addr = line
            .trim_end()
            .strip_prefix("ding-mock listening on http://")
            .and_then(|rest| rest.strip_suffix("/v1"))
            .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
            .to_owned();
        Self { child, addr }
    }

    /// Sends one raw HTTP/1.1 request and reads until the server closes
    /// (or aborts: what arrived before is kept).
    fn request(&self, head: &str, body: &str) -> String {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let request = format!(
            "{head}\r\nhost: {}\r\nx-api-key: k\r\ncontent-type: application/json\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("write");
        let mut answer = Vec::new();
        let _aborted = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_and_stops_cleanly_on_sigterm() {
    let mut server = Server::start(&["--port", "0", "--code", "654321"], Some("1111"));
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    assert_ne!(server.addr, "127.0.0.1:0");

    let body = r#"{"customer_uuid":"0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84","phone_number":"+14155550123"}"#;
    let answer = server.request("POST /v1/authentication HTTP/1.1", body);
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains("\"status\":\"pending\""), "{answer}");
    let answer = server.request("GET /v1/_mock/messages HTTP/1.1", "");
    assert!(answer.contains("\"code\":\"654321\""), "{answer}");

    let pid = server.child.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().expect("kill");
    assert!(killed.success());
    let status = server.child.wait().expect("wait");
    assert!(status.success(), "exit status {status}");
}

#[test]
fn drop_cuts_the_connection_after_part_of_the_body() {
    let server = Server::start(&["--port", "0"], None);
    let head = "GET /v1/lookup/%2B14155550123 HTTP/1.1\r\nx-ding-mock-fault: drop";
    let answer = server.request(head, "");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains("content-length: 53"), "{answer}");
    let (_, body) = answer.split_once("\r\n\r\n").expect("head and body");
    assert!(!body.is_empty() && body.len() < 53, "{body:?}");
    assert!(r#"{"code":"internal_server_error","message":"injected"}"#.starts_with(body));
}

#[test]
fn help_and_bad_options() {
    let help = Command::new(BIN).arg("--help").output().expect("run");
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.starts_with("Usage: ding-mock [OPTIONS]"), "{text}");
    assert!(text.contains("--max-check-attempts"));
    assert!(text.contains("--seed") && text.contains("/v2"), "{text}");

    let bad = Command::new(BIN).arg("--colour").output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let text = String::from_utf8(bad.stderr).unwrap();
    assert!(text.contains("--colour"), "{text}");
    assert!(bad.stdout.is_empty());
}

#[test]
fn code_from_the_environment() {
    let server = Server::start(&["--port", "0"], Some("13579"));
    let body = r#"{"customer_uuid":"0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84","phone_number":"+33612345678"}"#;
    server.request("POST /v1/authentication HTTP/1.1", body);
    let answer = server.request("GET /v1/_mock/messages?phone_number=%2B33612345678 HTTP/1.1", "");
    assert!(answer.contains("Your verification code is 13579"), "{answer}");
}

/// Sends a create with the fault `spec` and hangs up after 100 ms.
fn create_and_hang_up(server: &Server, spec: &str, phone: &str) {
    let body = format!(r#"{{"customer_uuid":"0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84","phone_number":"{phone}"}}"#);
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    let request = format!(
        "POST /v1/authentication HTTP/1.1\r\nhost: {}\r\nx-api-key: k\r\nx-ding-mock-fault: {spec}\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        server.addr,
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("write");
    std::thread::sleep(Duration::from_millis(100));
    drop(stream);
}

#[test]
fn a_client_that_gives_up_during_delay_changes_nothing_but_late_acts() {
    let server = Server::start(&["--port", "0"], None);
    create_and_hang_up(&server, "delay=600", "+14155550001");
    create_and_hang_up(&server, "late=600", "+14155550002");
    std::thread::sleep(Duration::from_millis(1200));
    let answer = server.request("GET /v1/_mock/messages HTTP/1.1", "");
    assert!(!answer.contains("+14155550001"), "the delayed create never ran: {answer}");
    assert!(answer.contains("+14155550002"), "the late create ran before the wait: {answer}");
}

#[test]
fn v2_over_a_real_socket() {
    let server = Server::start(&["--port", "0", "--code", "246810", "--api-key", "sk_v2", "--seed", "10"], None);
    let bearer = "authorization: Bearer sk_v2";
    let body = r#"{"target":{"type":"phone_number","value":"+33612345678"}}"#;
    let answer = server.request(&format!("POST /v2/verification HTTP/1.1\r\n{bearer}"), body);
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains(r#""status":"success""#), "{answer}");
    let check = r#"{"target":{"type":"phone_number","value":"+33612345678"},"code":"246810"}"#;
    let answer = server.request(&format!("POST /v2/verification/check HTTP/1.1\r\n{bearer}"), check);
    assert!(answer.contains(r#""status":"success""#), "{answer}");
    // The SDKs' raw `+` in the path.
    let answer = server.request(&format!("GET /v2/lookup/+14155550123?type=cnam HTTP/1.1\r\n{bearer}"), "");
    assert!(answer.starts_with("HTTP/1.1 200 OK") && answer.contains(r#""caller_name""#), "{answer}");
    // A DELETE with a JSON body.
    let number = r#"{"phone_number":"+447700900123"}"#;
    let path = "/v2/verification/management/phone-numbers/block";
    server.request(&format!("POST {path} HTTP/1.1\r\n{bearer}"), number);
    let answer = server.request(&format!("DELETE {path} HTTP/1.1\r\n{bearer}"), number);
    assert!(answer.starts_with("HTTP/1.1 200 OK") && answer.contains("+447700900123"), "{answer}");
    let answer = server.request(&format!("GET {path} HTTP/1.1\r\n{bearer}"), "");
    assert!(answer.contains(r#"{"phone_numbers":[]}"#), "{answer}");
    let answer = server.request("POST /v2/verification HTTP/1.1\r\nauthorization: Bearer nope", body);
    assert!(answer.starts_with("HTTP/1.1 401") && answer.contains("invalid_api_key"), "{answer}");
}
