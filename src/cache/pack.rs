//! A store's entries kept on disk between builds: one file per store,
//! written whole after a build that succeeded and read at the start of the
//! next. A file that is damaged, cut short, written by another version of
//! syllabus or for another configuration is ignored, never trusted: its
//! store starts empty and the build does the work again.
//!
//! Layout: magic, format version, the namespace key, then per entry its
//! key, length and bytes, then the number of entries (last, so a pack can
//! be written as its entries come) and a final xxh3 of everything before
//! it.

use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::Key;

const MAGIC: &[u8; 8] = b"SYLCACHE";
/// Bumped when the layout or the meaning of an entry changes.
const FORMAT: u32 = 2;

/// A store's file, read into memory: entries are decoded only when asked.
pub(crate) struct Pack {
    bytes: Vec<u8>,
    entries: FxHashMap<Key, Range<usize>>,
}

impl Pack {
    /// The pack at `path` if it is whole and was written for `namespace`.
    pub(crate) fn read(path: &Path, namespace: Key) -> Option<Pack> {
        let bytes = fs::read(path).ok()?;
        let body_len = bytes.len().checked_sub(16)?;
        let (body, sum) = bytes.split_at(body_len);
        if xxhash_rust::xxh3::xxh3_128(body).to_le_bytes() != sum {
            return None;
        }
        let mut at = Reader { bytes: body, at: 0 };
        if at.take(8)? != MAGIC || at.u32()? != FORMAT || at.take(16)? != namespace.bytes() {
            return None;
        }
        let entries_end = body.len().checked_sub(8)?;
        let mut entries = FxHashMap::default();
        while at.at < entries_end {
            let key = Key::from_bytes(at.take(16)?.try_into().ok()?);
            let len = usize::try_from(at.u64()?).ok()?;
            let start = at.at;
            at.take(len)?;
            entries.insert(key, start..start + len);
        }
        let whole = at.at == entries_end && at.u64()? == entries.len() as u64;
        whole.then_some(Pack { bytes, entries })
    }

    /// The bytes stored for `key`.
    pub(crate) fn get(&self, key: Key) -> Option<&[u8]> {
        self.entries.get(&key).map(|r| &self.bytes[r.clone()])
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Writes `entries` as the pack at `path` for `namespace` (see
    /// [`PackWriter`]).
    pub(crate) fn write<'a>(
        path: &Path,
        namespace: Key,
        entries: impl Iterator<Item = (Key, Cow<'a, [u8]>)>,
    ) -> io::Result<()> {
        let mut pack = PackWriter::create(path, namespace)?;
        for (key, bytes) in entries {
            pack.add(key, &bytes)?;
        }
        pack.finish(path)
    }
}

/// A pack being written, an entry at a time: a store's encoded values
/// are never all in memory at once. It goes to a temporary file beside
/// its place, renamed into place by [`PackWriter::finish`], so a reader
/// never sees half a pack; dropped unfinished, it leaves nothing.
pub(crate) struct PackWriter {
    out: Summed<io::BufWriter<tempfile::NamedTempFile>>,
    count: u64,
}

impl PackWriter {
    /// Starts the pack that is to be `path`, for `namespace`.
    pub(crate) fn create(path: &Path, namespace: Key) -> io::Result<Self> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let file = tempfile::NamedTempFile::new_in(dir)?;
        let mut out = Summed {
            to: io::BufWriter::with_capacity(1 << 16, file),
            sum: xxhash_rust::xxh3::Xxh3::new(),
        };
        out.put(MAGIC)?;
        out.put(&FORMAT.to_le_bytes())?;
        out.put(&namespace.bytes())?;
        Ok(PackWriter { out, count: 0 })
    }

    /// Writes one entry.
    pub(crate) fn add(&mut self, key: Key, bytes: &[u8]) -> io::Result<()> {
        self.out.put(&key.bytes())?;
        self.out.put(&(bytes.len() as u64).to_le_bytes())?;
        self.out.put(bytes)?;
        self.count += 1;
        Ok(())
    }

    /// Ends the pack and puts it in place at `path`.
    pub(crate) fn finish(mut self, path: &Path) -> io::Result<()> {
        self.out.put(&self.count.to_le_bytes())?;
        let sum = self.out.sum.digest128().to_le_bytes();
        self.out.to.write_all(&sum)?;
        let file = self.out.to.into_inner().map_err(|e| e.into_error())?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Writes bytes and hashes them on the way.
struct Summed<W: Write> {
    to: W,
    sum: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> Summed<W> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.sum.update(bytes);
        self.to.write_all(bytes)
    }
}

/// Reads a pack's fields in order; `None` past its end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_reads_back_only_whole_and_for_its_namespace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.pack");
        let ns = Key::of(&[b"v1"]);
        let (a, b) = (Key::of(&[b"a"]), Key::of(&[b"b"]));
        let items: Vec<(Key, Cow<[u8]>)> = vec![(a, b"alpha".into()), (b, b"".into())];
        Pack::write(&path, ns, items.into_iter()).unwrap();
        let pack = Pack::read(&path, ns).expect("whole pack");
        assert_eq!(pack.get(a), Some(&b"alpha"[..]));
        assert_eq!(pack.get(b), Some(&b""[..]));
        assert_eq!(pack.len(), 2);
        assert!(
            Pack::read(&path, Key::of(&[b"v2"])).is_none(),
            "another namespace"
        );
        let mut bytes = fs::read(&path).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert!(Pack::read(&path, ns).is_none(), "a damaged pack is ignored");
        fs::write(&path, &bytes[..10]).unwrap();
        assert!(Pack::read(&path, ns).is_none(), "a short pack is ignored");
        fs::write(&path, b"not a pack at all, just some words").unwrap();
        assert!(Pack::read(&path, ns).is_none());
    }
}
