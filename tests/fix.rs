//! Proof that fixing is safe: idempotence, byte preservation, the rendered HTML changes only
//! where a fix meant it to, and a property test over generated pages (the fixes written to
//! disk: tests/fix_cli.rs).

use std::path::{Path, PathBuf};

use handbook_lints::engine::{lint_page, RuleSet};
use handbook_lints::fix::apply_fixes;
use handbook_lints::registry::page_lints;
use handbook_lints::{check, Applicability, Edit, FileInfo, Lint};
use proptest::prelude::*;

mod common;

fn info(name: &str) -> FileInfo {
    FileInfo {
        site_path: name.to_string(),
        is_page: true,
    }
}

/// What fixing a page gave.
struct Fixed {
    text: String,
    fixed: usize,
    remaining: Vec<handbook_lints::Diagnostic>,
    unconverged: Vec<&'static str>,
}

/// The page lints `lints` fixed to a fixed point by the engine, the page alone.
fn fix_until_stable(
    text: String,
    file: &FileInfo,
    lints: &[&'static dyn Lint],
    allowed: Applicability,
) -> Fixed {
    let rules = RuleSet::new(lints.to_vec(), Vec::new());
    let page = lint_page(text, file, &rules, Some(allowed), None);
    Fixed {
        text: page.text.expect("fixing keeps the text"),
        fixed: page.fixed,
        remaining: page.diagnostics,
        unconverged: page.unconverged,
    }
}

/// The page lints a default run has: the style lints (blank lines, final newline) would
/// rewrite what these tests look at.
fn default_lints() -> Vec<&'static dyn handbook_lints::Lint> {
    page_lints()
        .iter()
        .copied()
        .filter(|l| l.meta().enabled_by_default)
        .collect()
}

/// Every fixture and demo page with at least one fix.
fn fixable_pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut pages = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// Bytes that differ between `original` and `fixed` lie inside the edits.
fn assert_only_edited_bytes_differ(original: &str, fixed: &str, edits: &[Edit], what: &str) {
    let diff = similar::TextDiff::from_chars(original, fixed);
    for op in diff.ops() {
        let old = op.old_range();
        if matches!(op.tag(), similar::DiffTag::Equal) {
            continue;
        }
        // Character indices to byte offsets of the original.
        let start: usize = original.chars().take(old.start).map(char::len_utf8).sum();
        let end: usize = start
            + original
                .chars()
                .skip(old.start)
                .take(old.len())
                .map(char::len_utf8)
                .sum::<usize>();
        let inside = edits
            .iter()
            .any(|e| e.span.start <= start && end <= e.span.end.max(e.span.start));
        // Deleting a line next to a line that ends the same way (`-->`) can be aligned by
        // the diff a few bytes off the edit: the same deletion, seen elsewhere.
        let without = |a: usize, b: usize| format!("{}{}", &original[..a], &original[b..]);
        let same_deletion = matches!(op.tag(), similar::DiffTag::Delete)
            && edits.iter().any(|e| {
                e.replacement.is_empty()
                    && e.span.len() == end - start
                    && without(e.span.start, e.span.end) == without(start, end)
            });
        // Two edits side by side (a marker replaced, the space after it deleted) make one
        // change in the diff: it is inside when the edits cover it together.
        let mut spans: Vec<_> = edits.iter().map(|e| e.span).collect();
        spans.sort_by_key(|s| s.start);
        let covered = spans.iter().fold(start, |at, s| {
            if s.start <= at && at < s.end {
                s.end
            } else {
                at
            }
        }) >= end;
        let inside = inside || same_deletion || (start < end && covered);
        assert!(
            inside,
            "{what}: bytes {start}..{end} changed outside every edit"
        );
    }
}

#[test]
fn every_fixable_fixture_converges_idempotently_and_keeps_other_bytes() {
    let mut checked = 0;
    for path in fixable_pages() {
        let text = std::fs::read_to_string(&path).unwrap();
        let what = path.display().to_string();
        for allowed in [Applicability::Safe, Applicability::Unsafe] {
            let file = info("page.md");
            let (_, diags) = check(text.clone(), &file, page_lints());
            let one = apply_fixes(&text, &diags, allowed);
            if one.fixes == 0 {
                continue;
            }
            checked += 1;
            assert_only_edited_bytes_differ(&text, &one.text, &one.edits, &what);
            let first = fix_until_stable(text.clone(), &file, page_lints(), allowed);
            assert!(
                first.unconverged.is_empty(),
                "{what}: {:?}",
                first.unconverged
            );
            let second = fix_until_stable(first.text.clone(), &file, page_lints(), allowed);
            assert_eq!(second.fixed, 0, "{what}: a second fix changed something");
            assert_eq!(second.text, first.text);
        }
    }
    assert!(checked >= 4, "only {checked} fixable fixtures");
}

#[test]
fn a_safe_fix_changes_the_html_only_where_it_meant_to() {
    let mut checked = 0;
    for path in fixable_pages() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = info("page.md");
        let (_, diags) = check(text.clone(), &file, page_lints());
        for d in diags.iter().filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
        }) {
            if let Err(e) = common::safe_fix_changes_only_its_html(&text, d) {
                panic!("{}: {e}", path.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} safe fixes checked");
}

#[test]
fn crlf_bom_and_missing_final_newline_survive_a_fix() {
    let text =
        "\u{feff}---\r\ntitle: T\r\n---\r\nSee [a](x\\y){:target=\"_blank\"}).\r\nEnd".to_string();
    let fixed = fix_until_stable(text, &info("t.md"), &default_lints(), Applicability::Safe);
    assert_eq!(
        fixed.text,
        "\u{feff}---\r\ntitle: T\r\n---\r\nSee [a](x/y){:target=\"_blank\"}.\r\nEnd"
    );
}

/// A finding that a comment suppresses keeps its text, whatever the comment's form; the
/// others are fixed, and so are unused names of page lints.
#[test]
fn suppressed_findings_are_never_fixed() {
    let text = "---\r\ntitle: T\r\n---\r\n\
        <!-- handbook-lint-disable-next-line HB101 -->\r\n[a](x\\a)\r\n\
        [b](x\\b) <!-- handbook-lint-disable-line backslash-link-path -->\r\n\
        {% comment %} handbook-lint-disable-next-line HB101 HB501 {% endcomment %}\r\n\
        [c](x\\c){:target=\"_blank\"})\r\n\
        <!-- handbook-lint-disable -->\r\n[d](x\\d)\r\n<!-- handbook-lint-enable -->\r\n\
        [e](x\\e)\r\n";
    for allowed in [Applicability::Safe, Applicability::Unsafe] {
        let first = fix_until_stable(text.to_string(), &info("t.md"), page_lints(), allowed);
        for kept in [
            "[a](x\\a)",
            "[b](x\\b)",
            "[c](x\\c){:target=\"_blank\"})",
            "[d](x\\d)",
        ] {
            assert!(
                first.text.contains(kept),
                "{kept} was fixed:\n{}",
                first.text
            );
        }
        assert!(first.text.contains("[e](x/e)"), "{}", first.text);
        // The Liquid comment's second name was used, so both names stay.
        assert!(first.text.contains("HB101 HB501 {% endcomment %}"));
        assert_eq!(first.fixed, 1);
        assert!(first.remaining.is_empty(), "{:?}", first.remaining);
        assert_eq!(first.text.len(), text.len());
    }
}

#[test]
fn unused_suppressions_of_page_lints_are_removed_safely() {
    let text =
        "---\ntitle: T\n---\n<!-- handbook-lint-disable-next-line HB101, HB501 -->\n[a](x\\a)\n\n\
        {% comment %} handbook-lint-disable-line HB103 {% endcomment %}\nok\n\
        <!-- handbook-lint-disable-next-line HB101 -->\nok\n";
    let safe = fix_until_stable(
        text.to_string(),
        &info("t.md"),
        &default_lints(),
        Applicability::Safe,
    );
    assert_eq!(
        safe.text,
        "---\ntitle: T\n---\n<!-- handbook-lint-disable-next-line HB101 -->\n[a](x\\a)\n\n\n\
         ok\n<!-- handbook-lint-disable-next-line HB101 -->\nok\n"
    );
    // The whole HTML comment is an unsafe fix: it may separate two blocks.
    assert_eq!(safe.remaining.len(), 1, "{:?}", safe.remaining);
    let unsafe_ = fix_until_stable(
        text.to_string(),
        &info("t.md"),
        &default_lints(),
        Applicability::Unsafe,
    );
    assert!(unsafe_.text.ends_with("\nok\nok\n"), "{}", unsafe_.text);
    assert!(unsafe_.remaining.is_empty());
}

/// Pieces of handbook pages, good and broken, to build pages from.
const PIECES: &[&str] = &[
    "# Heading {#id}\n",
    "## Café ☕ & more\n",
    "[link](dir\\page){:target=\"_blank\"})",
    "[x](a\\\\b/c\\d.md)",
    "![img](images\\logo.png){: .icon\nwidth=\"70\"}",
    "{: .note }\n",
    "{:target=\"_blank\"",
    "{target=\"_blank\"}",
    "[a](b) {:target=\"_blank\"}",
    "{{ site.baseurl }}",
    "{% raw %}{{ x }}{% endraw %}",
    "{% if a %}\n",
    "{% highlight ruby %}\nh = {:a=>1}\n{% endhighlight %}\n",
    "`C:\\temp\\x` ",
    "```\n[c](d\\e)\n```\n",
    "| a \\| b | [t](x\\y) |\n|---|---|\n| 1 | 2 |\n",
    "(see [p](q){:title=\"t\"})",
    "{:x=\"y}",
    "日本語のテキスト ",
    "\n\n",
    "\n",
    " text ",
    "> quote [q](r\\s)\n",
    "- item [i](j\\k)\n",
    "[ref]: a\\b\n",
    "<div>{: .x }</div>\n",
    "*em*{.highlight}",
    "}",
    ")",
    "{:",
    "\\",
    "Type `{:` in code ",
    "{:x=\"a {% if y=\" %}",
    "{% comment %}{% comment %}[c](d\\e){% endcomment %}{% endcomment %}",
    "[u](my\\_page.md)",
    "[n](\\\\srv\\share)",
    "\u{feff}",
    "<!-- handbook-lint-disable-next-line HB101 -->\n",
    "<!-- handbook-lint-disable-line HB501, HB10 -->",
    "{% comment %} handbook-lint-disable HB101 HB501 {% endcomment %}",
    "<!-- handbook-lint-enable -->\n",
    "<!-- markdownlint-disable MD051 -->",
];

fn page() -> impl Strategy<Value = String> {
    (
        prop::bool::ANY,
        prop::bool::ANY,
        prop::collection::vec(prop::sample::select(PIECES), 0..40),
    )
        .prop_map(|(front_matter, crlf, pieces)| {
            let mut text = String::new();
            if front_matter {
                text.push_str("---\ntitle: \"Page: one\"\npublished: no\n---\n");
            }
            for p in pieces {
                text.push_str(p);
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn parse_lint_and_fix_never_panic_and_always_converge(text in page()) {
        for allowed in [Applicability::Safe, Applicability::Unsafe] {
            let first = fix_until_stable(text.clone(), &info("p.md"), page_lints(), allowed);
            prop_assert!(first.unconverged.is_empty(), "did not converge: {:?}", first.unconverged);
            let second = fix_until_stable(first.text.clone(), &info("p.md"), page_lints(), allowed);
            prop_assert_eq!(second.fixed, 0);
            prop_assert_eq!(&second.text, &first.text);
            if !text.contains('\r') {
                prop_assert!(!first.text.contains('\r'));
            }
        }
    }
}
