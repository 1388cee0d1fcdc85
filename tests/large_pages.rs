//! Very large pages: parsed a piece at a time with the findings of a whole parse, a block
//! too large to parse reported by `unparsed-block`, and the good page beside them still
//! checked. (Peak memory and time are measured by hand, not here: see the closing notes.)

mod common;
use common::tool::{check_concise, stdout, write};

fn concise(root: &std::path::Path) -> String {
    stdout(&check_concise(root, &["."]))
}

#[test]
fn a_page_of_many_megabytes_is_checked_in_pieces_like_a_small_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // Sections far apart, each with a broken link, a good one and a reference defined at
    // the page's end, in another piece.
    let section = "## Section\n\nSee [the steps](missing.md) and [ok](good.md) and [ref][far].\n\n\
                   ```\ncode\n\n# not a heading\n```\n\n| a | b |\n|---|---|\n| c | d |\n\n";
    let count = (3 << 20) / section.len();
    let mut page = String::from("---\ntitle: Big\n---\n\n");
    for _ in 0..count {
        page.push_str(section);
    }
    page.push_str("[far]: missing-far.md\n");
    write(root, "big.md", &page);
    write(
        root,
        "good.md",
        "---\ntitle: Good\n---\n\n[a](nowhere.md)\n",
    );
    let out = concise(root);
    let broken = out
        .lines()
        .filter(|l| l.starts_with("big.md:") && l.contains("HB102"));
    // Each section's direct link and its reference link, resolved in another piece.
    assert_eq!(broken.count(), 2 * count, "{}", &out[..out.len().min(2000)]);
    assert!(!out.contains("HB002"), "nothing is left unparsed");
    assert!(out.contains("good.md:5:5: HB102"), "{out}");
}

#[test]
fn a_block_too_large_to_parse_is_reported_and_the_other_pages_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // One paragraph of 3 MiB: no blank line or heading to cut it at.
    let line = "text [l](u){:x}) more text\n";
    let page = format!(
        "---\ntitle: Big\n---\n\n# Title\n\n{}",
        line.repeat((3 << 20) / line.len())
    );
    write(root, "big.md", &page);
    write(
        root,
        "good.md",
        "---\ntitle: Good\n---\n\n[a](nowhere.md)\n",
    );
    let out = concise(root);
    let unparsed: Vec<&str> = out.lines().filter(|l| l.contains("HB002")).collect();
    assert_eq!(unparsed.len(), 1, "{unparsed:?}");
    assert!(
        unparsed[0].starts_with("big.md:7:1: HB002 [unparsed-block] 3.0 MiB"),
        "{unparsed:?}"
    );
    // Its links are not read; the heading before it is; the other page is checked.
    assert!(!out
        .lines()
        .any(|l| l.starts_with("big.md") && l.contains("HB102")));
    assert!(out.contains("good.md:5:5: HB102"), "{out}");
}
