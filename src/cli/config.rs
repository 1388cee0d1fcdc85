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
        // Errors in the `--config` file are reported by `show::effective`.
        let explicit = args
            .config
            .as_deref()
            .and_then(|p| crate::config::read_file(p).ok());
        let site = site_facts(&path, explicit.as_ref());
        match show::effective(&cli, &path) {
            Ok(view) => match args.format {
                ShowFormat::Text if site.is_empty() => show::text(&view),
                ShowFormat::Text => {
                    let mut text = show::text(&view);
                    text.push_str("\n# The Jekyll site, as handbook-lint publishes it\n");
                    for (key, value) in &site {
                        text.push_str(&format!("# {key}: {value}\n"));
                    }
                    text
                }
                ShowFormat::Json => {
                    let mut json = show::to_json(&view);
                    if let Some(object) = json.as_object_mut().filter(|_| !site.is_empty()) {
                        let site: serde_json::Map<String, serde_json::Value> = site
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v.into()))
                            .collect();
                        object.insert("site".into(), site.into());
                    }
                    serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
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

/// What the site model reads about the Jekyll site of `path`: who builds it and why, the
/// plugins that move or create URLs, the baseurl.
fn site_facts(
    path: &std::path::Path,
    explicit: Option<&crate::config::ConfigFile>,
) -> Vec<(&'static str, String)> {
    let dir = crate::discover::folder_of(path);
    let tables = |root: &std::path::Path| crate::config::site_overrides(explicit, root);
    let Ok(site) = crate::discover::Site::find_with(dir, &tables) else {
        return Vec::new();
    };
    // Shown from the folder the tool runs in when it is below it, so that output does not
    // depend on where the checkout is.
    let cwd = std::env::current_dir().unwrap_or_default();
    let root = match site.root.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => crate::discover::slash_path(rel),
        Err(_) => site.root.display().to_string(),
    };
    if !site.is_jekyll() {
        return vec![("root", format!("{root} ({})", site.root_reason()))];
    }
    let c = &site.config;
    let builder = match c.builder {
        handbook_lints::site::Builder::GitHubPages => "GitHub Pages (classic build)",
        handbook_lints::site::Builder::OwnGemfile => "the site's own Gemfile",
    };
    let mut plugins: Vec<&str> = [
        "jekyll-relative-links",
        "jekyll-optional-front-matter",
        "jekyll-readme-index",
        "jekyll-titles-from-headings",
        "jekyll-default-layout",
        "jekyll-redirect-from",
    ]
    .into_iter()
    .chain(c.plugins.iter().map(String::as_str))
    .filter(|p| c.plugin(p))
    .collect();
    plugins.dedup();
    vec![
        ("root", format!("{root} ({})", site.root_reason())),
        ("builder", format!("{builder}: {}", c.builder_reason)),
        (
            "plugins",
            if plugins.is_empty() {
                "none".into()
            } else {
                plugins.join(", ")
            },
        ),
        (
            "baseurl",
            if c.baseurl_source.is_empty() {
                format!("{:?} (from _config.yml)", c.baseurl)
            } else {
                format!("{:?} ({})", c.baseurl, c.baseurl_source)
            },
        ),
        (
            "timezone",
            match (&c.timezone, &c.zone) {
                (None, _) => "none (UTC, as GitHub builds)".into(),
                (Some(tz), Some(_)) => tz.clone(),
                (Some(tz), None) => format!("{tz} (not in the system's zone database: UTC used)"),
            },
        ),
    ]
}
