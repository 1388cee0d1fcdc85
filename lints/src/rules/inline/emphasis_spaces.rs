use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for emphasis markers with blanks right inside them, such as `** bold **` or
    /// `* note*`, which the page shows as asterisks instead of emphasis. This is
    /// markdownlint's `MD037` (`no-space-in-emphasis`). Only a pair on one line, with the
    /// same marker run on both sides, is reported; markers inside a word (`2*3*4`,
    /// `snake_case_name`), code, links, Liquid and kramdown comments are not read.
    ///
    /// Liquid correction: markdownlint reads the text of `{% comment %}` blocks and
    /// Liquid tags, which never reach the page.
    ///
    /// It is off by default: turn it on with `--extend-select emphasis-spaces` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Emphasis only opens on a marker followed by text and closes on one that follows text:
    /// with a blank between them the reader sees the raw `*` or `_`.
    ///
    /// ## Example
    /// ```markdown
    /// Back up the data ** before ** you upgrade.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Back up the data **before** you upgrade.
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blanks, which turns the text into emphasis: the page changes (that
    /// is the point, but `a * b * c` may have been arithmetic), so it is unsafe.
    pub EmphasisSpaces {
        code: "HB864",
        name: "emphasis-spaces",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD037", "no-space-in-emphasis"),
    }
}

impl Lint for EmphasisSpaces {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let mut runs = Vec::new();
        for block in &doc.blocks {
            // No marker in the block: none of its lines can hold a finding.
            if memchr::memchr2(b'*', b'_', &bytes[block.start..block.end]).is_none() {
                continue;
            }
            let mut line_start = block.start;
            while line_start < block.end {
                let line_end = memchr::memchr(b'\n', &bytes[line_start..block.end])
                    .map_or(block.end, |p| line_start + p);
                check_line(doc, Span::new(line_start, line_end), &mut runs, out);
                line_start = line_end + 1;
            }
        }
    }
}

/// One marker run: `**` at `start`.
#[derive(Clone, Copy)]
struct Run {
    start: usize,
    len: usize,
    marker: u8,
}

/// The literal marker runs of one line, in order, then every pair of equal runs with blanks
/// inside. `runs` is a buffer reused from line to line.
fn check_line(doc: &Document, line: Span, runs: &mut Vec<Run>, out: &mut Vec<Diagnostic>) {
    let bytes = doc.text().as_bytes();
    runs.clear();
    let blank = |at: usize| at < line.end && matches!(bytes[at], b' ' | b'\t');
    // First every run as written; whether it is literal text costs a look at the tree, so
    // that comes only for a line where a pair could have a blank inside: a run with a
    // blank right after it or right before it.
    let mut i = line.start;
    while i < line.end {
        // Jump to the next byte that matters: an escape or an emphasis marker.
        let Some(skip) = memchr::memchr3(b'\\', b'*', b'_', &bytes[i..line.end]) else {
            break;
        };
        i += skip;
        let b = bytes[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        let len = bytes[i..line.end].iter().take_while(|&&c| c == b).count();
        if len <= 3 {
            runs.push(Run {
                start: i,
                len,
                marker: b,
            });
        }
        i += len;
    }
    let touches_blank =
        |r: &Run| blank(r.start + r.len) || (r.start > line.start && blank(r.start - 1));
    if runs.len() < 2 || !runs.iter().any(touches_blank) {
        return;
    }
    runs.retain(|r| literal(doc, Span::new(r.start, r.start + r.len)));
    // Outside a word: the line's edge, a blank or punctuation.
    let edge = |at: Option<usize>| {
        at.filter(|&a| a >= line.start && a < line.end)
            .is_none_or(|a| !bytes[a].is_ascii_alphanumeric() && bytes[a] != b'_')
    };
    let mut k = 0;
    while k + 1 < runs.len() {
        let (open, close) = (runs[k], runs[k + 1]);
        let inner = Span::new(open.start + open.len, close.start);
        let paired = open.marker == close.marker && open.len == close.len;
        let lead = blank(inner.start);
        let trail = inner.end > inner.start && blank(inner.end - 1);
        let text = doc.slice(inner).trim();
        if !paired
            || !(lead || trail)
            || text.is_empty()
            || !edge(open.start.checked_sub(1))
            || !edge(Some(close.start + close.len))
        {
            k += 1;
            continue;
        }
        let from = inner.start + (inner.len() - doc.slice(inner).trim_start().len());
        let to = from + text.len();
        let mut edits = Vec::new();
        if from > inner.start {
            edits.push(Edit::delete(Span::new(inner.start, from)));
        }
        if to < inner.end {
            edits.push(Edit::delete(Span::new(to, inner.end)));
        }
        let span = Span::new(open.start, close.start + close.len);
        out.push(
            Diagnostic::new(
                &EmphasisSpaces::META,
                span,
                "emphasis with blanks inside its markers",
            )
            .with_label("shown as literal markers")
            .with_fix(Fix::unsafe_("Delete the blanks inside the markers", edits)),
        );
        k += 2;
    }
}

/// The run is text the reader sees: not a parsed emphasis marker, not in code, HTML, a
/// link (markdownlint leaves links alone too), Liquid or a kramdown comment.
fn literal(doc: &Document, run: Span) -> bool {
    const NOT_TEXT: [Kind; 5] = [
        Kind::CodeSpan,
        Kind::InlineHtml,
        Kind::Emphasis,
        Kind::Strong,
        Kind::Link,
    ];
    if doc.outside_markdown(run.start) || doc.in_verbatim(run) {
        return false;
    }
    let tree = &doc.tree;
    tree.ancestors_at(run.start)
        .filter(|&n| NOT_TEXT.contains(&tree.kind(n)))
        .all(|n| {
            // Inside emphasis, other markers are still text; its own markers are not.
            let span = tree.span(n);
            matches!(tree.kind(n), Kind::Emphasis | Kind::Strong)
                && span.start != run.start
                && span.end != run.end
        })
}
