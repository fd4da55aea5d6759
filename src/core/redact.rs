//! Keeping the API key out of every string an error carries, even when a
//! server echoes it back: in messages, bodies, codes, links and headers.
//!
//! The key is found in any spelling a server might give it, character by
//! character: as itself, JSON-escaped (`\u0073`, `\"`, `\\`, `\/`) or
//! percent-encoded (`%73`, either hex case), mixed in any way. A string is
//! searched whole before it is cut to length, and a cut never leaves the
//! start of the key at the end.
//!
//! A key shorter than [`SHORT`] characters (a test key) is removed only
//! where it stands as a word: anywhere else it would cut ordinary text,
//! an error code like `blocked_number` for a key `k`.

/// What replaces the key.
pub const MARK: &str = "[redacted]";

/// Most bytes one key character can take in the hay (`\u0041`).
const WIDEST: usize = 6;

/// Keys at least this long are removed wherever they appear.
pub const SHORT: usize = 8;

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether a match of `key` at `start..end` in `h` is one to remove.
fn stands_alone(h: &[u8], start: usize, end: usize, key: &[u8]) -> bool {
    let apart = |b: Option<&u8>| b.map_or(true, |&b| !word_byte(b));
    key.len() >= SHORT || (apart(start.checked_sub(1).and_then(|i| h.get(i))) && apart(h.get(end)))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex_byte(h: &[u8], at: usize) -> Option<u8> {
    Some(hex(*h.get(at)?)? << 4 | hex(*h.get(at + 1)?)?)
}

/// Adds the ends of every spelling of `c` that starts at `at` in `h` to
/// `ends`, once each.
fn spellings(h: &[u8], at: usize, c: u8, ends: &mut Vec<usize>) {
    let Some(&b) = h.get(at) else { return };
    let mut add = |end: usize| {
        if !ends.contains(&end) {
            ends.push(end);
        }
    };
    if b == c {
        add(at + 1);
    }
    if b == b'%' && hex_byte(h, at + 1) == Some(c) {
        add(at + 3);
    }
    if b == b'\\' {
        match h.get(at + 1) {
            Some(b'u') if hex_byte(h, at + 2) == Some(0) && hex_byte(h, at + 4) == Some(c) => add(at + 6),
            Some(&e) if e == c && matches!(c, b'"' | b'\\' | b'/') => add(at + 2),
            _ => {}
        }
    }
}

/// How far a spelling of `key` starting at `at` goes.
enum Reach {
    /// The whole key, ending at this index (the longest such spelling).
    Whole(usize),
    /// A spelling of the start of the key runs to the end of `h`.
    Cut,
    /// No spelling of the key starts here.
    None,
}

fn reach(h: &[u8], at: usize, key: &[u8]) -> Reach {
    // Every position a spelling of the key's first i characters can end
    // at: a set rather than a search tree, so that keys full of `%` or `\`
    // cost no more than others.
    let mut here = vec![at];
    let mut next = Vec::new();
    let mut cut = false;
    for &c in key {
        next.clear();
        for &p in &here {
            cut |= p == h.len();
            spellings(h, p, c, &mut next);
        }
        if next.is_empty() {
            return if cut { Reach::Cut } else { Reach::None };
        }
        std::mem::swap(&mut here, &mut next);
    }
    here.iter().max().map_or(Reach::None, |&end| Reach::Whole(end))
}

fn could_start(b: u8, key: &[u8]) -> bool {
    key.first() == Some(&b) || b == b'%' || b == b'\\'
}

/// `hay` with every spelling of `key` replaced by [`MARK`].
///
/// A short key next to another spelling of itself (`z[z[`) stands as a
/// word only once its neighbour is removed (a mark begins and ends with a
/// bracket), so short keys are searched again until nothing changes. Each
/// search removes at least one spelling and a mark adds none (every part
/// of a mark shorter than [`SHORT`] touches one of its letters), so this
/// ends.
pub fn redact(hay: &str, key: &str) -> String {
    let mut text = redact_once(hay, key);
    if key.len() < SHORT {
        loop {
            let again = redact_once(&text, key);
            if again == text {
                break;
            }
            text = again;
        }
    }
    text
}

fn redact_once(hay: &str, key: &str) -> String {
    let (h, k) = (hay.as_bytes(), key.as_bytes());
    if k.is_empty() {
        return hay.to_owned();
    }
    let mut out: Vec<u8> = Vec::with_capacity(h.len());
    let mut i = 0;
    while let Some(&b) = h.get(i) {
        if could_start(b, k) {
            if let Reach::Whole(end) = reach(h, i, k) {
                if stands_alone(h, i, end, k) {
                    out.extend_from_slice(MARK.as_bytes());
                    i = end;
                    continue;
                }
            }
        }
        out.push(b);
        i += 1;
    }
    // Only ASCII was matched and replaced, so the text stays UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `hay` without the key, cut to at most `max_bytes` bytes (on a character
/// boundary, with `…` when cut). The key is searched before the cut, and a
/// cut that would leave the start of a spelling of the key at the end cuts
/// before it. Only a bounded head of a huge `hay` is searched: what lies
/// past it is cut off anyway.
pub fn clean(hay: &str, key: &str, max_bytes: usize) -> String {
    let window = max_bytes.saturating_add(key.len().saturating_mul(WIDEST)).saturating_add(WIDEST);
    let head = hay.get(..floor_boundary(hay, window.min(hay.len()))).unwrap_or_default();
    let mut text = redact(head, key);
    if text.len() <= max_bytes && head.len() == hay.len() {
        return text;
    }
    let mut cut = floor_boundary(&text, max_bytes.min(text.len()));
    // Never split a mark: cut before it.
    let t = text.as_bytes();
    if let Some(start) =
        (cut.saturating_sub(MARK.len() - 1)..cut).find(|&s| t.get(s..s + MARK.len()) == Some(MARK.as_bytes()))
    {
        cut = start;
    }
    let k = key.as_bytes();
    // Cut before the start of a spelling of the key that runs into the cut,
    // and before a short key that the cut would leave standing alone (it
    // was part of a longer word, which the cut ends); again after each move,
    // since the new end may expose another.
    while !k.is_empty() {
        let t = text.as_bytes().get(..cut).unwrap_or_default();
        let from = cut.saturating_sub(k.len() * WIDEST);
        let exposed = |s: usize| match reach(t, s, k) {
            Reach::Cut => true,
            Reach::Whole(end) => end == t.len() && stands_alone(t, s, end, k),
            Reach::None => false,
        };
        match (from..cut).find(|&s| exposed(s)) {
            Some(start) => cut = floor_boundary(&text, start),
            None => break,
        }
    }
    text.truncate(cut);
    text.push('…');
    text
}

/// Whether `hay` holds a spelling of `key`.
pub fn contains(hay: &str, key: &str) -> bool {
    let (h, k) = (hay.as_bytes(), key.as_bytes());
    !k.is_empty()
        && h.iter().enumerate().any(|(i, &b)| {
            could_start(b, k) && matches!(reach(h, i, k), Reach::Whole(end) if stands_alone(h, i, end, k))
        })
}
