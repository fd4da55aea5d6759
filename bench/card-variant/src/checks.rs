//! The input checks of the six operations (the same rules as the real
//! client's, shorter messages) and the RFC 3339 reader of the answers.

/// A UUID in 8-4-4-4-12 hex form.
pub fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}

/// An E.164 number: `+`, a digit 1-9, then 1 to 14 digits.
pub fn is_e164(s: &str) -> bool {
    let b = s.as_bytes();
    (3..=16).contains(&b.len())
        && b[0] == b'+'
        && (b'1'..=b'9').contains(&b[1])
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// `Err(problem)` unless `s` passes.
pub fn uuid(s: &str) -> Result<(), &'static str> {
    if is_uuid(s) {
        Ok(())
    } else {
        Err("must be a UUID like 0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84")
    }
}

/// `Err(problem)` unless `s` is an E.164 number.
pub fn e164(s: &str) -> Result<(), &'static str> {
    if is_e164(s) {
        Ok(())
    } else {
        Err("must be in E.164 form, like +14155550123")
    }
}

/// `Err(problem)` when `s` is empty.
pub fn non_empty(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        Err("must not be empty")
    } else {
        Ok(())
    }
}

/// `non_empty` for an optional field.
pub fn opt_text(s: &Option<String>) -> Result<(), &'static str> {
    s.as_deref().map_or(Ok(()), non_empty)
}

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_since_epoch(year: i64, month: i64, day: i64) -> i64 {
    // Count from 0000-03-01 so that the leap day ends each year.
    let y = if month <= 2 { year - 1 } else { year };
    let m = if month <= 2 { month + 9 } else { month - 3 };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn month_length(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Milliseconds since the epoch of an RFC 3339 date-time
/// (`2025-04-28T09:15:27.412Z`, or with a `+hh:mm` offset), `None` when malformed.
pub fn rfc3339_millis(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let digits = |at: usize, n: usize| -> Option<i64> {
        let part = b.get(at..at + n)?;
        part.iter().try_fold(0i64, |acc, c| c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0')))
    };
    let sep = |at: usize, want: &[u8]| b.get(at).is_some_and(|c| want.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > month_length(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if sep(i, b".") {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        match i - start {
            0 => return None,
            1 => millis *= 100,
            2 => millis *= 10,
            _ => {}
        }
    }
    let offset_minutes = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && sep(i + 3, b":") => {
            let (h, m) = (digits(i + 1, 2)?, digits(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    let seconds = days_since_epoch(year, month, day) * 86_400 + hour * 3600 + (minute - offset_minutes) * 60 + second;
    Some((seconds * 1000 + millis) as f64)
}
