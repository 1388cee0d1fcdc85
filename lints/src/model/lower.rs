//! The lowering: parse the masked text with comrak once and turn its AST into the owned
//! [`Tree`] and the page's flat tables. The only module that names comrak.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, ListDelimType, ListType, NodeValue, Sourcepos, TableAlignment};
use comrak::options::{BrokenLinkCallback, BrokenLinkReference};
use comrak::{parse_document, Arena, Options, ResolvedReference};
use std::collections::HashMap;
use std::sync::Arc;

use super::links::{self, Definition, Link, LinkKind};
use super::side::{Alignment, CodeBlock, Heading, HeadingInfo, Item, List, Row, Table};
use super::source_spans::{closing_hashes, is_boundary, line_end, split_cells, trim};
use super::{pieces, Kind, Node, NodeId, Tree};
use crate::span::{LineIndex, Span};

/// What one pass over comrak's AST gives.
pub(crate) struct Lowered {
    pub tree: Tree,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
    /// Leaf blocks of inline text (paragraphs, headings, table cells), sorted by start.
    pub blocks: Vec<Span>,
    /// Code and raw HTML (plus `extra_verbatim`), sorted by start.
    pub verbatim: Vec<Span>,
    pub html: Vec<Span>,
    pub definitions: Vec<Definition>,
    /// Regions of a very large page too large to parse (see [`pieces`]), in order.
    pub unparsed: Vec<Span>,
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

/// Parse `masked` (same length and lines as the page) and lower it. `extra_verbatim` (the
/// Liquid highlight blocks) joins the code spans. A very large page is parsed a piece at a
/// time (see [`pieces`]), so that comrak's arena holds one piece at once.
pub(crate) fn lower(masked: &str, lines: &LineIndex, extra_verbatim: Vec<Span>) -> Lowered {
    lower_in(masked, lines, extra_verbatim, pieces::PIECE)
}

/// [`lower`], cutting pages above `piece` bytes.
pub(crate) fn lower_in(
    masked: &str,
    lines: &LineIndex,
    extra_verbatim: Vec<Span>,
    piece: usize,
) -> Lowered {
    let mut lo = Lowerer {
        src: masked.as_bytes(),
        lines,
        line_base: 0,
        out: Lowered {
            tree: Tree::with_capacity(masked.len() / 16 + 16),
            links: Vec::new(),
            headings: Vec::new(),
            blocks: Vec::new(),
            verbatim: extra_verbatim,
            html: Vec::new(),
            definitions: Vec::new(),
            unparsed: Vec::new(),
        },
        stack: Vec::with_capacity(16),
    };
    let root = lo.out.tree.push(Node {
        kind: Kind::Document,
        span: Span::new(0, masked.len()),
        parent: NodeId::MAX,
        end: 0,
        data: u32::MAX,
    });
    lo.stack.push(root);
    if masked.len() <= piece {
        lo.parse(masked, &comrak_options());
    } else {
        let mut options = comrak_options();
        // A reference may be defined in another piece.
        options.parse.broken_link_callback = Some(Arc::new(Elsewhere::new(lo.src)));
        for piece in pieces::pieces_with(lo.src, piece, pieces::MAX_BLOCK) {
            let span = Span::new(piece.start, piece.end);
            if piece.parse {
                lo.line_base = lines.line_of(piece.start) - 1;
                lo.parse(&masked[span.range()], &options);
            } else {
                lo.out.unparsed.push(span);
            }
        }
    }
    lo.stack.pop();
    lo.out.tree.close(root);
    lo.finish()
}

/// The page's reference definitions, for links whose definition is in another piece.
struct Elsewhere(HashMap<String, String>);

impl Elsewhere {
    fn new(src: &[u8]) -> Elsewhere {
        let mut map = HashMap::new();
        for d in links::definitions(src, &[]) {
            let dest = String::from_utf8_lossy(&src[d.dest.range()]).into_owned();
            // The first definition of a label wins, as in CommonMark.
            map.entry(d.label).or_insert(dest);
        }
        Elsewhere(map)
    }
}

impl BrokenLinkCallback for Elsewhere {
    fn resolve(&self, link: BrokenLinkReference) -> Option<ResolvedReference> {
        let label = links::normalize_label(link.original.as_bytes());
        self.0.get(&label).map(|url| ResolvedReference {
            url: url.clone(),
            title: String::new(),
        })
    }
}

struct Lowerer<'s> {
    src: &'s [u8],
    lines: &'s LineIndex,
    /// Lines of the page before the piece comrak is parsing.
    line_base: usize,
    out: Lowered,
    /// The open nodes, root first.
    stack: Vec<NodeId>,
}

impl Lowerer<'_> {
    /// Parse `text` (the whole page, or a piece of it starting at `line_base`) and add its
    /// nodes under the root.
    fn parse(&mut self, text: &str, options: &Options) {
        let arena = Arena::new();
        let root = parse_document(&arena, text, options);
        for edge in root.traverse() {
            match edge {
                NodeEdge::Start(node) if std::ptr::eq(node, root) => {}
                NodeEdge::End(node) if std::ptr::eq(node, root) => {}
                NodeEdge::Start(node) => self.start(node),
                NodeEdge::End(_) => {
                    let id = self.stack.pop().expect("balanced traversal");
                    self.out.tree.close(id);
                }
            }
        }
    }

    fn start<'a>(&mut self, node: &'a AstNode<'a>) {
        let ast = node.data.borrow();
        let pos = ast.sourcepos;
        let len = self.src.len();
        let parent = self.stack.last().copied();
        let bounds = parent.map_or(Span::new(0, len), |p| self.out.tree.span(p));
        let mut span = None;
        let kind = match &ast.value {
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let image = matches!(ast.value, NodeValue::Image(_));
                let found = self.locate(pos, |at| links::read_link(self.src, at, image, &link.url));
                if let Some(link) = found {
                    span = Some(link.span);
                    self.out.links.push(link);
                }
                if image {
                    Kind::Image
                } else {
                    Kind::Link
                }
            }
            NodeValue::Code(_) => {
                span = self.locate(pos, |at| links::code_span_at(self.src, at));
                self.out.verbatim.extend(span);
                Kind::CodeSpan
            }
            NodeValue::HtmlInline(html) => {
                span = self.locate(pos, |at| {
                    self.src[at..]
                        .starts_with(html.as_bytes())
                        .then(|| Span::new(at, at + html.len()))
                });
                self.out.verbatim.extend(span);
                self.out.html.extend(span);
                Kind::InlineHtml
            }
            NodeValue::Paragraph => Kind::Paragraph,
            NodeValue::Heading(_) => Kind::Heading,
            NodeValue::TableCell => Kind::TableCell,
            NodeValue::CodeBlock(_) => Kind::CodeBlock,
            NodeValue::HtmlBlock(_) => Kind::HtmlBlock,
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => Kind::BlockQuote,
            NodeValue::List(_) => Kind::List,
            NodeValue::Item(_) => Kind::Item,
            NodeValue::Table(_) => Kind::Table,
            NodeValue::TableRow(_) => Kind::TableRow,
            NodeValue::ThematicBreak => Kind::ThematicBreak,
            NodeValue::FootnoteDefinition(_) => Kind::FootnoteDefinition,
            NodeValue::FootnoteReference(_) => Kind::FootnoteReference,
            NodeValue::Text(_) => Kind::Text,
            NodeValue::Emph => Kind::Emphasis,
            NodeValue::Strong => Kind::Strong,
            NodeValue::Strikethrough => Kind::Strikethrough,
            NodeValue::SoftBreak => Kind::SoftBreak,
            NodeValue::LineBreak => Kind::LineBreak,
            // A task list item (`- [ ] …`) is a list item like any other.
            NodeValue::TaskItem(_) => Kind::Item,
            _ => Kind::Other,
        };
        let written = span.or_else(|| self.span_of(pos));
        // The flat tables keep the blocks whose position comrak gave right.
        if let Some(s) = written {
            match kind {
                Kind::Paragraph | Kind::TableCell | Kind::Heading => self.out.blocks.push(s),
                Kind::CodeBlock => self.out.verbatim.push(s),
                Kind::HtmlBlock => {
                    self.out.verbatim.push(s);
                    self.out.html.push(s);
                }
                _ => {}
            }
        }
        // In the tree every span lies inside its parent's.
        let s = written.unwrap_or(Span::empty(bounds.start));
        let start = s.start.clamp(bounds.start, bounds.end);
        let span = Span::new(start, s.end.clamp(start, bounds.end));
        let id = self.out.tree.push(Node {
            kind,
            span,
            parent: parent.unwrap_or(NodeId::MAX),
            end: 0,
            data: u32::MAX,
        });
        self.stack.push(id);
        match &ast.value {
            NodeValue::List(l) => self.list(id, l.list_type, l.delimiter, l.bullet_char, l),
            NodeValue::Item(l) => self.item(id, span, l.list_type == ListType::Ordered, l.padding),
            NodeValue::TaskItem(_) => {
                let (ordered, padding) = Item::task_marker(&self.src[span.range()]);
                self.item(id, span, ordered, padding)
            }
            NodeValue::CodeBlock(c) => {
                let info = (c.fenced, c.fence_char, c.fence_length, c.closed);
                self.code_block(id, span, info);
            }
            NodeValue::Table(t) => self.table(id, &t.alignments),
            NodeValue::TableRow(header) => self.row(id, span, *header),
            NodeValue::Heading(h) => {
                let data = self.out.tree.headings.len();
                let closing = if h.setext {
                    None
                } else {
                    closing_hashes(self.src, self.lines, span)
                };
                self.out.tree.headings.push(HeadingInfo {
                    node: id,
                    level: h.level,
                    setext: h.setext,
                    closing,
                });
                self.out.tree.set_data(id, data);
                if let Some(s) = written {
                    let mut text = String::new();
                    rendered_text(node, &mut text);
                    self.out.headings.push(Heading {
                        level: h.level,
                        span: s,
                        setext: h.setext,
                        text,
                        node: id,
                        attr_list: None,
                    });
                }
            }
            _ => {}
        }
    }

    fn list(
        &mut self,
        id: NodeId,
        ty: ListType,
        delim: ListDelimType,
        bullet: u8,
        l: &comrak::nodes::NodeList,
    ) {
        let ordered = ty == ListType::Ordered;
        let marker = match (ordered, delim) {
            (false, _) => bullet,
            (true, ListDelimType::Paren) => b')',
            (true, ListDelimType::Period) => b'.',
        };
        let data = self.out.tree.lists.len();
        self.out.tree.lists.push(List {
            node: id,
            ordered,
            start: if ordered { l.start } else { 1 },
            marker,
            tight: l.tight,
            marker_offset: l.marker_offset,
        });
        self.out.tree.set_data(id, data);
    }

    fn item(&mut self, id: NodeId, span: Span, ordered: bool, padding: usize) {
        let rest = &self.src[span.start..span.end];
        let len = if ordered {
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits + 1).min(rest.len())
        } else {
            1.min(rest.len())
        };
        let data = self.out.tree.items.len();
        self.out.tree.items.push(Item {
            node: id,
            marker: Span::new(span.start, span.start + len),
            padding,
        });
        self.out.tree.set_data(id, data);
    }

    fn code_block(
        &mut self,
        id: NodeId,
        span: Span,
        (fenced, ch, fence_len, closed): (bool, u8, usize, bool),
    ) {
        let (info, content) = if fenced {
            let first = self.lines.line_of(span.start);
            let open_line = self.line(first);
            let after = (span.start + fence_len).min(open_line.end);
            let info = trim(self.src, Span::new(after, open_line.end));
            let body_start = self.lines.line_start(first + 1).clamp(span.start, span.end);
            let last = self
                .lines
                .line_of(span.end.saturating_sub(1).max(span.start));
            let body_end = if closed && last > first {
                self.lines.line_start(last).max(body_start)
            } else {
                span.end
            };
            (
                (!info.is_empty()).then_some(info),
                Span::new(body_start, body_end.max(body_start)),
            )
        } else {
            (None, span)
        };
        let data = self.out.tree.code_blocks.len();
        self.out.tree.code_blocks.push(CodeBlock {
            node: id,
            fenced,
            fence_char: if fenced { ch } else { 0 },
            fence_len: if fenced { fence_len } else { 0 },
            info,
            content,
            closed: closed || !fenced,
        });
        self.out.tree.set_data(id, data);
    }

    fn table(&mut self, id: NodeId, alignments: &[TableAlignment]) {
        let data = self.out.tree.tables.len();
        self.out.tree.tables.push(Table {
            node: id,
            alignments: alignments
                .iter()
                .map(|a| match a {
                    TableAlignment::None => Alignment::None,
                    TableAlignment::Left => Alignment::Left,
                    TableAlignment::Center => Alignment::Center,
                    TableAlignment::Right => Alignment::Right,
                })
                .collect(),
            rows: Vec::new(),
            delimiter_row: Span::default(),
        });
        self.out.tree.set_data(id, data);
    }

    fn row(&mut self, id: NodeId, span: Span, header: bool) {
        let line = self.line(self.lines.line_of(span.start));
        let row = trim(self.src, Span::new(span.start.max(line.start), line.end));
        let cells = split_cells(self.src, row);
        let delimiter_row = header.then(|| {
            let next = self.line(self.lines.line_of(span.start) + 1);
            let column = span.start - line.start;
            trim(
                self.src,
                Span::new((next.start + column).min(next.end), next.end),
            )
        });
        if let Some(table) = self.out.tree.tables.last_mut() {
            if let Some(d) = delimiter_row {
                table.delimiter_row = d;
            }
            table.rows.push(Row {
                node: id,
                header,
                span: row,
                cells,
            });
        }
    }

    /// 1-based `line` without its line ending.
    fn line(&self, line: usize) -> Span {
        // The source is the masked text, which has the same bytes at every line ending.
        let start = self.lines.line_start(line);
        let line_no = self.lines.line_of(start);
        let end = line_end(self.src, self.lines, line_no);
        Span::new(start, end.max(start))
    }

    /// Byte offset of a comrak line/column (1-based, byte columns).
    fn offset_of(&self, line: usize, column: usize) -> Option<usize> {
        let line = line + self.line_base;
        if line == self.line_base || column == 0 || line > self.lines.line_count() {
            return None;
        }
        let at = self.lines.line_start(line) + column - 1;
        (at <= self.src.len()).then_some(at)
    }

    fn span_of(&self, pos: Sourcepos) -> Option<Span> {
        let len = self.src.len();
        let start = self.offset_of(pos.start.line, pos.start.column)?;
        let end = self
            .offset_of(pos.end.line, pos.end.column)
            .map_or(len, |e| (e + 1).min(len));
        if start > end || !is_boundary(self.src, start) || !is_boundary(self.src, end) {
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
    fn locate<T>(&self, pos: Sourcepos, read: impl Fn(usize) -> Option<T>) -> Option<T> {
        for down in 0..=4 {
            for right in 0..=8 {
                let line = pos.start.line + down;
                let Some(at) = self.offset_of(line, pos.start.column + right) else {
                    continue;
                };
                if let Some(found) = read(at) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn finish(mut self) -> Lowered {
        let out = &mut self.out;
        out.blocks.sort_unstable_by_key(|s| s.start);
        out.verbatim.sort_unstable_by_key(|s| s.start);
        out.html.sort_unstable_by_key(|s| s.start);
        out.links.sort_unstable_by_key(|l| l.span.start);
        out.links.dedup_by_key(|l| l.span.start);
        out.definitions = links::definitions(self.src, &out.verbatim);
        for link in out
            .links
            .iter_mut()
            .filter(|l| l.kind == LinkKind::Reference)
        {
            let label = links::reference_label(&self.src[link.span.range()]);
            link.definition = out.definitions.iter().position(|d| d.label == label);
        }
        self.out
    }
}

/// The text of an inline subtree as rendered: text and code kept, markup and images dropped,
/// `---`, `--`, `...`, `<<` and `>>` turned into kramdown's typographic symbols outside code
/// (`<< ` and ` >>` take their blank with them, as in kramdown).
fn rendered_text<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        match &child.data.borrow().value {
            NodeValue::Text(t) => super::typography::typographic(t, out),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::Image(_) | NodeValue::HtmlInline(_) => {}
            _ => rendered_text(child, out),
        }
    }
}
