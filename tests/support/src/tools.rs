//! External tools in tests: required in CI (a missing tool fails the test),
//! optional elsewhere (the test says why it skips).
//!
//! A skip is written straight to the process's stderr, not through
//! `eprintln!`, which the test harness captures and shows only for failing
//! tests: a skipped check must not pass for a passed one unseen.

use std::io::Write;
use std::process::Command;

/// Every tool some test needs, and what it lets the tests check.
pub const TOOLS: &[(&str, &str)] = &[
    (
        "tshark",
        "every capture opens cleanly in Wireshark's dissectors; explain's analysis equals Wireshark's, frame by frame",
    ),
    (
        "tcpdump",
        "real traffic captured live: explain against the kernel's own states, the network-namespace captures, a played handshake",
    ),
    (
        "python3",
        "interop with the class's Python programs; traffic generators",
    ),
    ("socat", "echo interop with socat"),
    ("nc", "echo and talk interop with netcat"),
    (
        "ip",
        "two machines on one: network namespaces and veth pairs",
    ),
    (
        "tc",
        "a token-bucket queue that overflows (namespace captures)",
    ),
    (
        "nft",
        "random loss before and after the capture point (namespace captures)",
    ),
    (
        "ethtool",
        "TSO, GSO and GRO off, so captured packets are real segments",
    ),
    (
        "setpriv",
        "capturing without permission is refused with a clear message",
    ),
    (
        "xmllint",
        "every sequence diagram and graph (SVG) is well-formed XML",
    ),
    (
        "rsvg-convert",
        "every sequence diagram and graph draws in librsvg into a picture that is not blank",
    ),
    (
        "chromium",
        "the HTML player stepped with the keyboard in a headless browser",
    ),
    (
        "playwright",
        "Playwright for Python (pip install playwright), which drives that browser",
    ),
];

/// Whether `tool` is on the PATH.
pub fn installed(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Says why a test skips, where a user running `cargo test` sees it.
pub fn say_skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "skipping: {why}");
}

/// Whether `tool` is installed; panics in CI if it is not.
pub fn require(tool: &str) -> bool {
    let found = installed(tool);
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{tool} is required in CI but is not installed");
        }
        say_skip(&format!("{tool} is not installed (CI installs it)"));
    }
    found
}

/// Whether the tests run as root (checked without a tool of its own).
pub fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Whether the tests run as root, which CI does: there a test that needs it
/// (live capture, network namespaces) may rely on it; elsewhere it says why
/// it skips. `what` names what root is for.
pub fn is_root(what: &str) -> bool {
    let root = running_as_root();
    if !root {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} must run as root in CI"
        );
        say_skip(&format!("not root, so no {what}"));
    }
    root
}
