//! What a run keeps of each file's text between linting and reporting.

use handbook_lints::engine::Page;
use handbook_lints::Diagnostic;

use super::excerpt::{Excerpt, Keep};
use super::store::{Loc, Spill};
use crate::codec::{decode_diagnostics, encode_diagnostics, size_hint, Reader, Writer};
use crate::discover::SourceFile;
use crate::read::FileError;

/// The text of a file as read, or only what reporting needs of it and its fingerprint. A
/// check of files on disk keeps no text of a page its page lints found nothing in, and of a
/// page with findings only the lines around them: a site of thousands of pages is then
/// checked in memory that does not grow with their text. When the site pass reports
/// something the excerpt does not cover (a broken link), the file is read again, and must be
/// unchanged.
pub(super) enum Original {
    Kept(String),
    /// Boxed, the excerpt: a page with findings is finished soon after this is made, or its
    /// findings are stored.
    Dropped {
        len: usize,
        sum: u64,
        excerpt: Option<Box<Excerpt>>,
    },
    /// Dropped, with the page's ids, findings, the excerpt for them, the facts parked for its
    /// site pass ([`Page::park`]) and the text's fingerprint written to the run's store until
    /// the page is finished (`store.rs`): a check of files on disk with a site pass keeps
    /// only the [`Loc`] of each page (`Slot::Shelved`).
    Stored {
        loc: Loc,
    },
}

/// What is kept of a file's text for reporting.
pub(super) enum Text {
    Whole(String),
    Excerpt(Excerpt),
    /// Nothing to report.
    None,
}

impl Original {
    /// Only the fingerprint of `text`, and what a format that reads `keep` needs of it for
    /// its page's `diagnostics`.
    pub(super) fn dropped(text: &str, diagnostics: &[Diagnostic], keep: Keep) -> Original {
        Original::Dropped {
            len: text.len(),
            sum: checksum(text.as_bytes()),
            excerpt: (!diagnostics.is_empty()).then(|| {
                let spans = diagnostics.iter().map(|d| (d.span.start, d.span.end));
                Box::new(Excerpt::new(text, spans, keep))
            }),
        }
    }

    /// Move `page`'s ids, findings and the excerpt for them to `spill`, with the facts only its
    /// own site lints read ([`Page::park`]) and the text's fingerprint.
    pub(super) fn store(self, page: &mut Page, spill: &std::sync::Mutex<Spill>) -> Original {
        let Original::Dropped { len, sum, excerpt } = self else {
            return self;
        };
        // Stored even when there is nothing but the fingerprint to store: the run then keeps
        // the page shelved and the eight-byte place of its record, not a page and its sum.
        let mut w = Writer(Vec::with_capacity(size_hint(&page.diagnostics)));
        // The page's ids first: the site pass reads them back (`site::site_pass`) only for
        // the pages a link asks for.
        page.park_ids(&mut w);
        encode_diagnostics(&mut w, &page.diagnostics);
        w.bool(excerpt.is_some());
        if let Some(excerpt) = &excerpt {
            excerpt.encode(&mut w);
        }
        // The facts only the page's own site lints read wait here for its site pass too.
        page.park(&mut w);
        w.usize(len);
        w.u64(sum);
        let loc = match spill.lock() {
            Ok(mut spill) => spill.put(&w.0),
            Err(poisoned) => poisoned.into_inner().put(&w.0),
        };
        page.diagnostics = Vec::new();
        Original::Stored { loc }
    }

    /// Where a stored original's record is.
    pub(super) fn loc(&self) -> Option<Loc> {
        match self {
            Original::Stored { loc, .. } => Some(*loc),
            _ => None,
        }
    }

    /// A stored original as it was dropped, with its findings given back to `page`, from the
    /// `record` read at its [`Original::loc`].
    pub(super) fn restore(self, page: &mut Page, record: &[u8]) -> std::io::Result<Original> {
        if !matches!(self, Original::Stored { .. }) {
            return Ok(self);
        }
        let mut r = Reader(record);
        handbook_lints::engine::skip_parked_ids(&mut r)?;
        let mut diagnostics = decode_diagnostics(&mut r)?;
        // Findings the page got since (none before its site pass) follow its own.
        diagnostics.append(&mut page.diagnostics);
        page.diagnostics = diagnostics;
        let excerpt = if r.bool()? {
            Some(Box::new(Excerpt::decode(&mut r)?))
        } else {
            None
        };
        page.unpark(&mut r)?;
        let len = r.usize()?;
        let sum = r.u64()?;
        if !r.0.is_empty() {
            return Err(crate::codec::invalid("bytes after the record"));
        }
        Ok(Original::Dropped { len, sum, excerpt })
    }

    /// The text, read again when it was dropped and the excerpt (if any) does not cover
    /// every finding of `page`.
    pub(super) fn into_text(
        self,
        file: &SourceFile,
        page: &Page,
        read: &(impl Fn(&SourceFile) -> Result<String, FileError> + Sync),
    ) -> Result<Text, FileError> {
        match self {
            Original::Kept(text) => Ok(Text::Whole(text)),
            Original::Dropped { .. } if page.diagnostics.is_empty() => Ok(Text::None),
            Original::Dropped {
                excerpt: Some(excerpt),
                ..
            } if page
                .diagnostics
                .iter()
                .all(|d| excerpt.covers(d.span.start, d.span.end)) =>
            {
                Ok(Text::Excerpt(*excerpt))
            }
            // Its fingerprint is in the store: restored first.
            Original::Stored { .. } => Err(FileError::new("its findings were not read back")),
            Original::Dropped { len, sum, .. } => {
                let text = read(file)?;
                if text.len() != len || checksum(text.as_bytes()) != sum {
                    return Err(FileError::new(
                        "the file changed while it was being checked: check it again",
                    ));
                }
                Ok(Text::Whole(text))
            }
        }
    }
}

/// A cheap fingerprint of `bytes` (eight bytes at a time), to tell a file read again from
/// the one that was linted.
fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        sum = (sum ^ word)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(23);
    }
    for &b in chunks.remainder() {
        sum = (sum ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    sum
}
