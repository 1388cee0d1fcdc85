//! Linear-time guards (issue 11): a page of each pathological shape is linted at 1 MB and at
//! 8 MB (a quarter of that in a debug build), and the time may grow about linearly (8x, with
//! room for noise), never quadratically (64x). Ratios between two sizes are compared, never
//! absolute times, so a slow or busy machine does not fail the test. The binary is the one
//! cargo built for this test run, never an older build lying in `target/release`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The smaller size: 1 MB in an optimised build, 256 KB in a debug build (about 10x slower).
const SMALL: usize = if cfg!(debug_assertions) {
    1 << 18
} else {
    1 << 20
};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_handbook-lint"))
}

/// A page of about `size` bytes: front matter, `head`, then `unit` repeated.
fn page_after(head: &str, unit: &str, size: usize) -> String {
    let mut text = format!("---\ntitle: x\n---\n\n{head}");
    while text.len() < size {
        text.push_str(unit);
    }
    text.push('\n');
    text
}

/// The time to lint `path` (a page or a site's folder): the best of two runs.
fn check_time(path: &Path) -> Duration {
    (0..2)
        .map(|_| {
            let start = Instant::now();
            let status = Command::new(binary())
                .args(["check", "--offline", "--no-cache", "--format", "concise"])
                .arg(path)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .unwrap();
            assert!(matches!(status.code(), Some(0 | 1)), "{status}");
            start.elapsed()
        })
        .min()
        .unwrap()
}

/// The time to lint `text`: the best of two runs.
fn lint_time(text: &str) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page.md");
    std::fs::write(&file, text).unwrap();
    check_time(&file)
}

/// Lint `SMALL` and 8 x `SMALL` bytes of `unit` and fail when the time grows more than
/// 16-fold.
fn grows_linearly(unit: &str) {
    grows_linearly_after("", unit);
}

/// [`grows_linearly`], with `head` written once before the units.
fn grows_linearly_after(head: &str, unit: &str) {
    let small = lint_time(&page_after(head, unit, SMALL));
    let large = lint_time(&page_after(head, unit, 8 * SMALL));
    // A floor for the small time, so that noise on a very quick run does not count.
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.05);
    assert!(
        ratio < 16.0,
        "{SMALL} bytes took {small:?}, 8x that took {large:?}: {ratio:.1}x for 8x the input"
    );
}

#[test]
fn many_attribute_lists_in_one_paragraph() {
    grows_linearly("[l](u){:x})\n");
}

#[test]
fn long_lines() {
    let line = format!("{} [a](#b) `c`\n\n", "word ".repeat(20_000));
    grows_linearly(&line);
}

#[test]
fn deep_nesting() {
    grows_linearly(&format!("{}x\n", "> ".repeat(64)));
    grows_linearly(&format!("{}\n", "- ".repeat(64)));
}

#[test]
fn many_links_on_one_line() {
    grows_linearly("[a](https://example.com/x) ");
}

#[test]
fn many_liquid_tags() {
    grows_linearly("{% if x %}a{{ page.title }}{% endif %} {% raw %}{{{% endraw %}\n");
}

#[test]
fn brackets_and_reversed_links() {
    // Each `[` looking ahead for its `]`, or each `)[` looking back for its `(`, would be
    // quadratic.
    grows_linearly("[");
    grows_linearly("a)[");
}

#[test]
fn images_and_headings_with_attribute_lists() {
    // One paragraph of images, each asking for a list glued to it, and headings each
    // looking for their own list: a search of every list per image or heading is quadratic.
    grows_linearly("![a](b){: .c}\n");
    grows_linearly("# h {: .c}\n{: .d}\n");
    grows_linearly("## h {#i}\n");
}

#[test]
fn code_blocks_with_liquid() {
    // Each code block holding Liquid asking whether a `{::comment}` hides it, and each
    // output asking whether the page assigned its variable: searches of every extension or
    // every assignment are quadratic.
    grows_linearly("```\n{{ x }}\n```\n\n{::comment}c{:/comment}\n\n");
    grows_linearly("{% assign v = 1 %}\n\n```\n{{ v }} {{ w }}\n```\n\n");
}

/// Block attribute lists on lines of their own after a block quote: each looks at the line
/// before it (once, not through every other attribute list).
#[test]
fn many_block_attribute_lists_after_a_quote() {
    grows_linearly_after("> q\n\n", "{: .a }\n");
}

/// The time to lint a site whose `_config.yml` is `config`, with one page: the best of two.
fn site_time(config: &str) -> Duration {
    let index = (
        "index.md".to_string(),
        "---\ntitle: x\n---\n\n# x\n".to_string(),
    );
    pages_time(config, &[index])
}

/// A `_config.yml` of `keys` settings, each written twice (the duplicate-config-key lint
/// reports every first one).
fn config_of(keys: usize) -> String {
    (0..2)
        .flat_map(|_| (0..keys).map(|k| format!("key{k}: {k}\n")))
        .collect()
}

/// Many settings written twice in `_config.yml`: found in one pass, not one per setting.
#[test]
fn many_duplicate_config_keys() {
    let keys = SMALL / 16;
    let small = site_time(&config_of(keys));
    let large = site_time(&config_of(8 * keys));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.05);
    assert!(
        ratio < 16.0,
        "{keys} keys took {small:?}, 8x that took {large:?}: {ratio:.1}x for 8x the input"
    );
}

/// The time to lint the site of `pages` (path, text) with `config` as `_config.yml`: the best
/// of two runs.
fn pages_time(config: &str, pages: &[(String, String)]) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), config).unwrap();
    for (path, text) in pages {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    check_time(dir.path())
}

/// `n` pages of a just-the-docs site made by `page(i)`: the time for `n` and 8 x `n` pages
/// may grow about linearly, never quadratically.
fn site_grows_linearly(n: usize, page: impl Fn(usize) -> String) {
    let site = |n: usize| -> Vec<(String, String)> {
        (0..n).map(|i| (format!("p{i}.md"), page(i))).collect()
    };
    let config = "theme: just-the-docs\n";
    let small = pages_time(config, &site(n));
    let large = pages_time(config, &site(8 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.05);
    assert!(
        ratio < 16.0,
        "{n} pages took {small:?}, 8x as many took {large:?}: {ratio:.1}x for 8x the pages"
    );
}

/// Every page names a parent no page has: the titles of the site are lowercased once and
/// the nearest one found once for that name, not once per page.
#[test]
fn many_pages_under_an_unknown_parent() {
    let n = if cfg!(debug_assertions) { 150 } else { 500 };
    site_grows_linearly(n, |i| {
        format!("---\ntitle: Page number {i}\nparent: Missing section\n---\n\n# Page {i}\n")
    });
}

/// Every page has the same `nav_order` under the same parent: the finding names a few of
/// the others, and the pages are grouped by order once.
#[test]
fn many_pages_with_one_nav_order() {
    let n = if cfg!(debug_assertions) { 150 } else { 500 };
    site_grows_linearly(n, |i| {
        format!("---\ntitle: Page {i}\nnav_order: 1\n---\n\n# Page {i}\n")
    });
}

/// Many `configure-file` comment openings in one HTML block, closed once at the end: each
/// opening searching to that far end (and parsing what it finds) would be quadratic.
#[test]
fn many_configure_file_comment_openings() {
    let page = |size: usize| {
        let unit = "<!-- markdownlint-configure-file ";
        format!(
            "---\ntitle: x\n---\n\n<div>\n{}-->\n",
            unit.repeat(size / unit.len())
        )
    };
    let small = lint_time(&page(SMALL));
    let large = lint_time(&page(8 * SMALL));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(0.05);
    assert!(ratio < 16.0, "{small:?} then {large:?}: {ratio:.1}x");
}
