//! The events Verify POSTs to a verification's `callbackUrl`, as
//! `verifyWebhook` hands them back: camelCased, dates as `Date`s, told
//! apart by `type`, with kinds this SDK does not know kept as `unknown`.

use super::verification::METADATA;
use crate::core::checks;
use crate::core::schema::{enumeration, model, union, Ty};

enumeration! {
    /// The kind of a target.
    pub static TARGET_TYPE = open "TargetType" {
        /// A phone number.
        "phone_number",
        /// An e-mail address.
        "email_address",
    }
}

model! {
    /// A target as an event names it.
    pub static EVENT_TARGET = "EventTarget" {
        /// The kind.
        "type" "type": opt Ty::Enum(&TARGET_TYPE),
        /// The number or address.
        "value" "value": opt Ty::Str(checks::any),
    }
}

model! {
    /// What a verification cost.
    pub static WEBHOOK_PRICE = "WebhookPrice" {
        /// Amount charged.
        "amount" "amount": opt Ty::Number,
        /// ISO 4217 currency code.
        "currency" "currency": opt Ty::Str(checks::any),
    }
}

model! {
    /// Payload of `verify.authentication`: the verification was created and billed.
    pub static VERIFY_AUTHENTICATION_PAYLOAD = "VerifyAuthenticationPayload" {
        /// The verification (`vrf_…`).
        "verification_id" "verificationId": opt Ty::Str(checks::any),
        /// Its target.
        "target" "target": opt Ty::Obj(&EVENT_TARGET),
        /// When it was created.
        "time" "time": opt Ty::Date,
        /// What it cost.
        "price" "price": opt Ty::Obj(&WEBHOOK_PRICE),
        /// Your metadata.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
    }
}

model! {
    /// Payload of `verify.attempt`: an attempt was sent. No source lists its
    /// members; these are assumed, expect others.
    pub static VERIFY_ATTEMPT_PAYLOAD = "VerifyAttemptPayload" {
        /// The verification (`vrf_…`).
        "verification_id" "verificationId": opt Ty::Str(checks::any),
        /// Its target.
        "target" "target": opt Ty::Obj(&EVENT_TARGET),
        /// When the attempt was made.
        "time" "time": opt Ty::Date,
        /// Your metadata.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
    }
}

enumeration! {
    /// Delivery state reported by the carrier.
    pub static DELIVERY_STATUS = open "DeliveryStatus" {
        /// Handed to the carrier.
        "submitted",
        /// On its way.
        "in_transit",
        /// Reached the handset.
        "delivered",
        /// Cannot be delivered.
        "undeliverable",
        /// The carrier gave nothing usable.
        "unknown",
    }
}

model! {
    /// Payload of `verify.delivery_status`. Only `status` is documented.
    pub static VERIFY_DELIVERY_STATUS_PAYLOAD = "VerifyDeliveryStatusPayload" {
        /// The delivery state.
        "status" "status": req Ty::Enum(&DELIVERY_STATUS),
        /// The verification (`vrf_…`).
        "verification_id" "verificationId": opt Ty::Str(checks::any),
        /// Its target.
        "target" "target": opt Ty::Obj(&EVENT_TARGET),
        /// When the report was made.
        "time" "time": opt Ty::Date,
        /// Your metadata.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
    }
}

model! {
    /// `verify.authentication`: a verification was created and billed.
    pub static VERIFY_AUTHENTICATION_EVENT = "VerifyAuthenticationEvent" {
        /// Id of the event (`evt_…`): Prelude may deliver an event twice, so drop duplicates by it.
        "id" "id": req Ty::Str(checks::any),
        /// When the event was created.
        "created_at" "createdAt": req Ty::Date,
        /// What happened.
        "payload" "payload": req Ty::Obj(&VERIFY_AUTHENTICATION_PAYLOAD),
    }
}

model! {
    /// `verify.attempt`: an attempt (a message carrying the code) was sent.
    pub static VERIFY_ATTEMPT_EVENT = "VerifyAttemptEvent" {
        /// Id of the event (`evt_…`), to drop duplicates by.
        "id" "id": req Ty::Str(checks::any),
        /// When the event was created.
        "created_at" "createdAt": req Ty::Date,
        /// What happened.
        "payload" "payload": req Ty::Obj(&VERIFY_ATTEMPT_PAYLOAD),
    }
}

model! {
    /// `verify.delivery_status`: the carrier reported a delivery state.
    pub static VERIFY_DELIVERY_STATUS_EVENT = "VerifyDeliveryStatusEvent" {
        /// Id of the event (`evt_…`), to drop duplicates by.
        "id" "id": req Ty::Str(checks::any),
        /// When the event was created.
        "created_at" "createdAt": req Ty::Date,
        /// What happened.
        "payload" "payload": req Ty::Obj(&VERIFY_DELIVERY_STATUS_PAYLOAD),
    }
}

model! {
    /// An event of a kind this SDK does not know, or one it could not read,
    /// kept whole. Its signature was checked all the same.
    pub static UNKNOWN_WEBHOOK_EVENT = "UnknownWebhookEvent" {
        /// `id`, when present and a string.
        "id" "id": opt Ty::Str(checks::any),
        /// `created_at`, when present and well formed.
        "created_at" "createdAt": opt Ty::Date,
    }
}

union! {
    /// A Verify webhook event, as `verifyWebhook` returns it; narrow it on `type`.
    pub static VERIFY_WEBHOOK_EVENT = "VerifyWebhookEvent" {
        "verify.authentication" => &VERIFY_AUTHENTICATION_EVENT,
        "verify.attempt" => &VERIFY_ATTEMPT_EVENT,
        "verify.delivery_status" => &VERIFY_DELIVERY_STATUS_EVENT,
    }
    unknown: &UNKNOWN_WEBHOOK_EVENT
}
