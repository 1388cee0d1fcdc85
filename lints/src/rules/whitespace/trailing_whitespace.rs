use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for spaces and tabs at the end of a line. Exactly two spaces are allowed,
    /// as they make a hard line break. This is markdownlint's `MD009`
    /// (`no-trailing-spaces`) with its defaults (`br_spaces = 2`, not strict).
    ///
    /// Like markdownlint, it skips the lines of code inside a fenced code block (the fence
    /// lines are checked), every line of an indented code block, and the front matter.
    /// Unlike markdownlint, which counts any trailing whitespace, the two allowed blanks
    /// must be spaces: a tab makes no line break.
    ///
    /// It is off by default: turn it on with `--extend-select trailing-whitespace` or with `extend-select`
    /// in the configuration file.
    ///
    /// ## Why is this bad?
    /// Trailing blanks are invisible in the editor, show up as noise in every diff, and
    /// three or more spaces still make a line break that nobody can see in the source.
    ///
    /// ## Example
    /// ```markdown
    /// Ask in the team channel.···
    /// ```
    /// (each `·` is a space)
    ///
    /// ## Use instead
    /// ```markdown
    /// Ask in the team channel.
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blanks and keeps the line ending (`\r\n` stays `\r\n`). Where
    /// three or more spaces end a line inside a paragraph, they make a line break: the fix
    /// keeps two of them. It is safe: the rendered page does not change.
    pub TrailingWhitespace {
        code: "HB800",
        name: "trailing-whitespace",
        severity: Warning,
        fix: Always,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD009", "no-trailing-spaces"),
    }
}

impl Lint for TrailingWhitespace {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, bytes) = (cx.doc, cx.doc.text().as_bytes());
        for line in doc.line_table().lines() {
            let content = &bytes[line.span.range()];
            let n = content
                .iter()
                .rev()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            if n == 0 || &content[content.len() - n..] == b"  " {
                continue;
            }
            let skip = match line.context {
                LineContext::FrontMatter | LineContext::IndentedCode => true,
                LineContext::FencedCode => doc
                    .tree
                    .innermost(line.span.start, Kind::CodeBlock)
                    .and_then(|id| doc.tree.code_block(id))
                    .is_some_and(|c| c.content.contains(line.span.start)),
                _ => false,
            };
            if skip {
                continue;
            }
            let span = Span::new(line.span.end - n, line.span.end);
            // Two spaces or more before the line ending of a paragraph line make a line
            // break: the fix keeps two spaces there, so the page renders as before.
            let spaces = content.iter().rev().take_while(|b| **b == b' ').count();
            let breaks = spaces >= 2
                && !doc
                    .tree
                    .of_kind_in(Kind::LineBreak, Span::new(span.start, line.span.end + 2))
                    .is_empty();
            let plural = if n == 1 { "" } else { "s" };
            let (edit, title) = if breaks {
                (
                    Edit::delete(Span::new(span.start, line.span.end - 2)),
                    "Keep two spaces, the line break",
                )
            } else {
                (Edit::delete(span), "Delete the trailing whitespace")
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("line ends with {n} blank{plural}"),
                )
                .with_label("trailing whitespace")
                .with_fix(Fix::safe(title, vec![edit])),
            );
        }
    }
}
