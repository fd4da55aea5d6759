//! Verification management (optional endpoints Prelude support must enable):
//! the allow and block lists, and the account's sender IDs.

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Which list: the allow list or the block list.
    pub static LIST_ACTION = closed "ListAction" {
        /// The allow list.
        "allow",
        /// The block list.
        "block",
    }
}

model! {
    /// The body of adding a number to, or removing it from, a list.
    pub static MANAGED_PHONE_NUMBER_REQUEST = "ManagedPhoneNumberRequest" {
        /// The number in E.164 form.
        "phone_number" "phoneNumber": req Ty::Str(checks::e164),
    }
}

model! {
    /// Answer of adding or removing a number: the number.
    pub static MANAGED_PHONE_NUMBER_RESPONSE = "ManagedPhoneNumberResponse" {
        /// The number.
        "phone_number" "phoneNumber": req Ty::Str(checks::any),
    }
}

model! {
    /// One entry of a list.
    pub static MANAGED_PHONE_NUMBER = "ManagedPhoneNumber" {
        /// The number.
        "phone_number" "phoneNumber": req Ty::Str(checks::any),
        /// When it was put on the list.
        "created_at" "createdAt": req Ty::Date,
    }
}

model! {
    /// Answer of `listPhoneNumbers`.
    pub static MANAGED_PHONE_NUMBER_LIST = "ManagedPhoneNumberList" {
        /// The entries (an entry that cannot be read is left out).
        "phone_numbers" "phoneNumbers": req Ty::List { item: &Ty::Obj(&MANAGED_PHONE_NUMBER), max: u32::MAX },
    }
}

enumeration! {
    /// Review state of a sender ID.
    pub static SENDER_ID_STATUS = open "SenderIdStatus" {
        /// Approved.
        "approved",
        /// Under review.
        "pending",
        /// Rejected: see `reason`.
        "rejected",
    }
}

model! {
    /// One sender ID of the account.
    pub static SENDER_ID = "SenderId" {
        /// Text shown to the recipient as the sender.
        "sender_id" "senderId": opt Ty::Str(checks::any),
        /// Review state.
        "status" "status": opt Ty::Enum(&SENDER_ID_STATUS),
    }
}

model! {
    /// Answer of `listSenderIds`.
    pub static SENDER_ID_LIST = "SenderIdList" {
        /// The sender IDs.
        "sender_ids" "senderIds": opt Ty::List { item: &Ty::Obj(&SENDER_ID), max: u32::MAX },
    }
}

model! {
    /// What `submitSenderId` needs.
    pub static SENDER_ID_SUBMIT_REQUEST = "SenderIdSubmitRequest" {
        /// The sender ID to submit for review.
        "sender_id" "senderId": req Ty::Str(checks::text),
    }
}

model! {
    /// Answer of `submitSenderId`.
    pub static SENDER_ID_SUBMIT_RESPONSE = "SenderIdSubmitResponse" {
        /// The submitted sender ID.
        "sender_id" "senderId": req Ty::Str(checks::any),
        /// Review state.
        "status" "status": req Ty::Enum(&SENDER_ID_STATUS),
        /// Why it was rejected; only with `rejected`.
        "reason" "reason": opt Ty::Str(checks::any),
    }
}
