//! A lesson's own capture, explained, tells the lesson's own story: the same
//! states on each side, in the same order, and the same segments lost. The
//! capture is taken where the segments leave their sender, so a lost
//! segment is in the file: only what happens next (the same SYN again, the
//! same bytes again) shows it never arrived, and explain must revise.

use synack_test_support as support;

use serde_json::Value;
use support::{stdout, synack};

/// Each side's states in order, and how many segments were lost.
#[derive(Debug, PartialEq, Eq)]
struct Story {
    client: Vec<String>,
    server: Vec<String>,
    lost: usize,
}

fn story(json: &str) -> Story {
    let mut story = Story {
        client: Vec::new(),
        server: Vec::new(),
        lost: 0,
    };
    for line in json.lines() {
        let v: Value = serde_json::from_str(line).expect("one JSON object per line");
        match v["kind"].as_str() {
            Some("state") => {
                let to = v["to"].as_str().unwrap_or_default().to_string();
                match v["host"].as_str() {
                    Some("client") => story.client.push(to),
                    _ => story.server.push(to),
                }
            }
            Some("drop") => story.lost += 1,
            _ => {}
        }
    }
    story
}

/// The lesson as simulated, less what no packet can show: TIME-WAIT's
/// expiry after 2×MSL, long after the last segment.
fn lesson_story(name: &str) -> Story {
    let mut s = story(&stdout(&synack(&["lesson", "run", name, "--json"], b"")));
    for states in [&mut s.client, &mut s.server] {
        if states.ends_with(&["TIME-WAIT".to_string(), "CLOSED".to_string()]) {
            states.pop();
        }
    }
    s
}

fn explained_story(name: &str) -> Story {
    let file = format!("{}/captures/{name}.pcap", env!("CARGO_MANIFEST_DIR"));
    story(&stdout(&synack(&["explain", &file, "--json"], b"")))
}

#[test]
fn every_lesson_capture_explained_tells_the_lesson_s_own_states_and_losses() {
    for name in [
        "handshake",
        "teardown",
        "data-transfer",
        "bulk-transfer",
        "half-close",
        "lost-syn",
        "lost-syn-ack",
        "connection-refused",
        "simultaneous-open",
        "simultaneous-close",
        "abort",
    ] {
        assert_eq!(explained_story(name), lesson_story(name), "lesson {name}");
    }
}

#[test]
fn a_lost_syn_ack_is_revised_by_the_repeated_syn_that_follows_it() {
    let file = format!("{}/captures/lost-syn-ack.pcap", env!("CARGO_MANIFEST_DIR"));
    let json = stdout(&synack(&["explain", &file, "--json"], b""));
    let lost: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["note"] == "lost-after-capture")
        .collect();
    assert_eq!(lost.len(), 1, "{json}");
    // Frame 2, the SYN,ACK, shown lost by frame 3, the client's SYN again.
    assert_eq!(lost[0]["frame"], 2);
    assert_eq!(lost[0]["evidence"], "repeated-syn");
    assert_eq!(lost[0]["shown_by"], 3);
    // The client does not reach ESTABLISHED on the lost SYN,ACK, only on its copy.
    let established: Vec<Value> = json
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["kind"] == "state" && v["host"] == "client" && v["to"] == "ESTABLISHED")
        .collect();
    assert_eq!(established.len(), 1);
    assert_eq!(established[0]["frame"], 4);
}
