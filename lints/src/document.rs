//! The owned, `Send + Sync` model of one page: parsed once, read by every lint.
//!
//! The page's flat tables (links, headings, blocks, code, Liquid, attribute lists) stand
//! beside its [`Tree`] (every block and inline node, see [`crate::model`]).

use std::sync::OnceLock;

use crate::front_matter::{self, Split, YamlError, YamlNode};
use crate::model::kramdown;
pub use crate::model::kramdown::{AttributeList, Extension, Placement};
pub use crate::model::links::{Definition, Link, LinkKind};
use crate::model::lower;
pub use crate::model::Heading;
use crate::model::{Kind, LineTable, Tree};
use crate::scan::{self, Liquid};
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

// The document crosses threads (rayon tasks, the site pass): keep it owned and shareable.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Document>();
};

/// One parsed page. Built once by [`Document::parse`], then only read.
#[derive(Debug)]
pub struct Document {
    text: String,
    pub lines: LineIndex,
    pub front_matter: FrontMatter,
    /// The page as a tree: every block and inline node, with side tables.
    pub tree: Tree,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Leaf blocks of inline text (paragraphs, headings, table cells), in source order.
    pub blocks: Vec<Span>,
    /// Code spans, code blocks and raw HTML, in source order: text no lint should read as Markdown.
    pub verbatim: Vec<Span>,
    pub liquid: Vec<Liquid>,
    pub attr_lists: Vec<AttributeList>,
    /// kramdown extensions (`{::comment}` … `{:/comment}`, `{::nomarkdown}`, …).
    pub extensions: Vec<Extension>,
    /// Closing extension tags (`{:/comment}`, `{:/}`) that close nothing: kramdown prints
    /// them as text ([`kramdown::pair_extensions`]).
    pub stray_extension_closes: Vec<Span>,
    /// Raw HTML (blocks and inline tags), in source order.
    pub html: Vec<Span>,
    /// Link reference definitions, in source order.
    pub definitions: Vec<Definition>,
    /// Regions of a very large page left unparsed: no place to cut them into pieces small
    /// enough for the parser (see `model::pieces`). Nothing in them is in the tree.
    pub unparsed: Vec<Span>,
    /// `reach[i]`: the furthest end among `verbatim[..=i]`: whether any span starting at or
    /// before an offset covers a range is one binary search.
    verbatim_reach: Vec<usize>,
    /// (end, index into `links`), sorted: finds the link that ends at an offset.
    link_ends: Vec<(usize, usize)>,
    /// The `{::comment}` and `{::nomarkdown}` extensions (tags included), sorted by start,
    /// with the furthest end so far: what kramdown does not read as Markdown.
    hidden: Vec<(Span, usize)>,
    line_table: OnceLock<LineTable>,
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
        let highlights = scanned
            .liquid
            .iter()
            .filter(|l| l.kind == scan::LiquidKind::Highlight)
            .map(|l| l.span)
            .collect();
        let lowered = lower::lower(&scanned.masked, &lines, highlights);
        let mut link_ends: Vec<(usize, usize)> = lowered
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| (l.span.end, i))
            .collect();
        link_ends.sort_unstable();
        let verbatim_reach = lowered
            .verbatim
            .iter()
            .scan(0, |reach, v| {
                *reach = v.end.max(*reach);
                Some(*reach)
            })
            .collect();
        let mut doc = Document {
            lines,
            front_matter,
            tree: lowered.tree,
            links: lowered.links,
            headings: lowered.headings,
            blocks: lowered.blocks,
            verbatim: lowered.verbatim,
            liquid: scanned.liquid,
            attr_lists: Vec::new(),
            extensions: Vec::new(),
            stray_extension_closes: Vec::new(),
            html: lowered.html,
            definitions: lowered.definitions,
            unparsed: lowered.unparsed,
            verbatim_reach,
            link_ends,
            hidden: Vec::new(),
            line_table: OnceLock::new(),
            text,
        };
        doc.attr_lists = kramdown::place(&doc.text, &doc.lines, scanned.attr_lists, |s| {
            doc.in_verbatim(s)
        });
        doc.attach_attr_lists();
        // A tag shown in code is no tag: pair only the others (raw HTML is left in: comrak
        // ends an HTML block where kramdown, which reads the extension first, does not).
        let code = [Kind::CodeBlock, Kind::CodeSpan];
        let tags: Vec<_> = scanned
            .extension_tags
            .into_iter()
            .filter(|t| doc.tree.innermost_of(t.span.start, &code).is_none())
            .collect();
        (doc.extensions, doc.stray_extension_closes) = kramdown::pair_extensions(tags);
        let mut hidden: Vec<Span> = doc
            .extensions
            .iter()
            .filter(|e| matches!(e.name.as_str(), "comment" | "nomarkdown"))
            .map(|e| e.span())
            .collect();
        hidden.sort_unstable();
        doc.hidden = hidden
            .into_iter()
            .scan(0, |reach, span| {
                *reach = span.end.max(*reach);
                Some((span, *reach))
            })
            .collect();
        doc
    }

    /// True when `offset` is in a `{::comment}` or `{::nomarkdown}` extension, its tags
    /// included: text kramdown does not publish as Markdown.
    pub fn in_hidden_extension(&self, offset: usize) -> bool {
        let i = self.hidden.partition_point(|(s, _)| s.start <= offset);
        i > 0 && self.hidden[i - 1].1 > offset
    }

    /// The file exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file exactly as read, taken back when the document is no longer needed.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The text of `span`.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// True when `span` lies in code or raw HTML.
    pub fn in_verbatim(&self, span: Span) -> bool {
        let i = self.verbatim.partition_point(|v| v.start <= span.start);
        i > 0 && self.verbatim_reach[i - 1] >= span.end
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

    /// True when `offset` is in the text between `{% raw %}` and `{% endraw %}`, where Jekyll
    /// prints Liquid as written.
    pub fn in_liquid_raw(&self, offset: usize) -> bool {
        let i = self.liquid.partition_point(|l| l.span.start <= offset);
        self.liquid[..i]
            .last()
            .is_some_and(|l| l.kind == scan::LiquidKind::Raw && l.inner.contains(offset))
    }

    /// True when `offset` is not Markdown content for the style rules: the front matter,
    /// Liquid syntax, or the body of a kramdown `{::comment}` or `{::nomarkdown}` extension
    /// (tags included).
    pub fn outside_markdown(&self, offset: usize) -> bool {
        offset < self.front_matter.end()
            || self.in_liquid(offset)
            || self.in_hidden_extension(offset)
    }

    /// The leaf block (paragraph, heading, table cell) containing `offset`.
    pub fn block_at(&self, offset: usize) -> Option<Span> {
        const LEAVES: [Kind; 3] = [Kind::Paragraph, Kind::Heading, Kind::TableCell];
        let i = self.blocks.partition_point(|b| b.start <= offset);
        let last = *self.blocks[..i].last()?;
        if last.contains(offset) {
            return Some(last);
        }
        // Leaf blocks do not nest: only a misplaced one can hide the right one; ask the tree.
        let node = self.tree.innermost_of(offset, &LEAVES)?;
        let span = self.tree.span(node);
        self.blocks[..i].binary_search(&span).ok().map(|_| span)
    }

    /// The per-line table (span, indent, context, nesting), built on the first call.
    pub fn line_table(&self) -> &LineTable {
        self.line_table.get_or_init(|| {
            let front = match &self.front_matter {
                FrontMatter::Closed { span, .. } => Some(*span),
                FrontMatter::Unclosed { .. } | FrontMatter::Absent => None,
            };
            let raw: Vec<Span> = self
                .liquid
                .iter()
                .filter(|l| l.kind == scan::LiquidKind::Raw)
                .map(|l| l.inner)
                .collect();
            LineTable::build(&self.text, &self.lines, &self.tree, front, &raw)
        })
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
        self.unclosed(open, close).before(upto)
    }

    /// A counter of unclosed `open` characters that answers questions asked in source order
    /// in linear time overall: it resumes where the last question stopped in the same block.
    pub fn unclosed(&self, open: u8, close: u8) -> Unclosed<'_> {
        Unclosed {
            doc: self,
            open,
            close,
            block: None,
            skip: Vec::new(),
            next: 0,
            at: 0,
            depth: 0,
        }
    }

    /// Items of `items` (sorted by start) that start inside `range`.
    pub fn starting_in<T>(items: &[T], start_of: impl Fn(&T) -> usize, range: Span) -> &[T] {
        let from = items.partition_point(|t| start_of(t) < range.start);
        let to = items.partition_point(|t| start_of(t) < range.end);
        &items[from..to.max(from)]
    }

    /// Give each heading the attribute list on its line or alone on the next line.
    fn attach_attr_lists(&mut self) {
        for h in &mut self.headings {
            let line = self
                .lines
                .line_of(h.span.end.saturating_sub(1).max(h.span.start));
            let own = self.lines.line_span(&self.text, line);
            let next = self.lines.line_span(&self.text, line + 1);
            let next = (line < self.lines.line_count()).then_some(next);
            // Only lists starting on the heading's line or the next can be its own.
            let lines = Span::new(own.start, next.map_or(own.end, |n| n.end));
            let from = self
                .attr_lists
                .partition_point(|a| a.span.start < lines.start);
            h.attr_list = Document::starting_in(&self.attr_lists, |a| a.span.start, lines)
                .iter()
                .position(|a| {
                    own.covers(a.span)
                        || next.is_some_and(|n| n.covers(a.span) && a.placement == Placement::Block)
                })
                .map(|k| from + k);
        }
    }
}

/// See [`Document::unclosed`].
pub struct Unclosed<'d> {
    doc: &'d Document,
    open: u8,
    close: u8,
    /// The block scanned so far, its spans not to count (sorted by start), the next of them,
    /// where the scan stopped and the depth there.
    block: Option<Span>,
    skip: Vec<Span>,
    next: usize,
    at: usize,
    depth: usize,
}

impl Unclosed<'_> {
    /// How many `open` characters are left unclosed between the start of the block that holds
    /// `upto` and `upto`.
    pub fn before(&mut self, upto: usize) -> usize {
        let doc = self.doc;
        let Some(block) = doc.block_at(upto) else {
            return 0;
        };
        if self.block != Some(block) || upto < self.at {
            self.restart(block);
        }
        let bytes = doc.text.as_bytes();
        while self.at < upto {
            if let Some(s) = self.skip.get(self.next).filter(|s| s.start <= self.at) {
                self.at = self.at.max(s.end);
                self.next += 1;
                continue;
            }
            if bytes[self.at] == self.open {
                self.depth += 1;
            } else if bytes[self.at] == self.close {
                self.depth = self.depth.saturating_sub(1);
            }
            self.at += 1;
        }
        self.depth
    }

    fn restart(&mut self, block: Span) {
        let doc = self.doc;
        let mut skip: Vec<Span> = Document::starting_in(&doc.verbatim, |s| s.start, block)
            .iter()
            .copied()
            .chain(
                Document::starting_in(&doc.links, |l| l.span.start, block)
                    .iter()
                    .filter_map(|l| l.parens),
            )
            .chain(
                Document::starting_in(&doc.liquid, |l| l.span.start, block)
                    .iter()
                    .map(|l| l.span),
            )
            .collect();
        skip.sort_unstable_by_key(|s| s.start);
        *self = Unclosed {
            block: Some(block),
            skip,
            next: 0,
            at: block.start,
            depth: 0,
            ..*self
        };
    }
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
