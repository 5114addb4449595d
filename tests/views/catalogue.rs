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

/// One Brazilian Portuguese term per idea: the term every catalogue uses,
/// and the variants that must not appear (another translation of the same
/// idea, or European Portuguese forms). Matched as whole words, ignoring case.
const PT_GLOSSARY: &[(&str, &str, &[&str])] = &[
    (
        "TCP's three-way handshake",
        "handshake de três vias",
        &[
            "aperto de mão",
            "apresentação de três vias",
            "handshake em três vias",
            "handshake triplo",
            "saudação de três vias",
        ],
    ),
    (
        "must (obligation)",
        "ter que",
        &[
            "ter de", "tem de", "têm de", "tinha de", "terá de", "teria de",
        ],
    ),
    (
        "chosen at random (an ISN)",
        "escolhe ao acaso",
        &["sorteia", "sorteado", "sorteada", "sortear"],
    ),
    ("a lesson (the file synack runs)", "lição", &["aula"]),
    ("connection", "conexão", &["ligação", "ligações"]),
    ("file", "arquivo", &["ficheiro", "ficheiros"]),
    ("screen", "tela", &["ecrã"]),
    ("user", "usuário", &["utilizador", "utilizadores"]),
    (
        "shared",
        "compartilhado",
        &["partilhado", "partilhada", "partilhar"],
    ),
    ("to press (a key)", "tecle", &["prima", "carregue em"]),
];

/// Each Portuguese text a user reads: every `.ftl` line, and the `title.pt`
/// and `summary.pt` of every lesson file. `(where, text)`.
fn portuguese_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for entry in fs::read_dir(root.join("src/narrate/locales/pt")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            texts.push((format!("{}:{}", path.display(), i + 1), line.to_string()));
        }
    }
    for entry in fs::read_dir(root.join("lessons")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path).unwrap();
            for (i, line) in text.lines().enumerate() {
                if line.starts_with("title.pt") || line.starts_with("summary.pt") {
                    texts.push((format!("{}:{}", path.display(), i + 1), line.to_string()));
                }
            }
        }
    }
    texts
}

/// Where `phrase` occurs in `text` as whole words (case ignored).
fn whole_word_at(text: &str, phrase: &str) -> Vec<usize> {
    let text = text.to_lowercase();
    let phrase = phrase.to_lowercase();
    text.match_indices(&phrase)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .collect()
}

#[test]
fn portuguese_uses_one_term_per_idea() {
    let texts = portuguese_texts();
    let mut found = Vec::new();
    for (idea, term, forbidden) in PT_GLOSSARY {
        for (place, line) in &texts {
            for variant in *forbidden {
                for at in whole_word_at(line, variant) {
                    // "sala de aula" is a classroom, not a lesson.
                    if *variant == "aula" && line.to_lowercase()[..at].ends_with("sala de ") {
                        continue;
                    }
                    found.push(format!("{place}: `{variant}` for {idea}: say `{term}`"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The English term is given once, where a Portuguese reader first meets
    // the idea (the handshake lesson's title), and nowhere else.
    let english: Vec<&String> = texts
        .iter()
        .filter(|(_, line)| !whole_word_at(line, "three-way handshake").is_empty())
        .map(|(place, _)| place)
        .collect();
    assert_eq!(english.len(), 1, "{english:?}");
    assert!(english[0].contains("handshake.toml"), "{english:?}");
}
