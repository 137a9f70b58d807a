//! FNV-1a: a small, stable hash (the same on every run and platform) for
//! what the site publishes and readers or tools keep: asset versions,
//! browser storage keys, practice question hashes and Anki note ids. Cache
//! keys use [`crate::cache::Key`]; maps use `rustc-hash`. Not for security.

pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Eight hex digits.
    pub(crate) fn short(&self) -> String {
        short_hex(self.0)
    }

    /// Sixteen hex digits.
    pub(crate) fn long(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl Default for Fnv {
    fn default() -> Self {
        Self::new()
    }
}

/// Eight hex digits of a 64-bit hash (of this or another hash function),
/// its halves folded together: a version in a `?v=` query or a class name.
pub(crate) fn short_hex(hash: u64) -> String {
    format!("{:08x}", (hash ^ (hash >> 32)) as u32)
}

/// Eight hex digits of `text`'s hash.
pub(crate) fn short(text: &str) -> String {
    let mut h = Fnv::new();
    h.write(text.as_bytes());
    h.short()
}
