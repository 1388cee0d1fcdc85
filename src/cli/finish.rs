//! The end of a `check` run: write the report (or the diff), print errors and the summary,
//! and decide the exit code.

use std::io::Write;

use handbook_lints::Severity;

use super::{CheckArgs, FailOn, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::report::{self, Format};
use crate::runner::{Mode, Outcome, Reports};

/// Report, print errors and the summary, and decide the exit code.
pub(super) fn finish(
    args: &CheckArgs,
    mode: Mode,
    reports: &Reports,
    errors: &mut Vec<String>,
    color: bool,
    out: &mut dyn Write,
) -> u8 {
    let totals = reports.totals().clone();
    let mut warnings = Vec::new();
    let notable = match reports.notable() {
        Ok(notable) => notable,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    };
    for r in notable {
        match &r.outcome {
            Outcome::Failed(why) => errors.push(why.render(&r.display)),
            Outcome::Checked { unconverged, .. } => warnings.push(format!(
                "warning: {}: fixes did not settle after {} rounds ({}); kept the last text that parsed",
                r.display,
                handbook_lints::fix::MAX_ROUNDS,
                unconverged.join(", ")
            )),
        }
    }
    let written = if let Mode::Diff { .. } = mode {
        reports.each().try_for_each(|r| match r?.outcome {
            Outcome::Checked { diff: Some(d), .. } => out.write_all(d.as_bytes()),
            _ => Ok(()),
        })
    } else {
        report::write(args.format(), reports, &totals, color, out)
    };
    if let Err(e) = written.and_then(|()| out.flush()) {
        if crate::runner::store::is_read_back(&e) {
            eprintln!("error: {e}");
        } else if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
        }
        return EXIT_ERROR;
    }
    for w in warnings {
        eprintln!("{w}");
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
    let failed = fail_at.is_some_and(|level| totals.highest().is_some_and(|h| h >= level));
    if failed {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
