//! SHA-256 of served files, computed once and remembered by path, size and
//! modification time: a file that changes gets a new digest, one that does not
//! is never read twice just to be hashed.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// Buffer for hashing files: large reads, small memory.
const READ_BUF: usize = 256 * 1024;

/// The cache key: a file is the same file while these stay the same.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    size: u64,
    mtime: Option<SystemTime>,
}

/// Digests of served files.
#[derive(Default)]
pub struct DigestCache {
    map: Mutex<HashMap<PathBuf, (Key, [u8; 32])>>,
}

impl DigestCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The SHA-256 of the file at `path`, whose metadata is `meta`; read and
    /// hashed only if the cache has nothing for this path, size and mtime.
    /// Returns the digest and whether it came from the cache.
    pub fn get(&self, path: &Path, meta: &std::fs::Metadata) -> io::Result<([u8; 32], bool)> {
        let key = Key {
            path: path.to_path_buf(),
            size: meta.len(),
            mtime: meta.modified().ok(),
        };
        {
            let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((k, d)) = map.get(path)
                && *k == key
            {
                return Ok((*d, true));
            }
        }
        let mut file = File::open(path)?;
        let digest = hash_prefix(&mut file, u64::MAX)?.0;
        // A file that changed while it was hashed is not cached.
        let after = std::fs::metadata(path)?;
        if after.len() == key.size && after.modified().ok() == key.mtime {
            let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
            map.insert(key.path.clone(), (key, digest));
        }
        Ok((digest, false))
    }
}

/// SHA-256 of the first `limit` bytes of `reader` (all of it if shorter);
/// returns the digest and the number of bytes hashed.
pub fn hash_prefix(reader: &mut dyn Read, limit: u64) -> io::Result<([u8; 32], u64)> {
    let (hasher, n) = hasher_over(reader, limit)?;
    Ok((hasher.finalize().into(), n))
}

/// A SHA-256 state fed the first `limit` bytes of `reader`, to go on from.
pub fn hasher_over(reader: &mut dyn Read, limit: u64) -> io::Result<(Sha256, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; READ_BUF];
    let mut done = 0u64;
    while done < limit {
        let want = usize::try_from((limit - done).min(READ_BUF as u64)).unwrap_or(READ_BUF);
        let n = match reader.read(&mut buf[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        done += n as u64;
    }
    Ok((hasher, done))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_input_has_the_well_known_digest() {
        let (d, n) = hash_prefix(&mut &b""[..], u64::MAX).unwrap();
        assert_eq!(n, 0);
        assert_eq!(
            crate::chat::hex(&d),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn prefix_stops_at_the_limit() {
        let (d, n) = hash_prefix(&mut &b"abcdef"[..], 3).unwrap();
        assert_eq!(n, 3);
        assert_eq!(d, hash_prefix(&mut &b"abc"[..], u64::MAX).unwrap().0);
    }
}
