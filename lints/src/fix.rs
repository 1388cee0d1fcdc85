//! Applying fixes: byte-range edits to the original text, never a re-render.

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Apply `edits` (sorted by start, not overlapping) to `text`. Edits that overlap an earlier
/// one are skipped and returned in the second list.
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut skipped = Vec::new();
    let mut at = 0;
    for e in edits {
        if e.span.start < at || e.span.end > text.len() {
            skipped.push(e.clone());
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, skipped)
}

/// The result of one pass of fixes.
#[derive(Debug)]
pub struct Applied {
    pub text: String,
    /// How many diagnostics' fixes were applied.
    pub fixes: usize,
    /// The edits applied, in order (offsets into the text before the pass).
    pub edits: Vec<Edit>,
}

/// Apply the fixes of `diagnostics` that `allowed` admits, one pass: a fix is applied whole
/// or not at all, and never together with a fix it overlaps.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], allowed: Applicability) -> Applied {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability <= allowed && !f.edits.is_empty())
        .map(|f| &f.edits[..])
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut chosen: Vec<Edit> = Vec::new();
    // The chosen edits' spans by start. Two chosen edits never overlap nor share a start, so
    // in start order their ends never go back: an edit clashes with a chosen one only if it
    // clashes with the last one starting at or before it, or the first one after it. A page
    // of thousands of fixes is then settled in n log n, not n² (40,000 trailing blanks took
    // half a minute).
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let clashes = |taken: &BTreeMap<usize, usize>, e: &Edit| {
        let span = e.span;
        let before = taken.range(..=span.start).next_back();
        let after = taken.range(span.start + 1..).next();
        before.into_iter().chain(after).any(|(&start, &end)| {
            let c = crate::span::Span::new(start, end);
            c.overlaps(span) || c.start == span.start
        })
    };
    let mut applied = 0;
    for edits in fixes {
        if edits.iter().any(|e| clashes(&taken, e)) {
            continue;
        }
        // A fix whose own edits overlap or share a start (no lint should make one) is taken
        // as the span they cover together, so that the map's spans never overlap.
        let mut spans: Vec<_> = edits.iter().map(|e| e.span).collect();
        spans.sort_by_key(|s| (s.start, s.end));
        let mut merged: Vec<crate::span::Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match merged.last_mut() {
                Some(m) if m.overlaps(s) || m.start == s.start => m.end = m.end.max(s.end),
                _ => merged.push(s),
            }
        }
        for s in merged {
            taken.insert(s.start, s.end);
        }
        chosen.extend(edits.iter().cloned());
        applied += 1;
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    Applied {
        text: apply(text, &chosen).0,
        fixes: applied,
        edits: chosen,
    }
}

/// How many rounds of fix, re-parse and re-lint are allowed before giving up.
pub const MAX_ROUNDS: usize = 10;

/// The result of fixing one text to a fixed point.
#[derive(Debug)]
pub struct Fixed {
    /// The text after the last round that made progress (the input when nothing applied).
    pub text: String,
    /// Findings fixed, over all rounds.
    pub fixed: usize,
    /// What the final text still has.
    pub remaining: Vec<Diagnostic>,
    /// Names of lints whose fixes did not settle (the cap was reached or a text repeated):
    /// their fixes were left out, and the text is what the other fixes made of it.
    pub unconverged: Vec<&'static str>,
    /// The final text's suppression comments, after filtering `remaining`.
    pub suppressions: crate::Suppressions,
}

/// What linting one text found: its findings (those a suppression comment silences left
/// out) and its suppression comments.
pub struct Linted {
    pub diagnostics: Vec<Diagnostic>,
    pub suppressions: crate::Suppressions,
}

/// The one fix loop: apply the fixes `allowed` admits, lint the new text with `lint` and
/// repeat until no fix applies. When the fixes of some lints do not settle within
/// [`MAX_ROUNDS`] (or a text repeats), start again from `text` without those lints' fixes,
/// so that a text is never kept half-way through fixes that fight each other. Only bytes
/// inside edits change; findings that a suppression comment silences are never fixed.
///
/// `left_out` names lints whose fixes are left out from the start; `lints` is how many lints
/// may fix (the bound on how many are left out); `first` is what `lint` gives for `text`,
/// when it is already known.
pub fn fix_to_fixed_point(
    text: String,
    allowed: Applicability,
    mut left_out: Vec<&'static str>,
    lints: usize,
    first: Option<Linted>,
    lint: impl Fn(String) -> Linted,
) -> Fixed {
    let mut first = first;
    loop {
        // A second attempt starts from the same text, linted again.
        let mut attempt = fix_rounds(text.clone(), allowed, &left_out, first.take(), &lint);
        if attempt.unconverged.is_empty() || left_out.len() > lints {
            attempt.unconverged = left_out;
            return attempt;
        }
        left_out.append(&mut attempt.unconverged);
        left_out.sort_unstable();
        left_out.dedup();
    }
}

/// Rounds of fix and re-lint, leaving out the fixes of the lints in `left_out`, until no fix
/// applies, a text repeats or [`MAX_ROUNDS`] is reached.
fn fix_rounds(
    text: String,
    allowed: Applicability,
    left_out: &[&'static str],
    first: Option<Linted>,
    lint: &impl Fn(String) -> Linted,
) -> Fixed {
    let mut seen = HashSet::new();
    seen.insert(hash(&text));
    let mut text = text;
    let mut fixed = 0;
    let mut last_round: Vec<&'static str> = Vec::new();
    let mut known = first;
    for _ in 0..MAX_ROUNDS {
        let Linted {
            diagnostics,
            suppressions,
        } = known.take().unwrap_or_else(|| lint(text.clone()));
        let fixable: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !left_out.contains(&d.lint.name))
            .cloned()
            .collect();
        let Applied {
            text: next,
            fixes: applied,
            ..
        } = apply_fixes(&text, &fixable, allowed);
        if applied == 0 || next == text {
            return Fixed {
                text,
                fixed,
                remaining: diagnostics,
                unconverged: Vec::new(),
                suppressions,
            };
        }
        last_round = fixing_lints(&fixable, allowed);
        if !seen.insert(hash(&next)) {
            // A cycle: the fixes undo each other. Keep the text before this round.
            return Fixed {
                text,
                fixed,
                remaining: diagnostics,
                unconverged: last_round,
                suppressions,
            };
        }
        fixed += applied;
        text = next;
    }
    let Linted {
        diagnostics: remaining,
        suppressions,
    } = lint(text.clone());
    let unconverged = if remaining.iter().any(|d| {
        !left_out.contains(&d.lint.name)
            && d.fix.as_ref().is_some_and(|f| f.applicability <= allowed)
    }) {
        last_round
    } else {
        Vec::new()
    };
    Fixed {
        text,
        fixed,
        remaining,
        unconverged,
        suppressions,
    }
}

fn fixing_lints(diagnostics: &[Diagnostic], allowed: Applicability) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability <= allowed))
        .map(|d| d.lint.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{FileInfo, Lint};
    use crate::span::Span;

    /// The page lints `lints` fixed to a fixed point.
    fn fix_until_stable(
        text: String,
        file: &FileInfo,
        lints: &[&dyn Lint],
        allowed: Applicability,
    ) -> Fixed {
        let options = crate::LintOptions::default();
        fix_to_fixed_point(text, allowed, Vec::new(), lints.len(), None, |t| {
            let checked = crate::check_file(t, file, lints, &options);
            Linted {
                diagnostics: checked.diagnostics,
                suppressions: checked.suppressions,
            }
        })
    }

    #[test]
    fn applies_non_overlapping_edits_and_keeps_other_bytes() {
        let text = "a\\b\r\nc)";
        let edits = [
            Edit::replace(Span::new(1, 2), "/"),
            Edit::replace(Span::new(1, 3), "x"),
            Edit::delete(Span::new(6, 7)),
        ];
        let (out, skipped) = apply(text, &edits);
        assert_eq!(out, "a/b\r\nc");
        assert_eq!(skipped.len(), 1);
    }

    #[test]
    fn fixing_converges_and_a_second_run_changes_nothing() {
        use crate::registry::page_lints;
        let info = FileInfo {
            site_path: "faq.md".into(),
            is_page: true,
        };
        let text =
            "---\r\ntitle: x\r\n---\r\n[a](b\\c){:target=\"_blank\"}) and [d](e\\\\f)".to_string();
        // The lints of a default run: the style lints would also add the final newline.
        let lints: Vec<_> = page_lints()
            .iter()
            .copied()
            .filter(|l| l.meta().enabled_by_default)
            .collect();
        let first = fix_until_stable(text, &info, &lints, Applicability::Safe);
        assert_eq!(first.fixed, 3);
        assert_eq!(
            first.text,
            "---\r\ntitle: x\r\n---\r\n[a](b/c){:target=\"_blank\"} and [d](e/f)"
        );
        assert!(first.unconverged.is_empty());
        let second = fix_until_stable(first.text.clone(), &info, &lints, Applicability::Safe);
        assert_eq!(second.fixed, 0);
        assert_eq!(second.text, first.text);
    }

    crate::declare_lint! {
        /// ## What it does
        /// A test lint whose fix swaps the first byte between `a` and `b` forever.
        pub Flip {
            code: "HB999",
            name: "flipping-first-byte",
            severity: Warning,
            fix: Always,
            group: Tool,
            enabled: true,
            phase: Page,
        }
    }

    impl Lint for Flip {
        fn meta(&self) -> &'static crate::lint::LintMeta {
            &Self::META
        }

        fn check(&self, cx: &crate::lint::Context<'_>, out: &mut Vec<Diagnostic>) {
            let to = if cx.doc.text().starts_with('a') {
                "b"
            } else {
                "a"
            };
            let span = Span::new(0, 1);
            out.push(
                Diagnostic::new(&Self::META, span, "flip")
                    .with_fix(crate::Fix::safe("flip", vec![Edit::replace(span, to)])),
            );
        }
    }

    #[test]
    fn a_cycle_stops_and_names_the_lint() {
        let info = FileInfo {
            site_path: "x.md".into(),
            is_page: true,
        };
        let out = fix_until_stable("a rest".into(), &info, &[&Flip], Applicability::Safe);
        // The flipping fixes are left out: the text stays as it was, and the lint is named.
        assert_eq!(out.text, "a rest");
        assert_eq!(out.fixed, 0);
        assert_eq!(out.unconverged, ["flipping-first-byte"]);
        assert_eq!(out.remaining.len(), 1);
    }
}
