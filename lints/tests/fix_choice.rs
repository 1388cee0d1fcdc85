//! Which fixes one pass applies: `apply_fixes` against the plain reading of its rule (a fix
//! goes in whole unless one of its edits overlaps, or starts where, an edit already taken,
//! fixes taken in the order of their first edit), on random fixes; and a page of many fixes
//! settled in time that grows with their number, not its square.

use handbook_lints::fix::apply_fixes;
use handbook_lints::{Applicability, Diagnostic, Edit, Fix, Span};

fn meta() -> &'static handbook_lints::LintMeta {
    handbook_lints::registry::page_lints()[0].meta()
}

/// The rule as written: every edit of a candidate against every edit taken.
fn plain_choice(diagnostics: &[Diagnostic]) -> (usize, Vec<(usize, usize)>) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| !f.edits.is_empty())
        .map(|f| &f.edits[..])
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut chosen: Vec<Span> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let clash = edits.iter().any(|e| {
            chosen
                .iter()
                .any(|c| c.overlaps(e.span) || c.start == e.span.start)
        });
        if !clash {
            chosen.extend(edits.iter().map(|e| e.span));
            applied += 1;
        }
    }
    let mut spans: Vec<_> = chosen.iter().map(|s| (s.start, s.end)).collect();
    spans.sort();
    (applied, spans)
}

#[test]
fn random_fixes_are_chosen_as_the_rule_says() {
    let text = "x".repeat(64);
    let mut seed = 7u64;
    let mut pick = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for _ in 0..3000 {
        let mut diagnostics = Vec::new();
        for _ in 0..1 + pick(12) {
            // One to three edits, some of them insertions, mostly apart.
            let mut edits = Vec::new();
            let mut at = pick(40);
            for _ in 0..1 + pick(3) {
                let len = if pick(3) == 0 { 0 } else { 1 + pick(6) };
                if at + len > text.len() {
                    break;
                }
                edits.push(Edit::replace(Span::new(at, at + len), "y"));
                // Now and then the next edit of the same fix overlaps this one.
                at = if pick(6) == 0 {
                    at + pick(len + 1)
                } else {
                    at + len + 1 + pick(8)
                };
            }
            if edits.is_empty() {
                continue;
            }
            let span = edits[0].span;
            diagnostics.push(Diagnostic::new(meta(), span, "m").with_fix(Fix::safe("f", edits)));
        }
        let applied = apply_fixes(&text, &diagnostics, Applicability::Safe);
        let got: Vec<_> = applied
            .edits
            .iter()
            .map(|e| (e.span.start, e.span.end))
            .collect();
        assert_eq!((applied.fixes, got), plain_choice(&diagnostics));
    }
}

#[test]
fn many_fixes_on_one_page_are_settled_quickly() {
    // 200,000 one-edit fixes: n² comparisons would be 2·10¹⁰; n log n is a moment.
    let n = 200_000;
    let text = "ab".repeat(n);
    let diagnostics: Vec<Diagnostic> = (0..n)
        .map(|i| {
            let span = Span::new(2 * i + 1, 2 * i + 2);
            Diagnostic::new(meta(), span, "m").with_fix(Fix::safe("f", vec![Edit::delete(span)]))
        })
        .collect();
    let applied = apply_fixes(&text, &diagnostics, Applicability::Safe);
    assert_eq!(applied.fixes, n);
    assert_eq!(applied.text, "a".repeat(n));
}
