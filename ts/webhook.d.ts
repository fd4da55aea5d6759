/** The argument of `verifyWebhook`. */
export interface VerifyWebhookInput {
  /**
   * The request body exactly as received: `await request.text()`, or the
   * raw bytes your framework keeps. Never `JSON.stringify(parsedBody)`:
   * re-serialised JSON has other bytes, and the signature covers the bytes.
   */
  body: string | Uint8Array | ArrayBuffer;
  /** The value of the `X-Webhook-Signature` header (`rsassa-pss-sha256=…`), or `null` when it is missing. */
  signature: string | null | undefined;
  /**
   * The public part of the webhook signing key (Prelude dashboard, Settings,
   * Keys): a PEM block (`-----BEGIN PUBLIC KEY-----`, or `BEGIN RSA PUBLIC
   * KEY`), a JWK (`{ kty: "RSA", n, e }`, as an object or its JSON text), or
   * an RSA-PSS `CryptoKey`.
   */
  publicKey: string | { kty: "RSA"; n: string; e: string } | WebhookCryptoKey;
}

/**
 * A WebCrypto `CryptoKey` (RSA-PSS, usage `verify`), described by its
 * shape so these typings need no DOM library.
 */
export interface WebhookCryptoKey {
  readonly type: string;
  readonly algorithm: { readonly name: string };
  readonly usages: readonly string[];
}
