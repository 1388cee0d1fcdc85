//! The configuration: `handbook-lint.toml` (or `.handbook-lint.toml`) files, markdownlint's
//! settings for the rules we share, and the command line, resolved for each file.
//!
//! A file's configuration file is the nearest one walking up from its folder, stopping at the
//! repository root (a folder with `.git`), unless `--config` names one for every file.
//! Files with the same configuration share one [`Settings`] and one [`Rules`]; nothing is
//! read twice.

mod folder;
pub mod front_matter;
pub mod globs;
mod markdownlint;
mod parse;
mod select;
mod settings;
pub mod show;
mod site;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::builder::Overrides;
use crate::discover::{slash_path, SourceFile};
use handbook_lints::options::ParsedOptions;
pub use site::{nearest_file, site_overrides};

use markdownlint::{Cli2, MdLevel};
pub use markdownlint::{ConfigObject, Markdownlint};
pub use parse::{
    ConfigFile, FrontMatterTable, Item, KeySpec, Kind, Level, LinksConfig, LintTable,
    PerFileIgnore, SiteTable, Target, BUILDERS, COLLECTION_PREFIX, LINKS_KEYS, SEVERITY_KEY,
    SITE_KEYS, TABLE_KEYS, TOP_KEYS,
};
use select::Layer;
pub use select::Selector;
pub use settings::{LintSetting, Settings};

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

/// A folder's settings (by address), the codes a file's `[per-file-ignores]` turn off and the
/// `[front-matter]` tables that apply to it.
/// Settings, ignored codes, the `[front-matter]` tables that apply and the keys the site's
/// `defaults:` supply.
type VariantKey = (usize, Vec<&'static str>, Vec<usize>, Vec<String>);

/// What a folder's files are configured by.
#[derive(Clone, Default)]
struct Found {
    config: Option<Arc<ConfigFile>>,
    /// The markdownlint files of this folder and those above it, nearest first.
    levels: Arc<Vec<MdLevel>>,
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
    /// A folder's rules for the files with per-file ignores or `[front-matter]` tables: by
    /// settings, ignored codes and the tables that apply.
    variants: HashMap<VariantKey, Arc<Rules>>,
    /// markdownlint's settings by the files they are made of.
    markdownlint: HashMap<Vec<usize>, Option<Arc<Markdownlint>>>,
    /// The folder last asked for, as given, and its settings: files come sorted, so most
    /// share their folder with the file before.
    last: Option<(PathBuf, Arc<Settings>)>,
    errors: Vec<ConfigError>,
    warnings: Vec<ConfigError>,
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
            markdownlint: HashMap::new(),
            last: None,
            errors: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// The `[site]` settings for a site's root folder: those of `--config`, or of the
    /// configuration file of that folder.
    pub fn site_overrides(&self, root: &Path) -> Overrides {
        site_overrides(self.explicit.as_deref(), root)
    }

    /// Problems met with the configuration files found so far.
    pub fn take_errors(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.errors)
    }

    /// What the configuration files found so far say that is not read (markdownlint options
    /// we do not support…), each once.
    pub fn take_warnings(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.warnings)
    }

    /// The settings of the files in `dir`.
    pub fn settings(&mut self, dir: &Path) -> Arc<Settings> {
        if let Some((last, settings)) = &self.last {
            if last == dir {
                return Arc::clone(settings);
            }
        }
        let settings = self.settings_uncached(dir);
        self.last = Some((dir.to_path_buf(), Arc::clone(&settings)));
        settings
    }

    fn settings_uncached(&mut self, dir: &Path) -> Arc<Settings> {
        let abs = crate::discover::absolute(dir);
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

    /// The settings of `file`: its folder's, or those of the markdownlint override whose
    /// filter matches it.
    pub fn settings_of_file(&mut self, file: &Path) -> Arc<Settings> {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let settings = self.settings(dir);
        let over = match settings.markdownlint.as_ref() {
            Some(m) if !m.overrides.is_empty() => {
                m.override_for(&crate::discover::absolute(file)).cloned()
            }
            _ => None,
        };
        let Some(over) = over else {
            return settings;
        };
        let key = (ptr(&settings.config), Arc::as_ptr(&over) as usize);
        let cli = &self.cli;
        let config = settings.config.clone();
        self.settings
            .entry(key)
            .or_insert_with(|| Arc::new(Settings::new(config, Some(over), cli)))
            .clone()
    }

    /// What runs on `file` of `site`: its folder's rules less its `[per-file-ignores]`, with
    /// the `[front-matter]` tables that apply to it (by path, or by its collection). A key
    /// required there that the site's `defaults:` supply for the file is not required of its
    /// own front matter: Jekyll gives the page that value.
    pub fn rules(&mut self, file: &Path, site: Option<&crate::discover::Site>) -> Arc<Rules> {
        let settings = self.settings_of_file(file);
        // Most files have neither: their folder's rules, without resolving their path.
        if settings.ignores_no_file() && settings.front_matter.is_empty() {
            return settings.rules.clone();
        }
        let abs = crate::discover::absolute(file);
        let ignored = settings.ignored_for(&abs);
        let collection = site.and_then(|s| front_matter::collection_of(file, s));
        let tables = settings.front_matter.matching(&abs, collection.as_deref());
        if ignored.is_empty() && tables.is_empty() {
            return settings.rules.clone();
        }
        let mut supplied = Vec::new();
        if let (Some(site), false) = (site, tables.is_empty()) {
            let site_path = site.site_path(file);
            let schema = settings.front_matter.merged(&tables);
            supplied = schema
                .required
                .into_iter()
                .filter(|key| site.config.default_for(&site_path, key).is_some())
                .collect();
        }
        self.variants
            .entry((Arc::as_ptr(&settings) as usize, ignored, tables, supplied))
            .or_insert_with_key(|(_, codes, tables, supplied)| {
                let mut rules = settings.rules.without(codes);
                if !tables.is_empty() {
                    let mut schema = settings.front_matter.merged(tables);
                    schema.required.retain(|k| !supplied.contains(k));
                    rules.options.set(ParsedOptions::of(schema));
                }
                Arc::new(rules)
            })
            .clone()
    }

    /// The indices of the `[front-matter]` tables that apply to `file` in `collection`.
    pub fn front_matter_tables(&mut self, file: &Path, collection: Option<&str>) -> Vec<usize> {
        let settings = self.settings_of_file(file);
        let abs = crate::discover::absolute(file);
        settings.front_matter.matching(&abs, collection)
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
        // Filtered in place: a second list of the files kept (40 bytes a file) was the peak
        // of a run of page lints on a site of thousands of pages.
        let mut files = files;
        let mut rules = Vec::with_capacity(files.len());
        files.retain(|file| {
            let settings = self.settings_of_file(&file.path);
            let md_ignores = settings
                .markdownlint
                .as_ref()
                .is_some_and(|m| m.leaves_out_files());
            if (settings.exclude.is_some() || md_ignores)
                && !named.iter().any(|n| n.as_path() == &*file.path)
            {
                let abs = crate::discover::absolute(&file.path);
                if settings.excludes(&abs) {
                    // Still a file of its site, which links may lead to.
                    file.site.not_linted(&file.path);
                    return false;
                }
            }
            rules.push(self.rules(&file.path, Some(&file.site)));
            true
        });
        (files, rules)
    }

    fn found(&mut self, dir: &Path) -> Found {
        if let Some(f) = self.found.get(dir) {
            return f.clone();
        }
        // What the folder may hold, listed once: the names it rules out are not asked for.
        let listing = folder::Listing::of(dir);
        let config = if self.explicit.is_some() {
            None
        } else {
            self.config_in(dir, &listing)
        };
        let level = self.markdownlint_in(dir, &listing);
        let stop = listing.may_hold(".git") && dir.join(".git").exists();
        let up = match dir.parent() {
            Some(parent) if !stop => self.found(parent),
            _ => Found::default(),
        };
        let levels = if level.plain.is_none() && level.cli2.is_none() {
            up.levels.clone()
        } else {
            let mut levels = vec![level];
            levels.extend(up.levels.iter().cloned());
            Arc::new(levels)
        };
        let f = Found {
            config: config.or(up.config),
            markdownlint: self.effective_markdownlint(&levels),
            levels,
        };
        self.found.insert(dir.to_path_buf(), f.clone());
        f
    }

    /// markdownlint's settings from the files of `levels` (nearest first), as
    /// markdownlint-cli2 combines them (see [`markdownlint`]).
    fn effective_markdownlint(&mut self, levels: &[MdLevel]) -> Option<Arc<Markdownlint>> {
        let mut warnings = Vec::new();
        let combined = markdownlint::combine(levels, &mut warnings);
        let m = if combined.key.is_empty() {
            None
        } else if let Some(m) = self.markdownlint.get(&combined.key) {
            m.clone()
        } else {
            let m = Some(Arc::new(combined.resolve(&mut warnings)));
            self.markdownlint.insert(combined.key.clone(), m.clone());
            m
        };
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
        m
    }

    fn config_in(&mut self, dir: &Path, listing: &folder::Listing) -> Option<Arc<ConfigFile>> {
        let present: Vec<PathBuf> = NAMES
            .iter()
            .filter(|n| listing.may_hold(n))
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

    fn markdownlint_in(&mut self, dir: &Path, listing: &folder::Listing) -> MdLevel {
        let first = |names: &[&str]| {
            names
                .iter()
                .filter(|n| listing.may_hold(n))
                .map(|n| dir.join(n))
                .find(|p| p.is_file())
        };
        let mut level = MdLevel {
            dir: dir.to_path_buf(),
            ..MdLevel::default()
        };
        let mut warnings = Vec::new();
        if let Some(path) = first(markdownlint::NAMES) {
            match markdownlint::read_config(&path, &display(&path), &mut warnings) {
                Ok(c) => level.plain = Some(Arc::new(c)),
                Err(e) => self.errors.push(e),
            }
        }
        if let Some(path) = first(markdownlint::CLI2_NAMES) {
            match Cli2::read(&path, &display(&path), &mut warnings) {
                Ok(c) => level.cli2 = Some(Arc::new(c)),
                Err(e) => self.errors.push(e),
            }
        }
        for w in warnings {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
        level
    }
}

/// `path` relative to the current folder when it is inside it, `/` separators.
pub(crate) fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = crate::discover::absolute(path);
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) if rel.as_os_str().is_empty() => ".".into(),
        Some(rel) => slash_path(rel),
        None => slash_path(path),
    }
}

/// Read the configuration file `path` (`--config`), shown as given.
pub fn read_file(path: &Path) -> Result<ConfigFile, Vec<ConfigError>> {
    read_config(path, &display(path))
}

fn read_config(path: &Path, shown: &str) -> Result<ConfigFile, Vec<ConfigError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ConfigError {
            path: shown.to_string(),
            at: None,
            message: format!("cannot read the configuration file: {e}"),
        }]
    })?;
    let abs = crate::discover::absolute(path);
    ConfigFile::parse(&abs, shown, &text)
}
