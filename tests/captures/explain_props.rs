//! What `explain` says of a capture agrees with what the simulator knows it
//! did: random lessons (loss, drops, duplicates, delays, reorders) are run,
//! written to a pcap at the sender's side of the link, explained, and every
//! frame's retransmission verdict is held against the endpoint's own record
//! of which segments it sent again, and why.

use proptest::prelude::*;

use synack::tcp::{Segment, SendReason};
use synack::trace::{Note, StepKind, Trace};

use crate::observer_props::{Case, faulty, lesson, observe, simulate};

/// One frame as the simulator knows it.
struct Sent {
    again: bool,
    reason: SendReason,
    syn_ack: bool,
    /// The link dropped it.
    dropped: bool,
    /// The peer's latest segment before it was a duplicate ACK.
    after_dup_ack: bool,
    /// It carried one byte.
    one_byte: bool,
}

/// What the simulator sent, frame by frame (the capture has one frame per
/// send, in order): whether it was a retransmission, why it was sent, and
/// whether the link lost it.
fn sent(sim: &Trace) -> Vec<Sent> {
    let mut frames: Vec<(Segment, Sent)> = Vec::new();
    let mut last_reason = [None; 2];
    for step in &sim.steps {
        match &step.kind {
            StepKind::Send { transmit, .. } => {
                let side = step.host.index();
                let after_dup_ack = last_reason[1 - side] == Some(SendReason::DuplicateAck);
                last_reason[side] = Some(transmit.reason);
                let seg = &transmit.segment;
                frames.push((
                    seg.clone(),
                    Sent {
                        again: transmit.retransmission,
                        reason: transmit.reason,
                        syn_ack: seg.flags.syn() && seg.flags.ack(),
                        dropped: false,
                        after_dup_ack,
                        one_byte: seg.payload.len() == 1,
                    },
                ));
            }
            StepKind::Drop { segment, .. } => {
                if let Some((_, s)) = frames.iter_mut().rev().find(|(seg, _)| seg == segment) {
                    s.dropped = true;
                }
            }
            _ => {}
        }
    }
    frames.into_iter().map(|(_, s)| s).collect()
}

/// What explain noted on a frame.
#[derive(Default, Clone)]
struct Verdict {
    resent: bool,
    fast: bool,
    out_of_order: bool,
    /// Said to be lost after the capture point.
    lost: bool,
    keep_alive: bool,
}

fn verdicts(explained: &Trace, frames: usize) -> Vec<Verdict> {
    let mut v = vec![Verdict::default(); frames + 1];
    for step in &explained.steps {
        let (Some(frame), StepKind::Note(note)) = (step.frame, &step.kind) else {
            continue;
        };
        let Some(at) = v.get_mut(frame as usize) else {
            continue;
        };
        match note {
            Note::Retransmission(_) | Note::SpuriousRetransmission(_) => at.resent = true,
            Note::FastRetransmission(_) => {
                at.resent = true;
                at.fast = true;
            }
            Note::OutOfOrder { .. } => at.out_of_order = true,
            Note::LostAfterCapture(_) => at.lost = true,
            Note::KeepAlive { .. } => at.keep_alive = true,
            _ => {}
        }
    }
    v
}

fn check(c: &Case) -> Result<(), TestCaseError> {
    let (sim, pcap) = simulate(c);
    let sent = sent(&sim);
    let said = verdicts(&observe(&pcap), sent.len());
    // Only drops make a segment vanish; a delay or a reorder can look just
    // like a loss in a capture, when the sender's timer gives up waiting.
    let only_drops = c.faults.iter().all(|f| matches!(f.0, "drop" | "duplicate"));
    for (i, s) in sent.iter().enumerate() {
        let (again, reason) = (s.again, s.reason);
        let frame = i + 1;
        let v = &said[frame];
        if only_drops {
            prop_assert!(
                !v.lost || s.dropped,
                "said lost, but it arrived: frame {frame} of:\n{}",
                lesson(c)
            );
        }
        let whose = || format!("frame {frame} ({reason:?}) of:\n{}", lesson(c));
        // Nothing is called a repeat that was sent only once, but for the
        // SYN,ACK of a simultaneous open: it repeats its own SYN's number,
        // so Wireshark marks it, and the narration says nothing was lost.
        prop_assert!(
            !v.resent || again || s.syn_ack,
            "called a retransmission: {}",
            whose()
        );
        if !again {
            continue;
        }
        // Every repeat is seen as one; Wireshark's timing rule may call it
        // out of order when it follows newer data within the initial RTT.
        // One byte resent after its ACK was lost past the capture point is,
        // in the packets, a keep-alive: Wireshark's verdict, and synack's.
        prop_assert!(
            v.resent || v.out_of_order || (v.keep_alive && s.one_byte),
            "repeat not noticed: {}",
            whose()
        );
        // Three duplicate ACKs: when they reach the sender within 20 ms
        // (Wireshark's window), the capture shows a fast retransmission;
        // unless the peer sent something else since, which to Wireshark
        // ends the run of duplicates, or the link held the ACKs back.
        if reason == SendReason::FastRetransmit && c.latency < 20 && s.after_dup_ack && only_drops {
            prop_assert!(v.fast, "fast retransmit not called fast: {}", whose());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn explain_calls_retransmitted_exactly_what_the_simulator_sent_again(c in faulty()) {
        check(&c)?;
    }
}
