//! Findings as compact bytes, for the run's store (`runner/store.rs`): integers as LEB128,
//! strings as their length and bytes, options and enums as a tag byte, lints by their code's
//! number (`HB804` is 804).

use std::borrow::Cow;
use std::io;
use std::sync::{Arc, OnceLock};

use handbook_lints::{registry, Applicability, Diagnostic, Edit, Fix, LintMeta, Severity, Span};

pub use handbook_lints::codec::{invalid, Reader, Writer};

/// Every lint by the number of its code.
fn lint_by_number(n: u64) -> io::Result<&'static LintMeta> {
    static TABLE: OnceLock<Vec<Option<&'static LintMeta>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![None; 1000];
        for meta in registry::catalog().iter() {
            if let Some(n) = code_number(meta) {
                table[n as usize] = Some(meta);
            }
        }
        table
    });
    table
        .get(n as usize)
        .copied()
        .flatten()
        .ok_or_else(|| invalid("lint"))
}

fn code_number(meta: &LintMeta) -> Option<u64> {
    meta.code.get(2..)?.parse().ok().filter(|&n| n < 1000)
}

fn severity_byte(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn severity_of(b: u8) -> io::Result<Severity> {
    match b {
        0 => Ok(Severity::Error),
        1 => Ok(Severity::Warning),
        2 => Ok(Severity::Info),
        _ => Err(invalid("severity")),
    }
}

/// About how many bytes [`encode_diagnostics`] writes for `diagnostics` (a fix's edits
/// counted once per finding): a buffer of this size does not grow by doubling, which left
/// a page of hundreds of thousands of findings with several copies of them.
pub fn size_hint(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .map(|d| {
            let text = |t: Option<&str>| t.map_or(1, |t| t.len() + 2);
            16 + d.message.len()
                + text(d.label.as_deref())
                + text(d.help.as_deref())
                + d.fix.as_ref().map_or(1, |f| f.title.len() + 8)
        })
        .sum::<usize>()
        + 8
}

/// A file's findings. A fix's edits shared by several findings (the fix of a whole list,
/// given to each item's finding) are written once and shared again when read.
pub fn encode_diagnostics(w: &mut Writer, diagnostics: &[Diagnostic]) {
    // Each list of edits by its address: its number among those written.
    let mut shared: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    w.usize(diagnostics.len());
    for d in diagnostics {
        // Every lint's code is `HB` and three digits (the registry's tests say so).
        w.u64(code_number(d.lint).unwrap_or(0));
        w.0.push(severity_byte(d.severity));
        w.range(d.span.start, d.span.end);
        w.str(&d.message);
        w.opt_str(d.label.as_deref());
        w.opt_str(d.help.as_deref());
        match &d.fix {
            None => w.0.push(0),
            Some(fix) => {
                w.0.push(match fix.applicability {
                    Applicability::Safe => 1,
                    Applicability::Unsafe => 2,
                });
                w.str(&fix.title);
                let address = Arc::as_ptr(&fix.edits).cast::<Edit>() as usize;
                match shared.get(&address) {
                    Some(&i) => w.usize(i + 1),
                    None => {
                        shared.insert(address, shared.len());
                        w.usize(0);
                        w.usize(fix.edits.len());
                        for e in fix.edits.iter() {
                            w.range(e.span.start, e.span.end);
                            w.str(&e.replacement);
                        }
                    }
                }
            }
        }
    }
}

pub fn decode_diagnostics(r: &mut Reader<'_>) -> io::Result<Vec<Diagnostic>> {
    let n = r.usize()?;
    let mut shared: Vec<Arc<[Edit]>> = Vec::new();
    let mut out = Vec::with_capacity(n.min(r.0.len()));
    for _ in 0..n {
        let lint = lint_by_number(r.u64()?)?;
        let severity = severity_of(r.byte()?)?;
        let (start, end) = r.range()?;
        let span = Span { start, end };
        let message = r.str()?.to_owned();
        let label = r.opt_str()?.map(str::to_owned).map(Cow::Owned);
        let help = r.opt_str()?.map(str::to_owned).map(Cow::Owned);
        let fix = match r.byte()? {
            0 => None,
            tag => {
                let applicability = match tag {
                    1 => Applicability::Safe,
                    2 => Applicability::Unsafe,
                    _ => return Err(invalid("fix")),
                };
                let title = Cow::Owned(r.str()?.to_owned());
                let edits = match r.usize()? {
                    0 => {
                        let count = r.usize()?;
                        let mut edits = Vec::with_capacity(count.min(r.0.len()));
                        for _ in 0..count {
                            let (start, end) = r.range()?;
                            let span = Span { start, end };
                            edits.push(Edit::replace(span, r.str()?.to_owned()));
                        }
                        let edits: Arc<[Edit]> = edits.into();
                        shared.push(edits.clone());
                        edits
                    }
                    i => shared.get(i - 1).cloned().ok_or_else(|| invalid("edits"))?,
                };
                Some(Box::new(Fix {
                    title,
                    applicability,
                    edits,
                }))
            }
        };
        out.push(Diagnostic {
            lint,
            severity,
            span,
            message,
            label,
            help,
            fix,
        });
    }
    Ok(out)
}
