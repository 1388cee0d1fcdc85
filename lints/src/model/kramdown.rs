//! kramdown's own syntax: attribute lists (`{: .class #id key="v"}`, `{:name: …}`), their
//! placement, and extensions (`{::comment}` … `{:/comment}`, `{::nomarkdown}`, `{::options /}`).
//!
//! Found by the pre-pass in [`crate::scan`]; well-formed attribute lists are masked there
//! before comrak parses, extensions are left as text (kramdown's GFM parser sees them so).

use crate::span::{LineIndex, Span};

/// A brace construct that kramdown reads (or that its author meant as) an attribute list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttrList {
    /// From `{` to `}` inclusive (to the end of the line when unclosed).
    pub span: Span,
    /// `{:name: …}`: an attribute list definition rather than an inline attribute list.
    pub definition: bool,
    pub problem: Option<AttrProblem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrProblem {
    /// `{:` with no `}` on its line.
    Unclosed,
    /// `{target="_blank"}`: attribute syntax without the colon, which kramdown prints as text.
    MissingColon,
    /// `key="value` with no closing quote.
    UnbalancedQuote { key: Span },
}

/// Where an attribute list stands relative to what it should apply to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// On a line of its own.
    Block,
    /// Right after the preceding character (a span attribute list).
    Glued,
    /// After blanks, following text on the same line.
    Detached,
}

/// An attribute list outside code, with its placement.
#[derive(Clone, Debug)]
pub struct AttributeList {
    pub span: Span,
    pub definition: bool,
    pub problem: Option<AttrProblem>,
    pub placement: Placement,
}

/// A kramdown extension: `{::name}` … `{:/name}` (or `{:/}`), or `{::name … /}` alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// `comment`, `nomarkdown`, `options`, …
    pub name: String,
    /// The opening tag, braces included.
    pub open: Span,
    /// Between the tags; `None` for a self-closed tag or one never closed.
    pub body: Option<Span>,
    /// The closing tag, when there is one.
    pub close: Option<Span>,
    /// `{::name … /}`: a tag with no body.
    pub self_closed: bool,
}

/// The extensions kramdown knows; any other name is printed as text.
pub const KNOWN_EXTENSIONS: &[&str] = &["comment", "nomarkdown", "options"];

/// One `{::name …}`, `{::name … /}` or `{:/name}` tag, before pairing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtensionTag {
    pub close_tag: bool,
    pub self_closed: bool,
    pub name: String,
    pub span: Span,
}

impl Extension {
    /// The whole construct, from the opening tag to the closing one.
    pub fn span(&self) -> Span {
        Span::new(self.open.start, self.close.map_or(self.open.end, |c| c.end))
    }
}

/// Place each attribute list found by the pre-pass, leaving out those whose opening brace
/// is in code or raw HTML (`in_verbatim`).
pub fn place(
    text: &str,
    lines: &LineIndex,
    found: Vec<AttrList>,
    in_verbatim: impl Fn(Span) -> bool,
) -> Vec<AttributeList> {
    let bytes = text.as_bytes();
    let mut placed = Vec::with_capacity(found.len());
    for a in found {
        // The opening brace decides: an unclosed list runs on past the code it starts in.
        if in_verbatim(Span::new(a.span.start, a.span.start + 1)) {
            continue;
        }
        let line = lines.line_span(text, lines.line_of(a.span.start));
        let before = &bytes[line.start..a.span.start];
        let after = &bytes[a.span.end.min(line.end)..line.end];
        // Blanks and blockquote markers may stand before a list on its own line.
        let placement = if before.iter().all(|b| matches!(b, b' ' | b'\t' | b'>'))
            && after.iter().all(u8::is_ascii_whitespace)
        {
            Placement::Block
        } else if before.last().is_some_and(|b| *b == b' ' || *b == b'\t') {
            Placement::Detached
        } else {
            Placement::Glued
        };
        placed.push(AttributeList {
            span: a.span,
            definition: a.definition,
            problem: a.problem,
            placement,
        });
    }
    placed
}

/// Blank the bytes of `span` (kramdown removes a well-formed list), keeping line breaks.
fn blank(buf: &mut [u8], span: Span) {
    for b in &mut buf[span.range()] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// A `{::name …}` or `{:/name}` tag at `start` (`rest` is the line after the `{`).
fn extension_tag(rest: &[u8], start: usize) -> Option<ExtensionTag> {
    let close_tag = rest.get(1) == Some(&b'/');
    let brace = memchr::memchr(b'}', rest)?;
    let name: Vec<u8> = rest[2..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .copied()
        .collect();
    let self_closed = !close_tag && rest[..brace].ends_with(b"/");
    let name = String::from_utf8(name).unwrap_or_default();
    Some(ExtensionTag {
        close_tag,
        self_closed,
        name,
        span: Span::new(start, start + 2 + brace),
    })
}

/// Pair opening and closing extension tags, as kramdown does: an opening tag of a name it
/// knows runs to the next `{:/name}` or `{:/}` (tags between are its text); with none, it is
/// left unclosed and reading goes on right after it. A name kramdown does not know opens
/// nothing. Tags in code and raw HTML must be left out first.
///
/// Also returns the stray closing tags: `{:/name}` or `{:/}` outside any extension, which
/// kramdown prints as text. A closing tag after an opening tag of a name kramdown does not
/// know is left out of them (that tag's finding covers its stop tag).
pub fn pair_extensions(tags: Vec<ExtensionTag>) -> (Vec<Extension>, Vec<Span>) {
    // Where the closing tags of each name are (the empty name: `{:/}`), to find the next one
    // without scanning.
    let mut closes: Vec<(&str, usize)> = tags
        .iter()
        .enumerate()
        .filter(|(_, t)| t.close_tag)
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    closes.sort_unstable();
    let next_close = |name: &str, after: usize| {
        let from = closes.partition_point(|&(n, i)| (n, i) <= (name, after));
        closes
            .get(from)
            .filter(|(n, _)| *n == name)
            .map(|&(_, i)| i)
    };
    let mut out: Vec<Extension> = Vec::new();
    let mut stray = Vec::new();
    let mut unknown_open = false;
    let mut i = 0;
    while i < tags.len() {
        let tag = &tags[i];
        i += 1;
        if tag.close_tag && !unknown_open {
            stray.push(tag.span);
        }
        if tag.close_tag || tag.name.is_empty() {
            continue;
        }
        let known = KNOWN_EXTENSIONS.contains(&tag.name.as_str());
        unknown_open |= !known && !tag.self_closed;
        let mut e = Extension {
            name: tag.name.clone(),
            open: tag.span,
            body: None,
            close: None,
            self_closed: tag.self_closed,
        };
        if !tag.self_closed && known {
            let close = match (next_close(&tag.name, i - 1), next_close("", i - 1)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let Some(c) = close {
                e.body = Some(Span::new(tag.span.end, tags[c].span.start));
                e.close = Some(tags[c].span);
                i = c + 1;
            }
        }
        out.push(e);
    }
    (out, stray)
}

/// Find attribute lists and extension tags in `buf`, masking the well-formed lists.
pub fn scan_attr_lists(buf: &mut [u8]) -> (Vec<AttrList>, Vec<ExtensionTag>) {
    let mut found = Vec::new();
    let mut tags = Vec::new();
    // A `{:` before this offset has no `}` before the end of its paragraph (known from an
    // earlier search), so it is unclosed without searching again.
    let mut unclosed_until = 0;
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'{', &buf[i..]) {
        let start = i + rel;
        i = start + 1;
        let line_end = memchr::memchr(b'\n', &buf[start..]).map_or(buf.len(), |n| start + n);
        let rest = &buf[start + 1..line_end];
        let attr = if rest.first() == Some(&b':') {
            // `{::…}` and `{:/…}` are kramdown extensions, not attribute lists.
            if matches!(rest.get(1), Some(b':') | Some(b'/')) {
                tags.extend(extension_tag(rest, start));
                continue;
            }
            if rest.len() < 2 {
                continue;
            }
            let (attr, to_paragraph_end) = colon_list(buf, start, line_end, unclosed_until);
            if to_paragraph_end {
                unclosed_until = paragraph_end(buf, start);
            }
            attr
        } else {
            match missing_colon_list(rest) {
                Some(len) => AttrList {
                    span: Span::new(start, start + 1 + len),
                    definition: false,
                    problem: Some(AttrProblem::MissingColon),
                },
                None => continue,
            }
        };
        if attr.problem.is_none()
            || matches!(attr.problem, Some(AttrProblem::UnbalancedQuote { .. }))
        {
            blank(buf, attr.span);
        }
        // After an unclosed list, look on right behind its `{:`: a later list may be fine.
        i = if attr.problem == Some(AttrProblem::Unclosed) {
            start + 2
        } else {
            attr.span.end.max(start + 1)
        };
        found.push(attr);
    }
    (found, tags)
}

/// `{:` at `start`: find the closing brace. Like kramdown, the list may run on to the next
/// lines of its paragraph, but not past a blank line, nor into a code span (a backtick ends
/// the search: kramdown reads the code span first). The flag says whether the search ran to
/// the end of the paragraph.
fn colon_list(
    buf: &[u8],
    start: usize,
    line_end: usize,
    unclosed_until: usize,
) -> (AttrList, bool) {
    let body_start = start + 2;
    let mut j = if start < unclosed_until {
        buf.len()
    } else {
        body_start
    };
    let (mut closed, mut code) = (false, false);
    while j < buf.len() {
        match buf[j] {
            b'\\' => j += 1,
            b'}' => {
                closed = true;
                break;
            }
            b'`' => {
                code = true;
                break;
            }
            b'\n' if blank_line_follows(buf, j + 1) => break,
            _ => {}
        }
        j += 1;
    }
    if !closed {
        let mut end = line_end;
        while end > start && buf[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        let attr = AttrList {
            span: Span::new(start, end),
            definition: false,
            problem: Some(AttrProblem::Unclosed),
        };
        return (attr, !code);
    }
    let body = &buf[body_start..j];
    let definition = is_definition(body);
    let problem = unbalanced_quote(body).map(|key| AttrProblem::UnbalancedQuote {
        key: Span::new(body_start + key.start, body_start + key.end),
    });
    let attr = AttrList {
        span: Span::new(start, j + 1),
        definition,
        problem,
    };
    (attr, false)
}

/// The offset of the blank line (or the end of the text) that ends the paragraph at `from`.
fn paragraph_end(buf: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(n) = memchr::memchr(b'\n', &buf[at..]) {
        at += n + 1;
        if blank_line_follows(buf, at) {
            return at;
        }
    }
    buf.len()
}

/// Whether the line starting at `from` is blank (or the text ends there).
fn blank_line_follows(buf: &[u8], from: usize) -> bool {
    buf[from.min(buf.len())..]
        .iter()
        .take_while(|b| **b != b'\n')
        .all(u8::is_ascii_whitespace)
}

/// `name:` at the start of the body makes `{:name: …}` a definition.
fn is_definition(body: &[u8]) -> bool {
    let name_len = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
        .count();
    name_len > 0 && body.get(name_len) == Some(&b':')
}

/// The span (within `body`) of the key whose quoted value is never closed.
fn unbalanced_quote(body: &[u8]) -> Option<Span> {
    let mut j = 0;
    while j < body.len() {
        if body[j] == b'=' && matches!(body.get(j + 1), Some(b'"') | Some(b'\'')) {
            let quote = body[j + 1];
            let mut k = j + 2;
            loop {
                match body.get(k) {
                    None => {
                        let key_start = body[..j]
                            .iter()
                            .rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))
                            .map_or(0, |p| p + 1);
                        return Some(Span::new(key_start, j));
                    }
                    Some(b'\\') => k += 2,
                    Some(&b) if b == quote => break,
                    Some(_) => k += 1,
                }
            }
            j = k + 1;
        } else {
            j += 1;
        }
    }
    None
}

/// `{` followed by attribute syntax (`.class`, `#id`, `key="v"`) and `}`, with no colon.
/// Returns the length after `{` up to and including `}`.
fn missing_colon_list(rest: &[u8]) -> Option<usize> {
    let mut j = attributes_len(rest);
    if j == 0 {
        return None;
    }
    while rest.get(j).is_some_and(|b| *b == b' ' || *b == b'\t') {
        j += 1;
    }
    (rest.get(j) == Some(&b'}')).then_some(j + 1)
}

/// Length of the leading run of attribute tokens in `body` (`.class`, `#id`, `key="value"`,
/// `key='value'`, separated by blanks); 0 when `body` does not start with one.
pub fn attributes_len(body: &[u8]) -> usize {
    let (mut i, mut end) = (0, 0);
    loop {
        while body.get(i).is_some_and(|b| *b == b' ' || *b == b'\t') {
            i += 1;
        }
        let token_end = match body.get(i) {
            Some(b'.' | b'#') if name_len(&body[i + 1..]) > 0 => i + 1 + name_len(&body[i + 1..]),
            Some(b) if b.is_ascii_alphabetic() => {
                let key_end = i + name_len(&body[i..]);
                let Some(&quote) = body
                    .get(key_end + 1)
                    .filter(|q| body[key_end] == b'=' && (**q == b'"' || **q == b'\''))
                else {
                    return end;
                };
                match body[key_end + 2..].iter().position(|b| *b == quote) {
                    Some(p) => key_end + 2 + p + 1,
                    None => return end,
                }
            }
            _ => return end,
        };
        if !matches!(body.get(token_end), None | Some(b' ' | b'\t' | b'}')) {
            return end;
        }
        end = token_end;
        i = token_end;
    }
}

fn name_len(s: &[u8]) -> usize {
    s.iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
        .count()
}
