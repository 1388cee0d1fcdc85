use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::FrontMatter;
use crate::front_matter::YamlValue;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks that front matter is a closed block of valid YAML holding a mapping of keys
    /// to values, read the way Jekyll reads it.
    ///
    /// The block opens with a first line `---` and closes with the next line that is `---`
    /// or `...` (trailing blanks allowed on both). The finding points at the line and
    /// column of the YAML error.
    ///
    /// ## Why is this bad?
    /// Jekyll cannot read the page's variables: with a YAML error it warns and renders the
    /// page without its `title`, `layout`, `nav_order` or `parent`, so it drops out of the
    /// navigation or takes the wrong layout. A block that is not a mapping stops the build.
    /// A block that is never closed is not read as front matter: Jekyll renders the page with
    /// the YAML lines as its text and without its variables.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Data quality: a checklist
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: "Data quality: a checklist"
    /// ---
    /// ```
    pub InvalidFrontMatter, "HB302", "invalid-front-matter", Error, None
}

impl Lint for InvalidFrontMatter {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        match &cx.doc.front_matter {
            FrontMatter::Absent => {}
            FrontMatter::Unclosed { opener } => out.push(
                Diagnostic::new(&Self::META, *opener, "front matter is not closed")
                    .with_label("opened here, never closed")
                    .with_help(
                        "end the block with a `---` line; until then Jekyll shows the YAML as page text",
                    ),
            ),
            FrontMatter::Closed { data: Err(err), .. } => out.push(
                Diagnostic::new(
                    &Self::META,
                    err.span,
                    format!("front matter is not valid YAML: {}", err.message),
                )
                .with_label("YAML error here")
                .with_help("quote values that contain `: ` or start with a special character"),
            ),
            FrontMatter::Closed { data: Ok(Some(root)), .. }
                if !matches!(root.value, YamlValue::Map(_)) =>
            {
                out.push(
                    Diagnostic::new(&Self::META, root.span, "front matter is not a mapping of keys to values")
                        .with_label("expected `key: value` lines")
                        .with_help("write each variable as `key: value` on its own line"),
                )
            }
            FrontMatter::Closed { .. } => {}
        }
    }
}
