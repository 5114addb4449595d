//! Where a download's bytes go: hashed on a thread of its own while the
//! receiving thread writes them to the file and goes back to the socket, so a
//! verified download runs at about the speed of SHA-256 alone.
//!
//! The receiver fills blocks; each full block is written to the file, then
//! handed (not copied) to the hashing thread, and comes back for reuse. At
//! most [`BLOCKS`] blocks exist, so memory stays a few megabytes whatever the
//! file's size, and a slow hash slows the receiver down instead of piling
//! data up. (One thread for the file and one for the hash: on a two-core
//! machine a third busy thread would only take turns with the hash.)

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};

use sha2::{Digest, Sha256};

/// Blocks in flight at most.
pub const BLOCKS: usize = 4;

/// Which half of the work the helper thread takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// The helper hashes; the receiving thread writes the file.
    HashOnHelper,
    /// The helper writes the file; the receiving thread hashes.
    WriteOnHelper,
}

/// A download's bytes on their way to the file and the hash.
pub struct Sink {
    split: Split,
    block_size: usize,
    current: Vec<u8>,
    made: usize,
    /// The file, when the receiving thread writes it.
    file: Option<File>,
    /// The hash, when the receiving thread computes it.
    hasher: Option<Sha256>,
    to_helper: Option<mpsc::SyncSender<Vec<u8>>>,
    back: mpsc::Receiver<Vec<u8>>,
    helper: Option<JoinHandle<io::Result<Option<Sha256>>>>,
}

impl Sink {
    /// Starts the helper thread: `hasher` goes on from whatever it was fed
    /// already (a resumed download); `file` is appended to.
    pub fn new(file: File, hasher: Sha256, block_size: usize, split: Split) -> io::Result<Sink> {
        let block_size = block_size.max(4096);
        let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(BLOCKS);
        let (back_tx, back_rx) = mpsc::channel::<Vec<u8>>();
        let (mine_file, mine_hash, helper_file, helper_hash) = match split {
            Split::HashOnHelper => (Some(file), None, None, Some(hasher)),
            Split::WriteOnHelper => (None, Some(hasher), Some(file), None),
        };
        let helper = thread::Builder::new()
            .name("chat-download".into())
            .stack_size(256 * 1024)
            .spawn(move || -> io::Result<Option<Sha256>> {
                let mut file = helper_file;
                let mut hasher = helper_hash;
                let mut result = Ok(());
                for mut block in rx {
                    if let Some(h) = hasher.as_mut() {
                        h.update(&block[..]);
                    }
                    // After an error, blocks are still taken and returned,
                    // so the receiver never waits on a stopped helper.
                    if let Some(f) = file.as_mut()
                        && result.is_ok()
                    {
                        result = f.write_all(&block[..]);
                    }
                    block.clear();
                    let _ = back_tx.send(block);
                }
                if let Some(f) = file.as_mut() {
                    result = result.and_then(|()| f.flush());
                }
                result.map(|()| hasher)
            })?;
        Ok(Sink {
            split,
            block_size,
            current: Vec::with_capacity(block_size),
            made: 1,
            file: mine_file,
            hasher: mine_hash,
            to_helper: Some(tx),
            back: back_rx,
            helper: Some(helper),
        })
    }

    /// Appends bytes, handing over each full block.
    pub fn write_all(&mut self, mut data: &[u8]) -> io::Result<()> {
        if let Some(h) = self.hasher.as_mut() {
            h.update(data);
        }
        while !data.is_empty() {
            let room = self.block_size - self.current.len();
            let n = room.min(data.len());
            self.current.extend_from_slice(&data[..n]);
            data = &data[n..];
            if self.current.len() == self.block_size {
                self.hand_over()?;
            }
        }
        Ok(())
    }

    fn stopped() -> io::Error {
        io::Error::other("the download helper thread stopped")
    }

    fn next_block(&mut self) -> io::Result<Vec<u8>> {
        if let Ok(b) = self.back.try_recv() {
            return Ok(b);
        }
        if self.made < BLOCKS {
            self.made += 1;
            return Ok(Vec::with_capacity(self.block_size));
        }
        self.back.recv().map_err(|_| Self::stopped())
    }

    fn send(&mut self, block: Vec<u8>) -> io::Result<()> {
        if let Some(f) = self.file.as_mut() {
            f.write_all(&block)?;
        }
        self.to_helper
            .as_ref()
            .ok_or_else(Self::stopped)?
            .send(block)
            .map_err(|_| Self::stopped())
    }

    fn hand_over(&mut self) -> io::Result<()> {
        let next = self.next_block()?;
        let full = std::mem::replace(&mut self.current, next);
        self.send(full)
    }

    /// Writes what is left, waits for the helper, and returns the digest of
    /// everything.
    pub fn finish(mut self) -> io::Result<[u8; 32]> {
        if !self.current.is_empty() {
            let last = std::mem::take(&mut self.current);
            self.send(last)?;
        }
        if let Some(f) = self.file.as_mut() {
            f.flush()?;
        }
        self.to_helper = None;
        let helped = match self.helper.take().map(JoinHandle::join) {
            Some(Ok(r)) => r?,
            _ => return Err(Self::stopped()),
        };
        let hasher = match self.split {
            Split::HashOnHelper => helped,
            Split::WriteOnHelper => self.hasher.take(),
        };
        hasher
            .map(|h| h.finalize().into())
            .ok_or_else(Self::stopped)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.to_helper = None;
        if let Some(t) = self.helper.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_arrive_whole_and_in_order_with_their_digest() {
        let dir = std::env::temp_dir().join(format!("synack-sink-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.bin");
        for split in [Split::HashOnHelper, Split::WriteOnHelper] {
            let mut sink =
                Sink::new(File::create(&path).unwrap(), Sha256::new(), 4096, split).unwrap();
            let data: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
            for piece in data.chunks(777) {
                sink.write_all(piece).unwrap();
            }
            let digest = sink.finish().unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), data);
            let expected: [u8; 32] = Sha256::digest(&data).into();
            assert_eq!(digest, expected);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_resumed_hash_goes_on_from_the_prefix() {
        let dir = std::env::temp_dir().join(format!("synack-sink2-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut prefix = Sha256::new();
        prefix.update(b"hello ");
        let mut sink = Sink::new(
            File::create(dir.join("o")).unwrap(),
            prefix,
            4096,
            Split::WriteOnHelper,
        )
        .unwrap();
        sink.write_all(b"world").unwrap();
        let expected: [u8; 32] = Sha256::digest(b"hello world").into();
        assert_eq!(sink.finish().unwrap(), expected);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
