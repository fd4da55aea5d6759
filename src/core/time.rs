//! Dates read into milliseconds since the Unix epoch (what a JS `Date`
//! holds): RFC 3339 date-times as the contracts send them, and the three
//! HTTP date forms a `Retry-After` header may carry.

/// A point in time read from an RFC 3339 string (`2025-04-28T09:15:27.412Z`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z, as in `Date.prototype.getTime()`.
    pub millis: f64,
}

impl Timestamp {
    /// Parses an RFC 3339 date-time with `Z` or a numeric offset, with or
    /// without fractional seconds (kept to the millisecond). Accepts `t`/`z`
    /// and a space as separator, as RFC 3339 allows. `None` when malformed.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20 {
            return None;
        }
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = b.get(from..from + len)?;
            part.iter().try_fold(0i64, |acc, c| c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0')))
        };
        let year = num(0, 4)?;
        let month = num(5, 2)?;
        let day = num(8, 2)?;
        let hour = num(11, 2)?;
        let minute = num(14, 2)?;
        let second = num(17, 2)?;
        if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut i = 19;
        let mut millis = 0i64;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                if i - start < 3 {
                    millis = millis * 10 + i64::from(b[i] - b'0');
                }
                i += 1;
            }
            let digits = i - start;
            if digits == 0 {
                return None;
            }
            for _ in digits..3 {
                millis *= 10;
            }
        }
        let offset_minutes = match b.get(i)? {
            b'Z' | b'z' if i + 1 == b.len() => 0,
            sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
                let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
                if h > 23 || m > 59 {
                    return None;
                }
                let total = h * 60 + m;
                if *sign == b'-' {
                    -total
                } else {
                    total
                }
            }
            _ => return None,
        };
        let secs = epoch_seconds(year, month, day, hour, minute, second) - offset_minutes * 60;
        Some(Timestamp { millis: (secs * 1000 + millis) as f64 })
    }
}

fn epoch_seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> i64 {
    days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
}

/// Reads 1 to 4 ASCII digits.
fn small_number(s: &str) -> Option<i64> {
    ((1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0')))
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    MONTHS.iter().position(|m| *m == name).map(|i| i as i64 + 1)
}

/// `HH:MM:SS`.
fn clock(s: &str) -> Option<(i64, i64, i64)> {
    let mut parts = s.split(':');
    let mut next = || parts.next().filter(|p| p.len() == 2).and_then(small_number);
    let t = (next()?, next()?, next()?);
    (t.0 <= 23 && t.1 <= 59 && t.2 <= 60 && s.len() == 8).then_some(t)
}

fn checked(year: i64, month: i64, day: i64, (h, m, s): (i64, i64, i64)) -> Option<f64> {
    (day >= 1 && day <= days_in_month(year, month)).then(|| (epoch_seconds(year, month, day, h, m, s) * 1000) as f64)
}

/// Parses an HTTP date into epoch ms, in any of the three forms HTTP
/// requires a recipient to accept (RFC 9110, section 5.6.7):
///
/// - IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`;
/// - RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, whose two-digit year is taken
///   as the most recent year with those digits that is not more than 50
///   years after `now_ms`;
/// - asctime `Sun Nov  6 08:49:37 1994`.
pub fn http_date_ms(s: &str, now_ms: f64) -> Option<f64> {
    if let Some(rest) = crate::core::text::find(s, ", ").and_then(|i| s.get(i + 2..)) {
        let parts: Vec<&str> = rest.split(' ').collect();
        return match parts.as_slice() {
            [day, month, year, time, "GMT"] if day.len() == 2 && year.len() == 4 => {
                checked(small_number(year)?, month_number(month)?, small_number(day)?, clock(time)?)
            }
            [date, time, "GMT"] => {
                let mut d = date.split('-');
                let (day, month, yy) = (d.next()?, d.next()?, d.next()?);
                if d.next().is_some() || day.len() != 2 || yy.len() != 2 {
                    return None;
                }
                let this_year = 1970 + (now_ms / 31_556_952_000.0).floor() as i64;
                let mut year = this_year - this_year.rem_euclid(100) + small_number(yy)?;
                if year > this_year + 50 {
                    year -= 100;
                }
                checked(year, month_number(month)?, small_number(day)?, clock(time)?)
            }
            _ => None,
        };
    }
    // asctime: the day of the month is padded with a space, so split on
    // single spaces and drop the one empty part that padding leaves.
    let parts: Vec<&str> = s.split(' ').collect();
    let parts: Vec<&str> = match parts.as_slice() {
        [w, m, "", d, t, y] if d.len() == 1 => vec![w, m, d, t, y],
        [w, m, d, t, y] if d.len() == 2 => vec![w, m, d, t, y],
        _ => return None,
    };
    match parts.as_slice() {
        [weekday, month, day, time, year] if weekday.len() == 3 && year.len() == 4 => {
            checked(small_number(year)?, month_number(month)?, small_number(day)?, clock(time)?)
        }
        _ => None,
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
