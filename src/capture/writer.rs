//! The file formats, through the pcap-file crate: classic pcap, or pcapng with
//! an optional comment on every packet. Lessons write through a buffer
//! flushed at the end; a live capture flushes after every frame.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use pcap_file::pcap::PcapHeader;
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::pcapng::blocks::enhanced_packet::{EnhancedPacketBlock, EnhancedPacketOption};
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::blocks::section_header::{SectionHeaderBlock, SectionHeaderOption};
use pcap_file::{DataLink, Endianness, PcapError, TsResolution};

/// Virtual time 0 of a lesson is written as this instant (2025-01-01 00:00:00
/// UTC), so the same lesson gives the same file, byte for byte, every run.
pub const EPOCH: Duration = Duration::from_secs(1_735_689_600);

/// The most bytes of a frame a file keeps (tcpdump's default snap length):
/// loopback frames reach 64 KiB, and a longer frame is cut, as any capture
/// cuts it, with its real length recorded.
pub const SNAPLEN: u32 = 262_144;

/// The name of the interface synack's own frames are written on.
const OWN_INTERFACE: &str = "synack";

/// Which file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureFormat {
    Pcap,
    PcapNg,
}

impl CaptureFormat {
    /// From a file name ending in `.pcap` or `.pcapng` (any case); `None` for
    /// any other, which a reader could not tell apart.
    pub fn from_extension(path: &Path) -> Option<CaptureFormat> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("pcap") {
            Some(CaptureFormat::Pcap)
        } else if ext.eq_ignore_ascii_case("pcapng") {
            Some(CaptureFormat::PcapNg)
        } else {
            None
        }
    }

    /// The file name extension, without the dot: `pcap` or `pcapng`.
    pub fn extension(self) -> &'static str {
        match self {
            CaptureFormat::Pcap => "pcap",
            CaptureFormat::PcapNg => "pcapng",
        }
    }
}

/// Writes frames with their timestamps (and, in pcapng, comments).
pub struct CaptureWriter<W: Write> {
    format: Format<W>,
    /// The name every pcapng interface is described with.
    interface: String,
    /// Flush after every frame, so the file is complete while it is written.
    flush_each_frame: bool,
}

enum Format<W: Write> {
    /// pcap, with its one link type. Records are written here rather than
    /// through pcap-file's writer, which does not lend out its output to be
    /// flushed; a record is a 16-byte header and the frame.
    Pcap { out: W, linktype: u32 },
    /// pcapng, with the link type of each interface described so far.
    PcapNg {
        writer: PcapNgWriter<W>,
        links: Vec<u32>,
    },
}

impl<W: Write> CaptureWriter<W> {
    /// Starts a file of Ethernet frames: the header (pcap) or the section and
    /// interface blocks (pcapng). `application` names the program in pcapng.
    pub fn new(out: W, format: CaptureFormat, application: &str) -> io::Result<Self> {
        Self::for_link(out, format, application, u32::from(DataLink::ETHERNET))
    }

    /// Starts a file whose frames have link type `linktype` (a pcap LINKTYPE_).
    pub fn for_link(
        out: W,
        format: CaptureFormat,
        application: &str,
        linktype: u32,
    ) -> io::Result<Self> {
        Self::start(out, format, application, linktype, OWN_INTERFACE)
    }

    /// Starts a file of the Ethernet frames captured on `interface` (its name
    /// recorded in pcapng), flushed after every frame so that it can be read,
    /// and survives an interrupt, while the capture runs.
    pub fn live(out: W, format: CaptureFormat, interface: &str) -> io::Result<Self> {
        let linktype = u32::from(DataLink::ETHERNET);
        let mut writer = Self::start(out, format, "synack", linktype, interface)?;
        writer.flush_each_frame = true;
        writer.flush()?;
        Ok(writer)
    }

    fn start(
        mut out: W,
        format: CaptureFormat,
        application: &str,
        linktype: u32,
        interface: &str,
    ) -> io::Result<Self> {
        let format = match format {
            CaptureFormat::Pcap => {
                let header = PcapHeader {
                    version_major: 2,
                    version_minor: 4,
                    ts_correction: 0,
                    ts_accuracy: 0,
                    snaplen: SNAPLEN,
                    datalink: DataLink::from(linktype),
                    ts_resolution: TsResolution::MicroSecond,
                    // Fixed, not native, so files are identical on every machine.
                    endianness: Endianness::Little,
                };
                header.write_to(&mut out).map_err(to_io)?;
                Format::Pcap { out, linktype }
            }
            CaptureFormat::PcapNg => {
                let section = SectionHeaderBlock {
                    endianness: Endianness::Little,
                    major_version: 1,
                    minor_version: 0,
                    section_length: -1,
                    options: vec![SectionHeaderOption::UserApplication(Cow::Owned(
                        application.to_string(),
                    ))],
                };
                let writer = PcapNgWriter::with_section_header(out, section).map_err(to_io)?;
                Format::PcapNg {
                    writer,
                    links: Vec::new(),
                }
            }
        };
        let mut writer = CaptureWriter {
            format,
            interface: interface.to_string(),
            flush_each_frame: false,
        };
        writer.interface_for(linktype)?;
        Ok(writer)
    }

    /// The interface carrying frames of `linktype`, described on first use
    /// (pcapng); `None` when a pcap file, which has one link type, cannot hold them.
    pub fn interface_for(&mut self, linktype: u32) -> io::Result<Option<u32>> {
        match &mut self.format {
            Format::Pcap { linktype: link, .. } => Ok((*link == linktype).then_some(0)),
            Format::PcapNg { writer, links } => {
                if let Some(i) = links.iter().position(|l| *l == linktype) {
                    return Ok(Some(i as u32));
                }
                let interface = InterfaceDescriptionBlock {
                    linktype: DataLink::from(linktype),
                    snaplen: SNAPLEN,
                    options: vec![
                        InterfaceDescriptionOption::IfName(Cow::Owned(self.interface.clone())),
                        // pcap-file writes timestamps in nanoseconds; say so, or
                        // readers assume microseconds (the pcapng default).
                        InterfaceDescriptionOption::IfTsResol(9),
                    ],
                };
                writer.write_pcapng_block(interface).map_err(to_io)?;
                links.push(linktype);
                Ok(Some(links.len() as u32 - 1))
            }
        }
    }

    /// Writes one frame at `timestamp` (since 1970) with an optional comment
    /// (pcap has nowhere to put it and drops it), on the first interface.
    pub fn write(
        &mut self,
        timestamp: Duration,
        frame: &[u8],
        comment: Option<&str>,
    ) -> io::Result<()> {
        self.write_on(0, timestamp, frame, comment)
    }

    /// Writes one frame on the interface `interface_for` returned.
    pub fn write_on(
        &mut self,
        interface: u32,
        timestamp: Duration,
        frame: &[u8],
        comment: Option<&str>,
    ) -> io::Result<()> {
        let orig_len = u32::try_from(frame.len()).unwrap_or(u32::MAX);
        let data = &frame[..frame.len().min(SNAPLEN as usize)];
        match &mut self.format {
            Format::Pcap { out, .. } => {
                let secs = u32::try_from(timestamp.as_secs()).map_err(|_| {
                    io::Error::new(io::ErrorKind::InvalidInput, "timestamp after 2106")
                })?;
                let mut record = [0u8; 16];
                record[0..4].copy_from_slice(&secs.to_le_bytes());
                record[4..8].copy_from_slice(&timestamp.subsec_micros().to_le_bytes());
                record[8..12].copy_from_slice(&(data.len() as u32).to_le_bytes());
                record[12..16].copy_from_slice(&orig_len.to_le_bytes());
                out.write_all(&record)?;
                out.write_all(data)?;
            }
            Format::PcapNg { writer, .. } => {
                let options = comment
                    .map(|c| vec![EnhancedPacketOption::Comment(Cow::Borrowed(c))])
                    .unwrap_or_default();
                let block = EnhancedPacketBlock {
                    interface_id: interface,
                    timestamp,
                    original_len: orig_len,
                    data: Cow::Borrowed(data),
                    options,
                };
                writer.write_pcapng_block(block).map_err(to_io)?;
            }
        }
        if self.flush_each_frame {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands what is written so far to the underlying writer's destination.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.format {
            Format::Pcap { out, .. } => out.flush(),
            Format::PcapNg { writer, .. } => writer.get_mut().flush(),
        }
    }

    /// Ends the file and hands back the underlying writer, flushed.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self.format {
            Format::Pcap { out, .. } => out,
            Format::PcapNg { writer, .. } => writer.into_inner(),
        };
        out.flush()?;
        Ok(out)
    }
}

fn to_io(e: PcapError) -> io::Error {
    match e {
        PcapError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use pcap_file::pcap::{PcapPacket, PcapWriter};

    use super::*;
    use crate::capture::reader::CaptureReader;

    const FRAME: [u8; 6] = [1, 2, 3, 4, 5, 6];

    #[test]
    fn the_file_name_chooses_the_format() {
        let of = |name: &str| CaptureFormat::from_extension(Path::new(name));
        assert_eq!(of("a.pcap"), Some(CaptureFormat::Pcap));
        assert_eq!(of("a.PCAPNG"), Some(CaptureFormat::PcapNg));
        assert_eq!(of("a.txt"), None);
        assert_eq!(of("pcap"), None);
    }

    #[test]
    fn pcap_records_are_what_pcap_files_own_writer_writes() {
        let ts = Duration::new(1_700_000_000, 123_456_789);
        let mut ours = CaptureWriter::new(Vec::new(), CaptureFormat::Pcap, "synack").unwrap();
        ours.write(ts, &FRAME, Some("dropped in pcap")).unwrap();
        ours.write(ts * 2, &[], None).unwrap();
        let header = PcapHeader {
            snaplen: SNAPLEN,
            endianness: Endianness::Little,
            ..PcapHeader::default()
        };
        let mut theirs = PcapWriter::with_header(Vec::new(), header).unwrap();
        theirs
            .write_packet(&PcapPacket::new(ts, 6, &FRAME))
            .unwrap();
        theirs
            .write_packet(&PcapPacket::new(ts * 2, 0, &[]))
            .unwrap();
        assert_eq!(ours.finish().unwrap(), theirs.into_writer());
    }

    #[test]
    fn a_frame_longer_than_the_snap_length_is_cut_and_its_length_kept() {
        let long = vec![7u8; SNAPLEN as usize + 10];
        for format in [CaptureFormat::Pcap, CaptureFormat::PcapNg] {
            let mut w = CaptureWriter::new(Vec::new(), format, "synack").unwrap();
            w.write(EPOCH, &long, None).unwrap();
            let bytes = w.finish().unwrap();
            let mut reader = CaptureReader::new(&bytes[..]).unwrap();
            let frame = reader.next_frame().unwrap().unwrap();
            assert_eq!(frame.data.len(), SNAPLEN as usize, "{format:?}");
            assert_eq!(frame.orig_len, SNAPLEN + 10, "{format:?}");
        }
    }

    /// Bytes the destination has received, which a buffer between holds back.
    #[derive(Clone, Default)]
    struct Seen(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Seen {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_live_file_is_readable_after_every_frame() {
        let ts = Duration::new(1_700_000_000, 123_456_789);
        for format in [CaptureFormat::Pcap, CaptureFormat::PcapNg] {
            let seen = Seen::default();
            let out = io::BufWriter::new(seen.clone());
            let mut w = CaptureWriter::live(out, format, "lo").unwrap();
            for n in 1..=3 {
                w.write(ts, &FRAME, None).unwrap();
                let bytes = seen.0.borrow().clone();
                let mut reader = CaptureReader::new(&bytes[..]).unwrap();
                let mut frames = 0;
                while let Some(frame) = reader.next_frame().unwrap() {
                    assert_eq!(frame.data, FRAME);
                    let micros = Duration::new(1_700_000_000, 123_456_000);
                    let expected = if format == CaptureFormat::Pcap {
                        micros
                    } else {
                        ts
                    };
                    assert_eq!(frame.timestamp, expected);
                    frames += 1;
                }
                assert_eq!((frames, reader.truncated_at()), (n, None), "{format:?}");
            }
        }
    }

    #[test]
    fn a_live_pcapng_names_its_interface() {
        let w = CaptureWriter::live(Vec::new(), CaptureFormat::PcapNg, "eth7").unwrap();
        let bytes = w.finish().unwrap();
        let mut reader = pcap_file::pcapng::PcapNgReader::new(&bytes[..]).unwrap();
        let mut names = Vec::new();
        while let Some(block) = reader.next_block() {
            if let pcap_file::pcapng::Block::InterfaceDescription(idb) = block.unwrap() {
                names.extend(idb.options.iter().filter_map(|o| match o {
                    InterfaceDescriptionOption::IfName(n) => Some(n.to_string()),
                    _ => None,
                }));
            }
        }
        assert_eq!(names, ["eth7"]);
    }
}
