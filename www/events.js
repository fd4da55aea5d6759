// The timeline's lines, in plain words: the events of a v1 authentication
// (getAuthenticationStatus) and the v2 webhook events the demo server
// received and verified (GET /events, see scripts/serve.mjs). Each becomes
// { kind, text, detail, tone }: `kind` is a CSS class, `tone` good/bad/"".
import { channelLabel } from "./messages.js";

const CHECK_WORDS = {
  valid: "correct",
  invalid: "wrong",
  expired_auth: "too late: expired",
  rate_limited: "refused: too many tries",
  already_validated: "already used",
  without_attempt: "no code was sent",
};

const words = (s) => String(s ?? "").replace(/_/g, " ");

/** A v1 status event (typed by the SDK: attempt, delivery_status, check, balance_update, unknown). */
export function describeV1Event(e) {
  switch (e.type) {
    case "attempt":
      return {
        kind: "attempt",
        text: `Code sent by ${e.capability === "text" ? "SMS" : e.capability || "message"}${
          e.attemptNumber ? ` (attempt ${e.attemptNumber})` : ""
        }`,
        detail: [e.senderId && `from ${e.senderId}`, e.status].filter(Boolean).join(" · "),
      };
    case "delivery_status":
      return {
        kind: "delivery_status",
        text: `Delivery report: ${words(e.status || "unknown")}`,
        detail: e.attemptNumber ? `attempt ${e.attemptNumber}` : "",
      };
    case "check": {
      const word = CHECK_WORDS[e.status] || words(e.status) || "checked";
      return {
        kind: "check",
        text: `Code ${e.code || ""} checked: ${word}`,
        detail: "",
        tone: e.status === "valid" ? "good" : "bad",
      };
    }
    case "balance_update": {
      const amount = typeof e.amount === "number" ? e.amount.toFixed(3).replace("-", "−") : "";
      return { kind: "balance_update", text: `Balance ${amount}`, detail: words(e.balanceUpdateType) };
    }
    default:
      return { kind: "unknown", text: `Event "${e.rawType || e.type}"`, detail: "not known to this SDK version" };
  }
}

/** "0.009 EUR". */
export function priceText(price) {
  if (!price || typeof price.amount !== "number") return "";
  return `${price.amount} ${price.currency || ""}`.trim();
}

/** A verified v2 webhook event, as GET /events summarizes it. */
export function describeWebhookEvent(e) {
  switch (e.type) {
    case "verify.authentication": {
      const price = priceText(e.price);
      return {
        kind: "authentication",
        text: "Verification started",
        detail: ["verify.authentication", price && `billed ${price}`].filter(Boolean).join(" · "),
      };
    }
    case "verify.attempt":
      return {
        kind: "attempt",
        text: `Code sent${e.channel ? ` by ${channelLabel(e.channel)}` : ""}${
          e.attemptNumber ? ` (attempt ${e.attemptNumber})` : ""
        }`,
        detail: "verify.attempt",
      };
    case "verify.delivery_status": {
      const status = e.status || "unknown";
      return {
        kind: "delivery_status",
        text: `Delivery report: ${words(status)}`,
        detail: ["verify.delivery_status", e.attemptNumber && `attempt ${e.attemptNumber}`].filter(Boolean).join(" · "),
        tone: status === "undeliverable" ? "bad" : "",
      };
    }
    default:
      return {
        kind: "unknown",
        text: `Event "${e.rawType || e.type}"`,
        detail: "signature checked; not known to this SDK version",
      };
  }
}
