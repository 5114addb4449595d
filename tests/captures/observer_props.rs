//! The observer kept honest: random simulator runs (openings, data both ways,
//! closes and aborts at chosen moments, random loss and scripted faults, any
//! seed) are written to a pcap in memory, read back and explained; the states
//! the observer infers for each side must be the ones that side's endpoint
//! went through in the simulator, in order, as far as a capture can show it
//! (see `visible`).

use std::fmt::Write as _;

use proptest::prelude::*;

use synack::capture::CaptureFormat;
use synack::capture::observer::{Observer, ObserverOptions};
use synack::capture::reader::CaptureReader;
use synack::lesson::compile;
use synack::narrate::Lang;
use synack::tcp::{Cause, State};
use synack::trace::{StateCause, StepKind, Tee, Trace};
use synack::view::pcap::CaptureSink;
use synack::wire::{LinkType, Packet, decode_frame};

/// How the connection opens.
#[derive(Clone, Copy, Debug)]
enum Opening {
    /// The server listens, the client connects.
    Handshake,
    /// Both connect at once, to each other.
    Simultaneous,
    /// Nothing listens: the server answers with RST.
    Refused,
}

/// How it ends, `after` milliseconds once both sides are ESTABLISHED. A call
/// made while the handshake is still on the way (a close() in SYN-RECEIVED
/// before the ACK of its SYN arrives) is not tried: which came first, the
/// call or the arrival, shows in no packet.
#[derive(Clone, Copy, Debug)]
enum Ending {
    StaysOpen,
    /// The client closes; the server closes once it sees the FIN.
    ClientFirst,
    ServerFirst,
    /// Both close at the same instant: the FINs cross.
    Together,
    Abort(bool),
}

/// A scripted fault: action, n-th segment, whose (`None`: any).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fault(pub(crate) &'static str, u64, Option<bool>);

#[derive(Clone, Debug)]
pub(crate) struct Case {
    opening: Opening,
    ending: Ending,
    after: u64,
    client_bytes: u64,
    server_bytes: u64,
    mss: u64,
    pub(crate) latency: u64,
    loss: f64,
    seed: u64,
    pub(crate) faults: Vec<Fault>,
}

/// A run on a link that delivers every segment once, in order.
fn clean() -> impl Strategy<Value = Case> {
    let opening = prop_oneof![
        6 => Just(Opening::Handshake),
        1 => Just(Opening::Simultaneous),
        1 => Just(Opening::Refused),
    ];
    let ending = prop_oneof![
        Just(Ending::StaysOpen),
        Just(Ending::ClientFirst),
        Just(Ending::ServerFirst),
        Just(Ending::Together),
        any::<bool>().prop_map(Ending::Abort),
    ];
    (
        (opening, ending, 0u64..=400),
        (0u64..=4000, 0u64..=2000, 100u64..=1460),
        (1u64..=40, any::<u64>()),
    )
        .prop_map(
            |((opening, ending, after), (client_bytes, server_bytes, mss), (latency, seed))| Case {
                opening,
                ending,
                after,
                client_bytes,
                server_bytes,
                mss,
                latency,
                loss: 0.0,
                seed,
                faults: Vec::new(),
            },
        )
}

/// A run on a link that loses segments at random and commits scripted faults.
pub(crate) fn faulty() -> impl Strategy<Value = Case> {
    let fault = (
        prop_oneof![
            Just("drop"),
            Just("duplicate"),
            Just("delay"),
            Just("reorder")
        ],
        1u64..=12,
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(action, nth, from)| Fault(action, nth, from));
    (
        clean(),
        prop_oneof![Just(0.0), 0.0..=0.2f64],
        prop::collection::vec(fault, 1..=3),
    )
        .prop_map(|(c, loss, faults)| Case { loss, faults, ..c })
}

/// The case as a lesson file, so it runs exactly as a teacher's lesson does.
pub(crate) fn lesson(c: &Case) -> String {
    let mut t = String::from("[lesson]\ntitle = \"prop\"\nsummary = \"prop\"\n");
    let port = match c.opening {
        Opening::Simultaneous => 5000,
        _ => 49152,
    };
    for (host, addr) in [
        ("client", format!("10.0.0.1:{port}")),
        ("server", "10.0.0.2:5000".into()),
    ] {
        writeln!(
            t,
            "[{host}]\naddr = \"{addr}\"\nmss = {}\nrto = \"200ms\"\nmsl = \"1s\"",
            c.mss
        )
        .unwrap();
    }
    writeln!(
        t,
        "[link]\nlatency = \"{}ms\"\nloss = {}\nseed = {}",
        c.latency, c.loss, c.seed
    )
    .unwrap();
    let mut call = |host: &str, what: &str| writeln!(t, "[[call]]\n{host} = {what}").unwrap();
    match c.opening {
        Opening::Handshake => {
            call("server", "\"listen\"");
            call("client", "\"connect\"");
        }
        Opening::Simultaneous => {
            call("client", "\"connect\"");
            call("server", "\"connect\"");
        }
        Opening::Refused => call("client", "\"connect\""),
    }
    if c.client_bytes > 0 {
        call(
            "client",
            &format!(
                "\"send\"\nbytes = {}\nwhen = \"ESTABLISHED\"",
                c.client_bytes
            ),
        );
    }
    if c.server_bytes > 0 && !matches!(c.opening, Opening::Refused) {
        call(
            "server",
            &format!(
                "\"send\"\nbytes = {}\nwhen = \"ESTABLISHED\"",
                c.server_bytes
            ),
        );
    }
    let after = format!("when = \"server ESTABLISHED\"\ndelay = \"{}ms\"", c.after);
    let refused = matches!(c.opening, Opening::Refused);
    match c.ending {
        _ if refused => {}
        Ending::StaysOpen => {}
        Ending::ClientFirst => {
            call("client", &format!("\"close\"\n{after}"));
            call("server", "\"close\"\nwhen = \"CLOSE-WAIT\"");
        }
        Ending::ServerFirst => {
            call("server", &format!("\"close\"\n{after}"));
            call("client", "\"close\"\nwhen = \"CLOSE-WAIT\"");
        }
        Ending::Together => {
            call("client", &format!("\"close\"\n{after}"));
            call("server", &format!("\"close\"\n{after}"));
        }
        Ending::Abort(client) => {
            let host = if client { "client" } else { "server" };
            call(host, &format!("\"abort\"\n{after}"));
        }
    }
    for Fault(action, nth, from) in &c.faults {
        write!(t, "[[fault]]\naction = \"{action}\"\nnth = {nth}\n").unwrap();
        if *action == "delay" {
            t.push_str("delay = \"150ms\"\n");
        }
        if let Some(client) = from {
            let from = if *client { "client" } else { "server" };
            writeln!(t, "from = \"{from}\"").unwrap();
        }
    }
    t
}

/// Runs the case: the simulator's own trace, and the pcap it wrote.
pub(crate) fn simulate(c: &Case) -> (Trace, Vec<u8>) {
    let lesson = compile("prop", &lesson(c), &[]).expect("the generated lesson compiles");
    let mut trace = Trace::default();
    let mut capture = CaptureSink::new(Vec::new(), CaptureFormat::Pcap, Lang::En).unwrap();
    {
        let mut tee = Tee::new();
        tee.push(&mut trace);
        tee.push(&mut capture);
        // A script call the run made impossible (a close after an abort)
        // stops the run there; what happened until then still counts.
        let _ = lesson.run(Lang::En, &mut tee);
    }
    (trace, capture.finish().unwrap())
}

/// The observer's trace of a capture, as `synack explain` builds it.
pub(crate) fn observe(pcap: &[u8]) -> Trace {
    let mut reader = CaptureReader::new(pcap).expect("a pcap");
    let mut observer = Observer::new(ObserverOptions::default());
    let mut trace = Trace::default();
    let all = |_: u32| true;
    while let Some(frame) = reader.next_frame().expect("a whole frame") {
        observer.clock(frame.timestamp);
        let link = LinkType::from_linktype(frame.linktype).expect("Ethernet");
        match decode_frame(link, frame.data).expect("a frame the encoder wrote") {
            Packet::Tcp(t) => observer.tcp(&t, &mut trace, &all).unwrap(),
            other => panic!("only TCP is written: {other:?}"),
        }
    }
    observer.finish(&mut trace, &all).unwrap();
    trace
}

/// One side's way through the states, as a trace tells it.
#[derive(Default)]
struct Path {
    moves: Vec<Move>,
    /// From this move on, no capture can tell what the side went through.
    blind_from: Option<usize>,
}

struct Move {
    to: State,
    cause: StateCause,
    /// Made before the side's first packet.
    unseen: bool,
    /// A packet of the side's came after it.
    followed: bool,
}

/// Each side's path in `trace`.
fn paths(trace: &Trace) -> [Path; 2] {
    let mut paths = [Path::default(), Path::default()];
    let mut sent = [false; 2];
    let mut closed_at = [None; 2];
    let mut fin_out = [false; 2];
    // The peer's FIN is on its way here; the peer has sent more since.
    let mut fin_coming = [false; 2];
    let mut sent_after_fin = [false; 2];
    for step in &trace.steps {
        let side = step.host.index();
        let path = &mut paths[side];
        match &step.kind {
            StepKind::State { to, cause, .. } => {
                if *cause == Cause::CallClose.into() {
                    closed_at[side] = Some(path.moves.len());
                }
                if *cause == Cause::RetransmitLimit.into() {
                    path.blind_from.get_or_insert(path.moves.len());
                }
                path.moves.push(Move {
                    to: *to,
                    cause: *cause,
                    unseen: !sent[side],
                    followed: false,
                });
            }
            StepKind::Send { transmit, .. } => {
                let fin = transmit.segment.flags.fin();
                sent[side] = true;
                for m in path.moves.iter_mut().rev().take_while(|m| !m.followed) {
                    m.followed = true;
                }
                // Our FIN crosses the peer's, which the observer has taken
                // as arrived already.
                if fin
                    && !fin_out[side]
                    && fin_coming[side]
                    && sent_after_fin[side]
                    && let Some(close) = closed_at[side]
                {
                    path.blind_from.get_or_insert(close);
                }
                fin_out[side] |= fin;
                let peer = 1 - side;
                sent_after_fin[peer] |= fin_coming[peer] && !fin;
                fin_coming[peer] |= fin;
            }
            // The peer's FIN came in after close() but before our FIN could
            // leave (it waits behind queued data).
            StepKind::Deliver(segment) if segment.flags.fin() => {
                fin_coming[side] = false;
                if let Some(close) = closed_at[side].filter(|_| !fin_out[side]) {
                    path.blind_from.get_or_insert(close);
                }
            }
            // The link broke, for the peer, the order the capture shows. A
            // close() whose FIN has not left yet is still to be seen.
            StepKind::Drop { .. } | StepKind::Mangle { .. } => {
                let peer = 1 - side;
                let pending_close = closed_at[peer].filter(|_| !fin_out[peer]);
                let path = &mut paths[peer];
                path.blind_from
                    .get_or_insert(pending_close.unwrap_or(path.moves.len()));
            }
            _ => {}
        }
    }
    paths
}

/// What of a side's path a capture can show, and whether that is all of it.
///
/// - A side's moves before its first packet show only in that packet. A side
///   that never sends one shows nothing (a listen() no SYN reached); one back
///   in CLOSED when it does looks just like one that never opened (a
///   listen() closed again, a connect() aborted before its SYN). Those moves
///   are not compared.
/// - The end of TIME-WAIT leaves no packet: a timer, and the capture ends
///   before it would run out. Only a packet the side sends later (an RST to
///   a FIN resent too late) shows it.
/// - Nor does giving up after the last retransmission: the endpoint just
///   stops, and what the observer takes it for later is not compared.
/// - A close() shows only when its FIN leaves. Called while data is still
///   queued, and then the peer's FIN arrives first: the side went FIN-WAIT-1,
///   CLOSING, TIME-WAIT, but the wire shows what CLOSE-WAIT, LAST-ACK,
///   CLOSED would. From the close() on, the side is not compared.
/// - Nor is it when its FIN crosses the peer's after the peer has sent more:
///   the observer takes a FIN as arrived once its sender's next segment is
///   seen (segments arrive in order), and says so before the side's own FIN,
///   whose ACK number would show it had not, is seen.
/// - A capture shows a segment leave, not arrive: the observer, which speaks
///   as the packets come, takes each one as arrived, in the order seen. Once
///   the link has lost, delayed, duplicated or reordered a segment, when (or
///   whether) it arrived shows only in the receiver's later packets, after
///   the observer has spoken; from then on the receiver is not compared.
///   (Its peer still is: what the peer does shows in its own packets.)
fn visible(path: &Path) -> (Vec<State>, bool) {
    let closed_when_first_seen = path.moves.iter().all(|m| m.unseen)
        || path
            .moves
            .iter()
            .take_while(|m| m.unseen)
            .last()
            .is_some_and(|m| m.to == State::Closed);
    let end = path.blind_from.unwrap_or(path.moves.len());
    let states = path.moves[..end]
        .iter()
        .filter(|m| !(m.unseen && closed_when_first_seen))
        .filter(|m| m.followed || m.cause != Cause::TimeWaitExpired.into())
        .map(|m| m.to)
        .collect();
    (states, path.blind_from.is_none())
}

/// The observer's states for each side against the simulator's, as far as
/// the capture can show them.
fn check(c: &Case) -> Result<(), TestCaseError> {
    let (sim, pcap) = simulate(c);
    let expected = paths(&sim);
    let observed = observe(&pcap);
    // One connection (a SYN sent again included) is one conversation.
    prop_assert!(
        observed.steps.iter().all(|s| s.conv == 0),
        "more than one conversation in:\n{}",
        lesson(c)
    );
    let seen = paths(&observed);
    for side in 0..2 {
        let (want, whole) = visible(&expected[side]);
        let mut got: Vec<State> = seen[side].moves.iter().map(|m| m.to).collect();
        if !whole {
            got.truncate(want.len());
        }
        prop_assert_eq!(got, want, "side {} of:\n{}", side, lesson(c));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn on_a_clean_link_the_observer_infers_each_sides_own_states(c in clean()) {
        check(&c)?;
    }

    #[test]
    fn on_a_faulty_link_the_observer_infers_what_the_packets_show(c in faulty()) {
        check(&c)?;
    }
}
