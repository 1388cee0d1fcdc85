use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for tab characters. This is markdownlint's `MD010` (`no-hard-tabs`). The front
    /// matter, Liquid tags and `{::comment}` blocks are not read.
    ///
    /// It is off by default: turn it on with `--extend-select hard-tab` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Editors show a tab as two, four or eight columns, and Markdown counts it as up to
    /// four: an item indented with a tab may land in another list level than it looks.
    ///
    /// ## Example
    /// ```markdown
    /// -	Install the tools
    /// ```
    /// (a tab after the marker)
    ///
    /// ## Use instead
    /// ```markdown
    /// - Install the tools
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces each tab with `spaces-per-tab` spaces. Inside a line of text it is
    /// safe (the browser shows blanks alike); in indentation (list markers included), code and raw HTML it may move
    /// text to another level or change the code shown: unsafe.
    ///
    /// ## Options
    /// - `code-blocks` (boolean, default true; markdownlint's `code_blocks`): read code
    ///   blocks too.
    /// - `ignore-code-languages` (list of strings, default empty; markdownlint's
    ///   `ignore_code_languages`): fenced blocks in these languages are not read (`make`).
    /// - `spaces-per-tab` (integer, default 1; markdownlint's `spaces_per_tab`): spaces the
    ///   fix puts for each tab.
    pub HardTab {
        code: "HB801",
        name: "hard-tab",
        severity: Warning,
        fix: Always,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD010", "no-hard-tabs"),
        options: HardTabOptions,
    }
}

/// Options of [`HardTab`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HardTabOptions {
    #[serde(alias = "code_blocks")]
    pub code_blocks: bool,
    #[serde(alias = "ignore_code_languages")]
    pub ignore_code_languages: Vec<String>,
    #[serde(alias = "spaces_per_tab")]
    pub spaces_per_tab: usize,
}

impl Default for HardTabOptions {
    fn default() -> Self {
        HardTabOptions {
            code_blocks: true,
            ignore_code_languages: Vec::new(),
            spaces_per_tab: 1,
        }
    }
}

impl Options for HardTabOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "code-blocks",
            aliases: &["code_blocks"],
            kind: OptionKind::Bool,
            doc: "Read code blocks too.",
        },
        OptionField {
            name: "ignore-code-languages",
            aliases: &["ignore_code_languages"],
            kind: OptionKind::StringList,
            doc: "Fenced code languages not read.",
        },
        OptionField {
            name: "spaces-per-tab",
            aliases: &["spaces_per_tab"],
            kind: OptionKind::Integer,
            doc: "Spaces the fix puts for each tab.",
        },
    ];
}

impl Lint for HardTab {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<HardTabOptions>();
        let bytes = doc.text().as_bytes();
        // Only the lines holding a tab, found from one tab to the next.
        for (_, line) in doc.line_table().holding(bytes, b'\t') {
            let content = &bytes[line.span.range()];
            if line.context == LineContext::FrontMatter {
                continue;
            }
            let code = matches!(
                line.context,
                LineContext::FencedCode | LineContext::IndentedCode
            );
            if code && !self.reads_code(cx, line.span.start, &options) {
                continue;
            }
            let mut i = 0;
            while i < content.len() {
                if content[i] != b'\t' {
                    i += 1;
                    continue;
                }
                let n = content[i..].iter().take_while(|b| **b == b'\t').count();
                let span = Span::new(line.span.start + i, line.span.start + i + n);
                i += n;
                if doc.outside_markdown(span.start) {
                    continue;
                }
                let leading = content[..span.start - line.span.start].iter().all(|b| {
                    matches!(
                        b,
                        b' ' | b'\t' | b'>' | b'-' | b'*' | b'+' | b'.' | b')' | b'0'..=b'9'
                    )
                });
                // Blanks that end a line may make a line break (`␠␠⇥`): not safe either.
                let trailing = content[span.end - line.span.start..]
                    .iter()
                    .all(|b| *b == b' ' || *b == b'\t');
                let safe = !code && !leading && !trailing && !doc.in_verbatim(span);
                let edit = Edit::replace(span, " ".repeat(n * options.spaces_per_tab.max(1)));
                let title = "Replace the tabs with spaces";
                let fix = if safe {
                    Fix::safe(title, vec![edit])
                } else {
                    Fix::unsafe_(title, vec![edit])
                };
                let plural = if n == 1 { "" } else { "s" };
                out.push(
                    Diagnostic::new(&Self::META, span, format!("{n} hard tab{plural}"))
                        .with_label("tab")
                        .with_fix(fix),
                );
            }
        }
    }
}

impl HardTab {
    /// Whether the code block at `offset` is read, by the options.
    fn reads_code(&self, cx: &Context<'_>, offset: usize, options: &HardTabOptions) -> bool {
        if !options.code_blocks {
            return false;
        }
        let doc = cx.doc;
        let language = doc
            .tree
            .innermost(offset, Kind::CodeBlock)
            .and_then(|id| doc.tree.code_block(id))
            .and_then(|c| c.info)
            .and_then(|info| doc.slice(info).split_whitespace().next());
        !language.is_some_and(|l| options.ignore_code_languages.iter().any(|i| i == l))
    }
}
