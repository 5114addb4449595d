//! Property tests of the three protocols in the simulator: over seeds, fault
//! rates up to 30 %, windows and small sequence spaces (so numbers wrap),
//! every protocol delivers exactly the messages sent, in order, once; no
//! window ever holds more than its size; sequence numbers count modulo 2^bits.

use std::time::Duration;

use bytes::Bytes;
use proptest::prelude::*;

use synack::narrate::Lang;
use synack::rdt::fault::FaultConfig;
use synack::rdt::handshake::Proposal;
use synack::rdt::mode::Mode;
use synack::rdt::packet::Kind;
use synack::rdt::proto::Event;
use synack::rdt::secure::Psk;
use synack::rdt::sim::{self, SimSetup};
use synack::rdt::trace::{Host, RdtKind, RdtMeta, RdtStep};

fn meta() -> RdtMeta {
    RdtMeta {
        title: String::new(),
        summary: String::new(),
        client: "10.0.0.1:40000".parse().unwrap(),
        server: "10.0.0.2:5000".parse().unwrap(),
        latency: Some(Duration::from_millis(10)),
        timeout: Duration::from_millis(60),
    }
}

#[derive(Clone, Debug)]
struct Case {
    mode: Mode,
    window: u16,
    bits: u8,
    max_size: usize,
    faults: FaultConfig,
    messages: Vec<Vec<u8>>,
    secure: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop_oneof![
            Just(Mode::StopAndWait),
            Just(Mode::GoBackN),
            Just(Mode::SelectiveRepeat)
        ],
        1u16..=6,
        0u8..=1,
        1usize..=12,
        (0.0..=0.3f64, 0.0..=0.3f64, 0.0..=0.3f64, 0.0..=0.3f64),
        any::<u64>(),
        prop::collection::vec(prop::collection::vec(any::<u8>(), 0..30), 1..10),
        prop::bool::weighted(0.1),
    )
        .prop_map(
            |(
                mode,
                window,
                extra_bits,
                max_size,
                (loss, corrupt, dup, reorder),
                seed,
                messages,
                secure,
            )| {
                let window = if mode == Mode::StopAndWait { 1 } else { window };
                Case {
                    mode,
                    window,
                    bits: mode.safe_bits(window, reorder > 0.0) + extra_bits,
                    max_size,
                    faults: FaultConfig {
                        loss,
                        corrupt,
                        dup,
                        reorder,
                        rules: Vec::new(),
                        seed,
                    },
                    messages,
                    secure,
                }
            },
        )
}

fn run(case: &Case) -> Vec<RdtStep> {
    let setup = SimSetup {
        meta: meta(),
        proposal: Proposal {
            mode: case.mode,
            max_size: case.max_size,
            window: Some(case.window),
            seq_bits: Some(case.bits),
            secure: case.secure,
        },
        latency: Duration::from_millis(10),
        faults: case.faults.clone(),
        messages: case
            .messages
            .iter()
            .map(|m| (Duration::ZERO, Bytes::from(m.clone())))
            .collect(),
        keys: Some((Psk::from_seed(4), Psk::from_seed(4))),
        max_retries: 1000,
        end: None,
        lang: Lang::En,
    };
    let mut steps = Vec::new();
    sim::run(setup, &mut steps).unwrap();
    steps
}

fn check(case: &Case, steps: &[RdtStep]) -> Result<(), TestCaseError> {
    let space = 1u32 << case.bits;
    let delivered: Vec<Vec<u8>> = steps
        .iter()
        .filter_map(|s| match &s.kind {
            RdtKind::Event(Event::Deliver { message, .. }) => Some(message.to_vec()),
            _ => None,
        })
        .collect();
    prop_assert_eq!(
        &delivered,
        &case.messages,
        "delivered exactly, in order, once"
    );
    prop_assert!(
        steps.iter().any(|s| s.kind == RdtKind::Done),
        "the sender finished"
    );
    let mut next_new: u32 = 0;
    for s in steps {
        match &s.kind {
            RdtKind::Send { transmit, .. } => {
                let seq = u32::from(transmit.packet.seq);
                prop_assert!(seq < space, "seq {} outside 0..{}", seq, space);
                if let Some(w) = transmit.window {
                    prop_assert!(
                        w.in_flight() <= u32::from(w.size),
                        "window overfull: {:?}",
                        w
                    );
                    prop_assert_eq!(w.size, case.window);
                }
                if transmit.packet.kind == Kind::Data
                    && s.host == Host::Client
                    && !transmit.retransmission
                {
                    prop_assert_eq!(seq, next_new, "new packets count modulo {}", space);
                    next_new = (next_new + 1) % space;
                }
            }
            RdtKind::Event(Event::Acked { window, .. }) => {
                prop_assert!(window.in_flight() <= u32::from(window.size));
            }
            RdtKind::Event(Event::Buffered { window, .. } | Event::ReceiveWindow { window }) => {
                prop_assert!(
                    window.marks >> window.size == 0,
                    "buffered beyond the window"
                );
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn every_protocol_delivers_every_message_once_in_order(case in case()) {
        let steps = run(&case);
        check(&case, &steps)?;
    }
}

#[test]
fn sequence_numbers_really_wrap_under_loss() {
    for mode in Mode::ALL {
        let window = if mode == Mode::StopAndWait { 1 } else { 3 };
        let case = Case {
            mode,
            window,
            bits: mode.default_bits(window),
            max_size: 2,
            faults: FaultConfig {
                loss: 0.2,
                corrupt: 0.2,
                seed: 11,
                ..FaultConfig::default()
            },
            messages: vec![b"a longer message that needs many packets".to_vec(); 3],
            secure: false,
        };
        let steps = run(&case);
        check(&case, &steps).unwrap();
        let zeros = steps
            .iter()
            .filter(|s| matches!(&s.kind, RdtKind::Send { transmit, .. }
                if transmit.packet.kind == Kind::Data && transmit.packet.seq == 0 && !transmit.retransmission))
            .count();
        assert!(zeros > 5, "{mode}: seq 0 used {zeros} times");
    }
}

#[test]
fn runs_are_deterministic() {
    let case = Case {
        mode: Mode::SelectiveRepeat,
        window: 4,
        bits: 3,
        max_size: 4,
        faults: FaultConfig {
            loss: 0.2,
            corrupt: 0.1,
            dup: 0.1,
            reorder: 0.1,
            seed: 3,
            ..FaultConfig::default()
        },
        messages: vec![b"determinism".to_vec(); 4],
        secure: true,
    };
    assert_eq!(run(&case), run(&case));
}
