//! What a new user meets in the first hour, in both languages: messages that
//! say what happened and what to do, exit codes that say whether it worked,
//! and no panic whatever was typed.

use synack_test_support as support;

use support::{stderr, stdout, synack};

/// Runs `synack --lang LANG ARGS…` with nothing on standard input.
fn run(lang: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", lang];
    all.extend_from_slice(args);
    synack(&all, b"")
}

/// The command failed as a user mistake (exit 1 or 2, never a panic's 101)
/// and its message on standard error contains `wanted`.
fn fails_saying(out: &std::process::Output, wanted: &str) {
    let code = out.status.code();
    assert!(matches!(code, Some(1 | 2)), "exit {code:?}: {}", stderr(out));
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
    assert!(stderr(out).contains(wanted), "wanted {wanted:?} in:\n{}", stderr(out));
}

#[test]
fn empty_text_says_there_are_no_bits_to_show() {
    for (lang, said) in [
        ("en", "the text is empty: there are no bits to show"),
        ("pt", "o texto está vazio: não há bits para mostrar"),
    ] {
        let out = run(lang, &["bits", ""]);
        fails_saying(&out, said);
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    }
    // Empty standard input is the same empty text.
    let out = synack(&["bits"], b"\n");
    fails_saying(&out, "the text is empty");
}

#[test]
fn a_lead_byte_without_its_continuation_is_a_character_cut_short() {
    for (lang, said) in [
        (
            "en",
            "byte 1 (11000011) begins a 2-byte character, but the bits end before its continuation byte: the character is cut short",
        ),
        (
            "pt",
            "o byte 1 (11000011) começa um caractere de 2 bytes, mas os bits terminam antes do byte de continuação: o caractere ficou cortado",
        ),
    ] {
        let out = run(lang, &["bits", "--decode", "11000011"]);
        fails_saying(&out, said);
        assert!(!stderr(&out).contains("does not begin"), "{}", stderr(&out));
    }
    let out = run("en", &["bits", "--decode", "11000011 00101000"]);
    fails_saying(
        &out,
        "byte 1 (11000011) begins a 2-byte character, but byte 2 (00101000) does not continue it",
    );
    let out = run("en", &["bits", "--decode", "10100001"]);
    fails_saying(&out, "byte 1 (10100001) continues a character (10xxxxxx), but no character begins before it");
    let out = run("en", &["bits", "--decode", "11111111"]);
    fails_saying(&out, "byte 1 (11111111) does not begin a valid UTF-8 character");
}

#[test]
fn a_refused_connection_is_said_refused_once_not_reset_too() {
    for (lang, said, not) in [
        ("en", "· refused (RST) · client CLOSED", "reset"),
        ("pt", "· recusada (RST) · cliente CLOSED", "reiniciada"),
    ] {
        let out = run(
            lang,
            &["explain", "captures/connection-refused.pcap", "--summary"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains(said), "{}", stdout(&out));
        assert!(!stdout(&out).contains(not), "{}", stdout(&out));
    }
}
