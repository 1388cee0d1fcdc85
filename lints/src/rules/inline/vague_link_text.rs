use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

use super::{already_plain, closing_bracket, never_ascii, normalize_label, plain_ascii};

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
        let mut links = doc
            .links
            .iter()
            .filter(|l| !l.image && l.kind != LinkKind::Autolink)
            .peekable();
        // A page without a link has nothing to read: spare it the options.
        if links.peek().is_none() {
            return;
        }
        let texts = &cx
            .options
            .get::<DescriptiveLinkTextOptions>()
            .prohibited_texts;
        let mut scratch = String::new();
        let prohibited: Vec<Cow<'_, str>> = texts
            .iter()
            .map(|t| {
                match already_plain(t) || plain_ascii(t, &mut scratch).is_some_and(|p| p == t) {
                    true => Cow::Borrowed(t.as_str()),
                    false => Cow::Owned(plain(t)),
                }
            })
            .collect();
        let all_ascii = prohibited.iter().all(|p| p.is_ascii());
        // A text with more letters than the longest prohibited one cannot match it (case
        // folding at most triples a letter).
        let longest = prohibited
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let too_long = |text: &str| {
            // No more letters than bytes: a short text is known without reading it.
            text.len() > longest * 3
                && text
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .nth(longest * 3)
                    .is_some()
        };
        for link in links {
            let Some(close) = closing_bracket(bytes, link.span.start, link.span.end) else {
                continue;
            };
            let text = &doc.text()[link.span.start + 1..close];
            if (all_ascii && never_ascii(text))
                || too_long(text)
                || !prohibited_text(text, &prohibited, &mut scratch)
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

/// A text without punctuation, case and extra blanks: how link texts are compared.
fn plain(s: &str) -> String {
    normalize_label(
        &s.chars()
            .filter(|c| !c.is_ascii_punctuation())
            .collect::<String>(),
    )
}

/// Whether [`plain`] of `text` is one of `prohibited`. ASCII text, nearly every link's, is
/// compared through `scratch`.
fn prohibited_text(text: &str, prohibited: &[Cow<'_, str>], scratch: &mut String) -> bool {
    match plain_ascii(text, scratch) {
        Some(p) => prohibited.iter().any(|q| q == p),
        None => {
            let p = plain(text);
            prohibited.iter().any(|q| *q == p)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_agree_with_the_plain_form() {
        for text in [
            "click here",
            "Click here",
            " here",
            "here ",
            "a  b",
            "more!",
            "",
            "lin\u{212a}",
            "ここ",
            "link —",
            "\u{0130}",
            "caf\u{e9}",
        ] {
            let mut scratch = String::new();
            if already_plain(text) {
                assert_eq!(plain(text), text, "{text:?}");
                assert_eq!(plain_ascii(text, &mut scratch), Some(text));
            }
            // Passed over only where the plain form cannot be ASCII.
            if never_ascii(text) {
                assert!(!plain(text).is_ascii(), "{text:?}");
            }
        }
        assert!(already_plain("click here"));
        assert!(!already_plain("Click here"));
        // The Kelvin sign lowercases to `k`: `lin\u{212a}` reads as `link`.
        assert!(!never_ascii("lin\u{212a}"));
        assert!(never_ascii("ここ"));
    }
}
