//! A file to lint, as a run keeps it from discovery to its report.

use std::path::Path;
use std::sync::Arc;

use super::{slash_path, Site};

/// A file to lint. A run keeps one per file to its end, so its path is held once, in a block
/// of its exact size, and the path as shown is a part of it wherever it can be.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given or as discovered.
    pub path: Box<Path>,
    shown: Shown,
    pub site: Arc<Site>,
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<SourceFile>() == 40);

/// Where the path of a file as shown in reports is.
#[derive(Debug, Clone)]
enum Shown {
    /// In the file's path, from this byte on (past a leading `./`).
    Within(usize),
    /// Apart: the path is not UTF-8, or its separators are not `/`.
    Apart(Box<str>),
}

impl SourceFile {
    /// The file at `path`, in `site`, shown as [`slash_path`] writes `path`.
    pub fn new(path: impl Into<Box<Path>>, site: Arc<Site>) -> SourceFile {
        let path = path.into();
        let shown = match path.to_str() {
            Some(s) if std::path::MAIN_SEPARATOR == '/' => {
                Shown::Within(if s.starts_with("./") { 2 } else { 0 })
            }
            _ => Shown::Apart(slash_path(&path).into_boxed_str()),
        };
        SourceFile { path, shown, site }
    }

    /// The path as shown in reports: as given or as discovered, `/` separators.
    pub fn display(&self) -> &str {
        match &self.shown {
            Shown::Within(from) => self.path.to_str().map_or("", |s| &s[*from..]),
            Shown::Apart(shown) => shown,
        }
    }

    /// The bytes of [`SourceFile::display`], without checking again that the path is UTF-8
    /// (it was, when the file was made): UTF-8 bytes sort as their text does, and a run
    /// sorts its files by them (a tenth of the main thread's work on 5,000 files when each
    /// comparison checked both paths).
    pub fn sort_key(&self) -> &[u8] {
        match &self.shown {
            Shown::Within(from) => &self.path.as_os_str().as_encoded_bytes()[*from..],
            Shown::Apart(shown) => shown.as_bytes(),
        }
    }
}
