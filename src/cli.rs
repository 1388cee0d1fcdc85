//! The command line: `check` (the default), `rules` and `explain`.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use handbook_lints::lint::FixAvailability;
use handbook_lints::registry;
use handbook_lints::Severity;

use std::io::Read;

use handbook_lints::Applicability;

use crate::changed::Changes;
use crate::config::{CliOptions, ConfigError, Resolver, Rules};
use crate::discover::{discover, slash_path, Site, SourceFile};
use crate::read::decode;
use crate::report::{self, Format, Totals};
use crate::runner::{file_info, lint_text, ExternalCheck, FileReport, Mode, Outcome};

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
    Check(Box<CheckArgs>),
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
    /// Print the effective configuration of a file or folder, with where each value comes
    /// from (or, with --schema, the JSON Schema of the configuration file).
    Config(crate::config::show::ConfigArgs),
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
    /// Run these lints as well as the selected ones (codes, names or prefixes).
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    extend_select: Vec<String>,
    /// Use this configuration file for every file, instead of the nearest
    /// `handbook-lint.toml` or `.handbook-lint.toml`.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
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
    /// Apply the exclusions (`exclude` in the configuration and in `_config.yml`) to files
    /// named on the command line too, as pre-commit names every staged file.
    #[arg(long)]
    force_exclude: bool,
    #[command(flatten)]
    links: LinkArgs,
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

/// How external links are checked.
#[derive(Args, Debug, Default)]
#[command(next_help_heading = "Link checking")]
struct LinkArgs {
    /// Do not check external (http/https) links online. Also HANDBOOK_LINT_OFFLINE=1.
    #[arg(long, env = "HANDBOOK_LINT_OFFLINE", value_parser = clap::builder::FalseyValueParser::new())]
    offline: bool,
    /// Check external links even where the configuration or HANDBOOK_LINT_OFFLINE says
    /// offline.
    #[arg(long)]
    online: bool,
    /// Seconds to wait for an answer to each request [default: 10].
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// The most requests in flight at once [default: 64].
    #[arg(long, value_name = "N")]
    max_concurrency: Option<usize>,
    /// The most requests in flight to one host [default: 8].
    #[arg(long, value_name = "N")]
    host_concurrency: Option<usize>,
    /// Do not check URLs that match REGEX (repeatable).
    #[arg(long, value_name = "REGEX")]
    exclude_url: Vec<String>,
    /// Status codes that count as a working link besides 2xx (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    accept: Vec<u16>,
    /// Neither read nor write the link cache.
    #[arg(long)]
    no_cache: bool,
    /// The link cache file [default: .handbook-lint-cache/links.json].
    #[arg(long, value_name = "PATH")]
    cache_path: Option<PathBuf>,
    /// How long a cached verdict is used: `30m`, `12h`, `1d` [default: 1d].
    #[arg(long, value_name = "AGE")]
    cache_max_age: Option<String>,
    /// Allow requests to loopback addresses (127.0.0.1, ::1, localhost), which are refused
    /// by default like private ones: for tests and local servers.
    #[arg(long)]
    allow_loopback: bool,
}

impl LinkArgs {
    /// The checker's settings from the configuration file's `[links]` and the command line
    /// (which wins), and whether to stay offline; or why they are invalid.
    fn settings(
        &self,
        file: crate::config::LinksConfig,
    ) -> Result<(crate::links::Settings, bool), String> {
        let mut s = crate::links::Settings::default();
        let offline = !self.online && (self.offline || file.offline.unwrap_or(false));
        if let Some(t) = self.timeout.or(file.timeout) {
            if !(t > 0.0 && t <= 3600.0) {
                return Err(format!("timeout {t}: give seconds between 0 and 3600"));
            }
            s.timeout = std::time::Duration::from_secs_f64(t);
        }
        if let Some(n) = self.max_concurrency.or(file.max_concurrency) {
            s.max_concurrency = n.max(1);
        }
        if let Some(n) = self.host_concurrency.or(file.host_concurrency) {
            s.host_concurrency = n.max(1);
        }
        for pattern in file.exclude.iter().chain(&self.exclude_url) {
            s.exclude.push(
                regex::Regex::new(pattern)
                    .map_err(|e| format!("link exclude `{pattern}` is not a valid regex: {e}"))?,
            );
        }
        for code in &self.accept {
            if !(100..=999).contains(code) {
                return Err(format!("--accept {code}: not an HTTP status code"));
            }
        }
        s.accept = file.accept.iter().chain(&self.accept).copied().collect();
        s.headers = crate::links::header_maps(&file.headers)?;
        if self.no_cache || file.cache == Some(false) {
            s.cache = None;
        } else if let Some((path, age)) = &mut s.cache {
            if let Some(p) = self
                .cache_path
                .clone()
                .or(file.cache_path.map(PathBuf::from))
            {
                *path = p;
            }
            if let Some(a) = self.cache_max_age.as_ref().or(file.cache_max_age.as_ref()) {
                *age = crate::links::parse_age(a).ok_or_else(|| {
                    format!("cache max age `{a}`: write it like `30m`, `12h` or `1d`")
                })?;
            }
        }
        s.policy.allow_loopback = self.allow_loopback;
        s.progress = std::io::stderr().is_terminal();
        Ok((s, offline))
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

/// Whether `args` (the program name first) is a valid command line, without running it: the
/// tests hold the README's and the hooks' examples to it.
pub fn parse_only(args: &[String]) -> Result<(), String> {
    Cli::try_parse_from(args)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The clap command, for documentation checks.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
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
        Some(Command::Config(args)) => crate::config::show::run(&args),
        Some(Command::Check(args)) => check(*args),
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
    let hint = handbook_lints::suggest::did_you_mean(key, registry::metas().map(|m| m.name), 3);
    format!("unknown lint `{key}`{hint}; see `handbook-lint rules`")
}

fn check(mut args: CheckArgs) -> u8 {
    let mut config = match Resolver::new(&CliOptions {
        config: args.config.clone(),
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    }) {
        Ok(config) => config,
        Err(errors) => return config_errors(errors),
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
        let rules = config.rules(&name);
        return match config.take_errors() {
            errors if errors.is_empty() => check_stdin(&args, &name, &rules, mode),
            errors => config_errors(errors),
        };
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
    // Each file's configuration.
    let mut found_files = found.files;
    let named: &[PathBuf] = if args.force_exclude {
        crate::discover::drop_excluded(&mut found_files);
        &[]
    } else {
        &args.paths
    };
    let (files, rules) = config.apply(found_files, named);
    let errors = config.take_errors();
    if !errors.is_empty() {
        return config_errors(errors);
    }
    let (link_settings, offline) = match args.links.settings(config.links(&args.paths)) {
        Ok(s) => s,
        Err(e) => return usage_error(&e),
    };
    let online = !offline && rules.iter().any(|r| r.checks_external_links());
    let external = if online {
        ExternalCheck::Online(&link_settings)
    } else {
        ExternalCheck::Off
    };
    let (mut reports, notes) = crate::runner::run(&files, &rules, mode, external);
    for note in notes {
        eprintln!("note: {note}");
    }
    if let Some(changes) = changes {
        changes.filter(&files, &mut reports);
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

/// Configuration errors: each one, then exit 2.
fn config_errors(errors: Vec<ConfigError>) -> u8 {
    for e in &errors {
        eprintln!("error: {e}");
    }
    EXIT_ERROR
}

/// `--stdin-filename NAME`: lint standard input as the file NAME.
fn check_stdin(args: &CheckArgs, name: &std::path::Path, rules: &Rules, mode: Mode) -> u8 {
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
            let outcome = lint_text(text.clone(), &file_info(&file), rules, mode, &file.display);
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
