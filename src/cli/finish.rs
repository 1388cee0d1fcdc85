//! The end of a `check` run: write the report (or the diff), print errors and the summary,
//! and decide the exit code.

use std::io::Write;

use handbook_lints::Severity;

use super::{CheckArgs, FailOn, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::report::{self, Format, Totals};
use crate::runner::{FileReport, Mode, Outcome};

/// Report, print errors and the summary, and decide the exit code.
pub(super) fn finish(
    args: &CheckArgs,
    mode: Mode,
    reports: &[FileReport],
    errors: &mut Vec<String>,
    color: bool,
    out: &mut dyn Write,
) -> u8 {
    let totals = Totals::of(reports);
    let written = if let Mode::Diff { .. } = mode {
        reports
            .iter()
            .filter_map(|r| match &r.outcome {
                Outcome::Checked { diff: Some(d), .. } => Some(d.as_str()),
                _ => None,
            })
            .try_for_each(|d| out.write_all(d.as_bytes()))
    } else {
        report::write(args.format(), reports, &totals, color, out)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
        }
        return EXIT_ERROR;
    }
    for r in reports {
        match &r.outcome {
            Outcome::Failed(why) => errors.push(why.render(&r.display)),
            Outcome::Checked { unconverged, .. } if !unconverged.is_empty() => eprintln!(
                "warning: {}: fixes did not settle after {} rounds ({}); kept the last text that parsed",
                r.display,
                handbook_lints::fix::MAX_ROUNDS,
                unconverged.join(", ")
            ),
            Outcome::Checked { .. } => {}
        }
    }
    for e in errors.iter() {
        eprintln!("error: {e}");
    }
    match mode {
        Mode::Fix { .. } if totals.fixed > 0 => eprintln!("Fixed {}.", totals.fixed_phrase()),
        Mode::Diff { .. } => {
            eprintln!("Would fix {}.", totals.fixed_phrase());
            return if !errors.is_empty() {
                EXIT_ERROR
            } else if totals.files_fixed > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            };
        }
        _ => {}
    }
    if let Err(e) = report::summary::append_to_github_step_summary(reports, &totals) {
        eprintln!("warning: {e}");
    }
    let for_tools = !matches!(args.format(), Format::Full | Format::Concise);
    if !for_tools || args.output_file.is_some() {
        eprintln!("{}", totals.summary());
    }
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let fail_at = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = fail_at.is_some_and(|level| {
        reports
            .iter()
            .flat_map(|r| r.diagnostics())
            .any(|d| d.severity >= level)
    });
    if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
