//! What the reporters read of a file, without the whole file.
//!
//! A check of a large site keeps the text of every page with findings until they are
//! printed. An [`Excerpt`] keeps instead the few whole lines around each finding that any
//! output format reads: the lines miette shows around it, the line (up to the previous and
//! next `\n`) that SARIF columns and CI fingerprints are counted on, and the start of the text
//! it points at, each piece with its place in the file, so that every format prints exactly
//! what it prints from the whole text.

use handbook_lints::{LineCol, LineIndex};

use crate::text::{ceil_char, floor_char};

/// What the output format reads of a file's text around its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// The lines miette draws around each finding (the full format).
    Snippets,
    /// The lines a finding starts and ends on, and the text a fingerprint hashes (SARIF,
    /// GitLab): their columns and fingerprints are counted on them.
    Lines,
    /// Only where each finding starts and ends (every other format): no text at all.
    Positions,
}

/// The lines of a file that its findings at `spans` need, each run of them with its byte
/// offset and line number in the file; or, when only positions are printed, the finding's
/// lines and columns instead of any text.
#[derive(Debug)]
pub struct Excerpt {
    pieces: Vec<Piece>,
    /// The spans (start, end) it was cut for, sorted: a finding elsewhere needs the file.
    spans: Vec<(usize, usize)>,
    /// With [`Keep::Positions`], the 1-based start line and column and end line and column
    /// of each of `spans`.
    positions: Vec<[u32; 4]>,
}

#[derive(Debug)]
struct Piece {
    /// Byte offset in the file; always the start of a line.
    start: usize,
    /// The 0-based line it starts on.
    line: usize,
    text: Box<str>,
}

/// A run of whole lines of a file (the whole file, or a piece of an excerpt).
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    /// Byte offset of `text` in the file.
    pub start: usize,
    /// The 0-based line `text` starts on.
    pub line: usize,
    pub text: &'a str,
}

/// What is kept of a file's text for its findings: all of it, or an [`Excerpt`].
#[derive(Clone, Copy)]
pub(crate) enum Source<'a> {
    Whole(&'a str),
    Excerpt(&'a Excerpt),
}

impl<'a> Source<'a> {
    /// The lines that hold the finding starting at `start`.
    pub(crate) fn part(self, start: usize) -> Option<Part<'a>> {
        match self {
            Source::Whole(text) => Some(Part {
                start: 0,
                line: 0,
                text,
            }),
            Source::Excerpt(excerpt) => excerpt.part(start),
        }
    }
}

/// Bytes of a finding that a CI fingerprint hashes at most (see `ci.rs`).
const FINGERPRINT_SPAN: usize = 256;

impl Excerpt {
    /// What of `text` findings at `spans` need, for a format that reads `keep`.
    pub fn new(text: &str, spans: impl IntoIterator<Item = (usize, usize)>, keep: Keep) -> Excerpt {
        let index = LineIndex::new(text);
        let len = text.len();
        // The start of 1-based `line`, or the end of the text past its last line.
        let start_of = |line: usize| {
            if line <= index.line_count() {
                index.line_start(line)
            } else {
                len
            }
        };
        let mut spans: Vec<(usize, usize)> = spans.into_iter().collect();
        spans.sort_unstable();
        spans.dedup();
        spans.shrink_to_fit();
        if keep == Keep::Positions {
            // As the reporters count them on the whole text; in 32 bits (a file too large for
            // that keeps its lines instead, and the reporters count on them).
            let at = |offset: usize| index.line_col(text, offset);
            let small = |n: usize| u32::try_from(n).ok();
            let positions: Option<Vec<[u32; 4]>> = spans
                .iter()
                .map(|&(s, e)| {
                    let (s, e) = (at(s), at(e));
                    Some([
                        small(s.line)?,
                        small(s.column)?,
                        small(e.line)?,
                        small(e.column)?,
                    ])
                })
                .collect();
            if let Some(positions) = positions {
                return Excerpt {
                    pieces: Vec::new(),
                    spans,
                    positions,
                };
            }
        }
        let mut ranges: Vec<(usize, usize)> = spans
            .iter()
            .map(|&(start, end)| {
                let s = floor_char(text, start);
                let e = ceil_char(text, end.max(s));
                // miette's lines: two before the first line, two after the last (snippet.rs).
                let (mut lo, mut hi) = (len, 0);
                if keep == Keep::Snippets {
                    let first = index.line_of(s);
                    let last = index.line_of(e.saturating_sub(1).max(s));
                    lo = start_of(first.saturating_sub(2).max(1));
                    hi = start_of(last + 3);
                }
                // The `\n`-delimited lines of the start and the end (SARIF, fingerprints), and
                // the text a fingerprint hashes.
                for at in [floor_char(text, start), floor_char(text, end)] {
                    lo = lo.min(text[..at].rfind('\n').map_or(0, |i| i + 1));
                    hi = hi.max(text[at..].find('\n').map_or(len, |i| at + i + 1));
                }
                let s = floor_char(text, start);
                hi = hi.max(ceil_char(text, end.clamp(s, len).min(s + FINGERPRINT_SPAN)));
                // Whole lines.
                let lo = index.line_start(index.line_of(lo));
                let line = index.line_of(hi);
                let hi = if index.line_start(line) == hi {
                    hi
                } else {
                    start_of(line + 1)
                };
                (lo, hi)
            })
            .collect();
        ranges.sort_unstable();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        for (lo, hi) in merged {
            pieces.push(Piece {
                start: lo,
                line: index.line_of(lo) - 1,
                text: text[lo..hi].into(),
            });
        }
        Excerpt {
            pieces,
            spans,
            positions: Vec::new(),
        }
    }

    /// Whether a finding at `start..end` can be reported from the excerpt.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        self.spans.binary_search(&(start, end)).is_ok()
    }

    /// The start and end of the finding at `start..end` (one it covers), when only positions
    /// were kept.
    pub fn position(&self, start: usize, end: usize) -> Option<(LineCol, LineCol)> {
        let i = self.spans.binary_search(&(start, end)).ok()?;
        let [line, column, end_line, end_column] = self.positions.get(i)?.map(|n| n as usize);
        let at = |line, column| LineCol { line, column };
        Some((at(line, column), at(end_line, end_column)))
    }

    /// The piece that holds the finding starting at `start` (one it covers).
    pub fn part(&self, start: usize) -> Option<Part<'_>> {
        let i = self.pieces.partition_point(|p| p.start <= start);
        let piece = self.pieces.get(i.checked_sub(1)?)?;
        Some(Part {
            start: piece.start,
            line: piece.line,
            text: &piece.text,
        })
    }
}

impl Excerpt {
    /// Written for the report store (`store.rs`).
    pub(crate) fn encode(&self, w: &mut crate::codec::Writer) {
        w.usize(self.pieces.len());
        for p in &self.pieces {
            w.usize(p.start);
            w.usize(p.line);
            w.str(&p.text);
        }
        w.usize(self.spans.len());
        for &(start, end) in &self.spans {
            w.range(start, end);
        }
        w.usize(self.positions.len());
        for position in &self.positions {
            for &n in position {
                w.u64(u64::from(n));
            }
        }
    }

    /// What [`Excerpt::encode`] wrote.
    pub(crate) fn decode(r: &mut crate::codec::Reader<'_>) -> std::io::Result<Excerpt> {
        let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "a damaged excerpt");
        let n = r.usize()?;
        let mut pieces = Vec::with_capacity(n.min(r.0.len()));
        for _ in 0..n {
            pieces.push(Piece {
                start: r.usize()?,
                line: r.usize()?,
                text: r.str()?.into(),
            });
        }
        let n = r.usize()?;
        let mut spans = Vec::with_capacity(n.min(r.0.len()));
        for _ in 0..n {
            spans.push(r.range()?);
        }
        let n = r.usize()?;
        let mut positions = Vec::with_capacity(n.min(r.0.len()));
        for _ in 0..n {
            let mut position = [0u32; 4];
            for p in &mut position {
                *p = u32::try_from(r.u64()?).map_err(|_| bad())?;
            }
            positions.push(position);
        }
        Ok(Excerpt {
            pieces,
            spans,
            positions,
        })
    }
}
