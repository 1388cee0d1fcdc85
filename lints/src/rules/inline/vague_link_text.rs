use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

use super::{closing_bracket, normalize_label};

declare_lint! {
    /// ## What it does
    /// Checks for links whose whole text says nothing about the target, such as
    /// `[click here](setup.md)` or `[more](costs.md)`. This is markdownlint's `MD059`
    /// (`descriptive-link-text`).
    ///
    /// It is off by default: turn it on with `--extend-select vague-link-text` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Screen reader users often jump from link to link: a list of "here", "here" and
    /// "more" tells them nothing. Sighted readers scan link text too.
    ///
    /// ## Example
    /// ```markdown
    /// For the setup, click [here](setup.md).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide](setup.md).
    /// ```
    ///
    /// ## Options
    /// - `prohibited-texts` (list of strings, default `["click here", "here", "link",
    ///   "more"]`; markdownlint's `prohibited_texts`): link texts reported, compared without
    ///   case and punctuation.
    pub VagueLinkText {
        code: "HB860",
        name: "vague-link-text",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD059", "descriptive-link-text"),
        options: DescriptiveLinkTextOptions,
    }
}

/// Options of [`VagueLinkText`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DescriptiveLinkTextOptions {
    #[serde(alias = "prohibited_texts")]
    pub prohibited_texts: Vec<String>,
}

impl Default for DescriptiveLinkTextOptions {
    fn default() -> Self {
        DescriptiveLinkTextOptions {
            prohibited_texts: ["click here", "here", "link", "more"]
                .map(String::from)
                .to_vec(),
        }
    }
}

impl Options for DescriptiveLinkTextOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "prohibited-texts",
        aliases: &["prohibited_texts"],
        kind: OptionKind::StringList,
        doc: "Link texts reported.",
    }];
}

impl Lint for VagueLinkText {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let texts = &cx
            .options
            .get::<DescriptiveLinkTextOptions>()
            .prohibited_texts;
        let plain = |s: &str| {
            normalize_label(
                &s.chars()
                    .filter(|c| !c.is_ascii_punctuation())
                    .collect::<String>(),
            )
        };
        let prohibited: Vec<String> = texts.iter().map(|t| plain(t)).collect();
        // A text with more letters than the longest prohibited one cannot match it (case
        // folding at most triples a letter).
        let longest = prohibited
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let too_long = |text: &str| {
            text.chars()
                .filter(|c| c.is_alphanumeric())
                .nth(longest * 3)
                .is_some()
        };
        let mut scratch = String::new();
        for link in doc
            .links
            .iter()
            .filter(|l| !l.image && l.kind != LinkKind::Autolink)
        {
            let Some(close) = closing_bracket(bytes, link.span.start, link.span.end) else {
                continue;
            };
            let text = &doc.text()[link.span.start + 1..close];
            if too_long(text)
                || !prohibited_text(text, &prohibited, &mut scratch, plain)
                || doc.outside_markdown(link.span.start)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    format!("link text `{}` does not say where it leads", text.trim()),
                )
                .with_label("vague link text")
                .with_help("say what the reader finds there"),
            );
        }
    }
}

/// Whether `text`, without punctuation, case and extra blanks (as `plain` makes it), is one
/// of `prohibited`. ASCII text, nearly every link's, is compared through `scratch` with no
/// new allocation; other text goes through `plain`.
fn prohibited_text(
    text: &str,
    prohibited: &[String],
    scratch: &mut String,
    plain: impl Fn(&str) -> String,
) -> bool {
    if !text.is_ascii() {
        return prohibited.contains(&plain(text));
    }
    // For ASCII, `plain` drops the punctuation, joins the words between blanks with one
    // space and lowercases: the same here, byte by byte.
    scratch.clear();
    let mut gap = false;
    for c in text.chars().filter(|c| !c.is_ascii_punctuation()) {
        if c.is_whitespace() {
            gap = !scratch.is_empty();
        } else {
            if gap {
                scratch.push(' ');
                gap = false;
            }
            scratch.push(c.to_ascii_lowercase());
        }
    }
    prohibited.iter().any(|p| p == scratch)
}
