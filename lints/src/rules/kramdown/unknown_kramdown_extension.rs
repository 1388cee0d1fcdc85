use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::kramdown::KNOWN_EXTENSIONS;
use crate::suggest;

declare_lint! {
    /// ## What it does
    /// Checks for kramdown extension tags (`{::name}`, `{::name /}`) whose name kramdown
    /// does not know. kramdown knows `comment`, `nomarkdown` and `options`, in lower case.
    ///
    /// Extension tags in code and raw HTML are not read.
    ///
    /// ## Why is this bad?
    /// kramdown prints a tag it does not know as text, with its stop tag: readers see
    /// `{::note}` and `{:/note}` around the text.
    ///
    /// ## Example
    /// ```markdown
    /// {::Comment}
    /// Draft: the budget is not approved yet.
    /// {:/Comment}
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// {::comment}
    /// Draft: the budget is not approved yet.
    /// {:/comment}
    /// ```
    pub UnknownKramdownExtension {
        code: "HB504",
        name: "unknown-kramdown-extension",
        severity: Warning,
        fix: None,
        group: Kramdown,
        enabled: true,
        phase: Page,
    }
}

impl Lint for UnknownKramdownExtension {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for e in &doc.extensions {
            if KNOWN_EXTENSIONS.contains(&e.name.as_str()) || doc.outside_markdown(e.open.start) {
                continue;
            }
            let lower = e.name.to_ascii_lowercase();
            let near = suggest::did_you_mean(&lower, KNOWN_EXTENSIONS, 3);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    e.open,
                    format!(
                        "kramdown has no extension `{}`: the tag is printed as text{near}",
                        e.name
                    ),
                )
                .with_label("unknown extension")
                .with_help("use `comment`, `nomarkdown` or `options`, or write the braces as text with `\\{`"),
            );
        }
    }
}
