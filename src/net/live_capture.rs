//! Live capture: the real frames the kernel sent, read through `pnet`'s
//! datalink channel and written as they arrive to a `.pcap` or `.pcapng` file,
//! each with the wall-clock time it was read (a real capture, not the
//! simulator's virtual clock).
//!
//! - Linux: an `AF_PACKET` socket. The loopback interface has link type
//!   Ethernet with zeroed MAC addresses, and the kernel hands a packet socket
//!   every loopback packet twice (once leaving, once arriving), so on loopback
//!   a kernel filter keeps only the arriving copy, as tcpdump does.
//! - Other Unix systems: BPF devices, through the same `pnet` channel.
//! - Windows: not available ([`CaptureError::Unsupported`]): capture with
//!   Wireshark, then `synack explain`.
//!
//! Capturing needs the CAP_NET_RAW capability (root); without it
//! [`LiveCapture::start`] fails at once with [`CaptureError::Permission`].
//! The file is flushed after every frame, so it stays readable even when the
//! program is interrupted.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use pcap_file::pcap::{PcapHeader, PcapPacket, PcapWriter};
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::blocks::section_header::{SectionHeaderBlock, SectionHeaderOption};
use pcap_file::{DataLink, Endianness, TsResolution};
use pnet_packet::Packet;
use pnet_packet::ethernet::{EtherTypes, EthernetPacket};
use pnet_packet::ip::{IpNextHeaderProtocol, IpNextHeaderProtocols};
use pnet_packet::ipv4::Ipv4Packet;
use pnet_packet::ipv6::Ipv6Packet;
use pnet_packet::tcp::TcpPacket;
use pnet_packet::udp::UdpPacket;

use crate::net::error::CaptureError;

/// Bytes kept of each frame (libpcap's default): loopback frames reach 64 KiB.
pub const SNAPLEN: u32 = 262_144;

/// The file format, from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureFormat {
    Pcap,
    PcapNg,
}

impl CaptureFormat {
    /// `.pcap` or `.pcapng` (any case); anything else is an error.
    pub fn from_path(path: &Path) -> Result<CaptureFormat, CaptureError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("pcap") => Ok(CaptureFormat::Pcap),
            Some("pcapng") => Ok(CaptureFormat::PcapNg),
            _ => Err(CaptureError::BadExtension {
                path: path.display().to_string(),
            }),
        }
    }
}

/// What to capture.
#[derive(Clone, Debug)]
pub struct CaptureRequest {
    /// Interface name (`lo`).
    pub iface: String,
    /// Keep only TCP and UDP frames to or from one of these ports (all frames when empty).
    pub ports: Vec<u16>,
    pub path: PathBuf,
    /// Stop after this many frames.
    pub count: Option<u64>,
    /// Stop after this long.
    pub duration: Option<Duration>,
}

/// What a capture wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureSummary {
    pub frames: u64,
    pub path: PathBuf,
    pub format: CaptureFormat,
    pub iface: String,
}

/// Frames written to a pcap or pcapng file as they come.
pub struct FrameWriter {
    inner: Inner,
    file: SharedFile,
    frames: u64,
}

enum Inner {
    Pcap(PcapWriter<SharedFile>),
    PcapNg(PcapNgWriter<SharedFile>),
}

/// The buffered file, shared with the format writer so it can be flushed
/// after every frame (`PcapWriter` does not lend out its writer).
#[derive(Clone)]
struct SharedFile(Arc<Mutex<BufWriter<File>>>);

impl SharedFile {
    fn lock(&self) -> std::io::Result<std::sync::MutexGuard<'_, BufWriter<File>>> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("capture file lock poisoned"))
    }
}

impl Write for SharedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.lock()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.lock()?.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.lock()?.flush()
    }
}

impl FrameWriter {
    /// Creates `path` and writes the file header (for pcapng, a section and one
    /// Ethernet interface named `iface`, with nanosecond timestamps).
    pub fn create(path: &Path, iface: &str) -> Result<FrameWriter, CaptureError> {
        let format = CaptureFormat::from_path(path)?;
        let file_error = |reason: String| CaptureError::File {
            path: path.display().to_string(),
            reason,
        };
        let file = SharedFile(Arc::new(Mutex::new(BufWriter::new(
            File::create(path).map_err(|e| file_error(e.to_string()))?,
        ))));
        let shared = file.clone();
        let inner = match format {
            CaptureFormat::Pcap => {
                let header = PcapHeader {
                    snaplen: SNAPLEN,
                    datalink: DataLink::ETHERNET,
                    ts_resolution: TsResolution::MicroSecond,
                    endianness: Endianness::native(),
                    ..PcapHeader::default()
                };
                Inner::Pcap(
                    PcapWriter::with_header(file, header).map_err(|e| file_error(e.to_string()))?,
                )
            }
            CaptureFormat::PcapNg => {
                let section = SectionHeaderBlock {
                    endianness: Endianness::native(),
                    options: vec![SectionHeaderOption::UserApplication(Cow::Borrowed(
                        "synack",
                    ))],
                    ..SectionHeaderBlock::default()
                };
                let mut writer = PcapNgWriter::with_section_header(file, section)
                    .map_err(|e| file_error(e.to_string()))?;
                let interface = InterfaceDescriptionBlock {
                    linktype: DataLink::ETHERNET,
                    snaplen: SNAPLEN,
                    options: vec![
                        InterfaceDescriptionOption::IfName(Cow::Owned(iface.to_string())),
                        // The writer stores nanoseconds; without this option
                        // readers would take them for microseconds.
                        InterfaceDescriptionOption::IfTsResol(9),
                    ],
                };
                writer
                    .write_pcapng_block(interface)
                    .map_err(|e| file_error(e.to_string()))?;
                Inner::PcapNg(writer)
            }
        };
        let mut writer = FrameWriter {
            inner,
            file: shared,
            frames: 0,
        };
        writer.flush().map_err(|e| file_error(e.to_string()))?;
        Ok(writer)
    }

    /// Writes one frame captured at `timestamp` (since the Unix epoch).
    pub fn write(&mut self, timestamp: Duration, frame: &[u8]) -> Result<(), pcap_file::PcapError> {
        let data = &frame[..frame.len().min(SNAPLEN as usize)];
        let orig_len = u32::try_from(frame.len()).unwrap_or(u32::MAX);
        match &mut self.inner {
            Inner::Pcap(w) => {
                w.write_packet(&PcapPacket::new(timestamp, orig_len, data))?;
            }
            Inner::PcapNg(w) => {
                w.write_pcapng_block(EnhancedPacketBlock {
                    interface_id: 0,
                    timestamp,
                    original_len: orig_len,
                    data: Cow::Borrowed(data),
                    options: vec![],
                })?;
            }
        }
        self.frames += 1;
        Ok(())
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }

    pub fn frames(&self) -> u64 {
        self.frames
    }
}

/// The TCP or UDP ports of an Ethernet frame, if it carries a first (or only)
/// IPv4 fragment or an IPv6 packet of TCP or UDP.
pub fn frame_ports(frame: &[u8]) -> Option<(u16, u16)> {
    let eth = EthernetPacket::new(frame)?;
    match eth.get_ethertype() {
        EtherTypes::Ipv4 => {
            let ip = Ipv4Packet::new(eth.payload())?;
            if ip.get_fragment_offset() != 0 {
                return None;
            }
            transport_ports(ip.get_next_level_protocol(), ip.payload())
        }
        EtherTypes::Ipv6 => {
            let ip = Ipv6Packet::new(eth.payload())?;
            transport_ports(ip.get_next_header(), ip.payload())
        }
        _ => None,
    }
}

fn transport_ports(protocol: IpNextHeaderProtocol, payload: &[u8]) -> Option<(u16, u16)> {
    match protocol {
        IpNextHeaderProtocols::Tcp => {
            let tcp = TcpPacket::new(payload)?;
            Some((tcp.get_source(), tcp.get_destination()))
        }
        IpNextHeaderProtocols::Udp => {
            let udp = UdpPacket::new(payload)?;
            Some((udp.get_source(), udp.get_destination()))
        }
        _ => None,
    }
}

/// Whether a frame passes the port filter.
pub fn wanted(frame: &[u8], ports: &[u16]) -> bool {
    ports.is_empty()
        || frame_ports(frame).is_some_and(|(s, d)| ports.contains(&s) || ports.contains(&d))
}

/// A capture running on its own thread.
pub struct LiveCapture {
    stop: Arc<AtomicBool>,
    /// Taken by `wait`; still here when the capture is dropped unfinished.
    thread: Option<JoinHandle<Result<CaptureSummary, CaptureError>>>,
}

/// How often the capture thread looks at its stop flag when no frame comes.
#[cfg(not(windows))]
const POLL: Duration = Duration::from_millis(100);
/// After a stop, frames still queued are written for at most this long.
const DRAIN: Duration = Duration::from_millis(500);

impl LiveCapture {
    /// Opens the interface (failing at once without permission), creates the
    /// file, and starts writing frames on a thread. Frames the kernel queues
    /// from now on are kept, even before the thread reads them.
    pub fn start(request: CaptureRequest) -> Result<LiveCapture, CaptureError> {
        let format = CaptureFormat::from_path(&request.path)?;
        let mut source = imp::open(&request.iface, &request.ports)?;
        let mut writer = FrameWriter::create(&request.path, &request.iface)?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("live-capture".into())
            .spawn(move || {
                let deadline = request.duration.map(|d| std::time::Instant::now() + d);
                let mut stopping: Option<std::time::Instant> = None;
                let file_error = |reason: String| CaptureError::File {
                    path: request.path.display().to_string(),
                    reason,
                };
                loop {
                    if request.count.is_some_and(|c| writer.frames() >= c)
                        || deadline.is_some_and(|d| std::time::Instant::now() >= d)
                        || stopping.is_some_and(|s| s.elapsed() >= DRAIN)
                    {
                        break;
                    }
                    if stopping.is_none() && stop_flag.load(Ordering::SeqCst) {
                        stopping = Some(std::time::Instant::now());
                    }
                    match source.next_frame() {
                        Ok(Some((timestamp, frame))) => {
                            if wanted(&frame, &request.ports) {
                                writer
                                    .write(timestamp, &frame)
                                    .map_err(|e| file_error(e.to_string()))?;
                                writer.flush().map_err(|e| file_error(e.to_string()))?;
                            }
                        }
                        // Nothing queued: when stopping, everything is written.
                        Ok(None) if stopping.is_some() => break,
                        Ok(None) => {}
                        Err(e) => return Err(e),
                    }
                }
                writer.flush().map_err(|e| file_error(e.to_string()))?;
                Ok(CaptureSummary {
                    frames: writer.frames(),
                    path: request.path.clone(),
                    format,
                    iface: request.iface.clone(),
                })
            })
            .map_err(|e| CaptureError::Read {
                reason: e.to_string(),
            })?;
        Ok(LiveCapture {
            stop,
            thread: Some(thread),
        })
    }

    /// Stops after writing what is still queued, and says what was written.
    pub fn finish(self) -> Result<CaptureSummary, CaptureError> {
        self.stop.store(true, Ordering::SeqCst);
        self.wait()
    }

    /// Waits until the capture ends by itself (its count or duration).
    pub fn wait(mut self) -> Result<CaptureSummary, CaptureError> {
        match self.thread.take() {
            Some(thread) => thread.join().unwrap_or(Err(CaptureError::ThreadPanicked)),
            None => Err(CaptureError::ThreadPanicked),
        }
    }
}

/// A capture dropped without `finish` (its session failed first) still stops
/// and closes its file, instead of capturing on in the background.
impl Drop for LiveCapture {
    fn drop(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.stop.store(true, Ordering::SeqCst);
            let _ = thread.join();
        }
    }
}

/// The names of this machine's interfaces (empty where capture is unavailable).
pub fn interface_names() -> Vec<String> {
    imp::interfaces().into_iter().map(|i| i.name).collect()
}

/// The loopback interface's name (`lo` on Linux, `lo0` on macOS).
pub fn loopback_interface() -> Result<String, CaptureError> {
    imp::interfaces()
        .into_iter()
        .find(|i| i.loopback)
        .map(|i| i.name)
        .ok_or_else(|| need_interface("loopback"))
}

/// The interface that carries traffic to or from `ip`: loopback for a
/// loopback address, else the interface with that address or on its network.
pub fn interface_for(ip: IpAddr) -> Result<String, CaptureError> {
    if ip.is_loopback() {
        return loopback_interface();
    }
    if ip.is_unspecified() {
        return Err(need_interface(&ip.to_string()));
    }
    let all = imp::interfaces();
    all.iter()
        .find(|i| i.addresses.iter().any(|(a, _)| *a == ip))
        .or_else(|| {
            all.iter()
                .find(|i| i.addresses.iter().any(|(_, on_net)| on_net(ip)))
        })
        .map(|i| i.name.clone())
        .ok_or_else(|| need_interface(&ip.to_string()))
}

fn need_interface(addr: &str) -> CaptureError {
    // Windows lists no interface: say capture is not available there rather
    // than offer an empty list to choose from.
    if cfg!(windows) {
        return CaptureError::Unsupported;
    }
    CaptureError::NeedInterface {
        addr: addr.to_string(),
        available: interface_names().join(", "),
    }
}

/// What capture needs to know of an interface.
struct Interface {
    name: String,
    loopback: bool,
    /// Each address, and whether an address is on its network.
    #[allow(clippy::type_complexity)]
    addresses: Vec<(IpAddr, Box<dyn Fn(IpAddr) -> bool>)>,
}

#[cfg(not(windows))]
mod imp {
    use std::io;
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use pnet_datalink::{Channel, Config, DataLinkReceiver, NetworkInterface};

    use super::{CaptureError, Interface, POLL};

    pub(super) fn interfaces() -> Vec<Interface> {
        pnet_datalink::interfaces()
            .into_iter()
            .map(|i| Interface {
                loopback: i.is_loopback(),
                addresses: i
                    .ips
                    .iter()
                    .map(|net| {
                        let net = *net;
                        let f: Box<dyn Fn(std::net::IpAddr) -> bool> =
                            Box::new(move |ip| net.contains(ip));
                        (net.ip(), f)
                    })
                    .collect(),
                name: i.name,
            })
            .collect()
    }

    /// An open datalink channel.
    pub(super) struct Source {
        rx: Box<dyn DataLinkReceiver>,
        /// Linux: the packet socket, asked for each frame's kernel timestamp.
        #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
        fd: Option<i32>,
        #[cfg_attr(target_os = "linux", allow(dead_code))]
        loopback: bool,
    }

    impl Source {
        /// The next frame and when it was read, or `None` when none came for a while.
        pub(super) fn next_frame(&mut self) -> Result<Option<(Duration, Vec<u8>)>, CaptureError> {
            match self.rx.next() {
                Ok(frame) => {
                    let now = kernel_timestamp(self.fd).unwrap_or_else(|| {
                        SystemTime::now()
                            .duration_since(UNIX_EPOCH)
                            .unwrap_or_default()
                    });
                    #[allow(unused_mut)]
                    let mut frame = frame.to_vec();
                    // pnet gives loopback packets of BPF systems a zeroed
                    // Ethernet header: name the protocol so readers decode it.
                    #[cfg(not(target_os = "linux"))]
                    if self.loopback && frame.len() > 14 && frame[12..14] == [0, 0] {
                        let ethertype: [u8; 2] = if frame[14] >> 4 == 6 {
                            [0x86, 0xdd]
                        } else {
                            [0x08, 0x00]
                        };
                        frame[12..14].copy_from_slice(&ethertype);
                    }
                    Ok(Some((now, frame)))
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut
                            | io::ErrorKind::WouldBlock
                            | io::ErrorKind::Interrupted
                    ) =>
                {
                    Ok(None)
                }
                Err(e) => Err(CaptureError::Read {
                    reason: e.to_string(),
                }),
            }
        }
    }

    fn find(name: &str) -> Result<NetworkInterface, CaptureError> {
        let all = pnet_datalink::interfaces();
        all.iter()
            .find(|i| i.name == name)
            .cloned()
            .ok_or_else(|| CaptureError::NoInterface {
                name: name.to_string(),
                available: all
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    pub(super) fn open(name: &str, ports: &[u16]) -> Result<Source, CaptureError> {
        let interface = find(name)?;
        let loopback = interface.is_loopback();
        let failed = |e: io::Error| {
            if e.kind() == io::ErrorKind::PermissionDenied {
                CaptureError::Permission {
                    iface: name.to_string(),
                }
            } else {
                CaptureError::Open {
                    iface: name.to_string(),
                    reason: e.to_string(),
                }
            }
        };
        let fd = socket_fd(loopback, ports).map_err(failed)?;
        let config = Config {
            read_buffer_size: super::SNAPLEN as usize,
            read_timeout: Some(POLL),
            promiscuous: false,
            socket_fd: fd,
            ..Config::default()
        };
        match pnet_datalink::channel(&interface, config) {
            Ok(Channel::Ethernet(_tx, rx)) => Ok(Source { rx, fd, loopback }),
            Ok(_) => Err(CaptureError::NotEthernet {
                iface: name.to_string(),
            }),
            Err(e) => Err(failed(e)),
        }
    }

    /// On Linux, the packet socket is made here so a kernel filter can drop
    /// loopback's second copy of each packet (`not outbound`) and, for one
    /// port, everything else, before pnet binds it to the interface: a busy
    /// loopback then cannot fill the socket's buffer with frames nobody wants.
    /// The filters are what `tcpdump -dd` compiles for
    /// `not outbound and (tcp port N or udp port N)`, with N filled in.
    #[cfg(target_os = "linux")]
    fn socket_fd(loopback: bool, ports: &[u16]) -> io::Result<Option<i32>> {
        use socket2::{Domain, Protocol, Socket, Type};
        use std::os::fd::IntoRawFd;
        const ETH_P_ALL: u16 = 0x0003;
        let socket = Socket::new(
            Domain::PACKET,
            Type::RAW,
            Some(Protocol::from(i32::from(ETH_P_ALL.to_be()))),
        )?;
        let program = kernel_filter(loopback, ports);
        if !program.is_empty() {
            socket.attach_filter(&program)?;
        }
        let fd = socket.into_raw_fd();
        let on: libc::c_int = 1;
        // Room for bursts: 8 MiB, forced past the system's default cap where
        // allowed (capturing needs the same privilege), else as much as allowed.
        let buffer: libc::c_int = 8 << 20;
        // SAFETY: `fd` is the open socket just made; each option value is a
        // c_int that lives across the call, and its size is passed with it.
        unsafe {
            // The kernel stamps each frame when it arrives, so the file holds
            // the real capture times even when frames are read in a burst.
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_TIMESTAMPNS,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
            let size = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
            let ptr = (&buffer as *const libc::c_int).cast();
            if libc::setsockopt(fd, libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, ptr, size) != 0 {
                libc::setsockopt(fd, libc::SOL_SOCKET, libc::SO_RCVBUF, ptr, size);
            }
        }
        Ok(Some(fd))
    }

    /// The classic BPF program for the capture: drop loopback's outbound
    /// copies, and with exactly one port keep only its TCP and UDP frames
    /// (IPv4 and IPv6, unfragmented), whole. Empty means "keep everything".
    #[cfg(target_os = "linux")]
    fn kernel_filter(loopback: bool, ports: &[u16]) -> Vec<socket2::SockFilter> {
        use socket2::SockFilter as F;
        const KEEP: u32 = super::SNAPLEN;
        let mut program = Vec::new();
        if loopback {
            // ldh [type] (ancillary: the packet type); jeq #PACKET_OUTGOING → drop
            let to_drop = if ports.len() == 1 { 21 } else { 1 };
            program.push(F::new(0x28, 0, 0, 0xffff_f004));
            program.push(F::new(0x15, to_drop, 0, 4));
        }
        match ports {
            [port] => {
                let p = u32::from(*port);
                program.extend([
                    F::new(0x28, 0, 0, 12),      // ldh [12]: EtherType
                    F::new(0x15, 0, 7, 0x86dd),  // IPv6?
                    F::new(0x30, 0, 0, 20),      // ldb [20]: next header
                    F::new(0x15, 1, 0, 6),       // TCP
                    F::new(0x15, 0, 16, 17),     // or UDP, else drop
                    F::new(0x28, 0, 0, 54),      // ldh [54]: source port
                    F::new(0x15, 13, 0, p),      // == N → keep
                    F::new(0x28, 0, 0, 56),      // ldh [56]: destination port
                    F::new(0x15, 11, 12, p),     // == N → keep, else drop
                    F::new(0x15, 0, 11, 0x0800), // IPv4?
                    F::new(0x30, 0, 0, 23),      // ldb [23]: protocol
                    F::new(0x15, 1, 0, 6),       // TCP
                    F::new(0x15, 0, 8, 17),      // or UDP, else drop
                    F::new(0x28, 0, 0, 20),      // ldh [20]: fragment offset
                    F::new(0x45, 6, 0, 0x1fff),  // a later fragment → drop
                    F::new(0xb1, 0, 0, 14),      // x = IP header length
                    F::new(0x48, 0, 0, 14),      // ldh [x+14]: source port
                    F::new(0x15, 2, 0, p),       // == N → keep
                    F::new(0x48, 0, 0, 16),      // ldh [x+16]: destination port
                    F::new(0x15, 0, 1, p),       // == N → keep, else drop
                    F::new(0x06, 0, 0, KEEP),    // keep the whole frame
                    F::new(0x06, 0, 0, 0),       // drop
                ]);
            }
            _ if loopback => {
                program.push(F::new(0x06, 0, 0, KEEP));
                program.push(F::new(0x06, 0, 0, 0));
            }
            _ => {}
        }
        program
    }

    #[cfg(not(target_os = "linux"))]
    fn socket_fd(_loopback: bool, _ports: &[u16]) -> io::Result<Option<i32>> {
        Ok(None)
    }

    /// The kernel's arrival time of the frame just read (`SIOCGSTAMPNS`).
    #[cfg(target_os = "linux")]
    fn kernel_timestamp(fd: Option<i32>) -> Option<Duration> {
        const SIOCGSTAMPNS: libc::c_ulong = 0x8907;
        let fd = fd?;
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `fd` is the packet socket pnet reads from and keeps open
        // while this `Source` lives; SIOCGSTAMPNS writes one timespec into `ts`.
        let rc = unsafe { libc::ioctl(fd, SIOCGSTAMPNS as _, &mut ts as *mut libc::timespec) };
        if rc != 0 || ts.tv_sec <= 0 {
            return None;
        }
        Some(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }

    #[cfg(not(target_os = "linux"))]
    fn kernel_timestamp(_fd: Option<i32>) -> Option<Duration> {
        None
    }
}

#[cfg(windows)]
mod imp {
    use std::time::Duration;

    use super::{CaptureError, Interface};

    pub(super) fn interfaces() -> Vec<Interface> {
        Vec::new()
    }

    pub(super) struct Source;

    impl Source {
        pub(super) fn next_frame(&mut self) -> Result<Option<(Duration, Vec<u8>)>, CaptureError> {
            Err(CaptureError::Unsupported)
        }
    }

    pub(super) fn open(_name: &str, _ports: &[u16]) -> Result<Source, CaptureError> {
        Err(CaptureError::Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_chooses_the_format() {
        assert_eq!(
            CaptureFormat::from_path(Path::new("a.pcap")).unwrap(),
            CaptureFormat::Pcap
        );
        assert_eq!(
            CaptureFormat::from_path(Path::new("a.PCAPNG")).unwrap(),
            CaptureFormat::PcapNg
        );
        assert!(matches!(
            CaptureFormat::from_path(Path::new("a.txt")),
            Err(CaptureError::BadExtension { .. })
        ));
    }

    /// An Ethernet/IPv4/TCP frame from port 54000 to 65432 with zeroed MACs,
    /// as loopback carries it.
    fn tcp_frame() -> Vec<u8> {
        let mut f = vec![0u8; 12];
        f.extend_from_slice(&[0x08, 0x00]);
        f.extend_from_slice(&[
            0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
        ]);
        f.extend_from_slice(&54000u16.to_be_bytes());
        f.extend_from_slice(&65432u16.to_be_bytes());
        f.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0]);
        f
    }

    #[test]
    fn the_port_filter_keeps_both_directions_of_a_port() {
        let f = tcp_frame();
        assert_eq!(frame_ports(&f), Some((54000, 65432)));
        assert!(wanted(&f, &[65432]));
        assert!(wanted(&f, &[54000]));
        assert!(!wanted(&f, &[80]));
        assert!(wanted(&f, &[]));
        assert!(!wanted(&[0u8; 10], &[80]));
    }

    #[test]
    fn written_files_have_the_right_headers_and_timestamps() {
        let dir = std::env::temp_dir().join(format!("synack-capture-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ts = Duration::new(1_700_000_000, 123_456_789);
        for name in ["t.pcap", "t.pcapng"] {
            let path = dir.join(name);
            let mut w = FrameWriter::create(&path, "lo").unwrap();
            w.write(ts, &tcp_frame()).unwrap();
            w.flush().unwrap();
            assert_eq!(w.frames(), 1);
            let bytes = std::fs::read(&path).unwrap();
            if name.ends_with("ng") {
                let mut reader = pcap_file::pcapng::PcapNgReader::new(&bytes[..]).unwrap();
                let mut packets = 0;
                while let Some(block) = reader.next_block() {
                    if let pcap_file::pcapng::Block::EnhancedPacket(p) = block.unwrap() {
                        assert_eq!(p.data.as_ref(), &tcp_frame()[..]);
                        packets += 1;
                    }
                }
                assert_eq!(packets, 1);
            } else {
                let mut reader = pcap_file::pcap::PcapReader::new(&bytes[..]).unwrap();
                assert_eq!(reader.header().datalink, DataLink::ETHERNET);
                let p = reader.next_packet().unwrap().unwrap();
                assert_eq!(p.timestamp, Duration::new(1_700_000_000, 123_456_000));
                assert_eq!(p.data.as_ref(), &tcp_frame()[..]);
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
