//! `GET /v2/lookup/{phone_number}`: the v1 lookup table in the v2 shape,
//! with `flags` and the carrier before and after porting.

use serde::Serialize;

use super::json::invalid;
use super::magic;
use crate::error::V2Error;
use crate::http::Reply;
use crate::machine::ok;
use crate::v1::{caller_name, classify, Country, LineKind};
use crate::validate::is_e164;

/// Carrier data of a number.
#[derive(Serialize)]
struct NetworkInfo {
    carrier_name: &'static str,
    mcc: &'static str,
    mnc: &'static str,
}

impl NetworkInfo {
    fn of(country: &Country) -> Self {
        Self { carrier_name: country.carrier, mcc: country.mcc, mnc: country.mnc }
    }

    /// Where a ported number of `country` went: another carrier of the
    /// same country (T-Mobile in the US, a mock carrier elsewhere).
    fn ported(country: &Country) -> Self {
        if country.iso == "US" {
            Self { carrier_name: "T-Mobile USA", mcc: "310", mnc: "260" }
        } else {
            Self { carrier_name: "Mock Mobile", mcc: country.mcc, mnc: "99" }
        }
    }
}

/// Answer of the lookup.
#[derive(Serialize)]
struct Report<'a> {
    phone_number: &'a str,
    country_code: &'static str,
    line_type: &'static str,
    flags: Vec<&'static str>,
    network_info: NetworkInfo,
    original_network_info: NetworkInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller_name: Option<&'static str>,
}

/// `GET /v2/lookup/{phone_number}[?type=cnam]` (`type` comma-separated or
/// repeated; `cnam` is its only value).
pub fn lookup(number: &str, query: &[(String, String)]) -> Result<Reply, V2Error> {
    if !is_e164(number) {
        let message = format!("{number:?} is not a valid E.164 phone number");
        return Err(V2Error::new("invalid_phone_number", "phone_number", message));
    }
    let mut cnam = false;
    for (_, value) in query.iter().filter(|(name, _)| name == "type") {
        for feature in value.split(',') {
            if feature != "cnam" {
                return Err(invalid("type", format!("unknown lookup type {feature:?}: only cnam is known")));
            }
            cnam = true;
        }
    }
    let (country, kind) = classify(number);
    let suffix = magic::suffix(number);
    let ported = suffix == magic::PORTED_SUFFIX;
    let mut flags = Vec::new();
    if ported {
        flags.push("ported");
    }
    if suffix == magic::TEMPORARY_SUFFIX {
        flags.push("temporary");
    }
    let line_type = match kind {
        LineKind::Mobile => "mobile",
        LineKind::FixedLine => "fixed_line",
        LineKind::TollFree => "toll_free",
        LineKind::Unknown => "unknown",
    };
    Ok(ok(&Report {
        phone_number: number,
        country_code: country.iso,
        line_type,
        flags,
        network_info: if ported { NetworkInfo::ported(country) } else { NetworkInfo::of(country) },
        original_network_info: NetworkInfo::of(country),
        caller_name: cnam.then(|| caller_name(number)),
    }))
}
