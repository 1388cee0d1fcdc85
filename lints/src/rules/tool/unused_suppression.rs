use crate::declare::Catalog;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lint::{Context, Lint, LintMeta};
use crate::suppress::{self, Action, Directive, Source, Suppressions, VERBS};

use super::suppression_fixes::{remove_comment, remove_name};

declare_lint! {
    /// ## What it does
    /// Checks for suppression comments that suppress nothing in this run: a
    /// `handbook-lint-disable…` comment, or one lint named in it, with no finding to silence,
    /// and comments that name a lint that does not exist or use a verb that does not exist.
    ///
    /// A suppression comment silences findings where it stands:
    ///
    /// - `<!-- handbook-lint-disable-next-line HB101 -->`: the line after the comment;
    /// - `<!-- handbook-lint-disable-line HB101 -->`: the line the comment is on;
    /// - `<!-- handbook-lint-disable HB101 -->` … `<!-- handbook-lint-enable HB101 -->`:
    ///   from the comment to the `enable` (or the end of the file);
    /// - `<!-- handbook-lint-disable-file HB101 -->`: the whole file.
    ///
    /// Lints are named by code or name, separated by blanks or commas; a comment without names
    /// covers every lint except this one. The same words work in a Liquid comment,
    /// `{% comment %} handbook-lint-disable-next-line HB101 {% endcomment %}`, which Jekyll
    /// does not publish. markdownlint's comments (`markdownlint-disable MD051` …) apply to
    /// the lints that check what a markdownlint rule checks, and are never reported here.
    /// In `_config.yml`, where the site lints report duplicate keys and callouts, the same
    /// words are a YAML comment: `# handbook-lint-disable-next-line HB319` on the line before,
    /// or after the value on the same line (`url: x # handbook-lint-disable-line HB319`).
    ///
    /// A name is only reported when its lint ran: `--select` and `--ignore` leave the others
    /// alone, and so does a run without the site-wide link lints (`--stdin-filename`) or,
    /// for the external-link lints, without the online check (`--offline`). A
    /// comment without names is only reported when every lint ran.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it was written for: the link gets repaired, the
    /// line moves, and the comment stays, ready to hide the next real problem at that spot.
    /// A misspelt name hides nothing at all while looking as if it did.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- handbook-lint-disable-next-line backslash-link-path -->
    /// See [Identify data](publishing/identify-data.md).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See [Identify data](publishing/identify-data.md).
    /// ```
    ///
    /// ## Fix safety
    /// Only names of lints that read one page are fixed, as they are known before the
    /// site-wide lints run; names of link lints and comments without names are reported
    /// without a fix. Removing an unused name from a comment that keeps other names is safe.
    /// Removing a whole Liquid comment is safe: Jekyll renders it to nothing either way.
    /// Removing a whole HTML comment (with its line when it stands alone) is unsafe: the
    /// comment may be what separates two lists or two code blocks in the published page.
    pub UnusedSuppression {
        code: "HB001",
        name: "unused-suppression",
        severity: Warning,
        fix: Sometimes,
        group: Tool,
        enabled: true,
        phase: Page,
    }
}

impl Lint for UnusedSuppression {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    /// What the page alone shows: unknown verbs and names. Unused comments are found by
    /// [`suppress::Suppressions`] once the other lints have run.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let directives = suppress::directives(cx.doc, cx.catalog);
        unknown_words(cx.doc.text(), &directives, cx.catalog, out);
    }
}

/// Findings for the unknown verbs and lint names of our comments `directives` in `text`.
pub(crate) fn unknown_words(
    text: &str,
    directives: &[Directive],
    catalog: Catalog,
    out: &mut Vec<Diagnostic>,
) {
    for d in directives {
        if d.source != Source::HandbookLint {
            continue;
        }
        let word = &text[d.keyword.range()];
        if d.action == Action::Unknown {
            let verbs = VERBS.iter().map(|(v, _)| format!("handbook-lint-{v}"));
            let hint = crate::suggest::did_you_mean(word, verbs, 4);
            out.push(
                Diagnostic::new(
                    &UnusedSuppression::META,
                    d.keyword,
                    format!("unknown suppression comment `{word}`{hint}"),
                )
                .with_label("not a suppression verb")
                .with_help(
                    "use `handbook-lint-` with `disable`, `enable`, `disable-line`, \
                     `disable-next-line` or `disable-file`",
                ),
            );
        }
        for name in d.names.iter().filter(|n| n.lint.is_none()) {
            let key = &text[name.span.range()];
            out.push(
                Diagnostic::new(
                    &UnusedSuppression::META,
                    name.span,
                    format!(
                        "unknown lint `{key}` in suppression comment{}",
                        catalog.suggest(key)
                    ),
                )
                .with_label("no lint has this code or name")
                .with_help("name lints by code or name, as `handbook-lint rules` lists them"),
            );
        }
    }
}

/// The findings of unused comments, made from what [`Suppressions`] says went unused (the
/// suppression engine knows no lint; the calls stay on it for the pipeline's sake).
impl Suppressions {
    /// After the page lints (and before the site-wide ones): findings for names of page
    /// lints that ran and suppressed nothing. These carry fixes (see "Fix safety").
    pub fn report_unused_page_lints(&mut self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let mut found = Vec::new();
        for u in self.unused_page_names(&UnusedSuppression::META) {
            let d = &self.directives()[u.directive];
            if u.names.len() == d.names.len() {
                found.push(unused(d, &u.names).with_fix(remove_comment(doc, d)));
            } else {
                for j in u.names {
                    found.push(unused(d, &[j]).with_fix(remove_name(doc, d, j)));
                }
            }
        }
        self.keep_unsuppressed(found, out);
    }

    /// After the site-wide lints `site_lints` ran (none when there was no site pass):
    /// findings for names of those lints, and for comments without names when every lint
    /// ran. These carry no fix: the files are already written.
    pub fn report_unused_site_lints(
        &mut self,
        site_lints: &[&'static LintMeta],
        out: &mut Vec<Diagnostic>,
    ) {
        let unused_names = self.unused_site_names(&UnusedSuppression::META, site_lints);
        let found = unused_names
            .iter()
            .map(|u| unused(&self.directives()[u.directive], &u.names))
            .collect();
        self.keep_unsuppressed(found, out);
    }
}

impl Suppressions {
    /// In a file no page lint reads (`_config.yml`), after the site lints `site_lints`:
    /// findings for every name that suppressed nothing (page lints never report there), and
    /// for comments without names. No fix: the file is not rewritten.
    pub fn report_unused_in_config(
        &mut self,
        site_lints: &[&'static LintMeta],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut found: Vec<Diagnostic> = Vec::new();
        let page = self.unused_page_names(&UnusedSuppression::META);
        let site = self.unused_site_names(&UnusedSuppression::META, site_lints);
        for u in page.iter().chain(&site) {
            found.push(unused(&self.directives()[u.directive], &u.names));
        }
        self.keep_unsuppressed(found, out);
    }
}

/// The finding for directive `d` when its names `names` (all of them, or none for a
/// comment without names) suppressed nothing.
fn unused(d: &Directive, names: &[usize]) -> Diagnostic {
    let whole = names.len() == d.names.len();
    let place = match d.action {
        Action::DisableNextLine => "on the next line",
        Action::DisableLine => "on this line",
        Action::DisableFile => "in this file",
        _ => "after this comment",
    };
    let listed: Vec<String> = names.iter().map(|&j| written(d, j)).collect();
    let what = if listed.is_empty() {
        String::new()
    } else {
        format!("{} ", listed.join(" or "))
    };
    let span = if whole {
        d.span
    } else {
        d.names[names[0]].span
    };
    let help = if whole {
        "remove the comment".to_string()
    } else {
        format!("remove {} from the comment", listed.join(", "))
    };
    Diagnostic::new(
        &UnusedSuppression::META,
        span,
        format!("no {what}finding {place} to suppress"),
    )
    .with_label("suppresses nothing")
    .with_help(help)
}

/// The lint of name `j`, between backticks (only known lints are reported as unused).
fn written(d: &Directive, j: usize) -> String {
    format!("`{}`", d.names[j].lint.map_or("?", |m| m.name))
}
