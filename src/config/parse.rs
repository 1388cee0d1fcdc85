//! Reading one `handbook-lint.toml`: every key checked against the tables below, every
//! error placed at its line and column.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use handbook_lints::options::ParsedOptions;
use handbook_lints::{LineIndex, LintMeta, Severity};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::select::Selector;
use super::{did_you_mean, ConfigError};

mod front_matter;
mod links;
mod site;

pub use front_matter::{FrontMatterTable, Target, COLLECTION_PREFIX, TABLE_KEYS};
pub use site::BUILDERS;
mod lint_tables;

/// The kind of value a key takes (also what the JSON Schema says of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    /// A number of seconds, more than 0.
    Seconds,
    /// An integer, 1 or more.
    Count,
    String,
    /// A duration such as `1d`, `12h`, `30m`.
    Age,
    /// Lint codes, names or code prefixes.
    Lints,
    Globs,
    Regexes,
    /// HTTP status codes, 100 to 599.
    Statuses,
    /// A table whose keys are globs and values lists of lints.
    GlobToLints,
    /// A table of lint tables.
    LintTables,
    /// The `[links]` table.
    Links,
    /// Host -> header name -> value.
    Headers,
    /// `error`, `warning`, `info` or `off`.
    Severity,
    /// A list of strings.
    Strings,
    /// The `[front-matter]` tables.
    FrontMatter,
    /// Key -> a type name or a list of them.
    ValueTypes,
    /// Key -> a list of values.
    AllowedValues,
    /// The `[site]` table.
    Site,
    /// One of [`BUILDERS`].
    Builder,
    /// A URL path starting with `/`, or empty.
    Baseurl,
}

/// A key the configuration file accepts.
#[derive(Debug)]
pub struct KeySpec {
    pub name: &'static str,
    pub kind: Kind,
    pub doc: &'static str,
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> KeySpec {
    KeySpec { name, kind, doc }
}

/// The top-level keys.
pub static TOP_KEYS: &[KeySpec] = &[
    key("select", Kind::Lints, "Only run these lints (codes, names or code prefixes such as `HB1`); default: every lint."),
    key("extend-select", Kind::Lints, "Run these lints as well as the selected ones."),
    key("ignore", Kind::Lints, "Do not run these lints."),
    key("exclude", Kind::Globs, "Files not to lint when a folder is searched: globs relative to this file's folder, on top of the site's `_config.yml` `exclude`."),
    key("per-file-ignores", Kind::GlobToLints, "Lints not to run on the files a glob (relative to this file's folder) matches."),
    key("lints", Kind::LintTables, "Per-lint settings, by lint name or code: `severity` and the lint's options."),
    key("links", Kind::Links, "Settings of the external link checker."),
    key("site", Kind::Site, "How the site is published, when what handbook-lint detects (`handbook-lint config` shows it and why) is wrong: `builder` and `baseurl`. Read from the configuration file of the site's root folder (the folder of `_config.yml`), or the one `--config` names."),
    key("front-matter", Kind::FrontMatter, "The front matter schema, by path glob relative to this file's folder (`[front-matter.\"docs/**\"]`) or by collection (`[front-matter.\"collection:posts\"]`): `required` keys, `types` and `allowed` values."),
];

/// The keys of `[links]`.
pub static LINKS_KEYS: &[KeySpec] = &[
    key("offline", Kind::Bool, "Never check external URLs."),
    key("timeout", Kind::Seconds, "Seconds to wait for each request (`--timeout` overrides it)."),
    key("max-concurrency", Kind::Count, "Requests in flight at once, over all hosts (default 64)."),
    key("host-concurrency", Kind::Count, "Requests in flight at once to one host (default 8)."),
    key("exclude", Kind::Regexes, "URLs not to check: regular expressions matched against the URL."),
    key("accept", Kind::Statuses, "HTTP status codes counted as success besides 2xx."),
    key("cache", Kind::Bool, "Keep the results of checked URLs between runs."),
    key("cache-path", Kind::String, "Where the cache file is kept."),
    key("cache-max-age", Kind::Age, "How long a cached result stays valid: a number and `s`, `m`, `h`, `d` or `w` (`1d`, `12h`)."),
    key("headers", Kind::Headers, "Request headers by host: `[links.headers.\"api.github.com\"]` then `Name = \"value\"`; a value `${VAR}` is read from the environment."),
];

/// The keys of `[site]`.
pub static SITE_KEYS: &[KeySpec] = &[
    key("builder", Kind::Builder, "Who builds the site: `github-pages` (GitHub Pages' classic build: its default plugins plus `plugins:`) or `actions` (a build with the site's own Gemfile: only the plugins it names)."),
    key("baseurl", Kind::Baseurl, "The path the site is published under (`/handbook`), or `\"\"` for none; replaces `_config.yml`'s and the one a Pages workflow passes."),
];

/// The key every lint table accepts besides the lint's options.
pub static SEVERITY_KEY: KeySpec = key(
    "severity",
    Kind::Severity,
    "`error`, `warning` or `info`, or `off` to turn the lint off.",
);

/// Settings for the external link checker (`[links]`). Unset values are `None`: the checker
/// and the command line supply the defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinksConfig {
    /// Never check external URLs.
    pub offline: Option<bool>,
    /// Seconds per request (the command line's `--timeout` overrides it).
    pub timeout: Option<f64>,
    /// Requests in flight over all hosts (default 64).
    pub max_concurrency: Option<usize>,
    /// Requests in flight to one host (default 8).
    pub host_concurrency: Option<usize>,
    /// Regular expressions (valid ones) matched against the URL.
    pub exclude: Vec<String>,
    /// Extra status codes counted as success, each in 100..=599.
    pub accept: Vec<u16>,
    pub cache: Option<bool>,
    pub cache_path: Option<String>,
    /// A number and a unit among `s`, `m`, `h`, `d`, `w` (`1d`, `12h`, `30m`).
    pub cache_max_age: Option<String>,
    /// Host -> header name -> value. A value written `${VAR}` is to be read from the
    /// environment variable `VAR` when the request is made.
    pub headers: BTreeMap<String, BTreeMap<String, String>>,
}

/// `[site]`: what replaces the detected builder and baseurl.
#[derive(Clone, Debug, Default)]
pub struct SiteTable {
    pub builder: Option<Item<handbook_lints::site::Builder>>,
    /// Without a trailing `/` (`""` for none).
    pub baseurl: Option<Item<String>>,
}

/// A value and the line it was written on.
#[derive(Clone, Debug)]
pub struct Item<T> {
    pub value: T,
    pub line: usize,
}

/// A severity setting: a level, or off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    On(Severity),
    Off,
}

/// `[lints.NAME]`.
#[derive(Clone, Debug)]
pub struct LintTable {
    pub lint: &'static LintMeta,
    pub severity: Option<Item<Level>>,
    /// Each option set, by its name (an alias written is stored under the name), as the
    /// JSON value the lint's options type reads.
    pub options: Vec<(&'static str, Item<serde_json::Value>)>,
    /// The options set, parsed by the lint's options type (once, when the file is read).
    pub parsed: Option<ParsedOptions>,
}

/// One entry of `[per-file-ignores]`.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub pattern: String,
    pub lints: Vec<Item<Selector>>,
    pub line: usize,
}

/// One configuration file, read and checked.
#[derive(Clone, Debug, Default)]
pub struct ConfigFile {
    /// As found (absolute for discovered files).
    pub path: PathBuf,
    /// As shown in messages and in `handbook-lint config`.
    pub display: Arc<str>,
    /// The folder that globs are relative to.
    pub dir: PathBuf,
    pub select: Option<Vec<Item<Selector>>>,
    pub extend_select: Vec<Item<Selector>>,
    pub ignore: Vec<Item<Selector>>,
    pub exclude: Vec<Item<String>>,
    pub per_file_ignores: Vec<PerFileIgnore>,
    pub lints: Vec<LintTable>,
    pub links: LinksConfig,
    /// `[front-matter."…"]`, in the order written.
    pub front_matter: Vec<FrontMatterTable>,
    /// `[site]`.
    pub site: SiteTable,
    /// The line of every key that is set, by dotted path (`links.timeout`).
    pub lines: BTreeMap<String, usize>,
}

impl ConfigFile {
    /// Read `text` as the configuration file `path`, shown as `display`.
    pub fn parse(path: &Path, display: &str, text: &str) -> Result<ConfigFile, Vec<ConfigError>> {
        let mut p = Parser {
            text,
            index: LineIndex::new(text),
            display,
            errors: Vec::new(),
        };
        let mut file = ConfigFile {
            path: path.to_path_buf(),
            display: Arc::from(display),
            dir: path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
            ..ConfigFile::default()
        };
        let root = match DeTable::parse(text) {
            Ok(root) => root,
            Err(e) => {
                let at = e.span().map_or(0, |s| s.start);
                let message = e.message().trim_end().trim_end_matches('.').to_string();
                return Err(vec![p.error_at(at, format!("invalid TOML: {message}"))]);
            }
        };
        for (k, v) in root.get_ref().iter() {
            let Some(spec) = p.known(k, TOP_KEYS, "") else {
                continue;
            };
            let line = p.line(k.span().start);
            file.lines.insert(spec.name.to_string(), line);
            match spec.name {
                "select" => file.select = p.selectors(v),
                "extend-select" => file.extend_select = p.selectors(v).unwrap_or_default(),
                "ignore" => file.ignore = p.selectors(v).unwrap_or_default(),
                "exclude" => file.exclude = p.globs(v).unwrap_or_default(),
                "per-file-ignores" => file.per_file_ignores = p.per_file_ignores(v),
                "lints" => file.lints = p.lint_tables(v, &mut file.lines),
                "links" => file.links = p.links(v, &mut file.lines),
                "front-matter" => file.front_matter = p.front_matter(v, &mut file.lines),
                "site" => file.site = p.site(v, &mut file.lines),
                other => unreachable!("top-level key `{other}` has no reader"),
            }
        }
        if p.errors.is_empty() {
            Ok(file)
        } else {
            p.errors.sort_by_key(|e| e.at);
            Err(p.errors)
        }
    }
}

type Key<'i> = Spanned<std::borrow::Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

struct Parser<'t> {
    text: &'t str,
    index: LineIndex,
    display: &'t str,
    errors: Vec<ConfigError>,
}

impl Parser<'_> {
    fn line(&self, offset: usize) -> usize {
        self.index.line_of(offset.min(self.text.len()))
    }

    fn error_at(&self, offset: usize, message: String) -> ConfigError {
        let lc = self.index.line_col(self.text, offset.min(self.text.len()));
        ConfigError {
            path: self.display.to_string(),
            at: Some((lc.line, lc.column)),
            message,
        }
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        let e = self.error_at(span.start, message);
        self.errors.push(e);
    }

    /// The spec of key `k` among `specs`, or an error with the closest known key.
    fn known(
        &mut self,
        k: &Key<'_>,
        specs: &'static [KeySpec],
        table: &str,
    ) -> Option<&'static KeySpec> {
        let name = k.get_ref().as_ref();
        if let Some(spec) = specs.iter().find(|s| s.name == name) {
            return Some(spec);
        }
        let where_ = if table.is_empty() {
            String::new()
        } else {
            format!(" in `[{table}]`")
        };
        let hint = did_you_mean(name, specs.iter().map(|s| s.name));
        self.error(k.span(), format!("unknown key `{name}`{where_}{hint}"));
        None
    }

    fn type_error(&mut self, v: &Value<'_>, expected: &str) {
        let found = v.get_ref().type_str();
        self.error(v.span(), format!("expected {expected}, found {found}"));
    }

    fn table<'a, 'i>(&mut self, v: &'a Value<'i>) -> Option<&'a DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.type_error(v, "a table");
                None
            }
        }
    }

    fn bool(&mut self, v: &Value<'_>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(v, "`true` or `false`");
                None
            }
        }
    }

    fn string(&mut self, v: &Value<'_>) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.type_error(v, "a string");
                None
            }
        }
    }

    fn integer(&mut self, v: &Value<'_>) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(v.span(), "integer out of range".to_string());
                    None
                }
            },
            _ => {
                self.type_error(v, "an integer");
                None
            }
        }
    }

    /// A list of strings, each with its line; `None` after an error.
    fn strings(&mut self, v: &Value<'_>) -> Option<Vec<(String, Range<usize>)>> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, "a list of strings");
            return None;
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.to_string(), item.span())),
                _ => self.type_error(item, "a string"),
            }
        }
        Some(out)
    }

    fn selectors(&mut self, v: &Value<'_>) -> Option<Vec<Item<Selector>>> {
        let items = self.strings(v)?;
        let mut out = Vec::new();
        for (s, span) in items {
            match Selector::parse(&s) {
                Ok(sel) => out.push(Item {
                    value: sel,
                    line: self.line(span.start),
                }),
                Err(message) => self.error(span, message),
            }
        }
        Some(out)
    }

    fn globs(&mut self, v: &Value<'_>) -> Option<Vec<Item<String>>> {
        let items = self.strings(v)?;
        let mut out = Vec::new();
        for (s, span) in items {
            match globset::Glob::new(&s) {
                Ok(_) => out.push(Item {
                    value: s,
                    line: self.line(span.start),
                }),
                Err(e) => self.error(span, format!("invalid glob `{s}`: {}", e.kind())),
            }
        }
        Some(out)
    }

    fn per_file_ignores(&mut self, v: &Value<'_>) -> Vec<PerFileIgnore> {
        let Some(table) = self.table(v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in table.iter() {
            let pattern = k.get_ref().to_string();
            if let Err(e) = globset::Glob::new(&pattern) {
                self.error(k.span(), format!("invalid glob `{pattern}`: {}", e.kind()));
                continue;
            }
            if let Some(lints) = self.selectors(v) {
                out.push(PerFileIgnore {
                    pattern,
                    lints,
                    line: self.line(k.span().start),
                });
            }
        }
        out.sort_by_key(|p| p.line);
        out
    }
}
