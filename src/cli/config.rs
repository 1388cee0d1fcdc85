//! `config [PATH]`: the effective configuration with where each value came from, or
//! `--schema`: the JSON Schema of the configuration file.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::{show, CliOptions};

#[derive(Args, Debug, Default)]
pub struct ConfigArgs {
    /// The file or folder whose configuration to show [default: .]
    path: Option<PathBuf>,
    /// `text` (TOML with the origin of each value) or `json`.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
    /// Use this configuration file instead of the nearest one.
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// As `check --select`.
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    select: Vec<String>,
    /// As `check --extend-select`.
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    extend_select: Vec<String>,
    /// As `check --ignore`.
    #[arg(long, value_delimiter = ',', value_name = "LINTS")]
    ignore: Vec<String>,
    /// Print the JSON Schema of the configuration file instead.
    #[arg(long, exclusive = true)]
    schema: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum ShowFormat {
    #[default]
    Text,
    Json,
}

/// Run `handbook-lint config`; the exit code.
pub(super) fn run(args: &ConfigArgs) -> u8 {
    let out = if args.schema {
        serde_json::to_string_pretty(&show::schema()).unwrap_or_default() + "\n"
    } else {
        let cli = CliOptions {
            config: args.config.clone(),
            select: args.select.clone(),
            extend_select: args.extend_select.clone(),
            ignore: args.ignore.clone(),
        };
        let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
        match show::effective(&cli, &path) {
            Ok(view) => match args.format {
                ShowFormat::Text => show::text(&view),
                ShowFormat::Json => {
                    serde_json::to_string_pretty(&show::to_json(&view)).unwrap_or_default() + "\n"
                }
            },
            Err(errors) => {
                for e in errors {
                    eprintln!("error: {e}");
                }
                return EXIT_ERROR;
            }
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => EXIT_CLEAN,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            eprintln!("error: cannot write: {e}");
            EXIT_ERROR
        }
    }
}
