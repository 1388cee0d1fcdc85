use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::FrontMatter;
use crate::front_matter::YamlValue;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::schema::FrontMatterSchema;
use crate::span::Span;

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
    ///
    /// It also reports a key that the configuration requires and the page does not set
    /// (or leaves empty): `required` in a `[front-matter."GLOB"]` table of
    /// `handbook-lint.toml` (or `[front-matter."collection:NAME"]`). just-the-docs builds
    /// its navigation from `title` (and finds a child's parent by the parent's `title`), so
    /// a handbook usually wants:
    ///
    /// ```toml
    /// [front-matter."**"]
    /// required = ["title"]
    /// ```
    ///
    /// Files without front matter are left to `missing-front-matter`.
    ///
    /// ## Options
    /// `required-keys` (list of strings, default `[]`; deprecated): keys that the front
    /// matter of every page must set to a value. It means the same as
    /// `[front-matter."**"] required = [...]`, which replaces it.
    pub InvalidFrontMatter {
        code: "HB302",
        name: "invalid-front-matter",
        severity: Error,
        fix: None,
        group: FrontMatter,
        enabled: true,
        phase: Page,
        options: InvalidFrontMatterOptions,
    }
}

/// The options of `invalid-front-matter`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct InvalidFrontMatterOptions {
    /// Keys that the front matter of every page must set to a value (deprecated: the
    /// `[front-matter]` tables' `required` replaces it).
    pub required_keys: Vec<String>,
}

impl Options for InvalidFrontMatterOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "required-keys",
        aliases: &[],
        kind: OptionKind::StringList,
        doc: "Deprecated: use `[front-matter.\"**\"] required`. Keys that the front matter of every page must set to a value.",
    }];
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
            FrontMatter::Closed { span, data: Ok(root), .. } if cx.file.is_page => {
                let options = cx.options.get::<InvalidFrontMatterOptions>();
                let schema = cx.options.get::<FrontMatterSchema>();
                let mut required: Vec<&String> = options.required_keys.iter().collect();
                for key in &schema.required {
                    if !required.contains(&key) {
                        required.push(key);
                    }
                }
                if required.is_empty() {
                    return;
                }
                // The opening `---`: the block as a whole lacks the key.
                let opener = Span::new(span.start, span.start + 3);
                for key in required {
                    let value = root.as_ref().and_then(|r| r.get(key));
                    let message = match value.map(|v| &v.value) {
                        None => format!("front matter has no `{key}`"),
                        Some(YamlValue::Null) => format!("front matter leaves `{key}` empty"),
                        Some(_) => continue,
                    };
                    out.push(
                        Diagnostic::new(&Self::META, opener, message)
                            .with_label("the configuration requires this key")
                            .with_help(format!("set `{key}: …` in the front matter")),
                    );
                }
            }
            FrontMatter::Closed { .. } => {}
        }
    }
}
