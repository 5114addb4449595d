//! `synack bits`, and proof that `--bits` shows the bytes that really go on the
//! wire: its header and checksum agree with pnet's independent computation.

use synack_test_support as support;

use pnet_packet::Packet;
use pnet_packet::tcp::TcpPacket;
use support::{stderr, stdout, synack};
use synack::lesson::{BUILTIN, Lesson};
use synack::narrate::Lang;
use synack::trace::{StepKind, Trace};
use synack::view::header_bits::segment_bits;
use synack::view::style::Style;
use synack::wire::{FrameEncoder, tcp_header_bytes};

fn snapshot(name: &str, body: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), body));
}

fn run(args: &[&str]) -> String {
    let out = synack(args, b"");
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        stdout(&out),
        stderr(&out)
    )
}

#[test]
fn bits_of_text() {
    snapshot("bits_cmd__ascii", run(&["bits", "Hello, world"]));
    snapshot(
        "bits_cmd__portuguese",
        run(&["--lang", "pt", "bits", "Ação é coração"]),
    );
    snapshot("bits_cmd__emoji", run(&["bits", "ok 👍🏽"]));
    snapshot(
        "bits_cmd__decode",
        run(&["bits", "--decode", "01001000 01101001"]),
    );
    snapshot(
        "bits_cmd__decode_unspaced",
        run(&["bits", "--decode", "0100100001101001"]),
    );
}

#[test]
fn bits_errors_say_what_is_wrong() {
    snapshot(
        "bits_cmd__error_not_a_bit",
        run(&["bits", "--decode", "01001002"]),
    );
    snapshot(
        "bits_cmd__error_not_whole_bytes",
        run(&["bits", "--decode", "010010"]),
    );
    snapshot(
        "bits_cmd__error_bad_group",
        run(&["bits", "--decode", "01001000 0110100"]),
    );
    snapshot(
        "bits_cmd__error_not_utf8",
        run(&["--lang", "pt", "bits", "--decode", "11000011 00101000"]),
    );
    snapshot("bits_cmd__error_empty", run(&["bits", "--decode", "   "]));
}

#[test]
fn text_on_standard_input_is_refused_not_cut_when_it_cannot_be_shown() {
    let out = synack(&["bits"], "Olá\n".as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("01001111"), "{}", stdout(&out));
    let out = synack(&["bits"], b"ok\xff");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("standard input is not UTF-8 text (it stops being valid at byte 2)"),
        "{}",
        stderr(&out)
    );
    let out = synack(&["bits"], &vec![b'a'; (1 << 20) + 1]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("standard input is longer than 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_fails_the_command() {
    for args in [&["bits", "Hi"][..], &["bits", "--decode", "01001000"][..]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_synack"))
            .args(args)
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
}

#[test]
fn decode_undoes_encode() {
    for text in ["Hi", "Olá, mundo", "ok 👍🏽", "tab\there"] {
        let bits = synack::bits::to_bits(text.as_bytes());
        assert_eq!(synack::bits::parse_bits(&bits).unwrap(), text.as_bytes());
    }
}

/// The checksum value printed by `--bits` for a segment.
fn printed_checksum(lines: &[String]) -> u16 {
    let line = lines
        .iter()
        .find(|l| l.contains("Checksum: 0x"))
        .expect("checksum row");
    let hex = line.split("Checksum: 0x").nth(1).unwrap();
    u16::from_str_radix(&hex[..4], 16).unwrap()
}

#[test]
fn bits_view_agrees_with_an_independent_checksum() {
    let mut checked = 0;
    for (name, _) in BUILTIN {
        let mut trace = Trace::default();
        let params = if *name == "bulk-transfer" {
            vec![("segments".to_string(), "3".to_string())]
        } else {
            Vec::new()
        };
        let lesson = Lesson::load(name, &params).unwrap();
        let _ = lesson.run(Lang::En, &mut trace).unwrap();
        for step in &trace.steps {
            let StepKind::Send { transmit: tx, .. } = &step.kind else {
                continue;
            };
            let seg = &tx.segment;
            // pnet parses our frame and computes the checksum its own way.
            let mut enc = FrameEncoder::new();
            let frame = enc.tcp(seg, 1).unwrap().to_vec();
            let tcp = TcpPacket::new(&frame[14 + 20..]).unwrap();
            let (std::net::IpAddr::V4(src), std::net::IpAddr::V4(dst)) =
                (seg.src.ip(), seg.dst.ip())
            else {
                panic!("lessons are IPv4")
            };
            let independent = pnet_packet::tcp::ipv4_checksum(&tcp, &src, &dst);
            assert_eq!(tcp.get_checksum(), independent, "{name}: frame checksum");
            // The header --bits draws is the one in the frame, byte for byte.
            let header = tcp_header_bytes(seg).unwrap();
            assert_eq!(&frame[14 + 20..14 + 20 + header.len()], &header[..]);
            assert_eq!(tcp.packet()[..header.len()], header[..]);
            let lines = segment_bits(seg, None, Lang::En, Style::default(), 70);
            assert_eq!(
                printed_checksum(&lines),
                independent,
                "{name}: printed checksum"
            );
            // And the worked sum ends in the same value.
            let last = lines.last().unwrap();
            assert!(
                last.ends_with(&format!("0x{independent:04x}")),
                "{name}: {last}"
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} segments checked");
}

#[test]
fn ipv6_checksums_agree_too() {
    let mut seg = synack::tcp::Segment::new(
        "[2001:db8::1]:49152".parse().unwrap(),
        "[2001:db8::2]:80".parse().unwrap(),
        synack::tcp::SeqNumber(4_294_967_000),
        synack::tcp::Flags::PSH | synack::tcp::Flags::ACK,
    );
    seg.payload = bytes::Bytes::from_static(b"odd length!");
    let mut enc = FrameEncoder::new();
    let frame = enc.tcp(&seg, 1).unwrap().to_vec();
    let tcp = TcpPacket::new(&frame[14 + 40..]).unwrap();
    let (std::net::IpAddr::V6(src), std::net::IpAddr::V6(dst)) = (seg.src.ip(), seg.dst.ip())
    else {
        panic!()
    };
    let independent = pnet_packet::tcp::ipv6_checksum(&tcp, &src, &dst);
    assert_eq!(tcp.get_checksum(), independent);
    let lines = segment_bits(&seg, None, Lang::En, Style::default(), 70);
    assert_eq!(printed_checksum(&lines), independent);
}
