//! `rdt compare` over several seeds: the sentences under the table never
//! claim what the printed means contradict, the output repeats byte for byte,
//! and `--runs 1` is exactly one run.

use std::collections::BTreeMap;
use std::time::Duration;

use synack_test_support as support;

use support::{stderr, stdout, synack};
use synack::rdt::compare::{self, CompareSetup};
use synack::rdt::fault::FaultConfig;
use synack::rdt::mode::Mode;

fn compare_text(args: &[&str]) -> String {
    let mut all = vec!["--color", "never", "rdt", "compare"];
    all.extend_from_slice(args);
    let out = synack(&all, b"");
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    stdout(&out)
}

const MODES: [&str; 3] = ["Stop-and-Wait", "Go-Back-N", "Selective-Repeat"];

/// Each protocol's mean row of the table, by name: the numbers in it.
fn means(text: &str) -> BTreeMap<String, Vec<f64>> {
    text.lines()
        .skip_while(|l| !l.starts_with("protocol "))
        .take_while(|l| !l.is_empty())
        .filter_map(|l| {
            let name = MODES.iter().find(|m| l.starts_with(&format!("{m} ")))?;
            let numbers = l[name.len()..]
                .split_whitespace()
                .filter_map(|w| w.parse::<f64>().ok())
                .collect();
            Some((name.to_string(), numbers))
        })
        .collect()
}

/// The text under the legend, one paragraph per line.
fn conclusion(text: &str) -> Vec<String> {
    let after_table = text.split("\n\n").skip(3).collect::<Vec<_>>();
    after_table
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_conclusion_follows_the_printed_means_whatever_the_seed() {
    for seed in ["1", "2", "7", "42", "1000"] {
        let args = ["--loss", "0.1", "--seed", seed];
        let text = compare_text(&args);
        assert_eq!(text, compare_text(&args), "seed {seed}: not repeatable");
        let means = means(&text);
        assert_eq!(means.len(), 3, "seed {seed}:\n{text}");
        // packets, retransmitted, duplicates, goodput, time.
        let time = |m: &str| *means[m].last().unwrap();
        let retrans = |m: &str| means[m][1];
        let said = conclusion(&text);
        let ranking = said
            .iter()
            .find_map(|p| p.strip_prefix("Mean time to deliver every message, over 20 runs: "))
            .unwrap_or_else(|| panic!("seed {seed}: no ranking in\n{text}"));
        let ranked: Vec<&str> = ranking
            .split(" < ")
            .map(|item| *MODES.iter().find(|m| item.starts_with(*m)).unwrap())
            .collect();
        assert_eq!(ranked.len(), 3, "{ranking}");
        for pair in ranked.windows(2) {
            assert!(time(pair[0]) <= time(pair[1]), "seed {seed}: {ranking}");
        }
        for p in &said {
            for fast in MODES {
                for slow in MODES {
                    if p.contains(&format!("{fast} was faster than {slow} in")) {
                        assert!(time(fast) < time(slow), "seed {seed}: {p}\n{text}");
                    }
                }
            }
            if p.contains("Go-Back-N resent more") {
                assert!(retrans("Go-Back-N") > retrans("Selective-Repeat"), "{p}");
                assert!(time("Go-Back-N") < time("Selective-Repeat"), "{p}");
            }
            if p.contains("Selective Repeat resends only the packets that were lost") {
                assert!(time("Selective-Repeat") < time("Go-Back-N"), "{p}");
                assert!(retrans("Go-Back-N") > retrans("Selective-Repeat"), "{p}");
            }
        }
        // On this channel the windowed protocols beat stop-and-wait beyond doubt.
        assert_eq!(ranked[2], "Stop-and-Wait", "seed {seed}");
    }
}

#[test]
fn one_run_is_the_old_single_table_and_says_it_is_one_draw() {
    let text = compare_text(&["--loss", "0.1", "--runs", "1"]);
    assert!(!text.contains("min–max"), "{text}");
    assert!(text.contains("seed 1."), "{text}");
    assert!(text.contains("Run with --runs 20 or more"), "{text}");
    for (_, numbers) in means(&text) {
        assert!(numbers[..3].iter().all(|n| n.fract() == 0.0), "{text}");
    }
    let many = compare_text(&["--loss", "0.1"]);
    assert!(
        many.contains("min–max") && many.contains("seeds 1 to 20"),
        "{many}"
    );
}

#[test]
fn run_i_is_the_single_run_of_seed_s_plus_i() {
    let setup = |seed, runs| CompareSetup {
        faults: FaultConfig {
            loss: 0.1,
            seed,
            ..FaultConfig::default()
        },
        messages: 10,
        message_len: 40,
        max_size: 50,
        window: 4,
        timeout: Duration::from_millis(100),
        latency: Duration::from_millis(10),
        runs,
    };
    let five = compare::run(&setup(3, 5)).unwrap();
    for (i, seed) in (3..8).enumerate() {
        let one = compare::run(&setup(seed, 1)).unwrap();
        for (a, b) in five.iter().zip(&one) {
            assert_eq!(a.mode, b.mode);
            assert_eq!(a.runs[i], b.runs[0], "{:?} seed {seed}", a.mode);
        }
    }
    assert_eq!(five.iter().map(|r| r.mode).collect::<Vec<_>>(), Mode::ALL);
}

#[test]
fn a_channel_without_chance_says_more_runs_change_nothing() {
    let text = compare_text(&["--messages", "5", "--runs", "3"]);
    let said = conclusion(&text).join(" ");
    assert!(said.contains("every run is the same"), "{text}");
    assert!(
        said.contains("Go-Back-N and Selective-Repeat took exactly the same time"),
        "{text}"
    );
}

#[test]
fn runs_are_bounded_with_a_clear_error() {
    for (runs, lang, expected) in [
        ("0", "en", "`0` is not a whole number from 1 to 1000"),
        ("1001", "en", "`1001` is not a whole number from 1 to 1000"),
        ("x", "pt", "`x` não é um número inteiro de 1 a 1000"),
    ] {
        let out = synack(&["--lang", lang, "rdt", "compare", "--runs", runs], b"");
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        assert!(stderr(&out).contains("--runs"), "{}", stderr(&out));
    }
}
