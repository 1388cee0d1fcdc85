//! Byte spans and the line index that turns them into line/column when printing.

use std::ops::Range;

/// A half-open byte range `start..end` into a document's original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub const fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn covers(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets of the start of every line of a text.
///
/// Lines end where CommonMark (and comrak) end them: at `\n`, at `\r\n` and at a bare `\r`
/// (classic Mac text). CRLF text has the same line numbers as its LF twin.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let bytes = text.as_bytes();
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset of the start of 1-based `line` (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        let i = line.saturating_sub(1).min(self.starts.len() - 1);
        self.starts[i]
    }

    /// The 1-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte offset where 1-based `line` ends, before its line ending.
    pub fn line_end(&self, text: &str, line: usize) -> usize {
        self.line_span(text, line).end
    }

    /// Span of 1-based `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = if line < self.starts.len() {
            self.starts[line] - 1
        } else {
            text.len()
        };
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// 1-based line and character column of `offset` (which must be a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = text[start..offset].chars().count() + 1;
        LineCol { line, column }
    }
}

/// Spans sorted by start, each with the farthest end among those up to it: whether one of
/// them holds an offset, or covers a span or lies inside it, found in logarithmic time.
pub struct SortedSpans {
    spans: Vec<Span>,
    reach: Vec<usize>,
}

impl SortedSpans {
    pub fn new(mut spans: Vec<Span>) -> SortedSpans {
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |max, s| {
                *max = (*max).max(s.end);
                Some(*max)
            })
            .collect();
        SortedSpans { spans, reach }
    }

    /// Whether a span holds `offset` (`start <= offset < end`).
    pub fn holds(&self, offset: usize) -> bool {
        let before = self.spans.partition_point(|s| s.start <= offset);
        before > 0 && self.reach[before - 1] > offset
    }

    /// Whether a span covers `span`, or lies inside it.
    pub fn touch(&self, span: Span) -> bool {
        let before = self.spans.partition_point(|s| s.start <= span.start);
        let covered = before > 0 && self.reach[before - 1] >= span.end;
        let first_inside = self.spans.partition_point(|s| s.start < span.start);
        covered
            || self.spans[first_inside..]
                .iter()
                .take_while(|s| s.start < span.end)
                .any(|s| s.end <= span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_handles_crlf() {
        let text = "ab\r\nçd\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        // 'd' is after the two-byte 'ç'
        assert_eq!(idx.line_col(text, 6), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_span(text, 1), Span::new(0, 2));
        assert_eq!(idx.line_span(text, 3), Span::new(8, 9));
    }

    #[test]
    fn a_bare_cr_ends_a_line() {
        let text = "a\rb\r\nc\r\rd\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 6);
        assert_eq!(idx.line_span(text, 1), Span::new(0, 1));
        assert_eq!(idx.line_span(text, 2), Span::new(2, 3));
        assert_eq!(idx.line_span(text, 3), Span::new(5, 6));
        assert_eq!(idx.line_span(text, 4), Span::new(7, 7));
        assert_eq!(idx.line_span(text, 5), Span::new(8, 9));
        assert_eq!(idx.line_span(text, 6), Span::new(10, 10));
        assert_eq!(idx.line_col(text, 8), LineCol { line: 5, column: 1 });
    }

    #[test]
    fn sorted_spans_hold_cover_and_contain() {
        let spans = SortedSpans::new(vec![Span::new(20, 30), Span::new(0, 50), Span::new(60, 64)]);
        assert!(spans.holds(0) && spans.holds(49) && spans.holds(63));
        assert!(!spans.holds(50) && !spans.holds(59) && !spans.holds(64));
        assert!(spans.touch(Span::new(10, 40)), "covered by 0..50");
        assert!(spans.touch(Span::new(55, 70)), "holds 60..64");
        assert!(!spans.touch(Span::new(52, 58)));
        assert!(!SortedSpans::new(Vec::new()).holds(0));
    }
}
