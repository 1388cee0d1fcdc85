//! The settings of one folder's files: each lint's state with where it came from, the
//! exclusions and the per-file ignores, resolved from the configuration files and the
//! command line.

use std::path::Path;
use std::sync::Arc;

use handbook_lints::registry::{self, Pass};
use handbook_lints::{LintMeta, Severity};

use super::globs::{PathMatcher, Style};
use super::select::{self, Layer};
use super::{ConfigFile, Item, Level, LinksConfig, Markdownlint, Origin, Rules, Selector, Target};
use handbook_lints::schema::FrontMatterSchema;

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

/// The configuration of the files in one folder: our file and markdownlint's, resolved.
pub struct Settings {
    pub config: Option<Arc<ConfigFile>>,
    pub markdownlint: Option<Arc<Markdownlint>>,
    /// Every lint, in code order.
    pub lints: Vec<LintSetting>,
    pub links: LinksConfig,
    pub(super) exclude: Option<PathMatcher>,
    per_file_ignores: Vec<(PathMatcher, Vec<Selector>, Origin)>,
    pub(super) front_matter: Schemas,
    pub(super) rules: Arc<Rules>,
}

impl Settings {
    pub(super) fn new(
        config: Option<Arc<ConfigFile>>,
        markdownlint: Option<Arc<Markdownlint>>,
        cli: &Layer,
    ) -> Settings {
        let mut layers = vec![Layer::default(), Layer::default()];
        if let Some(m) = &markdownlint {
            let layer = |list: &[(&'static LintMeta, Origin)]| {
                list.iter()
                    .map(|(meta, origin)| (Selector::Lint(meta), origin.clone()))
                    .collect()
            };
            layers[0].ignore = layer(&m.off);
            layers[0].extend_select = layer(&m.on);
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
            let md = markdownlint.as_ref().and_then(|m| m.rule(meta));
            let (severity, severity_origin) = match table.and_then(|t| t.severity.as_ref()) {
                Some(Item {
                    value: Level::On(s),
                    line,
                }) => (*s, origin_of(*line)),
                _ => match md.and_then(|r| r.severity.as_ref()) {
                    Some((s, origin)) => (*s, origin.clone()),
                    None => (meta.default_severity, Origin::Default),
                },
            };
            // Each option: as our file sets it, else as markdownlint's does, else the default.
            let defaults = meta.options.as_ref().map(|o| o.defaults());
            let options = meta
                .options
                .iter()
                .flat_map(|o| o.fields)
                .map(|f| {
                    let set = table.and_then(|t| t.options.iter().find(|(n, _)| *n == f.name));
                    let from_md = md.and_then(|r| r.options.iter().find(|(n, ..)| *n == f.name));
                    match (set, from_md) {
                        (Some((_, item)), _) => (f.name, item.value.clone(), origin_of(item.line)),
                        (None, Some((_, value, origin))) => (f.name, value.clone(), origin.clone()),
                        (None, None) => {
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
                let parsed = match md.filter(|r| !r.options.is_empty()) {
                    // Both files' options, ours over markdownlint's, parsed together.
                    Some(_) => meta.options.as_ref().and_then(|decl| {
                        let set = options
                            .iter()
                            .filter(|(_, _, o)| *o != Origin::Default)
                            .map(|(n, v, _)| (n.to_string(), v.clone()));
                        decl.parse(set.collect()).ok()
                    }),
                    None => None,
                };
                if let Some(parsed) = parsed.or_else(|| table.and_then(|t| t.parsed.clone())) {
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
        let exclude = config.as_ref().filter(|c| !c.exclude.is_empty()).map(|c| {
            PathMatcher::new(
                &c.dir,
                Style::Ours,
                c.exclude.iter().map(|i| i.value.as_str()),
            )
        });
        let per_file_ignores = config
            .as_ref()
            .map(|c| {
                c.per_file_ignores
                    .iter()
                    .map(|p| {
                        let lints = p.lints.iter().map(|i| i.value.clone()).collect();
                        let matcher = PathMatcher::new(
                            &c.dir,
                            Style::Ours,
                            std::iter::once(p.pattern.as_str()),
                        );
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
            front_matter: Schemas::new(config.as_deref()),
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
            || self.markdownlint.as_ref().is_some_and(|m| m.ignores(abs))
    }

    /// True when no `[per-file-ignores]` entry is set.
    pub fn ignores_no_file(&self) -> bool {
        self.per_file_ignores.is_empty()
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

/// The tables of one configuration file, ready to match files.
#[derive(Default)]
pub(super) struct Schemas {
    parts: Vec<(Option<PathMatcher>, Option<String>, FrontMatterSchema)>,
}

impl Schemas {
    pub(super) fn new(config: Option<&ConfigFile>) -> Schemas {
        let parts = config
            .iter()
            .flat_map(|c| c.front_matter.iter().map(move |t| (c, t)))
            .map(|(c, t)| match &t.target {
                Target::Glob(g) => (
                    Some(PathMatcher::new(
                        &c.dir,
                        Style::Ours,
                        std::iter::once(g.as_str()),
                    )),
                    None,
                    t.schema(),
                ),
                Target::Collection(name) => (None, Some(name.clone()), t.schema()),
            })
            .collect();
        Schemas { parts }
    }

    /// True when there is no `[front-matter]` table at all.
    pub(super) fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The tables that apply to `abs` (an absolute path) in `collection`, by index.
    pub(super) fn matching(&self, abs: &Path, collection: Option<&str>) -> Vec<usize> {
        self.parts
            .iter()
            .enumerate()
            .filter(|(_, (glob, name, _))| match (glob, name) {
                (Some(m), _) => m.is_match(abs),
                (None, Some(name)) => collection == Some(name.as_str()),
                (None, None) => false,
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The tables `indices` merged in order.
    pub(super) fn merged(&self, indices: &[usize]) -> FrontMatterSchema {
        let mut schema = FrontMatterSchema::default();
        for &i in indices {
            schema.merge(&self.parts[i].2);
        }
        schema
    }
}
