//! The owned facts of one page that the site-wide pass reads: its URL, the links the site
//! index can check, its ids and the files its Liquid tags name. Built once from a
//! [`Document`]; the document itself is not kept.

use super::kept::exact;
use super::links::{is_plain, FileRef, LinksBuilder};
use super::own::OwnFacts;
use super::paths::{normalize, parent};
use super::Publication;
use super::SiteConfig;
use crate::document::{Document, FrontMatter, LinkKind};
use crate::front_matter::{YamlNode, YamlValue};
use crate::span::Span;

/// The owned facts of one page that site-wide lints read.
#[derive(Clone, Debug)]
pub struct PageFacts {
    /// The source path, kept once: the site index's table shares it.
    pub site_path: std::sync::Arc<str>,
    /// The published URL (without `baseurl`), when the page is published: kept once, the
    /// site index's table shares it.
    pub url: Option<std::sync::Arc<str>>,
    /// A post or collection document (jekyll-relative-links leaves its links as written).
    pub document: bool,
    /// Whether `ids` were written out by `Page::park_ids`, to be given back only if a link
    /// asks for them (`Site::settle`).
    pub ids_parked: bool,
    /// The rest of what Jekyll publishes for the file: its copy as a static file, the
    /// README-as-index URL, redirect pages. Boxed, and `None` when there is none of them
    /// (most pages): a site keeps every page's facts until its site pass.
    pub published: Option<Box<Publication>>,
    /// What only the page's own site lints read; `None` once taken
    /// ([`PageFacts::take_own`]) to be kept elsewhere until the page's site pass.
    pub own: Option<Box<OwnFacts>>,
    /// The ids a `#fragment` can point to (with patterns for headings built with Liquid).
    /// A check without fixes drops them where no link can ask for them
    /// ([`super::SiteIndex::drop_unasked_ids`]); a check of files on disk takes them out
    /// to its store as soon as the page is linted (`Page::park_ids`, then `ids_parked`), and
    /// gives back only those asked for. Boxed: most pages of a check hold none by the site
    /// pass, and a page's facts are kept until it.
    pub ids: Option<Box<crate::slug::PageIds>>,
    /// Its links to `#fragment`s and to other sites; `None` when it has neither, as most
    /// pages of a check offline (boxed: a page's facts are kept until its site pass).
    pub(crate) linked: Option<Box<Linked>>,
}

// Every page's facts are kept until the site pass: keep the common page small.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<PageFacts>() == 72);

/// The links of a page that the site pass reads before the page's own turn.
#[derive(Clone, Debug, Default)]
pub struct Linked {
    /// The links of the page with a `#fragment` (`""` for one of this page's own), until
    /// the index knows which pages' ids they ask for.
    pub fragment_links: Box<[Box<str>]>,
    /// `http(s)://` links, for the online checker.
    pub external: Box<[crate::external::ExternalLink]>,
}

impl Linked {
    /// `None` for a page with no such links.
    fn of(
        fragment_links: Box<[Box<str>]>,
        external: Box<[crate::external::ExternalLink]>,
    ) -> Option<Box<Linked>> {
        (!fragment_links.is_empty() || !external.is_empty()).then(|| {
            Box::new(Linked {
                fragment_links,
                external,
            })
        })
    }
}

// The facts cross threads (made in rayon tasks, read by the site pass): keep them owned.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<PageFacts>();
};

impl PageFacts {
    pub fn from_document(doc: &Document, site_path: &str, config: &SiteConfig) -> PageFacts {
        PageFacts::from_document_with(doc, site_path, config, true)
    }

    /// [`PageFacts::from_document`], with the page's external links only when `external`
    /// (they are checked online): a site checked offline does not keep them.
    pub fn from_document_with(
        doc: &Document,
        site_path: &str,
        config: &SiteConfig,
        external: bool,
    ) -> PageFacts {
        let is_markdown = site_path.ends_with(".md") || site_path.ends_with(".markdown");
        let mut published = if is_markdown {
            match &doc.front_matter {
                FrontMatter::Closed { span, .. } => {
                    let empty = YamlNode {
                        span: *span,
                        value: YamlValue::Map(Vec::new()),
                    };
                    config.publish(site_path, Some(doc.front_matter.data().unwrap_or(&empty)))
                }
                _ => config.publish(site_path, None),
            }
        } else {
            Publication::default()
        };
        let url: Option<std::sync::Arc<str>> = published.url.take().map(Into::into);
        // A `redirect_to` page publishes none of its content.
        let shown = !published.redirect_to;
        let nav = super::NavFacts::from_document(doc, site_path, url.is_some(), config);
        // What the page's Liquid reads; with `render_with_liquid: false` it is printed as
        // written, in links and headings alike.
        let scope = super::Scope::new(config, site_path, doc.front_matter.data(), url.as_deref());
        let mut links = LinksBuilder::default();
        for l in doc
            .links
            .iter()
            .filter(|l| shown && l.kind != LinkKind::Autolink && !doc.in_verbatim(l.span))
        {
            let written = l.dest.or(l.definition.map(|d| doc.definitions[d].dest));
            let span = l.dest.unwrap_or(l.span);
            let liquid =
                Document::starting_in(&doc.liquid, |q| q.span.start, written.unwrap_or(l.span));
            if liquid.is_empty() {
                // Between `{% raw %}` and `{% endraw %}` Liquid is printed as written.
                let plain = l.dest.is_some_and(|d| is_plain(doc.slice(d), &l.url))
                    && !doc.in_liquid_raw(span.start);
                links.push(span, &l.url, plain, false);
                continue;
            }
            // A destination built with Liquid: judged when its value is known here
            // (`{{ site.baseurl }}/x`, `{{ '/x' | relative_url }}`…); the rest is Jekyll's.
            // Where Liquid is not rendered, the text as written is the address.
            let Some(written) = written else { continue };
            if let Some(url) = super::eval::published_destination(doc.slice(written), &scope) {
                links.push(span, &url, false, scope.renders);
            }
        }
        let ids = match shown {
            true if scope.renders => crate::slug::page_ids_with(
                doc,
                config.input,
                Some(&|text| super::eval::eval_text(text, &scope)),
            ),
            true => crate::slug::page_ids_with(doc, config.input, None),
            false => Some(crate::slug::PageIds::default()),
        };
        let links = links.finish();
        let fragment_links = exact(
            links
                .iter()
                .filter_map(|l| {
                    let (path, fragment) = l.url.split_once('#')?;
                    (!fragment.is_empty()).then(|| Box::from(path))
                })
                .collect(),
        )
        .into_boxed_slice();
        let document = published.document;
        let published = (published.copy.is_some()
            || published.readme.is_some()
            || !published.redirects.is_empty())
        .then(|| Box::new(published));
        PageFacts {
            site_path: std::sync::Arc::from(site_path),
            url,
            document,
            published,
            own: Some(Box::new(OwnFacts {
                links,
                file_refs: if shown {
                    exact(file_refs(doc, site_path)).into_boxed_slice()
                } else {
                    Box::default()
                },
                nav,
                liquid: super::LiquidFacts::from_document(
                    doc,
                    config
                        .default_for(site_path, "render_with_liquid")
                        .is_some_and(|v| v.value == crate::front_matter::YamlValue::Bool(false)),
                ),
            })),
            ids: ids.map(Box::new),
            ids_parked: false,
            linked: Linked::of(
                fragment_links,
                if shown && external {
                    exact(crate::external::external_links(doc)).into_boxed_slice()
                } else {
                    Box::default()
                },
            ),
        }
    }

    /// The links of the page with a `#fragment` (`""` for one of this page's own), until
    /// the index knows which pages' ids they ask for ([`PageFacts::forget_fragment_links`]).
    pub fn fragment_links(&self) -> &[Box<str>] {
        self.linked.as_ref().map_or(&[], |l| &l.fragment_links)
    }

    /// `http(s)://` links, for the online checker (none when checked offline).
    pub fn external(&self) -> &[crate::external::ExternalLink] {
        self.linked.as_ref().map_or(&[], |l| &l.external)
    }

    /// Let the links to `#fragment`s go, once the ids they ask for are known.
    pub fn forget_fragment_links(&mut self) {
        if let Some(l) = &mut self.linked {
            l.fragment_links = Box::default();
            if l.external.is_empty() {
                self.linked = None;
            }
        }
    }

    /// What only the page's own site lints read, taken out of the facts (empty when taken
    /// already): a run keeps it elsewhere until the page's site pass.
    pub fn take_own(&mut self) -> OwnFacts {
        self.own.take().map(|o| *o).unwrap_or_default()
    }
}

/// `{% link path %}` and `{% include_relative path %}` with a literal path (`{% include %}`
/// is `missing-include`'s, see [`super::LiquidFacts`]).
fn file_refs(doc: &Document, site_path: &str) -> Vec<FileRef> {
    let mut refs = Vec::new();
    for l in &doc.liquid {
        let crate::scan::LiquidKind::Tag { name } = &l.kind else {
            continue;
        };
        let tag = match name.as_str() {
            "link" => "link",
            "include_relative" => "include_relative",
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
            _ => parent(site_path),
        };
        refs.push(FileRef {
            span: Span::new(start, start + arg.len()),
            tag,
            source: normalize(&format!("{base}/{arg}")).into_boxed_str(),
        });
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_a_page() {
        let config = SiteConfig {
            includes_dir: Some("_includes".into()),
            ..SiteConfig::for_tests("pretty")
        };
        let text = "---\ntitle: t\n---\n# Costs\n\n[a](b.md) {% link x/y.md %} \
                    {% include_relative part.md %} {% include nav.html %}\n\n\
                    ```\n[not](a link)\n```\n"
            .to_string();
        let doc = Document::parse(text);
        let facts = PageFacts::from_document(&doc, "guide/p.md", &config);
        assert_eq!(facts.url.as_deref(), Some("/guide/p/"));
        let own = facts.own.as_deref().unwrap();
        let urls: Vec<&str> = own.links.iter().map(|l| l.url).collect();
        assert_eq!(urls, ["b.md"]);
        let refs: Vec<(&str, &str)> = own.file_refs.iter().map(|r| (r.tag, &*r.source)).collect();
        assert_eq!(
            refs,
            [("link", "x/y.md"), ("include_relative", "guide/part.md"),]
        );
        assert!(facts.ids.unwrap().contains("costs"));
        let doc = Document::parse("## Costs of {{ site.title }} today\n\n## Plain\n".into());
        let ids = PageFacts::from_document(&doc, "p.md", &config).ids.unwrap();
        assert!(ids.contains("plain") && ids.contains("costs-of-handbook-today"));
        assert!(!ids.contains("plains") && !ids.contains("costs-today-of"));
    }

    #[test]
    fn external_links_only_when_checked_online() {
        let config = SiteConfig::for_tests("pretty");
        let doc = Document::parse("[a](https://example.com/) [b](b.md)\n".into());
        let online = PageFacts::from_document(&doc, "p.md", &config);
        assert_eq!(online.external().len(), 1);
        let offline = PageFacts::from_document_with(&doc, "p.md", &config, false);
        assert!(offline.external().is_empty() && offline.linked.is_none());
        assert_eq!(
            offline.own.unwrap().links.len(),
            online.own.unwrap().links.len()
        );
    }
}
