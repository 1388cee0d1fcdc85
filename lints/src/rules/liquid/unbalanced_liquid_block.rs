use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::scan::LiquidKind;
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that every Liquid block tag (`if`, `unless`, `case`, `for`, `tablerow`,
    /// `capture`, `ifchanged`, `raw`, `comment`, `highlight`) is closed by its `end…` tag,
    /// that blocks are closed in the reverse order of their opening, and that no `end…` tag
    /// stands without its opening tag.
    ///
    /// Jekyll renders Liquid in every page that has front matter, code blocks and inline
    /// code included; only text inside `{% raw %}` is left alone.
    ///
    /// ## Why is this bad?
    /// Liquid stops on the first unbalanced block: Jekyll reports a Liquid syntax error and
    /// the build fails (or, with a lenient configuration, the page is published without the
    /// rest of its text).
    ///
    /// ## Example
    /// ```markdown
    /// {% if site.show_budget %}
    /// The budget for 2024 is on the [finance page](finance.md).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// {% if site.show_budget %}
    /// The budget for 2024 is on the [finance page](finance.md).
    /// {% endif %}
    /// ```
    pub UnbalancedLiquidBlock {
        code: "HB401",
        name: "unbalanced-liquid-block",
        severity: Error,
        fix: None,
        group: Liquid,
        enabled: true,
        phase: Page,
    }
}

/// Block tags whose body Liquid parses (the opaque ones are matched by the pre-pass).
const BLOCKS: &[&str] = &[
    "if",
    "unless",
    "case",
    "for",
    "tablerow",
    "capture",
    "ifchanged",
];

/// Blocks whose body is not parsed: a lone `end…` of one of them is as wrong as the others.
const OPAQUE: &[&str] = &["raw", "comment", "highlight"];

impl Lint for UnbalancedLiquidBlock {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = &cx.doc;
        // Jekyll renders Liquid only in pages (files with front matter), and not where the
        // front matter turns it off.
        if !super::renders_liquid(cx) {
            return;
        }
        let line = |span: Span| doc.lines.line_of(span.start);
        let mut open: Vec<(&str, Span)> = Vec::new();
        // A `{% raw %}` inside a highlight block hides its own `{% endhighlight %}`: the
        // pre-pass ends the block there, and the real end tags follow as lone tags.
        let mut hidden: (usize, usize) = (0, 0);
        for node in &doc.liquid {
            if node.kind == LiquidKind::Highlight {
                let raws = unclosed_raws(doc.slice(node.inner));
                if raws > 0 {
                    hidden = (hidden.0 + raws, hidden.1 + 1);
                }
            }
            let name = match &node.kind {
                LiquidKind::Tag { name } if name == "endraw" && hidden.0 > 0 => {
                    hidden.0 -= 1;
                    continue;
                }
                LiquidKind::Tag { name } if name == "endhighlight" && hidden.1 > 0 => {
                    hidden.1 -= 1;
                    continue;
                }
                LiquidKind::Tag { name } => name.as_str(),
                LiquidKind::Raw | LiquidKind::Comment | LiquidKind::Highlight => {
                    // The pre-pass runs an unclosed opaque block to the end of the file.
                    if node.inner.end == node.span.end {
                        let name = opaque_name(&node.kind);
                        out.push(
                            Diagnostic::new(
                                &Self::META,
                                opening_tag(doc.text(), node.span),
                                format!("`{{% {name} %}}` is never closed"),
                            )
                            .with_label("opened here")
                            .with_help(format!("close the block with `{{% end{name} %}}`")),
                        );
                    }
                    continue;
                }
                LiquidKind::Output => continue,
            };
            if BLOCKS.contains(&name) {
                open.push((name, node.span));
                continue;
            }
            let Some(base) = name.strip_prefix("end") else {
                continue;
            };
            if !BLOCKS.contains(&base) && !OPAQUE.contains(&base) {
                continue;
            }
            match open.iter().rposition(|(n, _)| *n == base) {
                Some(i) if i + 1 == open.len() => {
                    open.pop();
                }
                Some(i) => {
                    let (inner, at) = open[open.len() - 1];
                    out.push(
                        Diagnostic::new(
                            &Self::META,
                            node.span,
                            format!(
                                "`{{% {name} %}}` closes `{base}` while `{inner}` (line {}) is still open",
                                line(at)
                            ),
                        )
                        .with_label("closed out of order")
                        .with_help(format!(
                            "close `{inner}` with `{{% end{inner} %}}` before closing `{base}`"
                        )),
                    );
                    open.truncate(i);
                }
                None => out.push(
                    Diagnostic::new(
                        &Self::META,
                        node.span,
                        format!("`{{% {name} %}}` has no opening `{{% {base} %}}`"),
                    )
                    .with_label("nothing to close")
                    .with_help(format!(
                        "remove the tag or open the block with `{{% {base} … %}}`"
                    )),
                ),
            }
        }
        for (name, span) in open {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("`{{% {name} %}}` is never closed"),
                )
                .with_label("opened here")
                .with_help(format!("close the block with `{{% end{name} %}}`")),
            );
        }
        out.sort_by_key(|d| d.span.start);
    }
}

fn opaque_name(kind: &LiquidKind) -> &'static str {
    match kind {
        LiquidKind::Raw => "raw",
        LiquidKind::Highlight => "highlight",
        _ => "comment",
    }
}

/// The opening tag of a block that starts at `block.start`: up to its `%}`.
fn opening_tag(text: &str, block: Span) -> Span {
    let end = text[block.range()]
        .find("%}")
        .map_or(block.end, |i| block.start + i + 2);
    Span::new(block.start, end)
}

/// `{% raw %}` tags in `text` not followed by their `{% endraw %}`.
fn unclosed_raws(text: &str) -> usize {
    let mut depth = 0usize;
    for (at, _) in text.match_indices("{%") {
        let tag = text[at + 2..].trim_start_matches('-').trim_start();
        if tag.starts_with("raw") && !tag[3..].starts_with(|c: char| c.is_alphanumeric()) {
            depth += 1;
        } else if tag.starts_with("endraw") {
            depth = depth.saturating_sub(1);
        }
    }
    depth
}
