//! The three protocols' state machines, driven by hand, one rule per test:
//! named `<machine>_<event>_<outcome>`, each reads like a line of the textbook.

use std::time::Duration;

use bytes::Bytes;

use synack::rdt::handshake::Proposal;
use synack::rdt::mode::Mode;
use synack::rdt::packet::{Kind, Packet};
use synack::rdt::proto::{self, Config, DiscardReason, Event, Machine, Output};
use synack::time::Instant;

const TIMEOUT: Duration = Duration::from_millis(100);

fn config(mode: Mode, window: u16, bits: u8, max_size: usize) -> Config {
    let agreement = Proposal {
        mode,
        max_size,
        window: Some(window),
        seq_bits: Some(bits),
        secure: false,
    }
    .agree(false, false)
    .unwrap();
    Config::new(agreement, TIMEOUT)
}

fn at(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

/// A sender with `messages` handed over and its outputs drained at time 0.
fn sender(mode: Mode, window: u16, bits: u8, messages: &[&'static str]) -> (Machine, Vec<Output>) {
    let mut m = proto::sender(config(mode, window, bits, 4));
    for msg in messages {
        m.send(Bytes::from_static(msg.as_bytes()));
    }
    let out = drain(&mut m, 0);
    (m, out)
}

/// Every output the machine has at `ms`.
fn drain(m: &mut Machine, ms: u64) -> Vec<Output> {
    std::iter::from_fn(|| m.poll_output(at(ms))).collect()
}

/// The timers due at `ms` fire; what they send.
fn timeout(m: &mut Machine, ms: u64) -> Vec<Output> {
    m.handle_timeout(at(ms));
    drain(m, ms)
}

fn receiver(mode: Mode, window: u16, bits: u8) -> Machine {
    proto::receiver(config(mode, window, bits, 4))
}

/// The packets among the outputs: `(kind, seq, retransmission)`.
fn sent(out: &[Output]) -> Vec<(Kind, u16, bool)> {
    out.iter()
        .filter_map(|o| match o {
            Output::Transmit(t) => Some((t.packet.kind, t.packet.seq, t.retransmission)),
            Output::Event(_) => None,
        })
        .collect()
}

fn events(out: &[Output]) -> Vec<Event> {
    out.iter()
        .filter_map(|o| match o {
            Output::Event(e) => Some(e.clone()),
            Output::Transmit(_) => None,
        })
        .collect()
}

fn delivered(out: &[Output]) -> Vec<Bytes> {
    events(out)
        .into_iter()
        .filter_map(|e| match e {
            Event::Deliver { message, .. } => Some(message),
            _ => None,
        })
        .collect()
}

fn on(m: &mut Machine, ms: u64, p: Packet) -> Vec<Output> {
    m.handle_packet(at(ms), &p);
    timeout(m, ms)
}

fn data(seq: u16, text: &'static str, end: bool) -> Packet {
    Packet::data(seq, Bytes::from_static(text.as_bytes()), end)
}

const CORRUPT: DiscardReason = DiscardReason::Corrupt {
    carried: 1,
    computed: 2,
};

// Stop-and-wait.

#[test]
fn saw_sender_sends_one_packet_and_waits_for_its_ack() {
    let (mut m, out) = sender(Mode::StopAndWait, 1, 1, &["abcdef"]);
    assert_eq!(sent(&out), [(Kind::Data, 0, false)]);
    assert_eq!(m.poll_timeout(), Some(at(100)));
    let out = on(&mut m, 20, Packet::ack(0));
    assert_eq!(sent(&out), [(Kind::Data, 1, false)]);
    let out = on(&mut m, 40, Packet::ack(1));
    assert!(sent(&out).is_empty());
    assert!(m.is_idle());
}

#[test]
fn saw_sender_nak_resends_at_once_with_the_same_number() {
    let (mut m, _) = sender(Mode::StopAndWait, 1, 1, &["ab"]);
    let out = on(&mut m, 20, Packet::nak(0));
    assert_eq!(sent(&out), [(Kind::Data, 0, true)]);
    assert_eq!(m.poll_timeout(), Some(at(120)), "the timer restarts");
}

#[test]
fn saw_sender_gives_up_when_every_try_is_naked() {
    // A channel that damages every packet: NAK after NAK. Each resend counts
    // as a try, as a timeout does, so the sender stops after its retries.
    let (mut m, _) = sender(Mode::StopAndWait, 1, 1, &["ab"]);
    let retries = proto::DEFAULT_RETRIES as usize;
    let mut resent = 0;
    for i in 0..retries + 5 {
        let out = on(&mut m, 20 + i as u64, Packet::nak(0));
        resent += sent(&out).len();
        if events(&out)
            .iter()
            .any(|e| matches!(e, Event::GaveUp { .. }))
        {
            break;
        }
    }
    assert_eq!(resent, retries);
    assert!(m.gave_up());
    // An ACK in time resets the count.
    let (mut m, _) = sender(Mode::StopAndWait, 1, 1, &["ab", "cd"]);
    for i in 0..retries {
        on(&mut m, 20 + i as u64, Packet::nak(0));
    }
    on(&mut m, 50, Packet::ack(0));
    let out = on(&mut m, 60, Packet::nak(1));
    assert_eq!(sent(&out), [(Kind::Data, 1, true)]);
    assert!(!m.gave_up());
}

#[test]
fn saw_sender_timeout_resends_and_an_old_ack_is_ignored() {
    let (mut m, _) = sender(Mode::StopAndWait, 1, 1, &["ab", "cd"]);
    let out = timeout(&mut m, 100);
    assert_eq!(sent(&out), [(Kind::Data, 0, true)]);
    on(&mut m, 110, Packet::ack(0));
    let out = on(&mut m, 115, Packet::ack(0));
    assert!(matches!(
        events(&out)[..],
        [Event::Discard {
            reason: DiscardReason::DuplicateAck,
            ..
        }]
    ));
}

#[test]
fn saw_receiver_corrupt_packet_gets_a_nak_for_the_expected_number() {
    let mut r = receiver(Mode::StopAndWait, 1, 1);
    on(&mut r, 0, data(0, "a", true));
    r.handle_damaged(at(5), CORRUPT);
    let out = drain(&mut r, 5);
    assert_eq!(sent(&out), [(Kind::Nak, 1, false)]);
}

#[test]
fn saw_receiver_duplicate_is_acked_again_not_delivered_again() {
    let mut r = receiver(Mode::StopAndWait, 1, 1);
    let first = on(&mut r, 0, data(0, "a", true));
    assert_eq!(delivered(&first), [Bytes::from_static(b"a")]);
    let again = on(&mut r, 5, data(0, "a", true));
    assert!(delivered(&again).is_empty());
    assert_eq!(sent(&again), [(Kind::Ack, 0, false)]);
}

// Go-Back-N.

#[test]
fn gbn_sender_fills_its_window_then_waits() {
    let (m, out) = sender(Mode::GoBackN, 3, 3, &["aaaabbbbccccdddd"]);
    assert_eq!(
        sent(&out),
        [
            (Kind::Data, 0, false),
            (Kind::Data, 1, false),
            (Kind::Data, 2, false)
        ]
    );
    assert!(!m.is_idle());
}

#[test]
fn gbn_sender_cumulative_ack_slides_past_several_packets() {
    let (mut m, _) = sender(Mode::GoBackN, 3, 3, &["aaaabbbbccccddddeeee"]);
    let out = on(&mut m, 20, Packet::ack(1));
    assert!(matches!(
        events(&out)[0],
        Event::Acked {
            seq: 1,
            slid: true,
            ..
        }
    ));
    assert_eq!(sent(&out), [(Kind::Data, 3, false), (Kind::Data, 4, false)]);
}

#[test]
fn gbn_sender_timeout_resends_every_unacknowledged_packet() {
    let (mut m, _) = sender(Mode::GoBackN, 3, 3, &["aaaabbbbcccc"]);
    on(&mut m, 20, Packet::ack(0));
    let out = timeout(&mut m, 120);
    assert_eq!(sent(&out), [(Kind::Data, 1, true), (Kind::Data, 2, true)]);
}

#[test]
fn gbn_receiver_out_of_order_is_dropped_and_the_last_ack_repeated() {
    let mut r = receiver(Mode::GoBackN, 4, 3);
    on(&mut r, 0, data(0, "a", false));
    let out = on(&mut r, 1, data(2, "c", true));
    assert!(delivered(&out).is_empty());
    assert_eq!(sent(&out), [(Kind::Ack, 0, false)]);
    assert!(matches!(
        events(&out)[..],
        [Event::Discard {
            reason: DiscardReason::OutOfOrder { expected: 1 },
            ..
        }]
    ));
}

#[test]
fn gbn_receiver_before_anything_acks_the_number_before_zero() {
    let mut r = receiver(Mode::GoBackN, 4, 3);
    let out = on(&mut r, 0, data(1, "b", true));
    assert_eq!(sent(&out), [(Kind::Ack, 7, false)]);
}

// Selective Repeat.

#[test]
fn sr_sender_ack_of_a_later_packet_does_not_slide_the_window() {
    let (mut m, _) = sender(Mode::SelectiveRepeat, 3, 3, &["aaaabbbbcccc"]);
    let out = on(&mut m, 20, Packet::ack(1));
    assert!(matches!(
        events(&out)[..],
        [
            Event::TimerStop { seq: 1 },
            Event::Acked {
                seq: 1,
                slid: false,
                ..
            }
        ]
    ));
    assert!(sent(&out).is_empty());
}

#[test]
fn sr_sender_timeout_resends_only_that_packet() {
    let (mut m, _) = sender(Mode::SelectiveRepeat, 3, 3, &["aaaabbbbcccc"]);
    on(&mut m, 20, Packet::ack(0));
    on(&mut m, 20, Packet::ack(2));
    let out = timeout(&mut m, 100);
    assert_eq!(sent(&out), [(Kind::Data, 1, true)]);
}

#[test]
fn sr_receiver_buffers_early_packets_and_delivers_in_order_once_the_gap_fills() {
    let mut r = receiver(Mode::SelectiveRepeat, 4, 3);
    let out = on(&mut r, 0, data(1, "b", false));
    assert_eq!(sent(&out), [(Kind::Ack, 1, false)]);
    assert!(matches!(events(&out)[0], Event::Buffered { seq: 1, .. }));
    on(&mut r, 1, data(2, "c", true));
    let out = on(&mut r, 2, data(0, "a", false));
    assert_eq!(delivered(&out), [Bytes::from_static(b"abc")]);
    assert!(
        events(&out)
            .iter()
            .any(|e| matches!(e, Event::ReceiveWindow { window } if window.base == 3))
    );
}

#[test]
fn sr_receiver_an_old_packet_is_acked_again_and_one_beyond_the_window_ignored() {
    // Window 2 of 8 numbers: 1 and 2 are in it, 7 and 0 just behind it.
    let mut r = receiver(Mode::SelectiveRepeat, 2, 3);
    on(&mut r, 0, data(0, "a", true));
    let out = on(&mut r, 1, data(0, "a", true));
    assert_eq!(sent(&out), [(Kind::Ack, 0, false)]);
    assert!(delivered(&out).is_empty());
    let out = on(&mut r, 2, data(5, "f", true));
    assert!(sent(&out).is_empty());
    assert!(matches!(
        events(&out)[..],
        [Event::Discard {
            reason: DiscardReason::OutsideWindow,
            ..
        }]
    ));
}

#[test]
fn every_sender_gives_up_after_its_retries() {
    for mode in Mode::ALL {
        let mut c = config(mode, 1, 1, 4);
        c.max_retries = 3;
        let mut m = proto::sender(c);
        m.send(Bytes::from_static(b"x"));
        let mut out = Vec::new();
        let mut t = 0;
        while let Some(next) = m.poll_timeout().or(Some(at(t))) {
            t = next.micros() / 1000;
            out.extend(timeout(&mut m, t));
            if m.gave_up() || t > 10_000 {
                break;
            }
        }
        assert!(m.gave_up(), "{mode}");
        assert_eq!(sent(&out).len(), 4, "{mode}: the first try and 3 more");
        assert!(m.is_idle() && m.poll_timeout().is_none());
    }
}

#[test]
fn receivers_treat_a_packet_longer_than_agreed_as_damaged() {
    // Every receiver here agreed to at most 4 data bytes per packet.
    for (mode, window) in [
        (Mode::StopAndWait, 1),
        (Mode::GoBackN, 4),
        (Mode::SelectiveRepeat, 4),
    ] {
        let mut r = receiver(mode, window, 3);
        let out = on(&mut r, 10, data(0, "abcde", true));
        assert!(delivered(&out).is_empty(), "{mode:?}");
        assert!(
            events(&out).iter().any(|e| matches!(
                e,
                Event::Discard {
                    reason: DiscardReason::Malformed,
                    ..
                }
            )),
            "{mode:?}: {:?}",
            events(&out)
        );
        // The same bytes cut to size are taken.
        let out = on(&mut r, 20, data(0, "abcd", true));
        assert_eq!(delivered(&out), [Bytes::from_static(b"abcd")], "{mode:?}");
    }
}
