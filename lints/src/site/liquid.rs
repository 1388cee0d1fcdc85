//! Liquid across the site: the tags and includes each page uses ([`LiquidFacts`]), and the
//! tags and includes the site provides ([`SiteLiquid`]): Liquid's and Jekyll's tags, those of
//! the plugins it runs, of its `_plugins/`, and the includes of its theme.

use crate::document::{Document, FrontMatter};
use crate::front_matter::{YamlNode, YamlValue};
use crate::scan::LiquidKind;
use crate::span::Span;

/// A `{% name … %}` tag of a page: where its name is, and the name.
#[derive(Clone, Debug)]
pub struct TagUse {
    pub span: Span,
    pub name: Box<str>,
}

/// What a page's Liquid uses, when Jekyll renders its Liquid (it has front matter).
#[derive(Clone, Debug, Default)]
pub struct LiquidFacts {
    /// Whether Jekyll renders the page's Liquid: it has front matter, and no
    /// `render_with_liquid: false`.
    pub renders: bool,
    /// Every tag, by name (`end…` tags included).
    pub tags: Box<[TagUse]>,
    /// `{% include NAME %}` with a literal name (the name's span and text).
    pub includes: Box<[TagUse]>,
}

impl LiquidFacts {
    /// `default_off`: the site's `defaults:` set `render_with_liquid: false` for the page
    /// (its own front matter decides first).
    pub fn from_document(doc: &Document, default_off: bool) -> LiquidFacts {
        let own = doc
            .front_matter
            .data()
            .and_then(|d| d.get("render_with_liquid"));
        let off = match own {
            Some(v) => v.value == YamlValue::Bool(false),
            None => default_off,
        };
        if off || !matches!(doc.front_matter, FrontMatter::Closed { .. }) {
            return LiquidFacts::default();
        }
        let (mut tags, mut includes) = (Vec::new(), Vec::new());
        for l in &doc.liquid {
            let LiquidKind::Tag { name } = &l.kind else {
                continue;
            };
            let inner = doc.slice(l.inner);
            let Some(at) = inner.find(name.as_str()).filter(|_| !name.is_empty()) else {
                continue;
            };
            let start = l.inner.start + at;
            tags.push(TagUse {
                span: Span::new(start, start + name.len()),
                name: name.as_str().into(),
            });
            if name != "include" {
                continue;
            }
            let rest = &inner[at + name.len()..];
            let Some(arg) = rest.split_whitespace().next() else {
                continue;
            };
            // A variable, a quoted or built name: only Jekyll knows it.
            if arg.contains(['{', '|', '"', '\'']) || !arg.contains('.') {
                continue;
            }
            let from = start + name.len() + rest.find(arg).unwrap_or(0);
            includes.push(TagUse {
                span: Span::new(from, from + arg.len()),
                name: arg.into(),
            });
        }
        LiquidFacts {
            renders: true,
            tags: super::kept::exact(tags).into_boxed_slice(),
            includes: super::kept::exact(includes).into_boxed_slice(),
        }
    }
}

/// The tags of the site's `_plugins/*.rb`, as discovery read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PluginTags {
    /// No `_plugins/*.rb`.
    #[default]
    None,
    /// The names given to `register_tag` as literal strings or symbols.
    Known(Vec<String>),
    /// A plugin registers tags in a way not read here: any tag may exist.
    Unknown,
}

impl PluginTags {
    /// Read the text of the site's `_plugins/*.rb` files.
    pub fn read<'a>(files: impl IntoIterator<Item = &'a str>) -> PluginTags {
        let mut names = Vec::new();
        let mut any = false;
        for text in files {
            any = true;
            for (at, _) in text.match_indices("register_tag") {
                let rest = text[at + "register_tag".len()..].trim_start_matches(['(', ' ', '\t']);
                let name: String = rest
                    .strip_prefix(['"', '\'', ':'])
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() {
                    return PluginTags::Unknown;
                }
                names.push(name);
            }
        }
        if any {
            PluginTags::Known(names)
        } else {
            PluginTags::None
        }
    }
}

/// What the site provides to Liquid beyond its own `_includes`.
#[derive(Clone, Debug, Default)]
pub struct SiteLiquid {
    /// `theme` or `remote_theme` (`owner/name@version` as written), when set.
    pub theme: Option<String>,
    /// The folder of includes (`includes_dir`, `_includes` by default).
    pub includes_dir: String,
    /// Tags of `_plugins/` (set by discovery).
    pub plugin_tags: PluginTags,
    /// The plugins that run (from `_config.yml`, the Gemfile and the builder's defaults).
    pub plugins: Vec<String>,
    /// Whether the builder is GitHub Pages' classic build (`jekyll-gist` runs by default).
    pub github_pages: bool,
    /// The just-the-docs version, when the site pins it (as [`super::NavConfig`] reads it).
    pub version: Option<(u64, u64, u64)>,
}

/// Tags of Liquid (4 and 5) and of Jekyll, with their block ends and branches.
const CORE_TAGS: &[&str] = &[
    "assign",
    "capture",
    "case",
    "when",
    "else",
    "elsif",
    "comment",
    "cycle",
    "decrement",
    "increment",
    "for",
    "break",
    "continue",
    "if",
    "unless",
    "ifchanged",
    "include",
    "raw",
    "tablerow",
    "echo",
    "liquid",
    "render",
    "doc",
    "highlight",
    "include_relative",
    "link",
    "post_url",
];

/// Tags of plugins, by gem name.
const PLUGIN_TAGS: &[(&str, &[&str])] = &[
    ("jekyll-seo-tag", &["seo"]),
    ("jekyll-feed", &["feed_meta"]),
    ("jekyll-gist", &["gist"]),
    ("jekyll-avatar", &["avatar"]),
    ("jekyll-include-cache", &["include_cached"]),
    ("jekyll-last-modified-at", &["last_modified_at"]),
    ("jekyll-octicons", &["octicon"]),
    ("jekyll-twitter-plugin", &["twitter"]),
    ("jekyll-toc", &["toc"]),
];

/// Plugins known to define no tag.
const TAGLESS_PLUGINS: &[&str] = &[
    "jekyll-sitemap",
    "jekyll-redirect-from",
    "jekyll-relative-links",
    "jekyll-optional-front-matter",
    "jekyll-readme-index",
    "jekyll-default-layout",
    "jekyll-titles-from-headings",
    "jekyll-github-metadata",
    "jekyll-mentions",
    "jemoji",
    "jekyll-paginate",
    "jekyll-paginate-v2",
    "jekyll-remote-theme",
    "jekyll-coffeescript",
    "jekyll-sass-converter",
    "jekyll-commonmark",
    "jekyll-commonmark-ghpages",
    "jekyll-archives",
    "jekyll-target-blank",
    "jekyll-spaceship",
    "jekyll-postcss",
    "jekyll-minifier",
    "jekyll-compose",
    "jekyll-admin",
    "github-pages",
    "kramdown-parser-gfm",
];

impl SiteLiquid {
    /// Read `theme`, `remote_theme` and `includes_dir` from `_config.yml`.
    pub fn from_config(config: &YamlNode) -> SiteLiquid {
        let text = |key: &str| {
            config
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .trim()
        };
        let theme = [text("theme"), text("remote_theme")]
            .into_iter()
            .find(|t| !t.is_empty())
            .map(str::to_string);
        let dir = text("includes_dir").trim_matches('/');
        SiteLiquid {
            theme,
            includes_dir: if dir.is_empty() { "_includes" } else { dir }.to_string(),
            ..SiteLiquid::default()
        }
    }

    /// Whether the theme is just-the-docs (as a gem or a remote theme).
    pub fn just_the_docs(&self) -> bool {
        self.theme.as_deref().is_some_and(|t| {
            let name = t.split('@').next().unwrap_or(t);
            name.rsplit('/').next() == Some("just-the-docs")
        })
    }

    /// Whether `name` is one of the theme's includes (of the pinned version, or of any when
    /// none is pinned); `None` when the theme is not known.
    pub fn theme_include(&self, name: &str) -> Option<bool> {
        match &self.theme {
            None => Some(false),
            Some(_) if self.just_the_docs() => {
                Some(super::theme_includes::ships(name, self.version))
            }
            Some(_) => None,
        }
    }

    /// Every tag the site can use, with `end…`; `None` when it cannot be known (a plugin
    /// or theme whose tags are not known, or `_plugins` read only in part).
    pub fn known_tags(&self) -> Option<Vec<String>> {
        if self.theme.is_some() && !self.just_the_docs() {
            return None;
        }
        let mut names: Vec<String> = CORE_TAGS.iter().map(|t| t.to_string()).collect();
        let mut gems: Vec<&str> = self.plugins.iter().map(String::as_str).collect();
        if self.just_the_docs() {
            // Jekyll loads a theme gem's dependencies.
            gems.extend(["jekyll-seo-tag", "jekyll-include-cache"]);
        }
        if self.github_pages {
            gems.push("jekyll-gist");
        }
        for gem in gems {
            match PLUGIN_TAGS.iter().find(|(g, _)| *g == gem) {
                Some((_, tags)) => names.extend(tags.iter().map(|t| t.to_string())),
                None if TAGLESS_PLUGINS.contains(&gem) => {}
                None => return None,
            }
        }
        match &self.plugin_tags {
            PluginTags::None => {}
            PluginTags::Known(tags) => names.extend(tags.iter().cloned()),
            PluginTags::Unknown => return None,
        }
        let ends: Vec<String> = names.iter().map(|n| format!("end{n}")).collect();
        names.extend(ends);
        names.sort();
        names.dedup();
        Some(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(config: &str) -> SiteLiquid {
        let yaml = crate::front_matter::parse_yaml(config, 0).unwrap().unwrap();
        SiteLiquid::from_config(&yaml)
    }

    #[test]
    fn theme_includes_and_tags() {
        let jtd = site("remote_theme: just-the-docs/just-the-docs@v0.10.0\n");
        assert!(jtd.just_the_docs());
        assert_eq!(jtd.theme_include("head_custom.html"), Some(true));
        assert_eq!(jtd.theme_include("banner.html"), Some(false));
        assert!(jtd.known_tags().unwrap().contains(&"seo".to_string()));
        let minima = site("theme: minima\n");
        assert_eq!(minima.theme_include("banner.html"), None);
        assert_eq!(minima.known_tags(), None);
        let bare = site("title: x\nincludes_dir: /parts/\n");
        assert_eq!(bare.includes_dir, "parts");
        assert_eq!(bare.theme_include("head.html"), Some(false));
        let tags = bare.known_tags().unwrap();
        assert!(tags.contains(&"endraw".to_string()) && !tags.contains(&"seo".to_string()));
        let odd = SiteLiquid {
            plugins: vec!["jekyll-scholar".into()],
            ..bare.clone()
        };
        assert_eq!(odd.known_tags(), None);
    }

    #[test]
    fn plugin_tags_are_read_when_literal() {
        let known = PluginTags::read([
            "Liquid::Template.register_tag('video', V)\nLiquid::Template.register_tag :audio, A",
        ]);
        assert_eq!(
            known,
            PluginTags::Known(vec!["video".into(), "audio".into()])
        );
        assert_eq!(
            PluginTags::read(["NAMES.each { |n| Liquid::Template.register_tag(n, T) }"]),
            PluginTags::Unknown
        );
        assert_eq!(PluginTags::read([]), PluginTags::None);
    }
}
