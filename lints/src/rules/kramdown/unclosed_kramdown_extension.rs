use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::kramdown::KNOWN_EXTENSIONS;

declare_lint! {
    /// ## What it does
    /// Checks for kramdown extensions opened and never closed: `{::comment}` or
    /// `{::nomarkdown}` with no `{:/comment}` (or `{:/}`) after it, and `{::options …}`
    /// written without the `/` that closes it on the spot (`{::options … /}`).
    ///
    /// It also checks for the opposite: a stop tag (`{:/comment}`, `{:/}`) that closes no
    /// extension, such as one left behind when the opening tag was deleted. A stop tag after
    /// an opening tag of a name kramdown does not know is left to
    /// `unknown-kramdown-extension`, which reports that opening tag.
    ///
    /// Extension tags in code and raw HTML are not read.
    ///
    /// ## Why is this bad?
    /// kramdown ignores an extension with no stop tag and prints it as text: the page shows
    /// `{::comment}`, and the text meant to be hidden is published. A stop tag with no
    /// opening one is printed as text too.
    ///
    /// ## Example
    /// ```markdown
    /// {::comment}
    /// Draft: the budget is not approved yet.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// {::comment}
    /// Draft: the budget is not approved yet.
    /// {:/comment}
    /// ```
    pub UnclosedKramdownExtension {
        code: "HB503",
        name: "unclosed-kramdown-extension",
        severity: Error,
        fix: None,
        group: Kramdown,
        enabled: true,
        phase: Page,
    }
}

impl Lint for UnclosedKramdownExtension {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for e in &doc.extensions {
            let known = KNOWN_EXTENSIONS.contains(&e.name.as_str());
            if !known || e.self_closed || e.close.is_some() || doc.in_liquid(e.open.start) {
                continue;
            }
            let help = if e.name == "options" {
                "close the tag on the spot: `{::options … /}`".to_string()
            } else {
                format!("close it with `{{:/{}}}` after the text it holds", e.name)
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    e.open,
                    format!(
                        "kramdown extension `{{::{}}}` is never closed: kramdown prints it as text",
                        e.name
                    ),
                )
                .with_label("opened here")
                .with_help(help),
            );
        }
        for &close in &doc.stray_extension_closes {
            if doc.outside_markdown(close.start) {
                continue;
            }
            let tag = doc.slice(close);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    close,
                    format!("`{tag}` closes no kramdown extension: kramdown prints it as text"),
                )
                .with_label("no extension is open here")
                .with_help("delete the stop tag, or add the opening tag it belongs to"),
            );
        }
    }
}
