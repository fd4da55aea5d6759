//! `GET /v1/lookup/{phone_number}`: plausible, deterministic number metadata
//! from a small table of countries (which the v2 lookup shares).

use serde::Serialize;

use super::requests;
use crate::error::ApiError;
use crate::http::Reply;

/// What the mock knows of one country's numbering plan.
#[derive(Debug)]
pub struct Country {
    /// Country calling code, without `+`.
    pub dial: &'static str,
    /// ISO 3166-1 alpha-2 code.
    pub iso: &'static str,
    /// Starts of the national number that are mobile ranges; `?` is any digit.
    mobile: &'static [&'static str],
    /// Carrier named in the answer.
    pub carrier: &'static str,
    /// Mobile country code of that carrier.
    pub mcc: &'static str,
    /// Mobile network code of that carrier.
    pub mnc: &'static str,
}

/// The countries the mock tells apart. Their calling codes are prefix-free,
/// so the first match is the only one.
const COUNTRIES: &[Country] = &[
    Country { dial: "1", iso: "US", mobile: &[""], carrier: "AT&T", mcc: "310", mnc: "410" },
    Country { dial: "33", iso: "FR", mobile: &["6", "7"], carrier: "Orange", mcc: "208", mnc: "01" },
    Country { dial: "44", iso: "GB", mobile: &["7"], carrier: "Vodafone UK", mcc: "234", mnc: "15" },
    Country {
        dial: "49",
        iso: "DE",
        mobile: &["15", "16", "17"],
        carrier: "Telekom Deutschland",
        mcc: "262",
        mnc: "01",
    },
    Country { dial: "34", iso: "ES", mobile: &["6", "7"], carrier: "Movistar", mcc: "214", mnc: "07" },
    Country { dial: "39", iso: "IT", mobile: &["3"], carrier: "TIM", mcc: "222", mnc: "01" },
    Country { dial: "81", iso: "JP", mobile: &["70", "80", "90"], carrier: "NTT Docomo", mcc: "440", mnc: "10" },
    Country { dial: "91", iso: "IN", mobile: &["6", "7", "8", "9"], carrier: "Jio", mcc: "405", mnc: "857" },
    Country { dial: "61", iso: "AU", mobile: &["4"], carrier: "Telstra", mcc: "505", mnc: "01" },
    Country { dial: "55", iso: "BR", mobile: &["??9"], carrier: "Vivo", mcc: "724", mnc: "06" },
];

/// Any other country: the unknown region `ZZ` on the ITU test network 001-01.
const ELSEWHERE: Country = Country { dial: "", iso: "ZZ", mobile: &[], carrier: "Mock Telecom", mcc: "001", mnc: "01" };

/// North American toll-free area codes.
const TOLL_FREE: &[&str] = &["800", "833", "844", "855", "866", "877", "888"];

/// Caller names handed out for `type=cnam`, picked by the number's digits.
const CALLER_NAMES: &[&str] = &["JANE DOE", "JOHN SMITH", "ALEX MARTIN", "SAM LEE"];

/// True when `number` starts with `pattern`, where `?` in the pattern
/// matches any character.
fn starts_like(number: &str, pattern: &str) -> bool {
    number.len() >= pattern.len() && number.bytes().zip(pattern.bytes()).all(|(n, p)| p == b'?' || n == p)
}

/// The line types the table tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A mobile range.
    Mobile,
    /// A geographic landline.
    FixedLine,
    /// A North American toll-free number.
    TollFree,
    /// A country the table does not know.
    Unknown,
}

impl LineKind {
    /// The v1 (PascalCase) name.
    fn v1(self) -> &'static str {
        match self {
            Self::Mobile => "Mobile",
            Self::FixedLine => "FixedLine",
            Self::TollFree => "TollFree",
            Self::Unknown => "Unknown",
        }
    }
}

/// The country and line type of a valid E.164 number.
pub fn classify(number: &str) -> (&'static Country, LineKind) {
    let digits = number.trim_start_matches('+');
    let country = COUNTRIES.iter().find(|c| digits.starts_with(c.dial)).unwrap_or(&ELSEWHERE);
    let national = digits.get(country.dial.len()..).unwrap_or_default();
    let kind = if country.iso == "US" && TOLL_FREE.iter().any(|p| national.starts_with(p)) {
        LineKind::TollFree
    } else if country.mobile.iter().any(|p| starts_like(national, p)) {
        LineKind::Mobile
    } else if country.iso == ELSEWHERE.iso {
        LineKind::Unknown
    } else {
        LineKind::FixedLine
    };
    (country, kind)
}

/// The caller name of a number, the same for the same digits.
pub fn caller_name(number: &str) -> &'static str {
    let digit_sum: usize = number.bytes().filter(u8::is_ascii_digit).map(|d| usize::from(d - b'0')).sum();
    CALLER_NAMES[digit_sum % CALLER_NAMES.len()]
}

/// Answer of `GET /lookup/{phone_number}`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct LookupReport {
    phone_number: String,
    country_code: &'static str,
    line_type: &'static str,
    carrier: &'static str,
    mcc: &'static str,
    mnc: &'static str,
    number_ported: bool,
    temporary_phone_number: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    caller_name: Option<&'static str>,
}

/// Metadata for a valid E.164 `number`; the same number always gets the
/// same answer.
fn describe(number: &str, cnam: bool) -> LookupReport {
    let (country, kind) = classify(number);
    LookupReport {
        phone_number: number.to_owned(),
        country_code: country.iso,
        line_type: kind.v1(),
        carrier: country.carrier,
        mcc: country.mcc,
        mnc: country.mnc,
        number_ported: false,
        temporary_phone_number: false,
        caller_name: cnam.then(|| caller_name(number)),
    }
}

/// `GET /lookup/{phone_number}` with the `customer-uuid` header and an
/// optional, repeatable `type=cnam` query.
pub fn lookup(customer: &str, number: &str, query: &[(String, String)]) -> Result<Reply, ApiError> {
    requests::customer(customer)?;
    requests::phone(number)?;
    let mut cnam = false;
    for (name, value) in query.iter().filter(|(name, _)| name == "type") {
        if value != "cnam" {
            let message = format!("unsupported {name} {value:?}: only cnam is known");
            return Err(ApiError::bad_request("bad_request", message));
        }
        cnam = true;
    }
    Ok(Reply::json(200, &describe(number, cnam)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(number: &str) -> (&'static str, &'static str) {
        let report = describe(number, false);
        (report.country_code, report.line_type)
    }

    #[test]
    fn countries_and_line_types() {
        assert_eq!(line("+14155550123"), ("US", "Mobile"));
        assert_eq!(line("+18005550123"), ("US", "TollFree"));
        assert_eq!(line("+33612345678"), ("FR", "Mobile"));
        assert_eq!(line("+33142345678"), ("FR", "FixedLine"));
        assert_eq!(line("+447911123456"), ("GB", "Mobile"));
        assert_eq!(line("+442071234567"), ("GB", "FixedLine"));
        assert_eq!(line("+4915112345678"), ("DE", "Mobile"));
        assert_eq!(line("+34612345678"), ("ES", "Mobile"));
        assert_eq!(line("+393123456789"), ("IT", "Mobile"));
        assert_eq!(line("+819012345678"), ("JP", "Mobile"));
        assert_eq!(line("+919876543210"), ("IN", "Mobile"));
        assert_eq!(line("+61412345678"), ("AU", "Mobile"));
        assert_eq!(line("+5511912345678"), ("BR", "Mobile"));
        assert_eq!(line("+551133334444"), ("BR", "FixedLine"));
        assert_eq!(line("+2250700000000"), ("ZZ", "Unknown"));
    }

    #[test]
    fn cnam_is_deterministic_and_optional() {
        let report = describe("+14155550123", true);
        assert_eq!(report.caller_name, Some("JANE DOE"));
        assert_eq!(describe("+14155550123", true), report);
        assert_eq!(describe("+14155550123", false).caller_name, None);
        assert_eq!(describe("+14155550124", true).caller_name, Some("JOHN SMITH"));
    }
}
