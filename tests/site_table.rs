//! The `[site]` table of `handbook-lint.toml`: the builder and the published baseurl set by
//! the configuration instead of detected (issue 12), its errors, and what `config` shows.

use std::path::Path;
use std::process::Output;

mod common;
use common::tool::{run_in, stderr, stdout, write};

/// A Jekyll site (no baseurl) in a repository: `index.md` links to the setup page with and
/// without a `/handbook` prefix.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(root, "_config.yml", "title: Handbook\n");
    write(root, "docs/setup.md", "---\ntitle: Setup\n---\n\n# Setup\n");
    write(
        root,
        "index.md",
        "---\ntitle: Home\n---\n\n# Home\n\n[plain](/docs/setup.html) and [prefixed](/handbook/docs/setup.html)\n",
    );
    dir
}

/// `CODE destination` of the link findings on `index.md`, sorted.
fn link_findings(o: &Output) -> Vec<String> {
    let mut out: Vec<String> = stdout(o)
        .lines()
        .filter(|l| l.starts_with("index.md:"))
        .filter_map(|l| {
            let code = l.split(": ").nth(1)?.split(' ').next()?;
            let target = if l.contains("/handbook/docs") {
                "prefixed"
            } else {
                "plain"
            };
            code.starts_with("HB1").then(|| format!("{code} {target}"))
        })
        .collect();
    out.sort();
    out
}

fn check(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--offline", "--format", "concise"];
    args.extend_from_slice(extra);
    args.push(".");
    run_in(dir, &args)
}

#[test]
fn a_baseurl_override_changes_what_the_link_lints_report() {
    let dir = site();
    // Without it, the site is published at the root: the prefixed link is broken.
    let before = link_findings(&check(dir.path(), &[]));
    assert_eq!(before, ["HB102 prefixed"], "{before:?}");
    write(
        dir.path(),
        "handbook-lint.toml",
        "[site]\nbaseurl = \"/handbook/\"\n",
    );
    let after = check(dir.path(), &[]);
    assert_eq!(after.status.code(), Some(1), "{}", stderr(&after));
    // Under /handbook, the plain link misses the baseurl and the prefixed one works.
    assert_eq!(link_findings(&after), ["HB109 plain"]);
    // An empty baseurl means none, even where `_config.yml` sets one.
    write(
        dir.path(),
        "_config.yml",
        "title: Handbook\nbaseurl: /handbook\n",
    );
    write(dir.path(), "handbook-lint.toml", "[site]\nbaseurl = \"\"\n");
    assert_eq!(link_findings(&check(dir.path(), &[])), before);
}

#[test]
fn the_config_option_names_the_site_table_too() {
    let dir = site();
    write(
        dir.path(),
        "other.toml",
        "[site]\nbaseurl = \"/handbook\"\n",
    );
    let o = check(dir.path(), &["--config", "other.toml"]);
    assert_eq!(link_findings(&o), ["HB109 plain"]);
    let o = run_in(
        dir.path(),
        &["config", "--config", "other.toml", "index.md"],
    );
    assert!(
        stdout(&o).contains("# baseurl: \"/handbook\" (other.toml:2)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn config_shows_the_values_set_and_their_lines() {
    let dir = site();
    write(
        dir.path(),
        "Gemfile",
        "gem \"jekyll\"\ngroup :jekyll_plugins do\n  gem \"jekyll-redirect-from\"\nend\n",
    );
    let o = run_in(dir.path(), &["config"]);
    let shown = stdout(&o);
    assert!(
        shown.contains("# builder: GitHub Pages (classic build): no workflow"),
        "{shown}"
    );
    assert!(
        shown.contains("# baseurl: \"\" (from _config.yml)"),
        "{shown}"
    );
    write(
        dir.path(),
        "handbook-lint.toml",
        "# How the site is published\n[site]\nbuilder = \"actions\"\nbaseurl = \"/handbook\"\n",
    );
    let o = run_in(dir.path(), &["config", "index.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(
        shown.contains("# builder: the site's own Gemfile: handbook-lint.toml:3"),
        "{shown}"
    );
    // The Gemfile's plugins run in a build with the site's own Gemfile; no Pages defaults.
    assert!(
        shown.contains("# plugins: jekyll-redirect-from\n"),
        "{shown}"
    );
    assert!(
        shown.contains("# baseurl: \"/handbook\" (handbook-lint.toml:4)"),
        "{shown}"
    );
    let o = run_in(dir.path(), &["config", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["site"]["baseurl"], "\"/handbook\" (handbook-lint.toml:4)");
}

#[test]
fn site_table_errors_are_placed_and_explained() {
    let dir = site();
    write(
        dir.path(),
        "handbook-lint.toml",
        "[site]\nbuilder = \"github-page\"\nbaseurl = \"handbook\"\nbase-url = \"/x\"\n",
    );
    let o = check(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for expected in [
        "handbook-lint.toml:2:11: unknown builder `github-page`: expected `github-pages` or `actions` (did you mean `github-pages`?)",
        "handbook-lint.toml:3:11: the baseurl `handbook` must start with `/` (`/handbook`), or be \"\" for none",
        "handbook-lint.toml:4:1: unknown key `base-url` in `[site]` (did you mean `baseurl`?)",
    ] {
        assert!(err.contains(expected), "{expected} missing from:\n{err}");
    }
    write(dir.path(), "handbook-lint.toml", "[site]\nbuilder = 1\n");
    let o = run_in(dir.path(), &["config"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("handbook-lint.toml:2:11: expected a string, found integer"),
        "{}",
        stderr(&o)
    );
    write(dir.path(), "handbook-lint.toml", "sit = 1\n");
    let err = stderr(&check(dir.path(), &[]));
    assert!(
        err.contains("unknown key `sit` (did you mean `site`?)"),
        "{err}"
    );
}
