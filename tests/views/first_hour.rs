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
    assert!(
        matches!(code, Some(1 | 2)),
        "exit {code:?}: {}",
        stderr(out)
    );
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
    assert!(
        stderr(out).contains(wanted),
        "wanted {wanted:?} in:\n{}",
        stderr(out)
    );
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
    fails_saying(
        &out,
        "byte 1 (10100001) continues a character (10xxxxxx), but no character begins before it",
    );
    let out = run("en", &["bits", "--decode", "11111111"]);
    fails_saying(
        &out,
        "byte 1 (11111111) does not begin a valid UTF-8 character",
    );
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
                &[
                    "lesson",
                    "run",
                    "bulk-transfer",
                    "--quiet",
                    "--param",
                    value,
                ],
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
        &[
            "lesson",
            "run",
            "bulk-transfer",
            "--quiet",
            "--param",
            "mss=18446744073709551616",
        ],
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
    let args = [
        "lesson",
        "run",
        "bulk-transfer",
        "--param",
        segments,
        "--quiet",
    ];
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

#[test]
fn a_capture_run_as_a_lesson_is_sent_to_explain() {
    for (lang, said) in [
        (
            "en",
            "this is a pcap capture, not a lesson (a lesson is a TOML text file): to have a capture narrated, run `synack explain captures/handshake.pcap`",
        ),
        (
            "pt",
            "isto é uma captura pcap, não uma lição (uma lição é um arquivo de texto TOML): para narrar uma captura, rode `synack explain captures/handshake.pcap`",
        ),
    ] {
        let out = run(lang, &["lesson", "run", "captures/handshake.pcap"]);
        fails_saying(&out, said);
        assert!(!stderr(&out).contains("UTF-8"), "{}", stderr(&out));
    }
    let out = run("en", &["lesson", "run", "captures/handshake.pcapng"]);
    fails_saying(&out, "this is a pcapng capture, not a lesson");
}

/// A lesson file written in the test's own folder, removed when dropped.
struct TempLesson(std::path::PathBuf);

impl TempLesson {
    fn new(name: &str, text: &str) -> TempLesson {
        let path = std::env::temp_dir().join(format!("synack-{}-{name}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        TempLesson(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempLesson {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn an_empty_lesson_names_the_missing_table_and_shows_one() {
    let empty = TempLesson::new("empty.toml", "");
    for (lang, said) in [
        (
            "en",
            "the file has no `[lesson]` table, which every lesson begins with; the smallest one is\n[lesson]\ntitle.en = \"My lesson\"",
        ),
        (
            "pt",
            "o arquivo não tem a tabela `[lesson]`, com que toda lição começa; a menor possível é\n[lesson]\ntitle.pt = \"Minha lição\"",
        ),
    ] {
        let out = run(lang, &["lesson", "run", empty.path()]);
        fails_saying(&out, said);
        assert!(!stderr(&out).contains("needs `lesson`"), "{}", stderr(&out));
    }
}

#[test]
fn a_word_where_a_number_goes_says_a_number_or_an_expression_is_expected() {
    let text = "[lesson]\ntitle = \"t\"\n\n[client]\naddr = \"10.0.0.1:1000\"\nisn = \"abc\"\n\n[server]\naddr = \"10.0.0.2:80\"\n";
    let lesson = TempLesson::new("isn.toml", text);
    for (lang, said) in [
        (
            "en",
            ":6:7: `isn` = \"abc\": a number or an expression of the lesson's [params] is expected",
        ),
        (
            "pt",
            ":6:7: `isn` = \"abc\": espera-se um número ou uma expressão com os [params] da lição",
        ),
    ] {
        let out = run(lang, &["lesson", "run", lesson.path()]);
        fails_saying(&out, said);
    }
}

#[test]
fn language_tags_are_taken_in_any_case_with_or_without_a_region() {
    for tag in ["pt", "pt-BR", "pt_BR", "PT", "pt-br"] {
        let out = synack(&["--lang", tag, "lesson", "list"], b"");
        assert!(out.status.success(), "{tag}: {}", stderr(&out));
        assert!(
            stdout(&out).starts_with("Lições"),
            "{tag}: {}",
            stdout(&out)
        );
    }
    for tag in ["en", "en-US", "en_GB", "EN"] {
        let out = synack(&["--lang", tag, "lesson", "list"], b"");
        assert!(out.status.success(), "{tag}: {}", stderr(&out));
        assert!(
            stdout(&out).starts_with("Lessons"),
            "{tag}: {}",
            stdout(&out)
        );
    }
    fails_saying(
        &synack(&["--lang", "fr", "lesson", "list"], b""),
        "`fr` is not a language synack speaks: use en or pt",
    );
    // The locale says Portuguese, so the mistake is said in Portuguese.
    let out = std::process::Command::new(support::synack_bin())
        .args(["--lang", "fr", "lesson", "list"])
        .env("LANG", "pt_BR.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    fails_saying(&out, "`fr` não é um idioma que o synack fala: use en ou pt");
}

#[test]
fn a_missing_capture_or_a_folder_is_said_in_words() {
    for (lang, missing, folder) in [
        (
            "en",
            "there is no file nosuch.pcap",
            "is a folder, not a capture file",
        ),
        (
            "pt",
            "não existe o arquivo nosuch.pcap",
            "é uma pasta, não um arquivo de captura",
        ),
    ] {
        let out = run(lang, &["explain", "nosuch.pcap"]);
        fails_saying(&out, missing);
        assert!(!stderr(&out).contains("os error"), "{}", stderr(&out));
        let out = run(lang, &["explain", "captures"]);
        fails_saying(&out, &format!("captures {folder}"));
        assert!(!stderr(&out).contains("os error"), "{}", stderr(&out));
    }
}

#[test]
fn quitting_a_stepped_run_says_where_it_stopped() {
    // Enter twice, then `q` after the third step.
    for (lang, said) in [
        ("en", "stopped at step 3 of "),
        ("pt", "parou no passo 3 de "),
    ] {
        let out = synack(&["--lang", lang, "handshake", "--step"], b"\n\nq\n");
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stderr(&out).contains(said), "{}", stderr(&out));
        let total: u64 = stderr(&out)
            .trim_end()
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("the total");
        assert!(total > 3, "{}", stderr(&out));
    }
}
