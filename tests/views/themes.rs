//! The projector themes as a terminal receives them: the escape codes of the
//! light palette on one ladder, no colour at all in mono, and `--theme`,
//! `SYNACK_THEME`, `COLORFGBG` and `--color never` deciding as `--help` says.

use synack_test_support as support;

use support::render;
use synack::narrate::Lang;
use synack::view::style::{Style, Theme};

/// Escape codes made visible (`␛[1;38;5;25m`), so a review reads them.
fn visible(text: &str) -> String {
    text.replace('\x1b', "␛")
}

fn themed(theme: Theme) -> String {
    render("handshake", &[], Lang::En, |v| {
        v.style = Style { color: true, theme }
    })
}

#[test]
fn the_light_theme_paints_a_ladder_in_its_own_colours() {
    let out = themed(Theme::Light);
    // The client's blue (25), the server's amber (94), times in grey (241).
    assert!(out.contains("\x1b[1;38;5;25mSYN-SENT\x1b[0m"), "{out}");
    assert!(out.contains("\x1b[1;38;5;94mLISTEN\x1b[0m"), "{out}");
    assert!(out.contains("\x1b[38;5;241m  0.010\x1b[0m"), "{out}");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!("theme_light__handshake", visible(&out)));
}

#[test]
fn mono_is_bold_at_most_and_the_same_layout() {
    let mono = themed(Theme::Mono);
    assert!(!mono.contains("38;5;"), "{mono}");
    assert!(mono.contains("\x1b[1mconnect()\x1b[0m"), "{mono}");
    let plain = render("handshake", &[], Lang::En, |_| {});
    let stripped: String = strip(&mono);
    assert_eq!(stripped, plain);
}

/// Every theme draws the same characters in the same places as plain text:
/// only escape codes are added.
#[test]
fn themes_change_colours_not_layout() {
    let plain = render("handshake", &[], Lang::En, |_| {});
    for theme in Theme::ALL {
        assert_eq!(strip(&themed(theme)), plain, "{theme:?}");
    }
}

fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut in_escape = false;
    for c in text.chars() {
        if in_escape {
            in_escape = c != 'm';
        } else if c == '\x1b' {
            in_escape = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// The binary with the environment a test names (and nothing else of colour).
fn synack_env(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(support::synack_bin());
    cmd.args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env_remove("SYNACK_THEME")
        .env_remove("COLORFGBG");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("synack runs")
}

#[test]
fn the_theme_comes_from_the_flag_then_synack_theme_then_colorfgbg() {
    let client = |out: &std::process::Output| {
        let text = support::stdout(out);
        assert!(out.status.success(), "{}", support::stderr(out));
        if text.contains("\x1b[1;38;5;25mclient") {
            "light"
        } else if text.contains("\x1b[1;38;5;51mclient") {
            "dark"
        } else if !text.contains("38;5;") {
            "mono"
        } else {
            "?"
        }
    };
    let always = ["handshake", "--color", "always"];
    let with = |extra: &[&'static str]| [&always[..], extra].concat();
    assert_eq!(client(&synack_env(&always, &[])), "dark");
    assert_eq!(
        client(&synack_env(&always, &[("COLORFGBG", "0;15")])),
        "light"
    );
    assert_eq!(
        client(&synack_env(&always, &[("COLORFGBG", "15;0")])),
        "dark"
    );
    assert_eq!(
        client(&synack_env(&always, &[("COLORFGBG", "nonsense")])),
        "dark"
    );
    let light_env = [("SYNACK_THEME", "light"), ("COLORFGBG", "15;0")];
    assert_eq!(client(&synack_env(&always, &light_env)), "light");
    assert_eq!(
        client(&synack_env(&always, &[("SYNACK_THEME", "")])),
        "dark"
    );
    let mono = with(&["--theme", "mono"]);
    assert_eq!(client(&synack_env(&mono, &light_env)), "mono");
    let dark = with(&["--theme", "dark"]);
    assert_eq!(client(&synack_env(&dark, &[("COLORFGBG", "0;15")])), "dark");
    // --color never wins over every theme.
    let never = synack_env(&["handshake", "--color", "never", "--theme", "light"], &[]);
    assert!(!support::stdout(&never).contains('\x1b'));
}

#[test]
fn a_wrong_synack_theme_is_named_not_ignored() {
    let out = synack_env(&["handshake"], &[("SYNACK_THEME", "blue")]);
    assert!(!out.status.success());
    let err = support::stderr(&out);
    assert!(err.contains("SYNACK_THEME is `blue`"), "{err}");
    assert!(err.contains("auto, dark, light or mono"), "{err}");
    // The flag overrides a wrong variable, as it overrides a right one.
    let out = synack_env(
        &["handshake", "--theme", "light"],
        &[("SYNACK_THEME", "blue")],
    );
    assert!(out.status.success(), "{}", support::stderr(&out));
}
