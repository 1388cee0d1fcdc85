use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that the names listed in `names` are written with their case, such as
    /// `GitHub` rather than `github`. This is markdownlint's `MD044` (`proper-names`). Link
    /// destinations and addresses are not read (a URL keeps its case, in text too; in code
    /// it is code), nor
    /// reference labels (`[text][github]`), fences' languages (```` ```javascript ````), the
    /// front matter and Liquid.
    ///
    /// It is off by default, and finds nothing until `names` lists some: turn it on with
    /// `--extend-select proper-name-case` or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Product and team names written in several ways look careless and are harder to
    /// search for.
    ///
    /// ## Example
    /// ```markdown
    /// The code lives on github.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The code lives on GitHub.
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the name as listed. In text it is safe; in code it changes the code
    /// shown, and in HTML it may change an address or a name the page uses: unsafe.
    ///
    /// ## Options
    /// - `names` (list of strings, default empty): the names, as they must be written.
    /// - `code-blocks` (boolean, default true; markdownlint's `code_blocks`): read code
    ///   blocks and code spans too.
    /// - `html-elements` (boolean, default true; markdownlint's `html_elements`): read HTML
    ///   tags and their attributes (such as an `href` path) too; the text between the tags
    ///   of an HTML block is read either way, as markdownlint reads it.
    pub ProperNameCase {
        code: "HB862",
        name: "proper-name-case",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD044", "proper-names"),
        options: ProperNamesOptions,
    }
}

/// Options of [`ProperNameCase`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProperNamesOptions {
    pub names: Vec<String>,
    #[serde(alias = "code_blocks")]
    pub code_blocks: bool,
    #[serde(alias = "html_elements")]
    pub html_elements: bool,
}

impl Default for ProperNamesOptions {
    fn default() -> Self {
        ProperNamesOptions {
            names: Vec::new(),
            code_blocks: true,
            html_elements: true,
        }
    }
}

impl Options for ProperNamesOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "names",
            aliases: &[],
            kind: OptionKind::StringList,
            doc: "Names as they must be written.",
        },
        OptionField {
            name: "code-blocks",
            aliases: &["code_blocks"],
            kind: OptionKind::Bool,
            doc: "Read code too.",
        },
        OptionField {
            name: "html-elements",
            aliases: &["html_elements"],
            kind: OptionKind::Bool,
            doc: "Read HTML elements and their attributes too.",
        },
    ];
}

impl Lint for ProperNameCase {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let o = cx.options.get::<ProperNamesOptions>();
        if o.names.is_empty() {
            return;
        }
        let text = doc.text();
        let lower = text.to_ascii_lowercase();
        let word = |i: usize| {
            text.as_bytes()
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        };
        let urls: Vec<Span> = doc
            .links
            .iter()
            .filter_map(|l| l.dest)
            .chain(doc.definitions.iter().map(|d| d.dest))
            .chain(
                doc.links
                    .iter()
                    .filter(|l| {
                        l.dest.is_none() && !l.url.is_empty() && doc.slice(l.span).contains(':')
                    })
                    .map(|l| l.span),
            )
            .chain(labels(doc))
            .collect();
        // A word of an address written in text (`https://github.com/…`) keeps its case.
        let in_address = |span: Span| {
            let blank = |b: &u8| {
                b.is_ascii_whitespace() || matches!(b, b'[' | b']' | b'(' | b')' | b'<' | b'>')
            };
            let bytes = text.as_bytes();
            let start = bytes[..span.start]
                .iter()
                .rposition(blank)
                .map_or(0, |p| p + 1);
            let end = bytes[span.end..]
                .iter()
                .position(blank)
                .map_or(bytes.len(), |p| span.end + p);
            text[start..end].contains("://")
        };
        for name in o.names.iter().filter(|n| !n.is_empty()) {
            let needle = name.to_ascii_lowercase();
            let mut from = 0;
            while let Some(p) = lower[from..].find(&needle).map(|p| from + p) {
                from = p + needle.len();
                let span = Span::new(p, p + needle.len());
                if &text[span.range()] == name.as_str()
                    || (p > 0 && word(p - 1))
                    || word(span.end)
                    || urls.iter().any(|u| u.overlaps(span))
                    || doc.outside_markdown(p)
                {
                    continue;
                }
                let context = doc
                    .line_table()
                    .get(doc.lines.line_of(p))
                    .map(|l| l.context);
                // In HTML, the tags and their attributes; the text between them is text.
                let html_block = context == Some(LineContext::HtmlBlock);
                let html = (html_block && in_tag(text.as_bytes(), p))
                    || doc.tree.innermost(p, Kind::InlineHtml).is_some();
                let in_code_block = matches!(
                    context,
                    Some(LineContext::FencedCode | LineContext::IndentedCode)
                );
                let code = in_code_block || (!html_block && !html && doc.in_verbatim(span));
                // In an attribute list the name may be an id or class that links point at.
                let lists = &doc.attr_lists;
                let in_attributes = lists[..lists.partition_point(|a| a.span.start < span.end)]
                    .last()
                    .is_some_and(|a| a.span.overlaps(span));
                // An address in text is a link for the reader; in code it is code.
                if (code && !o.code_blocks)
                    || (html && !o.html_elements)
                    || (!code && !html && in_address(span))
                {
                    continue;
                }
                let edits = vec![Edit::replace(span, name.clone())];
                let title = format!("Write `{name}`");
                let fix = if code || html_block || html || in_attributes {
                    Fix::unsafe_(title, edits)
                } else {
                    Fix::safe(title, edits)
                };
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        span,
                        format!("name written `{}` instead of `{name}`", &text[span.range()]),
                    )
                    .with_label("name's case differs")
                    .with_fix(fix),
                );
            }
        }
    }
}

/// Whether `at` is inside an HTML tag (`<`… `>`) of its line.
fn in_tag(bytes: &[u8], at: usize) -> bool {
    let line = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let before = &bytes[line..at];
    let open = before.iter().rposition(|b| *b == b'<');
    open.is_some_and(|o| !before[o..].contains(&b'>'))
}

/// The labels of reference links (`[text][label]`) and of definitions (`[label]: …`): names
/// the reader never sees.
fn labels(doc: &crate::document::Document) -> Vec<Span> {
    let bytes = doc.text().as_bytes();
    // A fence's info string names a highlighter language, lowercase by custom.
    let infos = doc.tree.code_blocks().iter().filter_map(|c| c.info);
    let links = doc
        .links
        .iter()
        .filter(|l| l.definition.is_some())
        .filter_map(|l| {
            let open = l.span.start + usize::from(l.image);
            let close = super::closing_bracket(bytes, open, l.span.end)?;
            (bytes.get(close + 1) == Some(&b'[')).then(|| Span::new(close + 1, l.span.end))
        });
    let definitions = doc.definitions.iter().map(|d| {
        let line = doc.lines.line_start(doc.lines.line_of(d.dest.start));
        Span::new(line, d.dest.start)
    });
    links.chain(definitions).chain(infos).collect()
}
