//! JUnit XML: one test suite per file checked, one test case per finding. Errors and warnings
//! are failures; an info is a passing case with its message as output; a file with no finding
//! has one passing case; a file that could not be read has one case in error.

use std::fmt::Write as _;
use std::io::{self, Write};

use handbook_lints::Severity;

use super::xml::{attr, text};
use super::{located_in, Located, Totals};
use crate::runner::{FileReport, Outcome, Reports};

pub fn write(reports: &Reports, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
    // The counts head the document: a case per finding, one per file without any, one per
    // file that failed; errors and warnings fail.
    let tests =
        totals.findings + (totals.files_checked - totals.files_with_findings) + totals.failed_files;
    let failures = totals.errors + totals.warnings;
    let errors = totals.failed_files;
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"handbook-lint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n"
    )?;
    for report in reports.each() {
        out.write_all(suite(&report?).as_bytes())?;
    }
    writeln!(out, "</testsuites>")
}

/// One file's test suite.
fn suite(report: &FileReport) -> String {
    let path = attr(&report.display);
    let mut cases = String::new();
    let (mut n, mut failed, mut broken) = (0, 0, 0);
    match &report.outcome {
        Outcome::Failed(why) => {
            n = 1;
            broken = 1;
            let _ = write!(
                cases,
                "    <testcase name=\"read\" classname=\"{path}\" file=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n",
                attr(&why.render(&report.display))
            );
        }
        Outcome::Checked { .. } => {
            for found in located_in(report) {
                n += 1;
                failed += usize::from(found.d.severity > Severity::Info);
                case(&mut cases, &path, &found);
            }
            if n == 0 {
                n = 1;
                let _ = writeln!(
                    cases,
                    "    <testcase name=\"no findings\" classname=\"{path}\" file=\"{path}\"/>"
                );
            }
        }
    }
    format!(
        "  <testsuite name=\"{path}\" tests=\"{n}\" failures=\"{failed}\" errors=\"{broken}\">\n{cases}  </testsuite>\n"
    )
}

fn case(out: &mut String, path: &str, found: &Located) {
    let d = found.d;
    let (line, column) = (found.start.line, found.start.column);
    let mut detail = format!(
        "{}:{line}:{column}: {} [{}] {}",
        found.path, d.lint.code, d.lint.name, d.message
    );
    if let Some(help) = &d.help {
        let _ = write!(detail, "\nhelp: {help}");
    }
    let _ = writeln!(
        out,
        "    <testcase name=\"{} {} at {line}:{column}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">",
        d.lint.code, d.lint.name
    );
    if d.severity > Severity::Info {
        let _ = writeln!(
            out,
            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
            attr(&d.message),
            d.severity.as_str(),
            text(&detail)
        );
    } else {
        let _ = writeln!(out, "      <system-out>{}</system-out>", text(&detail));
    }
    out.push_str("    </testcase>\n");
}
