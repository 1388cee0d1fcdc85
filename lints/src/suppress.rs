//! Suppression comments: `<!-- handbook-lint-disable-next-line HB101 -->` and its kin, the
//! same words in a Liquid comment (`{% comment %} … {% endcomment %}`, which Jekyll never
//! publishes), and markdownlint's comments for the rules it shares with us.
//!
//! [`Suppressions::new`] reads a page's comments once; what it keeps is byte ranges only, so
//! it outlives the [`Document`] and also filters the findings of the site-wide pass. Each
//! comment remembers which of its names suppressed something, so that the comments that
//! suppressed nothing can be reported (`unused-suppression`) once every lint has run: this
//! module says which ([`Unused`], plain data); the lint's file turns them into findings.

use crate::declare::{Catalog, Group, LintMeta};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lint::Lint;
use crate::scan::LiquidKind;
use crate::span::{LineIndex, Span};

/// Whose words a comment uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `handbook-lint-…`: names are our codes and names; unknown ones are reported.
    HandbookLint,
    /// `markdownlint-…`: names are markdownlint's; only those with an equivalent of ours
    /// count, the others are none of our business.
    Markdownlint,
}

/// What a comment does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// From here on (until an `enable`).
    Disable,
    Enable,
    /// The line after the comment's last line.
    DisableNextLine,
    /// The line(s) the comment is on.
    DisableLine,
    /// The whole file.
    DisableFile,
    /// `markdownlint-capture`: remember what is disabled now.
    Capture,
    /// `markdownlint-restore`: go back to what `capture` remembered.
    Restore,
    /// A markdownlint verb that suppresses nothing (`enable-file`; `configure-file`, read by
    /// the engine's `configure` module).
    Ignored,
    /// `handbook-lint-` followed by a verb that does not exist.
    Unknown,
}

/// The verbs of `handbook-lint-…` comments.
pub const VERBS: &[(&str, Action)] = &[
    ("disable", Action::Disable),
    ("enable", Action::Enable),
    ("disable-next-line", Action::DisableNextLine),
    ("disable-line", Action::DisableLine),
    ("disable-file", Action::DisableFile),
];

/// A lint named in a comment.
#[derive(Clone, Debug)]
pub struct Name {
    pub span: Span,
    /// `None` for a name that is no lint of ours.
    pub lint: Option<&'static LintMeta>,
    used: bool,
}

/// One suppression comment.
#[derive(Clone, Debug)]
pub struct Directive {
    pub source: Source,
    /// The whole comment, `<!--` to `-->` or `{% comment %}` to `{% endcomment %}`.
    pub span: Span,
    /// True for a Liquid comment.
    pub liquid: bool,
    /// `handbook-lint-disable-next-line`.
    pub keyword: Span,
    pub action: Action,
    /// Empty: every lint.
    pub names: Vec<Name>,
    /// For `-line` and `-next-line`: the bytes of those lines (end `usize::MAX` for the last line).
    scope: Span,
    /// A comment without names suppressed something.
    used: bool,
}

impl Directive {
    /// Whether this comment, or its name `name`, covers findings of the lint `lint`.
    fn covers(&self, lint: &LintMeta, name: Option<usize>) -> bool {
        match name {
            Some(j) => self.names[j].lint.is_some_and(|m| m.code == lint.code),
            None => covers_all(self.source, lint),
        }
    }
}

/// The lints a comment without names covers: all of ours but the tool's own (group
/// `tool`: `unused-suppression`) for our comments, the lints with a markdownlint
/// equivalent for markdownlint's.
fn covers_all(source: Source, lint: &LintMeta) -> bool {
    match source {
        Source::HandbookLint => lint.group != Group::Tool,
        Source::Markdownlint => lint.markdownlint.is_some(),
    }
}

/// A comment of ours that suppressed nothing: its names `names` (indices into
/// [`Directive::names`]) or, when `names` is empty, the whole comment without names.
#[derive(Clone, Debug)]
pub struct Unused {
    pub directive: usize,
    pub names: Vec<usize>,
}

/// Disabled from some offset on: the lint `code`, by directive `directive` (its name `name`,
/// or all lints when `None`).
#[derive(Clone, Copy, Debug)]
struct Marker {
    code: &'static str,
    directive: usize,
    name: Option<usize>,
}

/// The suppression comments of one page and what they suppressed so far. A page without
/// any costs nothing.
#[derive(Clone, Debug, Default)]
pub struct Suppressions(Option<Box<Comments>>);

impl Suppressions {
    /// Read the suppression comments of `doc`, checked by the page lints `lints`. Comments in
    /// code (code spans, code blocks, `{% highlight %}`) are text, not comments.
    pub fn new(doc: &Document, lints: &[&dyn Lint], catalog: Catalog) -> Suppressions {
        let ran = lints.iter().map(|l| l.meta().code).collect();
        Suppressions::from_directives(directives(doc, catalog), ran, catalog)
    }

    /// The comments `directives` (in source order) of a file checked by the lints `ran`.
    pub fn from_directives(
        directives: Vec<Directive>,
        ran: Vec<&'static str>,
        catalog: Catalog,
    ) -> Suppressions {
        if directives.is_empty() {
            return Suppressions(None);
        }
        let mut c = Comments {
            directives,
            ranges: Vec::new(),
            ran,
            finished: false,
            catalog,
        };
        c.build_ranges();
        Suppressions(Some(Box::new(c)))
    }

    /// Every suppression comment, in source order.
    pub fn directives(&self) -> &[Directive] {
        self.0.as_ref().map_or(&[], |c| &c.directives)
    }

    /// Whether a comment suppresses `d`; every comment (or name in it) that does is marked used.
    pub fn suppresses(&mut self, d: &Diagnostic) -> bool {
        self.0.as_mut().is_some_and(|c| c.suppresses(d))
    }

    /// Drop the findings a comment suppresses.
    pub fn apply(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(c) = &mut self.0 {
            diagnostics.retain(|d| !c.suppresses(d));
        }
    }

    /// After the page lints (and before the site-wide ones), for the lint `reporter`
    /// (`unused-suppression`): in each of our comments, the names of page lints that ran
    /// (never the reporter's) and suppressed nothing. Nothing when the reporter did not run.
    pub fn unused_page_names(&self, reporter: &LintMeta) -> Vec<Unused> {
        let Some(c) = self.0.as_ref().filter(|c| c.ran.contains(&reporter.code)) else {
            return Vec::new();
        };
        let decided = |n: &Name| {
            n.lint
                .is_some_and(|m| c.ran.contains(&m.code) && m.code != reporter.code)
        };
        c.ours()
            .map(|(i, d)| Unused {
                directive: i,
                names: (0..d.names.len())
                    .filter(|&j| decided(&d.names[j]) && !d.names[j].used)
                    .collect(),
            })
            .filter(|u| !u.names.is_empty())
            .collect()
    }

    /// After the site-wide lints `site_lints` ran (none when there was no site pass), for
    /// the lint `reporter`: names of those lints that suppressed nothing (one [`Unused`]
    /// each), and comments without names that suppressed nothing when every lint on by default ran.
    /// Asked once: later calls give nothing.
    pub fn unused_site_names(
        &mut self,
        reporter: &LintMeta,
        site_lints: &[&'static LintMeta],
    ) -> Vec<Unused> {
        let Some(c) = self.0.as_mut().filter(|c| c.ran.contains(&reporter.code)) else {
            return Vec::new();
        };
        if std::mem::replace(&mut c.finished, true) {
            return Vec::new();
        }
        // Lints off by default need not run: a default run judges comments without names.
        let every_lint_ran = c
            .catalog
            .iter()
            .filter(|m| m.enabled_by_default)
            .all(|m| c.ran.contains(&m.code) || site_lints.iter().any(|s| s.code == m.code));
        let mut found = Vec::new();
        for (i, d) in c.ours() {
            if d.names.is_empty() {
                if every_lint_ran && !d.used {
                    found.push(Unused {
                        directive: i,
                        names: Vec::new(),
                    });
                }
                continue;
            }
            for (j, n) in d.names.iter().enumerate() {
                let ran = n
                    .lint
                    .is_some_and(|m| site_lints.iter().any(|s| s.code == m.code));
                if ran && !n.used {
                    found.push(Unused {
                        directive: i,
                        names: vec![j],
                    });
                }
            }
        }
        found
    }

    /// Add `found` to `out`, but for those a comment suppresses (`unused-suppression`
    /// findings can be suppressed too, by comments that name it).
    pub fn keep_unsuppressed(&mut self, found: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
        match &mut self.0 {
            Some(c) => c.keep_unsuppressed(found, out),
            None => out.extend(found),
        }
    }
}

#[derive(Clone, Debug)]
struct Comments {
    directives: Vec<Directive>,
    /// From each offset on (sorted), what `disable` / `enable` comments leave disabled.
    ranges: Vec<(usize, Vec<Marker>)>,
    /// Codes of the page lints that ran.
    ran: Vec<&'static str>,
    /// Unused comments of the site-wide lints have been reported.
    finished: bool,
    /// Every lint of the run: what names in comments refer to.
    catalog: Catalog,
}

impl Comments {
    fn build_ranges(&mut self) {
        let all: Vec<&'static LintMeta> = self.catalog.iter().collect();
        let (mut ours, mut theirs): (Vec<Marker>, Vec<Marker>) = (Vec::new(), Vec::new());
        let mut captured: Option<Vec<Marker>> = None;
        for (i, d) in self.directives.iter().enumerate() {
            let state = match d.source {
                Source::HandbookLint => &mut ours,
                Source::Markdownlint => &mut theirs,
            };
            let targets: Vec<(&'static str, Option<usize>)> = if d.names.is_empty() {
                all.iter()
                    .filter(|m| covers_all(d.source, m))
                    .map(|m| (m.code, None))
                    .collect()
            } else {
                let named = d.names.iter().enumerate();
                named
                    .filter_map(|(j, n)| n.lint.map(|m| (m.code, Some(j))))
                    .collect()
            };
            match d.action {
                Action::Disable | Action::Enable => {
                    for (code, name) in targets {
                        state.retain(|m| m.code != code);
                        if d.action == Action::Disable {
                            state.push(Marker {
                                code,
                                directive: i,
                                name,
                            });
                        }
                    }
                }
                Action::Capture => captured = Some(theirs.clone()),
                Action::Restore => match &captured {
                    Some(c) => theirs = c.clone(),
                    None => continue,
                },
                _ => continue,
            }
            let now = ours.iter().chain(&theirs).copied().collect();
            self.ranges.push((d.span.start, now));
        }
    }

    fn suppresses(&mut self, d: &Diagnostic) -> bool {
        let (lint, code, at) = (d.lint, d.lint.code, d.span.start);
        let mut hits: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, dir) in self.directives.iter().enumerate() {
            let applies = match dir.action {
                Action::DisableFile => true,
                Action::DisableLine | Action::DisableNextLine => dir.scope.contains(at),
                _ => false,
            };
            if !applies {
                continue;
            }
            if dir.names.is_empty() {
                hits.extend(dir.covers(lint, None).then_some((i, None)));
            } else {
                let names = 0..dir.names.len();
                hits.extend(
                    names
                        .filter(|&j| dir.covers(lint, Some(j)))
                        .map(|j| (i, Some(j))),
                );
            }
        }
        let r = self.ranges.partition_point(|(from, _)| *from <= at);
        if let Some((_, markers)) = r.checked_sub(1).map(|r| &self.ranges[r]) {
            let found = markers.iter().filter(|m| m.code == code);
            hits.extend(found.map(|m| (m.directive, m.name)));
        }
        for &(i, name) in &hits {
            match name {
                Some(j) => self.directives[i].names[j].used = true,
                None => self.directives[i].used = true,
            }
        }
        !hits.is_empty()
    }

    /// Our comments that suppress (not `enable`, not an unknown verb).
    fn ours(&self) -> impl Iterator<Item = (usize, &Directive)> {
        self.directives.iter().enumerate().filter(|(_, d)| {
            d.source == Source::HandbookLint
                && matches!(
                    d.action,
                    Action::Disable
                        | Action::DisableNextLine
                        | Action::DisableLine
                        | Action::DisableFile
                )
        })
    }

    fn keep_unsuppressed(&mut self, found: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
        let before = out.len();
        out.extend(found.into_iter().filter(|d| !self.suppresses(d)));
        if out.len() > before {
            out.sort_by(|a, b| {
                (a.span.start, a.span.end, a.lint.code).cmp(&(
                    b.span.start,
                    b.span.end,
                    b.lint.code,
                ))
            });
        }
    }
}

/// The suppression comments of `doc`, in source order.
pub fn directives(doc: &Document, catalog: Catalog) -> Vec<Directive> {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // HTML comments are raw HTML to comrak, which never finds raw HTML in code.
    for html in &doc.html {
        let mut at = html.start;
        while let Some(open) = memchr::memmem::find(&bytes[at..html.end], b"<!--") {
            let start = at + open;
            let Some(close) = memchr::memmem::find(&bytes[start + 4..html.end], b"-->") else {
                break;
            };
            let inner = Span::new(start + 4, start + 4 + close);
            let span = Span::new(start, inner.end + 3);
            found.extend(directive(text, &doc.lines, span, inner, false, catalog));
            at = span.end;
        }
    }
    for l in &doc.liquid {
        if l.kind == LiquidKind::Comment && !in_code(doc, l.span) {
            found.extend(directive(text, &doc.lines, l.span, l.inner, true, catalog));
        }
    }
    found.sort_by_key(|d| d.span.start);
    found.dedup_by_key(|d| d.span.start);
    found
}

/// In a code span, a code block or a highlight block (raw HTML is verbatim but not code).
fn in_code(doc: &Document, span: Span) -> bool {
    doc.in_verbatim(span) && !doc.html.iter().any(|h| h.covers(span))
}

/// The directive in the comment `span` of `text` whose text is `inner`, if it is one; only
/// HTML comments (`liquid` false) may hold markdownlint's.
pub(crate) fn directive(
    text: &str,
    lines: &LineIndex,
    span: Span,
    inner: Span,
    liquid: bool,
    catalog: Catalog,
) -> Option<Directive> {
    let is_sep = |c: char| c.is_whitespace() || c == ',';
    let body = &text[inner.range()];
    let start = inner.start + (body.len() - body.trim_start().len());
    let rest = &text[start..inner.end];
    let keyword = Span::new(start, start + rest.find(is_sep).unwrap_or(rest.len()));
    let word = &text[keyword.range()];
    let (source, verb) = match word.strip_prefix("handbook-lint-") {
        Some(verb) => (Source::HandbookLint, verb),
        None if !liquid => (Source::Markdownlint, word.strip_prefix("markdownlint-")?),
        None => return None,
    };
    let action = match (source, verb) {
        (Source::Markdownlint, "capture") => Action::Capture,
        (Source::Markdownlint, "restore") => Action::Restore,
        (Source::Markdownlint, "enable-file" | "configure-file") => Action::Ignored,
        (Source::HandbookLint, _) => VERBS
            .iter()
            .find(|(v, _)| *v == verb)
            .map_or(Action::Unknown, |(_, a)| *a),
        (Source::Markdownlint, _) => VERBS.iter().find(|(v, _)| *v == verb)?.1,
    };
    let mut names = Vec::new();
    if !matches!(
        action,
        Action::Ignored | Action::Capture | Action::Restore | Action::Unknown
    ) {
        let mut at = keyword.end;
        for token in text[keyword.end..inner.end].split(is_sep) {
            if !token.is_empty() {
                let off = at + text[at..].find(token).unwrap_or(0);
                let lint = match source {
                    Source::HandbookLint => catalog.find(token),
                    Source::Markdownlint => catalog.find_markdownlint(token),
                };
                names.push(Name {
                    span: Span::new(off, off + token.len()),
                    lint,
                    used: false,
                });
                at = off + token.len();
            }
        }
    }
    let (first, last) = (
        lines.line_of(span.start),
        lines.line_of(span.end.saturating_sub(1)),
    );
    let end_of = |line: usize| {
        if line < lines.line_count() {
            lines.line_start(line + 1)
        } else {
            usize::MAX
        }
    };
    let scope = match action {
        Action::DisableLine => Span::new(lines.line_start(first), end_of(last)),
        Action::DisableNextLine if last < lines.line_count() => {
            Span::new(lines.line_start(last + 1), end_of(last + 1))
        }
        _ => Span::empty(0),
    };
    Some(Directive {
        source,
        span,
        liquid,
        keyword,
        action,
        names,
        scope,
        used: false,
    })
}
