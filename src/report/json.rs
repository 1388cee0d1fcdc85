//! The `json` format, and JSON documents written as serde_json prints them, with one array
//! streamed element by element (also for SARIF and GitLab).

use std::io::{self, Write};

use serde::Serialize;

use super::{for_each_located, Located, Totals};
use crate::runner::Reports;

#[derive(Serialize)]
struct JsonReport {
    version: u32,
    files_checked: usize,
    /// [`ITEMS`]: the findings are printed in its place.
    diagnostics: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

pub(super) fn write_json(
    reports: &Reports,
    totals: &Totals,
    out: &mut dyn Write,
) -> io::Result<()> {
    let head = JsonReport {
        version: 1,
        files_checked: totals.files_checked,
        diagnostics: ITEMS,
    };
    let mut array = PrettyArray::around(&head, out)?;
    for_each_located(
        reports,
        |Located {
             path,
             d,
             start,
             end,
             ..
         }| {
            array.push(&JsonDiagnostic {
                path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                code: d.lint.code,
                rule: d.lint.name,
                severity: d.severity.as_str(),
                message: &d.message,
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    applicability: f.applicability.as_str(),
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            start: e.span.start,
                            end: e.span.end,
                            replacement: &e.replacement,
                        })
                        .collect(),
                }),
            })
        },
    )?;
    array.end()
}

/// Where a streamed array goes in a document: the document is printed with this string in
/// its place.
pub(super) const ITEMS: &str = "\u{0}items\u{0}";

/// A JSON document printed as serde_json's pretty printer prints it, with one array written
/// element by element as they come (the findings of a large site are never all held).
pub(super) struct PrettyArray<'a> {
    out: &'a mut dyn Write,
    /// The indentation of the array's elements.
    pad: String,
    /// The document after the array.
    rest: String,
    count: usize,
    error: Option<io::Error>,
}

impl<'a> PrettyArray<'a> {
    /// Print `doc` up to the string [`ITEMS`] (one of its values, the array's place).
    pub(super) fn around(
        doc: &impl Serialize,
        out: &'a mut dyn Write,
    ) -> io::Result<PrettyArray<'a>> {
        let text = serde_json::to_string_pretty(doc)?;
        let marker = serde_json::to_string(ITEMS)?;
        let at = text
            .find(&marker)
            .ok_or_else(|| io::Error::other("no place for the array"))?;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = text[line_start..]
            .bytes()
            .take_while(|&b| b == b' ')
            .count();
        out.write_all(&text.as_bytes()[..at])?;
        Ok(PrettyArray {
            out,
            pad: " ".repeat(indent + 2),
            rest: text[at + marker.len()..].to_string(),
            count: 0,
            error: None,
        })
    }

    /// Print one element (the first write error is kept for [`PrettyArray::end`]).
    pub(super) fn push(&mut self, item: &impl Serialize) {
        if self.error.is_some() {
            return;
        }
        let written = self.write_item(item);
        if let Err(e) = written {
            self.error = Some(e);
        }
    }

    fn write_item(&mut self, item: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(item)?;
        self.out
            .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
        self.count += 1;
        // A JSON string holds no line break: every line of the element is indented.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(self.pad.as_bytes())?;
            self.out.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    /// Close the array and print the rest of the document, and a final line break.
    pub(super) fn end(self) -> io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.count == 0 {
            self.out.write_all(b"[]")?;
        } else {
            let close = &self.pad[2..];
            write!(self.out, "\n{close}]")?;
        }
        self.out.write_all(self.rest.as_bytes())?;
        writeln!(self.out)
    }
}
