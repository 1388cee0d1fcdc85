//! `missing-include` knows the includes of each just-the-docs release: an include that only
//! a later release ships is reported on a site pinned to an earlier one, and not on a site
//! pinned to that release or a later one, through the command line.

use std::path::Path;
use std::process::Output;

mod common;
use common::tool::check_concise;

fn check(dir: &Path) -> Output {
    check_concise(dir, &["--select", "missing-include", "."])
}

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    // A repository of its own: the Gemfile is not looked for above it.
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

const PAGE: &str = "---\ntitle: Home\n---\n\n# Home\n\n{% include INCLUDE %}\n";

/// The `missing-include` findings of a site with `config` whose page includes `include`.
fn findings(config: &str, extra: &[(&str, &str)], include: &str) -> Vec<String> {
    let page = PAGE.replace("INCLUDE", include);
    let mut files = vec![("_config.yml", config), ("index.md", page.as_str())];
    files.extend_from_slice(extra);
    let dir = site(&files);
    let o = check(dir.path());
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.contains("HB404"))
        .map(String::from)
        .collect()
}

fn remote(version: &str) -> String {
    format!("title: T\nremote_theme: just-the-docs/just-the-docs@{version}\n")
}

#[test]
fn an_include_of_a_later_release_is_missing_on_an_earlier_one() {
    // `toc_heading_custom.html` came with 0.4.0.
    let early = findings(&remote("v0.3.3"), &[], "toc_heading_custom.html");
    assert_eq!(early.len(), 1, "{early:?}");
    assert!(
        early[0].contains("_includes/toc_heading_custom.html"),
        "{early:?}"
    );
    assert!(findings(&remote("v0.4.0"), &[], "toc_heading_custom.html").is_empty());
    assert!(findings(&remote("v0.10.1"), &[], "toc_heading_custom.html").is_empty());
    // `css/activation.scss.liquid` came with 0.6.0.
    assert_eq!(
        findings(&remote("v0.5.4"), &[], "css/activation.scss.liquid").len(),
        1
    );
    assert!(findings(&remote("v0.6.0"), &[], "css/activation.scss.liquid").is_empty());
}

#[test]
fn an_include_a_release_no_longer_ships_is_missing() {
    // 0.7.0 moved `nav.html` to `components/nav.html`.
    assert!(findings(&remote("v0.6.2"), &[], "nav.html").is_empty());
    assert_eq!(findings(&remote("v0.7.0"), &[], "nav.html").len(), 1);
}

#[test]
fn the_release_is_read_from_the_gemfile_lock() {
    let config = "title: T\ntheme: just-the-docs\n";
    let gemfile = (
        "Gemfile",
        "source \"https://rubygems.org\"\ngem \"just-the-docs\"\n",
    );
    let lock = |v: &str| {
        format!("GEM\n  remote: https://rubygems.org/\n  specs:\n    just-the-docs ({v})\n      jekyll (>= 3.8.5)\n")
    };
    let old = lock("0.3.3");
    let found = findings(
        config,
        &[gemfile, ("Gemfile.lock", &old)],
        "components/sidebar.html",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let new = lock("0.8.2");
    let found = findings(
        config,
        &[gemfile, ("Gemfile.lock", &new)],
        "components/sidebar.html",
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn with_no_release_pinned_an_include_of_any_release_counts() {
    let config = "title: T\ntheme: just-the-docs\n";
    assert!(findings(config, &[], "nav.html").is_empty());
    assert!(findings(config, &[], "components/sidebar.html").is_empty());
    assert_eq!(findings(config, &[], "banner.html").len(), 1);
}
