//! The back-end of Unix systems: pnet's datalink channel (an `AF_PACKET`
//! socket on Linux, made in `linux.rs`; a BPF device elsewhere).

use std::io;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pnet_datalink::{Channel, Config, DataLinkReceiver, NetworkInterface};

use crate::capture::SNAPLEN;
use crate::net::error::CaptureError;
use crate::wire::ETHERNET_HEADER;
use crate::wire::ethernet::{ETHERTYPE_IPV4, ETHERTYPE_IPV6, EthernetFrame};

use super::interfaces::Interface;

/// How often the capture thread looks at its stop flag when no frame comes.
const POLL: Duration = Duration::from_millis(100);

#[cfg(target_os = "linux")]
use super::linux::{kernel_timestamp, socket_fd};

/// Elsewhere pnet opens the BPF device itself.
#[cfg(not(target_os = "linux"))]
fn socket_fd(_loopback: bool, _ports: &[u16]) -> io::Result<Option<i32>> {
    Ok(None)
}

#[cfg(not(target_os = "linux"))]
fn kernel_timestamp(_fd: Option<i32>) -> Option<Duration> {
    None
}

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
    fd: Option<i32>,
    /// BPF systems: loopback frames are rewritten in `frame` (see `name_protocol`).
    loopback: bool,
    frame: Vec<u8>,
}

impl Source {
    /// The next frame and when it arrived, or `None` when none came for a while.
    pub(super) fn next_frame(&mut self) -> Result<Option<(Duration, &[u8])>, CaptureError> {
        match self.rx.next() {
            Ok(frame) => {
                let at = kernel_timestamp(self.fd).unwrap_or_else(|| {
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .unwrap_or_default()
                });
                if cfg!(target_os = "linux") || !self.loopback {
                    return Ok(Some((at, frame)));
                }
                self.frame.clear();
                self.frame.extend_from_slice(frame);
                name_protocol(&mut self.frame);
                Ok(Some((at, &self.frame)))
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
            Err(e) => Err(CaptureError::Read { source: e }),
        }
    }
}

/// pnet gives loopback packets of BPF systems a zeroed Ethernet header:
/// name the protocol, from the IP version, so readers decode it.
fn name_protocol(frame: &mut [u8]) {
    let Some(first) = frame.get(ETHERNET_HEADER).copied() else {
        return;
    };
    let Ok(mut eth) = EthernetFrame::new_checked(frame) else {
        return;
    };
    if eth.ethertype() == 0 {
        let ethertype = if first >> 4 == 6 {
            ETHERTYPE_IPV6
        } else {
            ETHERTYPE_IPV4
        };
        eth.set_ethertype(ethertype);
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
                source: e,
            }
        }
    };
    let fd = socket_fd(loopback, ports).map_err(failed)?;
    let config = Config {
        read_buffer_size: SNAPLEN as usize,
        read_timeout: Some(POLL),
        promiscuous: false,
        socket_fd: fd,
        ..Config::default()
    };
    match pnet_datalink::channel(&interface, config) {
        Ok(Channel::Ethernet(_tx, rx)) => Ok(Source {
            rx,
            fd,
            loopback,
            frame: Vec::new(),
        }),
        Ok(_) => Err(CaptureError::NotEthernet {
            iface: name.to_string(),
        }),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zeroed_loopback_header_gets_the_ip_versions_ethertype() {
        for (version, ethertype) in [(0x45, [0x08, 0x00]), (0x60, [0x86, 0xdd])] {
            let mut frame = [0u8; 15];
            frame[14] = version;
            name_protocol(&mut frame);
            assert_eq!(frame[12..14], ethertype);
        }
        let mut arp = [0u8; 15];
        arp[12..14].copy_from_slice(&[0x08, 0x06]);
        name_protocol(&mut arp);
        assert_eq!(arp[12..14], [0x08, 0x06]);
        let mut bare = [0u8; 14];
        name_protocol(&mut bare);
        assert_eq!(bare, [0u8; 14]);
    }
}
