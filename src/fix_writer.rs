//! Writing fixed text to disk: atomically, keeping permissions, never over a newer version.

use std::io::Write;
use std::path::Path;

use crate::read::FileError;

/// Replace the file at `path`, whose content was `original` when it was read, with `fixed`.
///
/// The new text goes to a temporary file in the same folder, is flushed to disk, gets the
/// original's permissions and is renamed over the original, so a crash leaves either the old
/// or the new file, never half of one. A read-only file, or one that changed on disk since
/// it was read, is not touched.
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
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".handbook-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail("cannot create a temporary file beside it", e))?;
    tmp.write_all(fixed.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail("cannot write the temporary file", e))?;
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

/// A unified diff of `old` and `new` for `path` (`--diff`).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
