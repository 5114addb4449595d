//! Every built-in lesson, drawn through the `synack` binary's picture flags.

use std::path::Path;

use synack::narrate::Lang;
use synack_test_support::{stderr, synack};

/// The lesson whose player and graph the README shows: a congestion lesson…
pub const SHOWCASE: &str = "fast-recovery";
/// …this many steps in: the fast retransmission after three duplicate ACKs.
pub const SHOWCASE_STEP: usize = 91;

/// Every built-in lesson's name, TCP's and the reliable-transfer lab's.
pub fn all() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lessons");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the lessons folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "only {names:?} in {}", dir.display());
    names
}

/// Runs `lesson` in `lang`, writing the pictures `files` names (flag, path).
pub fn draw(lesson: &str, lang: Lang, files: &[(&str, &Path)]) {
    let mut args: Vec<&str> = if lesson.starts_with("rdt-") {
        vec!["rdt", "lesson", "run", lesson]
    } else {
        vec!["lesson", "run", lesson]
    };
    args.extend(["--lang", lang.code()]);
    for (flag, path) in files {
        args.push(flag);
        args.push(path.to_str().expect("a UTF-8 path"));
    }
    let out = synack(&args, b"");
    assert!(
        out.status.success(),
        "synack {} failed:\n{}",
        args.join(" "),
        stderr(&out)
    );
}
