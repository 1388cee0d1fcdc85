//! The per-line table: for each line its span, indent, blankness, context and nesting.
//! Built from the tree only when a rule asks for it (see `Document::line_table`).

use super::{Kind, NodeId, Tree};
use crate::span::{LineIndex, Span};

/// What kind of text a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineContext {
    /// Markdown text (paragraphs, headings, lists, quotes, blank lines between them).
    Body,
    /// The YAML front matter, its `---` lines included.
    FrontMatter,
    /// A fenced code block, its fence lines included.
    FencedCode,
    IndentedCode,
    HtmlBlock,
    /// Between `{% raw %}` and `{% endraw %}` (and not in code).
    LiquidRaw,
    /// A row of a GFM table (its delimiter row included).
    Table,
}

/// One line of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its ending (`\n` or `\r\n`).
    pub span: Span,
    /// Leading spaces and tabs, in bytes.
    pub indent: usize,
    /// Only spaces and tabs (or nothing).
    pub blank: bool,
    pub context: LineContext,
    /// How many block quotes hold the line.
    pub quote_depth: u8,
    /// How many lists hold the line.
    pub list_depth: u8,
}

impl Line {
    /// Where the text of the line starts: after the `>` markers of the block quotes that
    /// hold it (one optional space after each), before any further indentation.
    pub fn text_start(&self, bytes: &[u8]) -> usize {
        let mut at = self.span.start;
        for _ in 0..self.quote_depth {
            let rest = &bytes[at..self.span.end];
            let Some(gt) = rest.iter().position(|b| *b != b' ') else {
                break;
            };
            if rest[gt] != b'>' {
                break;
            }
            at += gt + 1;
            if bytes.get(at) == Some(&b' ') && at < self.span.end {
                at += 1;
            }
        }
        at
    }
}

/// Every line of a page, 1-based through [`LineTable::get`].
#[derive(Clone, Debug, Default)]
pub struct LineTable {
    lines: Vec<Line>,
}

impl LineTable {
    /// Build the table of `text` from its tree; `front_matter` and the inner spans of
    /// `{% raw %}` blocks (in source order, not overlapping) come from the pre-pass.
    pub fn build(
        text: &str,
        index: &LineIndex,
        tree: &Tree,
        front_matter: Option<Span>,
        raw: &[Span],
    ) -> LineTable {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(index.line_count());
        let mut sweep = Some(Sweep::new(tree));
        for n in 1..=index.line_count() {
            let span = index.line_span(text, n);
            let content = &bytes[span.range()];
            let indent = content
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            let blank = indent == content.len();
            let trailing = content
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            // Ask about the last visible byte: on `> - item` it is inside the quote, the
            // list and the item, where the first byte is only inside the quote.
            let probe = if blank {
                span.start
            } else {
                span.end - trailing - 1
            };
            let (quote_depth, list_depth, block) = match sweep.as_mut().and_then(|s| s.at(probe)) {
                Some(found) => found,
                None => {
                    sweep = None;
                    nesting_by_search(tree, probe)
                }
            };
            debug_assert_eq!(
                (quote_depth, list_depth, block),
                nesting_by_search(tree, probe),
                "line {n}"
            );
            let context = if front_matter.is_some_and(|f| f.contains(span.start)) {
                LineContext::FrontMatter
            } else if let Some(id) = block {
                match tree.kind(id) {
                    Kind::CodeBlock if tree.code_block(id).is_some_and(|c| c.fenced) => {
                        LineContext::FencedCode
                    }
                    Kind::CodeBlock => LineContext::IndentedCode,
                    Kind::HtmlBlock => LineContext::HtmlBlock,
                    _ => LineContext::Table,
                }
            } else if raw[..raw.partition_point(|r| r.start <= probe)]
                .last()
                .is_some_and(|r| r.contains(probe))
            {
                LineContext::LiquidRaw
            } else {
                LineContext::Body
            };
            lines.push(Line {
                span,
                indent,
                blank,
                context,
                quote_depth,
                list_depth,
            });
        }
        LineTable { lines }
    }

    /// Line `n` (1-based).
    pub fn get(&self, n: usize) -> Option<&Line> {
        n.checked_sub(1).and_then(|i| self.lines.get(i))
    }

    /// Every line, first to last.
    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// The lines of `text` (the page this table was built from) that hold `byte`, first to
    /// last, with their 0-based index: a search from one `byte` to the next, for the rules
    /// that look only at such lines, instead of a read of every line.
    pub fn holding<'a>(
        &'a self,
        text: &'a [u8],
        byte: u8,
    ) -> impl Iterator<Item = (usize, &'a Line)> + 'a {
        let lines = &self.lines;
        let (mut from, mut k) = (0, 0);
        std::iter::from_fn(move || {
            let at = from + memchr::memchr(byte, text.get(from..)?)?;
            // Gallop from the last line found: the next one is usually near, and the
            // table is read forward, as a scan would read it.
            let mut step = 1;
            while lines.get(k + step).is_some_and(|l| l.span.end < at) {
                k += step;
                step *= 2;
            }
            let window = &lines[k..lines.len().min(k + step + 1)];
            k += window.partition_point(|l| l.span.end < at);
            let line = lines.get(k)?;
            from = line.span.end.max(at) + 1;
            Some((k, line))
        })
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// How many block quotes and lists hold `probe`, and the innermost code block, HTML block or
/// table that does, from the tree's ancestors of the node enclosing it.
fn nesting_by_search(tree: &Tree, probe: usize) -> (u8, u8, Option<NodeId>) {
    let (mut quote_depth, mut list_depth) = (0u8, 0u8);
    let mut block = None;
    for id in tree.ancestors_at(probe) {
        let node = tree.node(id);
        if !node.span.contains(probe) {
            continue;
        }
        match node.kind {
            Kind::BlockQuote => quote_depth = quote_depth.saturating_add(1),
            Kind::List => list_depth = list_depth.saturating_add(1),
            Kind::CodeBlock | Kind::HtmlBlock | Kind::Table if block.is_none() => block = Some(id),
            _ => {}
        }
    }
    (quote_depth, list_depth, block)
}

/// [`nesting_by_search`] for the lines of a page in order, in one walk: the quotes, lists,
/// code blocks, HTML blocks and tables in source order, with a stack of those holding the
/// current line, instead of a search of the whole tree per line.
struct Sweep {
    /// The nodes of those kinds, in tree order (which is source order while it lasts).
    nodes: Vec<(Span, Kind, NodeId)>,
    next: usize,
    /// The probe asked last: each must come after it.
    last: Option<usize>,
    /// Indexes into `nodes`, outermost first; each span holds the next one.
    open: Vec<usize>,
}

impl Sweep {
    fn new(tree: &Tree) -> Sweep {
        let nodes = tree
            .nodes()
            .iter()
            .enumerate()
            .filter(|(_, n)| {
                matches!(
                    n.kind,
                    Kind::BlockQuote | Kind::List | Kind::CodeBlock | Kind::HtmlBlock | Kind::Table
                )
            })
            .map(|(id, n)| (n.span, n.kind, id as NodeId))
            .collect();
        Sweep {
            nodes,
            next: 0,
            last: None,
            open: Vec::new(),
        }
    }

    /// The nesting at `probe` (each probe after the one before), or `None` where the nodes
    /// are not in source order or do not nest: the caller searches from there on.
    fn at(&mut self, probe: usize) -> Option<(u8, u8, Option<NodeId>)> {
        if self.last.replace(probe).is_some_and(|l| l >= probe) {
            return None;
        }
        while let Some(&(span, ..)) = self.nodes.get(self.next).filter(|n| n.0.start <= probe) {
            while self
                .open
                .last()
                .is_some_and(|&t| self.nodes[t].0.end <= span.start)
            {
                self.open.pop();
            }
            if let Some(&t) = self.open.last() {
                let outer = self.nodes[t].0;
                if !(outer.start <= span.start && span.end <= outer.end) {
                    return None;
                }
            }
            self.open.push(self.next);
            self.next += 1;
        }
        while self
            .open
            .last()
            .is_some_and(|&t| !self.nodes[t].0.contains(probe))
        {
            self.open.pop();
        }
        let (mut quote_depth, mut list_depth) = (0u8, 0u8);
        let mut block = None;
        for &t in self.open.iter().rev() {
            let (_, kind, id) = self.nodes[t];
            match kind {
                Kind::BlockQuote => quote_depth = quote_depth.saturating_add(1),
                Kind::List => list_depth = list_depth.saturating_add(1),
                _ if block.is_none() => block = Some(id),
                _ => {}
            }
        }
        Some((quote_depth, list_depth, block))
    }
}
