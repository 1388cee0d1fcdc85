//! Reading one `handbook-lint.toml` with serde: the file is the struct [`Keys`]
//! (`deny_unknown_fields` at every level), each value is checked by its type as it is read,
//! and serde's errors are shown in our words at their line and column. The same types make
//! the JSON Schema (`show::schema`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use handbook_lints::LineIndex;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::select::Selector;
use super::{did_you_mean, ConfigError};

/// The JSON Schema of a type that is a single value, kept where it is used.
macro_rules! leaf_schema {
    ($ty:ty, $schema:tt) => {
        impl schemars::JsonSchema for $ty {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!($schema)
            }
        }
    };
}

/// `Deserialize` for a type checked as it is read from a string or number (`Checked`).
macro_rules! checked {
    ($ty:ty, $from:ty) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_any(super::values::Checked::<$from, $ty>::new())
            }
        }
    };
}

mod links;
mod lint_tables;
mod values;

pub use links::LinksConfig;
pub use lint_tables::{Level, LintTable};
use values::{At, Glob, Pairs};

/// The configuration of handbook-lint (`handbook-lint.toml` or `.handbook-lint.toml`).
#[derive(Default, Deserialize, JsonSchema)]
#[serde(
    default,
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table"
)]
#[schemars(title = "handbook-lint configuration (handbook-lint.toml)")]
pub struct Keys {
    /// Only run these lints (codes, names or code prefixes such as `HB1`); default: every lint.
    #[schemars(with = "Vec<Selector>")]
    select: Option<Vec<At<Selector>>>,
    /// Run these lints as well as the selected ones.
    extend_select: Vec<At<Selector>>,
    /// Do not run these lints.
    ignore: Vec<At<Selector>>,
    /// Files not to lint when a folder is searched: globs relative to this file's folder, on top of the site's `_config.yml` `exclude`.
    exclude: Vec<At<Glob>>,
    /// Lints not to run on the files a glob (relative to this file's folder) matches.
    per_file_ignores: Pairs<At<Glob>, Vec<At<Selector>>>,
    /// Per-lint settings, by lint name or code: `severity` and the lint's options.
    lints: lint_tables::LintTables,
    /// Settings of the external link checker.
    links: links::Links,
}

/// A value and the line it was written on.
#[derive(Clone, Debug)]
pub struct Item<T> {
    pub value: T,
    pub line: usize,
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
    /// The line of every key of the first two levels, by dotted path (`links.timeout`).
    pub lines: BTreeMap<String, usize>,
}

/// Errors reported for one file at most: each one found costs a reading of the file.
const MAX_ERRORS: usize = 50;

impl ConfigFile {
    /// Read `text` as the configuration file `path`, shown as `display`.
    pub fn parse(path: &Path, display: &str, text: &str) -> Result<ConfigFile, Vec<ConfigError>> {
        let index = LineIndex::new(text);
        let line = |offset: usize| index.line_of(offset.min(text.len()));
        let error = |offset: Option<usize>, message: String| ConfigError {
            path: display.to_string(),
            at: offset.map(|o| {
                let lc = index.line_col(text, o.min(text.len()));
                (lc.line, lc.column)
            }),
            message,
        };
        let mut root = DeTable::parse(text).map_err(|e| {
            let message = e.message().trim_end().trim_end_matches('.');
            let at = e.span().map_or(0, |s| s.start);
            vec![error(Some(at), format!("invalid TOML: {message}"))]
        })?;
        let mut lines = BTreeMap::new();
        for (k, v) in root.get_ref() {
            lines.insert(k.get_ref().to_string(), line(k.span().start));
            for (k2, _) in v.get_ref().as_table().into_iter().flatten() {
                let path = format!("{}.{}", k.get_ref(), k2.get_ref());
                lines.insert(path, line(k2.span().start));
            }
        }
        // Serde stops at the first error: take out what it was about and read again, so
        // that one run reports every mistake.
        let mut errors = Vec::new();
        let keys = loop {
            let e = match Keys::deserialize(toml::de::Deserializer::from(root.clone())) {
                Ok(keys) => break keys,
                Err(e) => e,
            };
            let at = e.span().map(|s| s.start);
            let removed = at.and_then(|at| remove_at(root.get_mut(), at));
            errors.push(error(at, message(&e, removed.as_ref())));
            if removed.is_none() || errors.len() == MAX_ERRORS {
                break Keys::default();
            }
        };
        let lints = keys.lints.resolve(&line, &mut |at, message| {
            errors.push(error(Some(at), message))
        });
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.at);
            return Err(errors);
        }
        let items = |list: Vec<At<_>>| {
            let item = |a: At<_>| Item {
                value: a.value,
                line: line(a.span.start),
            };
            list.into_iter().map(item).collect::<Vec<_>>()
        };
        let mut per_file_ignores: Vec<PerFileIgnore> = (keys.per_file_ignores.0.into_iter())
            .map(|(glob, lints)| PerFileIgnore {
                pattern: glob.value.0,
                lints: items(lints),
                line: line(glob.span.start),
            })
            .collect();
        per_file_ignores.sort_by_key(|p| p.line);
        let exclude = keys.exclude.into_iter().map(|g| Item {
            value: g.value.0,
            line: line(g.span.start),
        });
        Ok(ConfigFile {
            path: path.to_path_buf(),
            display: Arc::from(display),
            dir: path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(".")),
            select: keys.select.map(items),
            extend_select: items(keys.extend_select),
            ignore: items(keys.ignore),
            exclude: exclude.collect(),
            per_file_ignores,
            lints,
            links: keys.links.into(),
            lines,
        })
    }
}

/// What an error was about: the keys of the tables around it and the TOML type of the value.
struct Removed {
    tables: Vec<String>,
    found: &'static str,
}

/// Take out of `table` the innermost key or value written at `offset`.
fn remove_at(table: &mut DeTable<'_>, offset: usize) -> Option<Removed> {
    let hit = |span: std::ops::Range<usize>| span.contains(&offset);
    let mut found = None;
    for (k, v) in table.iter_mut() {
        let span = v.span();
        if hit(k.span()) {
            found = Some((k.clone(), "key"));
            break;
        }
        match v.get_mut() {
            DeValue::Table(t) => {
                if let Some(mut removed) = remove_at(t, offset) {
                    removed.tables.insert(0, k.get_ref().to_string());
                    return Some(removed);
                }
            }
            DeValue::Array(items) => {
                if let Some(i) = items.iter().position(|item| hit(item.span())) {
                    let found = items[i].get_ref().type_str();
                    let mut kept = DeArray::new();
                    for (j, item) in items.iter().enumerate() {
                        if j != i {
                            kept.push(item.clone());
                        }
                    }
                    *v = Spanned::new(span, DeValue::Array(kept));
                    return Some(Removed {
                        tables: Vec::new(),
                        found,
                    });
                }
            }
            _ => {}
        }
        if hit(span) {
            found = Some((k.clone(), v.get_ref().type_str()));
            break;
        }
    }
    let (k, found) = found?;
    table.remove(&k);
    Some(Removed {
        tables: Vec::new(),
        found,
    })
}

/// Serde's message in our words: an unknown key with the closest known one, a wrong type
/// with the TOML type found.
fn message(e: &toml::de::Error, removed: Option<&Removed>) -> String {
    let m = e.message().trim_end();
    if let Some((name, known)) = m
        .strip_prefix("unknown field `")
        .and_then(|r| r.split_once('`'))
    {
        // `, expected one of `a`, `b``: the names between backquotes.
        let hint = did_you_mean(name, known.split('`').skip(1).step_by(2));
        let tables = removed.map_or(&[][..], |r| &r.tables);
        return match tables.is_empty() {
            true => format!("unknown key `{name}`{hint}"),
            false => format!("unknown key `{name}` in `[{}]`{hint}", tables.join(".")),
        };
    }
    if let Some((_, expected)) = m
        .strip_prefix("invalid type: ")
        .and_then(|r| r.rsplit_once(", expected "))
    {
        let expected = match expected {
            "a sequence" => "a list of strings",
            "a boolean" => "`true` or `false`",
            "i64" => "an integer",
            "f64" => "a number of seconds",
            other => other,
        };
        let found = removed.map_or("value", |r| r.found);
        return format!("expected {expected}, found {found}");
    }
    if m.starts_with("invalid value: integer") || m == "integer number overflowed" {
        return "integer out of range".into();
    }
    m.to_string()
}
