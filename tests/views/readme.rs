//! The README shows real output: every deterministic example in it is run
//! again here and must match, line for line (excerpts marked with `…` must
//! appear in order in the real output).

use synack_test_support as support;

use support::{stdout, synack};

/// The block of output under the line `$ synack ARGS` in the README.
fn shown(readme: &str, command: &str) -> Vec<String> {
    let start = readme
        .find(&format!("\n$ synack {command}\n"))
        .unwrap_or_else(|| panic!("README no longer shows `synack {command}`"));
    let body = &readme[start + command.len() + 11..];
    let end = body.find("\n```").expect("the block ends");
    let mut lines: Vec<String> = body[..end]
        .lines()
        .take_while(|l| !l.starts_with("$ "))
        .map(|l| l.trim_end().to_string())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn check(args: &[&str], command: &str) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let expected = shown(&readme, command);
    let out = synack(args, b"");
    let actual: Vec<String> = stdout(&out)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    if expected.iter().any(|l| l == "…") {
        // An excerpt: each run of lines between `…` appears in order.
        let mut from = 0;
        for part in expected.split(|l| l == "…").filter(|p| !p.is_empty()) {
            let at = (from..actual.len())
                .find(|&i| actual.get(i..i + part.len()) == Some(part))
                .unwrap_or_else(|| {
                    panic!(
                        "`synack {command}`: README excerpt not in the output:\n{}",
                        part.join("\n")
                    )
                });
            from = at + part.len();
        }
    } else {
        assert_eq!(
            expected, actual,
            "`synack {command}` differs from the README"
        );
    }
}

#[test]
fn the_readmes_examples_are_real_output() {
    check(&["handshake"], "handshake");
    check(&["handshake", "--explain"], "handshake --explain");
    check(
        &["--lang", "pt", "handshake", "--explain"],
        "--lang pt handshake --explain",
    );
    check(
        &["lesson", "run", "data-transfer", "--bits"],
        "lesson run data-transfer --bits",
    );
    check(&["lesson", "list"], "lesson list");
    check(
        &["lesson", "run", "fast-recovery", "--explain"],
        "lesson run fast-recovery --explain",
    );
    check(&["bits", "Olá!"], "bits 'Olá!'");
    check(
        &["bits", "--decode", "01001000 01101001"],
        "bits --decode '01001000 01101001'",
    );
    check(
        &["explain", "captures/lost-syn-ack.pcap"],
        "explain captures/lost-syn-ack.pcap",
    );
    check(
        &[
            "explain",
            "tests/captures/real/lossy-both-copies.pcap",
            "--explain",
            "--frame",
            "139-141",
        ],
        "explain tests/captures/real/lossy-both-copies.pcap --explain --frame 139-141",
    );
    check(
        &[
            "explain",
            "tests/captures/real/played-handshake.pcap",
            "--explain",
            "--frame",
            "4",
        ],
        "explain tests/captures/real/played-handshake.pcap --explain --frame 4",
    );
    check(
        &["rdt", "compare", "--loss", "0.1", "--corrupt", "0.05"],
        "rdt compare --loss 0.1 --corrupt 0.05",
    );
}
