//! Live capture: the real frames the kernel sent, read on a thread of their
//! own and written as they arrive to a `.pcap` or `.pcapng` file, each with
//! the time it arrived (a real capture, not the simulator's virtual clock).
//!
//! Only the capture thread and the OS back-ends live here; frames are
//! written by `capture::CaptureWriter` and filtered by port with `wire::`.
//!
//! - Linux: an `AF_PACKET` socket (`linux.rs`), read through pnet's datalink
//!   channel. The loopback interface has link type Ethernet with zeroed MAC
//!   addresses, and the kernel hands a packet socket every loopback packet
//!   twice (once leaving, once arriving), so on loopback a kernel filter keeps
//!   only the arriving copy, as tcpdump does.
//! - Other Unix systems: BPF devices, through the same pnet channel
//!   (`datalink.rs`).
//! - Windows: not available ([`CaptureError::Unsupported`]): capture with
//!   Wireshark, then `synack explain` (`unsupported.rs`).
//!
//! Capturing needs the CAP_NET_RAW capability (root); without it
//! [`LiveCapture::start`] fails at once with [`CaptureError::Permission`].
//! The file is flushed after every frame, so it stays readable even when the
//! program is interrupted.

#[cfg(not(windows))]
mod datalink;
mod interfaces;
#[cfg(target_os = "linux")]
mod linux;
#[cfg(windows)]
mod unsupported;

#[cfg(not(windows))]
use datalink as backend;
#[cfg(windows)]
use unsupported as backend;

pub use interfaces::{interface_for, interface_names, loopback_interface};

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::capture::{CaptureFormat, CaptureWriter};
use crate::net::error::CaptureError;
use crate::wire::{self, LinkType};

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

/// The format a capture file's name asks for; a name that says neither
/// `.pcap` nor `.pcapng` is refused before anything starts.
pub fn file_format(path: &Path) -> Result<CaptureFormat, CaptureError> {
    CaptureFormat::from_extension(path).ok_or_else(|| CaptureError::BadExtension {
        path: path.display().to_string(),
    })
}

/// A capture running on its own thread.
pub struct LiveCapture {
    stop: Arc<AtomicBool>,
    /// Taken by `wait`; still here when the capture is dropped unfinished.
    thread: Option<JoinHandle<Result<CaptureSummary, CaptureError>>>,
}

/// After a stop, frames still queued are written for at most this long.
const DRAIN: Duration = Duration::from_millis(500);

impl LiveCapture {
    /// Opens the interface (failing at once without permission), creates the
    /// file, and starts writing frames on a thread. Frames the kernel queues
    /// from now on are kept, even before the thread reads them.
    pub fn start(request: CaptureRequest) -> Result<LiveCapture, CaptureError> {
        let format = file_format(&request.path)?;
        let source = backend::open(&request.iface, &request.ports)?;
        let file = File::create(&request.path).map_err(file_error(&request.path))?;
        let writer = CaptureWriter::live(BufWriter::new(file), format, &request.iface)
            .map_err(file_error(&request.path))?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("live-capture".into())
            .spawn(move || capture(source, writer, format, request, &stop_flag))
            .map_err(|e| CaptureError::Read { source: e })?;
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

/// The capture thread: frames from `source` that pass the port filter go to
/// `writer` until the count, the duration or a stop (then what is queued is
/// drained, for a moment at most).
fn capture(
    mut source: backend::Source,
    mut writer: CaptureWriter<BufWriter<File>>,
    format: CaptureFormat,
    request: CaptureRequest,
    stop: &AtomicBool,
) -> Result<CaptureSummary, CaptureError> {
    let deadline = request.duration.map(|d| Instant::now() + d);
    let mut stopping: Option<Instant> = None;
    let mut frames = 0;
    loop {
        if request.count.is_some_and(|c| frames >= c)
            || deadline.is_some_and(|d| Instant::now() >= d)
            || stopping.is_some_and(|s| s.elapsed() >= DRAIN)
        {
            break;
        }
        if stopping.is_none() && stop.load(Ordering::SeqCst) {
            stopping = Some(Instant::now());
        }
        match source.next_frame()? {
            Some((timestamp, frame)) if wanted(frame, &request.ports) => {
                writer
                    .write(timestamp, frame, None)
                    .map_err(file_error(&request.path))?;
                frames += 1;
            }
            Some(_) => {}
            // Nothing queued: when stopping, everything is written.
            None if stopping.is_some() => break,
            None => {}
        }
    }
    writer.finish().map_err(file_error(&request.path))?;
    Ok(CaptureSummary {
        frames,
        path: request.path,
        format,
        iface: request.iface,
    })
}

/// Whether an Ethernet frame passes the port filter: to or from one of
/// `ports`, or anything when there are none.
fn wanted(frame: &[u8], ports: &[u16]) -> bool {
    ports.is_empty()
        || wire::ports(LinkType::Ethernet, frame)
            .is_some_and(|(s, d)| ports.contains(&s) || ports.contains(&d))
}

fn file_error(path: &Path) -> impl Fn(io::Error) -> CaptureError + '_ {
    move |e| CaptureError::File {
        path: path.display().to_string(),
        source: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_must_say_pcap_or_pcapng() {
        assert_eq!(
            file_format(Path::new("a.PCAPNG")).unwrap(),
            CaptureFormat::PcapNg
        );
        assert!(matches!(
            file_format(Path::new("a.txt")),
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
        assert!(wanted(&f, &[65432]));
        assert!(wanted(&f, &[54000]));
        assert!(!wanted(&f, &[80]));
        assert!(wanted(&f, &[]));
        assert!(!wanted(&[0u8; 10], &[80]));
    }
}
