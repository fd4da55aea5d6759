//! The phone-number lookup (`GET /lookup/{phone_number}`).

use crate::model::{response, string_enum};

string_enum! {
    /// Optional extra data a lookup can ask for.
    closed enum LookupFeature {
        /// Caller ID name (CNAM); must be enabled for your account.
        Cnam = "cnam",
    }
}

string_enum! {
    /// Kind of line behind a number.
    open enum LineType {
        /// Prepaid calling-card access numbers.
        CallingCards = "CallingCards",
        /// Landline.
        FixedLine = "FixedLine",
        /// Ranges reserved for internet service providers.
        InternetServiceProvider = "InternetServiceProvider",
        /// Non-geographic numbers billed at local rate.
        LocalRate = "LocalRate",
        /// Mobile phone.
        Mobile = "Mobile",
        /// Any other service.
        OtherService = "Other",
        /// Paging device.
        Pager = "Pager",
        /// Public payphone.
        PayPhone = "PayPhone",
        /// The caller pays a premium.
        PremiumRate = "PremiumRate",
        /// Satellite phone.
        Satellite = "Satellite",
        /// Automated service.
        Service = "Service",
        /// Cost shared by caller and callee.
        SharedCost = "SharedCost",
        /// Commercial short code.
        ShortCodesCommercial = "ShortCodesCommercial",
        /// The callee pays.
        TollFree = "TollFree",
        /// Universal access ranges.
        UniversalAccess = "UniversalAccess",
        /// Could not be classified.
        Unknown = "Unknown",
        /// Private network numbers, unreachable from the public network.
        Vpn = "VPN",
        /// Voicemail or IVR access.
        VoiceMail = "VoiceMail",
        /// VoIP provider ranges.
        Voip = "Voip",
    }
}

response! {
    /// Answer of `lookup`: carrier and numbering-plan data about a number.
    pub struct LookupResponse {
        /// The number, in E.164 form.
        phone_number as "phoneNumber": String,
        /// ISO 3166-1 alpha-2 country of the number (`US`).
        country_code as "countryCode": String,
        /// Kind of line.
        line_type as "lineType": LineType,
        /// Carrier currently serving the number.
        carrier as "carrier": String,
        /// Mobile country code (a string: it may have leading zeros).
        mcc as "mcc": String,
        /// Mobile network code (a string: it may have leading zeros).
        mnc as "mnc": String,
        /// True when the number was moved from its original carrier.
        number_ported as "numberPorted": bool,
        /// True when the number is known as disposable or temporary.
        temporary_phone_number as "temporaryPhoneNumber": bool,
        /// Caller ID name; only when `["cnam"]` was asked for and is enabled.
        caller_name as "callerName": String,
    }
}
