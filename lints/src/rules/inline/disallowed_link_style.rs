use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

use super::closing_bracket;

declare_lint! {
    /// ## What it does
    /// Checks links and images against the styles a project allows: autolinks
    /// (`<https://…>`), inline (`[text](url)`), full references (`[text][label]`), collapsed
    /// (`[label][]`), shortcut (`[label]`) and inline links whose text is their address
    /// (`[https://x](https://x)`). This is markdownlint's `MD054` (`link-image-style`).
    /// Every style is allowed by default: set the ones to refuse to `false`.
    ///
    /// It is off by default: turn it on with `--extend-select disallowed-link-style` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// One way of writing links makes the source predictable: a project that keeps its
    /// addresses in reference definitions wants no inline links.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [setup guide](setup.md).
    /// ```
    /// (with `inline = false`)
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide][setup].
    ///
    /// [setup]: setup.md
    /// ```
    ///
    /// ## Options
    /// - `autolink`, `inline`, `full`, `collapsed`, `shortcut` (booleans, default true):
    ///   whether each style is allowed.
    /// - `url-inline` (boolean, default true; markdownlint's `url_inline`): whether an
    ///   inline link may have its address as its text.
    pub DisallowedLinkStyle {
        code: "HB863",
        name: "disallowed-link-style",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD054", "link-image-style"),
        options: LinkImageStyleOptions,
    }
}

/// Options of [`DisallowedLinkStyle`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinkImageStyleOptions {
    pub autolink: bool,
    pub inline: bool,
    pub full: bool,
    pub collapsed: bool,
    pub shortcut: bool,
    #[serde(alias = "url_inline")]
    pub url_inline: bool,
}

impl Default for LinkImageStyleOptions {
    fn default() -> Self {
        LinkImageStyleOptions {
            autolink: true,
            inline: true,
            full: true,
            collapsed: true,
            shortcut: true,
            url_inline: true,
        }
    }
}

const fn field(name: &'static str, aliases: &'static [&'static str]) -> OptionField {
    OptionField {
        name,
        aliases,
        kind: OptionKind::Bool,
        doc: "Whether this link style is allowed.",
    }
}

impl Options for LinkImageStyleOptions {
    const FIELDS: &'static [OptionField] = &[
        field("autolink", &[]),
        field("inline", &[]),
        field("full", &[]),
        field("collapsed", &[]),
        field("shortcut", &[]),
        field("url-inline", &["url_inline"]),
    ];
}

impl Lint for DisallowedLinkStyle {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let o = cx.options.get::<LinkImageStyleOptions>();
        // Every style allowed (the default): nothing can be reported.
        if o.autolink && o.inline && o.full && o.collapsed && o.shortcut && o.url_inline {
            return;
        }
        let bytes = doc.text().as_bytes();
        for link in &doc.links {
            let written = doc.slice(link.span);
            let open = link.span.start + usize::from(link.image);
            let close = closing_bracket(bytes, open, link.span.end);
            let style = match link.kind {
                LinkKind::Autolink if written.starts_with('<') => ("autolink", o.autolink),
                LinkKind::Autolink => continue,
                LinkKind::Inline => {
                    let text = close.map_or("", |c| &doc.text()[open + 1..c]);
                    if !link.url.is_empty() && text == link.url {
                        ("url-inline", o.url_inline)
                    } else {
                        ("inline", o.inline)
                    }
                }
                LinkKind::Reference => match close.map(|c| &bytes[c + 1..link.span.end]) {
                    Some(b"[]") => ("collapsed", o.collapsed),
                    Some(rest) if rest.starts_with(b"[") => ("full", o.full),
                    _ => ("shortcut", o.shortcut),
                },
            };
            if style.1 || doc.outside_markdown(link.span.start) {
                continue;
            }
            let what = if link.image { "image" } else { "link" };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    format!(
                        "{what} written in the {} style, which is not allowed",
                        style.0
                    ),
                )
                .with_label("disallowed style")
                .with_help("write it in one of the allowed styles"),
            );
        }
    }
}
