//! The chat and file frame, to the byte:
//!
//! ```text
//! [payload length: u64 big-endian][type: 4 ASCII bytes][payload]
//! ```
//!
//! Untrusted bytes go through one checked path: a [`Header`] is read, its
//! length is checked against the [`Limits`] for its type *before* anything is
//! allocated, the payload is read, and [`Frame::parse`] turns type and payload
//! into a [`Frame`] value. After that nothing panics; bad bytes are a
//! [`FrameError`].

use std::fmt;
use std::io::{self, Write};

/// Header size: 8 bytes of length, 4 of type.
pub const HEADER_LEN: usize = 12;

/// The largest control frame (anything but `FDAT`) a peer accepts: 1 MiB.
pub const CONTROL_LIMIT: u64 = 1 << 20;

/// The `FDAT` chunk size classic servers use, and synack's by default.
pub const DEFAULT_CHUNK: usize = 8 * 1024;

/// The largest `FDAT` payload a synack client accepts unless told otherwise.
pub const DEFAULT_MAX_CHUNK: u64 = 1 << 20;

/// The most `--max-chunk` may raise it to: one frame is held whole in memory.
pub const MAX_MAX_CHUNK: u64 = 64 << 20;

/// A frame type: four ASCII bytes on the wire.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Kind(pub [u8; 4]);

impl Kind {
    /// Chat text, both directions.
    pub const CHAT: Kind = Kind(*b"CHAT");
    /// A file request (client → server).
    pub const FILE: Kind = Kind(*b"FILE");
    /// Goodbye (client → server).
    pub const QUIT: Kind = Kind(*b"QUIT");
    /// The file follows (server → client).
    pub const FROK: Kind = Kind(*b"FROK");
    /// An error, as text (server → client).
    pub const FERR: Kind = Kind(*b"FERR");
    /// File name and size (server → client).
    pub const FMTA: Kind = Kind(*b"FMTA");
    /// The file's SHA-256 (server → client).
    pub const FHSH: Kind = Kind(*b"FHSH");
    /// A chunk of the file (server → client).
    pub const FDAT: Kind = Kind(*b"FDAT");
    /// synack: asks for the listing (empty) or carries it (server → client).
    pub const LIST: Kind = Kind(*b"LIST");
    /// synack: "resume the next `FILE` of this name from an offset" (client → server).
    pub const RSUM: Kind = Kind(*b"RSUM");
    /// synack: where the `FDAT`s of a resumed download start (server → client).
    pub const FOFS: Kind = Kind(*b"FOFS");

    /// The type as text; bytes that are not printable ASCII show as `?`.
    pub fn name(self) -> String {
        self.0
            .iter()
            .map(|&b| if b.is_ascii_graphic() { b as char } else { '?' })
            .collect()
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl fmt::Debug for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kind({})", self.name())
    }
}

/// The 12 bytes in front of every payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// Payload length as declared by the sender: untrusted until checked.
    pub len: u64,
    pub kind: Kind,
}

impl Header {
    /// The header at the start of `bytes` (an encoded frame, a read buffer),
    /// if they hold one.
    pub fn from_prefix(bytes: &[u8]) -> Option<Header> {
        bytes
            .get(..HEADER_LEN)
            .and_then(|h| <&[u8; HEADER_LEN]>::try_from(h).ok())
            .map(Header::parse)
    }

    pub fn parse(bytes: &[u8; HEADER_LEN]) -> Header {
        let mut len = [0u8; 8];
        len.copy_from_slice(&bytes[..8]);
        let mut kind = [0u8; 4];
        kind.copy_from_slice(&bytes[8..]);
        Header {
            len: u64::from_be_bytes(len),
            kind: Kind(kind),
        }
    }

    pub fn encode(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(&self.len.to_be_bytes());
        out[8..].copy_from_slice(&self.kind.0);
        out
    }
}

/// How long a payload a receiver accepts, by type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Every type but `FDAT`.
    pub control: u64,
    /// `FDAT`.
    pub chunk: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            control: CONTROL_LIMIT,
            chunk: DEFAULT_MAX_CHUNK,
        }
    }
}

impl Limits {
    /// The limit for a frame of this type.
    pub fn for_kind(&self, kind: Kind) -> u64 {
        if kind == Kind::FDAT {
            self.chunk
        } else {
            self.control
        }
    }

    /// The payload length as a `usize`, if it is within the limit for its type.
    pub fn check(&self, header: &Header) -> Result<usize, FrameError> {
        let limit = self.for_kind(header.kind);
        if header.len > limit {
            return Err(FrameError::TooLong {
                kind: header.kind,
                len: header.len,
                limit,
            });
        }
        usize::try_from(header.len).map_err(|_| FrameError::TooLong {
            kind: header.kind,
            len: header.len,
            limit,
        })
    }
}

/// One entry of a `LIST` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
}

/// A frame, parsed and checked. Borrowed from the buffer it was read into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    Chat(&'a str),
    File(&'a str),
    Quit,
    Frok,
    Ferr(&'a str),
    Fmta {
        name: &'a str,
        size: u64,
    },
    Fhsh([u8; 32]),
    Fdat(&'a [u8]),
    /// `LIST` with an empty payload: the client asks.
    ListRequest,
    /// `LIST` with entries: the server answers. `total` counts every file, even
    /// those left out to keep the frame under the control limit.
    Listing {
        total: u32,
        entries: Vec<Entry>,
    },
    /// `RSUM`: resume the next `FILE` named `name` from `offset`, if the first
    /// `offset` bytes on the server have this SHA-256.
    Resume {
        offset: u64,
        prefix_digest: [u8; 32],
        name: &'a str,
    },
    /// `FOFS`: the `FDAT`s that follow start at this offset.
    Offset(u64),
    /// A type this version does not know: ignored by receivers, so newer peers
    /// can add types.
    Unknown {
        kind: Kind,
        payload: &'a [u8],
    },
}

/// Why bytes are not a valid frame.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// The declared length is over the limit for the type.
    #[error("a {kind} frame declares {len} bytes, over the limit of {limit}")]
    TooLong { kind: Kind, len: u64, limit: u64 },
    /// Text that is not UTF-8.
    #[error("the {kind} payload is not valid UTF-8 (byte {at})")]
    NotUtf8 { kind: Kind, at: usize },
    /// A payload whose layout is wrong for its type.
    #[error("a {kind} payload of {len} bytes is malformed: {what}")]
    Malformed {
        kind: Kind,
        len: usize,
        what: &'static str,
    },
}

fn text(kind: Kind, payload: &[u8]) -> Result<&str, FrameError> {
    std::str::from_utf8(payload).map_err(|e| FrameError::NotUtf8 {
        kind,
        at: e.valid_up_to(),
    })
}

fn malformed(kind: Kind, len: usize, what: &'static str) -> FrameError {
    FrameError::Malformed { kind, len, what }
}

/// A cursor over a payload that never reads past its end.
struct Cursor<'a> {
    kind: Kind,
    bytes: &'a [u8],
    len: usize,
}

impl<'a> Cursor<'a> {
    fn new(kind: Kind, bytes: &'a [u8]) -> Self {
        Cursor {
            kind,
            bytes,
            len: bytes.len(),
        }
    }
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FrameError> {
        if self.bytes.len() < n {
            return Err(malformed(self.kind, self.len, what));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }
    fn u32(&mut self, what: &'static str) -> Result<u32, FrameError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &'static str) -> Result<u64, FrameError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }
    fn digest(&mut self, what: &'static str) -> Result<[u8; 32], FrameError> {
        let b = self.take(32, what)?;
        let mut a = [0u8; 32];
        a.copy_from_slice(b);
        Ok(a)
    }
    fn name(&mut self, what: &'static str) -> Result<&'a str, FrameError> {
        let n = self.u32(what)?;
        let n = usize::try_from(n).map_err(|_| malformed(self.kind, self.len, what))?;
        let b = self.take(n, what)?;
        text(self.kind, b)
    }
    fn end(&self, what: &'static str) -> Result<(), FrameError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(malformed(self.kind, self.len, what))
        }
    }
}

impl<'a> Frame<'a> {
    /// Checks a payload against its type.
    pub fn parse(kind: Kind, payload: &'a [u8]) -> Result<Frame<'a>, FrameError> {
        let mut c = Cursor::new(kind, payload);
        let frame = match kind {
            Kind::CHAT => Frame::Chat(text(kind, payload)?),
            Kind::FILE => Frame::File(text(kind, payload)?),
            Kind::FERR => Frame::Ferr(text(kind, payload)?),
            Kind::FDAT => Frame::Fdat(payload),
            // Classic peers send nothing in these; anything there is ignored
            // rather than refused, as a classic receiver would.
            Kind::QUIT => Frame::Quit,
            Kind::FROK => Frame::Frok,
            Kind::FMTA => {
                let name = c.name("expected [name length u32][name][size u64]")?;
                let size = c.u64("expected [name length u32][name][size u64]")?;
                c.end("bytes after the file size")?;
                Frame::Fmta { name, size }
            }
            Kind::FHSH => {
                let d = c.digest("a SHA-256 digest is 32 bytes")?;
                c.end("a SHA-256 digest is 32 bytes")?;
                Frame::Fhsh(d)
            }
            Kind::LIST if payload.is_empty() => Frame::ListRequest,
            Kind::LIST => {
                let total = c.u32("expected [total u32] then entries")?;
                let mut entries = Vec::new();
                while !c.bytes.is_empty() {
                    let name = c.name("expected [name length u32][name][size u64]")?;
                    let size = c.u64("expected [name length u32][name][size u64]")?;
                    entries.push(Entry {
                        name: name.to_string(),
                        size,
                    });
                }
                Frame::Listing { total, entries }
            }
            Kind::RSUM => {
                let offset = c.u64("expected [offset u64][digest 32 bytes][name]")?;
                let prefix_digest = c.digest("expected [offset u64][digest 32 bytes][name]")?;
                let name = text(kind, c.bytes)?;
                Frame::Resume {
                    offset,
                    prefix_digest,
                    name,
                }
            }
            Kind::FOFS => {
                let offset = c.u64("expected [offset u64]")?;
                c.end("expected [offset u64]")?;
                Frame::Offset(offset)
            }
            kind => Frame::Unknown { kind, payload },
        };
        Ok(frame)
    }

    pub fn kind(&self) -> Kind {
        match self {
            Frame::Chat(_) => Kind::CHAT,
            Frame::File(_) => Kind::FILE,
            Frame::Quit => Kind::QUIT,
            Frame::Frok => Kind::FROK,
            Frame::Ferr(_) => Kind::FERR,
            Frame::Fmta { .. } => Kind::FMTA,
            Frame::Fhsh(_) => Kind::FHSH,
            Frame::Fdat(_) => Kind::FDAT,
            Frame::ListRequest | Frame::Listing { .. } => Kind::LIST,
            Frame::Resume { .. } => Kind::RSUM,
            Frame::Offset(_) => Kind::FOFS,
            Frame::Unknown { kind, .. } => *kind,
        }
    }

    /// The payload bytes this frame puts on the wire.
    pub fn payload(&self) -> Vec<u8> {
        match self {
            Frame::Chat(s) | Frame::File(s) | Frame::Ferr(s) => s.as_bytes().to_vec(),
            Frame::Quit | Frame::Frok | Frame::ListRequest => Vec::new(),
            Frame::Fmta { name, size } => {
                let mut p = Vec::with_capacity(12 + name.len());
                put_name(&mut p, name);
                p.extend_from_slice(&size.to_be_bytes());
                p
            }
            Frame::Fhsh(d) => d.to_vec(),
            Frame::Fdat(d) => d.to_vec(),
            Frame::Listing { total, entries } => {
                let mut p = Vec::new();
                p.extend_from_slice(&total.to_be_bytes());
                for e in entries {
                    put_name(&mut p, &e.name);
                    p.extend_from_slice(&e.size.to_be_bytes());
                }
                p
            }
            Frame::Resume {
                offset,
                prefix_digest,
                name,
            } => {
                let mut p = Vec::with_capacity(40 + name.len());
                p.extend_from_slice(&offset.to_be_bytes());
                p.extend_from_slice(prefix_digest);
                p.extend_from_slice(name.as_bytes());
                p
            }
            Frame::Offset(o) => o.to_be_bytes().to_vec(),
            Frame::Unknown { payload, .. } => payload.to_vec(),
        }
    }

    /// Header and payload, ready to write.
    pub fn encode(&self) -> Vec<u8> {
        let payload = self.payload();
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(
            &Header {
                len: payload.len() as u64,
                kind: self.kind(),
            }
            .encode(),
        );
        out.extend_from_slice(&payload);
        out
    }
}

/// Bytes a listing entry takes in a `LIST` payload.
pub fn entry_len(name: &str) -> usize {
    4 + name.len() + 8
}

fn put_name(p: &mut Vec<u8>, name: &str) {
    // Names longer than 4 GiB cannot occur: frames are bounded far below that.
    let len = u32::try_from(name.len()).unwrap_or(u32::MAX);
    p.extend_from_slice(&len.to_be_bytes());
    p.extend_from_slice(name.as_bytes());
}

/// Writes one frame (header then payload) with a single `write_all`.
pub fn write_frame(out: &mut dyn Write, frame: &Frame<'_>) -> io::Result<()> {
    out.write_all(&frame.encode())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_frame_is_length_type_payload() {
        let bytes = Frame::Chat("Hi").encode();
        assert_eq!(bytes, b"\0\0\0\0\0\0\0\x02CHATHi");
    }

    #[test]
    fn fmta_round_trips() {
        let f = Frame::Fmta {
            name: "a.txt",
            size: 7,
        };
        let p = f.payload();
        assert_eq!(p, b"\0\0\0\x05a.txt\0\0\0\0\0\0\0\x07");
        assert_eq!(Frame::parse(Kind::FMTA, &p), Ok(f));
    }

    #[test]
    fn fmta_name_length_past_the_end_is_malformed() {
        let p = b"\xff\xff\xff\xffab";
        assert!(matches!(
            Frame::parse(Kind::FMTA, p),
            Err(FrameError::Malformed { .. })
        ));
    }

    #[test]
    fn fdat_limit_is_separate_from_control_limit() {
        let limits = Limits {
            control: 16,
            chunk: 1000,
        };
        let h = Header {
            len: 500,
            kind: Kind::FDAT,
        };
        assert_eq!(limits.check(&h), Ok(500));
        let h = Header {
            len: 500,
            kind: Kind::CHAT,
        };
        assert!(limits.check(&h).is_err());
    }

    #[test]
    fn invalid_utf8_is_an_error_value() {
        assert_eq!(
            Frame::parse(Kind::CHAT, b"ok\xff"),
            Err(FrameError::NotUtf8 {
                kind: Kind::CHAT,
                at: 2
            })
        );
    }

    #[test]
    fn listing_round_trips() {
        let f = Frame::Listing {
            total: 3,
            entries: vec![
                Entry {
                    name: "a".into(),
                    size: 1,
                },
                Entry {
                    name: "bé".into(),
                    size: 1 << 40,
                },
            ],
        };
        assert_eq!(Frame::parse(Kind::LIST, &f.payload()), Ok(f));
        assert_eq!(Frame::parse(Kind::LIST, b""), Ok(Frame::ListRequest));
    }

    #[test]
    fn resume_round_trips() {
        let f = Frame::Resume {
            offset: 42,
            prefix_digest: [9; 32],
            name: "big.bin",
        };
        assert_eq!(Frame::parse(Kind::RSUM, &f.payload()), Ok(f));
    }
}
