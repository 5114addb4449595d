//! Frames captured from the Linux stack on loopback (a `nc` connection, with
//! tcpdump): synack must read them exactly, and write the same TCP headers.

use synack::tcp::{Flags, SeqNumber, Timestamps};
use synack::wire::ipv4::Ipv4Packet;
use synack::wire::{FrameEncoder, LinkType, Packet, decode_frame, ports};

/// SYN, SYN,ACK, ACK of a real handshake 127.0.0.1:40784 → 127.0.0.1:47001.
const SYN: &str = "00000000000000000000000008004500003c11dd400040062add7f0000017f0000019f50b7991f30f31d00000000a002ffd7fe3000000204ffd70402080a8774fccd000000000103030a";
const SYN_ACK: &str = "00000000000000000000000008004500003c0000400040063cba7f0000017f000001b7999f50fb7ae4de1f30f31ea012ffcbfe3000000204ffd70402080acae72b518774fccd0103030a";
const ACK: &str = "00000000000000000000000008004500003411de400040062ae47f0000017f0000019f50b7991f30f31efb7ae4df80100040fe2800000101080a8774fccecae72b51";

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn tcp(frame: &[u8]) -> synack::wire::TcpFrame {
    match decode_frame(LinkType::Ethernet, frame).unwrap() {
        Packet::Tcp(t) => t,
        other => panic!("expected TCP, got {other:?}"),
    }
}

#[test]
fn linux_syn_is_read_field_by_field() {
    let t = tcp(&hex(SYN));
    let s = &t.segment;
    assert_eq!(s.src.to_string(), "127.0.0.1:40784");
    assert_eq!(s.dst.to_string(), "127.0.0.1:47001");
    assert_eq!(s.seq, SeqNumber(0x1f30f31d));
    assert_eq!(s.flags, Flags::SYN);
    assert_eq!(s.window, 65495);
    assert_eq!(s.options.mss, Some(65495));
    assert!(s.options.sack_permitted);
    assert_eq!(s.options.window_scale, Some(10));
    assert_eq!(
        s.options.timestamps,
        Some(Timestamps {
            value: 0x8774fccd,
            echo_reply: 0
        })
    );
    // On loopback the kernel leaves the checksum to "offload" that never happens,
    // so its own capture shows a partial checksum: reported, not fatal.
    assert_eq!(t.checksum_ok, Some(false));
}

#[test]
fn linux_syn_ack_and_ack_follow_the_handshake() {
    let syn = tcp(&hex(SYN)).segment;
    let syn_ack = tcp(&hex(SYN_ACK)).segment;
    let ack = tcp(&hex(ACK)).segment;
    assert_eq!(syn_ack.flags, Flags::SYN | Flags::ACK);
    assert_eq!(syn_ack.ack, syn.seq + 1);
    assert_eq!(ack.flags, Flags::ACK);
    assert_eq!(ack.seq, syn.seq + 1);
    assert_eq!(ack.ack, syn_ack.seq + 1);
    assert_eq!(
        ack.options.timestamps.map(|t| t.echo_reply),
        Some(0xcae72b51)
    );
}

#[test]
fn synack_writes_the_same_tcp_headers_as_linux() {
    for frame in [SYN, SYN_ACK, ACK] {
        let original = hex(frame);
        let seg = tcp(&original).segment;
        let mut enc = FrameEncoder::new();
        let ours = enc.tcp(&seg, 0).unwrap().to_vec();
        let tcp_start = 14 + 20;
        let mut theirs = original[tcp_start..].to_vec();
        let mut mine = ours[tcp_start..].to_vec();
        assert_eq!(mine.len(), theirs.len(), "header length (options) differs");
        // Linux's checksum here is a partial one; ours is complete. Compare the rest.
        theirs[16..18].fill(0);
        mine[16..18].fill(0);
        assert_eq!(mine, theirs);
    }
}

#[test]
fn synack_writes_the_same_ipv4_headers_as_linux() {
    for frame in [SYN, SYN_ACK, ACK] {
        let original = hex(frame);
        let linux = Ipv4Packet::new_checked(&original[14..]).unwrap();
        // Linux fills in the IPv4 checksum itself, even on loopback.
        assert!(linux.verify_checksum());
        let seg = tcp(&original).segment;
        let mut enc = FrameEncoder::new();
        let ours = enc.tcp(&seg, linux.ident()).unwrap().to_vec();
        assert_eq!(ours[14..34], original[14..34]);
    }
}

#[test]
fn the_capture_port_filter_reads_linux_frames() {
    assert_eq!(ports(LinkType::Ethernet, &hex(SYN)), Some((40784, 47001)));
    assert_eq!(
        ports(LinkType::Ethernet, &hex(SYN_ACK)),
        Some((47001, 40784))
    );
}
