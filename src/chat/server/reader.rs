//! A client's reader thread: reads its frames and acts on them. Its answers
//! go through the client's queue, like everything else the client is sent,
//! so that only the writer writes to the socket.

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::chat::bits::Direction;
use crate::chat::frame::{CONTROL_LIMIT, Frame, Limits};
use crate::chat::queue::Queue;
use crate::chat::reader::{FrameReader, ReadError};
use crate::narrate::Localize;
use crate::tr;
use crate::view::style::printable;

use super::clients::Shared;
use super::files::{list_folder, prepare_file};
use super::writer::Out;

/// Why a client's reader stopped.
pub(super) enum End {
    Eof,
    Quit,
    Bad(String),
    Gone,
}

pub(super) fn reader_loop(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    stream: TcpStream,
    queue: &Queue<Out>,
) -> End {
    let lang = shared.lang;
    // Clients send only control frames; an FDAT from one is held to the same limit.
    let limits = Limits {
        control: CONTROL_LIMIT,
        chunk: CONTROL_LIMIT,
    };
    let mut reader = FrameReader::new(stream, limits, 4096);
    let mut resume: Option<(String, u64, [u8; 32])> = None;
    let reply = |frame: &Frame<'_>| -> bool {
        let bytes: Arc<[u8]> = frame.encode().into();
        let len = bytes.len();
        queue.push_wait(Out::Frame(bytes), len).is_ok()
    };
    loop {
        if shared.stopping.load(Ordering::SeqCst) {
            return End::Gone;
        }
        let (header, payload) = match reader.next_raw() {
            Ok(Some(f)) => f,
            Ok(None) => return End::Eof,
            Err(ReadError::Io(_)) if queue.is_closed() => return End::Gone,
            Err(ReadError::Io(e))
                if matches!(
                    e.kind(),
                    io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted
                ) =>
            {
                return End::Eof;
            }
            Err(e) => return End::Bad(e.localize(lang)),
        };
        shared.show_bits(Direction::Received, &addr, &header, payload);
        let frame = match Frame::parse(header.kind, payload) {
            Ok(f) => f,
            Err(e) => {
                // Bad text or layout in one frame: say so and go on; the
                // framing itself is intact.
                let text = e.localize(lang);
                shared.log.line(&tr!(
                    lang,
                    "chat-log-refused-frame",
                    addr = addr.to_string(),
                    reason = text.as_str()
                ));
                if !reply(&Frame::Ferr(&text)) {
                    return End::Gone;
                }
                continue;
            }
        };
        match frame {
            Frame::Chat(text) => {
                let line = format!("[{addr}]: {text}");
                // Relayed with the address in front, it must still fit the
                // limit every receiver holds control frames to.
                if line.len() as u64 > CONTROL_LIMIT {
                    let text = tr!(lang, "chat-ferr-too-long", limit = CONTROL_LIMIT);
                    if !reply(&Frame::Ferr(&text)) {
                        return End::Gone;
                    }
                    continue;
                }
                shared.log.line(&printable(&line));
                shared.broadcast(Frame::Chat(&line).encode(), Some(id));
            }
            Frame::Quit => return End::Quit,
            Frame::File(name) => {
                let resume_at = match resume.take() {
                    Some((n, offset, digest)) if n == name => Some((offset, digest)),
                    _ => None,
                };
                match prepare_file(shared, name, resume_at) {
                    Ok(job) => {
                        if queue.push_wait(Out::File(Box::new(job)), 0).is_err() {
                            return End::Gone;
                        }
                    }
                    Err(reason) => {
                        shared.log.line(&tr!(
                            lang,
                            "chat-log-file-refused",
                            addr = addr.to_string(),
                            name = printable(name).as_ref(),
                            reason = reason.as_str()
                        ));
                        let text = tr!(lang, "chat-ferr-file", name = name, reason = reason);
                        if !reply(&Frame::Ferr(&text)) {
                            return End::Gone;
                        }
                    }
                }
            }
            Frame::ListRequest => {
                let listing = list_folder(&shared.root);
                if !reply(&listing) {
                    return End::Gone;
                }
            }
            Frame::Resume {
                offset,
                prefix_digest,
                name,
            } => resume = Some((name.to_string(), offset, prefix_digest)),
            other => {
                // Server-to-client types, or types from a newer client:
                // ignored, as the protocol asks of every receiver.
                shared.log.line(&tr!(
                    lang,
                    "chat-log-ignored",
                    addr = addr.to_string(),
                    kind = other.kind().name()
                ));
            }
        }
    }
}
