//! Every magic input of the v2 mock in one place (README: "v2 magic numbers").

/// Last four digits of a number judged `suspicious`: create answers
/// `blocked` with [`SUSPICIOUS_FACTORS`], predict answers `suspicious`.
pub const SUSPICIOUS_SUFFIX: &str = "0666";

/// Risk factors of a suspicious number.
pub const SUSPICIOUS_FACTORS: &[&str] = &["prefix_concentration", "fraud_database"];

/// Last four digits of a number that a dry-run rule matches: create answers
/// `shadow_blocked` (reason `suspicious`, [`SHADOW_FACTORS`]) and still sends.
pub const SHADOW_SUFFIX: &str = "0667";

/// Risk factors of a shadow-blocked number.
pub const SHADOW_FACTORS: &[&str] = &["poor_conversion_history"];

/// Last four digits of a disposable number: lookup flag `temporary`,
/// predict `suspicious` with `temporary_phone_number`.
pub const TEMPORARY_SUFFIX: &str = "0668";

/// Last four digits of a ported number: lookup flag `ported`, with another
/// `network_info` than `original_network_info`.
pub const PORTED_SUFFIX: &str = "0669";

/// Start of an unallocated range (the reserved North American area code
/// 999): create answers `blocked` with reason `invalid_phone_number`.
pub const UNALLOCATED_PREFIX: &str = "+1999";

/// Country code that is not served: create answers 400 `unsupported_country`.
pub const UNSUPPORTED_COUNTRY: &str = "+999";

/// `dispatch_id` whose front-end signature is too old: `blocked`,
/// `expired_signature`.
pub const EXPIRED_SIGNATURE_DISPATCH: &str = "expired-signature-000000000000000000";

/// `dispatch_id` whose front-end signature is wrong: `blocked`,
/// `invalid_signature` with `suspected_request_tampering`; predict
/// `suspicious` with the same factor.
pub const INVALID_SIGNATURE_DISPATCH: &str = "invalid-signature-000000000000000000";

/// Creates that sent something, per target within [`REPEATED_WINDOW_MS`],
/// after which creates answer `blocked` with `repeated_attempts`.
pub const REPEATED_LIMIT: usize = 10;

/// Window of [`REPEATED_LIMIT`]: one hour.
pub const REPEATED_WINDOW_MS: u64 = 3_600_000;

/// The only country where the `zalo` channel is active (Vietnam); listing
/// it in `options.channels` for another number is
/// `channel_not_enabled_in_region`.
pub const ZALO_COUNTRY: &str = "+84";

/// Sender ids containing this (in any case) are `rejected` on submission.
pub const REJECTED_SENDER_WORD: &str = "FREE";

/// Reason given for a rejected sender id.
pub const REJECTED_SENDER_REASON: &str = "The name looks like a promotional message.";

/// Price of every verification in the `verify.authentication` webhook.
pub const PRICE_AMOUNT: f64 = 0.009;

/// Currency of [`PRICE_AMOUNT`].
pub const PRICE_CURRENCY: &str = "EUR";

/// Delay of the `verify.delivery_status` webhook after its attempt.
pub const DELIVERY_REPORT_MS: u64 = 100;

/// The last four digits of a phone number ("" when shorter).
pub fn suffix(number: &str) -> &str {
    number.get(number.len().saturating_sub(4)..).unwrap_or_default()
}
