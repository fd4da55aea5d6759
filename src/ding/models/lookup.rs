//! The phone-number lookup (`GET /lookup/{phone_number}`).

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Optional extra data a lookup can ask for.
    pub static LOOKUP_FEATURE = closed "LookupFeature" {
        /// Caller ID name (CNAM); must be enabled for your account.
        "cnam",
    }
}

/// The `types` argument of `lookup`: a list of [`LOOKUP_FEATURE`]s.
pub static LOOKUP_FEATURES: Ty = Ty::List { item: &Ty::Enum(&LOOKUP_FEATURE), max: 8 };

enumeration! {
    /// Kind of line behind a number.
    pub static LINE_TYPE = open "LineType" {
        /// Prepaid calling-card access numbers.
        "CallingCards",
        /// Landline.
        "FixedLine",
        /// Ranges reserved for internet service providers.
        "InternetServiceProvider",
        /// Non-geographic numbers billed at local rate.
        "LocalRate",
        /// Mobile phone.
        "Mobile",
        /// Any other service.
        "Other",
        /// Paging device.
        "Pager",
        /// Public payphone.
        "PayPhone",
        /// The caller pays a premium.
        "PremiumRate",
        /// Satellite phone.
        "Satellite",
        /// Automated service.
        "Service",
        /// Cost shared by caller and callee.
        "SharedCost",
        /// Commercial short code.
        "ShortCodesCommercial",
        /// The callee pays.
        "TollFree",
        /// Universal access ranges.
        "UniversalAccess",
        /// Could not be classified.
        "Unknown",
        /// Private network numbers, unreachable from the public network.
        "VPN",
        /// Voicemail or IVR access.
        "VoiceMail",
        /// VoIP provider ranges.
        "Voip",
    }
}

model! {
    /// Answer of `lookup`: carrier and numbering-plan data about a number.
    pub static LOOKUP_RESPONSE = "LookupResponse" {
        /// The number, in E.164 form.
        "phone_number" "phoneNumber": opt Ty::Str(checks::any),
        /// ISO 3166-1 alpha-2 country of the number (`US`).
        "country_code" "countryCode": opt Ty::Str(checks::any),
        /// Kind of line.
        "line_type" "lineType": opt Ty::Enum(&LINE_TYPE),
        /// Carrier currently serving the number.
        "carrier" "carrier": opt Ty::Str(checks::any),
        /// Mobile country code (a string: it may have leading zeros).
        "mcc" "mcc": opt Ty::Str(checks::any),
        /// Mobile network code (a string: it may have leading zeros).
        "mnc" "mnc": opt Ty::Str(checks::any),
        /// True when the number was moved from its original carrier.
        "number_ported" "numberPorted": opt Ty::Bool,
        /// True when the number is known as disposable or temporary.
        "temporary_phone_number" "temporaryPhoneNumber": opt Ty::Bool,
        /// Caller ID name; only when `["cnam"]` was asked for and is enabled.
        "caller_name" "callerName": opt Ty::Str(checks::any),
    }
}
