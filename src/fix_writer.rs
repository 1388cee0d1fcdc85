//! Writing fixed text to disk: atomically, keeping permissions and owner, never over a newer
//! version, never splitting hard links, and cleaning what an interrupted run left behind.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use crate::read::FileError;

/// Replace the file at `path`, whose content was `original` when it was read, with `fixed`.
///
/// The new text goes to a temporary file in the same folder, is flushed to disk, gets the
/// original's permissions and is renamed over the original, so a crash leaves either the old
/// or the new file, never half of one. A read-only file, or one that changed on disk since
/// it was read, is not touched; nor is a file with more than one hard link (a rename would
/// split them), or one whose owner this process could not give back to the new file.
pub fn write_fixed(path: &Path, original: &str, fixed: &str) -> Result<(), FileError> {
    let fail = |what: &str, e: std::io::Error| FileError::new(format!("{what}: {e}; not fixed"));
    // Follow a symbolic link, so the link stays a link and its target gets the fix.
    let target = std::fs::canonicalize(path).map_err(|e| fail("cannot resolve the path", e))?;
    let meta = std::fs::metadata(&target).map_err(|e| fail("cannot read file metadata", e))?;
    if meta.permissions().readonly() {
        return Err(FileError::new("file is read-only; not fixed"));
    }
    let now = std::fs::read(&target).map_err(|e| fail("cannot read file again", e))?;
    if now != original.as_bytes() {
        return Err(FileError::new(
            "file changed on disk while it was being fixed; not overwritten",
        ));
    }
    if meta.nlink() > 1 {
        return Err(FileError::new(format!(
            "file has {} hard links, which replacing it would split; not fixed",
            meta.nlink()
        )));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    remove_stale_temporaries(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(".handbook-lint-")
        .suffix(".tmp")
        .rand_bytes(6)
        .tempfile_in(dir)
        .map_err(|e| fail("cannot create a temporary file beside it", e))?;
    tmp.write_all(fixed.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail("cannot write the temporary file", e))?;
    keep_owner(tmp.as_file(), &meta)?;
    std::fs::set_permissions(tmp.path(), meta.permissions())
        .map_err(|e| fail("cannot copy permissions", e))?;
    tmp.persist(&target)
        .map_err(|e| fail("cannot replace the file", e.error))?;
    // Make the rename itself durable.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Give the new file the original's owner and group when they differ from the process's (as
/// root, or a group the user is in); when that is not allowed, the file is not fixed.
fn keep_owner(tmp: &std::fs::File, original: &std::fs::Metadata) -> Result<(), FileError> {
    let now = tmp
        .metadata()
        .map_err(|e| FileError::new(format!("cannot read file metadata: {e}; not fixed")))?;
    if now.uid() == original.uid() && now.gid() == original.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(tmp, Some(original.uid()), Some(original.gid())).map_err(|e| {
        FileError::new(format!(
            "cannot keep the file's owner (user {}, group {}): {e}; not fixed",
            original.uid(),
            original.gid()
        ))
    })
}

/// How old a temporary file of ours must be before a later run removes it: far longer than a
/// write takes, so a concurrent run's file in flight is never touched.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// Remove `.handbook-lint-XXXXXX.tmp` files in `dir` (our exact naming) left by an interrupted
/// run, once per folder and run.
fn remove_stale_temporaries(dir: &Path) {
    static CLEANED: Mutex<Vec<std::path::PathBuf>> = Mutex::new(Vec::new());
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if cleaned.iter().any(|d| d == dir) {
            return;
        }
        cleaned.push(dir.to_path_buf());
    }
    let Some(before) = SystemTime::now().checked_sub(STALE_AFTER) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !is_our_temporary(&name.to_string_lossy()) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta.modified().is_ok_and(|m| m < before);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is what `write_fixed` names its temporary files: the prefix, six letters or
/// digits, the suffix.
fn is_our_temporary(name: &str) -> bool {
    name.strip_prefix(".handbook-lint-")
        .and_then(|r| r.strip_suffix(".tmp"))
        .is_some_and(|mid| mid.len() == 6 && mid.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A unified diff of `old` and `new` for `path` (`--diff`).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
