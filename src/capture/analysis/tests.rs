//! Each rule of the analysis on a small hand-made conversation. Direction 0
//! is the client (ISN 1000), direction 1 the server (ISN 5000); times are
//! in milliseconds.

use super::*;
use crate::tcp::Flags;

struct Talk {
    an: Analyzer,
    frame: u32,
}

impl Talk {
    /// After a handshake with a 2 ms initial RTT and windows of 1000 bytes.
    fn new() -> Talk {
        let mut t = Talk {
            an: Analyzer::default(),
            frame: 0,
        };
        t.send(0, 0, 1000, 0, Flags::SYN, 1000, 0);
        t.send(1, 1, 5000, 1001, Flags::SYN | Flags::ACK, 1000, 0);
        t.send(0, 2, 1001, 5001, Flags::ACK, 1000, 0);
        t
    }

    #[allow(clippy::too_many_arguments)]
    fn send(
        &mut self,
        dir: usize,
        ms: u64,
        seq: u32,
        ack: u32,
        flags: Flags,
        window: u16,
        len: u32,
    ) -> Analysis {
        self.frame += 1;
        let mut seg = Segment::new(
            "10.0.0.1:40000".parse().unwrap(),
            "10.0.0.2:80".parse().unwrap(),
            SeqNumber(seq),
            flags,
        );
        seg.ack = SeqNumber(ack);
        seg.window = window;
        let t = Instant::ZERO + Duration::from_millis(ms);
        let seen = Seen {
            frame: self.frame,
            t,
            seg: &seg,
            len,
        };
        let a = self.an.analyse(dir, &seen);
        self.an.syn_time(&seg, t);
        a
    }

    fn data(&mut self, ms: u64, seq: u32, len: u32) -> Analysis {
        self.send(0, ms, seq, 5001, Flags::ACK | Flags::PSH, 1000, len)
    }

    fn ack(&mut self, ms: u64, ack: u32, window: u16) -> Analysis {
        self.send(1, ms, 5001, ack, Flags::ACK, window, 0)
    }
}

#[test]
fn the_handshake_measures_the_initial_rtt_from_syn_to_its_last_ack() {
    let t = Talk::new();
    assert_eq!(t.an.initial_rtt(), Some(Duration::from_millis(2)));
}

#[test]
fn the_third_duplicate_ack_counts_three_and_names_the_ack_it_repeats() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.data(10, 1101, 100);
    t.data(10, 1201, 100);
    let first = t.ack(11, 1101, 1000);
    assert!(!first.flags.has(Flags16::DUPLICATE_ACK));
    let original = t.frame;
    let counts: Vec<Option<(u32, u32)>> =
        (0..3).map(|i| t.ack(12 + i, 1101, 1000).dup_ack).collect();
    assert_eq!(
        counts,
        [
            Some((1, original)),
            Some((2, original)),
            Some((3, original))
        ]
    );
}

#[test]
fn resent_within_20_ms_of_the_duplicate_acks_that_asked_is_a_fast_retransmission() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.data(10, 1101, 100);
    t.data(10, 1201, 100);
    t.ack(11, 1101, 1000);
    t.ack(12, 1101, 1000);
    t.ack(12, 1101, 1000);
    t.ack(13, 1101, 1000);
    let a = t.data(14, 1101, 100);
    assert!(a.flags.has(Flags16::FAST_RETRANSMISSION), "{:?}", a.flags);
    let resent = a.resent.unwrap();
    assert_eq!(resent.original, Some(5));
    assert_eq!(resent.gaps, [Duration::from_millis(4)]);
    // The first copy was never acknowledged: it was lost.
    assert_eq!(a.lost, Some((5, LossEvidence::Resent { frame: t.frame })));
}

#[test]
fn the_same_bytes_again_and_again_tell_the_timer_s_backoff() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    let gaps: Vec<Duration> = [210, 610, 1410]
        .into_iter()
        .map(|ms| t.data(ms, 1001, 100).resent.unwrap())
        .last()
        .map(|r| r.gaps)
        .unwrap();
    assert_eq!(
        gaps,
        [200, 400, 800].map(Duration::from_millis).to_vec(),
        "the gaps between sends double"
    );
}

#[test]
fn old_bytes_within_the_initial_rtt_of_the_newest_are_out_of_order() {
    let mut t = Talk::new();
    t.data(10, 1101, 100);
    let a = t.data(11, 1001, 100);
    assert!(a.flags.has(Flags16::OUT_OF_ORDER));
    assert!(a.resent.is_none());
    // The jump before it was a segment not captured.
    let mut t = Talk::new();
    let a = t.data(10, 1101, 100);
    assert!(a.flags.has(Flags16::LOST_SEGMENT));
    assert_eq!(a.missing, 100);
}

#[test]
fn bytes_already_acknowledged_sent_again_are_a_spurious_retransmission() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.ack(11, 1101, 1000);
    let a = t.data(300, 1001, 100);
    assert!(a.flags.has(Flags16::SPURIOUS_RETRANSMISSION));
    // Well after the bare ACK that covered them: that ACK never arrived.
    assert_eq!(
        a.lost,
        Some((5, LossEvidence::PeerResent { frame: t.frame }))
    );
}

#[test]
fn one_byte_below_the_next_is_a_keep_alive_and_its_answer_a_keep_alive_ack() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.ack(11, 1101, 1000);
    let ka = t.send(0, 7011, 1100, 5001, Flags::ACK, 1000, 0);
    assert!(ka.flags.has(Flags16::KEEP_ALIVE));
    assert!(!ka.flags.has(Flags16::RETRANSMISSION));
    assert_eq!(ka.keep_alive_since, Some(Duration::from_millis(7001)));
    let answer = t.ack(7012, 1101, 1000);
    assert!(answer.flags.has(Flags16::KEEP_ALIVE_ACK));
    assert!(!answer.flags.has(Flags16::DUPLICATE_ACK));
}

#[test]
fn a_closed_window_is_probed_one_byte_at_a_time_and_the_probe_is_answered() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    let zero = t.ack(11, 1101, 0);
    assert!(zero.flags.has(Flags16::ZERO_WINDOW));
    let probe = t.data(211, 1101, 1);
    assert!(probe.flags.has(Flags16::ZERO_WINDOW_PROBE));
    assert_eq!(probe.probe, Some((1, Some(Duration::from_millis(200)))));
    let answer = t.ack(212, 1101, 0);
    assert!(answer.flags.has(Flags16::ZERO_WINDOW_PROBE_ACK));
    let again = t.data(612, 1101, 1);
    assert_eq!(again.probe, Some((2, Some(Duration::from_millis(401)))));
    // The window opens: a window update, and the probe byte is sent as data.
    let open = t.ack(700, 1101, 1000);
    assert!(open.flags.has(Flags16::WINDOW_UPDATE));
    assert_eq!(open.window_bytes, 1000);
}

#[test]
fn data_up_to_the_edge_of_the_window_fills_it() {
    let mut t = Talk::new();
    t.ack(3, 1001, 300);
    t.data(10, 1001, 200);
    let a = t.data(10, 1201, 100);
    assert!(a.flags.has(Flags16::WINDOW_FULL));
    assert_eq!(a.window_bytes, 300);
}

#[test]
fn an_ack_past_everything_seen_acknowledges_an_unseen_segment() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    let a = t.ack(11, 1301, 1000);
    assert!(a.flags.has(Flags16::ACK_LOST_SEGMENT));
    assert_eq!(a.unseen, 200);
}

#[test]
fn window_scaling_is_on_only_when_both_syns_offer_it() {
    let mut an = Analyzer::default();
    let mut syn = Segment::new(
        "10.0.0.1:1".parse().unwrap(),
        "10.0.0.2:2".parse().unwrap(),
        SeqNumber(1),
        Flags::SYN,
    );
    syn.options.window_scale = Some(7);
    let at = |ms| Instant::ZERO + Duration::from_millis(ms);
    an.analyse(
        0,
        &Seen {
            frame: 1,
            t: at(0),
            seg: &syn,
            len: 0,
        },
    );
    let mut synack = syn.clone();
    synack.flags = Flags::SYN | Flags::ACK;
    synack.options.window_scale = Some(2);
    an.analyse(
        1,
        &Seen {
            frame: 2,
            t: at(1),
            seg: &synack,
            len: 0,
        },
    );
    assert_eq!(an.shifts(), Some([7, 2]));
    synack.options.window_scale = None;
    let mut off = Analyzer::default();
    off.analyse(
        0,
        &Seen {
            frame: 1,
            t: at(0),
            seg: &syn,
            len: 0,
        },
    );
    off.analyse(
        1,
        &Seen {
            frame: 2,
            t: at(1),
            seg: &synack,
            len: 0,
        },
    );
    assert_eq!(off.shifts(), None);
}

#[test]
fn one_byte_below_next_that_the_peer_has_not_acknowledged_is_resent_not_a_keep_alive() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.data(11, 1101, 1);
    t.ack(12, 1101, 1000);
    // Byte 1101 again: Wireshark's keep-alive shape, but the peer's last
    // ACK still asks for it.
    let a = t.data(300, 1101, 1);
    assert!(!a.flags.has(Flags16::KEEP_ALIVE));
    let resent = a.resent.expect("a retransmission");
    assert_eq!(
        resent.overrides,
        Some(Override::NotYetAcked {
            ack: SeqNumber(1101)
        })
    );
}

#[test]
fn one_byte_below_next_already_acknowledged_is_a_keep_alive() {
    let mut t = Talk::new();
    t.data(10, 1001, 100);
    t.data(11, 1101, 1);
    t.ack(12, 1102, 1000);
    let a = t.data(300, 1101, 1);
    assert!(a.flags.has(Flags16::KEEP_ALIVE));
    assert!(a.resent.is_none());
}
