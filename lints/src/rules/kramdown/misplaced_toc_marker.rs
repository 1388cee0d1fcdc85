use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::{AttributeList, Document, Placement};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, NodeId};

declare_lint! {
    /// ## What it does
    /// Checks for kramdown's table of contents marker, an attribute list naming `toc`
    /// (`{:toc}`, `{: toc}`, `{:.x toc}`), that is not attached to a list: after text on a
    /// line, right after a paragraph or a heading, inside a list item after its text, or
    /// after a blank line with no list below it.
    ///
    /// kramdown replaces the list that `{:toc}` applies to with the table of contents: the
    /// list right above it (no blank line between), or, when a blank line or nothing is
    /// above it, the block right below it.
    ///
    /// ## Why is this bad?
    /// A marker that does not apply to a list produces no table of contents, silently:
    /// after text it is printed as written, elsewhere it is dropped.
    ///
    /// ## Example
    /// ```markdown
    /// ## Contents
    /// {:toc}
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Contents
    ///
    /// 1. TOC
    /// {:toc}
    /// ```
    pub MisplacedTocMarker {
        code: "HB502",
        name: "misplaced-toc-marker",
        severity: Warning,
        fix: None,
        group: Kramdown,
        enabled: true,
        phase: Page,
    }
}

impl Lint for MisplacedTocMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for a in &doc.attr_lists {
            if a.definition || a.problem.is_some() || !names_toc(doc, a) {
                continue;
            }
            if doc.outside_markdown(a.span.start) {
                continue;
            }
            let why = match a.placement {
                Placement::Glued | Placement::Detached => "it follows text on its line",
                Placement::Block => match attached(doc, a) {
                    Ok(()) => continue,
                    Err(why) => why,
                },
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    a.span,
                    format!("`{}` makes no table of contents: {why}", doc.slice(a.span)),
                )
                .with_label("not attached to a list")
                .with_help(
                    "put the marker on the line right after a one-item list, such as `1. TOC`",
                ),
            );
        }
    }
}

/// Whether the list's references name `toc` (a bare word, not `.toc` or `#toc`).
fn names_toc(doc: &Document, a: &AttributeList) -> bool {
    let text = doc.slice(a.span);
    let body = text
        .strip_prefix("{:")
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or("");
    body.split_ascii_whitespace().any(|w| w == "toc")
}

/// Ok when a marker on a line of its own applies to a list; else why not.
fn attached(doc: &Document, a: &AttributeList) -> Result<(), &'static str> {
    let text = doc.text();
    let lines = &doc.lines;
    let line = lines.line_of(a.span.start);
    // Blank for kramdown: blanks and quote markers, or Liquid tags alone (rendered away).
    let is_blank = |n: usize| {
        let s = lines.line_span(text, n);
        let t = text[s.range()].trim_matches([' ', '\t', '>']);
        t.is_empty() || (t.starts_with("{%") && t.ends_with("%}") && !t.contains("{{"))
    };
    let above = (lines.line_start(line) > doc.front_matter.end())
        .then(|| line - 1)
        .filter(|&n| !is_blank(n));
    let Some(above) = above else {
        // Nothing right above: it applies to the next block, which must be a list.
        let next = (line + 1..=lines.line_count()).find(|&n| !is_blank(n));
        let starts_list = next.is_some_and(|n| {
            let s = lines.line_span(text, n);
            let first = s.start + text[s.range()].len()
                - text[s.range()].trim_start_matches([' ', '\t', '>']).len();
            doc.tree
                .innermost(first, Kind::Item)
                .is_some_and(|i| lines.line_of(doc.tree.span(i).start) == n)
        });
        return if starts_list {
            Ok(())
        } else {
            Err("no list follows it")
        };
    };
    // The block right above, at the marker's own nesting: inside a list item when the
    // marker is indented to the item's text, else outside it.
    let s = lines.line_span(text, above);
    let probe = s.start + text[s.range()].trim_end().len().saturating_sub(1);
    let column = a.span.start - lines.line_start(line);
    let mut child: Option<NodeId> = None;
    for id in doc.tree.ancestors_at(probe) {
        let kind = doc.tree.kind(id);
        let inside = match kind {
            Kind::Item => doc.tree.item(id).is_some_and(|item| {
                let start = lines.line_start(lines.line_of(item.marker.start));
                column >= item.marker.start - start + item.padding
            }),
            Kind::BlockQuote | Kind::Document => true,
            _ => false,
        };
        if inside {
            break;
        }
        child = Some(id);
    }
    match child.map(|c| doc.tree.kind(c)) {
        // Raw HTML may be `<details markdown="block">`, which kramdown reads as Markdown.
        Some(Kind::List | Kind::HtmlBlock) => Ok(()),
        Some(Kind::Heading) => Err("it follows a heading"),
        Some(Kind::Paragraph) => Err("it follows a paragraph"),
        _ => Err("it follows no list"),
    }
}
