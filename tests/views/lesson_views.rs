//! Every lesson in every view, pinned: the ladder, `--explain` in English and
//! Portuguese, `--bits`, and the JSON trace (colour off, 80 columns).

use synack_test_support as support;

use support::{json, render};
use synack::lesson::BUILTIN;
use synack::narrate::Lang;

/// The bulk lesson is cut short so its bits stay readable in review.
fn params(lesson: &str) -> Vec<(&'static str, &'static str)> {
    if lesson == "bulk-transfer" {
        vec![("segments", "3")]
    } else {
        Vec::new()
    }
}

fn snapshot(name: &str, body: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), body));
}

#[test]
fn every_lesson_as_a_ladder() {
    for (lesson, _) in BUILTIN {
        snapshot(
            &format!("ladder__{lesson}"),
            render(lesson, &params(lesson), Lang::En, |_| {}),
        );
    }
}

#[test]
fn every_lesson_explained_in_english() {
    for (lesson, _) in BUILTIN {
        let out = render(lesson, &params(lesson), Lang::En, |v| v.explain = true);
        snapshot(&format!("explain_en__{lesson}"), out);
    }
}

#[test]
fn every_lesson_explained_in_portuguese() {
    for (lesson, _) in BUILTIN {
        let out = render(lesson, &params(lesson), Lang::Pt, |v| v.explain = true);
        snapshot(&format!("explain_pt__{lesson}"), out);
    }
}

#[test]
fn every_lesson_as_bits() {
    for (lesson, _) in BUILTIN {
        let out = render(lesson, &params(lesson), Lang::En, |v| v.bits = true);
        snapshot(&format!("bits__{lesson}"), out);
    }
}

#[test]
fn every_lesson_as_json() {
    for (lesson, _) in BUILTIN {
        snapshot(
            &format!("json__{lesson}"),
            render(lesson, &params(lesson), Lang::En, json),
        );
    }
}

#[test]
fn every_view_fits_eighty_columns() {
    for (lesson, _) in BUILTIN {
        for lang in Lang::ALL {
            for (explain, bits) in [(false, false), (true, false), (false, true)] {
                let out = render(lesson, &params(lesson), lang, |v| {
                    v.explain = explain;
                    v.bits = bits;
                });
                for line in out.lines() {
                    assert!(
                        line.chars().count() <= 80,
                        "{lesson} {lang:?} explain={explain} bits={bits}: {} columns: {line}",
                        line.chars().count()
                    );
                }
            }
        }
    }
}

#[test]
fn the_lists_and_bits_fit_eighty_columns_too() {
    for lang in ["en", "pt"] {
        for args in [
            &["lesson", "list"][..],
            &["rdt", "lesson", "list"][..],
            &[
                "bits",
                "Olá, mundo! Uma frase um pouco mais longa para dobrar a linha 👍🏽",
            ][..],
            &["rdt", "compare", "--loss", "0.1"][..],
        ] {
            let mut all = vec!["--lang", lang, "--color", "never"];
            all.extend_from_slice(args);
            let out = support::synack(&all, b"");
            assert!(out.status.success(), "{all:?}");
            for line in support::stdout(&out).lines() {
                assert!(
                    line.chars().count() <= 80,
                    "{all:?}: {} columns: {line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn json_steps_carry_the_documented_fields() {
    for (lesson, _) in BUILTIN {
        let out = render(lesson, &params(lesson), Lang::En, json);
        for line in out.lines() {
            let v: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            assert!(v["t_us"].is_u64() && v["kind"].is_string(), "{line}");
            assert!(
                matches!(v["host"].as_str(), Some("client" | "server")),
                "{line}"
            );
            match v["kind"].as_str().unwrap() {
                "state" => {
                    assert!(v["from"].is_string() && v["to"].is_string() && v["cause"].is_string())
                }
                "send" | "deliver" | "drop" => {
                    let seg = &v["seg"];
                    for field in ["src", "dst", "seq", "flags", "win", "len"] {
                        assert!(!seg[field].is_null(), "{field} missing in {line}");
                    }
                    let has_ack = seg["flags"].as_array().unwrap().iter().any(|f| f == "ACK");
                    assert_eq!(seg["ack"].is_null(), !has_ack, "{line}");
                }
                "call" => assert!(v["call"].is_string()),
                "timer" => assert!(v["timer"].is_string()),
                _ => {}
            }
        }
    }
}
