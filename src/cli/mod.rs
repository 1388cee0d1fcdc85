//! The command line: `check` (the default), `rules` and `explain`.

mod check;
mod config;
mod explain;
mod finish;
mod rules;
mod stdin;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::ConfigError;
use crate::report::{self, Format};

pub use rules::rules_markdown;

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
    Config(config::ConfigArgs),
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
        Some(Command::Rules { format }) => rules::rules(format),
        Some(Command::Explain { rule }) => explain::explain(&rule),
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
        Some(Command::Config(args)) => config::run(&args),
        Some(Command::Check(args)) => check::check(*args),
        None => check::check(cli.check),
    };
    ExitCode::from(code)
}

fn usage_error(message: &str) -> u8 {
    eprintln!("error: {message}");
    EXIT_ERROR
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
