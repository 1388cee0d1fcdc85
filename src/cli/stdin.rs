//! `check --stdin-filename NAME`: lint standard input as if it were the file NAME.

use std::io::{IsTerminal, Read, Write};

use super::finish::finish;
use super::{usage_error, use_color, CheckArgs};
use crate::config::Rules;
use crate::discover::{Site, SourceFile};
use crate::read::decode;
use crate::runner::{lint_stdin, FileReport, Mode, Outcome, Reports};

/// `--stdin-filename NAME`: lint standard input as the file NAME.
pub(super) fn check_stdin(
    args: &CheckArgs,
    name: &std::path::Path,
    site: Site,
    rules: std::sync::Arc<Rules>,
    mode: Mode,
) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        return usage_error(&format!("cannot read standard input: {e}"));
    }
    let file = SourceFile::new(name, std::sync::Arc::new(site));
    let input = bytes.clone();
    let outcome = match decode(bytes) {
        Ok(text) => {
            let outcome = lint_stdin(&file, text.clone(), rules, mode);
            if matches!(mode, Mode::Fix { .. }) {
                // The fixed text (or the input unchanged) is the output; the report goes to stderr.
                let fixed = match &outcome {
                    Outcome::Checked {
                        text: Some(t),
                        fixed,
                        ..
                    } if *fixed > 0 => t.as_str(),
                    _ => text.as_str(),
                };
                let mut stdout = std::io::stdout().lock();
                let _ = stdout
                    .write_all(fixed.as_bytes())
                    .and_then(|()| stdout.flush());
            }
            outcome
        }
        Err(e) => {
            if matches!(mode, Mode::Fix { .. }) {
                // Nothing can be fixed: give the input back unchanged, so that an editor
                // piping its buffer through the tool does not lose it.
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(&input).and_then(|()| stdout.flush());
            }
            Outcome::Failed(e)
        }
    };
    let reports = Reports::of(vec![FileReport {
        display: file.display().to_string(),
        outcome,
    }]);
    let mut errors = Vec::new();
    if matches!(mode, Mode::Fix { .. }) {
        let color = use_color(args.color, std::io::stderr().is_terminal());
        finish(
            args,
            mode,
            &reports,
            &mut errors,
            color,
            &mut std::io::stderr().lock(),
        )
    } else {
        let color = use_color(args.color, std::io::stdout().is_terminal());
        finish(
            args,
            mode,
            &reports,
            &mut errors,
            color,
            &mut std::io::stdout().lock(),
        )
    }
}
