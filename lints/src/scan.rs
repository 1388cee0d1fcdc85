//! The pre-pass: recognise Liquid and kramdown attribute lists in the raw text, and mask them
//! with same-length placeholders before comrak parses, so that every position comrak reports is
//! still a position in the original file.
//!
//! Masking rules:
//! - Liquid output (`{{ … }}`) and tags inside a line become `x` runs (Liquid renders them
//!   to text before kramdown runs, so they stand for text).
//! - A line holding only Liquid tags (`{% if %}`, `{% comment %}` blocks, …) becomes blank,
//!   as the rendered page has an empty line there.
//! - `{% raw %}` and `{% endraw %}` are masked; the text between them is left for Markdown.
//! - Well-formed attribute lists (`{: … }`, `{:name: … }`) become spaces: kramdown removes them.
//!   Malformed ones stay as text, as kramdown renders them literally.
//!
//! Newlines are never masked, so lines keep their numbers.

use crate::model::kramdown;
pub use crate::model::kramdown::{attributes_len, AttrList, AttrProblem, ExtensionTag};
use crate::span::Span;

/// A Liquid construct found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Liquid {
    pub span: Span,
    pub kind: LiquidKind,
    /// The text between the delimiters (for a block: between the opening and closing tag).
    pub inner: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiquidKind {
    /// `{{ … }}`
    Output,
    /// `{% name … %}`; `name` is the tag's first word.
    Tag { name: String },
    /// `{% comment %} … {% endcomment %}`
    Comment,
    /// `{% raw %} … {% endraw %}`: the text inside is not Liquid.
    Raw,
    /// `{% highlight lang %} … {% endhighlight %}`: code, rendered to HTML by Jekyll.
    Highlight,
}

/// The result of the pre-pass.
pub struct Scan {
    /// The text that comrak parses: same length and line structure as the original.
    pub masked: String,
    pub liquid: Vec<Liquid>,
    pub attr_lists: Vec<AttrList>,
    /// kramdown extension tags (`{::comment}`, `{:/comment}`), left in the text; paired
    /// once code is known ([`crate::model::kramdown::pair_extensions`]).
    pub extension_tags: Vec<ExtensionTag>,
}

const TAG_MARK: u8 = 0x01;
const TEXT_MARK: u8 = b'x';

/// Run the pre-pass over `text`; bytes in `blank` (the front matter) are blanked first.
pub fn scan(text: &str, blank: Option<Span>) -> Scan {
    // Liquid, attribute lists and extensions all start with `{`: a page with none past its
    // front matter has only that to blank, and its text is copied from its own slices with
    // no second check of its UTF-8.
    let body = blank.map_or(0, |s| s.end);
    if memchr::memchr(b'{', &text.as_bytes()[body..]).is_none() {
        return Scan {
            masked: blanked(text, blank),
            liquid: Vec::new(),
            attr_lists: Vec::new(),
            extension_tags: Vec::new(),
        };
    }
    let mut masked = text.as_bytes().to_vec();
    if let Some(span) = blank {
        fill(&mut masked, span, b' ');
    }
    let liquid = scan_liquid(&mut masked);
    let (attr_lists, extension_tags) = kramdown::scan_attr_lists(&mut masked);
    // Every edit above replaced whole ASCII or UTF-8 sequences with ASCII and kept newlines,
    // so the buffer is still UTF-8; check rather than trust.
    let masked = String::from_utf8(masked).unwrap_or_else(|e| {
        String::from_utf8_lossy(e.as_bytes())
            .into_owned()
            .chars()
            .map(|c| if c == '\u{fffd}' { '?' } else { c })
            .collect()
    });
    Scan {
        masked,
        liquid,
        attr_lists,
        extension_tags,
    }
}

/// `text` with `blank` (when given) overwritten by spaces as [`fill`] does it.
fn blanked(text: &str, blank: Option<Span>) -> String {
    let Some(span) = blank else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..span.start]);
    for c in text[span.range()].chars() {
        match c {
            '\n' | '\r' => out.push(c),
            _ => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
        }
    }
    out.push_str(&text[span.end..]);
    out
}

/// Overwrite `span` with `with`, keeping line breaks.
fn fill(buf: &mut [u8], span: Span, with: u8) {
    for b in &mut buf[span.range()] {
        if *b != b'\n' && *b != b'\r' {
            *b = with;
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&hay[from..], needle).map(|i| from + i)
}

fn scan_liquid(buf: &mut [u8]) -> Vec<Liquid> {
    let mut found = Vec::new();
    let mut any_tag = false;
    // Once a closing `}}` or `%}` is missing after some point, it is missing after every later
    // point too: remember that instead of searching again (no quadratic time on bad input).
    let (mut no_output_close, mut no_tag_close) = (false, false);
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'{', &buf[i..]) {
        let start = i + rel;
        i = start + 1;
        match buf.get(start + 1) {
            Some(b'{') if !no_output_close => {
                let Some(close) = find(buf, start + 2, b"}}") else {
                    no_output_close = true;
                    continue;
                };
                let span = Span::new(start, close + 2);
                found.push(Liquid {
                    span,
                    kind: LiquidKind::Output,
                    inner: Span::new(start + 2, close),
                });
                fill(buf, span, TEXT_MARK);
                i = span.end;
            }
            Some(b'%') if !no_tag_close => {
                let Some(close) = find(buf, start + 2, b"%}") else {
                    no_tag_close = true;
                    continue;
                };
                let span = Span::new(start, close + 2);
                let name = tag_name(&buf[start + 2..close]);
                let (node, end) = match name.as_str() {
                    "raw" | "comment" | "highlight" => block_tag(buf, span, &name),
                    _ => (
                        Liquid {
                            span,
                            kind: LiquidKind::Tag { name },
                            inner: Span::new(start + 2, close),
                        },
                        span.end,
                    ),
                };
                if node.kind == LiquidKind::Raw {
                    fill(buf, Span::new(span.start, node.inner.start), TAG_MARK);
                    fill(buf, Span::new(node.inner.end, node.span.end), TAG_MARK);
                } else {
                    fill(buf, node.span, TAG_MARK);
                }
                any_tag = true;
                found.push(node);
                i = end;
            }
            _ => {}
        }
    }
    if any_tag {
        settle_tag_lines(buf);
    }
    found
}

/// `{% raw %}…{% endraw %}` or `{% comment %}…{% endcomment %}` starting with the tag `open`.
fn block_tag(buf: &[u8], open: Span, name: &str) -> (Liquid, usize) {
    let end_name = format!("end{name}");
    let mut at = open.end;
    // Liquid comments nest; raw and highlight blocks do not.
    let mut depth = 0usize;
    while let Some(s) = find(buf, at, b"{%") {
        let Some(close) = find(buf, s + 2, b"%}") else {
            break;
        };
        let tag = tag_name(&buf[s + 2..close]);
        if name == "comment" && tag == "comment" {
            depth += 1;
        } else if tag == end_name && depth > 0 {
            depth -= 1;
        } else if tag == end_name {
            let kind = block_kind(name);
            let node = Liquid {
                span: Span::new(open.start, close + 2),
                kind,
                inner: Span::new(open.end, s),
            };
            return (node, close + 2);
        }
        at = s + 2;
    }
    // Never closed: Jekyll fails on this; treat the rest of the file as the block.
    let kind = block_kind(name);
    let node = Liquid {
        span: Span::new(open.start, buf.len()),
        kind,
        inner: Span::new(open.end, buf.len()),
    };
    (node, buf.len())
}

fn block_kind(name: &str) -> LiquidKind {
    match name {
        "raw" => LiquidKind::Raw,
        "highlight" => LiquidKind::Highlight,
        _ => LiquidKind::Comment,
    }
}

fn tag_name(inner: &[u8]) -> String {
    let inner = inner.strip_prefix(b"-").unwrap_or(inner);
    let word: Vec<u8> = inner
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .copied()
        .collect();
    String::from_utf8(word).unwrap_or_default()
}

/// Lines that hold nothing but Liquid tags become blank; elsewhere tags read as text.
fn settle_tag_lines(buf: &mut [u8]) {
    let mut start = 0;
    while start < buf.len() {
        let end = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |i| start + i);
        let line = &mut buf[start..end];
        if line.contains(&TAG_MARK) {
            let only_tags = line
                .iter()
                .all(|&b| b == TAG_MARK || b == b' ' || b == b'\t' || b == b'\r');
            let with = if only_tags { b' ' } else { TEXT_MARK };
            for b in line.iter_mut().filter(|b| **b == TAG_MARK) {
                *b = with;
            }
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_liquid_keeping_length_and_lines() {
        let text = "a {{ x }} b\n{% if y %}\n[l]({% link a.md %})\n";
        let s = scan(text, None);
        assert_eq!(s.masked.len(), text.len());
        assert_eq!(s.masked, "a xxxxxxx b\n          \n[l](xxxxxxxxxxxxxxx)\n");
        assert_eq!(s.liquid.len(), 3);
        assert_eq!(
            s.liquid[1].kind,
            LiquidKind::Tag {
                name: "if".to_string()
            }
        );
    }

    #[test]
    fn a_page_without_braces_is_blanked_as_the_byte_path_blanks_it() {
        // The two ways to the masked text agree: with a `{` in the body the bytes are
        // masked in place; without one the text is copied from its slices.
        let front = "---\r\ntitle: Grüße\r\ntags: [a, b]\n---\n";
        for body in ["Text é\r\nmore\n", "", "x"] {
            let text = format!("{front}{body}");
            let span = Some(Span::new(0, front.len()));
            let fast = scan(&text, span);
            let slow = scan(&format!("{text}{{"), span);
            assert_eq!(fast.masked.len(), text.len());
            assert_eq!(format!("{}{{", fast.masked), slow.masked, "{body:?}");
            // A blank per byte: `title: Grüße` is 14 bytes.
            assert!(fast
                .masked
                .starts_with(&format!("   \r\n{}\r\n", " ".repeat(14))));
        }
        assert_eq!(scan("a é\n", None).masked, "a é\n");
    }

    #[test]
    fn code_spans_stop_an_attribute_list_and_comments_nest() {
        let text = "Type `{:` to start, see [a](b){: .x }.\n\n{% comment %}{% comment %}x{% endcomment %}[a](b){:.x}) {% endcomment %}\n";
        let s = scan(text, None);
        let closed: Vec<&str> = s
            .attr_lists
            .iter()
            .filter(|a| a.problem.is_none())
            .map(|a| &text[a.span.range()])
            .collect();
        assert_eq!(closed, ["{: .x }"]);
        assert_eq!(s.liquid.len(), 1);
        assert_eq!(s.liquid[0].kind, LiquidKind::Comment);
    }

    #[test]
    fn highlight_blocks_are_masked_whole() {
        let text = "{% highlight ruby %}\nh = {:a=>1}\n{% endhighlight %}\n";
        let s = scan(text, None);
        assert_eq!(s.liquid[0].kind, LiquidKind::Highlight);
        assert!(s.attr_lists.is_empty());
        assert!(s.masked.trim().is_empty());
    }

    #[test]
    fn raw_content_is_left_for_markdown() {
        let text = "{% raw %}{{ a }}{% endraw %}";
        let s = scan(text, None);
        assert_eq!(s.liquid.len(), 1);
        assert_eq!(s.liquid[0].kind, LiquidKind::Raw);
        assert_eq!(&s.masked[9..16], "{{ a }}");
    }

    #[test]
    fn attribute_lists_and_their_problems() {
        let text = "[a](b){:target=\"_blank\"})\n{: .note }\n[c](d){target=\"_blank\"}\n[e](f){:x=\"y}\n{:toc\n\n![i](j){: .icon\nwidth=\"70\"}\n";
        let s = scan(text, None);
        let problems: Vec<_> = s.attr_lists.iter().map(|a| a.problem).collect();
        assert_eq!(problems.len(), 6, "{:?}", s.attr_lists);
        assert_eq!(problems[5], None, "a list may continue on the next line");
        assert_eq!(problems[0], None);
        assert_eq!(problems[1], None);
        assert_eq!(problems[2], Some(AttrProblem::MissingColon));
        assert!(matches!(
            problems[3],
            Some(AttrProblem::UnbalancedQuote { .. })
        ));
        assert_eq!(problems[4], Some(AttrProblem::Unclosed));
        assert!(s.masked.starts_with("[a](b)                  )\n"));
    }
}
