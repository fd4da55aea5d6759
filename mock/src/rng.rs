//! The mock's only source of randomness: a small seeded PRNG (SplitMix64),
//! so that the same seed and the same requests give the same answers in
//! every host. It is not a cryptographic generator: the webhook key it makes
//! signs test traffic, nothing else.

use rand_core::{CryptoRng, RngCore};

/// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit state, one add, a
/// mixing function. Small, fast and good enough for ids, codes and a test key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

/// Crockford's base32 alphabet in lower case, as in ULIDs (no i, l, o, u).
const BASE32: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

impl Rng {
    /// A generator whose whole output is decided by `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// An independent stream for one purpose, derived from a seed and a
    /// label, so that using one stream (say the key's, lazily) never shifts
    /// another (the ids').
    pub fn stream(seed: u64, label: u64) -> Self {
        let mut base = Self::new(seed ^ label.wrapping_mul(0xA076_1D64_78BD_642F));
        Self::new(base.next())
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0), without modulo bias worth
    /// speaking of for the small `n` the mock uses.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// `len` random decimal digits (leading zeros kept).
    pub fn digits(&mut self, len: usize) -> String {
        (0..len).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    /// A UUID v4 in its usual lowercase hyphenated form.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        self.fill_bytes(&mut bytes);
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
    }

    /// A ULID-like id: 26 lowercase Crockford base32 characters, 10 for the
    /// time in milliseconds (so ids sort by creation) and 16 random ones.
    pub fn ulid(&mut self, now_ms: u64) -> String {
        let time = now_ms & ((1 << 48) - 1);
        let mut out = String::with_capacity(26);
        for i in (0..10).rev() {
            out.push(char::from(BASE32[((time >> (i * 5)) & 31) as usize]));
        }
        let random = (u128::from(self.next()) << 16) ^ u128::from(self.next() & 0xffff);
        for i in (0..16).rev() {
            out.push(char::from(BASE32[((random >> (i * 5)) & 31) as usize]));
        }
        out
    }
}

impl RngCore for Rng {
    fn next_u32(&mut self) -> u32 {
        (self.next() >> 32) as u32
    }

    fn next_u64(&mut self) -> u64 {
        self.next()
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

/// Marks the generator as usable where `rsa` asks for a `CryptoRngCore`.
/// It is NOT cryptographically secure: the mock's key signs test webhooks.
impl CryptoRng for Rng {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // First outputs of SplitMix64 seeded with 1234567 (from the
        // reference C implementation).
        let mut rng = Rng::new(1_234_567);
        assert_eq!(rng.next(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn same_seed_same_output_and_streams_differ() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(Rng::stream(7, 1).next(), Rng::stream(7, 2).next());
    }

    #[test]
    fn id_shapes() {
        let mut rng = Rng::new(42);
        let uuid = rng.uuid();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"));
        let ulid = rng.ulid(1_767_000_000_000);
        assert_eq!(ulid.len(), 26);
        assert!(ulid.bytes().all(|c| BASE32.contains(&c)));
        assert!(rng.ulid(1) < rng.ulid(2));
        let code = rng.digits(6);
        assert_eq!(code.len(), 6);
        assert!(code.bytes().all(|c| c.is_ascii_digit()));
        assert_eq!(rng.below(0), 0);
        assert!((0..100).all(|_| rng.below(3) < 3));
    }
}
