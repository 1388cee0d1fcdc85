use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that every fenced code block names its language (```` ```ruby ````). This is
    /// markdownlint's `MD040` (`fenced-code-language`). `{% highlight %}` blocks always
    /// name one and are not fences.
    ///
    /// It is on by default: Jekyll highlights code with Rouge (just-the-docs styles it), and
    /// a block without a language is printed without highlighting, unlike its neighbours.
    ///
    /// ## Why is this bad?
    /// The reader gets a grey block where the other examples are highlighted, and a block
    /// of shell output cannot be told from a block of commands.
    ///
    /// ## Example
    /// ````markdown
    /// ```
    /// bundle exec jekyll serve
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// ```sh
    /// bundle exec jekyll serve
    /// ```
    /// ````
    ///
    /// ## Options
    /// - `allowed-languages` (list of strings, default empty: any; markdownlint's
    ///   `allowed_languages`): the languages allowed.
    /// - `language-only` (boolean, default false; markdownlint's `language_only`): report
    ///   info strings with more than the language (```` ```ruby title="x" ````).
    pub FenceWithoutLanguage {
        code: "HB701",
        name: "fence-without-language",
        severity: Warning,
        fix: None,
        group: Code,
        enabled: true,
        phase: Page,
        markdownlint: ("MD040", "fenced-code-language"),
        options: FencedCodeLanguageOptions,
    }
}

/// Options of [`FenceWithoutLanguage`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FencedCodeLanguageOptions {
    #[serde(alias = "allowed_languages")]
    pub allowed_languages: Vec<String>,
    #[serde(alias = "language_only")]
    pub language_only: bool,
}

impl Options for FencedCodeLanguageOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "allowed-languages",
            aliases: &["allowed_languages"],
            kind: OptionKind::StringList,
            doc: "Languages allowed (empty: any).",
        },
        OptionField {
            name: "language-only",
            aliases: &["language_only"],
            kind: OptionKind::Bool,
            doc: "Report info strings with more than the language.",
        },
    ];
}

impl Lint for FenceWithoutLanguage {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<FencedCodeLanguageOptions>();
        for code in doc.tree.code_blocks().iter().filter(|c| c.fenced) {
            let span = doc.tree.span(code.node);
            if doc.outside_markdown(span.start) {
                continue;
            }
            let line = doc.lines.line_of(span.start);
            let fence_line = Span::new(span.start, doc.lines.line_end(doc.text(), line));
            let Some(info) = code.info else {
                out.push(
                    Diagnostic::new(&Self::META, fence_line, "code fence without a language")
                        .with_label("no language")
                        .with_help("name the code's language after the fence, or `text`"),
                );
                continue;
            };
            let info_text = doc.slice(info);
            let language = info_text.split_whitespace().next().unwrap_or("");
            let language = language.trim_start_matches('{').trim_start_matches('.');
            if !options.allowed_languages.is_empty()
                && !options.allowed_languages.iter().any(|l| l == language)
            {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        info,
                        format!("code fence language `{language}` is not allowed"),
                    )
                    .with_label("language not in `allowed-languages`")
                    .with_help(format!(
                        "use one of {}",
                        options.allowed_languages.join(", ")
                    )),
                );
            } else if options.language_only && info_text.trim() != language {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        info,
                        "code fence info string holds more than the language",
                    )
                    .with_label("only the language is wanted")
                    .with_help(format!("keep only `{language}`")),
                );
            }
        }
    }
}
