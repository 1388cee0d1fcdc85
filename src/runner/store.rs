//! A run's findings as bytes, out of the way until they are printed.
//!
//! A check keeps every file's findings from the moment its page lints end until the report
//! is written: the site pass must first run on every page. Held as `Diagnostic`s, they grew
//! with the findings (a site that turns on every style lint has hundreds of thousands), so
//! peak memory grew with the site. Here each file's findings (and what is kept of its text)
//! are written as compact bytes as soon as they are known, with the facts only the page's own
//! site lints read (parked until its site pass: `Page::park`); past [`SPILL_AT`] bytes they
//! go to an unnamed temporary file, and the reporters read them back a batch of files at a
//! time. What a run holds for findings is then bounded, however many pages and findings it
//! has.

use std::borrow::Cow;
use std::io::{self, Seek, SeekFrom, Write};

use handbook_lints::registry;

use super::excerpt::Excerpt;
pub use super::totals::Tally;
use super::totals::Totals;
use super::{FileReport, Outcome};
use crate::codec::{decode_diagnostics, encode_diagnostics, invalid, size_hint, Reader, Writer};
use crate::read::FileError;

/// Bytes kept in memory before the rest goes to a temporary file: a site of a few hundred
/// pages stays in memory; past that, each page's record (its findings and the facts parked
/// for its site pass) would make memory grow with the site. A quarter of a megabyte measured
/// as fast as 4 MB (large-ruby-lang, synthetic 20,000 pages), with 6-9 MB less at the peak.
pub const SPILL_AT: usize = 256 << 10;

/// Bytes kept in memory before the rest goes to a temporary file: [`SPILL_AT`], or the number
/// in `HANDBOOK_LINT_SPILL_AT` (the tests set it low, to send every record to the file).
pub fn spill_limit() -> usize {
    std::env::var("HANDBOOK_LINT_SPILL_AT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(SPILL_AT)
}

/// A report that could not be read back from the store (see [`is_read_back`]).
#[derive(Debug)]
struct ReadBack(io::Error);

impl std::fmt::Display for ReadBack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot read the findings back: {}", self.0)
    }
}

impl std::error::Error for ReadBack {}

fn read_back(e: io::Error) -> io::Error {
    io::Error::other(ReadBack(e))
}

/// Whether `e`, met while writing a report, came from reading the store, not from writing.
pub fn is_read_back(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<ReadBack>())
}

/// Where one record is: its offset alone, the record being put after its length (a varint):
/// eight bytes a file and a report, and no record too long to be found again.
#[derive(Clone, Copy, Debug)]
pub struct Loc(u64);

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Loc>() == 8);

/// The length of the record at the start of `bytes` and the length of that header; `None`
/// when `bytes` ends within the header or it is not a length.
fn header(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut r = Reader(bytes);
    let len = r.usize().ok()?;
    Some((len, bytes.len() - r.0.len()))
}

/// Records of bytes: in memory up to a limit, then appended to an unnamed temporary file
/// (deleted by the system when it is closed). When no temporary file can be made or written,
/// the records stay in memory: the run goes on as before.
#[derive(Debug)]
pub struct Spill {
    limit: usize,
    memory: Vec<u8>,
    file: Option<std::fs::File>,
    /// Bytes written to the file: records past them are in `memory`, at `offset - written`.
    written: u64,
    /// Why the file could not be made or written, once it could not: nothing more is written.
    failed: Option<String>,
    /// The last stretch of the file read, from this offset: records are read back nearly in
    /// the order they were written, so one read serves many (a system call per record was
    /// a tenth of a large run's system time).
    read: (u64, Vec<u8>),
}

/// Bytes read from the temporary file at once.
const READ_AHEAD: usize = 64 << 10;

impl Spill {
    pub fn new(limit: usize) -> Spill {
        Spill {
            limit,
            memory: Vec::new(),
            file: None,
            written: 0,
            failed: None,
            read: (0, Vec::new()),
        }
    }

    /// Keep `bytes`, after their length; returns where they are.
    pub fn put(&mut self, bytes: &[u8]) -> Loc {
        let loc = Loc(self.written + self.memory.len() as u64);
        let mut head = Writer(Vec::with_capacity(10));
        head.usize(bytes.len());
        let size = head.0.len() + bytes.len();
        // What is in memory goes to the file before the buffer would pass the limit, and a
        // record larger than the limit goes there straight (no copy of it is held).
        if self.memory.len() + size > self.limit && self.failed.is_none() {
            let memory = std::mem::take(&mut self.memory);
            if self.write_out(&[&memory]) {
                self.memory = memory;
                self.memory.clear();
                if size > self.limit && self.write_out(&[&head.0, bytes]) {
                    return loc;
                }
            } else {
                self.memory = memory;
            }
        }
        if self.memory.capacity() == 0 {
            // All the room at once: what is never written to is never in memory, and the
            // buffer does not double past the limit as it grows.
            self.memory.reserve_exact(self.limit.min(SPILL_AT));
        }
        self.memory.extend_from_slice(&head.0);
        self.memory.extend_from_slice(bytes);
        loc
    }

    /// Append `parts` to the file (made the first time), in one write: `written` moves past
    /// them only when all were written. False, and nothing more is ever written, when the
    /// file cannot be made or written (a full disk: what was written stays readable, and the
    /// rest is kept in memory).
    fn write_out(&mut self, parts: &[&[u8]]) -> bool {
        let size: usize = parts.iter().map(|p| p.len()).sum();
        if size == 0 {
            return true;
        }
        if self.file.is_none() {
            match tempfile::tempfile() {
                Ok(file) => self.file = Some(file),
                Err(e) => {
                    self.failed = Some(e.to_string());
                    return false;
                }
            }
        }
        // At the end: reading a record moved the file's position.
        let end = self.written;
        let written = match &mut self.file {
            Some(file) => file
                .seek(SeekFrom::Start(end))
                .and_then(|_| parts.iter().try_for_each(|p| file.write_all(p))),
            None => Err(io::Error::other("no temporary file")),
        };
        match written {
            Ok(()) => self.written += size as u64,
            Err(e) => self.failed = Some(e.to_string()),
        }
        self.failed.is_none()
    }

    /// The bytes of the record at `loc`.
    pub fn get(&mut self, loc: Loc) -> io::Result<Cow<'_, [u8]>> {
        let offset = loc.0;
        if offset >= self.written {
            let at = usize::try_from(offset - self.written).map_err(|_| invalid("offset"))?;
            let rest = self.memory.get(at..).ok_or_else(|| invalid("offset"))?;
            let (len, head) = header(rest).ok_or_else(|| invalid("record"))?;
            let record = rest.get(head..).and_then(|r| r.get(..len));
            return record.map(Cow::Borrowed).ok_or_else(|| invalid("record"));
        }
        let (start, ref buffer) = self.read;
        let within = |buffer: &[u8], at: u64| -> Option<(usize, usize)> {
            let rest = buffer.get(usize::try_from(at).ok()?..)?;
            let (len, head) = header(rest)?;
            (len <= rest.len() - head).then_some((head, len))
        };
        if offset >= start {
            if let Some((head, len)) = within(buffer, offset - start) {
                let at = (offset - start) as usize + head;
                return Ok(Cow::Borrowed(&self.read.1[at..at + len]));
            }
        }
        let file = self
            .file
            .as_mut()
            .ok_or_else(|| io::Error::other("a spilled record without its file"))?;
        // The record and what follows it, up to what was written; of a longer record, the
        // rest is read once its header says how long it is.
        let upto = (self.written - offset).min(READ_AHEAD as u64) as usize;
        let mut buffer = std::mem::take(&mut self.read.1);
        buffer.resize(upto, 0);
        if let Err(e) = read_at(file, offset, &mut buffer) {
            self.read = (0, Vec::new());
            return Err(e);
        }
        self.read = (offset, buffer);
        let (len, head) = header(&self.read.1).ok_or_else(|| invalid("record"))?;
        if len as u64 > (self.written - offset).saturating_sub(head as u64) {
            return Err(invalid("record"));
        }
        if len <= self.read.1.len() - head {
            return Ok(Cow::Borrowed(&self.read.1[head..head + len]));
        }
        let mut bytes = self.read.1[head..].to_vec();
        let have = bytes.len();
        bytes.resize(len, 0);
        read_at(file, offset + (head + have) as u64, &mut bytes[have..])?;
        Ok(Cow::Owned(bytes))
    }

    /// Whether records went to a temporary file.
    pub fn spilled(&self) -> bool {
        self.written > 0
    }

    /// Why records past the limit stayed in memory, when the file could not be made or
    /// written.
    pub fn failure(&self) -> Option<&str> {
        self.failed.as_deref()
    }
}

/// Fill `bytes` from `file` at `offset`.
fn read_at(file: &mut std::fs::File, offset: u64, bytes: &mut [u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(bytes)
    }
}

/// The reports of a run, in the order of its files, kept as bytes (see the module), with
/// their counts.
#[derive(Debug)]
pub struct Reports {
    spill: std::sync::Mutex<Spill>,
    locs: Vec<Loc>,
    totals: Totals,
    /// The reports of files that failed or whose fixes did not settle.
    notable: Vec<usize>,
}

/// How many files' records are read back, finished and printed at once. 64, not 256: on a
/// site of 20,000 pages the smaller batch peaked 2 MB lower (27.8 -> 25.7 MB, every lint),
/// and large-ruby-lang took the same CPU time (interleaved, 20 rounds: 349 against 343 ms).
pub const BATCH: usize = 64;

impl Reports {
    pub fn with_limit(limit: usize) -> Reports {
        Reports::after(Spill::new(limit))
    }

    /// Reports stored after the records already in `spill` (the run's pages' findings, read
    /// back with [`Reports::record`] as each page is finished): one buffer for both.
    pub fn after(spill: Spill) -> Reports {
        Reports {
            spill: std::sync::Mutex::new(spill),
            locs: Vec::new(),
            totals: Totals::default(),
            notable: Vec::new(),
        }
    }

    /// The bytes of a record put in the spill given to [`Reports::after`].
    pub fn record(&self, loc: Loc) -> io::Result<Vec<u8>> {
        let mut spill = self
            .spill
            .lock()
            .map_err(|_| io::Error::other("the report store was poisoned"))?;
        Ok(spill.get(loc)?.into_owned())
    }

    /// Reports held in memory as they are (standard input, tests).
    pub fn of(reports: Vec<FileReport>) -> Reports {
        let mut all = Reports::with_limit(spill_limit());
        all.extend(reports);
        all
    }

    /// Add reports, after those already here.
    pub fn extend(&mut self, reports: impl IntoIterator<Item = FileReport>) {
        for report in reports {
            let bytes = encode_report(&report);
            self.push_encoded(&bytes, Tally::of(&report));
        }
    }

    /// Add one report given as [`encode_report`]'s bytes, with its [`Tally`].
    pub fn push_encoded(&mut self, bytes: &[u8], tally: Tally) {
        let loc = match self.spill.get_mut() {
            Ok(spill) => spill.put(bytes),
            Err(poisoned) => poisoned.into_inner().put(bytes),
        };
        if tally.notable {
            self.notable.push(self.locs.len());
        }
        self.totals.merge(&tally.totals);
        self.locs.push(loc);
    }

    /// The counts of every report.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// The reports of files that failed or whose fixes did not settle, in order.
    pub fn notable(&self) -> io::Result<Vec<FileReport>> {
        let mut spill = self
            .spill
            .lock()
            .map_err(|_| io::Error::other("the report store was poisoned"))?;
        self.notable
            .iter()
            .map(|&i| decode_report(&spill.get(self.locs[i])?))
            .collect::<io::Result<Vec<FileReport>>>()
            .map_err(read_back)
    }

    pub fn len(&self) -> usize {
        self.locs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.locs.is_empty()
    }

    /// Whether reports went to a temporary file.
    pub fn spilled(&self) -> bool {
        self.spill.lock().map(|s| s.spilled()).unwrap_or(false)
    }

    /// A note for the terminal when the temporary file could not be made or written, and
    /// what was meant for it was kept in memory.
    pub fn spill_note(&self) -> Option<String> {
        let spill = self.spill.lock().ok()?;
        spill.failure().map(|e| {
            format!("findings were kept in memory: no temporary file could be written ({e})")
        })
    }

    /// The reports, [`BATCH`] files at a time, in order. A batch's records are read on this
    /// thread and decoded on the pool: the pages are all finished by now, and decoding was
    /// two fifths of what a run of 5,000 files did on its main thread after them.
    pub fn batches(&self) -> impl Iterator<Item = io::Result<Vec<FileReport>>> + '_ {
        use rayon::prelude::*;
        self.locs.chunks(BATCH).map(|locs| {
            let mut spill = self
                .spill
                .lock()
                .map_err(|_| io::Error::other("the report store was poisoned"))?;
            let records = locs
                .iter()
                .map(|&loc| spill.get(loc).map(Cow::into_owned))
                .collect::<io::Result<Vec<Vec<u8>>>>()
                .map_err(read_back)?;
            drop(spill);
            // Each record freed where it is decoded; of several that cannot be, the first.
            let decoded: Vec<io::Result<FileReport>> = records
                .into_par_iter()
                .map(|bytes| decode_report(&bytes))
                .collect();
            decoded
                .into_iter()
                .collect::<io::Result<Vec<FileReport>>>()
                .map_err(read_back)
        })
    }

    /// Every report, one at a time, in order; a batch that cannot be read back gives its
    /// error in place of its reports (callers stop at the first).
    pub fn each(&self) -> impl Iterator<Item = io::Result<FileReport>> + '_ {
        self.batches().flat_map(|batch| match batch {
            Ok(reports) => reports.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        })
    }
}

fn opt_string(w: &mut Writer, s: &Option<String>) {
    w.opt_str(s.as_deref());
}

/// One file's report as bytes.
pub fn encode_report(report: &FileReport) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + size_hint(report.diagnostics())));
    w.str(&report.display);
    match &report.outcome {
        Outcome::Failed(e) => {
            w.0.push(1);
            w.bool(e.at.is_some());
            if let Some((line, column)) = e.at {
                w.usize(line);
                w.usize(column);
            }
            w.str(&e.message);
        }
        Outcome::Checked {
            diagnostics,
            text,
            excerpt,
            fixed,
            diff,
            unconverged,
        } => {
            w.0.push(0);
            encode_diagnostics(&mut w, diagnostics);
            opt_string(&mut w, text);
            w.bool(excerpt.is_some());
            if let Some(excerpt) = excerpt {
                excerpt.encode(&mut w);
            }
            w.usize(*fixed);
            opt_string(&mut w, diff);
            w.usize(unconverged.len());
            for name in unconverged {
                w.str(name);
            }
        }
    }
    w.0
}

/// [`encode_report`]'s bytes as the report again.
pub fn decode_report(bytes: &[u8]) -> io::Result<FileReport> {
    let mut r = Reader(bytes);
    let display = r.str()?.to_owned();
    let outcome = match r.byte()? {
        1 => {
            let at = if r.bool()? {
                Some((r.usize()?, r.usize()?))
            } else {
                None
            };
            Outcome::Failed(FileError {
                at,
                message: r.str()?.to_owned(),
            })
        }
        0 => {
            let diagnostics = decode_diagnostics(&mut r)?;
            let text = r.opt_str()?.map(str::to_owned);
            let excerpt = if r.bool()? {
                Some(Excerpt::decode(&mut r)?)
            } else {
                None
            };
            let fixed = r.usize()?;
            let diff = r.opt_str()?.map(str::to_owned);
            let n = r.usize()?;
            let mut unconverged = Vec::with_capacity(n.min(r.0.len()));
            for _ in 0..n {
                let name = r.str()?;
                unconverged.push(registry::find(name).ok_or_else(|| invalid("lint"))?.name);
            }
            Outcome::Checked {
                diagnostics,
                text,
                excerpt,
                fixed,
                diff,
                unconverged,
            }
        }
        _ => return Err(invalid("outcome")),
    };
    Ok(FileReport { display, outcome })
}

#[cfg(test)]
mod tests;
