//! Helpers shared by the integration tests: [`tool`] runs the built binary; the functions
//! here compare a fix with comrak's HTML (the fix tests and the corpus acceptance tests).
// Each test binary compiles this module whole and uses only part of it.
#![allow(dead_code)]

pub mod tool;

use handbook_lints::fix::apply_fixes;
use handbook_lints::{Applicability, Diagnostic};

/// `md` with its Liquid comments rendered as Jekyll renders them: to nothing (line breaks
/// around them stay).
pub fn without_liquid_comments(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(start) = rest.find("{% comment %}") {
        let Some(len) = rest[start..].find("{% endcomment %}") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + len + "{% endcomment %}".len()..];
    }
    out.push_str(rest);
    out
}

/// comrak's HTML for a page (front matter left out; Liquid comments rendered first, as
/// Jekyll does).
pub fn html(md: &str) -> String {
    let md = &without_liquid_comments(md);
    let mut o = comrak::Options::default();
    o.extension.front_matter_delimiter = Some("---".into());
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    comrak::markdown_to_html(md, &o)
}

pub fn unescape(s: &str) -> String {
    s.replace("%5C", "\\")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `\\` -> `\`, `\_` -> `_`: CommonMark's backslash escapes.
pub fn commonmark_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && n.is_ascii_punctuation() => {
                out.push(n);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The characters `before` loses and `after` gains, in order.
pub fn changed_chars(before: &str, after: &str) -> (String, String) {
    let diff = similar::TextDiff::from_chars(before, after);
    let (mut removed, mut inserted) = (String::new(), String::new());
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed.push_str(change.value()),
            similar::ChangeTag::Insert => inserted.push_str(change.value()),
            similar::ChangeTag::Equal => {}
        }
    }
    (removed, inserted)
}

/// Apply the safe fix of `d` alone and check that comrak's HTML loses exactly the text the
/// edits remove and gains exactly the text they insert (modulo HTML and URL escaping).
pub fn safe_fix_changes_only_its_html(text: &str, d: &Diagnostic) -> Result<(), String> {
    let one = apply_fixes(text, std::slice::from_ref(d), Applicability::Safe);
    // A fix that leaves the rendered page as it was (blanks at the end of a line) keeps its
    // meaning by definition.
    if html(text) == html(&one.text) {
        return Ok(());
    }
    if one.edits.iter().all(|e| inside_html_comment(text, e.span)) {
        // The page's HTML (raw HTML omitted) must not change at all.
        return if html(text) == html(&one.text) {
            Ok(())
        } else {
            Err(format!(
                "{} fix inside a comment changed the HTML",
                d.lint.name
            ))
        };
    }
    let removed: String = one.edits.iter().map(|e| &text[e.span.range()]).collect();
    let inserted: String = one.edits.iter().map(|e| &*e.replacement).collect();
    let (removed, inserted) = (
        without_liquid_comments(&removed),
        without_liquid_comments(&inserted),
    );
    let (html_removed, html_inserted) = changed_chars(&html(text), &html(&one.text));
    let (html_removed, html_inserted) = (unescape(&html_removed), unescape(&html_inserted));
    // `\\` in a destination is an escaped `\`: the HTML loses one where the source loses two.
    let removed_ok = html_removed == removed || html_removed == commonmark_unescape(&removed);
    if removed_ok && html_inserted == inserted {
        Ok(())
    } else {
        Err(format!(
            "{} fix at {:?}: source -{removed:?} +{inserted:?}, HTML -{html_removed:?} +{html_inserted:?}",
            d.lint.name, d.span
        ))
    }
}

/// Whether `span` lies between a `<!--` and the `-->` that closes it.
pub fn inside_html_comment(text: &str, span: handbook_lints::Span) -> bool {
    let before = &text[..span.start];
    match (before.rfind("<!--"), before.rfind("-->")) {
        (Some(open), close) => close.is_none_or(|c| c < open) && text[span.end..].contains("-->"),
        _ => false,
    }
}
