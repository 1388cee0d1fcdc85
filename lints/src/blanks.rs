//! Blank lines around a block, as the spacing rules (headings, fences, lists) count them:
//! a block attribute list right under the block (or alone above it, after a blank line)
//! belongs to the block, the page's front matter and the edges of the list item or block
//! quote that holds the block count as blank, and a quoted line holding only `>` is blank.

use crate::diagnostic::{Edit, Fix};
use crate::document::{Document, Placement};
use crate::model::{Kind, LineContext, NodeId};

/// The blank lines above and below one block.
#[derive(Clone, Copy, Debug)]
pub struct Around {
    /// The block's first and last line (1-based), its attribute lists included.
    pub top: usize,
    pub bottom: usize,
    /// Blank lines right above `top` and right below `bottom`.
    pub above: usize,
    pub below: usize,
    /// The blanks above reach the start of the page, its front matter or the edge of the
    /// container: nothing is needed there. Same for `bottom_edge`.
    pub top_edge: bool,
    pub bottom_edge: bool,
    /// The list item or block quote holding the block, if any.
    pub container: Option<NodeId>,
    /// Inside a block quote (at any depth).
    pub in_quote: bool,
}

impl Around {
    /// How many blank lines are missing above (`wanted` < 0: any number is fine).
    pub fn missing_above(&self, wanted: i64) -> Option<usize> {
        (wanted >= 0 && !self.top_edge && self.above < wanted as usize)
            .then(|| wanted as usize - self.above)
    }

    pub fn missing_below(&self, wanted: i64) -> Option<usize> {
        (wanted >= 0 && !self.bottom_edge && self.below < wanted as usize)
            .then(|| wanted as usize - self.below)
    }

    /// The fix inserting `n` blank lines before line `at_line`: safe outside containers,
    /// unsafe in a list item (the list may become loose), none in a block quote. Next to a
    /// block attribute list it is unsafe too: kramdown's page does not change, but a reader
    /// that does not know attribute lists (GitHub's preview) reads the list as text, and
    /// the blank line moves it to another paragraph. Above a line of Liquid (`{% endfor %}`)
    /// too: CommonMark reads that line as the end of the block's paragraph.
    pub fn fix(&self, doc: &Document, at_line: usize, n: usize, title: String) -> Option<Fix> {
        let eol = match doc.text().find('\n') {
            Some(i) if i > 0 && doc.text().as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let at = if at_line > doc.lines.line_count() {
            doc.text().len()
        } else {
            doc.lines.line_start(at_line)
        };
        let mut insert = eol.repeat(n);
        if at == doc.text().len() && !doc.text().ends_with('\n') {
            insert.insert_str(0, eol);
        }
        let edits = vec![Edit::insert(at, insert)];
        let by_attr = attr_line(doc, at_line.saturating_sub(1))
            || attr_line(doc, at_line)
            || liquid_line(doc, at_line);
        match self.container {
            _ if self.in_quote => None,
            _ if by_attr => Some(Fix::unsafe_(title, edits)),
            Some(_) => Some(Fix::unsafe_(title, edits)),
            None => Some(Fix::safe(title, edits)),
        }
    }
}

/// The blank lines around `node`, whose lines are `first..=last`.
pub fn around(doc: &Document, node: NodeId, first: usize, last: usize) -> Around {
    let table = doc.line_table();
    let tree = &doc.tree;
    let mut bottom = last;
    while bottom < table.len() && attr_line(doc, bottom + 1) {
        bottom += 1;
    }
    let mut top = first;
    if top > 2 && attr_line(doc, top - 1) && blank(doc, top - 2) {
        top -= 1;
    }
    let container = tree
        .ancestors(node)
        .find(|&a| matches!(tree.kind(a), Kind::Item | Kind::BlockQuote));
    let in_quote = tree
        .ancestors(node)
        .any(|a| tree.kind(a) == Kind::BlockQuote);
    let bounds = container.map(|c| {
        let s = tree.span(c);
        (
            doc.lines.line_of(s.start),
            doc.lines.line_of(s.end.max(s.start + 1) - 1),
        )
    });
    let inside = |n: usize| {
        n >= 1
            && table
                .get(n)
                .is_some_and(|l| l.context != LineContext::FrontMatter)
            && bounds.is_none_or(|(a, b)| a <= n && n <= b)
    };
    let above = (1..top)
        .rev()
        .take_while(|&n| inside(n) && blank(doc, n))
        .count();
    let below = (bottom + 1..=table.len())
        .take_while(|&n| inside(n) && blank(doc, n))
        .count();
    Around {
        top,
        bottom,
        above,
        below,
        top_edge: !inside(top - above - 1),
        bottom_edge: !inside(bottom + below + 1),
        container,
        in_quote,
    }
}

/// Line `n` is blank, or holds only the `>` markers of its quotes.
pub fn blank(doc: &Document, n: usize) -> bool {
    let Some(line) = doc.line_table().get(n) else {
        return false;
    };
    line.blank
        || doc.text().as_bytes()[line.span.range()]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'>'))
}

/// Line `n` holds a block attribute list and nothing else.
pub fn attr_line(doc: &Document, n: usize) -> bool {
    let Some(line) = doc.line_table().get(n) else {
        return false;
    };
    let lists = &doc.attr_lists;
    let i = lists.partition_point(|a| a.span.start < line.span.start);
    lists[i..]
        .iter()
        .take_while(|a| a.span.start < line.span.end)
        .any(|a| a.placement == Placement::Block && line.span.covers(a.span))
}

/// Line `n` holds only Liquid (`{% raw %}`, `{% include x.html %}`): text the Markdown parser
/// never sees as such.
pub fn liquid_line(doc: &Document, n: usize) -> bool {
    let Some(line) = doc.line_table().get(n) else {
        return false;
    };
    let bytes = doc.text().as_bytes();
    let text = &bytes[line.span.range()];
    let first = text.iter().position(|b| !b.is_ascii_whitespace());
    let last = text.iter().rposition(|b| !b.is_ascii_whitespace());
    match (first, last) {
        (Some(a), Some(b)) => {
            (a..=b).all(|i| text[i].is_ascii_whitespace() || doc.in_liquid(line.span.start + i))
        }
        _ => false,
    }
}
