//! One pass over a capture file: every frame read, decoded and fed to the
//! observer, with counts of what could not be read for the warnings.

use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::Path;

use super::ExplainError;
use crate::app::AppError;
use crate::capture::observer::Observer;
use crate::capture::reader::CaptureReader;
use crate::narrate::{Lang, Localize};
use crate::tr;
use crate::trace::Sink;
use crate::wire::{LinkType, Packet, WireError, decode_shared};

/// Counts of what a pass over the file met.
#[derive(Debug, Default)]
pub(super) struct PassStats {
    frames: u64,
    bad: u64,
    first_bad: Option<(u64, WireError)>,
    other: u64,
    truncated_at: Option<u64>,
}

/// A frame as it was in the file, for writing it back out.
pub(super) struct RawFrame<'a> {
    pub(super) linktype: u32,
    pub(super) timestamp: std::time::Duration,
    pub(super) data: &'a [u8],
}

/// Reads every frame of `path` and hands each to `each`: decoded, or `None`
/// when it is not a packet synack can read (counted, and still a frame of
/// the capture, which a narrated copy keeps).
pub(super) fn pass(
    path: &Path,
    observer: &mut Observer,
    mut each: impl FnMut(&mut Observer, Option<&Packet>, &RawFrame) -> Result<(), AppError>,
) -> Result<PassStats, AppError> {
    let file_name = path.display().to_string();
    // Opening a folder succeeds on Unix and fails at the first read with
    // "Is a directory (os error 21)": tell it before.
    if path.is_dir() {
        return Err(ExplainError::Folder { file: file_name }.into());
    }
    let file = File::open(path).map_err(|e| ExplainError::Open {
        file: file_name.clone(),
        source: e,
    })?;
    let read_err = |error| ExplainError::Read {
        file: file_name.clone(),
        error,
    };
    let mut reader =
        CaptureReader::new(BufReader::with_capacity(1 << 16, file)).map_err(read_err)?;
    let mut stats = PassStats::default();
    let mut link_cache: Option<(u32, LinkType)> = None;
    while let Some(frame) = reader.next_frame().map_err(read_err)? {
        stats.frames += 1;
        let link = match link_cache {
            Some((lt, link)) if lt == frame.linktype => link,
            _ => {
                let link =
                    LinkType::from_linktype(frame.linktype).ok_or(ExplainError::LinkType {
                        file: file_name.clone(),
                        linktype: frame.linktype,
                    })?;
                link_cache = Some((frame.linktype, link));
                link
            }
        };
        observer.clock(frame.timestamp);
        let raw = RawFrame {
            linktype: frame.linktype,
            timestamp: frame.timestamp,
            data: frame.data,
        };
        // Payloads and headers are slices of the file's block, not copies.
        match decode_shared(link, frame.data, frame.block) {
            Ok(packet) => {
                if let Packet::Other(_) = packet {
                    stats.other += 1;
                }
                each(observer, Some(&packet), &raw)?;
            }
            Err(e) => {
                stats.bad += 1;
                if stats.first_bad.is_none() {
                    stats.first_bad = Some((frame.offset, e));
                }
                each(observer, None, &raw)?;
            }
        }
    }
    stats.truncated_at = reader.truncated_at();
    Ok(stats)
}

/// Feeds a decoded packet to the observer.
pub(super) fn observe(
    observer: &mut Observer,
    packet: Option<&Packet>,
    sink: &mut dyn Sink,
    want: &dyn Fn(u32) -> bool,
) -> io::Result<()> {
    match packet {
        Some(Packet::Tcp(t)) => observer.tcp(t, sink, want),
        Some(Packet::Udp(u)) => observer.udp(u, sink, want),
        Some(Packet::Other(_)) | None => Ok(()),
    }
}

/// Warns about a capture cut short and frames that could not be decoded.
pub(super) fn warn_about(
    stats: &PassStats,
    file: &Path,
    lang: Lang,
    warn: &mut dyn Write,
) -> io::Result<()> {
    let file = file.display().to_string();
    if let Some(offset) = stats.truncated_at {
        let message = tr!(
            lang,
            "explain-warn-truncated",
            file = file.as_str(),
            offset = offset
        );
        writeln!(warn, "{}", tr!(lang, "warning", message = message))?;
    }
    if let Some((offset, e)) = &stats.first_bad {
        let message = tr!(
            lang,
            "explain-warn-bad-frames",
            count = stats.bad,
            offset = *offset,
            reason = e.localize(lang)
        );
        writeln!(warn, "{}", tr!(lang, "warning", message = message))?;
    }
    Ok(())
}
