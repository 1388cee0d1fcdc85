use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for code blocks in which every line is a command starting with a `$` prompt
    /// and no line shows output. This is markdownlint's `MD014` (`commands-show-output`).
    ///
    /// It is off by default: turn it on with `--extend-select dollar-before-command` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Without output to tell commands from results, the prompt only gets in the way: a
    /// reader who copies the block copies the `$` too.
    ///
    /// ## Example
    /// ````markdown
    /// ```sh
    /// $ bundle install
    /// $ bundle exec jekyll serve
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// ```sh
    /// bundle install
    /// bundle exec jekyll serve
    /// ```
    /// ````
    ///
    /// ## Fix safety
    /// The fix deletes the prompts. The code shown on the page changes: it is unsafe.
    pub DollarBeforeCommand {
        code: "HB704",
        name: "dollar-before-command",
        severity: Warning,
        fix: Always,
        group: Code,
        enabled: false,
        phase: Page,
        markdownlint: ("MD014", "commands-show-output"),
    }
}

impl Lint for DollarBeforeCommand {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let bytes = text.as_bytes();
        for code in doc.tree.code_blocks() {
            let content = code.content;
            if content.is_empty() || doc.outside_markdown(doc.tree.span(code.node).start) {
                continue;
            }
            let (first, last) = (
                doc.lines.line_of(content.start),
                doc.lines.line_of(content.end.max(content.start + 1) - 1),
            );
            // The prompt of each non-blank line: `$` and the blanks after it.
            let mut prompts = Vec::new();
            let mut all = true;
            for n in first..=last {
                let line = doc.lines.line_span(text, n);
                let line = Span::new(line.start.max(content.start), line.end.min(content.end));
                let rest = &bytes[line.range()];
                let indent = rest
                    .iter()
                    .take_while(|b| **b == b' ' || **b == b'\t')
                    .count();
                if indent == rest.len() {
                    continue;
                }
                let after = &rest[indent..];
                let blanks = after[1..]
                    .iter()
                    .take_while(|b| **b == b' ' || **b == b'\t')
                    .count();
                if after[0] != b'$' || blanks == 0 {
                    all = false;
                    break;
                }
                let at = line.start + indent;
                prompts.push(Span::new(at, at + 1 + blanks));
            }
            if !all || prompts.is_empty() {
                continue;
            }
            let edits: Vec<Edit> = prompts.iter().map(|p| Edit::delete(*p)).collect();
            let fix = Fix::unsafe_("Delete the `$` prompts", edits);
            for prompt in prompts {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        Span::new(prompt.start, prompt.start + 1),
                        "command prompt `$` in a block that shows no output",
                    )
                    .with_label("prompt")
                    .with_fix(fix.clone()),
                );
            }
        }
    }
}
