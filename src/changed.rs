//! `--changed-since REF`: which lines of which files changed since a git revision, asked of
//! git itself, to filter the report (never the input: every page is still linted, so that
//! links are checked against the whole site).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::discover::{slash_path, SourceFile};
use crate::runner::{FileReport, Outcome};

/// What changed since the revision, in each repository holding a path that was linted.
#[derive(Debug, Default)]
pub struct Changes {
    repos: Vec<Repo>,
}

#[derive(Debug, Default)]
struct Repo {
    /// The work tree's root, as git gives it (symbolic links resolved).
    root: PathBuf,
    /// Files of the diff, by path from the root.
    changed: HashMap<String, Change>,
    /// Files git tracks (in its index).
    tracked: HashSet<String>,
}

#[derive(Debug, PartialEq, Eq)]
enum Change {
    /// Added since the revision: every finding counts.
    New,
    /// Changed: the 1-based inclusive ranges of lines added or changed (none for a pure
    /// rename or a change that only deletes lines).
    Lines(Vec<(usize, usize)>),
}

impl Changes {
    /// Ask git what changed since `rev` in the repositories of `paths`. An error when no path
    /// is in a git repository, when git cannot be run, or when `rev` is not a revision.
    pub fn since(rev: &str, paths: &[PathBuf]) -> Result<Changes, String> {
        let mut roots: Vec<PathBuf> = Vec::new();
        for path in paths {
            let dir = crate::discover::folder_of(path);
            // A path outside every repository keeps all its findings.
            if let Ok(root) = git(dir, &["rev-parse", "--show-toplevel"]) {
                let root = PathBuf::from(String::from_utf8_lossy(&root).trim_end());
                if !roots.contains(&root) {
                    roots.push(root);
                }
            }
        }
        if roots.is_empty() {
            let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            return Err(format!(
                "--changed-since: {} is not in a git repository",
                names.join(", ")
            ));
        }
        let mut changes = Changes::default();
        for root in roots {
            let commit = format!("{rev}^{{commit}}");
            git(
                &root,
                &[
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    &commit,
                ],
            )
            .map_err(|_| {
                format!(
                    "--changed-since: `{rev}` is not a known revision of the git repository at {}",
                    root.display()
                )
            })?;
            // A branch is judged on what it changed since it left REF, not on what REF has
            // changed since: compare with the merge base when there is one.
            let base = git(&root, &["merge-base", "--end-of-options", rev, "HEAD"])
                .ok()
                .map(|b| String::from_utf8_lossy(&b).trim().to_string())
                .filter(|b| !b.is_empty())
                .unwrap_or_else(|| rev.to_string());
            let diff = git(
                &root,
                &[
                    "-c",
                    "core.quotepath=off",
                    "diff",
                    "--unified=0",
                    "--inter-hunk-context=0",
                    "--no-color",
                    "--no-ext-diff",
                    "--no-textconv",
                    "--no-relative",
                    "-M",
                    "--src-prefix=a/",
                    "--dst-prefix=b/",
                    "--end-of-options",
                    &base,
                    "--",
                ],
            )
            .map_err(|e| format!("--changed-since: {}: {e}", root.display()))?;
            let listed = git(&root, &["ls-files", "-z"])
                .map_err(|e| format!("--changed-since: {}: {e}", root.display()))?;
            changes.repos.push(Repo {
                changed: parse_diff(&diff),
                tracked: listed
                    .split(|b| *b == 0)
                    .filter(|p| !p.is_empty())
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .collect(),
                root,
            });
        }
        Ok(changes)
    }

    /// Drop the findings of `file`'s `report` that are not on a changed line of a changed file.
    pub fn filter(&self, file: &SourceFile, report: &mut FileReport) {
        if report.diagnostics().is_empty() {
            return;
        }
        let abs = std::fs::canonicalize(&file.path)
            .or_else(|_| std::path::absolute(&file.path))
            .unwrap_or_else(|_| file.path.to_path_buf());
        let Some((repo, rel)) = self
            .repos
            .iter()
            .filter_map(|r| abs.strip_prefix(&r.root).ok().map(|rel| (r, rel)))
            .min_by_key(|(_, rel)| rel.components().count())
        else {
            return;
        };
        let rel = slash_path(rel);
        let lines = match repo.changed.get(&rel) {
            Some(Change::New) => return,
            Some(Change::Lines(lines)) => lines.as_slice(),
            None if repo.tracked.contains(&rel) => &[],
            // Untracked: new to the repository.
            None => return,
        };
        let Some(found) = crate::report::line_cols(report) else {
            return;
        };
        let Outcome::Checked { diagnostics, .. } = &mut report.outcome else {
            return;
        };
        if found.len() != diagnostics.len() {
            return;
        }
        let mut found = found.into_iter();
        diagnostics.retain(|_| {
            let Some((start, end)) = found.next() else {
                return true;
            };
            let first = start.line;
            // A span that ends just after a line break ends on the line before.
            let last = if end.column == 1 && end.line > first {
                end.line - 1
            } else {
                end.line
            };
            lines.iter().any(|&(a, b)| a <= last && first <= b)
        });
    }
}

/// Run git in `dir`; its standard output, or what it said on standard error.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let said = String::from_utf8_lossy(&out.stderr);
        Err(said
            .trim()
            .lines()
            .next()
            .unwrap_or("git failed")
            .to_string())
    }
}

/// The files of a `git diff --unified=0` and what changed in each, by new path.
fn parse_diff(diff: &[u8]) -> HashMap<String, Change> {
    let mut out = HashMap::new();
    // The file being read: its new path, whether it is new, its added lines.
    let mut path: Option<String> = None;
    let mut new = false;
    let mut lines = Vec::new();
    let mut flush = |path: &mut Option<String>, new: &mut bool, lines: &mut Vec<(usize, usize)>| {
        if let Some(p) = path.take() {
            let change = if *new {
                Change::New
            } else {
                Change::Lines(std::mem::take(lines))
            };
            out.insert(p, change);
        }
        *new = false;
        lines.clear();
    };
    // Lines of the current hunk still to skip (removed and added lines).
    let mut pending = 0usize;
    for raw in diff.split(|b| *b == b'\n') {
        if pending > 0 {
            if !raw.starts_with(b"\\") {
                pending -= 1;
            }
            continue;
        }
        let line = String::from_utf8_lossy(raw);
        if line.starts_with("diff --git ") {
            flush(&mut path, &mut new, &mut lines);
        } else if line.starts_with("new file mode") {
            new = true;
        } else if let Some(p) = line.strip_prefix("rename to ") {
            path = Some(unquote(p));
        } else if let Some(p) = line.strip_prefix("+++ ") {
            let p = unquote(p.strip_suffix('\t').unwrap_or(p));
            path = p.strip_prefix("b/").map(String::from);
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            let (old, new_lines) = hunk_counts(hunk);
            if let Some((start, count)) = new_lines {
                if count > 0 {
                    lines.push((start, start + count - 1));
                }
                pending = old + count;
            } else {
                pending = old;
            }
        }
    }
    flush(&mut path, &mut new, &mut lines);
    out
}

/// `-a,b +c,d @@`: the count of removed lines and the start and count of added ones.
fn hunk_counts(hunk: &str) -> (usize, Option<(usize, usize)>) {
    let mut old = 0;
    let mut new = None;
    for part in hunk.split(' ').take_while(|p| *p != "@@") {
        let (sign, range) = part.split_at(1.min(part.len()));
        let mut numbers = range.splitn(2, ',');
        let start: usize = numbers.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let count: usize = numbers.next().map_or(1, |n| n.parse().unwrap_or(0));
        match sign {
            "-" => old = count,
            "+" => new = Some((start, count)),
            _ => {}
        }
    }
    (old, new)
}

/// A path as git writes it: bare, or in double quotes with C escapes (octal bytes).
fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(d @ b'0'..=b'7') => {
                let mut n = u32::from(d - b'0');
                for _ in 0..2 {
                    match it.peek() {
                        Some(&d @ b'0'..=b'7') => {
                            n = n * 8 + u32::from(d - b'0');
                            it.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(n as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_headers_give_new_paths_and_added_lines() {
        let diff = b"diff --git a/a.md b/a.md\nindex 1..2 100644\n--- a/a.md\n+++ b/a.md\n@@ -3 +3 @@\n-old\n+new\n@@ -10,2 +9,0 @@\n-x\n-y\n@@ -20,0 +19,2 @@\n++++ b/fake.md\n+two\ndiff --git a/old.md b/moved.md\nsimilarity index 100%\nrename from old.md\nrename to moved.md\ndiff --git a/n.md b/n.md\nnew file mode 100644\n--- /dev/null\n+++ b/n.md\n@@ -0,0 +1 @@\n+hi\ndiff --git a/gone.md b/gone.md\ndeleted file mode 100644\n--- a/gone.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n";
        let changes = parse_diff(diff);
        assert_eq!(changes["a.md"], Change::Lines(vec![(3, 3), (19, 20)]));
        assert_eq!(changes["moved.md"], Change::Lines(vec![]));
        assert_eq!(changes["n.md"], Change::New);
        assert!(!changes.contains_key("fake.md"));
        assert!(!changes.contains_key("gone.md"));
        assert_eq!(changes.len(), 3);
    }

    #[test]
    fn quoted_paths_are_unquoted() {
        assert_eq!(unquote("plain name.md"), "plain name.md");
        assert_eq!(
            unquote("\"b/caf\\303\\251 \\\"q\\\".md\""),
            "b/café \"q\".md"
        );
        assert_eq!(unquote("\"tab\\there\""), "tab\there");
    }
}
