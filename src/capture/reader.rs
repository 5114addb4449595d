//! Reading pcap and pcapng files, one frame at a time, in flat memory.
//!
//! The pcap-file crate parses records from a buffer this reader manages, so
//! every error can name the byte offset where the file goes wrong, and every
//! length a file declares is bounded before a byte is allocated for it. A file
//! that merely stops in the middle of a packet (a capture cut short) ends
//! cleanly, with `truncated_at` saying where.

use std::io::{self, Read};
use std::time::Duration;

use bytes::{Bytes, BytesMut};

use pcap_file::PcapError;
use pcap_file::pcap::PcapParser;
use pcap_file::pcapng::PcapNgParser;
use pcap_file::pcapng::blocks::Block;
use pcap_file::pcapng::blocks::interface_description::InterfaceDescriptionOption;

/// No real frame is longer than this (jumbo frames and TSO segments included).
const MAX_FRAME: usize = 1 << 20;
/// No pcapng block needs more (a frame plus generous options and comments).
const MAX_BLOCK: usize = 16 << 20;
const READ_CHUNK: usize = 256 << 10;

/// What is wrong with a capture file, and where.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("not a pcap or pcapng file (it starts with {start})")]
    NotACapture { start: String },
    #[error("corrupt at byte {offset}: {reason:?}")]
    Corrupt { offset: u64, reason: Corruption },
    #[error("at byte {offset} a record says it is {len} bytes long, more than any real one")]
    TooLarge { offset: u64, len: u64 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// What is wrong where a capture file is corrupt; worded by the views, in
/// the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corruption {
    /// The file stops inside a record.
    EndsMidRecord,
    /// A pcap timestamp's fraction of a second is a second or more.
    Fraction(u32),
    /// A pcapng packet names an interface never described.
    UnknownInterface(u32),
    /// A pcapng packet's data does not lie inside its block.
    DataOutsideBlock,
    /// What the pcap/pcapng parser found, in its own (English) words.
    Format(String),
}

/// One captured frame.
#[derive(Debug)]
pub struct Frame<'a> {
    /// Since 1970, as recorded.
    pub timestamp: Duration,
    /// The pcap LINKTYPE_ of the interface.
    pub linktype: u32,
    pub data: &'a [u8],
    /// The frame's length on the wire (more than `data` when the snap length cut it).
    pub orig_len: u32,
    /// Where the record starts in the file.
    pub offset: u64,
    /// The block of the file `data` lies in: a decoder can keep slices of it
    /// without copying a byte.
    pub block: &'a Bytes,
}

enum Format {
    Pcap {
        parser: PcapParser,
        linktype: u32,
        big_endian: bool,
        /// Timestamps in nanoseconds rather than microseconds.
        nanos: bool,
    },
    PcapNg {
        parser: PcapNgParser,
        last_ts: Duration,
    },
}

pub struct CaptureReader<R: Read> {
    src: R,
    /// The block read last: `block[start..]` is read but not yet parsed;
    /// `offset` is its place in the file. Frames are handed out as slices of
    /// it, so each block is a new buffer (an old one lives on while a slice
    /// of it is kept) rather than one buffer moved and refilled.
    block: Bytes,
    start: usize,
    offset: u64,
    eof: bool,
    format: Format,
    truncated_at: Option<u64>,
}

impl<R: Read> CaptureReader<R> {
    /// Reads the file header and gets ready to read frames.
    pub fn new(mut src: R) -> Result<Self, ReadError> {
        let mut buf = vec![0u8; READ_CHUNK];
        let mut end = 0;
        while end < 64 {
            let n = src.read(&mut buf[end..])?;
            if n == 0 {
                break;
            }
            end += n;
        }
        if end == 0 {
            return Err(ReadError::Empty);
        }
        let head = &buf[..end];
        let magic = head.get(..4).map(|m| [m[0], m[1], m[2], m[3]]);
        let not_capture = || ReadError::NotACapture {
            start: head
                .iter()
                .take(8)
                .map(|b| format!("{b:02x}"))
                .collect::<Vec<_>>()
                .join(" "),
        };
        let corrupt = |e: PcapError| ReadError::Corrupt {
            offset: 0,
            reason: describe(&e),
        };
        let (format, consumed) = match magic {
            Some([0xd4, 0xc3, 0xb2, 0xa1] | [0x4d, 0x3c, 0xb2, 0xa1])
            | Some([0xa1, 0xb2, 0xc3, 0xd4] | [0xa1, 0xb2, 0x3c, 0x4d]) => {
                let (rest, parser) = PcapParser::new(head).map_err(corrupt)?;
                let header = parser.header();
                let big_endian = matches!(magic, Some([0xa1, ..]));
                let linktype = u32::from(header.datalink);
                let nanos = header.ts_resolution == pcap_file::TsResolution::NanoSecond;
                (
                    Format::Pcap {
                        parser,
                        linktype,
                        big_endian,
                        nanos,
                    },
                    end - rest.len(),
                )
            }
            Some([0x0a, 0x0d, 0x0d, 0x0a]) => {
                // The section header can be long (options): make sure it is all here.
                let declared = head
                    .get(4..12)
                    .map(|b| {
                        let le = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                        let be = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                        if b[4..8] == [0x4d, 0x3c, 0x2b, 0x1a] {
                            le
                        } else {
                            be
                        }
                    })
                    .unwrap_or(0) as usize;
                if declared > MAX_BLOCK {
                    return Err(ReadError::TooLarge {
                        offset: 0,
                        len: declared as u64,
                    });
                }
                while end < declared.min(buf.len()) {
                    let n = src.read(&mut buf[end..])?;
                    if n == 0 {
                        break;
                    }
                    end += n;
                }
                if declared > buf.len() {
                    buf.resize(declared, 0);
                    while end < declared {
                        let n = src.read(&mut buf[end..])?;
                        if n == 0 {
                            break;
                        }
                        end += n;
                    }
                }
                let (rest, parser) =
                    PcapNgParser::new(&buf[..end]).map_err(|e| ReadError::Corrupt {
                        offset: 0,
                        reason: describe(&e),
                    })?;
                let consumed = end - rest.len();
                (
                    Format::PcapNg {
                        parser,
                        last_ts: Duration::ZERO,
                    },
                    consumed,
                )
            }
            _ => return Err(not_capture()),
        };
        buf.truncate(end);
        Ok(CaptureReader {
            src,
            block: Bytes::from(buf),
            start: consumed,
            offset: consumed as u64,
            eof: false,
            format,
            truncated_at: None,
        })
    }

    /// Where the file stopped in the middle of a record, if it did.
    pub fn truncated_at(&self) -> Option<u64> {
        self.truncated_at
    }

    /// The next frame, or `None` at the end of the file.
    pub fn next_frame(&mut self) -> Result<Option<Frame<'_>>, ReadError> {
        loop {
            // Bound what the next record claims before waiting for that many bytes.
            let pending = &self.block[self.start..];
            if let Some(len) = self.declared_len(pending)
                && len > self.limit()
            {
                return Err(ReadError::TooLarge {
                    offset: self.offset,
                    len: len as u64,
                });
            }
            let parsed = self.parse_one()?;
            match parsed {
                Parsed::Frame {
                    consumed,
                    timestamp,
                    linktype,
                    data,
                    orig_len,
                } => {
                    let at = self.offset;
                    self.start += consumed;
                    self.offset += consumed as u64;
                    let (from, to) = data;
                    return Ok(Some(Frame {
                        timestamp,
                        linktype,
                        data: &self.block[from..to],
                        orig_len,
                        offset: at,
                        block: &self.block,
                    }));
                }
                Parsed::Skipped { consumed } => {
                    self.start += consumed;
                    self.offset += consumed as u64;
                }
                Parsed::NeedMore => {
                    if self.eof {
                        if self.start < self.block.len() {
                            self.truncated_at = Some(self.offset);
                        }
                        return Ok(None);
                    }
                    self.fill()?;
                }
            }
        }
    }

    fn limit(&self) -> usize {
        match self.format {
            Format::Pcap { .. } => MAX_FRAME,
            Format::PcapNg { .. } => MAX_BLOCK,
        }
    }

    /// The length the record at the front of `pending` says it has, if known yet.
    fn declared_len(&self, pending: &[u8]) -> Option<usize> {
        match &self.format {
            Format::Pcap { big_endian, .. } => {
                let b = pending.get(8..12)?;
                let bytes = [b[0], b[1], b[2], b[3]];
                let len = if *big_endian {
                    u32::from_be_bytes(bytes)
                } else {
                    u32::from_le_bytes(bytes)
                };
                Some(len as usize)
            }
            Format::PcapNg { parser, .. } => {
                let b = pending.get(4..8)?;
                let bytes = [b[0], b[1], b[2], b[3]];
                let len = match parser.section().endianness {
                    pcap_file::Endianness::Big => u32::from_be_bytes(bytes),
                    pcap_file::Endianness::Little => u32::from_le_bytes(bytes),
                };
                Some(len as usize)
            }
        }
    }

    /// Starts a new block with the unparsed bytes and reads more after them;
    /// a record longer than half a block gets a block twice its length.
    fn fill(&mut self) -> Result<(), ReadError> {
        let pending = &self.block[self.start..];
        let size = if pending.len() * 2 > READ_CHUNK {
            (pending.len() * 2).min(self.limit() + 64)
        } else {
            READ_CHUNK
        };
        if size <= pending.len() {
            return Err(ReadError::TooLarge {
                offset: self.offset,
                len: pending.len() as u64,
            });
        }
        let mut next = BytesMut::with_capacity(size);
        next.extend_from_slice(pending);
        let end = next.len();
        next.resize(size, 0);
        let n = self.src.read(&mut next[end..])?;
        if n == 0 {
            self.eof = true;
        }
        next.truncate(end + n);
        self.block = next.freeze();
        self.start = 0;
        Ok(())
    }

    fn parse_one(&mut self) -> Result<Parsed, ReadError> {
        let offset = self.offset;
        let slice = &self.block[self.start..];
        let base = self.start;
        let corrupt = |e: &PcapError| ReadError::Corrupt {
            offset,
            reason: describe(e),
        };
        match &mut self.format {
            // Raw records, checked here: pcap-file 2.0 wrongly rejects a packet
            // longer on the wire than the snap length, which is what every
            // capture with `-s 128` holds.
            Format::Pcap {
                parser,
                linktype,
                nanos,
                ..
            } => match parser.next_raw_packet(slice) {
                Ok((rest, raw)) => {
                    let consumed = slice.len() - rest.len();
                    let len = raw.data.len();
                    let frac = u64::from(raw.ts_frac) * if *nanos { 1 } else { 1000 };
                    if frac >= 1_000_000_000 {
                        return Err(ReadError::Corrupt {
                            offset,
                            reason: Corruption::Fraction(raw.ts_frac),
                        });
                    }
                    let timestamp =
                        Duration::from_secs(u64::from(raw.ts_sec)) + Duration::from_nanos(frac);
                    // The data sits at the end of the record, just before `rest`.
                    let to = base + consumed;
                    Ok(Parsed::Frame {
                        consumed,
                        timestamp,
                        linktype: *linktype,
                        data: (to - len, to),
                        orig_len: raw.orig_len.max(len as u32),
                    })
                }
                Err(PcapError::IncompleteBuffer) => Ok(Parsed::NeedMore),
                Err(e) => Err(corrupt(&e)),
            },
            Format::PcapNg { parser, last_ts } => {
                let (rest, block) = match parser.next_block(slice) {
                    Ok(ok) => ok,
                    Err(PcapError::IncompleteBuffer) => return Ok(Parsed::NeedMore),
                    Err(e) => return Err(corrupt(&e)),
                };
                let consumed = slice.len() - rest.len();
                let (interface, timestamp, orig_len, data) = match &block {
                    Block::EnhancedPacket(epb) => (
                        epb.interface_id,
                        Some(epb.timestamp),
                        epb.original_len,
                        &epb.data,
                    ),
                    Block::SimplePacket(spb) => (0, None, spb.original_len, &spb.data),
                    _ => return Ok(Parsed::Skipped { consumed }),
                };
                let Some(idb) = parser.interfaces().get(interface as usize) else {
                    return Err(ReadError::Corrupt {
                        offset,
                        reason: Corruption::UnknownInterface(interface),
                    });
                };
                let resolution = idb
                    .options
                    .iter()
                    .find_map(|o| match o {
                        InterfaceDescriptionOption::IfTsResol(r) => Some(*r),
                        _ => None,
                    })
                    .unwrap_or(6);
                let timestamp = match timestamp {
                    Some(raw) => rescale(raw, resolution),
                    None => *last_ts,
                };
                *last_ts = timestamp;
                let linktype = u32::from(idb.linktype);
                let len = data.len();
                // Find the packet data inside the block: it is the one slice the
                // block borrows from our buffer.
                let data_ptr = data.as_ptr() as usize;
                let slice_ptr = slice.as_ptr() as usize;
                let from = data_ptr
                    .checked_sub(slice_ptr)
                    .filter(|d| d + len <= slice.len())
                    .ok_or(ReadError::Corrupt {
                        offset,
                        reason: Corruption::DataOutsideBlock,
                    })?;
                Ok(Parsed::Frame {
                    consumed,
                    timestamp,
                    linktype,
                    data: (base + from, base + from + len),
                    orig_len,
                })
            }
        }
    }
}

enum Parsed {
    Frame {
        consumed: usize,
        timestamp: Duration,
        linktype: u32,
        /// Range of the frame's bytes in the reader's buffer.
        data: (usize, usize),
        orig_len: u32,
    },
    Skipped {
        consumed: usize,
    },
    NeedMore,
}

/// pcap-file reads a pcapng timestamp's raw units as nanoseconds; the
/// interface's `if_tsresol` says what a unit really is (10^-n, or 2^-n with the
/// high bit set; 10^-6 when absent).
fn rescale(as_nanos: Duration, resolution: u8) -> Duration {
    let raw = as_nanos.as_nanos();
    let nanos = if resolution & 0x80 != 0 {
        let shift = u32::from(resolution & 0x7f).min(127);
        (raw.saturating_mul(1_000_000_000)) >> shift
    } else {
        let exp = u32::from(resolution).min(30);
        if exp <= 9 {
            raw.saturating_mul(10u128.pow(9 - exp))
        } else {
            raw / 10u128.pow(exp - 9)
        }
    };
    Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
}

fn describe(e: &PcapError) -> Corruption {
    match e {
        PcapError::IncompleteBuffer => Corruption::EndsMidRecord,
        other => Corruption::Format(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pcapng_resolutions_are_honoured() {
        let raw = Duration::from_nanos(1_500);
        assert_eq!(rescale(raw, 9), Duration::from_nanos(1_500));
        assert_eq!(rescale(raw, 6), Duration::from_micros(1_500));
        assert_eq!(
            rescale(Duration::from_nanos(3), 0x81),
            Duration::from_millis(1_500)
        );
    }

    #[test]
    fn garbage_is_not_a_capture() {
        let err = CaptureReader::new(&b"hello, world, this is text"[..])
            .err()
            .unwrap();
        assert!(matches!(err, ReadError::NotACapture { .. }), "{err}");
        assert!(CaptureReader::new(&b""[..]).is_err());
    }
}
