//! markdownlint's settings for the rules that one of our lints shares (its declaration's
//! `markdownlint`): a project that turned MD051 off does not want HB104 either, and one that
//! set MD013's `line_length` wants it for `long-line`.
//!
//! Read as markdownlint-cli2 reads them: `.markdownlint.{jsonc,json,yaml,yml}` (a `config`
//! object, `extends` resolved from the file's folder) and `.markdownlint-cli2.{jsonc,yaml}`
//! (its `config`, and `ignores`), found per folder walking up to the repository root. For a
//! folder, the nearest `.markdownlint.*` file is the configuration unless a
//! `.markdownlint-cli2.*` file with a `config` lies in a folder nearer to it; then the
//! `config` objects of every `.markdownlint-cli2.*` file up to the root are merged rule by
//! rule, the nearer winning. In one folder, `.markdownlint.*` wins over the `config` of
//! `.markdownlint-cli2.*`. The nearest `ignores` applies, its globs relative to its file's
//! folder.
//!
//! `"default"` as markdownlint has it: `false` turns off every shared rule the object does
//! not name; `true` (or no `default`) leaves our defaults, so it does not turn on the style
//! lints that are off by default: only naming a rule (`true`, a severity or options) does.

mod cli2;
mod levels;
mod read;
mod rules;

use std::path::Path;
use std::sync::Arc;

use handbook_lints::{registry, LintMeta, Severity};
use serde_json::Value;

pub use cli2::{Cli2, Globs, Ignores, NAMES as CLI2_NAMES};
pub use levels::{combine, MdLevel};
pub use read::ConfigObject;
use rules::RuleSetting;

use super::globs::GlobList;
use super::{ConfigError, Origin};

/// The names markdownlint-cli2 reads, in the order it prefers them.
pub const NAMES: &[&str] = &[
    ".markdownlint.jsonc",
    ".markdownlint.json",
    ".markdownlint.yaml",
    ".markdownlint.yml",
];

/// Read a `.markdownlint.*` file (or any file `extends` names): its config object, and
/// warnings about what it sets that we do not read.
pub fn read_config(
    path: &Path,
    display: &str,
    warnings: &mut Vec<ConfigError>,
) -> Result<ConfigObject, ConfigError> {
    let read = read::Read::file(path, display)?;
    let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    read::config_object(&read, &[], &mut vec![key], warnings)
}

/// What markdownlint's settings say about one of our lints besides turning it on or off.
#[derive(Clone, Debug)]
pub struct RuleConfig {
    pub meta: &'static LintMeta,
    pub severity: Option<(Severity, Origin)>,
    /// Each option set, by our name, with its value and where it was written.
    pub options: Vec<(&'static str, Value, Origin)>,
}

/// What markdownlint's settings for a folder say about our lints: the ones they turn off,
/// the ones they turn on by name (`"MD013": true` or options, `"line-length": {…}`), each
/// with where it was said, severities and options, and the files to leave out.
#[derive(Clone, Debug, Default)]
pub struct Markdownlint {
    /// The files the settings come from, as shown.
    pub display: Arc<str>,
    pub off: Vec<(&'static LintMeta, Origin)>,
    pub on: Vec<(&'static LintMeta, Origin)>,
    pub rules: Vec<RuleConfig>,
    pub ignores: Option<Arc<Ignores>>,
    /// The files the outermost `.markdownlint-cli2.*` lints (`globs`).
    pub globs: Option<Arc<Globs>>,
    /// `overrides`: the files each filter matches, and their settings (the first wins).
    pub overrides: Vec<(GlobList, Arc<Markdownlint>)>,
}

impl Markdownlint {
    /// The settings of a config object (entries as merged), and the nearest `ignores`.
    pub fn resolve(config: &ConfigObject, ignores: Option<Arc<Ignores>>) -> Markdownlint {
        let mut files: Vec<&str> = config.files.iter().map(|f| &**f).collect();
        if let Some(i) = &ignores {
            files.push(&i.display);
        }
        files.dedup();
        let entries = &config.entries;
        // markdownlint reads the first `default` and the last setting of each rule.
        let default = entries.iter().find_map(|e| match &e.setting {
            RuleSetting::Default { on, severity } => Some((*on, *severity, &e.origin)),
            _ => None,
        });
        let mut m = Markdownlint {
            display: Arc::from(files.join(", ")),
            ignores,
            ..Markdownlint::default()
        };
        for meta in registry::metas().filter(|m| m.markdownlint.is_some()) {
            let own = entries.iter().rev().find_map(|e| match &e.setting {
                RuleSetting::Rule {
                    meta: named,
                    on,
                    severity,
                    options,
                } if named.code == meta.code => Some((*on, *severity, options, &e.origin)),
                _ => None,
            });
            match (own, default) {
                (Some((false, ..)), _) | (None, Some((false, _, _))) => {
                    let origin = own.map_or_else(|| default.map(|d| d.2), |o| Some(o.3));
                    m.off
                        .push((meta, origin.cloned().unwrap_or(Origin::Default)));
                }
                (Some((true, severity, options, origin)), _) => {
                    m.on.push((meta, origin.clone()));
                    m.rules.push(RuleConfig {
                        meta,
                        severity: severity.map(|s| (s, origin.clone())),
                        options: options.clone(),
                    });
                }
                (None, Some((true, Some(severity), origin))) => m.rules.push(RuleConfig {
                    meta,
                    severity: Some((severity, origin.clone())),
                    options: Vec::new(),
                }),
                (None, _) => {}
            }
        }
        m
    }

    /// What the settings say of `meta`'s severity and options.
    pub fn rule(&self, meta: &LintMeta) -> Option<&RuleConfig> {
        self.rules.iter().find(|r| r.meta.code == meta.code)
    }

    /// Whether `ignores` leaves out `abs` (an absolute path), or `globs` leave it out.
    pub fn ignores(&self, abs: &Path) -> bool {
        self.ignores.as_ref().is_some_and(|i| i.is_match(abs))
            || self.globs.as_ref().is_some_and(|g| !g.is_match(abs))
    }

    /// Whether `ignores` or `globs` may leave files out.
    pub fn leaves_out_files(&self) -> bool {
        self.ignores.is_some() || self.globs.is_some()
    }

    /// The settings of the override whose filter matches `abs`, if one does.
    pub fn override_for(&self, abs: &Path) -> Option<&Arc<Markdownlint>> {
        self.overrides
            .iter()
            .find(|(filter, _)| filter.is_match(abs))
            .map(|(_, m)| m)
    }
}
