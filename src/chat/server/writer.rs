//! A client's writer thread: sends what is queued for it, files streamed
//! from disk with chat in between.

use std::collections::VecDeque;
use std::io::{self, IoSlice, Read, Seek, SeekFrom, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::chat::bits::Direction;
use crate::chat::frame::{Frame, HEADER_LEN, Header, Kind};
use crate::chat::queue::Queue;
use crate::chat::vectored::write_all_vectored;
use crate::tr;

use super::clients::Shared;
use super::files::FileJob;
use super::hub::Batch;

/// Payload bytes read from disk and written to the socket at once.
const BATCH: usize = 256 * 1024;

/// One item of a client's outgoing queue.
pub(super) enum Out {
    /// A whole frame.
    Frame(Arc<[u8]>),
    /// Chat for everyone, encoded once and shared by every client's queue;
    /// each writer leaves out its own client's lines.
    Batch(Arc<Batch>),
    File(Box<FileJob>),
    /// Flush what came before, then close.
    Close,
}

pub(super) fn writer_loop(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    queue: &Queue<Out>,
) {
    let mut w = ClientWriter {
        shared,
        id,
        addr,
        stream,
        batch: Vec::new(),
    };
    let mut taken = Vec::new();
    let mut items: VecDeque<Out> = VecDeque::new();
    'outer: loop {
        if items.is_empty() {
            taken.clear();
            if !queue.take_all(&mut taken) {
                break;
            }
            items.extend(taken.drain(..));
        }
        // In order: frames gather into one write; a file or a close first
        // sends what gathered before it.
        while let Some(item) = items.pop_front() {
            match item {
                Out::Frame(bytes) => w.batch_frame(&bytes),
                Out::Batch(b) => w.batch_chat(&b),
                Out::File(job) => {
                    if w.flush_batch().is_err() {
                        break 'outer;
                    }
                    match w.send_file(*job, queue, &mut items) {
                        Ok(true) => {}
                        Ok(false) | Err(_) => break 'outer,
                    }
                }
                Out::Close => break 'outer,
            }
        }
        if w.flush_batch().is_err() {
            break;
        }
    }
    let _ = w.flush_batch();
    queue.close();
    let _ = w.stream.shutdown(Shutdown::Both);
}

struct ClientWriter<'a> {
    shared: &'a Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    /// Frames gathered for one write.
    batch: Vec<u8>,
}

impl ClientWriter<'_> {
    fn batch_frame(&mut self, bytes: &[u8]) {
        if self.shared.bits.is_some()
            && let Some(header) = Header::from_prefix(bytes)
        {
            self.shared
                .show_bits(Direction::Sent, &self.addr, &header, &bytes[HEADER_LEN..]);
        }
        self.batch.extend_from_slice(bytes);
    }

    /// Frames queued while a file goes out: chat is sent between batches,
    /// anything else waits for the file's end.
    fn between_batches(&mut self, queue: &Queue<Out>, later: &mut VecDeque<Out>) -> io::Result<()> {
        let mut items = Vec::new();
        queue.try_take_all(&mut items);
        for item in items {
            match item {
                Out::Frame(bytes) => self.batch_frame(&bytes),
                Out::Batch(b) => self.batch_chat(&b),
                // Another file, or the end after QUIT: after this file.
                other => later.push_back(other),
            }
        }
        self.flush_batch()
    }

    /// The frames of a broadcast batch, but this client's own lines.
    fn batch_chat(&mut self, batch: &Batch) {
        for (from, range) in &batch.spans {
            if *from != Some(self.id) {
                self.batch_frame(&batch.bytes[range.clone()]);
            }
        }
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let r = self.stream.write_all(&self.batch);
        self.batch.clear();
        if self.batch.capacity() > BATCH * 2 {
            self.batch.shrink_to(BATCH);
        }
        r
    }

    /// Streams one file. Between batches of `FDAT`, frames queued meanwhile
    /// (chat) are sent, files are set aside for later, and a close ends it.
    /// Returns `Ok(false)` when the client is to be closed.
    fn send_file(
        &mut self,
        mut job: FileJob,
        queue: &Queue<Out>,
        later: &mut VecDeque<Out>,
    ) -> io::Result<bool> {
        let lang = self.shared.lang;
        self.batch_frame(&Frame::Frok.encode());
        self.batch_frame(
            &Frame::Fmta {
                name: &job.name,
                size: job.size,
            }
            .encode(),
        );
        self.batch_frame(&Frame::Fhsh(job.digest).encode());
        let start = job.resume.unwrap_or(0);
        if let Some(offset) = job.resume {
            self.batch_frame(&Frame::Offset(offset).encode());
        }
        self.flush_batch()?;
        job.file.seek(SeekFrom::Start(start))?;
        let chunk = self.shared.chunk;
        let mut remaining = job.size - start;
        // One read of about BATCH bytes from the file, then one gathered
        // write of header, chunk, header, chunk...: no copy of the data
        // besides the read itself.
        let per_batch = (BATCH / chunk).max(1);
        let mut data = vec![0u8; per_batch * chunk];
        let mut headers: Vec<[u8; HEADER_LEN]> = Vec::with_capacity(per_batch);
        while remaining > 0 {
            if self.shared.stopping.load(Ordering::SeqCst) {
                return Ok(false);
            }
            let want = usize::try_from(remaining.min(data.len() as u64)).unwrap_or(data.len());
            if let Err(e) = job.file.read_exact(&mut data[..want]) {
                // The file shrank or vanished under us: say so after FROK,
                // as the protocol allows, and go on with this client.
                let text = tr!(lang, "chat-ferr-io", reason = e.to_string());
                self.batch_frame(&Frame::Ferr(&text).encode());
                self.flush_batch()?;
                return Ok(true);
            }
            headers.clear();
            let mut slices = Vec::with_capacity(2 * per_batch);
            for piece in data[..want].chunks(chunk) {
                headers.push(
                    Header {
                        len: piece.len() as u64,
                        kind: Kind::FDAT,
                    }
                    .encode(),
                );
            }
            for (h, piece) in headers.iter().zip(data[..want].chunks(chunk)) {
                if self.shared.bits.is_some() {
                    self.shared
                        .show_bits(Direction::Sent, &self.addr, &Header::parse(h), piece);
                }
                slices.push(IoSlice::new(h));
                slices.push(IoSlice::new(piece));
            }
            write_all_vectored(&mut self.stream, &mut slices)?;
            remaining -= want as u64;
            self.between_batches(queue, later)?;
        }
        self.shared.log.line(&tr!(
            lang,
            "chat-log-file-sent",
            addr = self.addr.to_string(),
            name = job.name.as_str(),
            size = job.size - start
        ));
        Ok(true)
    }
}
