//! The external checks the picture tests share: xmllint for well-formed
//! XML, rsvg-convert for drawing an SVG, and the Python helper that measures
//! a PNG and drives the browser.

use std::path::{Path, PathBuf};
use std::process::Command;

use synack_test_support::tools::require;

/// A fresh directory for one test's files, under Cargo's scratch space.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("pictures")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The Python helper beside the other test scripts.
pub fn helper() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/player_check.py")
}

/// Whether xmllint, rsvg-convert and python3 are all here (failing in CI when not).
pub fn svg_tools() -> bool {
    // Evaluate all three, so a missing one is reported even when another is.
    let found = [
        require("xmllint"),
        require("rsvg-convert"),
        require("python3"),
    ];
    found.iter().all(|&f| f)
}

/// Panics unless `svg` (written to `path`) is well-formed XML and librsvg
/// draws it into a PNG with ink on at least a hundredth of it. `png` is where
/// the drawing goes; `width` its width in pixels (small keeps the check fast).
pub fn check_svg(svg: &str, path: &Path, png: &Path, width: u32) {
    std::fs::write(path, svg).expect("SVG written");
    let lint = Command::new("xmllint")
        .arg("--noout")
        .arg(path)
        .output()
        .expect("xmllint runs");
    assert!(
        lint.status.success(),
        "{} is not well-formed XML:\n{}",
        path.display(),
        String::from_utf8_lossy(&lint.stderr)
    );
    let convert = Command::new("rsvg-convert")
        .args(["--format", "png", "--width", &width.to_string(), "--output"])
        .arg(png)
        .arg(path)
        .output()
        .expect("rsvg-convert runs");
    assert!(
        convert.status.success(),
        "librsvg cannot draw {}:\n{}",
        path.display(),
        String::from_utf8_lossy(&convert.stderr)
    );
    let (w, h, inked) = png_stat(png);
    assert!(
        w == width && h > 0 && inked * 100 >= u64::from(w) * u64::from(h),
        "{} draws blank: {inked} inked pixels of {w}×{h}",
        path.display()
    );
}

/// A PNG's width, height and number of pixels that are not white.
pub fn png_stat(png: &Path) -> (u32, u32, u64) {
    let out = Command::new("python3")
        .arg(helper())
        .arg("pngstat")
        .arg(png)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "cannot measure {}: {}",
        png.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let numbers: Vec<u64> = text
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    assert_eq!(numbers.len(), 3, "pngstat said {text:?}");
    (numbers[0] as u32, numbers[1] as u32, numbers[2])
}
