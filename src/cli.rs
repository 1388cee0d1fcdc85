//! The command line: `check` (the default), `rules` and `explain`.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use handbook_lints::lint::FixAvailability;
use handbook_lints::registry::{self, LINTS, SITE_LINTS};
use handbook_lints::{Lint, Severity};
use handbook_lints::{LintMeta, SiteLint};

use std::io::Read;

use handbook_lints::Applicability;

use crate::changed::Changes;
use crate::discover::{discover, slash_path, Site, SourceFile};
use crate::report::{self, Format, Totals};
use crate::runner::{
    decode, file_info, lint_files, lint_sites, lint_text, FileReport, Mode, Outcome,
};

/// Exit codes: stable, like ruff's and markdownlint-cli2's.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "handbook-lint",
    version,
    about = "A fast linter for Jekyll / just-the-docs Markdown handbooks",
    after_help = "Exit codes: 0 no finding at or above the --fail-on level, 1 findings, 2 usage error or a file that could not be read.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and folders (the default command).
    Check(CheckArgs),
    /// List every lint: code, name, default severity, whether it fixes.
    Rules {
        /// `text` (a table), `markdown` (the README's table) or `json`.
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print the documentation of a lint, by name or code.
    Explain {
        /// A lint name (`backslash-link-path`) or code (`HB101`).
        rule: String,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
}

#[derive(Args, Debug, Default)]
struct CheckArgs {
    /// Files and folders to lint [default: .]
    paths: Vec<PathBuf>,
    /// Output format [default: full; github when GITHUB_ACTIONS=true, where a Markdown job
    /// summary is also appended to $GITHUB_STEP_SUMMARY whatever the format].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Only run these lints (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    select: Vec<String>,
    /// Do not run these lints (codes or names, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    ignore: Vec<String>,
    /// The lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    fail_on: FailOn,
    /// When to colour the output (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Apply safe fixes and write the files; the report shows what remains.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Also apply fixes that may change meaning (with --fix or --diff).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing (exit 1 if
    /// anything would change).
    #[arg(long)]
    diff: bool,
    /// Lint standard input as if it were the file NAME (with --fix the fixed text goes to
    /// standard output and the report to standard error).
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Write the report to PATH instead of standard output (the summary still goes to the
    /// terminal).
    #[arg(long, value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// Report only findings on lines added or changed since the git revision REF, and all
    /// findings in files added since REF or untracked (every file is still linted, so links
    /// are checked against the whole site).
    #[arg(long, value_name = "REF", conflicts_with_all = ["fix", "diff", "stdin_filename"])]
    changed_since: Option<String>,
}

impl CheckArgs {
    /// `--format`, or `github` under GitHub Actions, or `full`.
    fn format(&self) -> Format {
        self.format
            .unwrap_or(if report::summary::in_github_actions() {
                Format::Github
            } else {
                Format::Full
            })
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    #[default]
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// Run the tool with `args` (the program name first) and return its exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            });
        }
    };
    let code = match cli.command {
        Some(Command::Rules { format }) => rules(format),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "handbook-lint", &mut std::io::stdout());
            EXIT_CLEAN
        }
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
                Ok(()) => EXIT_CLEAN,
                Err(e) => usage_error(&format!("cannot write the manual page: {e}")),
            }
        }
        Some(Command::Check(args)) => check(args),
        None => check(cli.check),
    };
    ExitCode::from(code)
}

fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_ERROR
}

fn rules(format: RulesFormat) -> u8 {
    let out = match format {
        RulesFormat::Text => rules_text(),
        RulesFormat::Markdown => rules_markdown(),
        RulesFormat::Json => rules_json(),
    };
    print!("{out}");
    EXIT_CLEAN
}

fn fix_word(meta: &handbook_lints::LintMeta) -> &'static str {
    match meta.fix {
        FixAvailability::None => "no",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "yes",
    }
}

fn rules_text() -> String {
    let mut out = format!(
        "{:<6}  {:<26}  {:<8}  {:<9}  summary\n",
        "code", "name", "severity", "fix"
    );
    for meta in registry::metas() {
        out += &format!(
            "{:<6}  {:<26}  {:<8}  {:<9}  {}\n",
            meta.code,
            meta.name,
            meta.default_severity.as_str(),
            fix_word(meta),
            meta.summary()
        );
    }
    out
}

/// The lint table of the README, generated from the registry (a test keeps them equal).
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| code | name | severity | fix | what it reports |\n|---|---|---|---|---|\n");
    for meta in registry::metas() {
        out += &format!(
            "| {} | `{}` | {} | {} | {} |\n",
            meta.code,
            meta.name,
            meta.default_severity.as_str(),
            fix_word(meta),
            meta.summary().replace('|', "\\|")
        );
    }
    out
}

fn rules_json() -> String {
    let rules: Vec<serde_json::Value> = registry::metas()
        .map(|m| {
            serde_json::json!({
                "code": m.code,
                "name": m.name,
                "severity": m.default_severity.as_str(),
                "fix": fix_word(m),
                "summary": m.summary(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&rules).unwrap_or_default() + "\n"
}

fn explain(key: &str) -> u8 {
    match registry::find(key) {
        Some(meta) => {
            println!("# {} ({})\n", meta.name, meta.code);
            println!("Default severity: {}\n", meta.default_severity.as_str());
            print!("{}", meta.docs());
            EXIT_CLEAN
        }
        None => usage_error(&unknown_lint(key)),
    }
}

/// "unknown lint `x`", with the closest name when there is one.
fn unknown_lint(key: &str) -> String {
    let best = registry::metas()
        .map(|m| (handbook_lints::site_index::distance(key, m.name), m.name))
        .min()
        .filter(|(d, _)| *d <= 3);
    match best {
        Some((_, name)) => {
            format!("unknown lint `{key}` (did you mean `{name}`?); see `handbook-lint rules`")
        }
        None => format!("unknown lint `{key}`; see `handbook-lint rules`"),
    }
}

/// The lints to run, from `--select` and `--ignore`: per-page and site-wide.
type Selected = (Vec<&'static dyn Lint>, Vec<&'static dyn SiteLint>);

fn selected_lints(args: &CheckArgs) -> Result<Selected, String> {
    for key in args.select.iter().chain(&args.ignore) {
        if registry::find(key).is_none() {
            return Err(unknown_lint(key));
        }
    }
    let wanted = |meta: &LintMeta| {
        (args.select.is_empty() || args.select.iter().any(|k| meta.is_named(k)))
            && !args.ignore.iter().any(|k| meta.is_named(k))
    };
    Ok((
        LINTS.iter().copied().filter(|l| wanted(l.meta())).collect(),
        SITE_LINTS
            .iter()
            .copied()
            .filter(|l| wanted(l.meta()))
            .collect(),
    ))
}

fn check(mut args: CheckArgs) -> u8 {
    let (lints, site_lints) = match selected_lints(&args) {
        Ok(lints) => lints,
        Err(e) => return usage_error(&e),
    };
    let allowed = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = if args.fix {
        Mode::Fix { allowed }
    } else if args.diff {
        Mode::Diff { allowed }
    } else {
        Mode::Check
    };
    if let Some(name) = args.stdin_filename.take() {
        return check_stdin(&args, &name, &lints, mode);
    }
    if args.paths.is_empty() {
        args.paths.push(PathBuf::from("."));
    }
    let changes = match &args.changed_since {
        Some(rev) => match Changes::since(rev, &args.paths) {
            Ok(changes) => Some(changes),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };
    let found = discover(&args.paths);
    let mut reports = lint_files(&found.files, &lints, mode, !site_lints.is_empty());
    lint_sites(&found.files, &mut reports, &site_lints);
    if let Some(changes) = changes {
        changes.filter(&found.files, &mut reports);
    }
    let mut errors = found.errors;
    if let Some(path) = &args.output_file {
        // The report goes to the file; the terminal still gets errors and the summary.
        let file = match std::fs::File::create(path) {
            Ok(file) => file,
            Err(e) => {
                return usage_error(&format!("{}: cannot write the report: {e}", path.display()))
            }
        };
        let mut out = std::io::BufWriter::new(file);
        return finish(&args, mode, &reports, &mut errors, false, &mut out);
    }
    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    let mut out = std::io::BufWriter::new(stdout.lock());
    let status = finish(&args, mode, &reports, &mut errors, color, &mut out);
    drop(out);
    status
}

fn use_color(choice: Color, terminal: bool) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// `--stdin-filename NAME`: lint standard input as the file NAME.
fn check_stdin(
    args: &CheckArgs,
    name: &std::path::Path,
    lints: &[&'static dyn Lint],
    mode: Mode,
) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        return usage_error(&format!("cannot read standard input: {e}"));
    }
    let dir = name
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let site = match Site::find(dir) {
        Ok(site) => site,
        Err(e) => return usage_error(&e),
    };
    let file = SourceFile {
        path: name.to_path_buf(),
        display: slash_path(name),
        site: std::sync::Arc::new(site),
    };
    let input = bytes.clone();
    let outcome = match decode(bytes) {
        Ok(text) => {
            let outcome = lint_text(
                text.clone(),
                &file_info(&file),
                lints,
                mode,
                &file.display,
                None,
            );
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
    let reports = vec![FileReport {
        display: file.display,
        outcome,
    }];
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

/// Report, print errors and the summary, and decide the exit code.
fn finish(
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
