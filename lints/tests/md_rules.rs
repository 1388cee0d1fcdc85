//! The markdownlint-equivalent rules written on the page tree, checked on their fixture
//! folders with the marker convention of the root fixture runner (`<!-- expect: NAME -->`
//! before the line, or `<!-- expect: NAME@N -->`); fixes leave nothing to find.

use std::collections::BTreeMap;
use std::path::Path;

use handbook_lints::fix::apply_fixes;
use handbook_lints::rules::{InconsistentListMarker, TableColumnMismatch, TrailingWhitespace};
use handbook_lints::{check, Applicability, FileInfo, LineIndex, Lint};

static RULES: [&dyn Lint; 3] = [
    &InconsistentListMarker,
    &TrailingWhitespace,
    &TableColumnMismatch,
];

/// (line, lint name) -> how many findings are expected there.
fn markers(text: &str) -> BTreeMap<(usize, String), usize> {
    let mut expected = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let marker = trimmed
            .strip_prefix("<!-- expect:")
            .and_then(|m| m.strip_suffix("-->"))
            .map(str::trim);
        match marker {
            Some(m) => match m.split_once('@') {
                Some((name, at)) => {
                    *expected
                        .entry((at.parse().unwrap(), name.to_string()))
                        .or_insert(0) += 1;
                }
                None => pending.push(m.to_string()),
            },
            None => {
                for name in pending.drain(..) {
                    *expected.entry((i + 1, name)).or_insert(0) += 1;
                }
            }
        }
    }
    assert!(pending.is_empty(), "marker at the end of the file");
    expected
}

#[test]
fn findings_match_markers_and_fixes_leave_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let info = FileInfo {
        site_path: "page.md".into(),
        is_page: true,
    };
    let mut failures = Vec::new();
    for rule in RULES {
        let name = rule.meta().name;
        for file in ["positive.md", "negative.md"] {
            let path = root.join(name).join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let (_, found) = check(text.clone(), &info, &[rule]);
            let index = LineIndex::new(&text);
            let mut got: BTreeMap<(usize, String), usize> = BTreeMap::new();
            for d in &found {
                *got.entry((index.line_of(d.span.start), d.lint.name.to_string()))
                    .or_insert(0) += 1;
            }
            let expected = markers(&text);
            assert_eq!(
                file == "negative.md",
                expected.is_empty(),
                "{}",
                path.display()
            );
            if got != expected {
                failures.push(format!(
                    "{}:\n  expected {expected:?}\n  found    {got:?}",
                    path.display()
                ));
            }
            let fixable = found.iter().filter(|d| d.fix.is_some()).count();
            if fixable > 0 {
                // Fixes that overlap (one fix for a whole list) apply over a few rounds.
                let mut fixed = apply_fixes(&text, &found, Applicability::Unsafe);
                for _ in 0..4 {
                    let (_, left) = check(fixed.text.clone(), &info, &[rule]);
                    if left.is_empty() {
                        break;
                    }
                    fixed = apply_fixes(&fixed.text, &left, Applicability::Unsafe);
                }
                let (_, again) = check(fixed.text.clone(), &info, &[rule]);
                assert!(
                    again.is_empty(),
                    "{}: after fixing {again:?}",
                    path.display()
                );
                let endings = |t: &str| t.matches("\r\n").count();
                assert_eq!(endings(&fixed.text), endings(&text), "line endings kept");
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn rules_document_themselves() {
    for rule in RULES {
        let docs = rule.meta().docs();
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(docs.contains(section), "{}: {section}", rule.meta().name);
        }
        let fixes = rule.meta().fix != handbook_lints::lint::FixAvailability::None;
        assert_eq!(
            docs.contains("## Fix safety"),
            fixes,
            "{}",
            rule.meta().name
        );
    }
}
