//! Writing JSON text: the request bodies the SDK sends. Small on purpose:
//! strings, booleans, whole numbers, objects and arrays are all a body needs.

/// Appends `s` to `out` as a JSON string literal (quotes included).
pub fn push_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str("\\u");
                push_hex4(out, c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_hex4(out: &mut String, n: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((n >> shift) & 0xf) as usize] as char);
    }
}

/// Appends the decimal digits of `n` (avoids pulling `core::fmt` into the wasm).
pub fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &c in buf.get(i..).unwrap_or_default() {
        out.push(c as char);
    }
}

/// Appends a whole number, with its sign.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_uint(out, n.unsigned_abs());
}

/// A JSON text under construction: values are appended in order, and
/// objects and arrays put their commas themselves.
#[derive(Debug, Default)]
pub struct Writer {
    out: String,
    /// Whether the innermost open object or array has no member yet.
    first: bool,
}

impl Writer {
    /// An empty text.
    pub fn new() -> Self {
        Writer { out: String::with_capacity(256), first: true }
    }

    fn comma(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    /// Starts an object member: its key; the value follows.
    pub fn key(&mut self, key: &str) {
        self.comma();
        push_string(&mut self.out, key);
        self.out.push(':');
        // The value that follows is not a new member.
        self.first = true;
    }

    /// Starts an array item (a no-op for the first one).
    pub fn item(&mut self) {
        self.comma();
        self.first = true;
    }

    /// A string value.
    pub fn string(&mut self, s: &str) {
        push_string(&mut self.out, s);
        self.first = false;
    }

    /// A boolean value.
    pub fn boolean(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
        self.first = false;
    }

    /// A whole number.
    pub fn int(&mut self, n: i64) {
        push_int(&mut self.out, n);
        self.first = false;
    }

    /// Opens an object (`{`) or an array (`[`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.first = true;
    }

    /// Closes an object (`}`) or an array (`]`).
    pub fn close(&mut self, bracket: char) {
        self.out.push(bracket);
        self.first = false;
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }
}
