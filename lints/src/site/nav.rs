//! just-the-docs navigation as the nav lints read it: what one page says about its place in
//! the navigation ([`NavFacts`], from its effective front matter, `defaults` included), what
//! `_config.yml` says about the navigation and callouts ([`NavConfig`]), and the site's
//! navigation built from every page ([`super::NavIndex`]).

use super::config::value;
use super::SiteConfig;
use crate::document::Document;
use crate::front_matter::{self, YamlNode, YamlValue};
use crate::model::Kind;
use crate::span::Span;

/// A front matter value of the page and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct NavText {
    pub value: Box<str>,
    /// The value as written (quotes included) when it is the page's own; the start of the
    /// page when it comes from `defaults`.
    pub span: Span,
    /// Written in the page's own front matter (not from `defaults`): a fix may edit it.
    pub own: bool,
    /// [`NavText::written`] when it is not what it most often is (`value` itself, or empty
    /// when from `defaults`): a site keeps every page's titles until its site pass.
    written: Option<Box<str>>,
}

// Kept for every page's title (and boxed for its parents) until the site pass.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<NavText>() == 56);

impl NavText {
    /// `written` is the value as written in the page (quotes included), empty when from
    /// `defaults`.
    pub fn new(value: String, span: Span, own: bool, written: &str) -> NavText {
        let usual = if own { value.as_str() } else { "" };
        NavText {
            written: (written != usual).then(|| written.into()),
            value: value.into_boxed_str(),
            span,
            own,
        }
    }

    /// The value as written in the page (quotes included); empty when from `defaults`.
    pub fn written(&self) -> &str {
        match &self.written {
            Some(written) => written,
            None if self.own => &self.value,
            None => "",
        }
    }
}

/// A `nav_order`: a number, or a text (quoted or not).
#[derive(Clone, Debug, PartialEq)]
pub enum NavOrder {
    Number(f64),
    Text(String),
}

/// What one page says about its place in the just-the-docs navigation.
#[derive(Clone, Debug, Default)]
pub struct NavFacts {
    /// The navigation the page is listed in: `""` for the site's pages, the collection's
    /// name for a collection under `just_the_docs: collections:`; `None` for a page that is
    /// in none (a post, another collection's document, an unpublished page), and every page
    /// of a site that does not use just-the-docs.
    pub group: Option<String>,
    pub title: Option<NavText>,
    /// Boxed, as `grand_parent` and `ancestor`: most pages have none, and a site keeps
    /// every page's facts until its site pass.
    pub parent: Option<Box<NavText>>,
    pub grand_parent: Option<Box<NavText>>,
    pub ancestor: Option<Box<NavText>>,
    pub nav_order: Option<(NavOrder, Span)>,
    pub has_children: bool,
    /// `has_children: false` written (or set by `defaults:`): just-the-docs lists none of
    /// the page's children, in the sidebar or under the page.
    pub hides_children: bool,
    pub nav_exclude: bool,
    /// The page's own `permalink:` value, where it is written.
    pub permalink: Option<Span>,
    /// Where to point a finding about the whole page: its front matter's first line.
    pub head: Span,
    /// Classes on block quotes (`{: .note }` on the line before `>`): (class, where).
    pub quote_classes: Box<[(String, Span)]>,
}

// Kept until the site pass for every page of a just-the-docs site (see `OwnFacts`).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<NavFacts>() == 208);

impl NavFacts {
    /// The facts of the page `site_path` (published or not) from its parsed document.
    pub fn from_document(
        doc: &Document,
        site_path: &str,
        published: bool,
        config: &SiteConfig,
    ) -> NavFacts {
        let mut facts = NavFacts::from_front_matter(
            doc.front_matter.data(),
            doc.text(),
            site_path,
            published,
            config,
        );
        facts.quote_classes = super::kept::exact(quote_classes(doc)).into_boxed_slice();
        facts
    }

    /// The facts of a page not linted in this run, from its text (the front matter is
    /// enough).
    pub fn from_text(text: &str, site_path: &str, published: bool, config: &SiteConfig) -> Self {
        let data = match front_matter::split(text) {
            front_matter::Split::Closed { yaml, .. } => {
                front_matter::parse_yaml(&text[yaml.range()], yaml.start)
                    .ok()
                    .flatten()
            }
            _ => None,
        };
        NavFacts::from_front_matter(data.as_ref(), text, site_path, published, config)
    }

    fn from_front_matter(
        fm: Option<&YamlNode>,
        text: &str,
        site_path: &str,
        published: bool,
        config: &SiteConfig,
    ) -> NavFacts {
        let kind = config.scope_type(site_path);
        let group = match kind {
            _ if !config.nav.theme => None,
            "pages" if published => Some(String::new()),
            "pages" | "posts" | "drafts" => None,
            name => config
                .nav
                .collections
                .iter()
                .any(|c| c == name)
                .then(|| name.to_string()),
        };
        let head = Span::new(0, text.find('\n').unwrap_or(text.len()).min(3));
        let get = |key: &str| -> Option<(&YamlNode, bool)> {
            match fm.and_then(|fm| value(fm, key)) {
                Some(v) => Some((v, true)),
                None => config
                    .default_value(site_path, kind, key)
                    .map(|v| (v, false)),
            }
        };
        let text_of = |key: &str| -> Option<NavText> {
            let (v, own) = get(key)?;
            let value = match &v.value {
                YamlValue::Str(s) => s.clone(),
                YamlValue::Int(n) => n.to_string(),
                YamlValue::Float(f) => f.to_string(),
                YamlValue::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some(NavText::new(
                value,
                if own { v.span } else { head },
                own,
                if own {
                    text.get(v.span.range()).unwrap_or("")
                } else {
                    ""
                },
            ))
        };
        let flag = |key: &str| get(key).is_some_and(|(v, _)| v.value == YamlValue::Bool(true));
        let nav_order = get("nav_order").and_then(|(v, own)| {
            let order = match &v.value {
                YamlValue::Int(n) => NavOrder::Number(*n as f64),
                YamlValue::Float(f) => NavOrder::Number(*f),
                YamlValue::Str(s) => NavOrder::Text(s.clone()),
                _ => return None,
            };
            Some((order, if own { v.span } else { head }))
        });
        let title = text_of("title").or_else(|| {
            let lower = site_path.to_ascii_lowercase();
            let markdown = [".md", ".markdown", ".mkdown", ".mkdn", ".mkd"]
                .iter()
                .any(|e| lower.ends_with(e));
            (kind == "pages" && markdown && config.plugin("jekyll-titles-from-headings"))
                .then(|| heading_title(text))
                .flatten()
                .map(|(value, span)| NavText::new(value, span, false, ""))
        });
        NavFacts {
            group,
            title,
            parent: text_of("parent").map(Box::new),
            grand_parent: text_of("grand_parent").map(Box::new),
            ancestor: text_of("ancestor").map(Box::new),
            nav_order,
            has_children: flag("has_children"),
            hides_children: get("has_children")
                .is_some_and(|(v, _)| v.value == YamlValue::Bool(false)),
            nav_exclude: flag("nav_exclude"),
            permalink: fm.and_then(|fm| value(fm, "permalink")).map(|v| v.span),
            head,
            quote_classes: Box::default(),
        }
    }

    /// Whether the page says something about the navigation.
    pub fn in_navigation(&self) -> bool {
        self.parent.is_some() || self.nav_order.is_some() || self.has_children
    }
}

/// The title jekyll-titles-from-headings gives a Markdown page that has none: the text of
/// the first line of its content (blank lines skipped) when that line is a heading, `#` to
/// `###` (closing `#`s dropped) or a line underlined with `=` or `-`; with where it stands.
pub fn heading_title(text: &str) -> Option<(String, Span)> {
    let start = match front_matter::split(text) {
        front_matter::Split::Closed { span, .. } => span.end,
        front_matter::Split::Absent => 0,
        front_matter::Split::Unclosed { .. } => return None,
    };
    let body = &text[start.min(text.len())..];
    let skipped = body.len() - body.trim_start().len();
    let first_start = body[..skipped].rfind('\n').map_or(0, |i| i + 1);
    let rest = &body[first_start..];
    let (first, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let first = first.trim_end_matches('\r');
    let at = start + first_start;
    let trimmed = first.trim_start();
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    let title = if (1..=3).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
        let inner = trimmed[hashes..].trim();
        let without = inner.trim_end_matches('#');
        if without.len() < inner.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
            without.trim_end()
        } else {
            inner
        }
    } else {
        let under = after.lines().next().unwrap_or("").trim();
        let setext = !under.is_empty()
            && (under.bytes().all(|b| b == b'=') || under.bytes().all(|b| b == b'-'));
        if !setext || trimmed.trim().is_empty() {
            return None;
        }
        trimmed.trim()
    };
    if title.is_empty() {
        return None;
    }
    Some((title.to_string(), Span::new(at, at + first.len())))
}

/// Classes given to block quotes by a block attribute list on the line before them, as
/// kramdown applies it: `{: .note }` after a blank line (or another attribute list, or the
/// front matter) and right before the quote's first line.
fn quote_classes(doc: &Document) -> Vec<(String, Span)> {
    let quotes = doc.tree.of_kind(Kind::BlockQuote);
    if quotes.is_empty() {
        return Vec::new();
    }
    let text = doc.text();
    let lines = &doc.lines;
    // In the order of the text: sorted.
    let ial_lines: Vec<usize> = doc
        .attr_lists
        .iter()
        .map(|a| lines.line_of(a.span.start))
        .collect();
    let mut out = Vec::new();
    for (i, a) in doc.attr_lists.iter().enumerate() {
        if a.definition || a.problem.is_some() {
            continue;
        }
        let line = ial_lines[i];
        let own_line = lines.line_span(text, line);
        if !text[own_line.start..a.span.start].trim().is_empty()
            || !text[a.span.end.min(own_line.end)..own_line.end]
                .trim()
                .is_empty()
        {
            continue;
        }
        // What stands before: a blank line, another attribute list or the front matter.
        let before_ok = line == 1
            || lines.line_start(line) <= doc.front_matter.end()
            || text[lines.line_span(text, line - 1).range()]
                .trim()
                .is_empty()
            || ial_lines.binary_search(&(line - 1)).is_ok();
        if !before_ok || line >= lines.line_count() {
            continue;
        }
        let next = lines.line_start(line + 1);
        let at = quotes.partition_point(|&q| doc.tree.span(q).start < next);
        let Some(&q) = quotes.get(at) else { continue };
        let start = doc.tree.span(q).start;
        if start > lines.line_end(text, line + 1) || !text[next..start].trim().is_empty() {
            continue;
        }
        let inner = text[a.span.range()]
            .trim_start_matches('{')
            .trim_start_matches(':')
            .trim_end_matches('}');
        for word in inner.split_whitespace() {
            if let Some(class) = word.strip_prefix('.').filter(|c| !c.is_empty()) {
                out.push((class.to_string(), a.span));
            }
        }
    }
    out
}

/// What `_config.yml` says about the just-the-docs navigation and callouts.
#[derive(Clone, Debug, Default)]
pub struct NavConfig {
    /// `callouts:`: the names of the callouts defined.
    pub callouts: Vec<String>,
    /// `just_the_docs: collections:`: the collections listed in the navigation.
    pub collections: Vec<String>,
    /// Whether the site uses just-the-docs (`theme`, `remote_theme`, `just_the_docs:` or
    /// `callouts:`).
    pub theme: bool,
    /// The theme's version, when the site pins it (`remote_theme: …@v0.8.2`, or the Gemfile
    /// as discovery reads it): (major, minor, patch).
    pub version: Option<(u64, u64, u64)>,
}

impl NavConfig {
    pub(crate) fn from_yaml(config: &YamlNode) -> NavConfig {
        let names = |node: Option<&YamlNode>| -> Vec<String> {
            node.map(|n| {
                n.entries()
                    .iter()
                    .filter_map(|(k, _)| k.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
        };
        let text = |key: &str| value(config, key).and_then(|v| v.as_str()).unwrap_or("");
        let remote = text("remote_theme");
        let jtd = value(config, "just_the_docs");
        let callouts = value(config, "callouts");
        let theme = text("theme") == "just-the-docs"
            || remote.contains("just-the-docs")
            || jtd.is_some()
            || callouts.is_some();
        let version = remote
            .contains("just-the-docs")
            .then(|| remote.split_once('@'))
            .flatten()
            .and_then(|(_, v)| parse_version(v));
        NavConfig {
            callouts: names(callouts),
            collections: names(jtd.and_then(|j| value(j, "collections"))),
            theme,
            version,
        }
    }
}

/// `v0.8.2`, `0.10` or `0.10.0.pre.1` as (major, minor, patch); `None` for a branch name.
pub fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let v = v.trim().trim_start_matches('v');
    let mut parts = v.split('.').map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next()??;
    let patch = parts.next().flatten().unwrap_or(0);
    Some((major, minor, patch))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_headings() {
        let t = |text: &str| heading_title(text).map(|(t, _)| t);
        assert_eq!(
            t("---\nnav_order: 2\n---\n\n# Guides\n\nText\n"),
            Some("Guides".into())
        );
        assert_eq!(t("## Two ##\n"), Some("Two".into()));
        assert_eq!(t("Setext\n======\n"), Some("Setext".into()));
        assert_eq!(t("---\n---\nText first\n\n# Later\n"), None);
        assert_eq!(t("#### Four\n"), None);
        assert_eq!(t("#NoSpace\n"), None);
        let text = "---\nx: 1\n---\n# Guides\n";
        let (_, span) = heading_title(text).unwrap();
        assert_eq!(&text[span.range()], "# Guides");
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("v0.8.2"), Some((0, 8, 2)));
        assert_eq!(parse_version("0.10"), Some((0, 10, 0)));
        assert_eq!(parse_version("main"), None);
    }

    #[test]
    fn classes_on_block_quotes() {
        let doc = Document::parse(
            "---\ntitle: t\n---\n{: .note }\n> a\n\n{: .warning-title }\n> > b\n\n\
             para\n{: .tip }\n> c\n\n> {: .opaque }\n> d\n"
                .into(),
        );
        let classes = quote_classes(&doc);
        let got: Vec<&str> = classes.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(got, ["note", "warning-title"]);
    }
}
