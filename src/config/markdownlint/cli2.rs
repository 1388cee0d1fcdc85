//! `.markdownlint-cli2.jsonc` and `.markdownlint-cli2.yaml`: the `config` object (as in a
//! `.markdownlint.*` file) and `ignores`; the other settings are markdownlint-cli2's own
//! (its output, its plugins), and those that would change what is found are reported as
//! not read.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde_json::Value;

use super::read::{config_object, ConfigObject, Read};
use super::rules::Locate;
use crate::config::{did_you_mean, ConfigError};
use crate::discover::slash_path;

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
    "globs",
    "markdownItPlugins",
    "noInlineConfig",
    "overrides",
];

/// One `.markdownlint-cli2.*` file.
#[derive(Clone, Debug)]
pub struct Cli2 {
    pub config: Option<ConfigObject>,
    pub ignores: Option<Arc<Ignores>>,
}

/// `ignores`: globs of files not to lint, relative to the folder of the file that sets them
/// (`*` stays within a segment, `**` crosses them; a folder that matches takes what is in it).
#[derive(Debug)]
pub struct Ignores {
    pub display: Arc<str>,
    pub line: usize,
    pub patterns: Vec<String>,
    dir: PathBuf,
    globs: GlobSet,
}

impl Ignores {
    pub fn is_match(&self, abs: &Path) -> bool {
        let Ok(rel) = abs.strip_prefix(&self.dir) else {
            return false;
        };
        let rel = slash_path(rel);
        let mut end = 0;
        for segment in rel.split('/') {
            end += segment.len();
            if self.globs.is_match(&rel[..end]) {
                return true;
            }
            end += 1;
        }
        false
    }
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
                "ignores" => cli2.ignores = Some(Arc::new(ignores(&read, value)?)),
                k if QUIET_KEYS.contains(&k) => {}
                k if UNREAD_KEYS.contains(&k) => warnings.push(read.warning(
                    &[k],
                    format!("`{k}` is markdownlint-cli2's and not read by handbook-lint"),
                )),
                k => {
                    let known = ["config", "ignores"]
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

fn ignores(read: &Read, value: &Value) -> Result<Ignores, ConfigError> {
    let error = |message: String| {
        let mut e = read.warning(&["ignores"], message);
        e.at = e.at.or(Some((1, 1)));
        e
    };
    let Some(items) = value.as_array() else {
        return Err(error("`ignores` must be a list of globs".into()));
    };
    let mut builder = GlobSetBuilder::new();
    let mut patterns = Vec::new();
    for item in items {
        let Some(p) = item.as_str() else {
            return Err(error("`ignores` must be a list of globs".into()));
        };
        let glob = p.trim_start_matches("./").trim_end_matches('/');
        let built = GlobBuilder::new(glob)
            .literal_separator(true)
            .build()
            .map_err(|e| error(format!("invalid glob `{p}` in `ignores`: {}", e.kind())))?;
        builder.add(built);
        patterns.push(p.to_string());
    }
    let line = match read.origin(&["ignores"]) {
        crate::config::Origin::File { line, .. } => line,
        _ => 0,
    };
    Ok(Ignores {
        display: read.display.clone(),
        line,
        patterns,
        dir: read
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        globs: builder.build().map_err(|e| error(e.to_string()))?,
    })
}
