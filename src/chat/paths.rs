//! File names from the network, made safe.
//!
//! The server serves only regular files that really live under its folder:
//! names are checked as text first (no NUL or control characters, no absolute
//! paths, no `..`), then the path is resolved with symlinks followed and must
//! still be inside the folder. The client keeps only the last part of the name
//! a server announces, so a hostile `FMTA` cannot write outside the downloads
//! folder.

use std::path::{Component, Path, PathBuf};

/// Why a name was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the name is empty")]
    Empty,
    #[error("the name contains a NUL or control character")]
    Control,
    #[error("absolute paths are not served")]
    Absolute,
    #[error("`..` and `.` are not allowed in names")]
    Dots,
    #[error("no such file")]
    NotFound,
    #[error("the name leads outside the served folder")]
    Outside,
    #[error("not a regular file")]
    NotAFile,
}

fn has_control(name: &str) -> bool {
    name.chars().any(char::is_control)
}

/// Checks a requested name as text: relative, no `.`/`..` parts, no control
/// characters, `/` as the only separator (a `\` is refused so that a name
/// means the same on every system).
pub fn check_request(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if has_control(name) {
        return Err(NameError::Control);
    }
    if name.starts_with('/') || name.starts_with('\\') || name.contains(':') {
        return Err(NameError::Absolute);
    }
    if name.contains('\\') {
        return Err(NameError::Dots);
    }
    for part in name.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Err(NameError::Dots);
        }
    }
    let path = Path::new(name);
    if path.is_absolute() {
        return Err(NameError::Absolute);
    }
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Err(NameError::Dots);
    }
    Ok(())
}

/// The served file a request names: `root` must be the served folder
/// already canonicalized. Symlinks are followed, and the result must still be
/// under `root` and be a regular file.
pub fn resolve(root: &Path, name: &str) -> Result<PathBuf, NameError> {
    check_request(name)?;
    let joined = root.join(name);
    let real = joined.canonicalize().map_err(|_| NameError::NotFound)?;
    if !real.starts_with(root) {
        return Err(NameError::Outside);
    }
    let meta = std::fs::metadata(&real).map_err(|_| NameError::NotFound)?;
    if !meta.is_file() {
        return Err(NameError::NotAFile);
    }
    Ok(real)
}

/// The name a download is saved under: the last part of what the server
/// said, after either kind of slash. Empty names, `.`, `..`, and names with
/// control characters are refused.
pub fn download_name(announced: &str) -> Result<String, NameError> {
    if has_control(announced) {
        return Err(NameError::Control);
    }
    let base = announced.rsplit(['/', '\\']).next().unwrap_or("");
    // A drive prefix such as `C:` would make the path absolute on Windows.
    let base = base.rsplit(':').next().unwrap_or("");
    let trimmed = base.trim();
    if trimmed.is_empty() {
        return Err(NameError::Empty);
    }
    if trimmed.chars().all(|c| c == '.') {
        return Err(NameError::Dots);
    }
    Ok(base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_that_climb_or_start_at_root_are_refused() {
        assert_eq!(check_request("../x"), Err(NameError::Dots));
        assert_eq!(check_request("a/../../x"), Err(NameError::Dots));
        assert_eq!(check_request("/etc/passwd"), Err(NameError::Absolute));
        assert_eq!(check_request("C:\\x"), Err(NameError::Absolute));
        assert_eq!(check_request("a\0b"), Err(NameError::Control));
        assert_eq!(check_request("a\nb"), Err(NameError::Control));
        assert_eq!(check_request(""), Err(NameError::Empty));
        assert_eq!(check_request("a//b"), Err(NameError::Dots));
        assert_eq!(check_request("sub/file.txt"), Ok(()));
        assert_eq!(check_request("notas.txt"), Ok(()));
    }

    #[test]
    fn announced_names_keep_only_the_base() {
        assert_eq!(download_name("../../evil").as_deref(), Ok("evil"));
        assert_eq!(download_name("/etc/x").as_deref(), Ok("x"));
        assert_eq!(download_name("..\\..\\win").as_deref(), Ok("win"));
        assert_eq!(download_name("C:x").as_deref(), Ok("x"));
        assert_eq!(download_name("a.txt").as_deref(), Ok("a.txt"));
        assert_eq!(download_name(""), Err(NameError::Empty));
        assert_eq!(download_name("dir/"), Err(NameError::Empty));
        assert_eq!(download_name(".."), Err(NameError::Dots));
        assert_eq!(download_name("x/."), Err(NameError::Dots));
        assert_eq!(download_name("a\u{1b}b"), Err(NameError::Control));
    }
}
