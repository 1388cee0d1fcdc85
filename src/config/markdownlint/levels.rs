//! markdownlint's files of a folder and of those above it, combined as markdownlint-cli2
//! combines them (see the module above).

use std::path::PathBuf;
use std::sync::Arc;

use super::cli2::{Cli2, Globs, Override};
use super::{ConfigObject, Markdownlint};
use crate::config::globs::{GlobList, Style};
use crate::config::ConfigError;

/// The markdownlint files of one folder.
#[derive(Clone, Default)]
pub struct MdLevel {
    pub dir: PathBuf,
    pub plain: Option<Arc<ConfigObject>>,
    pub cli2: Option<Arc<Cli2>>,
}

/// What of `levels` (nearest first) makes the settings.
pub struct Combined<'a> {
    /// The addresses of what is read, to share one result between folders.
    pub key: Vec<usize>,
    levels: &'a [MdLevel],
    plain: Option<&'a Arc<ConfigObject>>,
    configs: Vec<&'a ConfigObject>,
    ignores: Option<Arc<super::Ignores>>,
    globs: Option<Arc<Globs>>,
    overrides: Option<&'a Arc<Vec<Override>>>,
}

/// The files of `levels` that count: the nearest `.markdownlint.*` unless a nearer
/// `.markdownlint-cli2.*` has a `config` (then every `config` up), the nearest `ignores` and
/// `overrides`, and the `globs` of the outermost `.markdownlint-cli2.*` (markdownlint-cli2
/// reads them only in the folder it runs from: those of the others are warnings).
pub fn combine<'a>(levels: &'a [MdLevel], warnings: &mut Vec<ConfigError>) -> Combined<'a> {
    let mut c = Combined {
        key: Vec::new(),
        levels,
        plain: None,
        configs: Vec::new(),
        ignores: None,
        globs: None,
        overrides: None,
    };
    let outermost = levels.iter().rposition(|l| l.cli2.is_some());
    for (i, level) in levels.iter().enumerate() {
        let cli2 = level.cli2.as_deref();
        if c.ignores.is_none() {
            if let Some(i) = cli2.and_then(|c| c.ignores.as_ref()) {
                c.key.push(Arc::as_ptr(i) as usize);
                c.ignores = Some(i.clone());
            }
        }
        if c.overrides.is_none() {
            if let Some(o) = cli2.and_then(|c| c.overrides.as_ref()) {
                c.key.push(Arc::as_ptr(o) as usize);
                c.overrides = Some(o);
            }
        }
        if let Some(g) = cli2.and_then(|c| c.globs.as_ref()) {
            if Some(i) == outermost {
                c.key.push(Arc::as_ptr(g) as usize);
                c.globs = Some(g.clone());
            } else {
                warnings.push(ConfigError {
                    path: match &g.origin {
                        crate::config::Origin::File { path, .. } => path.to_string(),
                        other => other.to_string(),
                    },
                    at: match &g.origin {
                        crate::config::Origin::File { line, .. } => Some((*line, 1)),
                        _ => None,
                    },
                    message: "`globs` is read only from the outermost `.markdownlint-cli2.*` file (markdownlint-cli2 reads it in the folder it runs from); ignored".into(),
                });
            }
        }
        if c.plain.is_some() {
            continue;
        }
        match (&level.plain, cli2.and_then(|c| c.config.as_ref())) {
            (Some(p), _) if c.configs.is_empty() => {
                c.key.push(Arc::as_ptr(p) as usize);
                c.plain = Some(p);
            }
            (_, Some(config)) => {
                c.key.push(config as *const ConfigObject as usize);
                c.configs.push(config);
            }
            _ => {}
        }
    }
    c
}

impl Combined<'_> {
    /// The settings, with those of each override.
    pub fn resolve(&self, warnings: &mut Vec<ConfigError>) -> Markdownlint {
        let config = match self.plain {
            Some(p) => (**p).clone(),
            None => {
                // The farthest first, each nearer one replacing the rules it sets again.
                let mut all = ConfigObject::default();
                for c in self.configs.iter().rev() {
                    merge(&mut all, c);
                    all.files.splice(0..0, c.files.iter().cloned());
                }
                all
            }
        };
        let mut m = Markdownlint::resolve(&config, self.ignores.clone());
        m.globs = self.globs.clone();
        let Some(overrides) = self.overrides else {
            return m;
        };
        if let Some(p) = self.plain {
            warnings.push(ConfigError {
                path: p.files.first().map(|f| f.to_string()).unwrap_or_default(),
                at: None,
                message: "`overrides` of `.markdownlint-cli2.*` do nothing here: this file's settings apply, as in markdownlint-cli2".into(),
            });
            return m;
        }
        let dir = self
            .levels
            .first()
            .map(|l| l.dir.clone())
            .unwrap_or_default();
        for o in overrides.iter() {
            let mut own = if o.replace {
                ConfigObject::default()
            } else {
                config.clone()
            };
            merge(&mut own, &o.config);
            own.files = o
                .config
                .files
                .iter()
                .chain(&config.files)
                .cloned()
                .collect();
            own.files.dedup();
            let mut with = Markdownlint::resolve(&own, self.ignores.clone());
            with.globs = self.globs.clone();
            let filter = GlobList::new(&dir, Style::Cli2Files, &o.filter);
            m.overrides.push((filter, Arc::new(with)));
        }
        m
    }
}

/// `from`'s entries over `into`'s, rule by rule.
fn merge(into: &mut ConfigObject, from: &ConfigObject) {
    for entry in &from.entries {
        match into.entries.iter_mut().find(|e| e.key == entry.key) {
            Some(slot) => *slot = entry.clone(),
            None => into.entries.push(entry.clone()),
        }
    }
}
