//! The observer on hand-made captures of what real networks do and lessons
//! never write: segments out of order, a FIN cut by the snap length, an RST
//! that does not acknowledge the SYN.

use synack_test_support as support;

use std::net::SocketAddr;

use support::{stderr, stdout, synack};
use synack::tcp::{Flags, Segment, SeqNumber};
use synack::wire::FrameEncoder;

const CLIENT: &str = "10.0.0.1:40000";
const SERVER: &str = "10.0.0.2:80";

/// One packet: who sends it, seq, ack (0 for none), flags, payload length.
struct Packet(&'static str, u32, u32, Flags, usize);

/// A pcap (microsecond, Ethernet) of `packets`, 1 ms apart, each frame cut
/// to `snap` bytes as a capture with that snap length would keep it.
fn pcap(packets: &[Packet], snap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&(snap as u32).to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    let mut encoder = FrameEncoder::new();
    for (i, Packet(from, seq, ack, flags, len)) in packets.iter().enumerate() {
        let (src, dst): (SocketAddr, SocketAddr) = if *from == "client" {
            (CLIENT.parse().unwrap(), SERVER.parse().unwrap())
        } else {
            (SERVER.parse().unwrap(), CLIENT.parse().unwrap())
        };
        let mut seg = Segment::new(src, dst, SeqNumber(*seq), *flags);
        seg.ack = SeqNumber(*ack);
        seg.window = 65535;
        seg.payload = vec![b'x'; *len].into();
        let frame = encoder.tcp(&seg, i as u16).unwrap();
        let kept = frame.len().min(snap);
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(i as u32 * 1000).to_le_bytes());
        out.extend_from_slice(&(kept as u32).to_le_bytes());
        out.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        out.extend_from_slice(&frame[..kept]);
    }
    out
}

fn handshake() -> Vec<Packet> {
    vec![
        Packet("client", 100, 0, Flags::SYN, 0),
        Packet("server", 500, 101, Flags::SYN | Flags::ACK, 0),
        Packet("client", 101, 501, Flags::ACK, 0),
    ]
}

/// `explain --json` of the capture: (kind, host, detail) per step, where
/// detail is a state's `to` (with its time), a note's name or an error's name.
fn explain(packets: &[Packet], snap: usize, name: &str) -> Vec<(String, String, String)> {
    let dir = std::env::temp_dir().join(format!("synack-observer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pcap"));
    std::fs::write(&file, pcap(packets, snap)).unwrap();
    let out = synack(&["explain", file.to_str().unwrap(), "--json"], b"");
    std::fs::remove_file(&file).unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut detail = ["to", "note", "error", "reason"]
                .iter()
                .find_map(|k| v[k].as_str())
                .unwrap_or_default()
                .to_string();
            if v["kind"] == "state" {
                detail = format!("{detail} at {}", v["t_us"]);
            }
            (
                v["kind"].as_str().unwrap().to_string(),
                v["host"].as_str().unwrap().to_string(),
                detail,
            )
        })
        .filter(|(kind, _, _)| kind != "send" && kind != "deliver")
        .collect()
}

fn has(steps: &[(String, String, String)], kind: &str, host: &str, detail: &str) -> bool {
    steps
        .iter()
        .any(|(k, h, d)| k == kind && h == host && d == detail)
}

/// Notes that measure rather than flag: left out where only flags matter.
const INFORMATIONAL: [&str; 4] = ["relative", "acks", "window-scale", "initial-rtt"];

#[test]
/// Wireshark's rule: old sequence numbers that come within the initial RTT
/// (here 2 ms, SYN to ACK) of the newest are reordered; later, repeated.
fn old_data_within_the_initial_rtt_is_out_of_order_later_a_retransmission() {
    let mut packets = handshake();
    packets.extend([
        Packet("client", 101, 501, Flags::ACK | Flags::PSH, 10),
        Packet("client", 121, 501, Flags::ACK | Flags::PSH, 10),
        Packet("client", 111, 501, Flags::ACK | Flags::PSH, 10),
        // 2 ms after the newest data: the sender repeated itself.
        Packet("client", 111, 501, Flags::ACK | Flags::PSH, 10),
    ]);
    let steps = explain(&packets, 65535, "ooo");
    let notes: Vec<&str> = steps
        .iter()
        .filter(|(k, _, n)| k == "note" && !INFORMATIONAL.contains(&n.as_str()))
        .map(|(_, _, n)| n.as_str())
        .collect();
    // Nothing acknowledged the out-of-order copy before it came again: in
    // hindsight, it never arrived.
    assert_eq!(
        notes,
        [
            "not-captured",
            "out-of-order",
            "lost-after-capture",
            "retransmission"
        ]
    );
}

#[test]
fn a_fin_cut_by_the_snap_length_ends_where_its_bytes_end() {
    let mut packets = handshake();
    packets.extend([
        Packet("server", 501, 101, Flags::FIN | Flags::ACK, 100),
        // Half the data acknowledged: the FIN has not arrived yet.
        Packet("client", 101, 551, Flags::ACK, 0),
        Packet("client", 101, 602, Flags::ACK, 0),
    ]);
    let whole = explain(&packets, 65535, "fin-whole");
    let cut = explain(&packets, 54 + 26, "fin-cut");
    let states = |steps: &[(String, String, String)]| -> Vec<(String, String)> {
        steps
            .iter()
            .filter(|(k, _, _)| k == "state")
            .map(|(_, h, to)| (h.clone(), to.clone()))
            .collect()
    };
    assert_eq!(states(&cut), states(&whole));
    // The client's last ACK (at 5 ms) is the first to cover the FIN.
    assert!(
        has(&whole, "state", "server", "FIN-WAIT-2 at 5000"),
        "{whole:?}"
    );
    assert!(
        has(&whole, "state", "client", "CLOSE-WAIT at 5000"),
        "{whole:?}"
    );
}

#[test]
fn in_syn_sent_only_an_rst_acknowledging_the_syn_refuses() {
    // §3.10.7.3: an RST without an acceptable ACK is dropped.
    let ignored = explain(
        &[
            Packet("client", 100, 0, Flags::SYN, 0),
            Packet("server", 0, 0, Flags::RST, 0),
        ],
        65535,
        "rst-no-ack",
    );
    assert!(
        !has(&ignored, "state", "client", "CLOSED at 1000"),
        "{ignored:?}"
    );
    assert!(
        has(&ignored, "discard", "client", "rst-ignored"),
        "{ignored:?}"
    );
    let refused = explain(
        &[
            Packet("client", 100, 0, Flags::SYN, 0),
            Packet("server", 0, 101, Flags::RST | Flags::ACK, 0),
        ],
        65535,
        "rst-ack",
    );
    assert!(
        has(&refused, "state", "client", "CLOSED at 1000"),
        "{refused:?}"
    );
    assert!(has(&refused, "error", "client", "refused"), "{refused:?}");
}

/// The client closes, the server answers and closes: the client ends in
/// TIME-WAIT having acknowledged the server's FIN (ACK 502).
fn closed_by_the_client() -> Vec<Packet> {
    let mut packets = handshake();
    packets.extend([
        Packet("client", 101, 501, Flags::FIN | Flags::ACK, 0),
        Packet("server", 501, 102, Flags::ACK, 0),
        Packet("server", 501, 102, Flags::FIN | Flags::ACK, 0),
        Packet("client", 102, 502, Flags::ACK, 0),
    ]);
    packets
}

#[test]
fn time_wait_an_rst_outside_the_window_is_ignored() {
    // §3.10.7.4 first check. An RST behind what the client acknowledged (a
    // closed server answering a late segment) or beyond its window.
    for (seq, name) in [(501, "rst-old"), (502 + 70_000, "rst-beyond")] {
        let mut packets = closed_by_the_client();
        packets.push(Packet("server", seq, 0, Flags::RST, 0));
        let steps = explain(&packets, 65535, name);
        assert!(
            has(&steps, "state", "client", "TIME-WAIT at 6000"),
            "{steps:?}"
        );
        assert!(
            !has(&steps, "state", "client", "CLOSED at 7000"),
            "{steps:?}"
        );
        assert!(has(&steps, "discard", "client", "rst-ignored"), "{steps:?}");
    }
    // The one RST at RCV.NXT is taken.
    let mut packets = closed_by_the_client();
    packets.push(Packet("server", 502, 0, Flags::RST, 0));
    let steps = explain(&packets, 65535, "rst-exact");
    assert!(
        has(&steps, "state", "client", "CLOSED at 7000"),
        "{steps:?}"
    );
}

#[test]
fn syn_sent_the_same_syn_again_after_the_rst_is_a_retransmission_not_a_new_connection() {
    // The SYN went again before the RST reached the client: same ISN.
    let steps = explain(
        &[
            Packet("client", 100, 0, Flags::SYN, 0),
            Packet("server", 0, 101, Flags::RST | Flags::ACK, 0),
            Packet("client", 100, 0, Flags::SYN, 0),
            Packet("server", 0, 101, Flags::RST | Flags::ACK, 0),
        ],
        65535,
        "syn-again",
    );
    let states: Vec<&str> = steps
        .iter()
        .filter(|(k, h, _)| k == "state" && h == "client")
        .map(|(_, _, to)| to.as_str())
        .collect();
    assert_eq!(states, ["SYN-SENT at 0", "CLOSED at 1000"], "{steps:?}");
    assert!(has(&steps, "note", "client", "retransmission"), "{steps:?}");
}
