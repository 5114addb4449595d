//! The narration catalogue is complete: every message id the code asks for
//! exists in every language, and no `.ftl` file holds an id nothing uses.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use synack::narrate::Lang;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Ids passed to `tr!(lang, "id", …)` or the narrator's `say!(names, "id", …)`.
fn ids_used_in_code() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut ids = BTreeSet::new();
    for file in files {
        // Comments may show `tr!` examples; only code counts.
        let text: String = fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for marker in ["tr!(", "say!("] {
            let mut rest = text.as_str();
            while let Some(at) = rest.find(marker) {
                rest = &rest[at + marker.len()..];
                let Some(comma) = rest.find(',') else { break };
                let after = rest[comma + 1..].trim_start();
                if let Some(quoted) = after.strip_prefix('"') {
                    let id: String = quoted.chars().take_while(|c| *c != '"').collect();
                    if !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        ids.insert(id);
                    }
                }
            }
        }
    }
    ids
}

/// Message ids defined in one language's `.ftl` files.
fn ids_in_catalogue(lang: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/narrate/locales")
        .join(lang);
    let mut ids = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

#[test]
fn every_id_used_in_code_exists_in_every_language() {
    let used = ids_used_in_code();
    assert!(
        used.len() > 100,
        "the scan found only {} ids: is it broken?",
        used.len()
    );
    for lang in Lang::ALL {
        let defined = ids_in_catalogue(lang.code());
        let missing: Vec<&String> = used.difference(&defined).collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
    }
}

#[test]
fn every_catalogue_id_is_used_by_the_code() {
    let used = ids_used_in_code();
    for lang in Lang::ALL {
        let unused: Vec<String> = ids_in_catalogue(lang.code())
            .difference(&used)
            .cloned()
            .collect();
        assert!(unused.is_empty(), "unused in {}: {unused:?}", lang.code());
    }
}

#[test]
fn both_languages_define_the_same_ids() {
    let en = ids_in_catalogue("en");
    let pt = ids_in_catalogue("pt");
    assert_eq!(
        en.symmetric_difference(&pt).collect::<Vec<_>>(),
        Vec::<&String>::new()
    );
}
