//! What a build can keep for the next one: stores of finished work, each
//! keyed by a strong hash of everything that work depended on. A build with
//! stores writes exactly what a build without them writes; it only skips
//! work whose inputs hash the same.
//!
//! Keys are 128-bit xxh3 hashes: a collision would serve a stale page, so
//! they are far longer than a map's hash. Each stage owns its stores and
//! decides what goes into its keys; `build::Cache` holds one of each and is
//! passed down explicitly.

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

mod pack;

use pack::{Pack, PackWriter};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A strong hash of some work's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u128);

impl Key {
    /// The key of `parts`, each hashed with its length so `["ab", "c"]` and
    /// `["a", "bc"]` differ.
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hasher = KeyHasher::new();
        for part in parts {
            hasher.part(part);
        }
        hasher.finish()
    }

    /// The key of a serialisable value, written straight into the hash in
    /// a compact binary form (no copy of the value is made). Types that
    /// know a cheaper stand-in for a machine format, like a page body's
    /// hash, use it: such formats are not human readable.
    pub fn of_value(value: &impl Serialize) -> Key {
        let mut hasher = KeyHasher::new();
        hasher.value(value);
        hasher.finish()
    }

    /// The key of a value's `Debug` form: for values that hold no hash
    /// maps (so the form is stable) and are not `Serialize`. The cache is
    /// keyed by syllabus's version, so a form that changes between
    /// versions only misses once.
    pub(crate) fn of_debug(value: &impl std::fmt::Debug) -> Key {
        let mut hasher = KeyHasher::new();
        let _ = io::Write::write_fmt(&mut hasher, format_args!("{value:?}"));
        hasher.finish()
    }

    /// The key read back from [`Key::bytes`].
    pub(crate) fn from_bytes(bytes: [u8; 16]) -> Key {
        Key(u128::from_le_bytes(bytes))
    }

    /// The key as bytes, to feed into another key.
    pub fn bytes(self) -> [u8; 16] {
        self.0.to_le_bytes()
    }

    /// The low 64 bits, where a shorter hash will do (a file's part in a
    /// version string).
    pub fn low64(self) -> u64 {
        self.0 as u64
    }

    /// 32 hex digits.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }
}

/// Builds a [`Key`] from several inputs. Cloned, it carries on from what
/// was added so far: a shared prefix is hashed once.
#[derive(Clone)]
pub(crate) struct KeyHasher(Xxh3);

impl Default for KeyHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl KeyHasher {
    pub(crate) fn new() -> Self {
        KeyHasher(Xxh3::new())
    }

    /// Adds one input, with its length.
    pub(crate) fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a serialisable value (see [`Key::of_value`]).
    pub(crate) fn value(&mut self, value: &impl Serialize) -> &mut Self {
        // Writing into a hash cannot fail; a value that cannot be
        // serialised still leaves a key that differs from the value's.
        if ciborium::into_writer(value, &mut *self).is_err() {
            self.0.update(b"\xff unserialisable");
        }
        self
    }

    pub(crate) fn finish(&self) -> Key {
        Key(self.0.digest128())
    }
}

impl io::Write for KeyHasher {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A 64-bit xxh3 hash of `bytes`, for a value that stands in for a large
/// one inside other keys (a page body in a template context).
pub(crate) fn quick_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A file a build wrote, as much as a later build needs to find it
/// unchanged in the output folder instead of making it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileRecord {
    /// Its length in bytes.
    pub len: u64,
    /// [`quick_hash`] of its bytes.
    pub hash: u64,
}

impl FileRecord {
    /// The record of a file holding `bytes`.
    pub(crate) fn of(bytes: &[u8]) -> Self {
        FileRecord {
            len: bytes.len() as u64,
            hash: quick_hash(bytes),
        }
    }

    /// The record of the file at `path`, read a block at a time (static
    /// files can be far larger than memory should hold).
    pub(crate) fn of_file(path: &Path) -> io::Result<Self> {
        use std::io::Read;
        let mut file = std::fs::File::open(path)?;
        let (mut hasher, mut len) = (Xxh3::new(), 0u64);
        let mut block = vec![0; 64 * 1024];
        loop {
            let n = file.read(&mut block)?;
            if n == 0 {
                break;
            }
            hasher.update(&block[..n]);
            len += n as u64;
        }
        Ok(FileRecord {
            len,
            hash: hasher.digest(),
        })
    }

    /// Whether `bytes` are the file recorded.
    pub(crate) fn matches(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.len && quick_hash(bytes) == self.hash
    }

    /// Its form in a pack.
    pub(crate) fn encode(&self) -> Vec<u8> {
        [self.len.to_le_bytes(), self.hash.to_le_bytes()].concat()
    }

    /// Reads what [`FileRecord::encode`] wrote.
    pub(crate) fn decode(bytes: &[u8]) -> Option<Self> {
        let bytes: &[u8; 16] = bytes.try_into().ok()?;
        let (len, hash) = bytes.split_at(8);
        Some(FileRecord {
            len: u64::from_le_bytes(len.try_into().ok()?),
            hash: u64::from_le_bytes(hash.try_into().ok()?),
        })
    }
}

/// Finished work by key. An entry not asked for during a build is dropped
/// by [`Store::sweep`] after it, so a long `serve` session keeps only what
/// the current site uses. A store can be backed by a pack file from an
/// earlier run (`attach`), whose entries are decoded when asked
/// for, and written back with `save`.
pub struct Store<V> {
    entries: Mutex<FxHashMap<Key, Entry<V>>>,
    misses: AtomicUsize,
    disk: OnceLock<Disk<V>>,
    /// Something was added or dropped since the pack was read.
    changed: AtomicBool,
}

struct Entry<V> {
    value: V,
    used: bool,
    /// Its bytes are in the pack as they are.
    on_disk: bool,
}

/// The pack a store was read from, and how its values are decoded.
struct Disk<V> {
    pack: Pack,
    decode: fn(&[u8]) -> Option<V>,
}

impl<V> Default for Store<V> {
    fn default() -> Self {
        Store {
            entries: Mutex::new(FxHashMap::default()),
            misses: AtomicUsize::new(0),
            disk: OnceLock::new(),
            changed: AtomicBool::new(false),
        }
    }
}

impl<V: Clone> Store<V> {
    /// The value stored for `key`, if any.
    pub fn get(&self, key: Key) -> Option<V> {
        let found = self.find(key);
        if found.is_none() {
            self.misses.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// As [`Store::get`], but a miss is not counted: for what the store
    /// holds besides what its counts are about.
    pub(crate) fn find(&self, key: Key) -> Option<V> {
        if let Some(e) = self.lock().get_mut(&key) {
            e.used = true;
            return Some(e.value.clone());
        }
        // Decoded outside the lock: other threads go on meanwhile.
        let from_disk = self
            .disk
            .get()
            .and_then(|d| d.pack.get(key).and_then(d.decode));
        match from_disk {
            Some(value) => {
                let entry = Entry {
                    value: value.clone(),
                    used: true,
                    on_disk: true,
                };
                self.lock().insert(key, entry);
                Some(value)
            }
            None => None,
        }
    }

    /// Counts a value [`Store::get`] returned as a miss: its user found
    /// it out of date by what the key cannot hold (a file a page
    /// includes), and makes it again.
    pub fn reject(&self) {
        self.misses.fetch_add(1, Ordering::Relaxed);
    }

    /// Stores `value` for `key`.
    pub fn put(&self, key: Key, value: V) {
        let entry = Entry {
            value,
            used: true,
            on_disk: false,
        };
        self.lock().insert(key, entry);
        self.changed.store(true, Ordering::Relaxed);
    }

    /// The value for `key`, made by `make` when it is not stored.
    pub fn get_or_make(&self, key: Key, make: impl FnOnce() -> V) -> V {
        if let Some(hit) = self.get(key) {
            return hit;
        }
        let value = make();
        self.put(key, value.clone());
        value
    }
}

/// Values a store encodes side by side before writing them: enough to
/// share among threads, few enough that their bytes stay small.
const ENCODED_TOGETHER: usize = 64;

impl<V> Store<V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<Key, Entry<V>>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops the entries no build asked for since the last sweep. Run
    /// after a build that succeeded: a failed one stops early and would
    /// drop what the next one needs.
    pub fn sweep(&self) {
        let mut entries = self.lock();
        let before = entries.len();
        entries.retain(|_, e| std::mem::take(&mut e.used));
        if entries.len() < before {
            self.changed.store(true, Ordering::Relaxed);
        }
    }

    /// How many lookups missed since the last call.
    pub fn take_misses(&self) -> usize {
        self.misses.swap(0, Ordering::Relaxed)
    }

    /// How many entries the store holds in memory.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether the store holds nothing in memory.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Backs the store with the pack at `path`, if it is whole and was
    /// written for `namespace`; its entries are decoded with `decode` when
    /// asked for. Returns whether there was such a pack.
    pub(crate) fn attach(
        &self,
        path: &Path,
        namespace: Key,
        decode: fn(&[u8]) -> Option<V>,
    ) -> bool {
        match Pack::read(path, namespace) {
            Some(pack) => self.disk.set(Disk { pack, decode }).is_ok(),
            None => false,
        }
    }

    /// Writes what the store holds in memory as the pack at `path`, when
    /// it changed since its pack was read (entries from the pack are
    /// written as they were read; the others are made by `encode`).
    /// Returns whether it wrote.
    pub(crate) fn save(
        &self,
        path: &Path,
        namespace: Key,
        encode: fn(&V) -> Vec<u8>,
    ) -> io::Result<bool>
    where
        V: Clone + Send + Sync,
    {
        if self.disk.get().is_some() && !self.changed.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let disk = self.disk.get();
        // Entries read from the pack are written back as they were read;
        // the others are encoded as the pack is written. The values are
        // taken out first: encoding waits on other threads, and one of
        // them must never wait on this store's lock meanwhile.
        let sources: Vec<(Key, Result<&[u8], V>)> = self
            .lock()
            .iter()
            .filter_map(|(key, e)| match disk.filter(|_| e.on_disk) {
                Some(d) => Some((*key, Ok(d.pack.get(*key)?))),
                None => Some((*key, Err(e.value.clone()))),
            })
            .collect();
        // Encoded a batch at a time on every core while the pack is
        // written in order: a big site's pages take tens of megabytes,
        // and the end of a build waits for them.
        let all = sources.chunks(ENCODED_TOGETHER).flat_map(|batch| {
            batch
                .par_iter()
                .map(|(key, source)| match source {
                    Ok(bytes) => (*key, Cow::Borrowed(*bytes)),
                    Err(value) => (*key, Cow::Owned(encode(value))),
                })
                .collect::<Vec<_>>()
        });
        Pack::write(path, namespace, all)?;
        self.changed.store(false, Ordering::Relaxed);
        Ok(true)
    }
}

/// Encoded work that a build only makes and the next one reads back.
/// Unlike a [`Store`], which holds its values until it is saved, a spool
/// writes each value to the next pack as soon as it is made or found in
/// the last one, so a big site's values are never all in memory. What a
/// build does not ask for is left out of the next pack, as a sweep
/// would; a build that fails drops the new pack, keeping the old one.
#[derive(Default)]
pub(crate) struct Spool {
    last: OnceLock<Pack>,
    next: Mutex<Option<NextPack>>,
}

/// The pack a spool is writing, where it goes, and what it holds.
struct NextPack {
    writer: PackWriter,
    path: std::path::PathBuf,
    written: rustc_hash::FxHashSet<Key>,
}

impl Spool {
    /// Reads the pack at `path` if it is whole and was written for
    /// `namespace`, and starts the next one beside it.
    pub(crate) fn attach(&self, path: &Path, namespace: Key) {
        if let Some(pack) = Pack::read(path, namespace) {
            let _ = self.last.set(pack);
        }
        *self.lock() = PackWriter::create(path, namespace)
            .ok()
            .map(|writer| NextPack {
                writer,
                path: path.to_path_buf(),
                written: Default::default(),
            });
    }

    /// The bytes the last build kept for `key`; [`Spool::put`] passes
    /// them on once they prove good.
    pub(crate) fn last(&self, key: Key) -> Option<&[u8]> {
        self.last.get()?.get(key)
    }

    /// Writes `bytes` for `key` to the next pack (once per key). A pack
    /// that cannot be written is a lost speed-up: it is dropped.
    pub(crate) fn put(&self, key: Key, bytes: &[u8]) {
        let mut next = self.lock();
        if let Some(pack) = next.as_mut() {
            if pack.written.insert(key) && pack.writer.add(key, bytes).is_err() {
                *next = None;
            }
        }
    }

    /// Puts the next pack in place, after a build that succeeded.
    /// Returns whether there was one to write.
    pub(crate) fn save(&self) -> io::Result<bool> {
        match self.lock().take() {
            Some(pack) => pack.writer.finish(&pack.path).map(|()| true),
            None => Ok(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<NextPack>> {
        self.next.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Encodes a value for a pack (a compact binary form).
pub(crate) fn encode<T: Serialize>(value: &Arc<T>) -> Vec<u8> {
    postcard::to_allocvec(value.as_ref()).unwrap_or_default()
}

/// Decodes what [`encode`] wrote; `None` for anything else.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<Arc<T>> {
    postcard::from_bytes(bytes).ok().map(Arc::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(Key::of(&[b"ab", b"c"]), Key::of(&[b"a", b"bc"]));
        assert_eq!(Key::of(&[b"ab", b"c"]), Key::of(&[b"ab", b"c"]));
        assert_eq!(Key::of(&[]).hex().len(), 32);
    }

    /// Serialises as its text for people, as a short stand-in for machines.
    struct Body(&'static str);

    impl Serialize for Body {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                s.serialize_str(self.0)
            } else {
                s.serialize_u64(quick_hash(self.0.as_bytes()))
            }
        }
    }

    #[derive(Serialize)]
    struct Context {
        #[serde(flatten)]
        common: std::collections::BTreeMap<&'static str, u32>,
        body: Body,
    }

    #[test]
    fn values_are_keyed_by_their_machine_form() {
        let make = |text| Context {
            common: [("a", 1)].into(),
            body: Body(text),
        };
        assert_eq!(Key::of_value(&make("x")), Key::of_value(&make("x")));
        assert_ne!(Key::of_value(&make("x")), Key::of_value(&make("y")));
        let json = serde_json::to_string(&make("x")).unwrap();
        assert_eq!(
            json, r#"{"a":1,"body":"x"}"#,
            "templates still see the text"
        );
    }

    /// Refuses to be written for people.
    struct MachineOnly(u64);

    impl Serialize for MachineOnly {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            if s.is_human_readable() {
                Err(serde::ser::Error::custom("not for people"))
            } else {
                s.serialize_u64(self.0)
            }
        }
    }

    #[test]
    fn keys_are_made_from_the_machine_form() {
        assert_ne!(
            Key::of_value(&[MachineOnly(1)]),
            Key::of_value(&[MachineOnly(2)]),
            "a human-readable serialiser would have failed on both alike"
        );
    }

    #[test]
    fn a_sweep_drops_what_the_last_build_did_not_use() {
        let store: Store<u32> = Store::default();
        let (a, b) = (Key::of(&[b"a"]), Key::of(&[b"b"]));
        store.put(a, 1);
        store.put(b, 2);
        store.sweep();
        assert_eq!(store.get(a), Some(1));
        assert_eq!(store.get(Key::of(&[b"c"])), None);
        assert_eq!(store.take_misses(), 1);
        assert_eq!(store.take_misses(), 0);
        store.sweep();
        assert_eq!(store.len(), 1, "b was not asked for");
        assert_eq!(store.get(a), Some(1));
        assert_eq!(store.get_or_make(b, || 3), 3);
    }

    #[test]
    fn a_spool_passes_on_what_a_build_asked_for_once_it_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("spool.pack");
        let ns = Key::of(&[b"v1"]);
        let (a, b, c) = (Key::of(&[b"a"]), Key::of(&[b"b"]), Key::of(&[b"c"]));
        let first = Spool::default();
        first.attach(&path, ns);
        first.put(a, b"alpha");
        first.put(b, b"beta");
        first.put(a, b"written once");
        assert!(first.save().unwrap());

        let second = Spool::default();
        second.attach(&path, ns);
        assert_eq!(second.last(a), Some(&b"alpha"[..]));
        second.put(a, second.last(a).unwrap());
        second.put(c, b"gamma");
        drop(second);
        let kept = Pack::read(&path, ns).expect("a build that failed leaves the pack");
        assert_eq!((kept.get(b), kept.len()), (Some(&b"beta"[..]), 2));

        let third = Spool::default();
        third.attach(&path, ns);
        third.put(c, b"gamma");
        assert!(third.save().unwrap());
        let pack = Pack::read(&path, ns).unwrap();
        assert_eq!(
            (pack.get(c), pack.get(a), pack.len()),
            (Some(&b"gamma"[..]), None, 1)
        );
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left beside the pack");
    }
}
