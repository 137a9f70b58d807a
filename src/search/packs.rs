//! Pack files: the index's pieces of one kind (shards, tail pieces or
//! document chunks) written one after another into files of about
//! [`PACK_BYTES`], which the browser reads a piece at a time with HTTP
//! range requests. A piece file each would make a large site's index tens
//! of thousands of files, more than its pages; packed, it is a few dozen.
//!
//! A piece's place is its offset in the kind's stream (all its packs one
//! after another); `meta.json` lists where each pack starts, so the browser
//! finds the pack and the range within it.

use super::files::WriteFile;

/// A pack takes pieces until it holds about this many bytes: small enough
/// that a host which ignores range requests (and sends the whole file)
/// still answers a query in a few of them, large enough to keep the
/// number of files low.
pub(super) const PACK_BYTES: usize = 1 << 20;

/// Writes the pieces of one kind into `DIR/N.bin` as they come.
pub(super) struct Packer {
    dir: &'static str,
    buf: Vec<u8>,
    /// Where each pack starts in the stream.
    starts: Vec<u64>,
    /// The stream's length so far.
    end: u64,
}

impl Packer {
    pub(super) fn new(dir: &'static str) -> Self {
        Packer {
            dir,
            buf: Vec::new(),
            starts: Vec::new(),
            end: 0,
        }
    }

    /// Appends a piece; returns where it starts in the stream. A piece
    /// never straddles two packs: one that would not fit starts the next
    /// (a piece larger than a pack has a pack of its own).
    pub(super) fn add<E>(&mut self, piece: &[u8], write: &WriteFile<E>) -> Result<u64, E> {
        if !self.buf.is_empty() && self.buf.len() + piece.len() > PACK_BYTES {
            self.flush(write)?;
        }
        if self.buf.is_empty() {
            self.starts.push(self.end);
        }
        let at = self.end;
        self.buf.extend_from_slice(piece);
        self.end += piece.len() as u64;
        Ok(at)
    }

    /// The stream's length so far.
    pub(super) fn end(&self) -> u64 {
        self.end
    }

    fn flush<E>(&mut self, write: &WriteFile<E>) -> Result<(), E> {
        if !self.buf.is_empty() {
            let n = self.starts.len() - 1;
            write(&format!("{}/{n}.bin", self.dir), &self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes the last pack; returns where each pack starts.
    pub(super) fn finish<E>(mut self, write: &WriteFile<E>) -> Result<Vec<u64>, E> {
        self.flush(write)?;
        Ok(self.starts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn pieces_fill_packs_without_straddling_them() {
        let files = Mutex::new(Vec::<(String, usize)>::new());
        let write = |path: &str, bytes: &[u8]| -> Result<(), ()> {
            files.lock().unwrap().push((path.to_string(), bytes.len()));
            Ok(())
        };
        let mut packer = Packer::new("search/d");
        let third = vec![b'x'; PACK_BYTES / 3 + 1];
        let mut at = Vec::new();
        for _ in 0..4 {
            at.push(packer.add(&third, &write).unwrap());
        }
        let big = vec![b'y'; PACK_BYTES + 5];
        at.push(packer.add(&big, &write).unwrap());
        at.push(packer.add(b"z", &write).unwrap());
        let starts = packer.finish(&write).unwrap();
        let n = third.len() as u64;
        assert_eq!(at, [0, n, 2 * n, 3 * n, 4 * n, 4 * n + big.len() as u64]);
        assert_eq!(starts, [0, 2 * n, 4 * n, 4 * n + big.len() as u64]);
        let files = files.into_inner().unwrap();
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "search/d/0.bin",
                "search/d/1.bin",
                "search/d/2.bin",
                "search/d/3.bin"
            ]
        );
        assert_eq!(files[2].1, big.len());
    }
}
