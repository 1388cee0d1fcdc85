//! Suppression comments in `_config.yml`: YAML comments with the words of the Markdown ones
//! (`# handbook-lint-disable-next-line HB319`), for the findings the site lints make there.
//!
//! A comment is a `#` at the start of a line or after a blank, outside a quoted string and
//! outside the text of a block scalar (`key: |` and the lines indented under it); ours may
//! follow the comment's own words (`url: x # the address # handbook-lint-disable-line HB319`). markdownlint's words are not read:
//! markdownlint does not read YAML files.

use crate::diagnostic::Diagnostic;
use crate::registry;
use crate::rules::tool::unknown_words;
use crate::span::{LineIndex, Span};
use crate::suppress::{self, Directive, Source, Suppressions};

use super::RuleSet;

/// Drop the findings `out` in `text` (a `_config.yml`) that its comments suppress, and add
/// the findings of `unused-suppression` for its comments when that lint is among `rules`.
pub(super) fn apply(text: &str, rules: &RuleSet, out: &mut Vec<Diagnostic>) {
    let catalog = registry::catalog();
    let lines = LineIndex::new(text);
    let directives = yaml_directives(text, &lines);
    if directives.is_empty() {
        return;
    }
    let reporter = "HB001";
    let ran: Vec<&'static str> = rules.page_lints.iter().map(|l| l.meta().code).collect();
    let mut found = Vec::new();
    if ran.contains(&reporter) {
        unknown_words(text, &directives, catalog, &mut found);
    }
    let mut s = Suppressions::from_directives(directives, ran, catalog);
    s.apply(out);
    let site: Vec<_> = rules.site_lints.iter().map(|l| l.meta()).collect();
    s.report_unused_in_config(&site, &mut found);
    s.keep_unsuppressed(found, out);
}

/// Our suppression comments in the YAML `text`, in source order.
fn yaml_directives(text: &str, lines: &LineIndex) -> Vec<Directive> {
    let catalog = registry::catalog();
    let mut found = Vec::new();
    // The indentation of the key of a block scalar whose text lines follow.
    let mut block: Option<usize> = None;
    for n in 1..=lines.line_count() {
        let span = lines.line_span(text, n);
        let line = &text[span.range()];
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let blank = line.trim().is_empty();
        match block {
            Some(key) if blank || indent > key => continue,
            _ => block = None,
        }
        let Some(hash) = comment_start(line) else {
            if opens_block_scalar(line) {
                block = Some(indent);
            }
            continue;
        };
        if opens_block_scalar(&line[..hash]) {
            block = Some(indent);
        }
        // Ours may follow the comment's own words: `# the subpath # handbook-lint-…`.
        let hash = line[hash..]
            .match_indices('#')
            .map(|(i, _)| hash + i)
            .find(|&i| line[i + 1..].trim_start().starts_with("handbook-lint-"))
            .unwrap_or(hash);
        let comment = Span::new(span.start + hash, span.end);
        let inner = Span::new(comment.start + 1, comment.end);
        let d = suppress::directive(text, lines, comment, inner, false, catalog);
        found.extend(d.filter(|d| d.source == Source::HandbookLint));
    }
    found
}

/// Where the comment of a YAML line starts: a `#` at the start or after a blank, outside
/// a quoted string (a quote opens one only where a value starts: `don't` is plain text).
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q && q == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) => {
                return Some(i)
            }
            None if b == b'"' || b == b'\'' => {
                let before = line[..i].trim_end().bytes().last();
                if matches!(before, None | Some(b':' | b'-' | b'[' | b'{' | b',')) {
                    quote = Some(b);
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// Whether the line's value (its comment left out) starts a block scalar: `key: |`,
/// `- >-`, `key: |2+`.
fn opens_block_scalar(line: &str) -> bool {
    let value = line.trim_end();
    let last = value.rsplit([' ', '\t']).next().unwrap_or("");
    let head = &value[..value.len() - last.len()];
    let indicator = last.starts_with(['|', '>'])
        && last[1..]
            .bytes()
            .all(|b| matches!(b, b'-' | b'+' | b'1'..=b'9'));
    indicator && (head.trim_end().ends_with(':') || head.trim_end().ends_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_outside_strings_and_block_text() {
        assert_eq!(comment_start("# handbook-lint-disable"), Some(0));
        assert_eq!(comment_start("url: x # c"), Some(7));
        assert_eq!(comment_start("url: x#c"), None);
        assert_eq!(comment_start("title: \"a # b\""), None);
        assert_eq!(comment_start("title: 'a # b' # c"), Some(15));
        assert_eq!(comment_start("title: 'it''s # b' # c"), Some(19));
        assert_eq!(comment_start("title: Don't panic # c"), Some(19));
        assert_eq!(comment_start("title: \"a \\\" # b\" # c"), Some(18));
        assert!(opens_block_scalar("description: |"));
        assert!(opens_block_scalar("  - >-"));
        assert!(!opens_block_scalar("title: a |"));
        let text =
            "about: |\n  # handbook-lint-disable-file\nurl: x # handbook-lint-disable-line HB319\n";
        let found = yaml_directives(text, &LineIndex::new(text));
        assert_eq!(found.len(), 1);
        assert_eq!(
            &text[found[0].span.range()],
            "# handbook-lint-disable-line HB319"
        );
        let text = "url: x # the address # handbook-lint-disable-line HB319\n";
        let found = yaml_directives(text, &LineIndex::new(text));
        assert_eq!(
            &text[found[0].span.range()],
            "# handbook-lint-disable-line HB319"
        );
    }
}
