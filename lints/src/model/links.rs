//! Links, images, code spans and link reference definitions, read from the (masked) source
//! at the places comrak reports: the byte-level half of the lowering, with no comrak in it.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](destination "title")`
    Inline,
    /// `[text][label]`, `[label][]`, `[label]`
    Reference,
    /// `<https://…>` or a bare GFM autolink.
    Autolink,
}

/// A link or image.
#[derive(Clone, Debug)]
pub struct Link {
    pub kind: LinkKind,
    pub image: bool,
    /// The whole construct, `[`/`![` to `)`.
    pub span: Span,
    /// The destination as comrak decoded it (escapes and entities resolved).
    pub url: String,
    /// The destination exactly as written (inline links only; `<` `>` excluded).
    pub dest: Option<Span>,
    /// From `(` to `)` of an inline link.
    pub parens: Option<Span>,
    /// For a reference link: the index of its definition in [`crate::document::Document::definitions`].
    pub definition: Option<usize>,
}

/// A link reference definition: `[label]: destination "title"`.
#[derive(Clone, Debug)]
pub struct Definition {
    /// The label, normalised as CommonMark matches labels (case-folded, blanks collapsed).
    pub label: String,
    /// The destination exactly as written (`<` `>` excluded).
    pub dest: Span,
}

/// CommonMark's label matching: case-folded, inner blanks collapsed.
pub(crate) fn normalize_label(label: &[u8]) -> String {
    String::from_utf8_lossy(label)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The label a reference link `[text][label]`, `[label][]` or `[label]` refers to.
pub(crate) fn reference_label(link: &[u8]) -> String {
    let open = usize::from(link.first() == Some(&b'!'));
    let close = matching_bracket(link, open).unwrap_or(link.len().saturating_sub(1));
    let rest = &link[close + 1..];
    if rest.len() > 2 && rest[0] == b'[' {
        normalize_label(&rest[1..rest.len() - 1])
    } else {
        normalize_label(&link[open + 1..close])
    }
}

/// Link reference definitions (`[label]: destination`) outside code, from the masked text.
pub(crate) fn definitions(src: &[u8], verbatim: &[Span]) -> Vec<Definition> {
    let mut found = Vec::new();
    let mut start = 0;
    while start < src.len() {
        let end = memchr::memchr(b'\n', &src[start..]).map_or(src.len(), |i| start + i);
        if let Some(d) = definition_at(src, start, end) {
            let inside = verbatim.iter().any(|v| v.contains(start + 1));
            if !inside {
                found.push(d);
            }
        }
        start = end + 1;
    }
    found
}

fn definition_at(src: &[u8], start: usize, end: usize) -> Option<Definition> {
    let line = &src[start..end];
    let indent = line.iter().take_while(|b| **b == b' ').count();
    // Blockquote markers may stand before a definition.
    let mut i = indent;
    while line.get(i) == Some(&b'>') {
        i += 1;
        while line.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    if indent > 3 || line.get(i) != Some(&b'[') {
        return None;
    }
    let close = i + line[i..].iter().position(|b| *b == b']')?;
    if line.get(close + 1) != Some(&b':') || close == i + 1 {
        return None;
    }
    let label = normalize_label(&line[i + 1..close]);
    let mut d = close + 2;
    while line.get(d).is_some_and(|b| *b == b' ' || *b == b'\t') {
        d += 1;
    }
    let (from, to) = if line.get(d) == Some(&b'<') {
        let gt = d + 1 + line[d + 1..].iter().position(|b| *b == b'>')?;
        (d + 1, gt)
    } else {
        let n = line[d..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace())
            .count();
        (d, d + n)
    };
    (to > from).then(|| Definition {
        label,
        dest: Span::new(start + from, start + to),
    })
}

/// Read the link or image that starts at `at` in the (masked) source: its extent, kind and,
/// for inline links, the destination exactly as written. `None` when no such link starts
/// there (comrak's position was off) or its destination does not match comrak's `url`.
pub(crate) fn read_link(src: &[u8], at: usize, image: bool, url: &str) -> Option<Link> {
    let s = &src[at..];
    let open = usize::from(image);
    if image && !s.starts_with(b"![") {
        return None;
    }
    let mut link = Link {
        kind: LinkKind::Autolink,
        image,
        span: Span::empty(at),
        url: url.to_string(),
        dest: None,
        parens: None,
        definition: None,
    };
    if s.get(open) != Some(&b'[') {
        // `<https://…>` or a bare GFM autolink: its text is the URL (comrak adds `mailto:` to
        // an email address and `http://` to `www.`).
        if image {
            return None;
        }
        let bracketed = s.first() == Some(&b'<');
        let (text, len) = if bracketed {
            let end = memchr::memchr(b'>', s)?;
            (&s[1..end], end + 1)
        } else {
            let shown = url
                .strip_prefix("mailto:")
                .or_else(|| {
                    url.strip_prefix("http://")
                        .filter(|u| u.starts_with("www."))
                })
                .unwrap_or(url);
            let n = shown.len().min(s.len());
            (&s[..n], n)
        };
        let text = std::str::from_utf8(text).ok()?;
        let same = url == text
            || url.strip_prefix("mailto:") == Some(text)
            || url.strip_prefix("http://") == Some(text);
        if !same {
            return None;
        }
        link.span = Span::new(at, at + len);
        return Some(link);
    }
    let close = matching_bracket(s, open)?;
    if s.get(close + 1) != Some(&b'(') {
        link.kind = LinkKind::Reference;
        let end = if s.get(close + 1) == Some(&b'[') {
            close + 1 + memchr::memchr(b']', &s[close + 1..])? + 1
        } else {
            close + 1
        };
        link.span = Span::new(at, at + end);
        return Some(link);
    }
    link.kind = LinkKind::Inline;
    let paren = at + close + 1;
    let (dest, end) = inline_tail(src, paren + 1)?;
    if !same_destination(&src[dest.range()], url) {
        return None;
    }
    link.span = Span::new(at, end);
    link.parens = Some(Span::new(paren, end));
    link.dest = Some(dest);
    Some(link)
}

/// Whether the destination as written decodes to comrak's `url` (entities are not decoded
/// here, so a destination holding `&` is taken on trust).
fn same_destination(raw: &[u8], url: &str) -> bool {
    if raw.contains(&b'&') {
        return true;
    }
    let mut decoded = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && raw.get(i + 1).is_some_and(u8::is_ascii_punctuation) {
            i += 1;
        }
        decoded.push(raw[i]);
        i += 1;
    }
    decoded == url.as_bytes()
}

/// A code span starting at `at`: a run of backticks closed by a run of the same length
/// before the paragraph ends.
pub(crate) fn code_span_at(src: &[u8], at: usize) -> Option<Span> {
    let run = src[at..].iter().take_while(|b| **b == b'`').count();
    if run == 0 {
        return None;
    }
    let mut i = at + run;
    while i < src.len() {
        match src[i] {
            b'`' => {
                let n = src[i..].iter().take_while(|b| **b == b'`').count();
                if n == run {
                    return Some(Span::new(at, i + n));
                }
                i += n;
            }
            b'\n' if ends_paragraph(src, i) => return None,
            _ => i += 1,
        }
    }
    None
}

/// Whether the line break at `nl` is followed by a blank line.
fn ends_paragraph(src: &[u8], nl: usize) -> bool {
    src[nl + 1..]
        .iter()
        .take_while(|b| **b != b'\n')
        .all(u8::is_ascii_whitespace)
}

/// Index of the `]` matching the `[` at `open`, skipping escapes and code spans; `None` when
/// a blank line (the end of the paragraph) comes first.
fn matching_bracket(s: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'\\' => i += 1,
            b'\n' if ends_paragraph(s, i) => return None,
            b'`' => match code_span_at(s, i) {
                Some(span) => i = span.end - 1,
                None => i += s[i..].iter().take_while(|b| **b == b'`').count() - 1,
            },
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// After the `(` of an inline link at `from`: the destination as written and the end of the
/// construct (after `)`). Allows one line break around the destination and a title.
fn inline_tail(src: &[u8], from: usize) -> Option<(Span, usize)> {
    let mut i = skip_space(src, from);
    let dest = if src.get(i) == Some(&b'<') {
        let end = i
            + 1
            + src[i + 1..]
                .iter()
                .position(|b| *b == b'>' || *b == b'\n')?;
        if src[end] != b'>' {
            return None;
        }
        let d = Span::new(i + 1, end);
        i = end + 1;
        d
    } else {
        let start = i;
        let mut depth = 0usize;
        while i < src.len() {
            match src[i] {
                b'\\' if src.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
                _ => {}
            }
            i += 1;
        }
        Span::new(start, i.min(src.len()))
    };
    i = skip_space(src, i);
    if let Some(&q) = src.get(i).filter(|q| matches!(q, b'"' | b'\'' | b'(')) {
        let close = if q == b'(' { b')' } else { q };
        i += 1;
        while i < src.len() && src[i] != close {
            i += if src[i] == b'\\' { 2 } else { 1 };
        }
        i = skip_space(src, i + 1);
    }
    (src.get(i) == Some(&b')')).then_some((dest, i + 1))
}

/// Skip spaces and tabs and at most one line break.
fn skip_space(src: &[u8], mut i: usize) -> usize {
    let mut newline = false;
    while let Some(&b) = src.get(i) {
        match b {
            b' ' | b'\t' | b'\r' => {}
            b'\n' if !newline => newline = true,
            _ => break,
        }
        i += 1;
    }
    i
}
