//! The owned, `Send + Sync` model of one page: parsed once, read by every lint.

use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{parse_document, Arena, Options};

use crate::front_matter::{self, Split, YamlError, YamlNode};
use crate::scan::{self, AttrList, AttrProblem, Liquid};
use crate::span::{LineIndex, Span};

/// The front matter of a page as Jekyll sees it.
#[derive(Clone, Debug)]
pub enum FrontMatter {
    Absent,
    /// `---` with no closing line.
    Unclosed {
        opener: Span,
    },
    Closed {
        /// The whole block, delimiters included.
        span: Span,
        /// The YAML between the delimiters.
        yaml: Span,
        /// The mapping (or other root value); `Ok(None)` for an empty block.
        data: Result<Option<YamlNode>, YamlError>,
    },
}

impl FrontMatter {
    /// The parsed mapping, when the block is closed and valid.
    pub fn data(&self) -> Option<&YamlNode> {
        match self {
            FrontMatter::Closed { data: Ok(d), .. } => d.as_ref(),
            _ => None,
        }
    }

    /// End of the front matter block (0 when there is none): where the body starts.
    pub fn end(&self) -> usize {
        match self {
            FrontMatter::Closed { span, .. } => span.end,
            _ => 0,
        }
    }
}

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
    /// For a reference link: the index of its definition in [`Document::definitions`].
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

#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub span: Span,
    pub setext: bool,
    /// The text as rendered (markup removed, entities and escapes decoded, `--` as a dash):
    /// what kramdown's GFM parser makes the id from.
    pub text: String,
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

#[derive(Clone, Debug)]
pub struct AttributeList {
    pub span: Span,
    pub definition: bool,
    pub problem: Option<AttrProblem>,
    pub placement: Placement,
}

// The document crosses threads (rayon tasks, the site pass): keep it owned and shareable.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Document>();
    send_sync::<crate::site_index::PageFacts>();
};

/// One parsed page. Built once by [`Document::parse`], then only read.
#[derive(Debug)]
pub struct Document {
    text: String,
    pub lines: LineIndex,
    pub front_matter: FrontMatter,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Leaf blocks of inline text (paragraphs, headings, table cells), in source order.
    pub blocks: Vec<Span>,
    /// Code spans, code blocks and raw HTML, in source order: text no lint should read as Markdown.
    pub verbatim: Vec<Span>,
    pub liquid: Vec<Liquid>,
    pub attr_lists: Vec<AttributeList>,
    /// Raw HTML (blocks and inline tags), in source order.
    pub html: Vec<Span>,
    /// Link reference definitions, in source order.
    pub definitions: Vec<Definition>,
    /// (end, index into `links`), sorted: finds the link that ends at an offset.
    link_ends: Vec<(usize, usize)>,
}

fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options
}

impl Document {
    /// Parse `text` (the file exactly as read).
    pub fn parse(text: String) -> Document {
        let lines = LineIndex::new(&text);
        let front_matter = match front_matter::split(&text) {
            Split::Absent => FrontMatter::Absent,
            Split::Unclosed { opener } => FrontMatter::Unclosed { opener },
            Split::Closed { span, yaml } => FrontMatter::Closed {
                span,
                yaml,
                data: front_matter::parse_yaml(&text[yaml.range()], yaml.start),
            },
        };
        let blank = match &front_matter {
            FrontMatter::Closed { span, .. } => Some(*span),
            _ => None,
        };
        let scanned = scan::scan(&text, blank);
        let mut doc = Document {
            lines,
            front_matter,
            links: Vec::new(),
            headings: Vec::new(),
            blocks: Vec::new(),
            verbatim: Vec::new(),
            liquid: scanned.liquid,
            attr_lists: Vec::new(),
            link_ends: Vec::new(),
            html: Vec::new(),
            definitions: Vec::new(),
            text: String::new(),
        };
        doc.verbatim.extend(
            doc.liquid
                .iter()
                .filter(|l| l.kind == scan::LiquidKind::Highlight)
                .map(|l| l.span),
        );
        let arena = Arena::new();
        let root = parse_document(&arena, &scanned.masked, &comrak_options());
        doc.collect(root, scanned.masked.as_bytes());
        doc.text = text;
        doc.place_attr_lists(scanned.attr_lists);
        doc
    }

    /// The file exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// True when `span` lies in code or raw HTML.
    pub fn in_verbatim(&self, span: Span) -> bool {
        let i = self.verbatim.partition_point(|v| v.start <= span.start);
        self.verbatim[..i]
            .iter()
            .rev()
            .take(8)
            .any(|v| v.covers(span))
    }

    /// True when `offset` is in Liquid syntax (a tag or output, a comment, a highlight
    /// block), not in the Markdown text between `{% raw %}` and `{% endraw %}`.
    pub fn in_liquid(&self, offset: usize) -> bool {
        // Liquid nodes are in source order and never overlap.
        let i = self.liquid.partition_point(|l| l.span.start <= offset);
        self.liquid[..i].last().is_some_and(|l| {
            l.span.contains(offset)
                && !(l.kind == scan::LiquidKind::Raw && l.inner.contains(offset))
        })
    }

    /// The leaf block (paragraph, heading, table cell) containing `offset`.
    pub fn block_at(&self, offset: usize) -> Option<Span> {
        let i = self.blocks.partition_point(|b| b.start <= offset);
        self.blocks[..i]
            .iter()
            .rev()
            .take(4)
            .find(|b| b.contains(offset))
            .copied()
    }

    /// The link or image whose construct ends exactly at `offset`.
    pub fn link_ending_at(&self, offset: usize) -> Option<&Link> {
        let i = self.link_ends.partition_point(|&(end, _)| end < offset);
        self.link_ends
            .get(i)
            .filter(|&&(end, _)| end == offset)
            .map(|&(_, index)| &self.links[index])
    }

    /// How many `open` characters (`(`, `[`) are left unclosed between the start of the block
    /// that holds `upto` and `upto`, not counting code, link destinations and Liquid.
    pub fn unclosed_before(&self, upto: usize, open: u8, close: u8) -> usize {
        let Some(block) = self.block_at(upto) else {
            return 0;
        };
        let range = Span::new(block.start, upto);
        let mut skip: Vec<Span> = Self::starting_in(&self.verbatim, |s| s.start, range)
            .iter()
            .copied()
            .chain(
                Self::starting_in(&self.links, |l| l.span.start, range)
                    .iter()
                    .filter_map(|l| l.parens),
            )
            .chain(
                Self::starting_in(&self.liquid, |l| l.span.start, range)
                    .iter()
                    .map(|l| l.span),
            )
            .collect();
        skip.sort_unstable_by_key(|s| s.start);
        let bytes = self.text.as_bytes();
        let (mut depth, mut i, mut next) = (0usize, block.start, 0);
        while i < upto {
            if let Some(s) = skip.get(next).filter(|s| s.start <= i) {
                i = i.max(s.end);
                next += 1;
                continue;
            }
            if bytes[i] == open {
                depth += 1;
            } else if bytes[i] == close {
                depth = depth.saturating_sub(1);
            }
            i += 1;
        }
        depth
    }

    /// Items of `items` (sorted by start) that start inside `range`.
    pub fn starting_in<T>(items: &[T], start_of: impl Fn(&T) -> usize, range: Span) -> &[T] {
        let from = items.partition_point(|t| start_of(t) < range.start);
        let to = items.partition_point(|t| start_of(t) < range.end);
        &items[from..to.max(from)]
    }

    /// Byte offset of a comrak line/column (1-based, byte columns).
    fn offset_of(&self, line: usize, column: usize, len: usize) -> Option<usize> {
        if line == 0 || column == 0 || line > self.lines.line_count() {
            return None;
        }
        let at = self.lines.line_start(line) + column - 1;
        (at <= len).then_some(at)
    }

    fn span_of(&self, pos: Sourcepos, masked: &[u8]) -> Option<Span> {
        let start = self.offset_of(pos.start.line, pos.start.column, masked.len())?;
        let end = self
            .offset_of(pos.end.line, pos.end.column, masked.len())
            .map_or(masked.len(), |e| (e + 1).min(masked.len()));
        if start > end || !is_boundary(masked, start) || !is_boundary(masked, end) {
            return None;
        }
        Some(Span::new(start, end))
    }

    /// comrak reports some inline positions wrongly: an escaped `|` in a table cell moves the
    /// nodes after it one byte left, and a line break inside a link destination, or reference
    /// definitions opening a paragraph, move later nodes up by a line or more. Try the reported
    /// start first (a column past the end of its line is read on into the next lines, which
    /// is right after a line break in a destination), then the same column a few lines down
    /// and a few bytes right, and keep the first place where `read` recognises the node.
    fn locate<T>(
        &self,
        pos: Sourcepos,
        len: usize,
        read: impl Fn(usize) -> Option<T>,
    ) -> Option<T> {
        for down in 0..=4 {
            for right in 0..=8 {
                let line = pos.start.line + down;
                let Some(at) = self.offset_of(line, pos.start.column + right, len) else {
                    continue;
                };
                if let Some(found) = read(at) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn collect<'a>(&mut self, root: &'a AstNode<'a>, masked: &[u8]) {
        for node in root.descendants() {
            let ast = node.data.borrow();
            let pos = ast.sourcepos;
            match &ast.value {
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    let image = matches!(ast.value, NodeValue::Image(_));
                    let found = self.locate(pos, masked.len(), |at| {
                        read_link(masked, at, image, &link.url)
                    });
                    if let Some(link) = found {
                        self.links.push(link);
                    }
                }
                NodeValue::Code(_) => {
                    let found = self.locate(pos, masked.len(), |at| code_span_at(masked, at));
                    self.verbatim.extend(found);
                }
                NodeValue::HtmlInline(html) => {
                    let found = self.locate(pos, masked.len(), |at| {
                        masked[at..]
                            .starts_with(html.as_bytes())
                            .then(|| Span::new(at, at + html.len()))
                    });
                    self.verbatim.extend(found);
                    self.html.extend(found);
                }
                NodeValue::Heading(h) => {
                    if let Some(span) = self.span_of(pos, masked) {
                        let mut text = String::new();
                        rendered_text(node, &mut text);
                        self.headings.push(Heading {
                            level: h.level,
                            span,
                            setext: h.setext,
                            text,
                        });
                        self.blocks.push(span);
                    }
                }
                NodeValue::Paragraph | NodeValue::TableCell => {
                    self.blocks.extend(self.span_of(pos, masked));
                }
                NodeValue::CodeBlock(_) => {
                    self.verbatim.extend(self.span_of(pos, masked));
                }
                NodeValue::HtmlBlock(_) => {
                    if let Some(span) = self.span_of(pos, masked) {
                        self.verbatim.push(span);
                        self.html.push(span);
                    }
                }
                _ => {}
            }
        }
        self.blocks.sort_unstable_by_key(|s| s.start);
        self.verbatim.sort_unstable_by_key(|s| s.start);
        self.html.sort_unstable_by_key(|s| s.start);
        self.links.sort_unstable_by_key(|l| l.span.start);
        self.links.dedup_by_key(|l| l.span.start);
        self.definitions = definitions(masked, &self.verbatim);
        for link in self
            .links
            .iter_mut()
            .filter(|l| l.kind == LinkKind::Reference)
        {
            let label = reference_label(&masked[link.span.range()]);
            link.definition = self.definitions.iter().position(|d| d.label == label);
        }
        self.link_ends = self
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.span.end, i))
            .collect();
        self.link_ends.sort_unstable();
    }

    fn place_attr_lists(&mut self, found: Vec<AttrList>) {
        let bytes = self.text.as_bytes();
        for a in found {
            // The opening brace decides: an unclosed list runs on past the code it starts in.
            if self.in_verbatim(Span::new(a.span.start, a.span.start + 1)) {
                continue;
            }
            let line = self
                .lines
                .line_span(&self.text, self.lines.line_of(a.span.start));
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
            self.attr_lists.push(AttributeList {
                span: a.span,
                definition: a.definition,
                problem: a.problem,
                placement,
            });
        }
    }
}

/// The text of an inline subtree as rendered: text and code kept, markup and images dropped,
/// `---`, `--`, `...`, `<<` and `>>` turned into kramdown's typographic symbols outside code
/// (`<< ` and ` >>` take their blank with them, as in kramdown).
fn rendered_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::Text(t) => {
                let t = t.replace("---", "\u{2014}").replace("--", "\u{2013}");
                let t = t
                    .replace("...", "\u{2026}")
                    .replace("<< ", "\u{ab}")
                    .replace(" >>", "\u{bb}");
                out.push_str(&t.replace("<<", "\u{ab}").replace(">>", "\u{bb}"))
            }
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::Image(_) | NodeValue::HtmlInline(_) => {}
            _ => rendered_text(child, out),
        }
    }
}

/// CommonMark's label matching: case-folded, inner blanks collapsed.
fn normalize_label(label: &[u8]) -> String {
    String::from_utf8_lossy(label)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The label a reference link `[text][label]`, `[label][]` or `[label]` refers to.
fn reference_label(link: &[u8]) -> String {
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
fn definitions(src: &[u8], verbatim: &[Span]) -> Vec<Definition> {
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

fn is_boundary(bytes: &[u8], i: usize) -> bool {
    i >= bytes.len() || (bytes[i] as i8) >= -0x40
}

/// Read the link or image that starts at `at` in the (masked) source: its extent, kind and,
/// for inline links, the destination exactly as written. `None` when no such link starts
/// there (comrak's position was off) or its destination does not match comrak's `url`.
fn read_link(src: &[u8], at: usize, image: bool, url: &str) -> Option<Link> {
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
fn code_span_at(src: &[u8], at: usize) -> Option<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_their_written_destination() {
        let text =
            "---\ntitle: x\n---\nSee [a](dir\\b_c) and ![i](<x y.png>) and [r][1].\n\n[1]: /x\n";
        let doc = Document::parse(text.to_string());
        assert_eq!(doc.links.len(), 3);
        let a = &doc.links[0];
        assert_eq!(a.kind, LinkKind::Inline);
        assert_eq!(doc.slice(a.dest.unwrap()), "dir\\b_c");
        assert_eq!(doc.slice(a.span), "[a](dir\\b_c)");
        assert!(doc.links[1].image);
        assert_eq!(doc.slice(doc.links[1].dest.unwrap()), "x y.png");
        assert_eq!(doc.links[2].kind, LinkKind::Reference);
    }

    #[test]
    fn multibyte_text_and_crlf_keep_spans_exact() {
        let text = "Ünïcødé [a](b\\c)\r\n\r\n日本 [d](e)\r\n";
        let doc = Document::parse(text.to_string());
        let got: Vec<&str> = doc.links.iter().map(|l| doc.slice(l.span)).collect();
        assert_eq!(got, ["[a](b\\c)", "[d](e)"]);
    }

    #[test]
    fn attribute_lists_in_code_are_ignored() {
        let text = "`{:x}` and\n\n```\n{: .a }\n```\n\n[a](b){: .c }\n";
        let doc = Document::parse(text.to_string());
        assert_eq!(doc.attr_lists.len(), 1);
        assert_eq!(doc.attr_lists[0].placement, Placement::Glued);
    }

    #[test]
    fn autolinks_are_found_with_their_text() {
        let text =
            "Auto <https://a.example/x> and https://b.example/y, www.c.example and me@d.example.\n";
        let doc = Document::parse(text.to_string());
        let got: Vec<&str> = doc.links.iter().map(|l| doc.slice(l.span)).collect();
        assert_eq!(
            got,
            [
                "<https://a.example/x>",
                "https://b.example/y",
                "www.c.example",
                "me@d.example"
            ]
        );
        assert!(doc.links.iter().all(|l| l.kind == LinkKind::Autolink));
    }
}
