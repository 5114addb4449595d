//! Every message the echo and capture code asks for exists in English and in
//! Portuguese, and every message of `echo.ftl` is used.

use std::collections::BTreeSet;
use std::path::Path;

use synack::narrate::{Lang, has_message};

const SOURCES: &[&str] = &[
    "src/net",
    "src/app/echo.rs",
    "src/app/capture.rs",
    "src/cli/echo.rs",
    "src/cli/capture.rs",
];

fn rust_files(path: &Path, found: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), found);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        found.push(path.to_path_buf());
    }
}

/// Ids in `tr!(lang, "echo-…"` calls: every string literal starting `echo-`.
fn ids_used() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for s in SOURCES {
        rust_files(&root.join(s), &mut files);
    }
    let mut ids = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for piece in text.split('"').skip(1).step_by(2) {
            if piece.starts_with("echo-")
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                ids.insert(piece.to_string());
            }
        }
    }
    ids
}

fn ids_defined(lang: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/narrate/locales")
        .join(lang)
        .join("echo.ftl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
        .filter(|id| id.starts_with("echo-") && !id.contains(' '))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_echo_message_used_exists_in_every_language() {
    let used = ids_used();
    assert!(used.len() > 50, "found only {} ids", used.len());
    for lang in Lang::ALL {
        let defined = ids_defined(lang.code());
        for id in &used {
            assert!(defined.contains(id), "{id} is missing in {}", lang.code());
        }
    }
    // And the catalogue really is compiled in: a message without arguments resolves.
    assert!(has_message(Lang::Pt, "echo-who-server"));
}

#[test]
fn every_echo_message_defined_is_used_and_both_languages_agree() {
    let used = ids_used();
    let en = ids_defined("en");
    let pt = ids_defined("pt");
    assert_eq!(en, pt, "en and pt define different ids");
    let unused: Vec<_> = en.difference(&used).collect();
    assert!(unused.is_empty(), "unused ids: {unused:?}");
}
