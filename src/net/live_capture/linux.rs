//! The Linux back-end's own part: an `AF_PACKET` socket made here, with a
//! kernel filter, a large buffer and kernel timestamps, then handed to pnet's
//! datalink channel to read from.

use std::io;
use std::time::Duration;

use crate::capture::SNAPLEN;

/// On Linux, the packet socket is made here so a kernel filter can drop
/// loopback's second copy of each packet (`not outbound`) and, for one
/// port, everything else, before pnet binds it to the interface: a busy
/// loopback then cannot fill the socket's buffer with frames nobody wants.
/// The filters are what `tcpdump -dd` compiles for
/// `not outbound and (tcp port N or udp port N)`, with N filled in.
pub(super) fn socket_fd(loopback: bool, ports: &[u16]) -> io::Result<Option<i32>> {
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
fn kernel_filter(loopback: bool, ports: &[u16]) -> Vec<socket2::SockFilter> {
    use socket2::SockFilter as F;
    const KEEP: u32 = SNAPLEN;
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

/// The kernel's arrival time of the frame just read (`SIOCGSTAMPNS`).
pub(super) fn kernel_timestamp(fd: Option<i32>) -> Option<Duration> {
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
