//! Spans in the page's bytes that the lowering reads around comrak's nodes: line ends,
//! closing `#` runs, table cells. No comrak here.

use crate::span::{LineIndex, Span};

/// Where 1-based `line` ends, before its `\n`, `\r\n` or bare `\r`.
pub(super) fn line_end(src: &[u8], lines: &LineIndex, line: usize) -> usize {
    if line >= lines.line_count() {
        return src.len();
    }
    let end = lines.line_start(line + 1) - 1;
    if end > lines.line_start(line) && src[end] == b'\n' && src[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The closing `#` run of the ATX heading at `span`, when it has one.
pub(super) fn closing_hashes(src: &[u8], lines: &LineIndex, span: Span) -> Option<Span> {
    let line_no = lines.line_of(span.start);
    let line_end = line_end(src, lines, line_no).max(span.start);
    let line = trim(
        src,
        Span::new(lines.line_start(line_no).max(span.start), line_end),
    );
    let bytes = &src[line.range()];
    let opening = bytes.iter().take_while(|b| **b == b'#').count();
    let run = bytes.iter().rev().take_while(|b| **b == b'#').count();
    let run_start = bytes.len() - run;
    let spaced = run_start > opening && matches!(bytes[run_start - 1], b' ' | b'\t');
    (run > 0 && spaced).then(|| Span::new(line.start + run_start, line.end))
}

/// `span` without the blanks at either end.
pub(super) fn trim(src: &[u8], span: Span) -> Span {
    let bytes = &src[span.range()];
    let lead = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let trail = bytes[lead..]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    Span::new(span.start + lead, span.end - trail)
}

/// The cells of a table row as written: between unescaped pipes, outer pipes optional.
pub(super) fn split_cells(src: &[u8], row: Span) -> Vec<Span> {
    let bytes = &src[row.range()];
    let mut bounds = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'|' => bounds.push(i),
            _ => {}
        }
        i += 1;
    }
    let mut from = 0;
    let mut cells = Vec::with_capacity(bounds.len() + 1);
    for (n, &b) in bounds.iter().enumerate() {
        if !(n == 0 && b == 0) {
            cells.push(trim(src, Span::new(row.start + from, row.start + b)));
        }
        from = b + 1;
    }
    if from < bytes.len() || bounds.is_empty() {
        cells.push(trim(src, Span::new(row.start + from, row.end)));
    }
    cells
}

pub(super) fn is_boundary(bytes: &[u8], i: usize) -> bool {
    i >= bytes.len() || (bytes[i] as i8) >= -0x40
}
