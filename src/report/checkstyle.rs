//! Checkstyle XML 4.3: a `<file>` per file checked, an `<error>` per finding.

use std::io::{self, Write};

use super::located_in;
use super::xml::attr;
use crate::runner::{Outcome, Reports};

pub fn write(reports: &Reports, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">"
    )?;
    for report in reports.each() {
        let report = &report?;
        if let Outcome::Failed(_) = report.outcome {
            // Reported on standard error; the run exits 2.
            continue;
        }
        let mut found = located_in(report).peekable();
        if found.peek().is_none() {
            writeln!(out, "  <file name=\"{}\"/>", attr(&report.display))?;
            continue;
        }
        writeln!(out, "  <file name=\"{}\">", attr(&report.display))?;
        for f in found {
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"handbook-lint.{}\"/>",
                f.start.line,
                f.start.column,
                f.d.severity.as_str(),
                attr(&f.d.message),
                f.d.lint.code
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
