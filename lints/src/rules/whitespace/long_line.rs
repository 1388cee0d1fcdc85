use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

use super::{heading_spans, only_a_link};

declare_lint! {
    /// ## What it does
    /// Checks for lines longer than `line-length` characters (80 by default; headings and
    /// code blocks have their own limits). This is markdownlint's `MD013` (`line-length`).
    /// Unless `strict` is set, a line is reported only when it could be wrapped: when a
    /// blank stands at the limit or past it (a long address alone is fine).
    ///
    /// Not Markdown content, so never measured: the front matter, link reference
    /// definitions, `{::comment}` and `{::nomarkdown}` blocks, and lines whose text past
    /// the limit is Liquid (`{% include … %}`). kramdown and Liquid correction:
    /// markdownlint measures the comment blocks and the Liquid lines too. Unless `strict`
    /// is set, a line holding only a link or an image is not measured either, as in
    /// markdownlint.
    ///
    /// It is off by default: turn it on with `--extend-select long-line` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Long lines are hard to read side by side and make diffs show whole paragraphs as
    /// changed.
    ///
    /// ## Example
    /// ```markdown
    /// This sentence goes on and on, well past the eightieth column, which makes it hard to review.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// This sentence goes on and on, well past the eightieth column,
    /// which makes it hard to review.
    /// ```
    ///
    /// ## Options
    /// - `line-length` (integer, default 80; markdownlint's `line_length`): longest line.
    /// - `heading-line-length` (integer, default `line-length`; `heading_line_length`): for
    ///   headings.
    /// - `code-block-line-length` (integer, default `line-length`;
    ///   `code_block_line_length`): for code.
    /// - `code-blocks` (boolean, default true; `code_blocks`): measure code blocks.
    /// - `tables` (boolean, default true): measure tables.
    /// - `headings` (boolean, default true): measure headings.
    /// - `strict` (boolean, default false): report every long line, even one that cannot
    ///   be wrapped.
    /// - `stern` (boolean, default false): accepted for markdownlint's sake; the default
    ///   behaviour already reports every line that could be wrapped.
    pub LongLine {
        code: "HB804",
        name: "long-line",
        severity: Warning,
        fix: None,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD013", "line-length"),
        options: LineLengthOptions,
    }
}

/// Options of [`LongLine`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LineLengthOptions {
    #[serde(alias = "line_length")]
    pub line_length: usize,
    /// `None`: `line_length`, as in markdownlint.
    #[serde(alias = "heading_line_length")]
    pub heading_line_length: Option<usize>,
    /// `None`: `line_length`, as in markdownlint.
    #[serde(alias = "code_block_line_length")]
    pub code_block_line_length: Option<usize>,
    #[serde(alias = "code_blocks")]
    pub code_blocks: bool,
    pub tables: bool,
    pub headings: bool,
    pub strict: bool,
    pub stern: bool,
}

impl Default for LineLengthOptions {
    fn default() -> Self {
        LineLengthOptions {
            line_length: 80,
            heading_line_length: None,
            code_block_line_length: None,
            code_blocks: true,
            tables: true,
            headings: true,
            strict: false,
            stern: false,
        }
    }
}

const fn field(
    name: &'static str,
    aliases: &'static [&'static str],
    kind: OptionKind,
) -> OptionField {
    OptionField {
        name,
        aliases,
        kind,
        doc: "See the lint's documentation.",
    }
}

impl Options for LineLengthOptions {
    const FIELDS: &'static [OptionField] = &[
        field("line-length", &["line_length"], OptionKind::Integer),
        field(
            "heading-line-length",
            &["heading_line_length"],
            OptionKind::Integer,
        ),
        field(
            "code-block-line-length",
            &["code_block_line_length"],
            OptionKind::Integer,
        ),
        field("code-blocks", &["code_blocks"], OptionKind::Bool),
        field("tables", &[], OptionKind::Bool),
        field("headings", &[], OptionKind::Bool),
        field("strict", &[], OptionKind::Bool),
        field("stern", &[], OptionKind::Bool),
    ];
}

impl Lint for LongLine {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let o = cx.options.get::<LineLengthOptions>();
        let heading_limit = o.heading_line_length.unwrap_or(o.line_length);
        let code_limit = o.code_block_line_length.unwrap_or(o.line_length);
        let text = doc.text();
        // The lines of the link reference definitions, sorted for a binary search, gathered
        // for the first line too long.
        let definitions = std::cell::OnceCell::new();
        let definition_lines = || {
            let mut lines: Vec<usize> = doc
                .definitions
                .iter()
                .map(|d| doc.lines.line_of(d.dest.start))
                .collect();
            lines.sort_unstable();
            lines
        };
        // Built for the first line that needs it: most pages have no long line.
        let headings = std::cell::OnceCell::new();
        let shortest = o.line_length.min(heading_limit).min(code_limit);
        for (i, line) in doc.line_table().lines().iter().enumerate() {
            let content = &text[line.span.range()];
            // A line cannot hold more characters than bytes.
            if content.len() <= shortest {
                continue;
            }
            let (code, table) = match line.context {
                LineContext::FrontMatter => continue,
                LineContext::FencedCode | LineContext::IndentedCode => (true, false),
                LineContext::Table => (false, true),
                _ => (false, false),
            };
            let ascii = content.is_ascii();
            let chars = if ascii {
                content.len()
            } else {
                content.chars().count()
            };
            // Asking the tree whether the line is a heading costs more than counting, so
            // that comes only once the line is too long for every limit it could have.
            let (limit, measured) = if code {
                (code_limit, o.code_blocks)
            } else if table {
                (o.line_length, o.tables)
            } else if chars <= o.line_length.min(heading_limit) {
                continue;
            } else if headings
                .get_or_init(|| heading_spans(doc))
                .holds(line.span.start + line.indent)
                && doc
                    .tree
                    .innermost(line.span.start + line.indent, Kind::Heading)
                    .is_some()
            {
                (heading_limit, o.headings)
            } else {
                (o.line_length, true)
            };
            if !measured
                || chars <= limit
                || definitions
                    .get_or_init(definition_lines)
                    .binary_search(&(i + 1))
                    .is_ok()
                || (!o.strict && only_a_link(doc, line.span))
            {
                continue;
            }
            // Where the limit falls, in bytes, and the start of the last character that
            // fits: one walk over the characters for both.
            let (last_fitting, cut) = if ascii {
                let last_fitting = limit.saturating_sub(1).min(content.len());
                (last_fitting, limit.min(content.len()))
            } else {
                let mut starts = content
                    .char_indices()
                    .map(|(b, _)| b)
                    .skip(limit.saturating_sub(1));
                let last_fitting = starts.next().unwrap_or(content.len());
                let cut = match limit {
                    0 => last_fitting,
                    _ => starts.next().unwrap_or(content.len()),
                };
                (last_fitting, cut)
            };
            let at = line.span.start + cut;
            // A blank at the limit's own column or after it: the line breaks there and the
            // first part fits.
            let wrappable = content[last_fitting..].contains([' ', '\t']);
            if (!o.strict && !wrappable)
                || doc.outside_markdown(at)
                || doc.outside_markdown(line.span.end - 1)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(at, line.span.end),
                    format!("line is {chars} characters long, {limit} allowed"),
                )
                .with_label("past the limit")
                .with_help("wrap the line"),
            );
        }
    }
}
