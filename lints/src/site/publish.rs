//! What Jekyll publishes, file by file: which files it reads at all, the URL of a static
//! file, and for a Markdown file its page (or post, or collection document), the copy of it
//! that stays a static file, the README made a folder's index and the redirect pages of
//! `redirect_from`; with front matter `defaults` by scope and the plugins of the builder.

use super::config::value;
use super::permalink::{date_of_name, parse_date, post_template, DateTime, Placeholders};
use super::{Builder, SiteConfig};
use crate::front_matter::{YamlNode, YamlValue};

/// The default plugins of GitHub Pages' classic build that move or create URLs.
const GITHUB_PAGES_DEFAULTS: &[&str] = &[
    "jekyll-relative-links",
    "jekyll-optional-front-matter",
    "jekyll-readme-index",
    "jekyll-titles-from-headings",
    "jekyll-default-layout",
];

/// File names (without extension, any case) that jekyll-optional-front-matter leaves alone.
const NOT_OPTIONAL: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CODE_OF_CONDUCT",
    "CONTRIBUTING",
    "ISSUE_TEMPLATE",
    "PULL_REQUEST_TEMPLATE",
];

/// Files Jekyll excludes by default (besides the folders discovery never walks).
const EXCLUDED: &[&str] = &["Gemfile", "Gemfile.lock", "gemfiles"];

/// What Jekyll makes of one Markdown file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publication {
    /// The page's URL, when it is published as a page, post or document.
    pub url: Option<String>,
    /// The URL of the file copied as it is (a Markdown file without front matter).
    pub copy: Option<String>,
    /// The URL jekyll-readme-index gives a README, unless its folder has an index.
    pub readme: Option<String>,
    /// URLs of the redirect pages of `redirect_from`.
    pub redirects: Vec<String>,
    /// `redirect_to` (jekyll-redirect-from): the page's URL serves a page that sends the
    /// reader to another address, and nothing of its content is published (its links,
    /// its headings' ids).
    pub redirect_to: bool,
    /// A post or collection document (jekyll-relative-links leaves its links as written).
    pub document: bool,
}

/// Where a file is in the site: a page, a post, a draft or a document of a collection.
enum Place<'a> {
    Page,
    Post {
        categories: Vec<&'a str>,
    },
    Draft,
    Doc {
        collection: &'a super::Collection,
        inner: &'a str,
    },
}

impl Place<'_> {
    /// The type a `defaults:` scope names for it (`pages`, `posts`, `drafts`, a collection).
    fn kind(&self) -> &str {
        match self {
            Place::Page => "pages",
            Place::Post { .. } => "posts",
            Place::Draft => "drafts",
            Place::Doc { collection, .. } => collection.name.as_str(),
        }
    }
}

impl SiteConfig {
    /// The site's own address, `url` of `_config.yml` (`""` when unset).
    pub fn site_url(&self) -> &str {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| k == "url")
            .map_or("", |(_, v)| v.trim())
    }

    /// Whether `plugin` runs when the site is built.
    pub fn plugin(&self, plugin: &str) -> bool {
        let named = self.plugins.iter().any(|p| p == plugin);
        let default =
            self.builder == Builder::GitHubPages && GITHUB_PAGES_DEFAULTS.contains(&plugin);
        (named || default) && !self.disabled.iter().any(|p| p == plugin)
    }

    /// Whether Jekyll reads `site_path` at all: not in a folder (or with a name) starting
    /// with `.`, `_` or `#` unless `include` names it or it is a collection, `_posts` or
    /// `_drafts`; not excluded by default.
    fn reads(&self, site_path: &str) -> bool {
        let included = |upto: &str| {
            self.include
                .iter()
                .any(|i| upto == i || upto.rsplit('/').next() == Some(i.as_str()))
        };
        let mut upto = 0;
        for part in site_path.split('/') {
            upto += part.len();
            let prefix = &site_path[..upto];
            upto += 1;
            if EXCLUDED.contains(&prefix) {
                return false;
            }
            let special = part.starts_with(['.', '_', '#']) || part.ends_with('~');
            let known =
                part == "_posts" || part == "_drafts" || self.collection_dir(prefix).is_some();
            if special && !known && !included(prefix) {
                return false;
            }
        }
        true
    }

    /// The collection whose folder is `prefix` (`_name` inside `collections_dir`).
    fn collection_dir(&self, prefix: &str) -> Option<&super::Collection> {
        let rest = if self.collections_dir.is_empty() {
            prefix
        } else {
            prefix
                .strip_prefix(&self.collections_dir)?
                .strip_prefix('/')?
        };
        let name = rest.strip_prefix('_')?;
        self.collections.iter().find(|c| c.name == name)
    }

    fn place<'a>(&'a self, site_path: &'a str) -> Place<'a> {
        if let Some(before) = before_last(site_path, "_drafts/") {
            if before.is_empty() || before.ends_with('/') {
                return Place::Draft;
            }
        }
        if let Some(before) = before_last(site_path, "_posts/") {
            if before.is_empty() || before.ends_with('/') {
                let categories = before.split('/').filter(|c| !c.is_empty()).collect();
                return Place::Post { categories };
            }
        }
        let mut at = 0;
        for part in site_path.split('/') {
            at += part.len();
            if let Some(c) = self.collection_dir(&site_path[..at]) {
                return Place::Doc {
                    collection: c,
                    inner: site_path.get(at + 1..).unwrap_or(""),
                };
            }
            at += 1;
        }
        Place::Page
    }

    /// The scope type of `site_path` in `defaults:`: `pages`, `posts`, `drafts` or the
    /// name of its collection.
    pub(crate) fn scope_type<'a>(&'a self, site_path: &'a str) -> &'a str {
        match self.place(site_path) {
            Place::Page => "pages",
            Place::Post { .. } => "posts",
            Place::Draft => "drafts",
            Place::Doc { collection, .. } => collection.name.as_str(),
        }
    }

    /// The collection the document at `site_path` belongs to: `posts` for a post or a
    /// draft (`_posts/` or `_drafts/` at any depth), the collection's name for a document in
    /// `_NAME/` inside `collections_dir`, `None` for a page.
    pub fn collection_of<'a>(&'a self, site_path: &'a str) -> Option<&'a str> {
        match self.place(site_path) {
            Place::Page => None,
            Place::Post { .. } | Place::Draft => Some("posts"),
            Place::Doc { collection, .. } => Some(collection.name.as_str()),
        }
    }

    /// The URL a file that is not a page is published under (`None` when it is not).
    pub fn static_url(&self, site_path: &str) -> Option<String> {
        if !self.reads(site_path) {
            return None;
        }
        let url = match self.place(site_path) {
            Place::Page => format!("/{site_path}"),
            Place::Doc { collection, inner } if collection.output => {
                format!("/{}/{inner}", collection.name)
            }
            _ => return None,
        };
        Some(match url.rsplit_once('.') {
            Some((stem, "scss" | "sass")) if !stem.ends_with('/') => format!("{stem}.css"),
            _ => url,
        })
    }

    /// The value of `key` for the file `site_path` from `defaults:`, for its own type.
    pub fn default_for(&self, site_path: &str, key: &str) -> Option<&YamlNode> {
        self.default_value(site_path, self.place(site_path).kind(), key)
    }

    /// The value of `key` for the file `site_path` of type `kind` from `defaults:`: the
    /// most specific matching scope (the longest path; with a type over without), the
    /// later one on a tie.
    pub fn default_value(&self, site_path: &str, kind: &str, key: &str) -> Option<&YamlNode> {
        let mut best: Option<(usize, bool, &YamlNode)> = None;
        for d in &self.defaults {
            if d.kind.as_deref().is_some_and(|k| k != kind) {
                continue;
            }
            let matches = d.path.is_empty()
                || if d.path.contains('*') {
                    glob(&d.path, site_path)
                } else {
                    site_path == d.path || site_path.starts_with(&format!("{}/", d.path))
                };
            let Some(v) = value(&d.values, key).filter(|_| matches) else {
                continue;
            };
            let rank = (d.path.len(), d.kind.is_some());
            if best.is_none_or(|(l, k, _)| rank >= (l, k)) {
                best = Some((rank.0, rank.1, v));
            }
        }
        best.map(|(_, _, v)| v)
    }

    /// What Jekyll publishes for the Markdown file `site_path`, from its front matter
    /// (`None` when it has none).
    pub fn publish(&self, site_path: &str, front_matter: Option<&YamlNode>) -> Publication {
        let mut out = Publication::default();
        if !self.reads(site_path) {
            return out;
        }
        let place = self.place(site_path);
        let (dir, file) = site_path.rsplit_once('/').unwrap_or(("", site_path));
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let kind = place.kind().to_string();
        let kind = kind.as_str();
        let Some(fm) = front_matter else {
            match place {
                Place::Page => {
                    out.copy = self.static_url(site_path);
                    let listed = NOT_OPTIONAL.iter().any(|n| n.eq_ignore_ascii_case(stem));
                    if stem.eq_ignore_ascii_case("readme") && self.plugin("jekyll-readme-index") {
                        out.readme = Some(if dir.is_empty() {
                            "/".into()
                        } else {
                            format!("/{dir}/")
                        });
                    }
                    if !listed && self.plugin("jekyll-optional-front-matter") {
                        out.url = Some(self.page_url(dir, stem, None));
                    }
                    return out;
                }
                Place::Doc { .. } => {
                    out.copy = self.static_url(site_path);
                    return out;
                }
                _ => {}
            }
            return self.publish(site_path, Some(&EMPTY));
        };
        let get = |key: &str| value(fm, key).or_else(|| self.default_value(site_path, kind, key));
        let own = |key: &str| value(fm, key);
        let published = match place {
            Place::Page => own("published"),
            _ => get("published"),
        };
        if published.is_some_and(|p| p.value == YamlValue::Bool(false)) {
            return out;
        }
        let permalink = get("permalink").and_then(|p| p.as_str());
        out.document = !matches!(place, Place::Page);
        out.url = match place {
            Place::Draft => None,
            Place::Page => Some(self.page_url(dir, stem, permalink)),
            Place::Doc { collection, .. } if !collection.output => None,
            Place::Doc { collection, inner } => {
                let inner_stem = inner.rsplit_once('.').map_or(inner, |(s, _)| s);
                let template = permalink.map(String::from).unwrap_or_else(|| {
                    collection
                        .permalink
                        .clone()
                        .unwrap_or_else(|| format!("/:collection/:path{}", self.suffix()))
                });
                let p = Placeholders {
                    collection: &collection.name,
                    path: inner_stem,
                    name: stem,
                    slug: own("slug").and_then(|s| s.as_str()),
                    date: get("date")
                        .and_then(|d| d.as_str())
                        .and_then(|d| self.local_date(d)),
                    ..Placeholders::default()
                };
                Some(p.expand(&template))
            }
            Place::Post { categories } => self.post_url(stem, categories, fm, permalink),
        };
        if self.plugin("jekyll-redirect-from") {
            // The plugin reads both from what Liquid sees of the page, `defaults:` included;
            // any value Ruby holds true redirects (an empty text too), a list by its first
            // item that is not null.
            out.redirect_to = out.url.is_some()
                && get("redirect_to").is_some_and(|r| match &r.value {
                    YamlValue::Null | YamlValue::Bool(false) => false,
                    YamlValue::Seq(items) => items.iter().any(|i| i.value != YamlValue::Null),
                    _ => true,
                });
            out.redirects = match get("redirect_from").map(|r| &r.value) {
                Some(YamlValue::Str(s)) => vec![s.clone()],
                Some(YamlValue::Seq(items)) => items
                    .iter()
                    .filter_map(|i| i.as_str())
                    .map(String::from)
                    .collect(),
                _ => Vec::new(),
            };
            for r in &mut out.redirects {
                if !r.starts_with('/') {
                    r.insert(0, '/');
                }
            }
        }
        out
    }

    /// `/` after a URL when the site's permalink style is pretty, `:output_ext` otherwise.
    fn suffix(&self) -> &'static str {
        if self.permalink == "pretty" || self.permalink.ends_with('/') {
            "/"
        } else {
            ":output_ext"
        }
    }

    /// The URL of a page in the folder `dir` named `stem`.
    fn page_url(&self, dir: &str, stem: &str, permalink: Option<&str>) -> String {
        if let Some(template) = permalink {
            let p = Placeholders {
                path: dir,
                name: stem,
                ..Placeholders::default()
            };
            return p.expand(template);
        }
        let dir = if dir.is_empty() {
            "/".to_string()
        } else {
            format!("/{dir}/")
        };
        if stem == "index" {
            dir
        } else if self.suffix() == "/" {
            format!("{dir}{stem}/")
        } else {
            format!("{dir}{stem}.html")
        }
    }

    /// A front matter `date:` as the site's clock reads it: a time (UTC when no offset is
    /// written) converted to the site's time zone (UTC without one, as GitHub's builders
    /// run); a date alone as written.
    fn local_date(&self, text: &str) -> Option<DateTime> {
        let (date, offset) = parse_date(text)?;
        // Ruby's YAML reads a time written without a zone as UTC (the fixture site
        // posts-time shows it); a date alone is midnight where the site is.
        let offset = match offset {
            Some(offset) => offset,
            None if text.trim().len() <= 10 => return Some(date),
            None => 0,
        };
        let utc = date.timestamp() - offset;
        let local = self.zone.as_ref().map_or(0, |z| z.offset_at(utc));
        Some(DateTime::from_timestamp(utc + local))
    }

    fn post_url(
        &self,
        stem: &str,
        folders: Vec<&str>,
        fm: &YamlNode,
        permalink: Option<&str>,
    ) -> Option<String> {
        let (file_date, name) = date_of_name(stem)?;
        let text = |k: &str| value(fm, k).and_then(|v| v.as_str());
        let mut categories: Vec<String> = folders.iter().map(|c| c.to_string()).collect();
        for key in ["category", "categories"] {
            match value(fm, key).map(|v| &v.value) {
                Some(YamlValue::Str(s)) => {
                    categories.extend(s.split_whitespace().map(String::from))
                }
                Some(YamlValue::Seq(items)) => {
                    categories.extend(items.iter().filter_map(|i| match &i.value {
                        YamlValue::Str(s) => Some(s.clone()),
                        YamlValue::Int(n) => Some(n.to_string()),
                        _ => None,
                    }))
                }
                _ => {}
            }
        }
        let date = text("date")
            .and_then(|d| self.local_date(d))
            .unwrap_or(file_date);
        let posts = self.collections.iter().find(|c| c.name == "posts");
        let template = permalink
            .or(posts.and_then(|c| c.permalink.as_deref()))
            .unwrap_or(&self.permalink);
        let p = Placeholders {
            collection: "posts",
            path: stem,
            name,
            slug: text("slug"),
            categories,
            date: Some(date),
        };
        Some(p.expand(post_template(template)))
    }
}

/// What comes before the last `needle` in `path` (as `rsplit_once` finds it), by a plain
/// scan for its first byte: for a few short needles, cheaper than a string searcher.
fn before_last<'a>(path: &'a str, needle: &str) -> Option<&'a str> {
    let hay = path.as_bytes();
    memchr::memrchr_iter(needle.as_bytes()[0], hay)
        .find(|&i| hay[i..].starts_with(needle.as_bytes()))
        .map(|i| &path[..i])
}

static EMPTY: YamlNode = YamlNode {
    span: crate::span::Span { start: 0, end: 0 },
    value: YamlValue::Map(Vec::new()),
};

/// `File.fnmatch` for a scope path: `*` within a segment, `**` across segments.
fn glob(pattern: &str, path: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (Some(b'*'), _) if p.get(1) == Some(&b'*') => {
                (0..=s.len()).any(|i| go(&p[2..], &s[i..]))
            }
            (Some(b'*'), _) => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| go(&p[1..], &s[i..])),
            (Some(a), Some(b)) if a == b || *a == b'?' => go(&p[1..], &s[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), path.as_bytes())
}
