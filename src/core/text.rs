//! Small text helpers for messages: cutting, quoting, listing.

use crate::core::value::Value;

/// The first `max` characters of `s`, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => {
            let mut t = s.get(..i).unwrap_or(s).to_owned();
            t.push('…');
            t
        }
        None => s.to_owned(),
    }
}

/// `s` cut to `max` characters, as a JSON string literal (`"abc…"`).
pub fn quoted(s: &str, max: usize) -> String {
    let mut out = String::new();
    crate::core::json::push_string(&mut out, &truncate(s, max));
    out
}

/// `must be WHAT, got TYPE`.
pub fn expected<V: Value>(what: &str, got: &V) -> String {
    let mut s = String::from("must be ");
    s.push_str(what);
    s.push_str(", got ");
    s.push_str(got.type_name());
    s
}

/// `must be one of "a", "b", got "c"`.
pub fn one_of<'a>(known: impl Iterator<Item = &'a str>, got: &str) -> String {
    let mut s = String::from("must be one of ");
    for (i, k) in known.enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('"');
        s.push_str(k);
        s.push('"');
    }
    s.push_str(", got ");
    s.push_str(&quoted(got, 40));
    s
}

/// The decimal text of `n`.
pub fn uint(n: u64) -> String {
    let mut s = String::new();
    crate::core::json::push_uint(&mut s, n);
    s
}

/// The first index of `needle` in `hay`, by bytes: smaller in the wasm
/// than the standard library's two-way searcher.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h.get(i..i + n.len()) == Some(n))
}
