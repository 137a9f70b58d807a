//! FNV-1a: a small, stable hash (the same on every run and platform) for
//! asset versions, storage keys and export ids. Not for security.

pub struct Fnv(u64);

impl Fnv {
    pub fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Eight hex digits.
    pub fn short(&self) -> String {
        format!("{:08x}", (self.0 ^ (self.0 >> 32)) as u32)
    }

    /// Sixteen hex digits.
    pub fn long(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

/// Eight hex digits of `text`'s hash.
pub fn short(text: &str) -> String {
    let mut h = Fnv::new();
    h.write(text.as_bytes());
    h.short()
}

/// A fast 64-bit hash of `bytes`, eight at a time, for cache keys over
/// large inputs (whole page contexts). Stable, but not for ids: use [`Fnv`]
/// where a value is published.
#[derive(Default)]
pub struct Quick(u64);

impl Quick {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    pub fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(Self::K);
        }
        self.0 = (self.0.rotate_left(5) ^ bytes.len() as u64).wrapping_mul(Self::K);
    }

    pub fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }

    pub fn value(&self) -> u64 {
        self.0
    }
}

/// For hash maps on hot paths, where SipHash's resistance to chosen keys
/// buys nothing: every key comes from the site's own files.
impl std::hash::Hasher for Quick {
    fn write(&mut self, bytes: &[u8]) {
        Quick::write(self, bytes);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(Self::K);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` hashed with [`Quick`].
pub type QuickMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Quick>>;

impl std::io::Write for Quick {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Quick::write(self, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_hash_tells_inputs_apart() {
        let hash = |parts: &[&[u8]]| {
            let mut h = Quick::default();
            for p in parts {
                h.write(p);
            }
            h.hex()
        };
        assert_eq!(hash(&[b"abcdefghij"]), hash(&[b"abcdefghij"]));
        assert_ne!(hash(&[b"abcdefghij"]), hash(&[b"abcdefghik"]));
        assert_ne!(
            hash(&[b"ab", b"c"]),
            hash(&[b"a", b"bc"]),
            "boundaries count"
        );
    }
}
