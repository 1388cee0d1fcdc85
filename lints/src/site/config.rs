//! `_config.yml`: read once, by [`SiteConfig::parse`], into everything the core and the
//! tool's discovery need from it.

use std::fmt;

use crate::front_matter::{parse_yaml, YamlNode, YamlValue};
use crate::span::Span;

/// What `_config.yml` says about the site.
#[derive(Clone, Debug, Default)]
pub struct SiteConfig {
    /// `baseurl`, without a trailing `/` (`""` when unset).
    pub baseurl: String,
    /// `permalink`: `date` (Jekyll's default), `pretty`, `none`, `ordinal` or a template.
    pub permalink: String,
    /// Collections with `output: true`, and their permalink templates.
    pub collections: Vec<Collection>,
    /// `collections_dir` (`""` when unset).
    pub collections_dir: String,
    /// `kramdown: input:` (GFM unless set to `kramdown`).
    pub input: crate::slug::Input,
    /// The folder `{% include %}` reads (`includes_dir`, `_includes` by default), when every
    /// include must be in the site: `None` when a `theme` or `remote_theme` may provide them.
    pub includes_dir: Option<String>,
    /// `exclude`: paths and globs from the site root that Jekyll leaves out, as discovery
    /// applies them (a leading `./` and a trailing `/` removed, empty ones dropped).
    pub exclude: Vec<String>,
    /// `include`: paths that Jekyll reads though their names start with `.` or `_`.
    pub include: Vec<String>,
    /// `plugins:` (and the older `gems:`), with the `:jekyll_plugins` gems of the Gemfile
    /// that the tool's discovery adds.
    pub plugins: Vec<String>,
    /// Who builds the site, which decides the plugins that run (set by discovery).
    pub builder: Builder,
    /// Why discovery chose [`SiteConfig::builder`], for `handbook-lint config`.
    pub builder_reason: String,
    /// Where [`SiteConfig::baseurl`] comes from, for `handbook-lint config` (empty: from
    /// `_config.yml`).
    pub baseurl_source: String,
    /// `timezone`, and the UTC offsets of that zone when the tool could read them.
    pub timezone: Option<String>,
    pub zone: Option<std::sync::Arc<Zone>>,
    /// `defaults:`, in the order written.
    pub defaults: Vec<Default>,
    /// Plugin settings that switch a default plugin off (`relative_links: enabled: false`),
    /// by plugin name.
    pub disabled: Vec<String>,
    /// The top-level settings that are plain text, numbers or booleans, for `{{ site.x }}`.
    pub values: Vec<(String, String)>,
    /// The top-level settings whose value (the last, when repeated) is a boolean; also in
    /// `values`, as text. Liquid's `default` replaces `false`, not the text `"false"`.
    pub flags: Vec<(String, bool)>,
    /// `relative_links: collections: true`: links in collection documents are rewritten too.
    pub relative_links_in_collections: bool,
    /// just-the-docs: callouts, the collections in the navigation, the theme's version.
    pub nav: super::NavConfig,
    /// Theme, includes folder and `_plugins` tags, for the Liquid lints.
    pub liquid: super::liquid::SiteLiquid,
}

/// Who builds and publishes the site.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Builder {
    /// GitHub Pages' classic build: its default plugins (relative links, optional front
    /// matter, README as index, titles from headings, default layout) plus `plugins:`.
    #[default]
    GitHubPages,
    /// A build with the site's own Gemfile (in Actions or elsewhere): only the plugins the
    /// site names.
    OwnGemfile,
}

/// A collection named in `collections:`.
#[derive(Clone, Debug, Default)]
pub struct Collection {
    pub name: String,
    pub output: bool,
    pub permalink: Option<String>,
}

/// `_config.yml` is not valid YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteConfigError {
    /// Where, in the text given to [`SiteConfig::parse`].
    pub span: Span,
    /// The 1-based line of `span.start`.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SiteConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: invalid YAML: {}", self.line, self.message)
    }
}

impl std::error::Error for SiteConfigError {}

impl SiteConfig {
    /// Read the text of `_config.yml`. An empty file (or one of comments only) is the
    /// default configuration, as when there is no `_config.yml` (then `{% include %}` paths
    /// are not checked: `includes_dir` is `None`).
    ///
    /// A key written twice in one mapping: the last value is read, as Ruby's YAML (what
    /// Jekyll reads with) keeps it.
    pub fn parse(text: &str) -> Result<SiteConfig, SiteConfigError> {
        let root = parse_yaml(text, 0).map_err(|e| SiteConfigError {
            line: text[..e.span.start.min(text.len())].matches('\n').count() + 1,
            span: e.span,
            message: e.message,
        })?;
        Ok(SiteConfig::from_yaml(root.as_ref()))
    }

    /// Read the settings from the parsed `_config.yml`.
    ///
    /// Kept for the callers of the old API; new code reads the text with [`SiteConfig::parse`].
    fn from_yaml(config: Option<&YamlNode>) -> SiteConfig {
        let Some(config) = config else {
            return SiteConfig::default();
        };
        let text = |key: &str| {
            value(config, key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let input = match value(config, "kramdown")
            .and_then(|k| value(k, "input"))
            .and_then(|i| i.as_str())
        {
            Some(i) if i.eq_ignore_ascii_case("kramdown") => crate::slug::Input::Kramdown,
            _ => crate::slug::Input::Gfm,
        };
        let themed = !text("theme").is_empty() || !text("remote_theme").is_empty();
        let includes = text("includes_dir");
        let includes = includes.trim_matches('/');
        SiteConfig {
            liquid: super::liquid::SiteLiquid::from_config(config),
            input,
            includes_dir: (!themed).then(|| {
                if includes.is_empty() {
                    "_includes".to_string()
                } else {
                    includes.to_string()
                }
            }),
            baseurl: text("baseurl").trim_end_matches('/').to_string(),
            permalink: text("permalink"),
            collections: collections(config),
            collections_dir: text("collections_dir").trim_matches('/').to_string(),
            exclude: exclude(config),
            include: list(config, "include"),
            plugins: list(config, "plugins")
                .into_iter()
                .chain(list(config, "gems"))
                .collect(),
            timezone: Some(text("timezone")).filter(|t| !t.is_empty()),
            defaults: defaults(value(config, "defaults")),
            disabled: [
                ("relative_links", "jekyll-relative-links"),
                ("optional_front_matter", "jekyll-optional-front-matter"),
                ("readme_index", "jekyll-readme-index"),
            ]
            .iter()
            .filter(|(key, _)| {
                value(config, key)
                    .and_then(|c| value(c, "enabled"))
                    .is_some_and(|e| e.value == YamlValue::Bool(false))
            })
            .map(|(_, plugin)| plugin.to_string())
            .collect(),
            values: config
                .entries()
                .iter()
                .filter_map(|(k, v)| {
                    let v = match &v.value {
                        YamlValue::Str(s) => s.clone(),
                        YamlValue::Int(n) => n.to_string(),
                        YamlValue::Bool(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((k.as_str()?.to_string(), v))
                })
                .collect(),
            flags: flags(config),
            relative_links_in_collections: value(config, "relative_links")
                .and_then(|c| value(c, "collections"))
                .is_some_and(|e| e.value == YamlValue::Bool(true)),
            nav: super::NavConfig::from_yaml(config),
            ..SiteConfig::default()
        }
    }

    /// The names of the site's collections (with or without output), for [`super::is_page`].
    pub fn collection_names(&self) -> Vec<String> {
        self.collections.iter().map(|c| c.name.clone()).collect()
    }
}

/// The value of `key` in the mapping `node`: for a repeated key the last one, as Ruby reads
/// it.
pub(crate) fn value<'a>(node: &'a YamlNode, key: &str) -> Option<&'a YamlNode> {
    node.entries()
        .iter()
        .rev()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// A list of strings (or one string) under `key`.
fn list(config: &YamlNode, key: &str) -> Vec<String> {
    match value(config, key).map(|v| &v.value) {
        Some(YamlValue::Seq(items)) => items
            .iter()
            .filter_map(|i| i.as_str())
            .map(|p| p.trim_start_matches("./").trim_end_matches('/').to_string())
            .collect(),
        Some(YamlValue::Str(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// `collections:` as a map (`name: {output: true, permalink: …}`) or a list of names.
fn collections(config: &YamlNode) -> Vec<Collection> {
    let mut collections = Vec::new();
    let Some(c) = value(config, "collections") else {
        return collections;
    };
    match &c.value {
        YamlValue::Map(entries) => {
            for (k, v) in entries {
                let Some(name) = k.as_str() else { continue };
                collections.push(Collection {
                    name: name.to_string(),
                    output: matches!(
                        value(v, "output").map(|o| &o.value),
                        Some(YamlValue::Bool(true))
                    ),
                    permalink: value(v, "permalink")
                        .and_then(|p| p.as_str())
                        .map(String::from),
                });
            }
        }
        YamlValue::Seq(items) => {
            for name in items.iter().filter_map(|i| i.as_str()) {
                collections.push(Collection {
                    name: name.to_string(),
                    ..Collection::default()
                });
            }
        }
        _ => {}
    }
    collections
}

/// `exclude:` as a list of paths and globs; anything else excludes nothing.
fn exclude(config: &YamlNode) -> Vec<String> {
    let Some(YamlValue::Seq(items)) = value(config, "exclude").map(|e| &e.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|i| i.as_str())
        .map(|p| p.trim_start_matches("./").trim_end_matches('/'))
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// The UTC offsets of a time zone: `(from, offset)` transitions in time order (seconds since
/// the epoch, seconds east of UTC), and the offset before the first one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    pub initial: i64,
    pub transitions: Vec<(i64, i64)>,
}

impl Zone {
    pub fn offset_at(&self, t: i64) -> i64 {
        match self.transitions.partition_point(|(from, _)| *from <= t) {
            0 => self.initial,
            i => self.transitions[i - 1].1,
        }
    }
}

/// The top-level keys whose last value is a boolean, with it.
fn flags(config: &YamlNode) -> Vec<(String, bool)> {
    // Each key's last value, by a map (a file of many repeated keys stays linear).
    let mut last: std::collections::HashMap<&str, Option<bool>> = std::collections::HashMap::new();
    let mut order = Vec::new();
    for (k, v) in config.entries() {
        let Some(key) = k.as_str() else { continue };
        let flag = match v.value {
            YamlValue::Bool(b) => Some(b),
            _ => None,
        };
        if last.insert(key, flag).is_none() {
            order.push(key);
        }
    }
    order
        .into_iter()
        .filter_map(|k| Some((k.to_string(), last[k]?)))
        .collect()
}

/// One entry of `defaults:`.
#[derive(Clone, Debug)]
pub struct Default {
    /// `scope: path:` (`""` for every file); may be a glob.
    pub path: String,
    /// `scope: type:` (`pages`, `posts`, `drafts` or a collection's name).
    pub kind: Option<String>,
    pub values: YamlNode,
}

fn defaults(node: Option<&YamlNode>) -> Vec<Default> {
    let Some(YamlValue::Seq(items)) = node.map(|n| &n.value) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let scope = value(item, "scope");
            let text = |k: &str| scope.and_then(|s| value(s, k)).and_then(|v| v.as_str());
            Some(Default {
                path: text("path").unwrap_or("").trim_matches('/').to_string(),
                kind: text("type").map(String::from),
                values: value(item, "values")?.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
impl SiteConfig {
    /// A site with the collection `steps` (output) under `docs/`, for the unit tests.
    pub(crate) fn for_tests(permalink: &str) -> SiteConfig {
        SiteConfig {
            permalink: permalink.into(),
            collections: vec![Collection {
                name: "steps".into(),
                output: true,
                permalink: None,
            }],
            collections_dir: "docs".into(),
            ..SiteConfig::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slug::Input;

    fn parse(text: &str) -> SiteConfig {
        SiteConfig::parse(text).unwrap()
    }

    #[test]
    fn an_empty_file_is_the_default() {
        for text in ["", "# only a comment\n"] {
            let c = parse(text);
            assert_eq!(c.baseurl, "");
            assert_eq!(c.permalink, "");
            assert!(c.collections.is_empty() && c.exclude.is_empty());
            // As with no `_config.yml` at all: includes are not checked.
            assert_eq!(c.includes_dir, None);
            assert_eq!(c.input, Input::Gfm);
        }
    }

    #[test]
    fn boolean_settings_are_kept_as_booleans() {
        let c = parse("legacy: false\nshown: true\nshown: \"yes\"\nquoted: \"false\"\n");
        assert_eq!(c.flags, [("legacy".to_string(), false)]);
    }

    #[test]
    fn a_repeated_key_reads_its_last_value_as_ruby_does() {
        // parse_yaml keeps both entries of a repeated key, in order; `get` takes the first.
        let root = parse_yaml("baseurl: /a\nbaseurl: /b\n", 0)
            .unwrap()
            .unwrap();
        assert_eq!(root.entries().len(), 2);
        assert_eq!(root.entries()[1].1.as_str(), Some("/b"));
        assert_eq!(parse("baseurl: /a\nbaseurl: /b\n").baseurl, "/b");
        let nested = "kramdown:\n  input: GFM\n  input: kramdown\n";
        assert_eq!(parse(nested).input, Input::Kramdown);
    }

    #[test]
    fn baseurl_loses_its_trailing_slash() {
        assert_eq!(parse("baseurl: /handbook/\n").baseurl, "/handbook");
        assert_eq!(parse("baseurl: \"/\"\n").baseurl, "");
        assert_eq!(parse("baseurl:\n").baseurl, "");
        assert_eq!(parse("baseurl: 12\n").baseurl, "", "not a string");
    }

    #[test]
    fn collections_as_a_map_or_a_list() {
        let map = parse(
            "collections_dir: /docs/\ncollections:\n  steps:\n    output: true\n    \
             permalink: /:collection/:name/\n  notes:\n    output: false\n  bare:\n",
        );
        let got: Vec<(&str, bool, Option<&str>)> = map
            .collections
            .iter()
            .map(|c| (c.name.as_str(), c.output, c.permalink.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("steps", true, Some("/:collection/:name/")),
                ("notes", false, None),
                ("bare", false, None)
            ]
        );
        assert_eq!(map.collections_dir, "docs");
        assert_eq!(map.collection_names(), ["steps", "notes", "bare"]);
        let list = parse("collections:\n  - steps\n  - 3\n  - notes\n");
        assert_eq!(list.collection_names(), ["steps", "notes"]);
        assert!(list.collections.iter().all(|c| !c.output));
        assert!(parse("collections: steps\n").collections.is_empty());
    }

    #[test]
    fn kramdown_input() {
        assert_eq!(
            parse("kramdown:\n  input: kramdown\n").input,
            Input::Kramdown
        );
        assert_eq!(
            parse("kramdown:\n  input: Kramdown\n").input,
            Input::Kramdown
        );
        assert_eq!(parse("kramdown:\n  input: GFM\n").input, Input::Gfm);
        assert_eq!(parse("markdown: kramdown\n").input, Input::Gfm);
    }

    #[test]
    fn a_theme_may_provide_the_includes() {
        assert_eq!(
            parse("includes_dir: /parts/\n").includes_dir.as_deref(),
            Some("parts")
        );
        assert_eq!(parse("theme: just-the-docs\n").includes_dir, None);
        assert_eq!(
            parse("remote_theme: just-the-docs/just-the-docs\n").includes_dir,
            None
        );
        assert_eq!(
            parse("theme: \"\"\n").includes_dir.as_deref(),
            Some("_includes")
        );
    }

    #[test]
    fn exclude_as_discovery_applies_it() {
        let c = parse("exclude:\n  - ./vendor/\n  - \"*.log\"\n  - ./\n  - 7\n  - docs/old\n");
        assert_eq!(c.exclude, ["vendor", "*.log", "docs/old"]);
        assert!(parse("exclude: vendor\n").exclude.is_empty(), "not a list");
    }

    #[test]
    fn invalid_yaml_names_its_line() {
        let err = SiteConfig::parse("title: x\nbaseurl: a: b\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("line 2: invalid YAML: "));
    }
}
