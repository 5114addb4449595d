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
        "bad.toml: lesson file needs `client`".replace("bad.toml:", "bad.toml:1:1:")
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
        "bad.toml:16:9: `bytes` = \"segs * 2\": there is no parameter called `segs` in [params]"
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
