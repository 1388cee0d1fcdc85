use std::collections::HashSet;

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{CodeBlock, Kind};
use crate::scan::{Liquid, LiquidKind};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for fenced and indented code blocks that hold Liquid (`{{ … }}` or
    /// `{% … %}`) outside `{% raw %}` … `{% endraw %}`, in a page that Jekyll renders with
    /// Liquid (a file with front matter, without `render_with_liquid: false`).
    ///
    /// Output of Jekyll's objects (`{{ site.… }}`, `{{ page.… }}`, …), of a variable the
    /// page's own tags define (`assign`, `capture`, `for`) and of literals is taken as meant
    /// to run (a release's checksums filled in) and is not reported alone.
    ///
    /// ## Why is this bad?
    /// Jekyll renders Liquid before kramdown sees the code block: a sample such as
    /// `token: ${{ secrets.TOKEN }}` is published as `token: $`, an `{% include … %}` in a
    /// sample is replaced by the file it names, and an unknown tag fails the build. Readers
    /// copy code that is not what the author wrote.
    ///
    /// ## Example
    /// ````markdown
    /// ```yaml
    /// token: ${{ secrets.TOKEN }}
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// {% raw %}
    /// ```yaml
    /// token: ${{ secrets.TOKEN }}
    /// ```
    /// {% endraw %}
    /// ````
    ///
    /// When the Liquid is meant to run (a sample that shows `{{ site.url }}` filled in),
    /// suppress the finding for that block.
    ///
    /// ## Fix safety
    /// Unsafe: when the Liquid was meant to run, the page changes. The fix writes
    /// `{% raw %}` at the end of the blank line above the block and `{% endraw %}` at the
    /// end of the blank line below it (or on a line of its own at the start of the body
    /// and at the end of the file), so that once Liquid has run kramdown reads exactly the
    /// text it read before, in lists and quotes too. A block with no blank line above or
    /// below it, or not closed, gets no fix.
    pub LiquidInCodeBlock {
        code: "HB402",
        name: "liquid-in-code-block",
        severity: Warning,
        fix: Sometimes,
        group: Liquid,
        enabled: true,
        phase: Page,
    }
}

impl Lint for LiquidInCodeBlock {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        if doc.liquid.is_empty() || !super::renders_liquid(cx) {
            return;
        }
        // Gathered for the first output in a code block: most pages have none.
        let defined = std::cell::OnceCell::new();
        for code in doc.tree.code_blocks() {
            let block = doc.tree.span(code.node);
            let region = if code.fenced { code.content } else { block };
            let inside = Document::starting_in(&doc.liquid, |l| l.span.start, region);
            if inside.is_empty() {
                continue;
            }
            let evaluated: Vec<&Liquid> = inside.iter().filter(|l| evaluated(l)).collect();
            // Output of a variable the page or Jekyll defines is meant to run (a release's
            // checksums filled in); report a block only for the rest.
            let Some(first) = evaluated.iter().find(|l| {
                l.kind != LiquidKind::Output
                    || !meant(
                        doc.slice(l.inner),
                        defined.get_or_init(|| page_variables(doc)),
                    )
            }) else {
                continue;
            };
            // kramdown drops what a `{::comment}` holds: nothing of it is published.
            let hidden = doc.in_hidden_extension(block.start);
            if hidden || (code.fenced && fence_left_open_above(doc, block)) {
                continue;
            }
            let shown = shorten(doc.slice(first.span));
            let more = match evaluated.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let mut d = Diagnostic::new(
                &Self::META,
                first.span,
                format!("code block holds Liquid `{shown}` that Jekyll runs{more}"),
            )
            .with_label("evaluated when the page is built")
            .with_help(
                "wrap the code block in `{% raw %}` and `{% endraw %}` to publish it as written",
            );
            if let Some(edits) = wrap(doc, code, block, &evaluated) {
                d = d.with_fix(Fix::unsafe_(
                    "Wrap the code block in `{% raw %}` and `{% endraw %}`",
                    edits,
                ));
            }
            out.push(d);
        }
    }
}

/// Whether the last HTML block above `block` holds a fence left open. comrak ends an HTML
/// block at a blank line, while kramdown reads `<div markdown="1">` as an element and a fence
/// after it as code: for kramdown, `block`'s opening fence closes that code block, and what
/// comrak reads as code is text.
fn fence_left_open_above(doc: &Document, block: Span) -> bool {
    let html = doc.tree.of_kind(Kind::HtmlBlock);
    let i = html.partition_point(|&h| doc.tree.span(h).start < block.start);
    let Some(&h) = html[..i].last() else {
        return false;
    };
    let fences = doc
        .slice(doc.tree.span(h))
        .lines()
        .filter(|l| {
            let t = l.trim_start_matches(' ');
            l.len() - t.len() < 4 && (t.starts_with("```") || t.starts_with("~~~"))
        })
        .count();
    fences % 2 == 1
}

/// Objects Jekyll gives every page.
const GLOBALS: &[&str] = &[
    "site",
    "page",
    "layout",
    "content",
    "paginator",
    "jekyll",
    "include",
    "forloop",
];

/// Variables the page's own tags define (`assign`, `capture`, `for`, `tablerow`).
fn page_variables(doc: &Document) -> HashSet<&str> {
    let mut names = HashSet::new();
    for l in &doc.liquid {
        let LiquidKind::Tag { name } = &l.kind else {
            continue;
        };
        if !matches!(name.as_str(), "assign" | "capture" | "for" | "tablerow") {
            continue;
        }
        let inner = doc
            .slice(l.inner)
            .trim_matches(['-', ' ', '\t', '\n', '\r']);
        let rest = inner.get(name.len()..).unwrap_or_default().trim_start();
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        names.insert(&rest[..end]);
    }
    names
}

/// Whether `{{ inner }}` reads a variable defined for the page, or a literal.
fn meant(inner: &str, defined: &HashSet<&str>) -> bool {
    let expr = inner.trim_matches(['-', ' ', '\t', '\n', '\r']);
    let root: &str = &expr[..expr
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(expr.len())];
    let literal = expr.starts_with(['"', '\'']) || expr.starts_with(|c: char| c.is_ascii_digit());
    literal || GLOBALS.contains(&root) || defined.contains(root)
}

/// Liquid that Jekyll runs: output, tags (other than a stray raw tag) and comments.
fn evaluated(l: &Liquid) -> bool {
    match &l.kind {
        LiquidKind::Tag { name } => name != "raw" && name != "endraw",
        LiquidKind::Raw => false,
        LiquidKind::Output | LiquidKind::Comment | LiquidKind::Highlight => true,
    }
}

/// The construct as the message shows it: one line, at most 40 characters.
fn shorten(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s);
    let mut out: String = line.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// The edits that put `{% raw %}` on the blank line above the block and `{% endraw %}` on
/// the blank line below it, so that the rendered text is the text as it is now.
fn wrap(doc: &Document, code: &CodeBlock, block: Span, inside: &[&Liquid]) -> Option<Vec<Edit>> {
    let text = doc.text();
    let lines = &doc.lines;
    if !code.closed || inside.iter().any(|l| l.span.end > block.end) {
        return None;
    }
    let eol = if text[lines.line_end(text, lines.line_of(block.start))..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let first = lines.line_of(block.start);
    let last = lines.line_of(block.end.max(block.start + 1) - 1);
    let body = doc.front_matter.end();
    let is_blank = |n: usize| {
        let s = lines.line_span(text, n);
        text[s.range()].bytes().all(|b| b == b' ' || b == b'\t')
    };
    let above = if lines.line_start(first) <= body {
        Edit::insert(lines.line_start(first), format!("{{% raw %}}{eol}"))
    } else if first > 1 && is_blank(first - 1) {
        Edit::insert(lines.line_end(text, first - 1), "{% raw %}")
    } else {
        return None;
    };
    let below = if last + 1 > lines.line_count() {
        Edit::insert(text.len(), format!("{eol}{{% endraw %}}"))
    } else if lines.line_start(last + 1) == text.len() {
        Edit::insert(text.len(), format!("{{% endraw %}}{eol}"))
    } else if is_blank(last + 1) {
        Edit::insert(lines.line_end(text, last + 1), "{% endraw %}")
    } else {
        return None;
    };
    // Neither tag may land inside other Liquid (a `{{` opened before the block).
    let inside_liquid = |at: usize| {
        let i = doc.liquid.partition_point(|l| l.span.start < at);
        doc.liquid[..i].last().is_some_and(|l| l.span.end > at)
    };
    if inside_liquid(above.span.start) || inside_liquid(below.span.start) {
        return None;
    }
    Some(vec![above, below])
}
