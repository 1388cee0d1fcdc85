//! The site index: every page's output URL and ids, and every file of the site, built from
//! the owned facts of each page, so that links between pages can be checked as Jekyll and
//! a browser would resolve them.

use std::collections::{HashMap, HashSet};

use crate::document::{Document, LinkKind};
use crate::front_matter::YamlValue;
use crate::span::Span;

/// What `_config.yml` says about URLs.
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
}

#[derive(Clone, Debug, Default)]
pub struct Collection {
    pub name: String,
    pub output: bool,
    pub permalink: Option<String>,
}

impl SiteConfig {
    /// Read the settings from the parsed `_config.yml`.
    pub fn from_yaml(config: Option<&crate::front_matter::YamlNode>) -> SiteConfig {
        let Some(config) = config else {
            return SiteConfig::default();
        };
        let text = |key: &str| {
            config
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let mut collections = Vec::new();
        if let Some(c) = config.get("collections") {
            match &c.value {
                YamlValue::Map(entries) => {
                    for (k, v) in entries {
                        let Some(name) = k.as_str() else { continue };
                        collections.push(Collection {
                            name: name.to_string(),
                            output: matches!(
                                v.get("output").map(|o| &o.value),
                                Some(YamlValue::Bool(true))
                            ),
                            permalink: v
                                .get("permalink")
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
        }
        let input = match config
            .get("kramdown")
            .and_then(|k| k.get("input"))
            .and_then(|i| i.as_str())
        {
            Some(i) if i.eq_ignore_ascii_case("kramdown") => crate::slug::Input::Kramdown,
            _ => crate::slug::Input::Gfm,
        };
        let themed = !text("theme").is_empty() || !text("remote_theme").is_empty();
        let includes = text("includes_dir");
        let includes = includes.trim_matches('/');
        SiteConfig {
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
            collections,
            collections_dir: text("collections_dir").trim_matches('/').to_string(),
        }
    }

    /// The URL Jekyll publishes the page at `site_path` under (without `baseurl`), or `None`
    /// for a collection document that is not output.
    pub fn url_of(&self, site_path: &str, front_matter_permalink: Option<&str>) -> Option<String> {
        if let Some(p) = front_matter_permalink {
            return Some(format!("/{}", p.trim_start_matches('/')));
        }
        let (stem, _) = site_path.rsplit_once('.').unwrap_or((site_path, ""));
        let pretty = self.permalink == "pretty" || self.permalink.ends_with('/');
        let prefix = if self.collections_dir.is_empty() {
            String::new()
        } else {
            format!("{}/", self.collections_dir)
        };
        if let Some(rest) = site_path.strip_prefix(&prefix) {
            if let Some((dir, inner)) = rest.strip_prefix('_').and_then(|r| r.split_once('/')) {
                if let Some(c) = self.collections.iter().find(|c| c.name == dir) {
                    if !c.output {
                        return None;
                    }
                    let (inner_stem, _) = inner.rsplit_once('.').unwrap_or((inner, ""));
                    let template = c.permalink.clone().unwrap_or_else(|| {
                        if pretty {
                            "/:collection/:path/".into()
                        } else {
                            "/:collection/:path:output_ext".into()
                        }
                    });
                    let name = inner_stem.rsplit('/').next().unwrap_or(inner_stem);
                    return Some(
                        template
                            .replace(":collection", &c.name)
                            .replace(":path", inner_stem)
                            .replace(":name", name)
                            .replace(":title", name)
                            .replace(":output_ext", ".html"),
                    );
                }
            }
        }
        if let Some(url) = post_url(stem, pretty, &self.permalink) {
            return Some(url);
        }
        let (dir, base) = match stem.rsplit_once('/') {
            Some((d, b)) => (format!("/{d}/"), b),
            None => ("/".to_string(), stem),
        };
        Some(if base == "index" {
            dir
        } else if pretty {
            format!("{dir}{base}/")
        } else {
            format!("{dir}{base}.html")
        })
    }
}

/// `en/news/_posts/2019-03-05-title` -> `/en/news/2019/03/05/title/` (pretty) or `….html`:
/// the folders above `_posts` are the post's categories.
fn post_url(stem: &str, pretty: bool, style: &str) -> Option<String> {
    let (categories, name) = stem
        .rsplit_once("/_posts/")
        .or_else(|| stem.strip_prefix("_posts/").map(|n| ("", n)))?;
    let name = name.rsplit('/').next()?;
    let b = name.as_bytes();
    let dated = b.len() > 11
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !dated {
        return None;
    }
    let (year, month, day, title) = (&name[..4], &name[5..7], &name[8..10], &name[11..]);
    let categories: Vec<&str> = categories.split('/').filter(|c| !c.is_empty()).collect();
    let cats = if categories.is_empty() {
        String::new()
    } else {
        format!("/{}", categories.join("/"))
    };
    Some(match style {
        "none" => format!("{cats}/{title}{}", if pretty { "/" } else { ".html" }),
        _ if pretty => format!("{cats}/{year}/{month}/{day}/{title}/"),
        _ => format!("{cats}/{year}/{month}/{day}/{title}.html"),
    })
}

/// A link of a page that the site index can check.
#[derive(Clone, Debug)]
pub struct LinkFact {
    /// Where to point a diagnostic: the destination as written (or the whole link).
    pub span: Span,
    /// The destination as the browser receives it (Markdown escapes resolved).
    pub url: String,
}

/// A Liquid tag that names a file of the site: Jekyll's build fails when it is missing.
#[derive(Clone, Debug)]
pub struct FileRef {
    /// The path as written in the tag.
    pub span: Span,
    /// `link` (a path from the site root), `include_relative` (from the page's folder) or
    /// `include` (from the includes folder).
    pub tag: &'static str,
    /// The path from the site root.
    pub source: String,
}

/// The owned facts of one page that site-wide lints read.
#[derive(Clone, Debug)]
pub struct PageFacts {
    pub site_path: String,
    /// The published URL (without `baseurl`), when the page is published.
    pub url: Option<String>,
    pub links: Vec<LinkFact>,
    /// The ids a `#fragment` can point to; `None` when some cannot be known (a heading
    /// built with Liquid).
    pub ids: Option<HashSet<String>>,
    /// `{% link … %}` and `{% include_relative … %}` tags.
    pub file_refs: Vec<FileRef>,
    /// `http(s)://` links, for the online checker.
    pub external: Vec<crate::external::ExternalLink>,
}

impl PageFacts {
    pub fn from_document(doc: &Document, site_path: &str, config: &SiteConfig) -> PageFacts {
        let permalink = doc
            .front_matter
            .data()
            .and_then(|d| d.get("permalink"))
            .and_then(|p| p.as_str());
        let is_markdown = site_path.ends_with(".md") || site_path.ends_with(".markdown");
        let url = if is_markdown {
            config.url_of(site_path, permalink)
        } else {
            None
        };
        let links = doc
            .links
            .iter()
            .filter(|l| l.kind != LinkKind::Autolink && !doc.in_verbatim(l.span))
            .filter_map(|l| {
                let written = l.dest.or(l.definition.map(|d| doc.definitions[d].dest));
                let span = l.dest.unwrap_or(l.span);
                let liquid =
                    Document::starting_in(&doc.liquid, |q| q.span.start, written.unwrap_or(l.span));
                if liquid.is_empty() {
                    return Some(LinkFact {
                        span,
                        url: l.url.clone(),
                    });
                }
                // A destination built with Liquid: the forms whose value is known here
                // (`{{ site.baseurl }}/x`, `{{ '/x' | relative_url }}`); the rest is Jekyll's.
                let written = written?;
                let url = liquid_url(doc.slice(written), &config.baseurl)?;
                Some(LinkFact { span, url })
            })
            .collect();
        PageFacts {
            site_path: site_path.to_string(),
            url,
            links,
            ids: crate::slug::page_ids(doc, config.input),
            file_refs: file_refs(doc, site_path, config.includes_dir.as_deref()),
            external: crate::external::external_links(doc),
        }
    }
}

/// The URL of a destination that starts with one Liquid output whose value is known without
/// the site's data: `{{ site.baseurl }}REST`, `{{ 'PATH' | relative_url }}REST` (also
/// `absolute_url`, checked as the same path). `None` for anything else.
pub fn liquid_url(written: &str, baseurl: &str) -> Option<String> {
    let inner_start = written.strip_prefix("{{")?;
    let close = inner_start.find("}}")?;
    let (inner, rest) = (
        inner_start[..close].trim_matches(['-', ' ', '\t']),
        &inner_start[close + 2..],
    );
    if rest.contains("{{") || rest.contains("{%") {
        return None;
    }
    if inner == "site.baseurl" {
        return Some(format!("{baseurl}{rest}"));
    }
    let (value, filter) = inner.split_once('|')?;
    let filter = filter.trim();
    if filter != "relative_url" && filter != "absolute_url" {
        return None;
    }
    let value = value.trim();
    let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let path = value.strip_prefix(quote)?.strip_suffix(quote)?;
    if path.contains(quote) || path.contains("://") {
        return None;
    }
    let slash = if path.starts_with('/') { "" } else { "/" };
    Some(format!("{baseurl}{slash}{path}{rest}"))
}

/// `{% link path %}`, `{% include_relative path %}` and (when every include must be in the
/// site) `{% include name %}` with a literal path.
fn file_refs(doc: &Document, site_path: &str, includes_dir: Option<&str>) -> Vec<FileRef> {
    let mut refs = Vec::new();
    for l in &doc.liquid {
        let crate::scan::LiquidKind::Tag { name } = &l.kind else {
            continue;
        };
        let tag = match name.as_str() {
            "link" => "link",
            "include_relative" => "include_relative",
            "include" if includes_dir.is_some() => "include",
            _ => continue,
        };
        let inner = doc.slice(l.inner);
        let Some(at) = inner.find(name.as_str()) else {
            continue;
        };
        let rest = &inner[at + name.len()..];
        let Some(arg) = rest.split_whitespace().next() else {
            continue;
        };
        // A variable or a filter: only Jekyll knows the path.
        if arg.contains(['{', '|', '"', '\'']) || !arg.contains('.') {
            continue;
        }
        let start = l.inner.start + at + name.len() + rest.find(arg).unwrap_or(0);
        let base = match tag {
            "link" => "",
            "include" => includes_dir.unwrap_or("_includes"),
            _ => parent(site_path),
        };
        refs.push(FileRef {
            span: Span::new(start, start + arg.len()),
            tag,
            source: normalize(&format!("{base}/{arg}")),
        });
    }
    refs
}

/// Every page's URL and every file of the site.
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub baseurl: String,
    /// Published URL -> source path.
    urls: HashMap<String, String>,
    /// Source paths of pages, and of every other file of the site.
    files: HashSet<String>,
    /// The facts of the pages linted in this run.
    pages: Vec<PageFacts>,
    /// Source path -> index into `pages`.
    by_source: HashMap<String, usize>,
    /// For `nearest` on a large site: (URL, source) pairs by the top folder of either.
    by_top: std::sync::OnceLock<HashMap<String, Vec<(String, String)>>>,
}

/// The first segment of a path, lowercase, without its extension: `Guides/A.md` -> `guides`.
fn top_folder(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let first = first.rsplit_once('.').map_or(first, |(stem, _)| stem);
    first.to_ascii_lowercase()
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another site, `mailto:`, Liquid we do not evaluate, or a fragment of this page.
    NotChecked,
    /// A page of the site, by source path.
    Page(String),
    /// Another file of the site (an image, a PDF, a page not linted in this run).
    File,
    Missing {
        path: String,
    },
}

impl Target {
    pub fn exists(&self) -> bool {
        matches!(self, Target::Page(_) | Target::File)
    }
}

impl SiteIndex {
    /// Whether `source` (a path from the site root) is a file of the site.
    pub fn has_file(&self, source: &str) -> bool {
        self.files.contains(source)
    }
}

impl SiteIndex {
    /// `files` are all files of the site (source paths, `/` separators), pages included.
    pub fn new(
        baseurl: &str,
        pages: Vec<PageFacts>,
        files: impl IntoIterator<Item = String>,
    ) -> SiteIndex {
        let mut index = SiteIndex {
            baseurl: baseurl.to_string(),
            files: files.into_iter().collect(),
            ..SiteIndex::default()
        };
        for (i, p) in pages.iter().enumerate() {
            if let Some(url) = &p.url {
                index.urls.insert(url.clone(), p.site_path.clone());
            }
            index.files.insert(p.site_path.clone());
            index.by_source.insert(p.site_path.clone(), i);
        }
        index.pages = pages;
        index
    }

    /// The pages linted in this run, in the order they were given.
    pub fn pages(&self) -> &[PageFacts] {
        &self.pages
    }

    /// Resolve `url`, written on the page `from`, the way the published site does: links to
    /// `.md` files relative to the source file (jekyll-relative-links), other paths relative to
    /// the page's URL, `\` read as `/` as browsers do.
    pub fn resolve(&self, from: &PageFacts, url: &str) -> Target {
        let url: std::borrow::Cow<str> = if url.contains('\\') {
            url.replace('\\', "/").into()
        } else {
            url.into()
        };
        let path = url.split(['#', '?']).next().unwrap_or("");
        let has_scheme = path.find(':').is_some_and(|i| {
            path[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
                && i > 0
        });
        if path.is_empty() || has_scheme || path.starts_with("//") {
            return Target::NotChecked;
        }
        let path: std::borrow::Cow<str> = if path.contains('%') {
            percent_decode(path).into()
        } else {
            path.into()
        };
        let ends_with = |ext: &str| {
            path.len() >= ext.len()
                && path.as_bytes()[path.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
        };
        if ends_with(".md") || ends_with(".markdown") {
            let base = if path.starts_with('/') {
                ""
            } else {
                parent(&from.site_path)
            };
            let source = normalize(&format!("{base}/{path}"));
            return if self.by_source.contains_key(&source) {
                Target::Page(source)
            } else if self.files.contains(&source) {
                Target::File
            } else {
                Target::Missing { path: source }
            };
        }
        let absolute = if path.starts_with('/') {
            let p = path
                .strip_prefix(&self.baseurl)
                .filter(|r| r.is_empty() || r.starts_with('/'))
                .unwrap_or(&path);
            normalize(p)
        } else {
            let Some(page_url) = &from.url else {
                return Target::NotChecked;
            };
            let dir = if page_url.ends_with('/') {
                page_url.as_str()
            } else {
                parent(page_url)
            };
            normalize(&format!("{dir}/{path}"))
        };
        self.find(&absolute, path.ends_with('/'))
            .unwrap_or(Target::Missing { path: absolute })
    }

    /// The ids of the page at `source`: `None` when unknown (not linted in this run, or a
    /// heading built with Liquid).
    pub fn ids(&self, source: &str) -> Option<&HashSet<String>> {
        self.by_source
            .get(source)
            .and_then(|&i| self.pages[i].ids.as_ref())
    }

    /// `path` is `a/b` (no leading `/`): a published URL or a file of the site.
    fn find(&self, path: &str, dir: bool) -> Option<Target> {
        // `/a/b`, `/a/b/`, `/a/b.html`, and `/a/b.html` read as `/a/b` and `/a/b/`.
        let mut url = String::with_capacity(path.len() + 7);
        url.push('/');
        url.push_str(path);
        let bare_len = url.strip_suffix(".html").map_or(url.len(), str::len);
        let mut hit = self.urls.get(&url);
        for suffix in ["/", ".html"] {
            if hit.is_none() {
                url.truncate(path.len() + 1);
                url.push_str(suffix);
                hit = self.urls.get(&url);
            }
        }
        for suffix in ["", "/"] {
            if hit.is_none() && bare_len < path.len() + 1 {
                url.truncate(bare_len);
                url.push_str(suffix);
                hit = self.urls.get(&url);
            }
        }
        if let Some(source) = hit {
            return Some(if self.by_source.contains_key(source) {
                Target::Page(source.clone())
            } else {
                Target::File
            });
        }
        let file = (!dir && self.files.contains(path))
            || self.files.contains(&format!("{path}/index.html"))
            || path.is_empty();
        file.then_some(Target::File)
    }

    /// The page whose URL or source path is closest to `path`, for a "did you mean"; for a
    /// path to a `.md` file, the source path is named, otherwise the URL.
    pub fn nearest(&self, path: &str) -> Option<String> {
        let want = path.trim_matches('/').to_ascii_lowercase();
        let source_wanted = want.ends_with(".md") || want.ends_with(".markdown");
        let want_stem = want.rsplit_once('.').map_or(want.as_str(), |(s, _)| s);
        let limit = want_stem.chars().count() / 3 + 1;
        let mut best: Option<(usize, String)> = None;
        // On a large site, look only in the same top folder: a typo rarely changes that.
        let candidates: Box<dyn Iterator<Item = (&String, &String)>> = if self.urls.len() > 1000 {
            let by_top = self.by_top.get_or_init(|| {
                let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
                for (url, source) in &self.urls {
                    let (a, b) = (top_folder(url), top_folder(source));
                    if a != b {
                        map.entry(b)
                            .or_default()
                            .push((url.clone(), source.clone()));
                    }
                    map.entry(a)
                        .or_default()
                        .push((url.clone(), source.clone()));
                }
                map
            });
            match by_top.get(&top_folder(want_stem)) {
                Some(list) => Box::new(list.iter().map(|(u, s)| (u, s))),
                None => return None,
            }
        } else {
            Box::new(self.urls.iter())
        };
        for (url, source) in candidates {
            // Cheap first: a length difference alone can rule a page out.
            if url.len().abs_diff(want_stem.len()) > limit + 6
                && source.len().abs_diff(want_stem.len()) > limit + 10
            {
                continue;
            }
            let u = url.trim_matches('/').to_ascii_lowercase();
            let s = source
                .rsplit_once('.')
                .map_or(source.as_str(), |(s, _)| s)
                .to_ascii_lowercase();
            let bound = best.as_ref().map_or(limit, |(d, _)| (*d).min(limit));
            let d = [
                distance_within(want_stem, u.trim_end_matches(".html"), bound),
                distance_within(want_stem, &s, bound),
            ]
            .into_iter()
            .flatten()
            .min();
            let shown = if source_wanted { source } else { url };
            if let Some(d) = d {
                if best
                    .as_ref()
                    .is_none_or(|(bd, bs)| (d, shown.as_str()) < (*bd, bs.as_str()))
                {
                    best = Some((d, shown.clone()));
                }
            }
        }
        best.map(|(_, shown)| shown)
    }

    /// Add a page that was not linted in this run (so it has no facts) by its URL.
    pub fn add_page(&mut self, site_path: &str, url: String) {
        self.urls.insert(url, site_path.to_string());
        self.by_top = std::sync::OnceLock::new();
        self.files.insert(site_path.to_string());
    }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// Resolve `.` and `..`; no leading or trailing `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Decode `%XX` escapes; text that does not decode to UTF-8 is kept as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if let Some(v) = hex
            .filter(|_| b[i] == b'%')
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// The Levenshtein distance when it is at most `limit`, found without finishing the table
/// when the lengths alone, or a whole row, already exceed the limit.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let a_len = a.chars().count();
    if a_len.abs_diff(b.len()) > limit {
        return None;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut row_min = row[0];
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = if ca == b[j] {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
            row_min = row_min.min(row[j + 1]);
        }
        if row_min > limit {
            return None;
        }
    }
    (row[b.len()] <= limit).then_some(row[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(permalink: &str) -> SiteConfig {
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

    #[test]
    fn urls_follow_jekyll() {
        let pretty = config("pretty");
        assert_eq!(pretty.url_of("index.md", None).unwrap(), "/");
        assert_eq!(pretty.url_of("a/index.md", None).unwrap(), "/a/");
        assert_eq!(pretty.url_of("a/b.md", None).unwrap(), "/a/b/");
        assert_eq!(
            pretty.url_of("docs/_steps/x/y.md", None).unwrap(),
            "/steps/x/y/"
        );
        assert_eq!(
            pretty.url_of("a/b.md", Some("/custom/")).unwrap(),
            "/custom/"
        );
        let date = config("");
        assert_eq!(date.url_of("a/b.md", None).unwrap(), "/a/b.html");
        assert_eq!(
            date.url_of("docs/_steps/y.md", None).unwrap(),
            "/steps/y.html"
        );
        assert_eq!(
            pretty
                .url_of("en/news/_posts/2019-03-05-rubygems.md", None)
                .unwrap(),
            "/en/news/2019/03/05/rubygems/"
        );
        assert_eq!(
            date.url_of("_posts/2019-03-05-x.md", None).unwrap(),
            "/2019/03/05/x.html"
        );
    }

    #[test]
    fn links_resolve_like_the_published_site() {
        let c = config("pretty");
        let page = |p: &str| PageFacts {
            site_path: p.into(),
            url: c.url_of(p, None),
            links: vec![],
            ids: Some(Default::default()),
            file_refs: vec![],
            external: vec![],
        };
        let pages = [
            page("faq.md"),
            page("publishing/identify-data.md"),
            page("index.md"),
        ];
        let index = SiteIndex::new("/handbook", pages.to_vec(), ["assets/logo.png".to_string()]);
        let faq = &pages[0];
        // From /faq/, a relative path is relative to /faq/.
        let page = |p: &str| Target::Page(p.to_string());
        assert_eq!(
            index.resolve(faq, "../publishing/identify-data"),
            page("publishing/identify-data.md")
        );
        assert_eq!(
            index.resolve(faq, "publishing/identify-data.md"),
            page("publishing/identify-data.md")
        );
        assert_eq!(
            index.resolve(faq, "/handbook/publishing/identify-data/"),
            page("publishing/identify-data.md")
        );
        assert_eq!(index.resolve(faq, "/assets/logo.png"), Target::File);
        assert_eq!(
            index.resolve(faq, "publishing\\identify-data.md"),
            page("publishing/identify-data.md")
        );
        assert!(matches!(
            index.resolve(faq, "guides/data_stories.md"),
            Target::Missing { .. }
        ));
        assert_eq!(
            index.resolve(faq, "https://example.org/x"),
            Target::NotChecked
        );
        assert_eq!(index.resolve(faq, "#top"), Target::NotChecked);
        assert_eq!(
            index.nearest("publishing/identify_data").as_deref(),
            Some("/publishing/identify-data/")
        );
        assert_eq!(
            index.nearest("publishing/identify_data.md").as_deref(),
            Some("publishing/identify-data.md")
        );
    }

    #[test]
    fn nearest_on_a_large_site_looks_in_the_same_top_folder() {
        let pages = (0..1500).map(|i| format!("guides/page-{i:04}.md"));
        let mut index = SiteIndex::new("", Vec::new(), pages.clone());
        for p in pages {
            let url = format!("/{}.html", p.trim_end_matches(".md"));
            index.add_page(&p, url);
        }
        index.add_page("faq.md", "/faq.html".into());
        assert_eq!(
            index.nearest("guides/page_0042").as_deref(),
            Some("/guides/page-0042.html")
        );
        assert_eq!(
            index.nearest("Guides/page-0042.md").as_deref(),
            Some("guides/page-0042.md")
        );
        assert_eq!(index.nearest("fac").as_deref(), None, "another top folder");
        assert_eq!(index.nearest("faq.md").as_deref(), Some("faq.md"));
        assert_eq!(index.nearest("assets/images/x.png"), None);
    }
}
