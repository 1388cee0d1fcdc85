//! just-the-docs navigation on small sites written for each case, through the command line:
//! parents that are HTML pages or take their title from a heading, `ancestor:` chains, and
//! when the findings in `_config.yml` are reported.

use std::path::Path;
use std::process::{Command, Output};

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook-lint"))
        .env("HANDBOOK_LINT_OFFLINE", "1")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["check", "--offline", "--no-cache", "--format", "concise"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Twelve pages titled alike, each naming that title as parent and another as ancestor:
/// each parent is resolved once, where it was once resolved again for every candidate at
/// every level (k^8, a run that did not end).
#[test]
fn ancestor_chains_of_pages_titled_alike_end() {
    let mut files = vec![(
        "_config.yml".to_string(),
        "theme: just-the-docs\n".to_string(),
    )];
    for i in 0..12 {
        files.push((
            format!("p{i}.md"),
            format!("---\ntitle: X\nparent: X\nancestor: Y\n---\n\n# Page {i}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = site(&files);
    let o = check(dir.path(), &["."]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
}

/// A parent written as an HTML page is a page of the navigation: its children find it.
#[test]
fn an_html_page_is_a_parent() {
    let dir = site(&[
        ("_config.yml", "theme: just-the-docs\n"),
        (
            "api.html",
            "---\ntitle: API\nhas_children: true\n---\n<p>API</p>\n",
        ),
        (
            "child.md",
            "---\ntitle: Child\nparent: API\n---\n\n# Child\n",
        ),
        // Without front matter an HTML file is not a page.
        ("static.html", "<p>Other</p>\n"),
        (
            "other.md",
            "---\ntitle: Other\nparent: Static\n---\n\n# Other\n",
        ),
    ]);
    let out = stdout(&check(dir.path(), &["."]));
    assert!(!out.contains("child.md"), "{out}");
    assert!(out.contains("other.md") && out.contains("HB310"), "{out}");
    // The same when only the child is linted.
    let out = stdout(&check(dir.path(), &["child.md"]));
    assert!(!out.contains("HB310"), "{out}");
}

/// On GitHub Pages' classic build, jekyll-titles-from-headings gives a page without a
/// `title:` the text of its first heading: children name it by that.
#[test]
fn a_title_from_the_first_heading_is_a_parent() {
    let files = [
        (
            "_config.yml",
            "remote_theme: just-the-docs/just-the-docs@v0.8.2\n",
        ),
        ("guides.md", "---\nnav_order: 2\n---\n\n# Guides\n\nText.\n"),
        (
            "child.md",
            "---\ntitle: Child\nparent: Guides\n---\n\n# Child\n",
        ),
    ];
    let dir = site(&files);
    let out = stdout(&check(dir.path(), &["."]));
    assert!(!out.contains("HB310") && !out.contains("HB316"), "{out}");
    // The parent not linted: its heading is read with its front matter.
    let out = stdout(&check(dir.path(), &["child.md"]));
    assert!(!out.contains("HB310"), "{out}");
}

/// The findings in `_config.yml` are the site's: reported when the site's folder is
/// checked (or every page is), not when one page of a larger site is.
#[test]
fn config_findings_only_for_the_whole_site() {
    let dir = site(&[
        ("_config.yml", "title: a\ntitle: b\n"),
        ("docs/page.md", "---\ntitle: Page\n---\n\n# Page\n"),
        ("index.md", "---\ntitle: Home\n---\n\n# Home\n"),
    ]);
    let one = check(dir.path(), &["docs/page.md"]);
    assert!(!stdout(&one).contains("_config.yml"), "{}", stdout(&one));
    assert_eq!(one.status.code(), Some(0), "{}", stdout(&one));
    let all = check(dir.path(), &["."]);
    assert!(stdout(&all).contains("_config.yml"), "{}", stdout(&all));
    assert_eq!(all.status.code(), Some(1));
    // A site of one page: naming it is checking every page.
    std::fs::remove_dir_all(dir.path().join("docs")).unwrap();
    let named = check(dir.path(), &["index.md"]);
    assert!(stdout(&named).contains("_config.yml"), "{}", stdout(&named));
}

/// Pages of one order under one parent: each finding names five of the others at most.
#[test]
fn duplicate_nav_order_names_five_pages_at_most() {
    let mut files = vec![(
        "_config.yml".to_string(),
        "theme: just-the-docs\n".to_string(),
    )];
    for i in 0..8 {
        files.push((
            format!("p{i}.md"),
            format!("---\ntitle: Page {i}\nnav_order: 1\n---\n\n# Page {i}\n"),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = site(&files);
    let out = stdout(&check(dir.path(), &["."]));
    let p0: Vec<&str> = out.lines().filter(|l| l.starts_with("p0.md")).collect();
    assert_eq!(p0.len(), 1, "{out}");
    assert!(
        p0[0].contains("`p1.md`, `p2.md`, `p3.md`, `p4.md`, `p5.md` and 2 more"),
        "{out}"
    );
}
