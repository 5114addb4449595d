//! The HTML player in a real browser: every lesson's page and the
//! hand-made pictures' pages, loaded from disk in headless Chromium by
//! `tests/python/player_check.py`, stepped with the arrow keys and switched
//! to Portuguese. What each page must show is worked out here, from the
//! data the page carries (checked against the pictures themselves where the
//! test has them), not guessed.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use synack::narrate::Lang;
use synack::picture::html;
use synack::picture::model::Picture;
use synack_test_support::tools::{require, say_skip};

use crate::hand;
use crate::lessons;
use crate::render::{helper, scratch};

/// The keys every page is checked with: five steps on, two back.
const PRESSES: [&str; 7] = [
    "ArrowRight",
    "ArrowRight",
    "ArrowRight",
    "ArrowRight",
    "ArrowRight",
    "ArrowLeft",
    "ArrowLeft",
];

/// The page's own data: the JSON in `#player-data`.
pub fn page_data(page: &str) -> Value {
    let open = r#"<script type="application/json" id="player-data">"#;
    let start = page.find(open).expect("the page carries its data") + open.len();
    let end = start + page[start..].find("</script>").expect("data ends");
    serde_json::from_str(&page[start..end]).expect("the page's data is JSON")
}

/// Where `presses` leave a player that opens at the first of `count` steps.
fn step_after(presses: &[&str], count: usize) -> usize {
    let last = count.saturating_sub(1);
    presses.iter().fold(0, |i, key| match *key {
        "ArrowRight" => (i + 1).min(last),
        "ArrowLeft" => i.saturating_sub(1),
        "Home" => 0,
        "End" => last,
        other => panic!("no expectation for the key {other}"),
    })
}

fn narration(step: &Value) -> String {
    step["narration"]
        .as_array()
        .expect("narration lines")
        .iter()
        .map(|l| l.as_str().expect("a line"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the checker expects of `file` after `presses`.
fn page_check(file: &Path, page: &str, presses: &[&str], screenshot: Option<&Path>) -> Value {
    let data = page_data(page);
    let first = data["first"].as_str().expect("first language");
    let other = if first == "en" { "pt" } else { "en" };
    let count = data["count"].as_u64().expect("count") as usize;
    let i = step_after(presses, count);
    let step = &data["langs"][first]["steps"][i];
    let toggled = &data["langs"][other]["steps"][i];
    json!({
        "file": file.to_str().expect("a UTF-8 path"),
        "presses": presses,
        "expect": {
            "index": (i + 1).to_string(),
            "narration": narration(step),
            "label": step["label"],
            "arrow": step["arrow"].as_u64().map(|a| format!("{first}-sq-a{a}")),
        },
        "toggled_narration": narration(toggled),
        "toggled_lang": other,
        "screenshot": screenshot.map(|p| p.to_str().expect("a UTF-8 path")),
    })
}

/// The page's data says what the pictures say, step for step.
fn assert_data_matches(data: &Value, pictures: &[Picture; 2]) {
    for p in pictures {
        let steps = data["langs"][p.lang.code()]["steps"]
            .as_array()
            .expect("steps");
        assert_eq!(steps.len(), p.steps.len());
        for (s, m) in steps.iter().zip(&p.steps) {
            assert_eq!(s["label"], m.label.as_str());
            assert_eq!(narration(s), m.narration.join(" "));
            assert_eq!(s["arrow"].as_u64(), m.arrow.map(|a| a as u64));
        }
    }
}

/// Chromium and Playwright for Python, if both are here (failing in CI when not).
fn browser() -> Option<PathBuf> {
    let found = [
        require("python3"),
        require("chromium"),
        require("playwright"),
    ];
    if !found.iter().all(|&f| f) {
        return None;
    }
    let import = Command::new("python3")
        .args(["-c", "import playwright.sync_api"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !import {
        assert!(
            std::env::var_os("CI").is_none(),
            "the python3 first on the PATH cannot import playwright in CI"
        );
        say_skip("the python3 first on the PATH has no playwright module");
        return None;
    }
    let which = Command::new("sh")
        .args(["-c", "command -v chromium"])
        .output()
        .expect("sh runs");
    Some(PathBuf::from(
        String::from_utf8_lossy(&which.stdout).trim().to_string(),
    ))
}

/// Whether to rewrite the README's images.
fn updating_screenshots() -> bool {
    std::env::var_os("SYNACK_UPDATE_SCREENSHOTS").is_some_and(|v| v == "1")
}

#[test]
fn players_step_translate_and_show_in_a_browser() {
    let Some(chromium) = browser() else {
        return;
    };
    let dir = scratch("players");
    let mut pages = Vec::new();

    for (name, pictures) in hand::all() {
        for first in Lang::ALL {
            let page = html::player(&pictures, first);
            assert_data_matches(&page_data(&page), &pictures);
            let file = dir.join(format!("hand-{name}-{}.html", first.code()));
            std::fs::write(&file, &page).expect("page written");
            let check = page_check(&file, &page, &PRESSES, None);
            assert_ne!(
                check["expect"]["narration"], check["toggled_narration"],
                "{name}: the toggle would change nothing to see"
            );
            pages.push(check);
        }
    }

    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    for lesson in lessons::all() {
        let file = dir.join(format!("{lesson}.html"));
        lessons::draw(&lesson, Lang::En, &[("--html", &file)]);
        let page = std::fs::read_to_string(&file).expect("the player was written");
        pages.push(page_check(&file, &page, &PRESSES, None));
        // The README's picture: a congestion lesson, part way through.
        if lesson == lessons::SHOWCASE && updating_screenshots() {
            let presses = vec!["ArrowRight"; lessons::SHOWCASE_STEP];
            pages.push(page_check(
                &file,
                &page,
                &presses,
                Some(&docs.join("player.png")),
            ));
        }
    }

    let spec = dir.join("checks.json");
    std::fs::write(
        &spec,
        json!({ "chromium": chromium, "pages": pages }).to_string(),
    )
    .expect("checks written");
    let run = Command::new("python3")
        .arg(helper())
        .arg("player")
        .arg(&spec)
        .output()
        .expect("python3 runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "the players failed in Chromium:\n{said}"
    );
}
