//! The phone-number lookup (`GET /v2/lookup/{phone_number}`).

use crate::core::checks;
use crate::core::schema::{enumeration, model, Ty};

enumeration! {
    /// Optional extra data a lookup can ask for.
    pub static LOOKUP_FEATURE = closed "LookupFeature" {
        /// Caller ID name (CNAM); must be enabled for your account.
        "cnam",
    }
}

model! {
    /// The optional parameters of `lookup.lookup`.
    pub static LOOKUP_PARAMS = "LookupParams" {
        /// Extra data to include: `["cnam"]` adds `callerName`.
        "type" "type": opt Ty::List { item: &Ty::Enum(&LOOKUP_FEATURE), max: 8 },
    }
}

enumeration! {
    /// A property of the number.
    pub static LOOKUP_FLAG = open "LookupFlag" {
        /// Moved from its original carrier to another one.
        "ported",
        /// Probably a virtual or disposable number.
        "temporary",
    }
}

enumeration! {
    /// Kind of line (snake_case; v1 used PascalCase names).
    pub static LINE_TYPE = open "LineType" {
        /// Access numbers of prepaid calling-card providers.
        "calling_cards",
        /// Landline.
        "fixed_line",
        /// Ranges reserved for internet service providers.
        "isp",
        /// Non-geographic numbers billed at local rate.
        "local_rate",
        /// Mobile phone.
        "mobile",
        /// Any other service.
        "other",
        /// Paging devices.
        "pager",
        /// Public payphones.
        "payphone",
        /// The caller pays more than a normal call.
        "premium_rate",
        /// Satellite phones.
        "satellite",
        /// Automated services.
        "service",
        /// Cost split between caller and callee.
        "shared_cost",
        /// Short numbers sold to businesses.
        "short_codes_commercial",
        /// The callee pays.
        "toll_free",
        /// Universal access ranges.
        "universal_access",
        /// Could not be classified.
        "unknown",
        /// Private-network numbers, not reachable from the public network.
        "vpn",
        /// Voicemail and IVR access.
        "voice_mail",
        /// VoIP provider ranges reachable from the public network.
        "voip",
    }
}

model! {
    /// Carrier data of a number.
    pub static NETWORK_INFO = "NetworkInfo" {
        /// Name of the carrier.
        "carrier_name" "carrierName": opt Ty::Str(checks::any),
        /// Mobile country code (a string: leading zeros matter).
        "mcc" "mcc": opt Ty::Str(checks::any),
        /// Mobile network code (a string: leading zeros matter).
        "mnc" "mnc": opt Ty::Str(checks::any),
    }
}

model! {
    /// Answer of `lookup.lookup`. Every member is optional.
    pub static LOOKUP_RESPONSE = "LookupResponse" {
        /// The number, normally in E.164 form.
        "phone_number" "phoneNumber": opt Ty::Str(checks::any),
        /// ISO 3166-1 alpha-2 country of the number.
        "country_code" "countryCode": opt Ty::Str(checks::any),
        /// Kind of line.
        "line_type" "lineType": opt Ty::Enum(&LINE_TYPE),
        /// Properties of the number; empty or absent when none applies.
        "flags" "flags": opt Ty::List { item: &Ty::Enum(&LOOKUP_FLAG), max: u32::MAX },
        /// The carrier serving the number now.
        "network_info" "networkInfo": opt Ty::Obj(&NETWORK_INFO),
        /// The carrier the number was first assigned to (differs when ported).
        "original_network_info" "originalNetworkInfo": opt Ty::Obj(&NETWORK_INFO),
        /// Caller ID name; only with `type: ["cnam"]` when the feature is enabled.
        "caller_name" "callerName": opt Ty::Str(checks::any),
    }
}
