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

#[test]
fn parameters_too_large_or_negative_say_so_with_the_limit() {
    for (lang, big, negative) in [
        (
            "en",
            "`--param segments=99999999999999999999` is too large: this parameter goes up to 10000000",
            "`--param segments=-5`: a parameter counts something, so it cannot be negative",
        ),
        (
            "pt",
            "`--param segments=99999999999999999999` é grande demais: este parâmetro vai no máximo até 10000000",
            "`--param segments=-5`: um parâmetro conta alguma coisa, então não pode ser negativo",
        ),
    ] {
        let run_with = |value: &str| {
            run(
                lang,
                &["lesson", "run", "bulk-transfer", "--quiet", "--param", value],
            )
        };
        fails_saying(&run_with("segments=99999999999999999999"), big);
        fails_saying(&run_with("segments=-5"), negative);
        // Above the documented limit: refused at once, not run for hours.
        let started = std::time::Instant::now();
        fails_saying(&run_with("segments=4294967296"), "10000000");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    // A parameter with no limit of its own goes up to the largest u64.
    let out = run(
        "en",
        &["lesson", "run", "bulk-transfer", "--quiet", "--param", "mss=18446744073709551616"],
    );
    fails_saying(&out, "goes up to 18446744073709551615");
}

/// A long run shows a progress bar on a terminal's standard error, and
/// nothing at all where standard error is a pipe.
#[cfg(target_os = "linux")]
#[test]
fn a_long_quiet_run_shows_progress_on_a_terminal_only() {
    // Some seconds of work in either build: the bar waits for one.
    let (segments, bytes) = if cfg!(debug_assertions) {
        ("segments=300000", "of 438000000 bytes")
    } else {
        ("segments=3000000", "of 4380000000 bytes")
    };
    let args = ["lesson", "run", "bulk-transfer", "--param", segments, "--quiet"];
    let piped = synack(&args, b"");
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(stderr(&piped).is_empty(), "{}", stderr(&piped));
    // `script` runs the command on a pseudo-terminal (util-linux).
    let command = format!("{} {}", support::synack_bin().display(), args.join(" "));
    let Ok(out) = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", "C")
        .output()
    else {
        eprintln!("skipped: no `script` to give synack a terminal");
        return;
    };
    assert!(out.status.success(), "{}", stderr(&out));
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("bytes delivered"), "{screen}");
    assert!(screen.contains(bytes), "{screen}");
}
