//! Where a very large page may be cut so that comrak parses it a piece at a time.
//!
//! comrak keeps every node of a page in one arena of about 180 bytes a node until the parse
//! ends, so a page of many megabytes needs gigabytes. A page above [`PIECE`] bytes is cut
//! between top-level blocks, where no construct can carry on across the cut, and each piece
//! is parsed and lowered on its own; a region without such a place that is longer than
//! [`MAX_BLOCK`] is not parsed at all (the page reports it).
//!
//! A cut is made at the start of a line, when no fenced code block or HTML block is open,
//! that begins at column 0 with an ATX heading (which ends every open block), or with
//! anything but a list marker or `>` after a blank line or after the closing fence of a code
//! block whose fence is at column 0: nothing continues across such a line. Lines are judged
//! on the masked text, where front matter and Liquid are already blank.

/// Pages up to this size are parsed whole, as they always were.
pub(crate) const PIECE: usize = 1 << 20;

/// A region with no place to cut that is longer than this is left unparsed.
pub(crate) const MAX_BLOCK: usize = 2 << 20;

/// A stretch of the page: parsed by comrak, or too large to parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub parse: bool,
}

/// The pieces of `src`, in order, covering it whole: regions between cuts, joined until
/// each is at least `piece` bytes; a region over `max_block` bytes stays alone, unparsed.
pub(crate) fn pieces_with(src: &[u8], piece: usize, max_block: usize) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let push = |start: usize, end: usize, out: &mut Vec<Piece>| {
        if end <= start {
            return;
        }
        let parse = end - start <= max_block;
        match out.last_mut() {
            // Small regions join the piece before them until it is large enough.
            Some(last) if parse && last.parse && last.end - last.start < piece => last.end = end,
            _ => out.push(Piece { start, end, parse }),
        }
    };
    let mut region = 0;
    for cut in cuts(src) {
        push(region, cut, &mut out);
        region = cut;
    }
    push(region, src.len(), &mut out);
    out
}

/// What is open at the end of a line.
#[derive(Clone, Copy)]
enum Open {
    Nothing,
    /// A fenced code block: its fence character and length, and whether its fence is at
    /// column 0 (so that it is in no list item or quote).
    Fence(u8, usize, bool),
    /// An HTML block that ends at a line holding this text.
    HtmlUntil(&'static [u8]),
    /// An HTML block that ends at a blank line.
    HtmlUntilBlank,
}

/// Line starts where a cut is safe, in order.
fn cuts(src: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut open = Open::Nothing;
    let mut after_blank = false;
    let mut after_fence = false;
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < src.len() {
            let end = memchr::memchr(b'\n', &src[start..]).map_or(src.len(), |i| start + i + 1);
            let line = &src[start..end];
            let at = start;
            start = end;
            let blank = line.iter().all(|b| b.is_ascii_whitespace());
            let safe = matches!(open, Open::Nothing)
                && at > 0
                && ((after_blank && starts_block(line))
                    || (after_fence && !line[0].is_ascii_whitespace())
                    || atx_heading(line));
            let was_fence = matches!(open, Open::Fence(_, _, true));
            open = next_open(open, line, blank);
            after_fence = was_fence && matches!(open, Open::Nothing);
            after_blank = blank;
            if safe {
                return Some(at);
            }
        }
        None
    })
}

/// Whether `line`, after a blank line, starts a block that continues nothing before it: it
/// starts at column 0 and is no list item (which may continue a loose list) and no quote.
fn starts_block(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    let ordered = (1..=9).contains(&digits) && matches!(line.get(digits), Some(b'.' | b')'));
    !line[0].is_ascii_whitespace() && !matches!(line[0], b'-' | b'*' | b'+' | b'>') && !ordered
}

/// `#` to `######` at column 0, then a blank or the end of the line.
fn atx_heading(line: &[u8]) -> bool {
    let hashes = line.iter().take_while(|&&b| b == b'#').count();
    (1..=6).contains(&hashes) && line.get(hashes).is_none_or(|b| b.is_ascii_whitespace())
}

fn next_open(open: Open, line: &[u8], blank: bool) -> Open {
    match open {
        Open::Fence(ch, len, _) => {
            let rest = indented(line).unwrap_or(&[]);
            let run = rest.iter().take_while(|&&b| b == ch).count();
            let closes = run >= len && rest[run..].iter().all(|b| b.is_ascii_whitespace());
            if closes {
                Open::Nothing
            } else {
                open
            }
        }
        Open::HtmlUntil(end) if contains(line, end) => Open::Nothing,
        Open::HtmlUntil(_) => open,
        Open::HtmlUntilBlank if blank => Open::Nothing,
        Open::HtmlUntilBlank => open,
        Open::Nothing => opening(line),
    }
}

/// What `line` opens, when nothing is open before it.
fn opening(line: &[u8]) -> Open {
    let Some(rest) = indented(line) else {
        return Open::Nothing;
    };
    if let Some(&ch @ (b'`' | b'~')) = rest.first() {
        let run = rest.iter().take_while(|&&b| b == ch).count();
        let info_has_backtick = ch == b'`' && rest[run..].contains(&b'`');
        return if run >= 3 && !info_has_backtick {
            Open::Fence(ch, run, rest.len() == line.len())
        } else {
            Open::Nothing
        };
    }
    if rest.first() != Some(&b'<') {
        return Open::Nothing;
    }
    let until: Option<&'static [u8]> = if rest.starts_with(b"<!--") {
        Some(b"-->")
    } else if rest.starts_with(b"<?") {
        Some(b"?>")
    } else if rest.starts_with(b"<![CDATA[") {
        Some(b"]]>")
    } else if rest.starts_with(b"<!") {
        Some(b">")
    } else {
        raw_tag(rest)
    };
    match until {
        // The block may end on its own first line.
        Some(end) if contains(&rest[1..], end) => Open::Nothing,
        Some(end) => Open::HtmlUntil(end),
        None => Open::HtmlUntilBlank,
    }
}

/// The closing tag of `<script>`, `<pre>`, `<style>` and `<textarea>` blocks.
fn raw_tag(rest: &[u8]) -> Option<&'static [u8]> {
    const TAGS: [(&[u8], &[u8]); 4] = [
        (b"script", b"</script>"),
        (b"pre", b"</pre>"),
        (b"style", b"</style>"),
        (b"textarea", b"</textarea>"),
    ];
    let name = &rest[1..];
    TAGS.iter().find_map(|&(tag, end)| {
        let matches = name.len() >= tag.len()
            && name[..tag.len()].eq_ignore_ascii_case(tag)
            && name
                .get(tag.len())
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>');
        matches.then_some(end)
    })
}

/// The line after up to three spaces; `None` when it is indented further (code, or a
/// list item's content).
fn indented(line: &[u8]) -> Option<&[u8]> {
    let spaces = line.iter().take(4).take_while(|&&b| b == b' ').count();
    (spaces < 4).then(|| &line[spaces..])
}

/// Whether `line` holds `needle`, ASCII case ignored.
fn contains(line: &[u8], needle: &[u8]) -> bool {
    line.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut_lines(src: &str) -> Vec<usize> {
        let starts: Vec<usize> = cuts(src.as_bytes()).collect();
        starts
            .iter()
            .map(|&s| src[..s].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn cuts_before_paragraphs_after_blank_lines_and_before_headings() {
        let src = "intro\n\nPara\ntext\n# Head\nmore\n\n- item\n\n  Lazy\n\nEnd\n";
        assert_eq!(cut_lines(src), vec![3, 5, 12]);
        // Tables, fences and HTML after a blank line; not list items or quotes.
        let src = "a\n\n| t |\n\n```\nx\n```\n\n<p>\n\n> q\n\n1) i\n\n2024 x\n";
        assert_eq!(cut_lines(src), vec![3, 5, 9, 15]);
        // After a closing fence at column 0; not after one in a list item.
        let src = "```\na\n```\n```\nb\n```\nc\n- i\n  ```\n  d\n  ```\ne\n";
        assert_eq!(cut_lines(src), vec![4, 7]);
    }

    #[test]
    fn never_cuts_inside_fences_or_html_blocks() {
        let src = "a\n\n```\n\nIn fence\n# not a heading\n```\n\nOut\n";
        assert_eq!(cut_lines(src), vec![3, 9]);
        let src = "a\n\n<!-- note\n\nInside\n-->\n\nOutside\n";
        assert_eq!(cut_lines(src), vec![3, 8]);
        let src = "a\n\n<div>\n# in html\n\nAfter\n";
        assert_eq!(cut_lines(src), vec![3, 6]);
        let src = "a\n\n<PRE>\n\nInside\n</pre>\n\nAfter\n";
        assert_eq!(cut_lines(src), vec![3, 8]);
        // A backtick run with a backtick after it is code, not a fence.
        let src = "a\n\n``` x ` y\n\nAfter\n";
        assert_eq!(cut_lines(src), vec![3, 5]);
        // Not headings: no blank after the hashes, or seven of them.
        let src = "a\n#tag\n####### seven\n";
        assert_eq!(cut_lines(src), Vec::<usize>::new());
    }

    /// A page of every kind of block, with reference definitions far from their links.
    fn page() -> String {
        let faq = include_str!("../../../fixtures/handbook/faq.md");
        let blocks = "Text with [a ref][far] and [short] and *emphasis*.\n\n\
            | a | b |\n|---|:-:|\n| [c](d.md) | e |\n\n```ruby\nputs 1\n\n# not a heading\n```\n\
            <div>\n\n*html*\n</div>\n\n<!-- a\n\nb -->\n\n- item\n\n  more\n- [x] done\n\n\
            1. one\n\n2. two\n\n> quote\n\n> again\n\n## Heading {#id}\n{: .c}\nSetext\n---\n\n";
        let mut page = String::from(faq);
        for _ in 0..40 {
            page.push_str(blocks);
        }
        page.push_str("[far]: https://example.org/far\n[short]: short.md\n");
        page
    }

    #[test]
    fn a_page_cut_into_pieces_lowers_as_it_does_whole() {
        use crate::model::lower::lower_in;
        use crate::span::LineIndex;
        let page = page();
        let lines = LineIndex::new(&page);
        let whole = lower_in(&page, &lines, Vec::new(), usize::MAX);
        let cut = lower_in(&page, &lines, Vec::new(), 1024);
        assert!(pieces_with(page.as_bytes(), 1024, MAX_BLOCK).len() > 10);
        assert!(cut.unparsed.is_empty());
        assert_eq!(format!("{:?}", cut.tree), format!("{:?}", whole.tree));
        assert_eq!(format!("{:?}", cut.links), format!("{:?}", whole.links));
        assert_eq!(
            format!("{:?}", cut.headings),
            format!("{:?}", whole.headings)
        );
        assert_eq!(cut.blocks, whole.blocks);
        assert_eq!(cut.verbatim, whole.verbatim);
        assert_eq!(cut.html, whole.html);
        assert!(whole
            .links
            .iter()
            .any(|l| l.url == "https://example.org/far"));
    }

    #[test]
    fn small_regions_join_and_large_ones_stay_unparsed() {
        let src = "# a\n# b\n# c\n";
        let p = pieces_with(src.as_bytes(), 9, 100);
        assert_eq!(
            p,
            vec![Piece {
                start: 0,
                end: 12,
                parse: true
            }]
        );
        let p = pieces_with(src.as_bytes(), 2, 100);
        assert_eq!(p.len(), 3);
        let src = format!("# a\n{}\n# b\n", "x".repeat(50));
        let p = pieces_with(src.as_bytes(), 2, 10);
        assert_eq!(p.iter().map(|p| p.parse).collect::<Vec<_>>(), [false, true]);
        assert_eq!(p.last().unwrap().end, src.len());
    }
}
