//! Every rdt lesson in every view, pinned: the ladder, `--explain` in English
//! and Portuguese, `--bits`, and the JSON trace (colour off, 80 columns); and
//! no line wider than 80 columns in any of them.

use synack::app::output::{ViewMode, ViewOptions};
use synack::app::rdt::{CaptureRequest, lesson_run};
use synack::narrate::Lang;
use synack::rdt::lesson::RDT_BUILTIN;

fn render(lesson: &str, lang: Lang, tweak: impl Fn(&mut ViewOptions)) -> String {
    let mut view = ViewOptions {
        lang,
        ..ViewOptions::default()
    };
    tweak(&mut view);
    let mut out = Vec::new();
    let mut warn = Vec::new();
    lesson_run(
        lesson,
        &view,
        &CaptureRequest::default(),
        &mut out,
        &mut warn,
        None,
    )
    .expect("the lesson runs");
    assert!(
        warn.is_empty(),
        "{lesson}: broken promises: {}",
        String::from_utf8_lossy(&warn)
    );
    String::from_utf8(out).expect("UTF-8")
}

fn snapshot(name: &str, body: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), body));
}

#[test]
fn every_rdt_lesson_as_a_ladder() {
    for (lesson, _) in RDT_BUILTIN {
        snapshot(
            &format!("rdt_ladder__{lesson}"),
            render(lesson, Lang::En, |_| {}),
        );
    }
}

#[test]
fn every_rdt_lesson_explained_in_english_and_portuguese() {
    for (lesson, _) in RDT_BUILTIN {
        for lang in Lang::ALL {
            let out = render(lesson, lang, |v| v.explain = true);
            snapshot(&format!("rdt_explain_{}__{lesson}", lang.code()), out);
        }
    }
}

#[test]
fn every_rdt_lesson_as_bits() {
    for (lesson, _) in RDT_BUILTIN {
        snapshot(
            &format!("rdt_bits__{lesson}"),
            render(lesson, Lang::En, |v| v.bits = true),
        );
    }
}

#[test]
fn every_rdt_lesson_as_json() {
    for (lesson, _) in RDT_BUILTIN {
        let out = render(lesson, Lang::En, |v| v.mode = ViewMode::Json);
        for line in out.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            assert!(
                value["kind"].is_string() && value["t_us"].is_u64(),
                "{line}"
            );
        }
        snapshot(&format!("rdt_json__{lesson}"), out);
    }
}

#[test]
fn every_rdt_view_fits_eighty_columns() {
    for (lesson, _) in RDT_BUILTIN {
        for lang in Lang::ALL {
            for (explain, bits) in [(false, false), (true, false), (false, true)] {
                let out = render(lesson, lang, |v| {
                    v.explain = explain;
                    v.bits = bits;
                });
                for line in out.lines() {
                    assert!(
                        line.chars().count() <= 80,
                        "{lesson} {} explain={explain} bits={bits}: {line}",
                        lang.code()
                    );
                }
            }
        }
    }
}

#[test]
fn json_explain_carries_the_narration() {
    let out = render("rdt-go-back-n", Lang::Pt, |v| {
        v.mode = ViewMode::Json;
        v.explain = true;
    });
    let timeouts: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["kind"] == "timeout")
        .collect();
    assert_eq!(timeouts.len(), 2);
    let said = timeouts[0]["explain"][0].as_str().unwrap();
    assert!(said.contains("Go-Back-N volta"), "{said}");
}
