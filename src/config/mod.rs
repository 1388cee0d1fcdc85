//! The configuration: `handbook-lint.toml` (or `.handbook-lint.toml`) files, markdownlint's
//! settings for the rules we share, and the command line, resolved for each file.
//!
//! A file's configuration file is the nearest one walking up from its folder, stopping at the
//! repository root (a folder with `.git`), unless `--config` names one for every file.
//! Files with the same configuration share one [`Settings`] and one [`Rules`]; nothing is
//! read twice.

mod markdownlint;
mod parse;
mod select;
pub mod show;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use handbook_lints::registry::{self, Pass};
use handbook_lints::{LintMeta, Severity};

use crate::discover::{slash_path, SourceFile};

pub use markdownlint::Markdownlint;
pub use parse::{
    ConfigFile, Item, KeySpec, Kind, Level, LinksConfig, LintTable, PerFileIgnore, LINKS_KEYS,
    SEVERITY_KEY, TOP_KEYS,
};
use select::Layer;
pub use select::Selector;

/// The names of the configuration file; both in one folder is an error.
pub const NAMES: [&str; 2] = ["handbook-lint.toml", ".handbook-lint.toml"];

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A line of a configuration file (ours or markdownlint's).
    File {
        path: Arc<str>,
        line: usize,
    },
    /// A command-line option (`--select`).
    Cli(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Cli(option) => f.write_str(option),
        }
    }
}

/// A configuration that cannot be used: the file, the place in it and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// ` (did you mean `x`?)` with the candidate closest to `word`, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    // Within 3 edits, and fewer edits than the word has characters.
    let Some(shorter) = word.chars().count().checked_sub(1) else {
        return String::new();
    };
    handbook_lints::suggest::did_you_mean(word, candidates, shorter.min(3))
}

/// What the command line says about configuration.
#[derive(Clone, Debug, Default)]
pub struct CliOptions {
    /// `--config PATH`: one file for everything.
    pub config: Option<PathBuf>,
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

/// The lints that run on a file, their severities and their options: the engine's rule set.
pub use handbook_lints::engine::RuleSet as Rules;

/// The effective setting of one lint.
#[derive(Clone, Debug)]
pub struct LintSetting {
    pub meta: &'static LintMeta,
    pub enabled: bool,
    pub enabled_origin: Origin,
    pub severity: Severity,
    pub severity_origin: Origin,
    /// Every option the lint declares, with its value (as JSON).
    pub options: Vec<(&'static str, serde_json::Value, Origin)>,
}

/// Globs relative to a folder: a pattern without `/` matches a file or folder name at any
/// depth; one with `/` (a leading one included: `/drafts` is only the top folder's) matches
/// the path from the folder (`*` stays within a segment, `**` crosses them). A folder that
/// matches takes what is in it.
#[derive(Clone, Debug)]
struct PathMatcher {
    dir: PathBuf,
    names: GlobSet,
    paths: GlobSet,
}

impl PathMatcher {
    fn new<'a>(dir: &Path, patterns: impl Iterator<Item = &'a str>) -> PathMatcher {
        let (mut names, mut paths) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        for p in patterns {
            let anchored = p.starts_with('/') || p.starts_with("./");
            let p = p.trim_start_matches("./").trim_matches('/');
            let Ok(glob) = GlobBuilder::new(p).literal_separator(true).build() else {
                continue; // checked when the file was read
            };
            if anchored || p.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        PathMatcher {
            dir: dir.to_path_buf(),
            names: names.build().unwrap_or_else(|_| GlobSet::empty()),
            paths: paths.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    fn is_match(&self, abs: &Path) -> bool {
        let Ok(rel) = abs.strip_prefix(&self.dir) else {
            // Outside the folder: only a file-name pattern can match.
            return abs
                .file_name()
                .is_some_and(|n| self.names.is_match(Path::new(n)));
        };
        let rel = slash_path(rel);
        let mut end = 0;
        for segment in rel.split('/') {
            end += segment.len();
            if self.names.is_match(segment) || self.paths.is_match(&rel[..end]) {
                return true;
            }
            end += 1;
        }
        false
    }
}

/// The configuration of the files in one folder: our file and markdownlint's, resolved.
pub struct Settings {
    pub config: Option<Arc<ConfigFile>>,
    pub markdownlint: Option<Arc<Markdownlint>>,
    /// Every lint, in code order.
    pub lints: Vec<LintSetting>,
    pub links: LinksConfig,
    exclude: Option<PathMatcher>,
    per_file_ignores: Vec<(PathMatcher, Vec<Selector>, Origin)>,
    rules: Arc<Rules>,
}

impl Settings {
    fn new(
        config: Option<Arc<ConfigFile>>,
        markdownlint: Option<Arc<Markdownlint>>,
        cli: &Layer,
    ) -> Settings {
        let mut layers = vec![Layer::default(), Layer::default()];
        if let Some(m) = &markdownlint {
            layers[0].ignore = m
                .off
                .iter()
                .map(|(meta, line)| {
                    let origin = Origin::File {
                        path: m.display.clone(),
                        line: *line,
                    };
                    (Selector::Lint(meta), origin)
                })
                .collect();
        }
        if let Some(c) = &config {
            let origin = |line: usize| Origin::File {
                path: c.display.clone(),
                line,
            };
            let items = |list: &[Item<Selector>]| {
                list.iter()
                    .map(|i| (i.value.clone(), origin(i.line)))
                    .collect::<Vec<_>>()
            };
            let file = &mut layers[1];
            file.select = c.select.as_ref().map(|s| {
                (
                    items(s),
                    origin(c.lines.get("select").copied().unwrap_or(0)),
                )
            });
            file.extend_select = items(&c.extend_select);
            file.ignore = items(&c.ignore);
            for t in &c.lints {
                if let Some(Item {
                    value: Level::Off,
                    line,
                }) = &t.severity
                {
                    file.ignore.push((Selector::Lint(t.lint), origin(*line)));
                }
            }
        }
        let cli_layer = Layer {
            select: cli.select.clone(),
            extend_select: cli.extend_select.clone(),
            ignore: cli.ignore.clone(),
        };
        layers.push(cli_layer);

        let mut lints = Vec::new();
        let mut rules = Rules::new(Vec::new(), Vec::new());
        for pass in registry::ALL {
            let meta = pass.meta();
            let (enabled, enabled_origin) = select::enabled(meta, &layers);
            let table = config
                .as_ref()
                .and_then(|c| c.lints.iter().find(|t| t.lint.code == meta.code));
            let origin_of = |line: usize| Origin::File {
                path: config
                    .as_ref()
                    .map(|c| c.display.clone())
                    .unwrap_or_default(),
                line,
            };
            let (severity, severity_origin) = match table.and_then(|t| t.severity.as_ref()) {
                Some(Item {
                    value: Level::On(s),
                    line,
                }) => (*s, origin_of(*line)),
                _ => (meta.default_severity, Origin::Default),
            };
            let defaults = meta.options.as_ref().map(|o| o.defaults());
            let options = meta
                .options
                .iter()
                .flat_map(|o| o.fields)
                .map(|f| {
                    let set = table.and_then(|t| t.options.iter().find(|(n, _)| *n == f.name));
                    match set {
                        Some((_, item)) => (f.name, item.value.clone(), origin_of(item.line)),
                        None => {
                            let default = defaults.as_ref().and_then(|d| d.get(f.name)).cloned();
                            (f.name, default.unwrap_or_default(), Origin::Default)
                        }
                    }
                })
                .collect::<Vec<_>>();
            if enabled {
                if severity != meta.default_severity {
                    rules.severities.push((meta.code, severity));
                }
                if let Some(parsed) = table.and_then(|t| t.parsed.clone()) {
                    rules.options.set(parsed);
                }
                match pass {
                    Pass::Page(l) => rules.page_lints.push(*l),
                    Pass::Site(l) => rules.site_lints.push(*l),
                }
            }
            lints.push(LintSetting {
                meta,
                enabled,
                enabled_origin,
                severity,
                severity_origin,
                options,
            });
        }
        let exclude = config
            .as_ref()
            .filter(|c| !c.exclude.is_empty())
            .map(|c| PathMatcher::new(&c.dir, c.exclude.iter().map(|i| i.value.as_str())));
        let per_file_ignores = config
            .as_ref()
            .map(|c| {
                c.per_file_ignores
                    .iter()
                    .map(|p| {
                        let lints = p.lints.iter().map(|i| i.value.clone()).collect();
                        let matcher = PathMatcher::new(&c.dir, std::iter::once(p.pattern.as_str()));
                        let origin = Origin::File {
                            path: c.display.clone(),
                            line: p.line,
                        };
                        (matcher, lints, origin)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Settings {
            links: config.as_ref().map(|c| c.links.clone()).unwrap_or_default(),
            config,
            markdownlint,
            lints,
            exclude,
            per_file_ignores,
            rules: Arc::new(rules),
        }
    }

    /// Whether the configuration excludes `abs` (an absolute path).
    pub fn excludes(&self, abs: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|m| m.is_match(abs))
    }

    /// The codes of the lints `[per-file-ignores]` turns off for `abs`, sorted.
    pub fn ignored_for(&self, abs: &Path) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> = self
            .ignored_with_origin(abs)
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The lints `[per-file-ignores]` turns off for `abs`, with the entry that does it.
    pub fn ignored_with_origin(&self, abs: &Path) -> Vec<(&'static str, Origin)> {
        self.per_file_ignores
            .iter()
            .filter(|(m, _, _)| m.is_match(abs))
            .flat_map(|(_, sel, origin)| {
                registry::metas()
                    .filter(|meta| sel.iter().any(|s| s.matches(meta)))
                    .map(|meta| (meta.code, origin.clone()))
            })
            .collect()
    }
}

/// What a folder's files are configured by.
#[derive(Clone, Default)]
struct Found {
    config: Option<Arc<ConfigFile>>,
    markdownlint: Option<Arc<Markdownlint>>,
}

fn ptr<T>(a: &Option<Arc<T>>) -> usize {
    a.as_ref().map_or(0, |a| Arc::as_ptr(a) as usize)
}

/// Finds and reads configuration files, once each, and resolves them per folder and file.
pub struct Resolver {
    explicit: Option<Arc<ConfigFile>>,
    cli: Layer,
    found: HashMap<PathBuf, Found>,
    settings: HashMap<(usize, usize), Arc<Settings>>,
    variants: HashMap<(usize, Vec<&'static str>), Arc<Rules>>,
    errors: Vec<ConfigError>,
}

impl Resolver {
    /// Read `--config` (when given) and check the command-line selection.
    pub fn new(cli: &CliOptions) -> Result<Resolver, Vec<ConfigError>> {
        let mut errors = Vec::new();
        let mut list = |option: &'static str, keys: &[String]| {
            let mut out = Vec::new();
            for key in keys.iter().filter(|k| !k.is_empty()) {
                match Selector::parse(key) {
                    Ok(s) => out.push((s, Origin::Cli(option))),
                    Err(message) => errors.push(ConfigError {
                        path: option.to_string(),
                        at: None,
                        message,
                    }),
                }
            }
            out
        };
        let select = list("--select", &cli.select);
        let layer = Layer {
            select: (!select.is_empty()).then_some((select, Origin::Cli("--select"))),
            extend_select: list("--extend-select", &cli.extend_select),
            ignore: list("--ignore", &cli.ignore),
        };
        let explicit = match &cli.config {
            Some(path) => match read_config(path, &display(path)) {
                Ok(file) => Some(Arc::new(file)),
                Err(mut e) => {
                    errors.append(&mut e);
                    None
                }
            },
            None => None,
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Resolver {
            explicit,
            cli: layer,
            found: HashMap::new(),
            settings: HashMap::new(),
            variants: HashMap::new(),
            errors: Vec::new(),
        })
    }

    /// Problems met with the configuration files found so far.
    pub fn take_errors(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.errors)
    }

    /// The settings of the files in `dir`.
    pub fn settings(&mut self, dir: &Path) -> Arc<Settings> {
        let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut found = self.found(&abs);
        if self.explicit.is_some() {
            found.config = self.explicit.clone();
        }
        let key = (ptr(&found.config), ptr(&found.markdownlint));
        let cli = &self.cli;
        self.settings
            .entry(key)
            .or_insert_with(|| Arc::new(Settings::new(found.config, found.markdownlint, cli)))
            .clone()
    }

    /// The settings of `file`'s folder.
    pub fn settings_of_file(&mut self, file: &Path) -> Arc<Settings> {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        self.settings(dir)
    }

    /// What runs on `file`: its folder's rules less its `[per-file-ignores]`.
    pub fn rules(&mut self, file: &Path) -> Arc<Rules> {
        let settings = self.settings_of_file(file);
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let ignored = settings.ignored_for(&abs);
        if ignored.is_empty() {
            return settings.rules.clone();
        }
        self.variants
            .entry((Arc::as_ptr(&settings) as usize, ignored))
            .or_insert_with_key(|(_, codes)| Arc::new(settings.rules.without(codes)))
            .clone()
    }

    /// The link checker's settings for a run over `paths`: those of `--config`, or of the
    /// configuration that applies to the first path.
    pub fn links(&mut self, paths: &[PathBuf]) -> LinksConfig {
        let first = paths.first().map_or(Path::new("."), |p| p.as_path());
        let settings = if first.is_dir() {
            self.settings(first)
        } else {
            self.settings_of_file(first)
        };
        settings.links.clone()
    }

    /// Resolve the configuration of discovered files: those found by walking a folder that
    /// their configuration excludes are dropped (a file named on the command line is always
    /// linted); each remaining file gets its rules.
    pub fn apply(
        &mut self,
        files: Vec<SourceFile>,
        named: &[PathBuf],
    ) -> (Vec<SourceFile>, Vec<Arc<Rules>>) {
        let mut kept = Vec::with_capacity(files.len());
        let mut rules = Vec::with_capacity(files.len());
        for file in files {
            let settings = self.settings_of_file(&file.path);
            if settings.exclude.is_some() && !named.contains(&file.path) {
                let abs = std::path::absolute(&file.path).unwrap_or_else(|_| file.path.clone());
                if settings.excludes(&abs) {
                    continue;
                }
            }
            rules.push(self.rules(&file.path));
            kept.push(file);
        }
        (kept, rules)
    }

    fn found(&mut self, dir: &Path) -> Found {
        if let Some(f) = self.found.get(dir) {
            return f.clone();
        }
        let config = if self.explicit.is_some() {
            None
        } else {
            self.config_in(dir)
        };
        let markdownlint = self.markdownlint_in(dir);
        let stop = dir.join(".git").exists();
        let up = match dir.parent() {
            Some(parent) if !stop && (config.is_none() || markdownlint.is_none()) => {
                self.found(parent)
            }
            _ => Found::default(),
        };
        let f = Found {
            config: config.or(up.config),
            markdownlint: markdownlint.or(up.markdownlint),
        };
        self.found.insert(dir.to_path_buf(), f.clone());
        f
    }

    fn config_in(&mut self, dir: &Path) -> Option<Arc<ConfigFile>> {
        let present: Vec<PathBuf> = NAMES
            .iter()
            .map(|n| dir.join(n))
            .filter(|p| p.is_file())
            .collect();
        match present.as_slice() {
            [] => None,
            [path] => match read_config(path, &display(path)) {
                Ok(file) => Some(Arc::new(file)),
                Err(mut e) => {
                    self.errors.append(&mut e);
                    None
                }
            },
            _ => {
                self.errors.push(ConfigError {
                    path: display(dir),
                    at: None,
                    message: format!("both `{}` and `{}` are here; keep one", NAMES[0], NAMES[1]),
                });
                None
            }
        }
    }

    fn markdownlint_in(&mut self, dir: &Path) -> Option<Arc<Markdownlint>> {
        let path = markdownlint::NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())?;
        let shown = display(&path);
        let parsed = std::fs::read_to_string(&path)
            .map_err(|e| ConfigError {
                path: shown.clone(),
                at: None,
                message: format!("cannot read: {e}"),
            })
            .and_then(|text| Markdownlint::parse(&path, &shown, &text));
        match parsed {
            Ok(m) => Some(Arc::new(m)),
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }
}

/// `path` relative to the current folder when it is inside it, `/` separators.
fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) if rel.as_os_str().is_empty() => ".".into(),
        Some(rel) => slash_path(rel),
        None => slash_path(path),
    }
}

fn read_config(path: &Path, shown: &str) -> Result<ConfigFile, Vec<ConfigError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ConfigError {
            path: shown.to_string(),
            at: None,
            message: format!("cannot read the configuration file: {e}"),
        }]
    })?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    ConfigFile::parse(&abs, shown, &text)
}
