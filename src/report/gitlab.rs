//! GitLab Code Quality: a JSON array of issues with a description, a check name, a
//! fingerprint, a severity and a location.

use std::io::{self, Write};

use handbook_lints::Severity;
use serde::Serialize;

use super::ci::{relative_path, Fingerprints};
use super::for_each_located;
use super::json::{PrettyArray, ITEMS};
use crate::runner::Reports;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn write(reports: &Reports, out: &mut dyn Write) -> io::Result<()> {
    let mut fingerprints = Fingerprints::default();
    let mut issues = PrettyArray::around(&ITEMS, out)?;
    for_each_located(reports, |found| {
        issues.push(&{
            let d = found.d;
            let path = relative_path(found.path);
            Issue {
                description: format!("{} [{}] {}", d.lint.code, d.lint.name, d.message),
                check_name: d.lint.name,
                fingerprint: fingerprints.next(&path, &found),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                location: Location {
                    path,
                    lines: Lines {
                        begin: found.start.line,
                        end: found.end.line,
                    },
                },
            }
        })
    })?;
    issues.end()
}
