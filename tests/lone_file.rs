//! One file named in a folder that is not a Jekyll site (no `_config.yml` at or above it):
//! its other pages matter only as the targets of its links, so the run reads those and not
//! every page below the folder (issue 11, item 13).

use std::path::Path;
use std::process::Command;

/// A folder of `n` pages with front matter, and `notes.md` linking to three of them (one
/// with a fragment: fragments into pages that are not linted are not checked).
fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let sub = dir.path().join(format!("d{}", i % 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("p{i}.md")),
            format!("---\ntitle: Page {i}\n---\n\n# Page {i}\n\nSee [one](../d1/p1.md).\n"),
        )
        .unwrap();
    }
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\nSee [one](d1/p1.md), [two](./d2/p2) and [four](d4/p4.md#page-4).\n",
    )
    .unwrap();
    dir
}

/// The findings of a check of `notes.md` in `dir`, and the pages it read for their front
/// matter alone (named on standard error under `HANDBOOK_LINT_TRACE_READS`).
fn check(dir: &Path) -> (String, Vec<String>) {
    let o = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HANDBOOK_LINT_TRACE_READS", "1")
        .args(["check", "--offline", "--format", "concise", "notes.md"])
        .output()
        .unwrap();
    let read = String::from_utf8(o.stderr).unwrap();
    let read = read
        .lines()
        .filter_map(|l| l.strip_prefix("read front matter: "));
    let mut read: Vec<String> = read
        .map(|p| Path::new(p).strip_prefix(dir).unwrap_or(Path::new(p)))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    read.sort();
    (String::from_utf8(o.stdout).unwrap(), read)
}

#[test]
fn a_lone_file_reads_only_the_pages_it_links_to() {
    for n in [100, 6_000] {
        let dir = folder(n);
        let (out, read) = check(dir.path());
        // The links to existing pages resolve, and only those pages are read: not the
        // other pages of the folder (before the fix, every one of them, 20 times the time).
        assert!(!out.contains("HB1"), "{out}");
        assert_eq!(read, ["d1/p1.md", "d2/p2.md", "d4/p4.md"], "{n} pages");
    }
}

/// A link that no file answers may be to another page's `permalink`: every page is read
/// then, and a missing page is still reported as such.
#[test]
fn a_link_no_file_answers_reads_every_page() {
    let dir = folder(20);
    std::fs::write(
        dir.path().join("d5/moved.md"),
        "---\ntitle: Moved\npermalink: /moved/here/\n---\n\n# Moved\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n[moved](moved/here/) and [gone](d3/nothere.md)\n",
    )
    .unwrap();
    let (out, read) = check(dir.path());
    assert_eq!(read.len(), 21, "every page but notes.md: {read:?}");
    let broken: Vec<&str> = out.lines().filter(|l| l.contains("HB102")).collect();
    assert_eq!(broken.len(), 1, "{out}");
    assert!(broken[0].contains("d3/nothere.md"), "{out}");
}

/// With no `_config.yml`, the site of a file named alone is its git work tree (issue 11,
/// item 13): a link out of the file's folder to a page of the repository resolves, a link
/// to a page that is not there is still broken, and `config` shows the root and why.
#[test]
fn a_lone_file_in_a_git_work_tree_has_the_work_tree_as_its_site() {
    let dir = folder(20);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    std::fs::write(
        dir.path().join("notes/today.md"),
        "# Today\n\nSee [one](../d1/p1.md), [top](/d2/p2.md) and [gone](../d3/nothere.md).\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let out = run(&[
        "check",
        "--offline",
        "--format",
        "concise",
        "notes/today.md",
    ]);
    let broken: Vec<&str> = out.lines().filter(|l| l.contains("HB1")).collect();
    assert_eq!(broken.len(), 1, "{out}");
    assert!(broken[0].contains("d3/nothere.md"), "{out}");
    let shown = run(&["config", "notes/today.md"]);
    assert!(
        shown.contains("# root: . (no _config.yml at or above it: the git work tree;"),
        "{shown}"
    );
    // Without a git work tree, the file's own folder is the site.
    std::fs::remove_dir(dir.path().join(".git")).unwrap();
    let shown = run(&["config", "notes/today.md"]);
    assert!(
        shown.contains(
            "# root: notes (no _config.yml at or above it and no git work tree: the folder itself;"
        ),
        "{shown}"
    );
}

/// In a git work tree, a file named alone still reads only the pages its links name, not
/// every page of the work tree: in a tree of 6,000 pages, two pages against every page for
/// a page whose link may be to a `permalink`.
#[test]
fn a_lone_file_in_a_large_work_tree_reads_only_the_pages_it_links_to() {
    let dir = folder(6_000);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    let reads = |name: &str, text: &str| {
        std::fs::write(dir.path().join("notes").join(name), text).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
            .current_dir(dir.path())
            .env("HANDBOOK_LINT_TRACE_READS", "1")
            .args(["check", "--offline", "--format", "concise"])
            .arg(format!("notes/{name}"))
            .output()
            .unwrap();
        let err = String::from_utf8(o.stderr).unwrap();
        err.lines()
            .filter(|l| l.starts_with("read front matter: "))
            .count()
    };
    let linked = reads(
        "today.md",
        "# Today\n\n[one](../d1/p1.md) and [two](../d2/p2.md)\n",
    );
    let every = reads(
        "all.md",
        "# All\n\n[one](../d1/p1.md) and [moved](/moved/here/)\n",
    );
    assert_eq!(linked, 2);
    // Every page of the tree but the one linted (and `notes/today.md`, a page too).
    assert!(
        every >= 6_000,
        "{every} pages read for a link to a permalink"
    );
}
