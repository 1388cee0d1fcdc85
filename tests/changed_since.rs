//! `--changed-since REF` on git repositories made by the tests.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// git, or the tool, with no system or user configuration (no `core.autocrlf`, no aliases)
/// and no search for a repository above the temporary folder.
fn hermetic(mut cmd: Command, ceiling: &Path) -> Command {
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CEILING_DIRECTORIES", ceiling)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1");
    cmd
}

fn git(repo: &Path, args: &[&str]) {
    let mut cmd = hermetic(Command::new("git"), repo.parent().unwrap());
    let o = cmd.arg("-C").arg(repo).args(args).output().unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn tool(ceiling: &Path, args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = hermetic(Command::new(env!("CARGO_BIN_EXE_handbook-lint")), ceiling);
    cmd.env("HANDBOOK_LINT_OFFLINE", "1");
    cmd.args(args).args(paths).output().unwrap()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A page with a backslash link (HB101) on each line listed, plain text on the others.
fn page(lines: usize, links_on: &[usize], eol: &str) -> String {
    let mut out = format!("---{eol}title: x{eol}---{eol}");
    for n in 4..=lines {
        if links_on.contains(&n) {
            out += &format!("See [a](dir\\l{n}).{eol}");
        } else {
            out += &format!("Line {n}.{eol}");
        }
    }
    out
}

/// `(file name, line)` of each HB101 finding in the JSON report.
fn findings(o: &Output) -> Vec<(String, u64)> {
    let v: Value = serde_json::from_str(&String::from_utf8_lossy(&o.stdout))
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, d["line"].as_u64().unwrap())
        })
        .collect()
}

const JSON_HB101: &[&str] = &["--format", "json", "--select", "HB101"];

#[test]
fn only_lines_changed_since_the_revision_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    write(&repo.join("edited.md"), &page(8, &[5], "\n"));
    write(&repo.join("crlf.md"), &page(8, &[5], "\r\n"));
    write(&repo.join("moved.md"), &page(8, &[5], "\n"));
    write(&repo.join("shortened.md"), &page(8, &[7], "\n"));
    write(&repo.join("same.md"), &page(6, &[5], "\n"));
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    git(&repo, &["tag", "base"]);
    // Committed after the base: a rename with one line changed.
    git(&repo, &["mv", "moved.md", "docs-moved.md"]);
    write(&repo.join("docs-moved.md"), &page(8, &[5, 7], "\n"));
    git(&repo, &["commit", "-q", "-am", "rename"]);
    // In the work tree: a line added, a CRLF line changed, a line deleted, new files.
    write(&repo.join("edited.md"), &page(9, &[5, 8], "\n"));
    write(&repo.join("crlf.md"), &page(8, &[5, 7], "\r\n"));
    let shortened = std::fs::read_to_string(repo.join("shortened.md")).unwrap();
    write(
        &repo.join("shortened.md"),
        &shortened.replace("Line 5.\n", ""),
    );
    write(&repo.join("staged.md"), &page(6, &[4, 6], "\n"));
    git(&repo, &["add", "staged.md"]);
    write(&repo.join("untracked.md"), &page(5, &[5], "\n"));

    let o = tool(dir.path(), JSON_HB101, &[&repo]);
    let all = findings(&o);
    assert_eq!(all.len(), 11, "{all:?}");

    let mut args = JSON_HB101.to_vec();
    args.extend(["--changed-since", "base"]);
    let o = tool(dir.path(), &args, &[&repo]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut got = findings(&o);
    got.sort();
    let want: Vec<(String, u64)> = [
        ("crlf.md", 7),
        ("docs-moved.md", 7),
        ("edited.md", 8),
        ("staged.md", 4),
        ("staged.md", 6),
        ("untracked.md", 5),
    ]
    .iter()
    .map(|(f, l)| (f.to_string(), *l))
    .collect();
    assert_eq!(got, want);

    // From the tip of history only the work tree's changes count; a commit of everything
    // leaves nothing to report, and the exit code follows.
    args.pop();
    args.push("HEAD");
    let o = tool(dir.path(), &args, &[&repo]);
    let mut got = findings(&o);
    got.sort();
    assert!(!got.iter().any(|(f, _)| f == "docs-moved.md"), "{got:?}");
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "all"]);
    let o = tool(dir.path(), &args, &[&repo]);
    assert_eq!(findings(&o), vec![]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn links_on_changed_lines_are_checked_against_unchanged_pages() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    write(&repo.join("target.md"), "---\ntitle: t\n---\n\n## Costs\n");
    write(
        &repo.join("links.md"),
        "---\ntitle: l\n---\n\nOld [x](target.md#gone).\n",
    );
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    write(
        &repo.join("links.md"),
        "---\ntitle: l\n---\n\nOld [x](target.md#gone).\n\nNew [c](target.md#costs) and [d](target.md#nothing).\n",
    );
    let o = tool(
        dir.path(),
        &["--format", "json", "--changed-since", "HEAD"],
        &[&repo],
    );
    // target.md did not change, yet its heading is known: `#costs` is fine, `#nothing` is
    // reported; `#gone` is broken too, but on a line that did not change.
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(u64, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(found, vec![(7, "broken-link-fragment")], "{v}");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn unknown_revisions_and_folders_outside_git_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let loose = dir.path().join("loose");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    write(&repo.join("a.md"), &page(5, &[5], "\n"));
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    write(&loose.join("b.md"), &page(5, &[5], "\n"));

    let o = tool(dir.path(), &["--changed-since", "no-such-ref"], &[&repo]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("`no-such-ref` is not a known revision of the git repository at"),
        "{err}"
    );

    let o = tool(dir.path(), &["--changed-since", "HEAD"], &[&loose]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("is not in a git repository"), "{err}");

    // Beside a repository, a file outside it keeps its findings.
    let mut args = JSON_HB101.to_vec();
    args.extend(["--changed-since", "HEAD"]);
    let o = tool(dir.path(), &args, &[&repo, &loose.join("b.md")]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(findings(&o), vec![("b.md".to_string(), 5)]);

    for other in ["--fix", "--diff"] {
        let o = tool(dir.path(), &["--changed-since", "HEAD", other], &[&repo]);
        assert_eq!(o.status.code(), Some(2), "{other}");
    }
}

/// A branch is judged on what it changed since it left REF: changes made on REF afterwards
/// are not its findings. Hunks are read whatever the user's `diff.interHunkContext`.
#[test]
fn a_branch_is_compared_with_its_merge_base() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    write(&repo.join("c.md"), &page(9, &[5], "\n"));
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    git(&repo, &["checkout", "-q", "-b", "feature"]);
    write(&repo.join("c.md"), &page(9, &[5, 8], "\n"));
    git(
        &repo,
        &["commit", "-q", "-am", "feature adds a link on line 8"],
    );
    git(&repo, &["checkout", "-q", "main"]);
    write(&repo.join("c.md"), &page(9, &[], "\n"));
    git(&repo, &["commit", "-q", "-am", "main fixes line 5"]);
    git(&repo, &["checkout", "-q", "feature"]);
    git(&repo, &["config", "diff.interHunkContext", "5"]);
    let mut args = JSON_HB101.to_vec();
    args.extend(["--changed-since", "main"]);
    let o = tool(dir.path(), &args, &[&repo]);
    assert_eq!(findings(&o), [("c.md".to_string(), 8)]);
}
