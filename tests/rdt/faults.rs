//! Scripted faults name the packet they hit: `data:N` and `ack:N` by
//! sequence number (from 0), `nth:N` and `client:N` / `server:N` by count
//! (from 1), a bare `N` as `nth:N`; the output shows the rule where it hits.

use serde_json::Value;
use synack_test_support as support;

use support::{stderr, stdout, synack};

/// The steps of `rdt sim --json` with `args` added.
fn steps(mode: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["rdt", "sim", "--mode", mode, "--json"];
    all.extend_from_slice(args);
    let out = synack(&all, b"");
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The packet each fault hit (the send just before it) and the fault:
/// (sender, type, seq, retransmission, which send it was from 1, fault, rule).
fn hits(steps: &[Value]) -> Vec<(String, String, u64, bool, usize, String, String)> {
    let mut sends = 0;
    let mut last = None;
    let mut out = Vec::new();
    for s in steps {
        match s["kind"].as_str() {
            Some("send") => {
                sends += 1;
                last = Some((
                    s["host"].as_str().unwrap().to_string(),
                    s["packet"]["type"].as_str().unwrap().to_string(),
                    s["packet"]["seq"].as_u64().unwrap(),
                    s["retransmission"].as_bool().unwrap(),
                    sends,
                ));
            }
            Some("fault") => {
                let (host, kind, seq, again, nth) = last.clone().expect("a fault after a send");
                out.push((
                    host,
                    kind,
                    seq,
                    again,
                    nth,
                    s["fault"].as_str().unwrap().to_string(),
                    s["rule"].as_str().unwrap_or("").to_string(),
                ));
            }
            _ => {}
        }
    }
    out
}

/// Whether a packet of `kind` numbered `seq` was sent before the `nth` send.
fn sent_before(steps: &[Value], kind: &str, seq: u64, nth: usize) -> bool {
    steps
        .iter()
        .filter(|s| s["kind"] == "send")
        .take(nth - 1)
        .any(|s| s["packet"]["type"] == kind && s["packet"]["seq"] == seq)
}

fn ladder(mode: &str, args: &[&str]) -> String {
    let mut all = vec!["rdt", "sim", "--mode", mode];
    all.extend_from_slice(args);
    let out = synack(&all, b"");
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn drop_data_1_drops_the_first_data_1_in_every_mode() {
    for mode in ["saw", "gbn", "sr"] {
        let s = steps(mode, &["--drop", "data:1"]);
        let h = hits(&s);
        assert_eq!(h.len(), 1, "{mode}: {h:?}");
        let (host, kind, seq, again, nth, fault, rule) = &h[0];
        assert_eq!(
            (host.as_str(), kind.as_str(), *seq, *again, fault.as_str()),
            ("client", "DATA", 1, false, "lost"),
            "{mode}"
        );
        assert_eq!(rule, "data:1", "{mode}");
        assert!(!sent_before(&s, "DATA", 1, *nth), "{mode}: not the first");
        let text = ladder(mode, &["--drop", "data:1"]);
        assert!(text.contains("✗ lost (--drop data:1)"), "{mode}:\n{text}");
        // The message still arrives: the timer brings DATA 1 back.
        // (The label may wrap: the verb and the message on rows of their own.)
        assert!(text.contains("✓ delivers"), "{mode}:\n{text}");
        assert!(text.contains("\"reliable\""), "{mode}:\n{text}");
    }
}

#[test]
fn drop_ack_0_drops_the_first_ack_numbered_0() {
    for mode in ["saw", "gbn", "sr"] {
        let s = steps(mode, &["--drop", "ack:0"]);
        let h = hits(&s);
        assert_eq!(h.len(), 1, "{mode}: {h:?}");
        let (host, kind, seq, _, nth, fault, rule) = &h[0];
        assert_eq!(
            (
                host.as_str(),
                kind.as_str(),
                *seq,
                fault.as_str(),
                rule.as_str()
            ),
            ("server", "ACK", 0, "lost", "ack:0"),
            "{mode}"
        );
        assert!(!sent_before(&s, "ACK", 0, *nth), "{mode}: not the first");
        assert!(ladder(mode, &["--drop", "ack:0"]).contains("✗ lost (--drop ack:0)"));
    }
}

#[test]
fn counted_rules_hit_the_nth_packet_from_one() {
    for mode in ["saw", "gbn", "sr"] {
        let h = hits(&steps(mode, &["--drop", "nth:2"]));
        assert_eq!(h.len(), 1, "{mode}: {h:?}");
        assert_eq!((h[0].4, h[0].6.as_str()), (2, "nth:2"), "{mode}");
        // A bare number is the same rule, and says so.
        let bare = hits(&steps(mode, &["--drop", "2"]));
        assert_eq!(bare, h, "{mode}");
        let text = ladder(mode, &["--drop", "2"]);
        assert!(text.contains("(--drop 2 = nth:2)"), "{mode}:\n{text}");
        assert!(
            text.contains("--drop 2 counts packets on the link"),
            "{mode}:\n{text}"
        );
        // client:N counts only the client's packets.
        let h = hits(&steps(mode, &["--drop", "server:1"]));
        assert_eq!(
            (h[0].0.as_str(), h[0].1.as_str(), h[0].6.as_str()),
            ("server", "ACK", "server:1"),
            "{mode}"
        );
    }
    // In Go-Back-N the second packet on the link is DATA 1, sent before any ACK.
    let h = hits(&steps("gbn", &["--drop", "2"]));
    assert_eq!((h[0].1.as_str(), h[0].2), ("DATA", 1));
}

#[test]
fn flip_takes_the_same_names() {
    let s = steps("gbn", &["--flip", "data:0", "--flip", "ack:2"]);
    let h = hits(&s);
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!(
        (h[0].1.as_str(), h[0].2, h[0].5.as_str(), h[0].6.as_str()),
        ("DATA", 0, "corrupted", "data:0")
    );
    assert_eq!(
        (h[1].1.as_str(), h[1].2, h[1].5.as_str(), h[1].6.as_str()),
        ("ACK", 2, "corrupted", "ack:2")
    );
    assert!(ladder("gbn", &["--flip", "data:0"]).contains("flipped (--flip data:0)"));
}

#[test]
fn a_rule_that_hits_nothing_is_reported() {
    let out = synack(&["rdt", "sim", "--mode", "gbn", "--drop", "data:7"], b"");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--drop data:7 hit no packet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_targets_are_refused_with_the_forms_that_work() {
    for (target, expected) in [
        (
            "data:x",
            "`x` is not a sequence number: data:N takes a whole number from 0",
        ),
        ("ack:-1", "`-1` is not a sequence number"),
        ("data:65536", "`65536` is not a sequence number"),
        (
            "foo:1",
            "`foo` is not something a fault can name: write data:N or ack:N",
        ),
        ("nth:0", "`0` is not a count: nth:N counts packets from 1"),
        (
            "client:x",
            "`x` is not a count: client:N counts packets from 1",
        ),
        ("0", "`0` is not a fault target: write data:N"),
        ("two", "`two` is not a fault target"),
    ] {
        for option in ["--drop", "--flip"] {
            let arg = format!("{option}={target}");
            let out = synack(&["rdt", "sim", "--mode", "gbn", &arg], b"");
            assert_eq!(out.status.code(), Some(2), "{arg}: {}", stderr(&out));
            assert!(stderr(&out).contains(expected), "{arg}: {}", stderr(&out));
        }
    }
    let pt = synack(
        &[
            "--lang", "pt", "rdt", "sim", "--mode", "gbn", "--drop", "foo:1",
        ],
        b"",
    );
    assert!(
        stderr(&pt).contains("não é algo que uma falha possa nomear"),
        "{}",
        stderr(&pt)
    );
}

#[test]
fn a_real_socket_side_refuses_packets_it_never_sends() {
    for (args, expected) in [
        (
            &["rdt", "client", "--mode", "gbn", "--drop", "ack:0", "hi"][..],
            "`ack:0` cannot be used with --drop on the client: it never sends ACK packets",
        ),
        (
            &["rdt", "server", "--flip", "data:1"][..],
            "`data:1` cannot be used with --flip on the server: it never sends DATA packets",
        ),
        (
            &["rdt", "server", "--drop", "client:1"][..],
            "`client:1` cannot be used with --drop here",
        ),
    ] {
        let out = synack(args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
