//! Frame by frame, synack's TCP analysis equals tshark's on real Linux
//! traffic made here and now: two network namespaces joined by a veth pair
//! (TSO, GSO and GRO off on both ends), python traffic generators, and a
//! tcpdump capture on the receiver's end of the pair. Each test is one
//! scenario, checked with [`agree`] and with the flags it is meant to show:
//! - random loss after the capture point (an nftables drop on the
//!   receiver's input hook: both copies seen), over IPv4 and IPv6;
//! - random loss before it (an nftables drop on the forward hook of a router
//!   namespace between the two: the receiver's view);
//! - a token-bucket rate limit on the sender's veth, so its queue overflows;
//! - a receiver that stops reading with a small buffer (zero window);
//! - an idle connection with 1 s keep-alives;
//! - a connection to a closed port.
//!
//! Random loss makes every run different: the comparison must hold on all of
//! them. Needs root, `ip`, `tc`, `nft`, `ethtool`, `tcpdump`, `tshark` and
//! `python3`: required in CI, skipped with a reason elsewhere.

use synack_test_support as support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use support::netns::{self, CLIENT_IP6, SERVER_IP, SERVER_IP6, TwoHosts, run};
use support::{stdout, synack, tools};

use crate::analysis_vs_tshark::agree;

fn can_run() -> bool {
    netns::can_run()
        && ["tc", "nft", "ethtool", "tcpdump", "tshark", "python3"]
            .iter()
            .all(|t| tools::require(t))
}

fn traffic_script() -> String {
    format!(
        "{}/tests/python/netns_traffic.py",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// A background process, ended when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One scenario's lab: the two hosts, with segmentation offloads off so the
/// capture shows the segments TCP really sent, and a folder for the file.
struct Lab {
    hosts: TwoHosts,
    dir: PathBuf,
}

impl Lab {
    fn new(tag: &str) -> Lab {
        Lab::on(TwoHosts::new(tag), tag)
    }

    fn on(hosts: TwoHosts, tag: &str) -> Lab {
        for (ns, dev) in hosts.interfaces() {
            run(hosts
                .exec(ns, "ethtool")
                .args(["-K", dev, "tso", "off", "gso", "off", "gro", "off"]));
        }
        let dir = std::env::temp_dir().join(format!(
            "synack-netns-vs-tshark-{}{tag}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Lab { hosts, dir }
    }

    /// Loads an nftables ruleset into namespace `ns`.
    fn nft(&self, ns: &str, ruleset: &str) {
        let mut child = self
            .hosts
            .exec(ns, "nft")
            .args(["-f", "-"])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ruleset.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "nft: {}\n{ruleset}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `pct` % random loss of TCP segments arriving at the receiver, after
    /// the capture point (the input hook comes after the packet taps).
    fn loss_after_capture(&self, pct: u32) {
        self.nft(
            &self.hosts.server,
            &format!(
                "table inet synack {{\n chain input {{\n type filter hook input priority 0;\n \
                 meta l4proto tcp numgen random mod 100 < {pct} drop\n }}\n}}\n"
            ),
        );
    }

    /// `pct` % random loss of the data segments the router forwards to the
    /// server: before the capture point. (Not on the sender itself: TCP
    /// hands the stack whole GSO bursts, which are cut into segments only
    /// at the device, and a burst dropped on the way there, by an output or
    /// a netdev egress hook, is reported back and sent again as if new;
    /// nothing is lost on the wire.)
    fn loss_before_capture(&self, pct: u32) {
        let (router, _, _) = self.hosts.router.as_ref().expect("a routed lab");
        self.nft(
            router,
            &format!(
                "table inet synack {{\n chain forward {{\n type filter hook forward priority 0;\n \
                 ip daddr {SERVER_IP} meta l4proto tcp numgen random mod 100 < {pct} drop\n }}\n}}\n"
            ),
        );
    }

    /// A server of the traffic script in the receiver's namespace, once it
    /// is listening.
    fn server(&self, args: &[&str]) -> (Running, BufReader<std::process::ChildStdout>) {
        let mut child = self
            .hosts
            .exec(&self.hosts.server, "python3")
            .arg(traffic_script())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        assert_eq!(line, "listening\n", "the server did not start");
        (Running(child), out)
    }

    /// A client of the traffic script in the sender's namespace, to the end.
    fn client(&self, args: &[&str]) -> String {
        run(self
            .hosts
            .exec(&self.hosts.client, "python3")
            .arg(traffic_script())
            .args(args))
    }

    /// Captures on the receiver's veth while `traffic` runs; returns the file.
    fn capture(&self, traffic: impl FnOnce()) -> Capture {
        let path = self.dir.join("capture.pcap");
        let mut child = self
            .hosts
            .exec(&self.hosts.server, "tcpdump")
            // Immediate mode: every frame handed over as it comes, none left in
            // the ring when tcpdump is stopped; a 32 MB buffer so a burst is
            // not dropped by the kernel; root keeps writing to our folder.
            .args([
                "-i",
                &self.hosts.server_if,
                "--immediate-mode",
                "-B",
                "32768",
            ])
            .args(["-U", "-Z", "root", "-w"])
            .arg(&path)
            .arg("tcp")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // tcpdump says "listening on" once its socket is bound: from then on
        // it sees every frame.
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        err.read_line(&mut line).unwrap();
        assert!(line.contains("listening on"), "tcpdump: {line}");
        let tcpdump = Running(child);
        traffic();
        // The last ACKs reach the tap, then tcpdump writes out and exits.
        std::thread::sleep(std::time::Duration::from_millis(200));
        let pid = tcpdump.0.id().to_string();
        run(Command::new("kill").args(["-INT", &pid]));
        let mut tcpdump = tcpdump;
        let status = tcpdump.0.wait().unwrap();
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
        assert!(status.success(), "tcpdump: {rest}");
        eprintln!("{}: {}", path.display(), rest.trim().replace('\n', "; "));
        assert!(
            rest.lines().any(|l| l == "0 packets dropped by kernel"),
            "tcpdump missed frames: {rest}"
        );
        Capture {
            path,
            dir: self.dir.clone(),
        }
    }
}

/// A capture file, removed when the test passes and kept (its path printed)
/// when it fails, to be looked at and pinned.
struct Capture {
    path: PathBuf,
    dir: PathBuf,
}

impl Capture {
    fn file(&self) -> &str {
        self.path.to_str().unwrap()
    }

    /// [`agree`], and the flags tshark counted.
    fn agree(&self) -> BTreeMap<&'static str, usize> {
        let counts = agree(self.file());
        eprintln!("{}: {counts:?}", self.file());
        counts
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("capture kept: {}", self.path.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn shows(counts: &BTreeMap<&'static str, usize>, flags: &[&str]) {
    for flag in flags {
        assert!(
            counts.get(flag).is_some_and(|&n| n > 0),
            "no {flag}: {counts:?}"
        );
    }
}

/// A few MB from the client to the server at `server_ip`, port `port`.
fn bulk(lab: &Lab, server_ip: &str, port: &str, bytes: &str) -> Capture {
    let (_server, mut out) = lab.server(&["sink", port]);
    let capture = lab.capture(|| {
        lab.client(&["send", server_ip, port, bytes]);
    });
    let mut received = String::new();
    out.read_line(&mut received).unwrap();
    assert_eq!(received.trim(), bytes, "the sink got every byte");
    capture
}

#[test]
fn loss_after_the_capture_point_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("a");
    lab.loss_after_capture(3);
    let capture = bulk(&lab, SERVER_IP, "5001", "4000000");
    shows(
        &capture.agree(),
        &["retransmission", "fast_retransmission", "duplicate_ack"],
    );
}

#[test]
fn loss_after_the_capture_point_over_ipv6_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("6");
    lab.loss_after_capture(3);
    let capture = bulk(&lab, SERVER_IP6, "5007", "4000000");
    // The capture really is IPv6, from the client's address.
    let ladder = stdout(&synack(&["explain", capture.file()], b""));
    assert!(ladder.contains(CLIENT_IP6), "{ladder}");
    shows(
        &capture.agree(),
        &["retransmission", "fast_retransmission", "duplicate_ack"],
    );
}

#[test]
fn loss_before_the_capture_point_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::on(TwoHosts::routed("b"), "b");
    lab.loss_before_capture(3);
    let capture = bulk(&lab, SERVER_IP, "5002", "4000000");
    shows(
        &capture.agree(),
        &["lost_segment", "retransmission", "duplicate_ack"],
    );
}

#[test]
fn an_overflowing_rate_limit_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("q");
    // 20 Mbit/s with a 4 KB bucket and 20 ms of queue: a bulk sender
    // overflows it and the qdisc drops what does not fit.
    run(lab.hosts.exec(&lab.hosts.client, "tc").args([
        "qdisc",
        "add",
        "dev",
        &lab.hosts.client_if,
        "root",
        "tbf",
        "rate",
        "20mbit",
        "burst",
        "32kbit",
        "latency",
        "20ms",
    ]));
    let capture = bulk(&lab, SERVER_IP, "5003", "3000000");
    shows(
        &capture.agree(),
        &["lost_segment", "retransmission", "duplicate_ack"],
    );
}

#[test]
fn a_receiver_that_stops_reading_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("z");
    // A 4 KB receive buffer, not read for 2 s: the window closes, the
    // sender probes it, and opens again when the reader wakes.
    let (_server, mut out) = lab.server(&["stall", "5004", "4096", "2"]);
    let capture = lab.capture(|| {
        lab.client(&["send", SERVER_IP, "5004", "200000"]);
    });
    let mut received = String::new();
    out.read_line(&mut received).unwrap();
    assert_eq!(received.trim(), "200000");
    // Linux probes a closed window with a keep-alive's shape (one below the
    // next sequence number, no data), so Wireshark calls its probes
    // keep-alives; their answers still offer no window: zero window again.
    shows(
        &capture.agree(),
        &["zero_window", "window_full", "window_update", "keep_alive"],
    );
}

#[test]
fn keep_alives_are_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("k");
    let (_server, _out) = lab.server(&["idle", "5005"]);
    let capture = lab.capture(|| {
        lab.client(&["keepalive", SERVER_IP, "5005", "3.5"]);
    });
    shows(&capture.agree(), &["keep_alive", "keep_alive_ack"]);
}

#[test]
fn a_refused_connection_is_analysed_as_tshark_does() {
    if !can_run() {
        return;
    }
    let lab = Lab::new("x");
    let capture = lab.capture(|| {
        let said = lab.client(&["refused", SERVER_IP, "5006"]);
        assert_eq!(said.trim(), "refused");
    });
    // Nothing to flag, but the comparison runs on both frames.
    let counts = capture.agree();
    assert!(counts.is_empty(), "{counts:?}");
    // Wide enough for the refusal to stay on one row beside its lifeline.
    let out = synack(&["explain", capture.file(), "--width", "120"], b"");
    assert!(out.status.success(), "{}", support::stderr(&out));
    let told = stdout(&out);
    // The SYN answered by RST,ACK, told as a refusal on the ladder.
    assert!(told.contains("RST,ACK"), "{told}");
    assert!(told.contains("connection refused"), "{told}");
}
