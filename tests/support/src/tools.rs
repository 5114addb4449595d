//! External tools in tests: required in CI (a missing tool fails the test),
//! optional elsewhere (the test says why it skips).

use std::process::Command;

/// Whether `tool` is installed; panics in CI if it is not.
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{tool} is required in CI but is not installed");
        }
        eprintln!("skipping: {tool} is not installed (CI installs it)");
    }
    found
}

/// Whether the tests run as root, which CI does: there a test that needs it
/// (live capture, network namespaces) may rely on it; elsewhere it says why
/// it skips. `what` names what root is for.
pub fn is_root(what: &str) -> bool {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} must run as root in CI"
        );
        eprintln!("skipping: not root, so no {what}");
    }
    root
}
