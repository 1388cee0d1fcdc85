//! The page as an owned tree: comrak's AST lowered once (in [`lower`]) into nodes in
//! pre-order, each with its kind, byte span, parent and the end of its subtree, plus an index
//! by kind and typed side tables (lists, items, code blocks, tables, headings).
//!
//! Rules ask questions ("every list item", "the innermost code block around this byte");
//! none walks the tree by hand and none sees comrak.

pub mod kramdown;
pub mod lines;
pub(crate) mod links;
pub(crate) mod lower;
mod pieces;
mod side;
mod source_spans;
mod typography;

pub use lines::{Line, LineContext, LineTable};
pub use side::{Alignment, CodeBlock, Heading, HeadingInfo, Item, List, Row, Table};

use std::sync::OnceLock;

use crate::span::Span;

/// Node ids grouped by kind (each group in pre-order): `ids[starts[k]..starts[k + 1]]`.
#[derive(Debug)]
struct ByKind {
    ids: Vec<NodeId>,
    starts: [u32; Kind::COUNT + 1],
}

/// The index of a node in [`Tree::nodes`] (pre-order: a parent comes before its children).
pub type NodeId = u32;

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    Document,
    Paragraph,
    Heading,
    BlockQuote,
    List,
    Item,
    CodeBlock,
    HtmlBlock,
    Table,
    TableRow,
    TableCell,
    ThematicBreak,
    FootnoteDefinition,
    Text,
    Emphasis,
    Strong,
    Strikethrough,
    Link,
    Image,
    CodeSpan,
    InlineHtml,
    SoftBreak,
    LineBreak,
    FootnoteReference,
    TaskMarker,
    /// Anything else comrak can produce with other extensions turned on.
    Other,
}

impl Kind {
    const COUNT: usize = Kind::Other as usize + 1;

    /// Whether the text of such a node is not read as Markdown (code and raw HTML).
    pub fn is_verbatim(self) -> bool {
        matches!(
            self,
            Kind::CodeBlock | Kind::HtmlBlock | Kind::CodeSpan | Kind::InlineHtml
        )
    }
}

/// One node of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: Kind,
    /// Into the original text; always inside the parent's span.
    pub span: Span,
    /// `NodeId::MAX` for the document node.
    pub parent: NodeId,
    /// One past the last node of the subtree: its descendants are `id + 1 .. end`.
    pub end: NodeId,
    /// Index into the side table of its kind (lists, items, code blocks, tables, headings);
    /// `NodeId::MAX` when the kind has none.
    pub(crate) data: u32,
}

/// The owned tree of one page. `Send + Sync`; built once, then only read.
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Built on the first query, so that a page no rule asks about costs no more than its
    /// nodes: the ids grouped by kind, and the ids sorted by start.
    by_kind: OnceLock<ByKind>,
    by_start: OnceLock<Option<Vec<NodeId>>>,
    pub(crate) lists: Vec<List>,
    pub(crate) items: Vec<Item>,
    pub(crate) code_blocks: Vec<CodeBlock>,
    pub(crate) tables: Vec<Table>,
    pub(crate) headings: Vec<HeadingInfo>,
}

impl Tree {
    /// Every node, in pre-order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn kind(&self, id: NodeId) -> Kind {
        self.nodes[id as usize].kind
    }

    pub fn span(&self, id: NodeId) -> Span {
        self.nodes[id as usize].span
    }

    /// The nodes of `kind`, in source order: a slice lookup, no walk.
    pub fn of_kind(&self, kind: Kind) -> &[NodeId] {
        let k = kind as usize;
        let by = self.by_kind.get_or_init(|| self.index_kinds());
        &by.ids[by.starts[k] as usize..by.starts[k + 1] as usize]
    }

    /// The nodes of `kind` that start inside `range`.
    pub fn of_kind_in(&self, kind: Kind, range: Span) -> &[NodeId] {
        let all = self.of_kind(kind);
        let from = all.partition_point(|&n| self.span(n).start < range.start);
        let to = all.partition_point(|&n| self.span(n).start < range.end);
        &all[from..to.max(from)]
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id as usize].parent;
        (p != NodeId::MAX).then_some(p)
    }

    /// The parent, its parent, … up to the document node (`id` itself excluded).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// The direct children of `id`, in order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let end = self.nodes[id as usize].end;
        let mut next = id + 1;
        std::iter::from_fn(move || {
            (next < end).then(|| {
                let at = next;
                next = self.nodes[at as usize].end;
                at
            })
        })
    }

    /// All nodes under `id` (pre-order): a range, not a walk.
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id + 1..self.nodes[id as usize].end
    }

    /// The deepest node whose span contains `offset` (the document node when none does).
    pub fn enclosing(&self, offset: usize) -> NodeId {
        if self.nodes.is_empty() {
            return 0;
        }
        let by_start = self.by_start.get_or_init(|| self.sort_by_start());
        let last = match by_start {
            None => self.nodes.partition_point(|n| n.span.start <= offset),
            Some(order) => order.partition_point(|&n| self.span(n).start <= offset),
        };
        let Some(i) = last.checked_sub(1) else {
            return 0;
        };
        let mut at = match by_start {
            None => i as NodeId,
            Some(order) => order[i],
        };
        // Spans nest: the deepest container is on the path from the last node that starts
        // at or before `offset` up to the root.
        loop {
            if self.span(at).contains(offset) {
                return at;
            }
            match self.parent(at) {
                Some(p) => at = p,
                None => return at,
            }
        }
    }

    /// The node enclosing `offset` and its ancestors, innermost first.
    pub fn ancestors_at(&self, offset: usize) -> impl Iterator<Item = NodeId> + '_ {
        let at = self.enclosing(offset);
        std::iter::once(at).chain(self.ancestors(at))
    }

    /// The innermost node of `kind` whose span contains `offset`.
    pub fn innermost(&self, offset: usize, kind: Kind) -> Option<NodeId> {
        self.ancestors_at(offset)
            .find(|&n| self.kind(n) == kind && self.span(n).contains(offset))
    }

    /// The innermost node of one of `kinds` whose span contains `offset`.
    pub fn innermost_of(&self, offset: usize, kinds: &[Kind]) -> Option<NodeId> {
        self.ancestors_at(offset)
            .find(|&n| kinds.contains(&self.kind(n)) && self.span(n).contains(offset))
    }

    /// How many ancestors of `id` (itself included) are of `kind`.
    pub fn depth_in(&self, id: NodeId, kind: Kind) -> usize {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .filter(|&n| self.kind(n) == kind)
            .count()
    }

    fn data(&self, id: NodeId, kind: Kind) -> Option<usize> {
        let n = self.nodes.get(id as usize)?;
        (n.kind == kind && n.data != u32::MAX).then_some(n.data as usize)
    }

    /// What a list node holds (ordered, start, delimiter, marker, tight).
    pub fn list(&self, id: NodeId) -> Option<&List> {
        self.data(id, Kind::List).map(|i| &self.lists[i])
    }

    /// What a list item holds (its marker as written).
    pub fn item(&self, id: NodeId) -> Option<&Item> {
        self.data(id, Kind::Item).map(|i| &self.items[i])
    }

    /// The items of a list node.
    pub fn items(&self, list: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(list).filter(|&c| self.kind(c) == Kind::Item)
    }

    pub fn code_block(&self, id: NodeId) -> Option<&CodeBlock> {
        self.data(id, Kind::CodeBlock).map(|i| &self.code_blocks[i])
    }

    pub fn table(&self, id: NodeId) -> Option<&Table> {
        self.data(id, Kind::Table).map(|i| &self.tables[i])
    }

    pub fn heading(&self, id: NodeId) -> Option<&HeadingInfo> {
        self.data(id, Kind::Heading).map(|i| &self.headings[i])
    }

    /// Every list / item / code block / table / heading side entry, in source order.
    pub fn lists(&self) -> &[List] {
        &self.lists
    }

    pub fn code_blocks(&self) -> &[CodeBlock] {
        &self.code_blocks
    }

    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    pub fn headings(&self) -> &[HeadingInfo] {
        &self.headings
    }

    fn index_kinds(&self) -> ByKind {
        let mut starts = [0u32; Kind::COUNT + 1];
        for n in &self.nodes {
            starts[n.kind as usize + 1] += 1;
        }
        for k in 0..Kind::COUNT {
            starts[k + 1] += starts[k];
        }
        let mut fill = starts;
        let mut ids = vec![0; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            let slot = &mut fill[n.kind as usize];
            ids[*slot as usize] = i as NodeId;
            *slot += 1;
        }
        ByKind { ids, starts }
    }

    /// Node ids sorted by span start, when pre-order is not (comrak misplaces a few inline
    /// nodes); `None` when pre-order already is.
    fn sort_by_start(&self) -> Option<Vec<NodeId>> {
        let sorted = self
            .nodes
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start);
        (!sorted).then(|| {
            let mut order: Vec<NodeId> = (0..self.nodes.len() as NodeId).collect();
            order.sort_by_key(|&n| self.span(n).start);
            order
        })
    }

    pub(crate) fn with_capacity(nodes: usize) -> Tree {
        Tree {
            nodes: Vec::with_capacity(nodes),
            ..Tree::default()
        }
    }

    pub(crate) fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        (self.nodes.len() - 1) as NodeId
    }

    pub(crate) fn close(&mut self, id: NodeId) {
        self.nodes[id as usize].end = self.nodes.len() as NodeId;
    }

    pub(crate) fn set_data(&mut self, id: NodeId, data: usize) {
        self.nodes[id as usize].data = data as u32;
    }
}
