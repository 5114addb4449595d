//! A bounded fuzz run in the test suite: the committed captures, mutated
//! and truncated in thousands of seeded ways, through every stage of explain.
//! No input may panic. (The open-ended run is `cargo fuzz run capture`.)

use std::panic;

use synack::app::explain::exercise;

/// A small deterministic generator, so a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(original: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = original.to_vec();
    for _ in 0..1 + rng.below(4) {
        if data.is_empty() {
            break;
        }
        let at = rng.below(data.len());
        match rng.below(7) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.next() as u8,
            2 => data.truncate(at),
            3 => {
                let len = rng.below(16);
                let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                data.splice(at..at, bytes);
            }
            // Length fields are where parsers break: write extremes there.
            4 => {
                let v: u32 = [0, 1, 0xffff, 0x7fff_ffff, 0xffff_ffff][rng.below(5)];
                let end = (at + 4).min(data.len());
                let bytes = v.to_le_bytes();
                data[at..end].copy_from_slice(&bytes[..end - at]);
            }
            5 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            _ => {
                let from = rng.below(data.len());
                let len = rng.below(64).min(data.len() - from);
                let chunk = data[from..from + len].to_vec();
                data.splice(at..at, chunk);
            }
        }
    }
    data
}

/// How many mutated captures one run explains.
const MUTATIONS: u64 = 3000;

#[test]
fn mutated_and_truncated_captures_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/captures");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let ext = path.extension()?.to_str()?.to_string();
            (ext == "pcap" || ext == "pcapng")
                .then(|| (path.display().to_string(), std::fs::read(&path).unwrap()))
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    // Truncations first: every cut point of the smallest captures, and every
    // seventh of the others.
    for (name, data) in seeds.iter().filter(|(_, d)| d.len() < 8192) {
        let step = if data.len() < 1200 { 1 } else { 7 };
        for cut in (0..data.len()).step_by(step) {
            let input = &data[..cut];
            if panic::catch_unwind(|| exercise(input)).is_err() {
                panic!("{name} cut at {cut} panics");
            }
        }
    }
    // Then a fixed number of seeded mutations: a count, not a deadline, so a
    // loaded machine makes the test slower, never failing, and every run
    // explores the same inputs.
    let mut rng = Rng(0x5eed);
    let runs = MUTATIONS;
    for _ in 0..runs {
        let (name, original) = &seeds[rng.below(seeds.len())];
        let seed = rng.0;
        let input = mutate(original, &mut rng);
        if panic::catch_unwind(|| exercise(&input)).is_err() {
            panic!("{name} mutated with seed {seed:#x} panics");
        }
    }
    eprintln!("{runs} mutated captures explained without a panic");
}
