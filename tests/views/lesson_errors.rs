//! A lesson with a mistake gets an error that points at its line and says what
//! is wrong, in the user's language.

use synack::lesson::{Lesson, LessonError, RunError, compile};
use synack::narrate::{Lang, Localize};
use synack::trace::Discard;

const GOOD: &str = r#"
[lesson]
title = "t"

[client]
addr = "10.0.0.1:1000"

[server]
addr = "10.0.0.2:80"

[[call]]
server = "listen"

[[call]]
client = "connect"
"#;

fn error(text: &str) -> String {
    compile("bad.toml", text, &[])
        .expect_err("should not compile")
        .localize(Lang::En)
}

#[test]
fn the_good_lesson_compiles() {
    compile("good.toml", GOOD, &[]).unwrap();
}

#[test]
fn unknown_key_points_at_its_line_and_suggests_the_right_one() {
    let text = GOOD.replace("[server]\n", "[server]\nretires = 3\n");
    assert_eq!(
        error(&text),
        "bad.toml:9:1: unknown key `retires` in server; did you mean `retries`?"
    );
    let text = GOOD.replacen(
        "[[call]]\nserver",
        "[link]\nlatncy = \"5ms\"\n\n[[call]]\nserver",
        1,
    );
    assert_eq!(
        error(&text),
        "bad.toml:12:1: unknown key `latncy` in link; did you mean `latency`?"
    );
}

#[test]
fn bad_address_says_what_an_address_looks_like() {
    let text = GOOD.replace("10.0.0.2:80", "10.0.0.2");
    assert_eq!(
        error(&text),
        "bad.toml:9:8: `10.0.0.2` is not an address with a port, like \"192.168.0.10:49152\" or \"[2001:db8::1]:80\""
    );
}

#[test]
fn mixing_ipv4_and_ipv6_is_refused() {
    let text = GOOD.replace("10.0.0.2:80", "[2001:db8::2]:80");
    assert_eq!(
        error(&text),
        "bad.toml:9:1: the client and the server must both use IPv4 or both use IPv6"
    );
}

#[test]
fn a_call_in_the_wrong_state_is_an_error_at_its_line() {
    let text = format!(
        "{GOOD}\n[[call]]\nclient = \"close\"\nat = \"1s\"\n\n[[call]]\nclient = \"send\"\ntext = \"late\"\nafter = \"5ms\"\n"
    );
    let lesson = compile("bad.toml", &text, &[]).unwrap();
    let err = match lesson.run(Lang::En, &mut Discard) {
        Err(RunError::Lesson(e)) => e,
        other => panic!("expected a lesson error, got {other:?}"),
    };
    assert_eq!(
        err.localize(Lang::En),
        "bad.toml:21:1: the client cannot call send() in FIN-WAIT-1: the connection is closing"
    );
    assert_eq!(
        err.localize(Lang::Pt),
        "bad.toml:21:1: o cliente não pode chamar send() em FIN-WAIT-1: a conexão está sendo encerrada"
    );
}

#[test]
fn missing_sections_and_keys_are_named() {
    let text = GOOD.replace("[client]\naddr = \"10.0.0.1:1000\"\n", "");
    assert_eq!(
        error(&text),
        "bad.toml:1:1: the file has no `[client]` table; the smallest one is\n[client]\naddr = \"192.168.0.10:49152\""
    );
    let text = GOOD.replace("addr = \"10.0.0.1:1000\"", "isn = 5");
    assert!(
        error(&text).starts_with("bad.toml:5:1: client needs `addr`"),
        "{}",
        error(&text)
    );
}

#[test]
fn wrong_types_and_ranges_are_explained() {
    let text = GOOD.replace("[client]\n", "[client]\nmss = 0\n");
    assert_eq!(
        error(&text),
        "bad.toml:6:7: `mss` = 0 is out of range: it must be between 1 and 65495"
    );
    let text = GOOD.replace("[client]\n", "[client]\nsack = \"yes\"\n");
    assert_eq!(error(&text), "bad.toml:6:1: `sack` must be true or false");
    let text = GOOD.replace("title = \"t\"", "title = 5");
    assert_eq!(error(&text), "bad.toml:3:1: `title` must be text in quotes");
}

#[test]
fn durations_and_expressions_are_checked() {
    let text = GOOD.replace(
        "client = \"connect\"",
        "client = \"connect\"\nat = \"10 parsecs\"",
    );
    assert_eq!(
        error(&text),
        "bad.toml:16:6: `at` = \"10 parsecs\" is not a duration; write it like \"10ms\", \"1.5s\", \"250us\" or \"2min\""
    );
    let text = GOOD.replace(
        "client = \"connect\"",
        "client = \"send\"\nbytes = \"segs * 2\"",
    );
    assert_eq!(
        error(&text),
        "bad.toml:16:9: `bytes` = \"segs * 2\": a number or an expression of the lesson's [params] is expected (like 100 or \"segments * mss\"), and `segs` is neither a number nor a parameter in [params]"
    );
}

#[test]
fn calls_and_faults_must_be_complete() {
    let text = GOOD.replace("client = \"connect\"", "client = \"send\"");
    assert_eq!(
        error(&text),
        "bad.toml:14:1: a send needs exactly one of `text = \"…\"`, `bytes = N` or `echo = true`"
    );
    let text = GOOD.replace("client = \"connect\"", "client = \"conect\"");
    assert!(error(&text).contains("`conect` is not a call; did you mean `connect`?"));
    let text = format!("{GOOD}\n[[fault]]\naction = \"drop\"\n");
    assert_eq!(
        error(&text),
        "bad.toml:17:1: a [[fault]] needs exactly one of `nth = N`, `flags = \"…\"`, `data = true` or `any = true`"
    );
    let text = format!("{GOOD}\n[[fault]]\naction = \"drop\"\nflags = \"SYN,BOGUS\"\n");
    assert_eq!(
        error(&text),
        "bad.toml:19:9: `SYN,BOGUS` is not a set of TCP flags, like \"SYN\" or \"SYN,ACK\""
    );
}

#[test]
fn toml_syntax_errors_point_at_the_line() {
    let text = GOOD.replace("[server]", "[server");
    let msg = error(&text);
    assert!(msg.starts_with("bad.toml:8:"), "{msg}");
    assert!(msg.contains("this is not valid TOML"), "{msg}");
}

#[test]
fn unknown_states_in_expect_are_listed() {
    let text = format!("{GOOD}\n[expect]\nclient_final = \"OPEN\"\n");
    let msg = error(&text);
    assert!(
        msg.starts_with("bad.toml:18:16: `OPEN` is not a TCP state"),
        "{msg}"
    );
}

#[test]
fn param_overrides_must_exist_and_be_numbers() {
    let err = Lesson::load("bulk-transfer", &[("segmnts".into(), "5".into())]).unwrap_err();
    assert_eq!(
        err.localize(Lang::En),
        "bulk-transfer: this lesson has no parameter `segmnts` (its parameters: mss, segments)"
    );
    let err = Lesson::load("handshake", &[("segments".into(), "5".into())]).unwrap_err();
    assert_eq!(
        err.localize(Lang::En),
        "handshake: this lesson has no parameter `segments`: it takes no parameters"
    );
    let err = Lesson::load("bulk-transfer", &[("segments".into(), "many".into())]).unwrap_err();
    assert_eq!(
        err.localize(Lang::En),
        "bulk-transfer: `--param segments=many`: the value must be a whole number"
    );
}

#[test]
fn unknown_lessons_suggest_a_name() {
    let err: LessonError = Lesson::load("handshak", &[]).unwrap_err();
    assert_eq!(
        err.localize(Lang::En),
        "handshak: there is no lesson or file called `handshak`; did you mean `handshake`? (`synack lesson list` shows them all)"
    );
}

#[test]
fn broken_expectations_are_reported_at_their_line() {
    let text = format!("{GOOD}\n[expect]\nsegments = 4\nclient_final = \"CLOSED\"\n");
    let lesson = compile("bad.toml", &text, &[]).unwrap();
    let checked = lesson.run(Lang::En, &mut Discard).unwrap();
    let messages: Vec<String> = checked
        .failures
        .iter()
        .map(|f| f.localize(Lang::En))
        .collect();
    assert_eq!(
        messages,
        [
            "bad.toml:18:1: expected segments = 4, but the run gave 3",
            "bad.toml:19:1: expected client_final = CLOSED, but the run gave ESTABLISHED",
        ]
    );
}

#[test]
fn broken_congestion_expectations_are_reported_at_their_line() {
    // GOOD only opens the connection: each host reports its initial window
    // (IW = 3·1460 = 4380, RFC 5681 §3.1) and nothing else moves.
    let text = format!(
        "{GOOD}\n[expect]\nfast_retransmits = 1\ntimeouts = 0\nclient_cwnd = 4380\n\
         client_min_cwnd = 1460\nserver_ssthresh = 2920\n\
         client_congestion = [\"initial\", \"slow-start\"]\nserver_congestion = [\"initial\"]\n"
    );
    let lesson = compile("bad.toml", &text, &[]).unwrap();
    let checked = lesson.run(Lang::En, &mut Discard).unwrap();
    let messages: Vec<String> = checked
        .failures
        .iter()
        .map(|f| f.localize(Lang::En))
        .collect();
    assert_eq!(
        messages,
        [
            "bad.toml:18:1: expected fast_retransmits = 1, but the run gave 0",
            "bad.toml:21:1: expected client_min_cwnd = 1460, but the run gave 4380",
            "bad.toml:22:1: expected server_ssthresh = 2920, but the run gave -",
            "bad.toml:23:1: expected client_congestion = initial → slow-start, but the run gave initial",
        ]
    );
}

#[test]
fn an_unknown_congestion_cause_lists_the_names() {
    let text = format!("{GOOD}\n[expect]\nclient_congestion = [\"initial\", \"slowstart\"]\n");
    let message = error(&text);
    assert!(
        message.starts_with("bad.toml:18:")
            && message.contains("`slowstart` is not a congestion step")
            && message.contains("\"slow-start\""),
        "{message}"
    );
}

/// Every other mistake a lesson can hold, each at its line, in both languages
/// where the wording matters.
#[test]
fn every_kind_of_mistake_has_its_message() {
    let fault = |body: &str| format!("{GOOD}\n[[fault]]\n{body}\n");
    let call = |body: &str| GOOD.replace("client = \"connect\"", body);
    let cases: Vec<(String, &str)> = vec![
        (
            GOOD.replace("10.0.0.2:80", "10.0.0.1:1000"),
            "bad.toml:9:1: the client and the server cannot have the same address and port",
        ),
        (
            call("client = \"close\"\ntext = \"x\""),
            "bad.toml:15:10: `text`, `bytes` and `echo` belong to a \"send\", not to \"close\"",
        ),
        (
            call("client = \"connect\"\nserver = \"close\""),
            "bad.toml:14:1: a [[call]] names exactly one host: `client = \"…\"` or `server = \"…\"`",
        ),
        (
            call("client = \"connect\"\nat = \"1s\"\nafter = \"2s\""),
            "bad.toml:14:1: a [[call]] can have only one of `at`, `after` and `when`",
        ),
        (
            call("client = \"connect\"\ndelay = \"1s\""),
            "bad.toml:16:1: `delay` only goes with `when` (use `after` to wait after the previous call)",
        ),
        (
            call("client = \"connect\"\nwhen = \"OPEN\""),
            "bad.toml:16:8: `when = \"OPEN\"` is not a condition; write a state (\"ESTABLISHED\"), a host and a state (\"server CLOSE-WAIT\") or \"data\"",
        ),
        (
            fault("action = \"delay\"\nnth = 1"),
            "bad.toml:17:1: `delay` is needed by, and only by, `action = \"delay\"`",
        ),
        (
            fault("action = \"drop\"\nnth = 1\ndelay = \"5ms\""),
            "bad.toml:20:1: `delay` is needed by, and only by, `action = \"delay\"`",
        ),
        (
            fault("action = \"mangle\"\nnth = 1"),
            "bad.toml:18:10: `mangle` is not a fault; use \"drop\", \"duplicate\", \"delay\" or \"reorder\"",
        ),
        (
            fault("action = \"drop\"\nnth = 1\nfrom = \"router\""),
            "bad.toml:20:8: `router` is not a host: use \"client\" or \"server\"",
        ),
        (
            format!("{GOOD}\n[expect]\nclient_error = \"exploded\"\n"),
            "bad.toml:18:16: `exploded` is not a connection error; use \"refused\", \"reset\" or \"timed-out\"",
        ),
        (
            GOOD.replace("[server]\n", "[link]\nloss = 1.5\n\n[server]\n"),
            "bad.toml:9:8: `loss` = 1.5 is out of range: it must be between 0 and 1",
        ),
        (
            format!("[params]\nmax-size = 3\n{GOOD}"),
            "bad.toml:2:1: `max-size` cannot be a parameter name: use letters, digits and _ (a - would be read as a minus sign)",
        ),
        (
            call("client = \"send\"\nbytes = \"2 +\""),
            "bad.toml:16:9: `bytes` = \"2 +\": it stops too early: a number or a parameter name is missing at the end",
        ),
        (
            call("client = \"send\"\nbytes = \"(2\""),
            "bad.toml:16:9: `bytes` = \"(2\": a `(` is never closed with `)`",
        ),
        (
            call("client = \"send\"\nbytes = \"-5\""),
            "bad.toml:16:9: `bytes` = \"-5\": it is not an expression I can read (near `-`)",
        ),
        (
            call("client = \"send\"\nbytes = \"4 / (2 - 2)\""),
            "bad.toml:16:9: `bytes` = \"4 / (2 - 2)\": it divides by zero",
        ),
        (
            call("client = \"send\"\nbytes = \"99999999999999999999\""),
            "bad.toml:16:9: `bytes` = \"99999999999999999999\": the result does not fit (it is negative or too large)",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(error(&text), expected, "lesson:\n{text}");
    }
    let pt = compile("bad.toml", &call("client = \"send\"\nbytes = \"2 +\""), &[])
        .unwrap_err()
        .localize(Lang::Pt);
    assert_eq!(
        pt,
        "bad.toml:16:9: `bytes` = \"2 +\": termina cedo demais: falta um número ou o nome de um parâmetro no fim"
    );
}

#[test]
fn extreme_params_are_refused_not_overflowed() {
    for (name, value) in [
        ("segments", "18446744073709551615"),
        ("mss", "0"),
        ("segments", "-1"),
        ("segments", "18446744073709551616"),
    ] {
        let result = Lesson::load("bulk-transfer", &[(name.into(), value.into())]);
        let err = result.expect_err(value).localize(Lang::En);
        assert!(err.starts_with("bulk-transfer"), "{name}={value}: {err}");
    }
}

#[test]
fn unreadable_and_oversized_files_are_refused() {
    let dir = std::env::temp_dir().join(format!("synack-lesson-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("nothing-here.toml");
    let err = Lesson::load(missing.to_str().unwrap(), &[])
        .unwrap_err()
        .localize(Lang::En);
    assert!(err.contains("nothing-here.toml"), "{err}");
    let huge = dir.join("huge.toml");
    let mut text = GOOD.to_string();
    while text.len() <= 1 << 20 {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    std::fs::write(&huge, text).unwrap();
    let err = Lesson::load(huge.to_str().unwrap(), &[])
        .unwrap_err()
        .localize(Lang::En);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        err.contains("huge.toml") && err.contains("larger than"),
        "{err}"
    );
}
