// Checking the signature of a Prelude webhook with WebCrypto, present in
// every runtime the package supports. The wasm module has already checked
// the argument types; everything here reads hostile input, so every failure
// is a `DingWebhookError` (with a `code` saying why), never a crash.
//
// As documented: header `X-Webhook-Signature: rsassa-pss-sha256=<sig>`,
// RSASSA-PSS over the SHA-256 digest of the body, the signature in
// base64url (plain base64 and padding accepted too). Not documented: the
// salt length. Both lengths in use are accepted: 32 bytes (the hash length)
// and the largest the key allows.
import { makeError } from "./errors.js";

const PREFIX = "rsassa-pss-sha256=";

// Node 18 has WebCrypto only as `require("node:crypto").webcrypto`: its
// entry files hand it over (`useSubtle`), so this file imports nothing
// runtime-specific.
let fallbackSubtle;

/** Used by the Node entries where `globalThis.crypto` is missing. */
export function useSubtle(subtle) {
  fallbackSubtle = subtle;
}

function fail(code, message) {
  return makeError("DingWebhookError", message, { code });
}

function bytesOf(body) {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

/** Bytes of base64url or base64 text (padding optional), or null. */
function fromBase64(text) {
  const std = text.replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(std)) return null;
  const bare = std.replace(/=+$/, "");
  if (bare.length % 4 === 1) return null;
  try {
    const bin = atob(bare + "===".slice((bare.length + 3) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** DER: a tag, its length, its content. */
function der(tag, content) {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  const out = new Uint8Array(1 + len.length + n);
  out[0] = tag;
  out.set(len, 1);
  out.set(content, 1 + len.length);
  return out;
}

/** A PKCS#1 `RSAPublicKey` wrapped as the SPKI WebCrypto imports. */
function spkiOfPkcs1(pkcs1) {
  const rsaEncryption = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);
  const bits = new Uint8Array(1 + pkcs1.length);
  bits.set(pkcs1, 1);
  const bitString = der(0x03, bits);
  const body = new Uint8Array(rsaEncryption.length + bitString.length);
  body.set(rsaEncryption);
  body.set(bitString, rsaEncryption.length);
  return der(0x30, body);
}

const ALGORITHM = { name: "RSA-PSS", hash: "SHA-256" };

async function importKey(subtle, publicKey) {
  if (typeof publicKey === "object" && publicKey !== null && typeof publicKey.type === "string" && publicKey.algorithm) {
    if (publicKey.algorithm.name !== "RSA-PSS") throw fail("invalid_key", "the CryptoKey is not an RSA-PSS key");
    return publicKey;
  }
  let jwk = publicKey;
  if (typeof publicKey === "string") {
    const text = publicKey.trim();
    if (text.startsWith("{")) {
      try {
        jwk = JSON.parse(text);
      } catch {
        throw fail("invalid_key", "the public key looks like a JWK but is not JSON");
      }
    } else {
      const m = /^-----BEGIN (RSA )?PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END (RSA )?PUBLIC KEY-----$/.exec(text);
      if (!m || m[1] !== m[3]) throw fail("invalid_key", "the public key must be a PEM block (BEGIN PUBLIC KEY) or a JWK");
      const bytes = fromBase64(m[2].replace(/\s+/g, ""));
      if (!bytes) throw fail("invalid_key", "the PEM block is not valid base64");
      try {
        return await subtle.importKey("spki", m[1] ? spkiOfPkcs1(bytes) : bytes, ALGORITHM, false, ["verify"]);
      } catch (cause) {
        throw makeError("DingWebhookError", "the PEM block is not an RSA public key", { code: "invalid_key", cause });
      }
    }
  }
  if (typeof jwk !== "object" || jwk === null || jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") {
    throw fail("invalid_key", "the JWK must be an RSA public key: { kty: \"RSA\", n, e }");
  }
  try {
    return await subtle.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e, ext: true }, ALGORITHM, false, ["verify"]);
  } catch (cause) {
    throw makeError("DingWebhookError", "the JWK is not a usable RSA public key", { code: "invalid_key", cause });
  }
}

/**
 * Checks `signature` (the header's value) over the raw `body` with
 * `publicKey`, then hands the body's text to `decoder.decode`, which
 * returns the typed event. Rejects with a `DingWebhookError`.
 */
export async function verifyWebhook(decoder, body, signature, publicKey) {
  try {
    const subtle = (globalThis.crypto && globalThis.crypto.subtle) || fallbackSubtle;
    if (!subtle) throw fail("unsupported", "WebCrypto (crypto.subtle) is not available in this runtime");
    if (signature === undefined || signature === null || signature.trim() === "") {
      throw fail("missing_signature", "the webhook has no X-Webhook-Signature header: is signing enabled for the account?");
    }
    const signatures = [];
    for (const part of signature.split(/[\s,]+/).filter(Boolean)) {
      if (part.slice(0, PREFIX.length).toLowerCase() !== PREFIX) continue;
      const bytes = fromBase64(part.slice(PREFIX.length));
      if (bytes && bytes.length > 0) signatures.push(bytes);
    }
    if (signatures.length === 0) {
      throw fail("malformed_signature", "the X-Webhook-Signature header is not rsassa-pss-sha256= followed by a base64url signature");
    }
    const key = await importKey(subtle, publicKey);
    const bits = key.algorithm.modulusLength;
    const maxSalt = Math.ceil((bits - 1) / 8) - 32 - 2;
    const data = bytesOf(body);
    let valid = false;
    for (const sig of signatures) {
      if (sig.length !== Math.ceil(bits / 8)) continue;
      for (const saltLength of maxSalt > 32 ? [32, maxSalt] : [32]) {
        try {
          if (await subtle.verify({ name: "RSA-PSS", saltLength }, key, sig, data)) valid = true;
        } catch {
          // A salt length the key cannot have: not this one.
        }
        if (valid) break;
      }
      if (valid) break;
    }
    if (!valid) {
      throw fail(
        "bad_signature",
        "the signature does not match this body and key: pass the body exactly as received (never re-serialised JSON) and the key of this account",
      );
    }
    let text = body;
    if (typeof body !== "string") {
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(data);
      } catch {
        throw fail("malformed_body", "the signed body is not UTF-8 text");
      }
    }
    return decoder.decode(text);
  } finally {
    decoder.free();
  }
}
