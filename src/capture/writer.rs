//! The file formats, through the pcap-file crate: classic pcap, or pcapng with
//! an optional comment on every packet.

use std::borrow::Cow;
use std::io::{self, Write};
use std::time::Duration;

use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
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

/// The largest frame the files declare they may hold (tcpdump's default).
const SNAPLEN: u32 = 262_144;

/// Which file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureFormat {
    Pcap,
    PcapNg,
}

impl CaptureFormat {
    /// From a file name: `.pcapng` means pcapng, anything else pcap.
    pub fn from_path(path: &std::path::Path) -> CaptureFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("pcapng") => CaptureFormat::PcapNg,
            _ => CaptureFormat::Pcap,
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
pub enum CaptureWriter<W: Write> {
    /// pcap, with its one link type.
    Pcap(PcapWriter<W>, u32),
    /// pcapng, with the link type of each interface described so far.
    PcapNg(PcapNgWriter<W>, Vec<u32>),
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
        match format {
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
                let w = PcapWriter::with_header(out, header).map_err(to_io)?;
                Ok(CaptureWriter::Pcap(w, linktype))
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
                let w = PcapNgWriter::with_section_header(out, section).map_err(to_io)?;
                let mut writer = CaptureWriter::PcapNg(w, Vec::new());
                writer.interface_for(linktype)?;
                Ok(writer)
            }
        }
    }

    /// The interface carrying frames of `linktype`, described on first use
    /// (pcapng); `None` when a pcap file, which has one link type, cannot hold them.
    pub fn interface_for(&mut self, linktype: u32) -> io::Result<Option<u32>> {
        match self {
            CaptureWriter::Pcap(_, link) => Ok((*link == linktype).then_some(0)),
            CaptureWriter::PcapNg(w, links) => {
                if let Some(i) = links.iter().position(|l| *l == linktype) {
                    return Ok(Some(i as u32));
                }
                let interface = InterfaceDescriptionBlock {
                    linktype: DataLink::from(linktype),
                    snaplen: SNAPLEN,
                    options: vec![
                        InterfaceDescriptionOption::IfName(Cow::Borrowed("synack")),
                        // pcap-file writes timestamps in nanoseconds; say so, or
                        // readers assume microseconds (the pcapng default).
                        InterfaceDescriptionOption::IfTsResol(9),
                    ],
                };
                w.write_pcapng_block(interface).map_err(to_io)?;
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
        let len = u32::try_from(frame.len()).unwrap_or(u32::MAX);
        match self {
            CaptureWriter::Pcap(w, _) => {
                w.write_packet(&PcapPacket::new(timestamp, len, frame))
                    .map_err(to_io)?;
            }
            CaptureWriter::PcapNg(w, _) => {
                let options = comment
                    .map(|c| vec![EnhancedPacketOption::Comment(Cow::Borrowed(c))])
                    .unwrap_or_default();
                let block = EnhancedPacketBlock {
                    interface_id: interface,
                    timestamp,
                    original_len: len,
                    data: Cow::Borrowed(frame),
                    options,
                };
                w.write_pcapng_block(block).map_err(to_io)?;
            }
        }
        Ok(())
    }

    /// Ends the file and hands back the underlying writer, flushed.
    pub fn finish(self) -> io::Result<W> {
        let mut out = match self {
            CaptureWriter::Pcap(w, _) => w.into_writer(),
            CaptureWriter::PcapNg(w, _) => w.into_inner(),
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
