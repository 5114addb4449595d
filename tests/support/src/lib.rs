//! Helpers shared by the integration tests: one crate that every test binary
//! depends on, so each binary uses what it needs and nothing is compiled as
//! dead code into the others.

use std::process::{Command, Output};

use synack::app::lesson::RunOptions;
use synack::app::output::{ViewMode, ViewOptions};
use synack::narrate::Lang;

/// Runs a lesson through the library into a string, colour off, 80 columns.
pub fn render(
    lesson: &str,
    params: &[(&str, &str)],
    lang: Lang,
    tweak: impl Fn(&mut ViewOptions),
) -> String {
    let mut view = ViewOptions {
        lang,
        ..ViewOptions::default()
    };
    tweak(&mut view);
    let opts = RunOptions {
        lesson: lesson.to_string(),
        params: params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        view,
        ..RunOptions::default()
    };
    let mut out = Vec::new();
    let mut warn = Vec::new();
    synack::app::lesson::run(&opts, &mut out, &mut warn, None).expect("lesson runs");
    assert!(
        warn.is_empty(),
        "expectations broken: {}",
        String::from_utf8_lossy(&warn)
    );
    String::from_utf8(out).expect("UTF-8 output")
}

pub fn json(view: &mut ViewOptions) {
    view.mode = ViewMode::Json;
}

/// Runs the `synack` binary with colour off and a fixed language environment.
pub fn synack(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(synack_bin())
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("synack starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("synack finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Narration with its line breaks undone, so a test can look for a whole
/// sentence wherever the wrapping fell.
pub fn unwrapped(text: &str) -> String {
    text.lines().map(str::trim).collect::<Vec<_>>().join(" ")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub mod chat;
pub mod netns;
pub mod server;
pub mod tcp;
pub mod tools;

/// The `synack` binary cargo built beside the running test. A dependency
/// crate does not get `CARGO_BIN_EXE_synack`, but cargo puts test binaries in
/// `deps/` under the folder that holds the package's binaries.
pub fn synack_bin() -> std::path::PathBuf {
    let mut dir = std::env::current_exe().expect("the test knows its own path");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join(format!("synack{}", std::env::consts::EXE_SUFFIX))
}

/// Every frame of a capture file with its pcapng comment, if any.
pub fn frames(path: &std::path::Path) -> Vec<(Vec<u8>, Option<String>)> {
    use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketOption;
    let data = std::fs::read(path).unwrap();
    let mut out = Vec::new();
    if data.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        let mut reader = pcap_file::pcapng::PcapNgReader::new(&data[..]).unwrap();
        while let Some(block) = reader.next_block() {
            if let pcap_file::pcapng::Block::EnhancedPacket(epb) = block.unwrap() {
                let comment = epb.options.iter().find_map(|o| match o {
                    EnhancedPacketOption::Comment(c) => Some(c.to_string()),
                    _ => None,
                });
                out.push((epb.data.to_vec(), comment));
            }
        }
    } else {
        let mut reader = pcap_file::pcap::PcapReader::new(&data[..]).unwrap();
        while let Some(p) = reader.next_packet() {
            out.push((p.unwrap().data.to_vec(), None));
        }
    }
    out
}
