//! Counts of a run's reports: the summary line and the exit code come from them.

use std::fmt::Write as _;

use handbook_lints::{Applicability, Severity};

use super::{FileReport, Outcome};

/// Counts for the summary and the exit code.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub files_checked: usize,
    pub files_with_findings: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
    pub failed_files: usize,
    /// Findings fixed (or that `--diff` would fix) and the files they are in.
    pub fixed: usize,
    pub files_fixed: usize,
}

impl Totals {
    /// Add `r`'s counts.
    pub fn add(&mut self, r: &FileReport) {
        let diagnostics = match &r.outcome {
            Outcome::Failed(_) => {
                self.failed_files += 1;
                return;
            }
            Outcome::Checked {
                diagnostics, fixed, ..
            } => {
                self.files_checked += 1;
                self.fixed += fixed;
                self.files_fixed += usize::from(*fixed > 0);
                self.files_with_findings += usize::from(!diagnostics.is_empty());
                diagnostics
            }
        };
        for d in diagnostics {
            self.findings += 1;
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => self.safe_fixes += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixes += 1,
                None => {}
            }
        }
    }

    /// Add the counts of `o`.
    pub fn merge(&mut self, o: &Totals) {
        self.files_checked += o.files_checked;
        self.files_with_findings += o.files_with_findings;
        self.findings += o.findings;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
        self.safe_fixes += o.safe_fixes;
        self.unsafe_fixes += o.unsafe_fixes;
        self.failed_files += o.failed_files;
        self.fixed += o.fixed;
        self.files_fixed += o.files_fixed;
    }

    /// The highest severity found, if any.
    pub fn highest(&self) -> Option<Severity> {
        [
            (self.errors, Severity::Error),
            (self.warnings, Severity::Warning),
            (self.infos, Severity::Info),
        ]
        .into_iter()
        .find(|&(n, _)| n > 0)
        .map(|(_, s)| s)
    }

    /// `3 findings in 1 file`: what --fix fixed or --diff would fix.
    pub fn fixed_phrase(&self) -> String {
        format!(
            "{} {} in {} {}",
            self.fixed,
            plural(self.fixed, "finding", "findings"),
            self.files_fixed,
            plural(self.files_fixed, "file", "files")
        )
    }

    /// `Found 3 findings (1 error, 2 warnings) in 2 of 9 files; 2 fixable with --fix.`
    pub fn summary(&self) -> String {
        if self.findings == 0 {
            return format!(
                "No findings in {} {}.",
                self.files_checked,
                plural(self.files_checked, "file", "files")
            );
        }
        let mut parts = Vec::new();
        for (n, one, many) in [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", plural(n, one, many)));
            }
        }
        let mut s = format!(
            "Found {} {} ({}) in {} of {} files",
            self.findings,
            plural(self.findings, "finding", "findings"),
            parts.join(", "),
            self.files_with_findings,
            self.files_checked
        );
        if self.safe_fixes > 0 {
            let _ = write!(s, "; {} fixable with --fix", self.safe_fixes);
        }
        if self.unsafe_fixes > 0 {
            let _ = write!(s, "; {} more with --unsafe-fixes", self.unsafe_fixes);
        }
        s.push('.');
        s
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// What the report store counts of one report, made where the report is.
#[derive(Debug, Default)]
pub struct Tally {
    pub(super) totals: Totals,
    pub(super) notable: bool,
}

impl Tally {
    pub fn of(report: &FileReport) -> Tally {
        let mut totals = Totals::default();
        totals.add(report);
        let notable = match &report.outcome {
            Outcome::Failed(_) => true,
            Outcome::Checked { unconverged, .. } => !unconverged.is_empty(),
        };
        Tally { totals, notable }
    }
}
