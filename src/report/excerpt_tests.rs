//! Every output format prints the same from an [`Excerpt`] as from the whole text.

use handbook_lints::engine::{lint_page, RuleSet};
use handbook_lints::{Diagnostic, FileInfo, Span};

use super::{write, Format, Totals};
use crate::runner::excerpt::{Excerpt, Keep};
use crate::runner::{FileReport, Outcome};

/// A page with findings of every lint, and the texts a report is hardest on: CRLF and bare
/// `\r` line breaks, characters of several bytes, a long line, a first and a last line.
fn page() -> String {
    let mut text = String::from("---\r\ntitle: Été\r\n---\r\n# Tïtle #\r\n\r\n");
    text.push_str("[broken](nowhere.md) and <http://a.example/>\r\n\r\n");
    for i in 0..40 {
        text.push_str(&format!("Line {i} with trailing space  \n"));
    }
    text.push_str("Old Mac\rlines\rhere [x](y.md)\r\n");
    text.push_str(&"é".repeat(1500));
    text.push_str(" [z](w.md) end\n\n");
    for i in 0..30 {
        text.push_str(&format!("* item {i}\n"));
    }
    text.push_str("#No space\n* last [u](v.md)");
    text
}

/// The findings of every lint on `text`, and more at spans chosen to reach its edges.
fn findings(text: &str) -> Vec<Diagnostic> {
    let info = FileInfo {
        site_path: "p.md".into(),
        is_page: true,
    };
    let mut found = lint_page(text.to_string(), &info, &RuleSet::every(), None, None).diagnostics;
    assert!(found.len() >= 2, "{found:?}");
    let model = found[0].clone();
    let len = text.len();
    let mid = text.find("lines").unwrap_or(0);
    let run = text.find(&"é".repeat(4)).unwrap_or(0);
    let wide = run + 700 * 2;
    for (start, end) in [(0, 0), (0, 5), (len, len), (len - 3, len), (mid, mid + 12)] {
        found.push(Diagnostic {
            span: Span::new(start, end),
            ..model.clone()
        });
    }
    found.push(Diagnostic {
        span: Span::new(wide, wide + 600),
        ..model.clone()
    });
    found.sort_by_key(|d| (d.span.start, d.span.end));
    found
}

fn printed(format: Format, report: FileReport) -> String {
    let mut totals = Totals::default();
    totals.add(&report);
    let reports = crate::runner::Reports::of(vec![report]);
    let mut out = Vec::new();
    write(format, &reports, &totals, false, &mut out).expect("written");
    String::from_utf8(out).expect("UTF-8")
}

fn report(
    diagnostics: Vec<Diagnostic>,
    text: Option<String>,
    excerpt: Option<Excerpt>,
) -> FileReport {
    FileReport {
        display: "docs/p.md".into(),
        outcome: Outcome::Checked {
            diagnostics,
            text,
            excerpt,
            fixed: 0,
            diff: None,
            unconverged: Vec::new(),
        },
    }
}

#[test]
fn every_format_prints_the_same_from_an_excerpt() {
    let text = page();
    let found = findings(&text);
    let spans = found.iter().map(|d| (d.span.start, d.span.end));
    let excerpt = Excerpt::new(&text, spans, Keep::Snippets);
    for format in [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Gitlab,
        Format::Checkstyle,
    ] {
        let whole = printed(format, report(found.clone(), Some(text.clone()), None));
        let spans = found.iter().map(|d| (d.span.start, d.span.end));
        let cut = Excerpt::new(&text, spans, format.keeps());
        let from_excerpt = printed(format, report(found.clone(), None, Some(cut)));
        assert_eq!(whole, from_excerpt, "{format:?}");
        assert!(!whole.is_empty());
    }
    // The excerpt keeps less than the text, and covers exactly the spans it was cut for.
    let kept: usize = (0..=text.len())
        .filter_map(|at| excerpt.part(at))
        .map(|p| (p.start, p.text.len()))
        .collect::<std::collections::BTreeSet<_>>()
        .iter()
        .map(|(_, len)| len)
        .sum();
    assert!(kept < text.len(), "{kept} of {}", text.len());
    assert!(found
        .iter()
        .all(|d| excerpt.covers(d.span.start, d.span.end)));
    assert!(!excerpt.covers(1, 2));
}

#[test]
fn one_finding_keeps_only_its_lines() {
    let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
    let at = text.find("line 50").unwrap_or(0);
    let excerpt = Excerpt::new(&text, [(at, at + 4)], Keep::Snippets);
    let part = excerpt.part(at).expect("a part");
    assert_eq!(part.line, 48);
    assert_eq!(part.text, "line 48\nline 49\nline 50\nline 51\nline 52\n");
    assert!(Excerpt::new(&text, [], Keep::Snippets).part(0).is_none());
    // Without miette's lines around it: the finding's own line.
    let lines = Excerpt::new(&text, [(at, at + 4)], Keep::Lines);
    let part = lines.part(at).expect("a part");
    assert_eq!((part.line, part.text), (50, "line 50\n"));
    // Only positions: no text at all, and nothing for a span it was not cut for.
    let positions = Excerpt::new(&text, [(at, at + 4)], Keep::Positions);
    assert!(positions.part(at).is_none());
    let (start, end) = positions.position(at, at + 4).expect("a position");
    assert_eq!(
        (start.line, start.column, end.line, end.column),
        (51, 1, 51, 5)
    );
    assert_eq!(positions.position(at, at + 5), None);
}
