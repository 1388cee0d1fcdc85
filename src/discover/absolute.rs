//! Paths made absolute the way a walk of thousands of files can afford: the current folder
//! asked once, and the common case (a plain relative path) joined without normalising.

use std::path::{Path, PathBuf};

/// `path` made absolute against the current folder, as `std::path::absolute` does, with the
/// current folder asked of the system once (the tool never changes folder, and a run over
/// thousands of files would otherwise ask for it several times per file), and `..` resolved.
pub fn absolute(path: &Path) -> PathBuf {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    let joined;
    let path = match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) if path.is_relative() => {
            // A walk's paths (`./docs/a.md`): joined to the current folder, they are already
            // as this function writes them, and the join is the answer.
            if let Some(names) = plain_relative(path).filter(|_| is_plain_absolute(cwd)) {
                return cwd.join(names);
            }
            joined = cwd.join(path);
            joined.as_path()
        }
        _ => path,
    };
    if is_plain_absolute(path) {
        return path.to_path_buf();
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // `..` resolved by name, as `cd` does: kept, `/repo/../site` would walk up through
    // `/repo` and take its configuration, workflows and git remote for another folder's.
    if !abs
        .components()
        .any(|c| c == std::path::Component::ParentDir)
    {
        return abs;
    }
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::ParentDir => {
                if out.parent().is_some() {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// True when `path` is absolute and already as [`absolute`] would write it: no empty, `.` or
/// `..` part, no trailing separator. Checked on the bytes, as a walk asks this of every file.
pub(super) fn is_plain_absolute(path: &Path) -> bool {
    if !cfg!(unix) {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    match bytes.split_first() {
        Some((b'/', rest)) => {
            rest.is_empty()
                || rest
                    .split(|&b| b == b'/')
                    .all(|part| !matches!(part, b"" | b"." | b".."))
        }
        _ => false,
    }
}

/// `path` without its leading `./` parts, when it is relative and what remains is one or more
/// plain names (no empty, `.` or `..` part, no trailing separator): joined to a plain
/// absolute folder, it gives a plain absolute path. Checked on the bytes, like
/// [`is_plain_absolute`].
pub(super) fn plain_relative(path: &Path) -> Option<&Path> {
    let mut bytes = path.as_os_str().as_encoded_bytes();
    while let Some(rest) = bytes.strip_prefix(b"./") {
        bytes = rest;
    }
    let plain = !bytes.is_empty()
        && bytes[0] != b'/'
        && bytes
            .split(|&b| b == b'/')
            .all(|part| !matches!(part, b"" | b"." | b".."));
    use std::os::unix::ffi::OsStrExt;
    plain.then(|| Path::new(std::ffi::OsStr::from_bytes(bytes)))
}
