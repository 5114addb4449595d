//! The link faults and script features no built-in lesson uses, each run
//! from a small lesson and checked in the trace it produces.

use synack::lesson::compile;
use synack::narrate::Lang;
use synack::tcp::DiscardReason;
use synack::trace::{Fault, Host, StepKind, Trace};

/// A client that connects at 0 and sends "Hello" once established, to a
/// listening server, 10 ms apart; `extra` adds keys, calls and faults.
fn run(extra: &str) -> (Trace, synack::sim::Outcome) {
    run_with("", extra)
}

/// `run`, with keys added to the `[server]` table.
fn run_with(server_keys: &str, extra: &str) -> (Trace, synack::sim::Outcome) {
    let text = format!(
        r#"
[lesson]
title = "t"

[client]
addr = "10.0.0.1:1000"
isn = 100

[server]
addr = "10.0.0.2:80"
isn = 300
{server_keys}

[[call]]
server = "listen"

[[call]]
client = "connect"

[[call]]
client = "send"
text = "Hello"
when = "ESTABLISHED"
{extra}
"#
    );
    let lesson = compile("t.toml", &text, &[]).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let mut trace = Trace::default();
    let checked = lesson.run(Lang::En, &mut trace).unwrap();
    (trace, checked.outcome)
}

/// (time in µs, host, payload) of every segment delivered.
fn deliveries(trace: &Trace) -> Vec<(u64, Host, Vec<u8>)> {
    trace
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Deliver(seg) => Some((s.t.micros(), s.host, seg.payload.to_vec())),
            _ => None,
        })
        .collect()
}

fn received(trace: &Trace, host: Host) -> Vec<u8> {
    trace
        .steps
        .iter()
        .filter(|s| s.host == host)
        .filter_map(|s| match &s.kind {
            StepKind::Data(bytes) => Some(bytes.to_vec()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn mangled(trace: &Trace) -> Vec<Fault> {
    trace
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Mangle { fault, .. } | StepKind::Drop { fault, .. } => Some(*fault),
            _ => None,
        })
        .collect()
}

#[test]
fn duplicate_delivers_twice_and_the_receiver_keeps_one_copy() {
    let (trace, _) = run("[[fault]]\naction = \"duplicate\"\ndata = true\n");
    assert_eq!(mangled(&trace), [Fault::Duplicate]);
    let hello: Vec<_> = deliveries(&trace)
        .into_iter()
        .filter(|(_, _, p)| p == b"Hello")
        .collect();
    assert_eq!(hello.len(), 2, "delivered twice");
    assert_eq!(received(&trace, Host::Server), b"Hello", "taken once");
    assert!(
        trace.steps.iter().any(
            |s| s.host == Host::Server && s.kind == StepKind::Discard(DiscardReason::Duplicate)
        )
    );
}

#[test]
fn delay_delivers_later_by_exactly_the_delay() {
    let (plain, _) = run("");
    let (late, _) = run("[[fault]]\naction = \"delay\"\ndelay = \"300ms\"\ndata = true\n");
    let at = |t: &Trace| {
        deliveries(t)
            .into_iter()
            .find(|(_, _, p)| p == b"Hello")
            .unwrap()
            .0
    };
    assert_eq!(at(&late) - at(&plain), 300_000);
    assert_eq!(
        mangled(&late),
        [Fault::Delay(std::time::Duration::from_millis(300))]
    );
    assert_eq!(received(&late, Host::Server), b"Hello");
}

#[test]
fn reorder_lets_the_next_segment_overtake() {
    let extra = "[[call]]\nclient = \"send\"\ntext = \"World\"\n\n\
                 [[fault]]\naction = \"reorder\"\ndata = true\n";
    let (trace, _) = run(extra);
    assert_eq!(mangled(&trace), [Fault::Reorder]);
    let order: Vec<Vec<u8>> = deliveries(&trace)
        .into_iter()
        .filter(|(_, h, p)| *h == Host::Server && !p.is_empty())
        .map(|(_, _, p)| p)
        .collect();
    assert_eq!(order[..2], [b"World".to_vec(), b"Hello".to_vec()]);
    assert_eq!(
        received(&trace, Host::Server),
        b"HelloWorld",
        "reassembled in order"
    );
}

#[test]
fn any_with_times_drops_that_many_segments_then_retransmission_recovers() {
    let (trace, outcome) = run("[[fault]]\naction = \"drop\"\nany = true\ntimes = 2\n");
    assert_eq!(mangled(&trace), [Fault::Drop, Fault::Drop]);
    assert_eq!(outcome.dropped, 2);
    assert!(outcome.retransmissions >= 1);
    assert_eq!(received(&trace, Host::Server), b"Hello");
}

#[test]
fn nth_from_counts_only_that_hosts_segments() {
    // The server's 1st segment is its SYN,ACK.
    let (trace, _) = run("[[fault]]\naction = \"drop\"\nnth = 1\nfrom = \"server\"\n");
    let dropped: Vec<_> = trace
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Drop { segment, .. } => {
                Some((s.host, segment.flags.syn(), segment.flags.ack()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(dropped, [(Host::Server, true, true)]);
}

#[test]
fn random_loss_follows_the_seed() {
    let lossy = |seed: u32| {
        let (trace, outcome) = run(&format!("[link]\nloss = 0.3\nseed = {seed}\n"));
        (
            mangled(&trace),
            outcome.dropped,
            received(&trace, Host::Server),
        )
    };
    let (faults, dropped, data) = lossy(7);
    assert!(faults.iter().all(|f| *f == Fault::RandomLoss));
    assert_eq!(lossy(7).1, dropped, "same seed, same losses");
    assert_eq!(data, b"Hello", "TCP recovers what was lost");
    let any_loss = (1..20).any(|seed| lossy(seed).1 > 0);
    assert!(any_loss, "30% loss never lost anything in 19 seeds");
}

#[test]
fn end_stops_the_run_at_that_time() {
    // Latency 10 ms: the client is ESTABLISHED at 20 ms, its data would
    // arrive at 30 ms.
    let (trace, outcome) = run("[link]\nend = \"25ms\"\n");
    assert!(trace.steps.iter().all(|s| s.t.micros() <= 25_000));
    assert_eq!(outcome.final_states[0].name(), "ESTABLISHED");
    assert!(
        received(&trace, Host::Server).is_empty(),
        "stopped before data"
    );
}

#[test]
fn pause_reading_closes_the_window_and_resume_reopens_it() {
    let extra = r#"
[[call]]
server = "pause-reading"
when = "ESTABLISHED"

[[call]]
server = "resume-reading"
at = "2s"

[[call]]
client = "send"
text = "World"
"#;
    let (trace, _) = run_with("window = 5", extra);
    let windows: Vec<u16> = trace
        .steps
        .iter()
        .filter(|s| s.host == Host::Server)
        .filter_map(|s| match &s.kind {
            StepKind::Send { transmit: tx, .. } if tx.segment.flags.ack() => {
                Some(tx.segment.window)
            }
            _ => None,
        })
        .collect();
    let closed = windows.iter().position(|w| *w == 0);
    assert!(closed.is_some(), "window closed: {windows:?}");
    let reopened = windows.iter().rposition(|w| *w > 0).unwrap();
    assert!(
        reopened > closed.unwrap(),
        "window opened again: {windows:?}"
    );
    assert_eq!(received(&trace, Host::Server), b"HelloWorld");
}
