use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for spaces and tabs at the end of a line. Exactly two spaces (`br-spaces`)
    /// are allowed, as they make a hard line break. This is markdownlint's `MD009`
    /// (`no-trailing-spaces`), with its options.
    ///
    /// Like markdownlint, it skips the lines of code inside a fenced code block (the fence
    /// lines are checked) and every line of an indented code block unless `code-blocks` is
    /// set, and always the front matter.
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
    /// keeps `br-spaces` of them. It is safe: the rendered page does not change. With
    /// `br-spaces` below 2 no blank is allowed, and deleting those of a line break removes
    /// the break: that fix is unsafe, as is the fix of a line of code (`code-blocks`), whose
    /// blanks are part of the code.
    ///
    /// ## Options
    /// - `br-spaces` (integer, default 2; markdownlint's `br_spaces`): the number of
    ///   trailing spaces allowed, for a line break; below 2, none.
    /// - `strict` (boolean, default false): the allowed spaces are reported too where they
    ///   make no line break (the last line of a paragraph, a heading, a code span's line).
    /// - `code-blocks` (boolean, default false; markdownlint's `code_blocks`): check the
    ///   lines of code blocks too.
    /// - `list-item-empty-lines` (boolean, default false; markdownlint's
    ///   `list_item_empty_lines`): allow blanks on an otherwise empty line inside a list,
    ///   which some editors indent to keep the item going.
    pub TrailingWhitespace {
        code: "HB800",
        name: "trailing-whitespace",
        severity: Warning,
        fix: Always,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD009", "no-trailing-spaces"),
        options: TrailingSpacesOptions,
    }
}

/// Options of [`TrailingWhitespace`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrailingSpacesOptions {
    #[serde(alias = "br_spaces")]
    pub br_spaces: usize,
    pub strict: bool,
    #[serde(alias = "code_blocks")]
    pub code_blocks: bool,
    #[serde(alias = "list_item_empty_lines")]
    pub list_item_empty_lines: bool,
}

impl Default for TrailingSpacesOptions {
    fn default() -> Self {
        TrailingSpacesOptions {
            br_spaces: 2,
            strict: false,
            code_blocks: false,
            list_item_empty_lines: false,
        }
    }
}

impl Options for TrailingSpacesOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "br-spaces",
            aliases: &["br_spaces"],
            kind: OptionKind::Integer,
            doc: "Trailing spaces allowed, for a line break (below 2: none).",
        },
        OptionField {
            name: "strict",
            aliases: &[],
            kind: OptionKind::Bool,
            doc: "Report the allowed spaces too where they make no line break.",
        },
        OptionField {
            name: "code-blocks",
            aliases: &["code_blocks"],
            kind: OptionKind::Bool,
            doc: "Check the lines of code blocks too.",
        },
        OptionField {
            name: "list-item-empty-lines",
            aliases: &["list_item_empty_lines"],
            kind: OptionKind::Bool,
            doc: "Allow blanks on an otherwise empty line inside a list.",
        },
    ];
}

impl Lint for TrailingWhitespace {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, bytes) = (cx.doc, cx.doc.text().as_bytes());
        let options = cx.options.get::<TrailingSpacesOptions>();
        let br = options.br_spaces;
        let allowed = " ".repeat(br);
        for line in doc.line_table().lines() {
            let content = &bytes[line.span.range()];
            if !matches!(content.last(), Some(b' ' | b'\t')) {
                continue;
            }
            let n = content
                .iter()
                .rev()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            if n == 0 {
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
            let as_allowed = br >= 2 && &content[content.len() - n..] == allowed.as_bytes();
            if as_allowed && (breaks || !options.strict) {
                continue;
            }
            let in_code = match line.context {
                LineContext::IndentedCode => true,
                LineContext::FencedCode => doc
                    .tree
                    .innermost(line.span.start, Kind::CodeBlock)
                    .and_then(|id| doc.tree.code_block(id))
                    .is_some_and(|c| c.content.contains(line.span.start)),
                _ => false,
            };
            let skip = match line.context {
                LineContext::FrontMatter => true,
                _ if in_code => !options.code_blocks,
                _ => {
                    options.list_item_empty_lines
                        && n == content.len()
                        && doc.tree.innermost(line.span.start, Kind::List).is_some()
                }
            };
            if skip {
                continue;
            }
            let plural = if n == 1 { "" } else { "s" };
            // Deleting the blanks of a line break removes it, and those of a line of code
            // change the code: unsafe.
            let safe = (!breaks || br >= 2) && !in_code;
            let edit = if !breaks || br < 2 {
                Edit::delete(span)
            } else if spaces >= br {
                Edit::delete(Span::new(span.start, line.span.end - br))
            } else {
                Edit::replace(span, allowed.clone())
            };
            let title = match (breaks, br) {
                (true, 2) => "Keep two spaces, the line break".to_string(),
                (true, 3..) => format!("Keep {br} spaces, the line break"),
                _ => "Delete the trailing whitespace".to_string(),
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("line ends with {n} blank{plural}"),
                )
                .with_label("trailing whitespace")
                .with_fix(if safe {
                    Fix::safe(title, vec![edit])
                } else {
                    Fix::unsafe_(title, vec![edit])
                }),
            );
        }
    }
}
