//! Globs relative to a folder, as our configuration file reads them and as
//! markdownlint-cli2 reads its own (`ignores`, `globs`, an override's `filter`).

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::discover::slash_path;

/// How patterns are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Ours: a pattern without `/` matches a file or folder name at any depth; one with `/`
    /// (a leading one included: `/drafts` is only the top folder's) matches the path from
    /// the folder; a folder that matches takes what is in it.
    Ours,
    /// markdownlint-cli2's file enumeration: every pattern is a path from the folder, and a
    /// folder that matches takes what is in it (globby leaves the folder out).
    Cli2Folders,
    /// markdownlint-cli2's filter of files found (micromatch): the whole path from the folder.
    Cli2Files,
}

/// Globs relative to a folder (`*` stays within a segment, `**` crosses them).
#[derive(Clone, Debug)]
pub(crate) struct PathMatcher {
    dir: PathBuf,
    style: Style,
    names: GlobSet,
    paths: GlobSet,
}

impl PathMatcher {
    /// The patterns that build (those that do not were reported when the file was read).
    pub(crate) fn new<'a>(
        dir: &Path,
        style: Style,
        patterns: impl Iterator<Item = &'a str>,
    ) -> PathMatcher {
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for p in patterns {
            let anchored = p.starts_with('/') || p.starts_with("./");
            let p = p.trim_start_matches("./").trim_matches('/');
            let Ok(glob) = build(p) else {
                continue;
            };
            if style != Style::Ours || anchored || p.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        PathMatcher {
            dir: dir.to_path_buf(),
            style,
            names: names.build().unwrap_or_else(|_| GlobSet::empty()),
            paths: paths.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    pub(crate) fn is_match(&self, abs: &Path) -> bool {
        let Ok(rel) = abs.strip_prefix(&self.dir) else {
            // Outside the folder: only a file-name pattern can match.
            return abs
                .file_name()
                .is_some_and(|n| self.names.is_match(Path::new(n)));
        };
        let rel = slash_path(rel);
        if self.style == Style::Cli2Files {
            return self.paths.is_match(&rel);
        }
        let mut end = 0;
        for segment in rel.split('/') {
            end += segment.len();
            if self.names.is_match(segment) || self.paths.is_match(&rel[..end]) {
                return true;
            }
            end += 1;
        }
        false
    }
}

/// One glob as both tools read it: `*` within a segment.
pub(crate) fn build(pattern: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

/// A list of markdownlint-cli2 globs, some negated with a leading `!`, read as micromatch
/// reads a list: a path matches when it matches one of the others (any path, when all are
/// negated) and none of the negated ones.
#[derive(Clone, Debug)]
pub struct GlobList {
    positive: Option<PathMatcher>,
    negative: PathMatcher,
}

impl GlobList {
    pub(crate) fn new(dir: &Path, style: Style, patterns: &[String]) -> GlobList {
        let negated = |p: &&String| p.starts_with('!');
        let positive: Vec<&str> = patterns
            .iter()
            .filter(|p| !negated(p))
            .map(|p| p.as_str())
            .collect();
        let negative = patterns.iter().filter(negated).map(|p| &p[1..]);
        GlobList {
            positive: (!positive.is_empty())
                .then(|| PathMatcher::new(dir, style, positive.into_iter())),
            negative: PathMatcher::new(dir, style, negative),
        }
    }

    pub(crate) fn is_match(&self, abs: &Path) -> bool {
        self.positive.as_ref().is_none_or(|p| p.is_match(abs)) && !self.negative.is_match(abs)
    }
}
