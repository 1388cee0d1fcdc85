//! One file named in a folder that is not a Jekyll site (no `_config.yml` at or above it):
//! its other pages matter only as the targets of its links, so the run reads those and not
//! every page below the folder (issue 11, item 13).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

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

fn check(dir: &Path) -> (String, Duration) {
    let start = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--offline", "--format", "concise", "notes.md"])
        .output()
        .unwrap();
    (String::from_utf8(o.stdout).unwrap(), start.elapsed())
}

#[test]
fn a_lone_file_reads_only_the_pages_it_links_to() {
    let (small, large) = (folder(100), folder(6_000));
    let fastest = |dir: &Path| (0..3).map(|_| check(dir)).min_by_key(|(_, t)| *t).unwrap();
    let (out_small, t_small) = fastest(small.path());
    let (out_large, t_large) = fastest(large.path());
    // The links to existing pages resolve in both folders.
    for out in [&out_small, &out_large] {
        assert!(!out.contains("HB1"), "{out}");
    }
    // Sixty times the pages: listing them is linear and cheap; reading every one of them
    // (before the fix) made the run about twenty times slower.
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64();
    assert!(
        ratio < 8.0,
        "{t_small:?} for 100 pages, {t_large:?} for 6,000: the other pages are read"
    );
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
    let (out, _) = check(dir.path());
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
/// every page of the work tree: in a tree of 6,000 pages it takes a fraction of the time of
/// a page whose link may be to a `permalink` (every page is read for that one).
#[test]
fn a_lone_file_in_a_large_work_tree_reads_only_the_pages_it_links_to() {
    let dir = folder(6_000);
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    let time = |name: &str, text: &str| {
        std::fs::write(dir.path().join("notes").join(name), text).unwrap();
        (0..3)
            .map(|_| {
                let start = Instant::now();
                Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
                    .current_dir(dir.path())
                    .args(["check", "--offline", "--format", "concise"])
                    .arg(format!("notes/{name}"))
                    .output()
                    .unwrap();
                start.elapsed()
            })
            .min()
            .unwrap()
    };
    let linked = time(
        "today.md",
        "# Today\n\n[one](../d1/p1.md) and [two](../d2/p2.md)\n",
    );
    let every = time(
        "all.md",
        "# All\n\n[one](../d1/p1.md) and [moved](/moved/here/)\n",
    );
    // Reading every page would make the two alike; reading only the linked ones makes the
    // first 3x (debug build) to 4x (release) faster. Two thirds leaves room for a loaded
    // machine (1.9x was seen with both cores busy building beside the tests).
    assert!(
        linked.as_secs_f64() < every.as_secs_f64() / 1.5,
        "{linked:?} for the linked pages, {every:?} for every page: the other pages are read"
    );
}
