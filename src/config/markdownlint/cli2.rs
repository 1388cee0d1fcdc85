//! `.markdownlint-cli2.jsonc` and `.markdownlint-cli2.yaml`: the `config` object (as in a
//! `.markdownlint.*` file), `ignores`, `globs` and `overrides`; the other settings are
//! markdownlint-cli2's own (its output, its plugins), and those that would change what is
//! found are reported as not read.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::read::{config_object, ConfigObject, Read};
use super::rules::Locate;
use crate::config::globs::{build, GlobList, PathMatcher, Style};
use crate::config::{did_you_mean, ConfigError, Origin};

/// The names markdownlint-cli2 reads, in the order it prefers them (not its `.cjs` and
/// `.mjs` modules, which only Node can run).
pub const NAMES: &[&str] = &[".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml"];

/// The settings of markdownlint-cli2 itself, read but without effect on what we report.
const QUIET_KEYS: &[&str] = &[
    "$schema",
    "fix",
    "modulePaths",
    "noBanner",
    "noProgress",
    "outputFormatters",
    "showFound",
];

/// Those that change markdownlint-cli2's findings but that we do not read.
const UNREAD_KEYS: &[&str] = &[
    "customRules",
    "frontMatter",
    "gitignore",
    "markdownItPlugins",
    "noInlineConfig",
];

/// One `.markdownlint-cli2.*` file.
#[derive(Clone, Debug)]
pub struct Cli2 {
    pub config: Option<ConfigObject>,
    pub ignores: Option<Arc<Ignores>>,
    pub globs: Option<Arc<Globs>>,
    pub overrides: Option<Arc<Vec<Override>>>,
}

/// `ignores`: globs of files not to lint, relative to the folder of the file that sets them
/// (`*` stays within a segment, `**` crosses them; a folder that matches takes what is in
/// it). markdownlint-cli2 negates each entry and hands it to its file search, so `!P` there
/// leaves out every file that `P` does not match (it re-includes nothing).
#[derive(Debug)]
pub struct Ignores {
    pub display: Arc<str>,
    pub line: usize,
    pub patterns: Vec<String>,
    positive: PathMatcher,
    negated: Vec<PathMatcher>,
}

impl Ignores {
    pub fn is_match(&self, abs: &Path) -> bool {
        self.positive.is_match(abs) || self.negated.iter().any(|n| !n.is_match(abs))
    }
}

/// `globs`: the files markdownlint-cli2 lints when run from the file's folder with no globs
/// of its own: those one of them matches and no `!` one does.
#[derive(Debug)]
pub struct Globs {
    pub origin: Origin,
    pub patterns: Vec<String>,
    list: GlobList,
}

impl Globs {
    pub fn is_match(&self, abs: &Path) -> bool {
        self.list.is_match(abs)
    }
}

/// One entry of `overrides`: the files its `filter` matches (relative to the folder of the
/// nearest markdownlint file above them) get its `config`, merged over the `config` in force
/// rule by rule, or replacing it.
#[derive(Clone, Debug)]
pub struct Override {
    pub filter: Vec<String>,
    pub config: ConfigObject,
    pub replace: bool,
}

impl Cli2 {
    pub fn read(
        path: &Path,
        display: &str,
        warnings: &mut Vec<ConfigError>,
    ) -> Result<Cli2, ConfigError> {
        let read = Read::file(path, display)?;
        let mut cli2 = Cli2 {
            config: None,
            ignores: None,
            globs: None,
            overrides: None,
        };
        let Some(object) = read.value.as_object() else {
            return Ok(cli2);
        };
        for (key, value) in object {
            match key.as_str() {
                "config" => {
                    let at = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                    cli2.config = Some(config_object(&read, &["config"], &mut vec![at], warnings)?);
                }
                "ignores" => cli2.ignores = Some(Arc::new(ignores(&read, value, warnings)?)),
                "globs" => {
                    let dir = read.path.parent().unwrap_or(Path::new(""));
                    let patterns = globs(&read, &["globs"], value)?;
                    cli2.globs = Some(Arc::new(Globs {
                        origin: read.origin(&["globs"]),
                        list: GlobList::new(dir, Style::Cli2Folders, &patterns),
                        patterns,
                    }));
                }
                "overrides" => {
                    cli2.overrides = Some(Arc::new(overrides(&read, path, value, warnings)?));
                }
                k if QUIET_KEYS.contains(&k) => {}
                k if UNREAD_KEYS.contains(&k) => warnings.push(read.warning(
                    &[k],
                    format!("`{k}` is markdownlint-cli2's and not read by handbook-lint"),
                )),
                k => {
                    let known = ["config", "ignores", "globs", "overrides"]
                        .iter()
                        .chain(QUIET_KEYS)
                        .chain(UNREAD_KEYS);
                    let hint = did_you_mean(k, known.copied());
                    warnings.push(read.warning(&[k], format!("unknown key `{k}`{hint}; ignored")));
                }
            }
        }
        Ok(cli2)
    }
}

/// A list of globs at `key`, each checked.
fn globs(read: &Read, key: &[&str], value: &Value) -> Result<Vec<String>, ConfigError> {
    let name = key.last().copied().unwrap_or_default();
    let error = |at: &[&str], message: String| {
        let mut e = read.warning(at, message);
        e.at = e.at.or(Some((1, 1)));
        e
    };
    let Some(items) = value.as_array() else {
        return Err(error(key, format!("`{name}` must be a list of globs")));
    };
    let mut patterns = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let index = k.to_string();
        let here: Vec<&str> = key.iter().copied().chain([index.as_str()]).collect();
        let Some(p) = item.as_str() else {
            return Err(error(&here, format!("`{name}` must be a list of globs")));
        };
        let glob = p.trim_start_matches('!').trim_start_matches("./");
        build(glob.trim_end_matches('/')).map_err(|e| {
            error(
                &here,
                format!("invalid glob `{p}` in `{name}`: {}", e.kind()),
            )
        })?;
        patterns.push(p.to_string());
    }
    Ok(patterns)
}

fn ignores(
    read: &Read,
    value: &Value,
    warnings: &mut Vec<ConfigError>,
) -> Result<Ignores, ConfigError> {
    let patterns = globs(read, &["ignores"], value)?;
    let dir = read.path.parent().unwrap_or(Path::new(""));
    let mut negated = Vec::new();
    for (k, p) in patterns.iter().enumerate() {
        if let Some(rest) = p.strip_prefix('!') {
            warnings.push(read.warning(
                &["ignores", &k.to_string()],
                format!(
                    "`{p}` in `ignores` leaves out every file that `{rest}` does not match, as markdownlint-cli2 reads it; it does not bring files back"
                ),
            ));
            negated.push(PathMatcher::new(
                dir,
                Style::Cli2Folders,
                std::iter::once(rest),
            ));
        }
    }
    let positive = patterns.iter().filter(|p| !p.starts_with('!'));
    let line = match read.origin(&["ignores"]) {
        Origin::File { line, .. } => line,
        _ => 0,
    };
    Ok(Ignores {
        display: read.display.clone(),
        line,
        positive: PathMatcher::new(dir, Style::Cli2Folders, positive.map(|p| p.as_str())),
        negated,
        patterns,
    })
}

/// `overrides`: entries that lack a `filter`, a `config` or a `combine` of `merge` or
/// `replace` do nothing in markdownlint-cli2; here they are warnings.
fn overrides(
    read: &Read,
    path: &Path,
    value: &Value,
    warnings: &mut Vec<ConfigError>,
) -> Result<Vec<Override>, ConfigError> {
    let Some(items) = value.as_array() else {
        let mut e = read.warning(&["overrides"], "`overrides` must be a list".into());
        e.at = e.at.or(Some((1, 1)));
        return Err(e);
    };
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let index = k.to_string();
        let at = ["overrides", index.as_str()];
        let combine = item.get("combine").and_then(Value::as_str);
        let filter = item
            .get("filter")
            .filter(|f| f.as_array().is_some_and(|a| !a.is_empty()));
        let (Some(filter), Some(combine @ ("merge" | "replace")), Some(Value::Object(_))) =
            (filter, combine, item.get("config"))
        else {
            warnings.push(read.warning(
                &at,
                "this override needs a `filter` list, a `config` object and `combine` set to `merge` or `replace`; ignored, as markdownlint-cli2 ignores it".into(),
            ));
            continue;
        };
        let filter = globs(read, &["overrides", &index, "filter"], filter)?;
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let prefix = ["overrides", index.as_str(), "config"];
        let config = config_object(read, &prefix, &mut vec![key], warnings)?;
        out.push(Override {
            filter,
            config,
            replace: combine == "replace",
        });
    }
    Ok(out)
}
