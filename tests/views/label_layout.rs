//! Labels keep their side on a projected ladder: every label beside a
//! lifeline stays in its own half of the lane (the client's starting at the
//! client's lifeline, the server's ending at the server's), and a cut label
//! has one `…`, never `……`. Every lesson and rdt run, at 80 and 120 columns,
//! in both languages.

use synack_test_support as support;

use support::render;
use synack::app::rdt::{CaptureRequest, lesson_run};
use synack::lesson::BUILTIN;
use synack::narrate::Lang;
use synack::rdt::lesson::RDT_BUILTIN;

const WIDTHS: [usize; 2] = [80, 120];

/// Marks of the rows centred in the lane: what the link did to a segment.
const LINK_MARKS: [&str; 4] = ["✗", "⚡", "×2", "⇄"];

/// Checks every row of one ladder; `what` names it in a failure.
fn check_ladder(what: &str, out: &str) {
    assert!(!out.contains("……"), "{what}: a double ellipsis:\n{out}");
    let lines: Vec<Vec<char>> = out.lines().map(|l| l.chars().collect()).collect();
    // The column heads' row is the first with exactly two lifelines.
    let head = lines
        .iter()
        .find(|l| l.iter().filter(|&&c| c == '│').count() == 2)
        .unwrap_or_else(|| panic!("{what}: no ladder heading:\n{out}"));
    let mut bars = head
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '│')
        .map(|(i, _)| i);
    let (client, server) = (bars.next().unwrap(), bars.next().unwrap());
    let lane = server - client - 1;
    let half = lane / 2;
    for line in &lines {
        if line.get(client) != Some(&'│') || line.get(server) != Some(&'│') {
            continue;
        }
        let inner: String = line[client + 1..server].iter().collect();
        let text = inner.trim();
        if text.is_empty() || inner.contains(['─', '►', '◄']) {
            continue;
        }
        let lead = inner.chars().take_while(|&c| c == ' ').count();
        let trail = inner.chars().rev().take_while(|&c| c == ' ').count();
        let shown = format!("{what}: `{}`", line.iter().collect::<String>());
        if lead.abs_diff(trail) <= 1 && LINK_MARKS.iter().any(|m| text.starts_with(m)) {
            continue;
        }
        if lead == 1 {
            assert!(
                lead + text.chars().count() <= half,
                "client label crosses the middle: {shown}"
            );
        } else if trail == 1 {
            assert!(
                lead >= lane - half,
                "server label crosses the middle: {shown}"
            );
        } else {
            // The numbers of an arrow, continued under it.
            assert!(
                lead >= 2 && trail >= 2,
                "a label away from its lifeline: {shown}"
            );
        }
        assert!(text.matches('…').count() <= 1, "more than one cut: {shown}");
    }
}

#[test]
fn every_lesson_keeps_its_labels_on_their_side() {
    for (lesson, _) in BUILTIN {
        for lang in Lang::ALL {
            for width in WIDTHS {
                let out = render(lesson, &[], lang, |v| v.width = width);
                check_ladder(&format!("{lesson} {lang:?} {width} columns"), &out);
            }
        }
    }
}

#[test]
fn every_rdt_lesson_keeps_its_labels_on_their_side() {
    for (lesson, _) in RDT_BUILTIN {
        for lang in Lang::ALL {
            for width in WIDTHS {
                let view = synack::app::output::ViewOptions {
                    lang,
                    width,
                    ..Default::default()
                };
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
                let out = String::from_utf8(out).expect("UTF-8");
                check_ladder(&format!("{lesson} {lang:?} {width} columns"), &out);
            }
        }
    }
}

/// Long messages, as a student types them, delivered in every mode.
#[test]
fn rdt_runs_with_long_messages_keep_their_labels_on_their_side() {
    let messages = [
        "Hello",
        "a much longer message that overflows any preview of it",
        "olá, mundo: uma frase em português com acentuação",
    ];
    for mode in ["saw", "gbn", "sr"] {
        for lang in ["en", "pt"] {
            for width in WIDTHS {
                let width = width.to_string();
                let mut args = vec![
                    "--lang", lang, "rdt", "sim", "--mode", mode, "--width", &width, "--drop", "2",
                ];
                args.extend(messages);
                let out = support::synack(&args, b"");
                assert!(out.status.success(), "{}", support::stderr(&out));
                check_ladder(
                    &format!("rdt sim {mode} {lang} {width}"),
                    &support::stdout(&out),
                );
            }
        }
    }
}

/// The shapes this test tells apart, so a change in layout cannot make it
/// pass by reading nothing.
#[test]
fn the_check_sees_a_label_that_fills_the_lane() {
    let ladder = "   time         client │                                        │ server\n  0.030                │ ▸ app reads \"synack-bulk-data:0123456… │\n";
    let caught = std::panic::catch_unwind(|| check_ladder("old layout", ladder));
    assert!(caught.is_err());
    let ladder = "   time         client │                                        │ server\n  0.030                │                    ▸ app reads \"Hello, │\n";
    check_ladder("new layout", ladder);
}
