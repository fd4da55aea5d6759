//! Watch: score a target (`POST /v2/watch/predict`), report your own
//! verification funnel (`/v2/watch/feedback`) and events (`/v2/watch/event`).

use super::verification::{METADATA, RISK_FACTOR, SIGNALS, TARGET_TY};
use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

model! {
    /// What `watch.predict` needs.
    pub static WATCH_PREDICT_REQUEST = "WatchPredictRequest" {
        /// Who to score.
        "target" "target": req TARGET_TY,
        /// The 36-character id a Prelude front-end SDK gave.
        "dispatch_id" "dispatchId": opt Ty::Str(checks::dispatch_id),
        /// Your metadata; use the same `correlationId` in later feedbacks.
        "metadata" "metadata": opt Ty::Obj(&METADATA),
        /// Anti-fraud signals.
        "signals" "signals": opt Ty::Obj(&SIGNALS),
    }
}

enumeration! {
    /// What Watch makes of a target.
    pub static PREDICTION = open "Prediction" {
        /// Looks genuine.
        "legitimate",
        /// Looks like abuse: see `riskFactors`.
        "suspicious",
    }
}

model! {
    /// Answer of `watch.predict`.
    pub static WATCH_PREDICT_RESPONSE = "WatchPredictResponse" {
        /// Identifier of the prediction.
        "id" "id": req Ty::Str(checks::any),
        /// The verdict.
        "prediction" "prediction": req Ty::Enum(&PREDICTION),
        /// Risk signals found; only for `suspicious`.
        "risk_factors" "riskFactors": opt Ty::List { item: &Ty::Enum(&RISK_FACTOR), max: u32::MAX },
        /// Id of this API request: quote it to support.
        "request_id" "requestId": req Ty::Str(checks::any),
    }
}

enumeration! {
    /// A step of your own verification funnel.
    pub static FEEDBACK_TYPE = closed "FeedbackType" {
        /// A verification was started (a challenge issued).
        "verification.started",
        /// The verification succeeded.
        "verification.completed",
    }
}

model! {
    /// One funnel step about one target.
    pub static WATCH_FEEDBACK = "WatchFeedback" {
        /// Who the step is about.
        "target" "target": req TARGET_TY,
        /// The step.
        "type" "type": req Ty::Enum(&FEEDBACK_TYPE),
        /// Your metadata (the `correlationId` given to `predict`).
        "metadata" "metadata": opt Ty::Obj(&METADATA),
        /// Deprecated: sent by older SDKs only.
        "dispatch_id" "dispatchId": opt Ty::Str(checks::dispatch_id),
        /// Deprecated: sent by older SDKs only.
        "signals" "signals": opt Ty::Obj(&SIGNALS),
    }
}

model! {
    /// What `watch.sendFeedbacks` needs: at most 100 feedbacks.
    pub static WATCH_FEEDBACKS_REQUEST = "WatchFeedbacksRequest" {
        /// The feedbacks to record.
        "feedbacks" "feedbacks": req Ty::List { item: &Ty::Obj(&WATCH_FEEDBACK), max: 100 },
    }
}

enumeration! {
    /// How strongly an event speaks for the user being legitimate.
    pub static EVENT_CONFIDENCE = closed "EventConfidence" {
        /// The most trust (a confirmed 3-D Secure payment).
        "maximum",
        /// More trust.
        "high",
        /// Neither way.
        "neutral",
        /// Less trust.
        "low",
        /// The least trust (a chargeback).
        "minimum",
    }
}

model! {
    /// One event about one target.
    pub static WATCH_EVENT = "WatchEvent" {
        /// Who the event is about.
        "target" "target": req TARGET_TY,
        /// Your name for what happened (`account.banned`).
        "label" "label": req Ty::Str(checks::text),
        /// How much the event speaks for the user's legitimacy.
        "confidence" "confidence": req Ty::Enum(&EVENT_CONFIDENCE),
    }
}

model! {
    /// What `watch.sendEvents` needs: at most 100 events.
    pub static WATCH_EVENTS_REQUEST = "WatchEventsRequest" {
        /// The events to record.
        "events" "events": req Ty::List { item: &Ty::Obj(&WATCH_EVENT), max: 100 },
    }
}

enumeration! {
    /// `success` on every accepted batch.
    pub static ACCEPTED_STATUS = open "AcceptedStatus" {
        /// The batch was recorded.
        "success",
    }
}

model! {
    /// Answer of `watch.sendFeedbacks` and `watch.sendEvents`.
    pub static WATCH_ACCEPTED_RESPONSE = "WatchAcceptedResponse" {
        /// `success`.
        "status" "status": req Ty::Enum(&ACCEPTED_STATUS),
        /// Id of this API request: quote it to support.
        "request_id" "requestId": req Ty::Str(checks::any),
    }
}
