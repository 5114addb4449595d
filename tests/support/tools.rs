//! External tools in tests: required in CI (a missing tool fails the test),
//! optional elsewhere (the test says why it skips).

use std::process::Command;

/// Whether `tool` runs; panics in CI if it does not.
pub fn require(tool: &str) -> bool {
    let found = Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
        .unwrap_or(false);
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{tool} is required in CI but is not installed");
        }
        eprintln!("skipping: {tool} is not installed (CI installs it)");
    }
    found
}
