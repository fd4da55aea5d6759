//! Signed webhooks of v2 verifications: the RSA key (made lazily from the
//! seed), the event envelopes, the signature, and the log of deliveries.
//!
//! The core never connects anywhere: it hands each event to the host as a
//! [`Delivery`] (only for `http://` URLs on loopback) and the host reports
//! back with [`crate::Mock::delivered`].

use std::sync::{Arc, Mutex, PoisonError};

use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::{Pss, RsaPrivateKey, RsaPublicKey};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::clock::rfc3339;
use crate::http::Delivery;
use crate::rng::Rng;
use crate::validate::loopback_http;

/// Size of the webhook key.
const KEY_BITS: usize = 2048;

/// PSS salt length, in bytes (that of SHA-256's output).
const SALT_LEN: usize = 32;

/// Stream labels: the key and the signatures' salts have generators of
/// their own, so that making the key late shifts no id.
const KEY_STREAM: u64 = 2;
const SALT_STREAM: u64 = 3;
const EVENT_STREAM: u64 = 4;

/// What the log says of a delivery the host has not reported yet.
const PENDING: &str = "pending";

/// What the log says of a callback URL the mock refuses to call.
const REFUSED: &str = "not sent: only http:// URLs on loopback (127.0.0.0/8, localhost, [::1]) are called";

/// One entry of `GET /v2/_mock/webhooks`.
#[derive(Debug, Clone)]
struct Logged {
    id: Option<u64>,
    verification_id: String,
    url: String,
    status_or_error: Value,
    event: Value,
    /// The exact body text (signed, when `signature` is set).
    body: String,
    /// The `X-Webhook-Signature` value, for deliveries made.
    signature: Option<String>,
}

/// The key, the salt generator and the delivery log.
pub struct Webhooks {
    key_seed: u64,
    key: Option<Arc<KeyPair>>,
    salts: Rng,
    ids: Rng,
    log: Vec<Logged>,
    next_id: u64,
    /// The host hands deliveries to a receiver in its own process (the
    /// sandbox's `onWebhook`), so no URL reaches a network: every one is
    /// delivered, not only loopback ones.
    in_process: bool,
}

/// The private key and its public half.
type KeyPair = (RsaPrivateKey, RsaPublicKey);

/// Keys already made, by seed: making one is a pure function of the seed,
/// so mocks with the same seed (tests, mostly) share the work. Bounded.
static KEYS: Mutex<Vec<(u64, Arc<KeyPair>)>> = Mutex::new(Vec::new());

/// Most keys [`KEYS`] keeps.
const KEPT_KEYS: usize = 16;

/// The key pair of `seed`: from [`KEYS`], or made from the seed's key stream.
fn key_of(seed: u64) -> Option<Arc<KeyPair>> {
    // Held while making a key, so that two mocks of one seed wait for one
    // key instead of making two.
    let mut keys = KEYS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((_, key)) = keys.iter().find(|(s, _)| *s == seed) {
        return Some(Arc::clone(key));
    }
    let mut rng = Rng::stream(seed, KEY_STREAM);
    let private = RsaPrivateKey::new(&mut rng, KEY_BITS).ok()?;
    let public = private.to_public_key();
    let key = Arc::new((private, public));
    if keys.len() >= KEPT_KEYS {
        keys.remove(0);
    }
    keys.push((seed, Arc::clone(&key)));
    Some(key)
}

/// The envelope of every event.
#[derive(Serialize)]
struct Envelope<'a, P: Serialize> {
    id: String,
    #[serde(rename = "type")]
    kind: &'a str,
    created_at: String,
    payload: P,
}

impl Webhooks {
    /// No key yet (it is made on first use), an empty log.
    pub fn new(seed: u64) -> Self {
        Self {
            key_seed: seed,
            key: None,
            salts: Rng::stream(seed, SALT_STREAM),
            ids: Rng::stream(seed, EVENT_STREAM),
            log: Vec::new(),
            next_id: 1,
            in_process: false,
        }
    }

    /// The key pair, made from the seed on first use (a 2048-bit key takes
    /// a second or more in a debug build).
    fn key(&mut self) -> Option<&KeyPair> {
        if self.key.is_none() {
            self.key = Some(key_of(self.key_seed)?);
        }
        self.key.as_deref()
    }

    /// `GET /v2/_mock/webhook-key`: the public key as PEM (SPKI) and JWK.
    pub fn public_key(&mut self) -> Option<Value> {
        let (_, public) = self.key()?;
        let pem = public.to_public_key_pem(LineEnding::LF).ok()?;
        let jwk = json!({
            "kty": "RSA",
            "n": base64url(&public.n().to_bytes_be()),
            "e": base64url(&public.e().to_bytes_be()),
        });
        Some(json!({ "pem": pem, "jwk": jwk }))
    }

    /// `X-Webhook-Signature` of `body`: RSASSA-PSS, SHA-256, MGF1-SHA-256,
    /// 32-byte salt, base64url without padding.
    fn sign(&mut self, body: &[u8]) -> Option<String> {
        let digest = Sha256::digest(body);
        let mut salts = self.salts.clone();
        let (private, _) = self.key()?;
        let signature = private.sign_with_rng(&mut salts, Pss::new_with_salt::<Sha256>(SALT_LEN), &digest).ok()?;
        self.salts = salts;
        Some(format!("rsassa-pss-sha256={}", base64url(&signature)))
    }

    /// Queues one event for `url` (`after_ms` after `now`): a signed
    /// [`Delivery`] pushed to `out` when the URL is `http://` on loopback,
    /// and a log entry either way.
    #[allow(clippy::too_many_arguments)]
    pub fn send(
        &mut self,
        url: &str,
        verification_id: &str,
        kind: &str,
        payload: &impl Serialize,
        now: u64,
        after_ms: u64,
        out: &mut Vec<crate::http::Delivery>,
    ) {
        let at = now.saturating_add(after_ms);
        let envelope = Envelope { id: format!("evt_{}", self.ids.ulid(at)), kind, created_at: rfc3339(at), payload };
        let body = serde_json::to_vec(&envelope).unwrap_or_default();
        let event = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let mut entry = Logged {
            id: None,
            verification_id: verification_id.to_owned(),
            url: url.to_owned(),
            status_or_error: Value::from(REFUSED),
            event,
            body: String::from_utf8_lossy(&body).into_owned(),
            signature: None,
        };
        let target = loopback_http(url).or_else(|| self.in_process.then(|| (String::new(), 0, String::new())));
        if let Some((host, port, path)) = target {
            match self.sign(&body) {
                Some(signature) => {
                    let id = self.next_id;
                    self.next_id += 1;
                    entry.id = Some(id);
                    entry.status_or_error = Value::from(PENDING);
                    entry.signature = Some(signature.clone());
                    out.push(Delivery {
                        id,
                        url: url.to_owned(),
                        host,
                        port,
                        path,
                        after_ms,
                        headers: vec![
                            ("content-type".to_owned(), "application/json".to_owned()),
                            ("x-webhook-signature".to_owned(), signature),
                        ],
                        body,
                    });
                }
                None => entry.status_or_error = Value::from("not sent: the webhook key could not be made"),
            }
        }
        self.log.push(entry);
    }

    /// Delivers to every URL (the host's receiver is in process), or only to
    /// loopback ones (the default: the host would use the network).
    pub fn set_in_process(&mut self, on: bool) {
        self.in_process = on;
    }

    /// Records what became of delivery `id`.
    pub fn delivered(&mut self, id: u64, outcome: Result<u16, String>) {
        if let Some(entry) = self.log.iter_mut().find(|e| e.id == Some(id)) {
            entry.status_or_error = match outcome {
                Ok(status) => Value::from(status),
                Err(error) => Value::from(error),
            };
        }
    }

    /// `GET /v2/_mock/webhooks[?verification_id=]`.
    pub fn log(&self, verification_id: Option<&str>) -> Value {
        let deliveries: Vec<Value> = self
            .log
            .iter()
            .filter(|e| verification_id.is_none_or(|id| e.verification_id == id))
            .map(|e| {
                let mut entry =
                    json!({"url": e.url, "status_or_error": e.status_or_error, "event": e.event, "body": e.body});
                if let Some(signature) = &e.signature {
                    entry["signature"] = Value::from(signature.as_str());
                }
                entry
            })
            .collect();
        json!({ "deliveries": deliveries })
    }

    /// Forgets the log (not the key).
    pub fn clear_log(&mut self) {
        self.log.clear();
    }
}

/// Base64url without padding (RFC 4648 §5), as JWK and the signature use.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_vectors() {
        // RFC 4648 test vectors, in the URL alphabet without padding.
        for (input, output) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(input.as_bytes()), output);
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url(&[1, 0, 1]), "AQAB");
    }

    #[test]
    fn non_loopback_urls_are_logged_not_delivered() {
        let mut hooks = Webhooks::new(1);
        let mut out = Vec::new();
        hooks.send("https://hooks.example.com/x", "vrf_1", "verify.attempt", &json!({}), 0, 0, &mut out);
        assert!(out.is_empty());
        assert!(hooks.key.is_none(), "no key is made for a refused URL");
        let log = hooks.log(Some("vrf_1"));
        assert_eq!(log["deliveries"][0]["status_or_error"], REFUSED);
        assert_eq!(log["deliveries"][0]["event"]["type"], "verify.attempt");
        assert_eq!(hooks.log(Some("vrf_2"))["deliveries"], json!([]));
    }
}
