//! Suppression comments in `_config.yml`: YAML comments with the words of the Markdown ones
//! silence the findings of the site lints there, and `unused-suppression` reports those that
//! silence nothing, through the command line.

use std::path::Path;
use std::process::Output;

mod common;
use common::tool::check_concise;

fn check(dir: &Path) -> Output {
    check_concise(dir, &["."])
}

/// A site whose `_config.yml` is `config`, with one clean page.
fn site(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    std::fs::write(
        dir.path().join("index.md"),
        "---\ntitle: Home\nnav_order: 1\n---\n\n# Home\n\nWelcome.\n",
    )
    .unwrap();
    dir
}

/// The findings on `_config.yml`, as `line:lint` (concise lines are `path:line:col: …`).
fn config_findings(o: &Output) -> Vec<String> {
    let out = String::from_utf8_lossy(&o.stdout);
    out.lines()
        .filter_map(|l| l.strip_prefix("_config.yml:"))
        .map(|l| {
            let line = l.split(':').next().unwrap_or("");
            let lint = l
                .split_whitespace()
                .find(|w| w.starts_with("HB"))
                .unwrap_or("");
            format!("{line}:{lint}")
        })
        .collect()
}

const DUPLICATES: &str = "title: Harbour\ntheme: just-the-docs\nbaseurl: \"/a\"\nurl: \"https://example.org\"\nbaseurl: \"\"\nurl: \"\"\n";

#[test]
fn duplicate_keys_are_reported_without_comments() {
    let dir = site(DUPLICATES);
    let o = check(dir.path());
    assert_eq!(config_findings(&o), ["3:HB319", "4:HB319"], "{o:?}");
}

#[test]
fn yaml_comments_suppress_config_findings() {
    let config = "title: Harbour\ntheme: just-the-docs\n\
                  # handbook-lint-disable-next-line HB319\n\
                  baseurl: \"/a\"\n\
                  url: \"https://example.org\" # handbook-lint-disable-line duplicate-config-key\n\
                  baseurl: \"\"\nurl: \"\"\n";
    let dir = site(config);
    let o = check(dir.path());
    assert_eq!(config_findings(&o), Vec::<String>::new(), "{o:?}");
}

#[test]
fn disable_and_disable_file_in_config() {
    let ranged =
        format!("# handbook-lint-disable HB319\n{DUPLICATES}# handbook-lint-enable HB319\n");
    let o = check(site(&ranged).path());
    assert_eq!(config_findings(&o), Vec::<String>::new(), "{o:?}");
    let file = format!("{DUPLICATES}# handbook-lint-disable-file duplicate-config-key\n");
    let o = check(site(&file).path());
    assert_eq!(config_findings(&o), Vec::<String>::new(), "{o:?}");
}

#[test]
fn unused_and_unknown_config_comments_are_reported() {
    let config = "title: Harbour\ntheme: just-the-docs\n\
                  # handbook-lint-disable-next-line HB319\n\
                  baseurl: \"/a\"\n\
                  # handbook-lint-disable-next-line HB319, HB101\n\
                  url: \"https://example.org\"\n\
                  # handbook-lint-disable-nxt-line HB319\n\
                  # handbook-lint-disable-line HB999\n";
    let o = check(site(config).path());
    // Line 5 names a lint with nothing to suppress twice over (no duplicate `url`, and a
    // page lint never reports in `_config.yml`); line 7 misspells the verb; line 8 names
    // no lint.
    let mut got = config_findings(&o);
    got.sort();
    assert_eq!(
        got,
        ["3:HB001", "5:HB001", "5:HB001", "7:HB001", "8:HB001"],
        "{o:?}"
    );
}

#[test]
fn comment_text_in_strings_and_block_scalars_is_no_comment() {
    let config = "title: \"Harbour # handbook-lint-disable-file\"\n\
                  description: |\n  # handbook-lint-disable-file\n  text\n\
                  theme: just-the-docs\n{DUP}";
    let config = config.replace(
        "{DUP}",
        &DUPLICATES["title: Harbour\ntheme: just-the-docs\n".len()..],
    );
    let o = check(site(&config).path());
    assert_eq!(config_findings(&o), ["6:HB319", "7:HB319"], "{o:?}");
}
