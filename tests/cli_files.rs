//! The files a run reads: discovery (exclusions, `.gitignore`, folders Jekyll skips,
//! `--force-exclude` for named files), files that cannot be read, and huge or deeply nested
//! pages.

use std::path::PathBuf;

mod common;
use common::tool::{stderr, stdout, tool_in_checkout as bin, write};

fn temp_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    (dir, root)
}

/// A page that cannot be read is still a file of its site: a walk of the whole site lists
/// only the files it does not lint, and the run gives the index those it could not read.
#[test]
fn a_page_that_cannot_be_read_is_still_a_link_target() {
    let (_guard, root) = temp_site();
    write(&root, "_config.yml", b"title: T\n");
    write(
        &root,
        "good.md",
        b"---\ntitle: Good\n---\n\nSee [a](latin1.md) and [b](gone.md).\n",
    );
    write(&root, "latin1.md", b"---\ntitle: x\n---\nline\ncaf\xe9\n");
    let o = bin()
        .args(["--format", "concise", "--select", "HB102"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("latin1.md:5:4: not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    let out = stdout(&o);
    assert!(out.contains("good.md:5:28: HB102"), "{out}");
    assert!(!out.contains("good.md:5:9"), "{out}");
}

/// A file found twice is linted once; the copy dropped was still a file of its own site.
/// Here the copy kept is of a Jekyll site nested in the other, or named through a link.
#[test]
fn a_file_found_twice_stays_a_file_of_each_site() {
    let (_guard, root) = temp_site();
    write(&root, "A/_config.yml", b"title: A\n");
    write(&root, "A/sub/_config.yml", b"title: Sub\n");
    write(&root, "A/sub/x.md", b"---\ntitle: X\n---\n\n# X\n");
    write(
        &root,
        "A/index.md",
        b"---\ntitle: A\n---\n\n[x](sub/x.md)\n",
    );
    let run = |paths: &[&str]| {
        let o = bin()
            .current_dir(&root)
            .args(["--format", "concise", "--select", "HB102"])
            .args(paths)
            .output()
            .unwrap();
        (o.status.code(), stdout(&o))
    };
    assert_eq!(run(&["A/sub", "A"]), (Some(0), String::new()));
    assert_eq!(run(&["A/sub/x.md", "A"]), (Some(0), String::new()));
    #[cfg(unix)]
    {
        write(&root, "S/_config.yml", b"title: S\n");
        write(&root, "S/z.md", b"---\ntitle: Z\n---\n\n# Z\n");
        write(&root, "S/a.md", b"---\ntitle: A\n---\n\n[z](z.md)\n");
        std::os::unix::fs::symlink("z.md", root.join("S/link.md")).unwrap();
        assert_eq!(run(&["S", "S/link.md"]), (Some(0), String::new()));
    }
}

#[test]
fn bad_files_are_named_and_the_others_still_linted() {
    let (_guard, root) = temp_site();
    write(
        &root,
        "good.md",
        b"---\ntitle: Good\n---\n\nSee [a](dir\\page).\n",
    );
    write(&root, "latin1.md", b"---\ntitle: x\n---\nline\ncaf\xe9\n");
    write(&root, "binary.md", b"\x00\x01\x02PNG");
    let missing = root.join("missing.md");
    let o = bin()
        .args(["--format", "concise"])
        .arg(&root)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("latin1.md:5:4: not valid UTF-8"), "{err}");
    assert!(err.contains("binary.md:1:1: not a text file"), "{err}");
    assert!(err.contains("missing.md: no such file or folder"), "{err}");
    assert!(stdout(&o).contains("good.md:5:12: HB101"), "{}", stdout(&o));
}

/// The user's global gitignore (git's `core.excludesFile`, or git's default file) is honoured
/// as git honours it: a configuration that names none leaves every file read.
#[test]
fn discovery_honours_the_global_gitignore() {
    let (_guard, root) = temp_site();
    let site = root.join("site");
    let home = root.join("home");
    write(&site, "page.md", b"# Page\n");
    write(&site, "secret.md", b"# Secret\n");
    let checked = |home: &std::path::Path| {
        let o = bin()
            .env("HOME", home)
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("GIT_CONFIG_GLOBAL")
            .env("GIT_CONFIG_SYSTEM", home.join("no-system-config"))
            .args(["--format", "json", "--offline", "--no-cache"])
            .arg(&site)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["files_checked"].as_u64().unwrap()
    };
    write(&home, ".gitconfig", b"[user]\n\tname = someone\n");
    assert_eq!(checked(&home), 2);
    let ignore = home.join("global-ignore");
    write(&home, "global-ignore", b"secret.md\n");
    let config = format!("[core]\n\texcludesFile = {}\n", ignore.display());
    write(&home, ".gitconfig", config.as_bytes());
    assert_eq!(checked(&home), 1);
    write(&home, ".gitconfig", b"[user]\n\tname = someone\n");
    write(&home, ".config/git/ignore", b"secret.md\n");
    assert_eq!(checked(&home), 1);
}

#[test]
fn discovery_honours_config_exclude_gitignore_and_skipped_folders() {
    let (_guard, root) = temp_site();
    write(
        &root,
        "_config.yml",
        b"exclude:\n  - drafts/\n  - \"*.tmp.md\"\n",
    );
    write(&root, ".gitignore", b"ignored/\n");
    let no_fm = b"# No front matter\n";
    for p in [
        "page.md",
        "drafts/a.md",
        "x.tmp.md",
        "ignored/b.md",
        "_site/c.md",
        "node_modules/d.md",
        "vendor/bundle/e.md",
        ".jekyll-cache/f.md",
        "_includes/g.md",
        "README.md",
    ] {
        write(&root, p, no_fm);
    }
    let o = bin()
        .args(["--format", "json"])
        .arg(&root)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // page.md, README.md and _includes/g.md are read; only page.md is a page.
    assert_eq!(v["files_checked"], 3, "{v}");
    let paths: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("/page.md"), "{paths:?}");
}

#[test]
fn huge_and_deeply_nested_files_do_not_crash() {
    let (_guard, root) = temp_site();
    let mut big = String::from("---\ntitle: Big\n---\n");
    // Every construct the pre-pass and the lints look at, repeated up to 50 MB; one finding
    // in a thousand paragraphs keeps the report small.
    let para = "Some [link](dir/page){:target=\"_blank\"} and `code` {{ x }} {% if y %}text{% endif %}.\n\n";
    let bad = "A [link](dir\\page) {:target=\"_blank\"}).\n\n";
    let mut n = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(if n % 1000 == 0 { bad } else { para });
        n += 1;
    }
    write(&root, "big.md", big.as_bytes());
    let mut nested = String::from("---\ntitle: Deep\n---\n");
    nested.push_str(&">".repeat(20_000));
    nested.push_str(" deep\n\n");
    nested.push_str(&"[".repeat(50_000));
    nested.push_str("\n\n");
    nested.push_str(&"{:".repeat(50_000));
    nested.push_str("\n\n");
    nested.push_str(&"{{".repeat(50_000));
    nested.push('\n');
    for depth in 0..2_000 {
        nested.push_str(&"  ".repeat(depth));
        nested.push_str("- item\n");
    }
    write(&root, "deep.md", nested.as_bytes());
    let o = bin()
        .args(["--format", "json", "--fail-on", "never"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files_checked"], 2);
}

/// pre-commit names every staged file: with `--force-exclude` the exclusions of the
/// configuration and of `_config.yml` apply to named files too.
#[test]
fn force_exclude_applies_exclusions_to_named_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("_config.yml"), "exclude:\n  - vendor\n").unwrap();
    std::fs::write(d.join("handbook-lint.toml"), "exclude = [\"drafts\"]\n").unwrap();
    for sub in ["drafts", "vendor", "node_modules"] {
        std::fs::create_dir(d.join(sub)).unwrap();
    }
    let page = "---\ntitle: x\n---\n\n[a](dir\\b.md)\n";
    for f in ["a.md", "drafts/d.md", "vendor/v.md", "node_modules/n.md"] {
        std::fs::write(d.join(f), page).unwrap();
    }
    let named = ["a.md", "drafts/d.md", "vendor/v.md", "node_modules/n.md"];
    let linted = |extra: &[&str]| {
        let o = bin()
            .current_dir(d)
            .args(["--format", "concise", "--select", "HB101"])
            .args(extra)
            .args(named)
            .output()
            .unwrap();
        let mut files: Vec<String> = stdout(&o)
            .lines()
            .map(|l| l.split(':').next().unwrap().to_string())
            .collect();
        files.dedup();
        files
    };
    assert_eq!(linted(&[]).len(), 4, "named files are linted by default");
    assert_eq!(linted(&["--force-exclude"]), ["a.md"]);
}
