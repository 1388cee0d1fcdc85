//! External links: the facts a page gives the online checker, and the verdicts it returns.
//!
//! The core never touches the network. The tool collects every page's [`ExternalLink`]s,
//! checks each distinct URL once, and hands the verdicts back as [`ExternalResults`]; the
//! external-link lints turn them into diagnostics and fixes.

use std::collections::HashMap;

use crate::document::Document;
use crate::span::Span;

/// An `http://` or `https://` link of a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalLink {
    /// The URL as written (for an autolink `<…>`, the whole construct).
    pub span: Span,
    /// The URL as the browser receives it.
    pub url: String,
    /// Whether the bytes of `span` are exactly `url`, so a fix can replace them.
    pub rewritable: bool,
}

/// True for `http://…` and `https://…` (any case), the URLs the online checker reads.
pub fn is_external(url: &str) -> bool {
    let head = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// Every external link of `doc` outside code, whose destination is not built with Liquid.
pub fn external_links(doc: &Document) -> Vec<ExternalLink> {
    let mut seen = std::collections::HashSet::new();
    let mut links = doc
        .links
        .iter()
        .filter(|l| is_external(&l.url) && !doc.in_verbatim(l.span))
        .filter_map(|l| {
            let written = l.dest.or(l.definition.map(|d| doc.definitions[d].dest));
            let span = written.unwrap_or(l.span);
            // Two uses of one reference definition are one URL as written.
            if !seen.insert(span.start)
                || !Document::starting_in(&doc.liquid, |q| q.span.start, span).is_empty()
            {
                return None;
            }
            Some(ExternalLink {
                span,
                rewritable: doc.slice(span) == l.url,
                url: l.url.clone(),
            })
        })
        .collect::<Vec<_>>();
    // Kept until the site pass: no spare room.
    links.shrink_to_fit();
    links
}

/// What checking one URL found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// 404, 410, another definitive 4xx, a 5xx that persisted, a host that does not exist,
    /// or a `#fragment` the page does not define. `reason` says which.
    Broken {
        reason: String,
    },
    /// Answered after permanent redirects only: `to` is the final address.
    Redirected {
        to: String,
    },
    /// An `http://` URL whose `https://` form answers too.
    Insecure {
        https: String,
    },
    /// No verdict: a timeout, a bot wall (403, 429, 999), a TLS error.
    Unverifiable {
        reason: String,
    },
}

/// The verdicts of one run, by URL exactly as the pages give it (fragment included).
#[derive(Clone, Debug, Default)]
pub struct ExternalResults {
    verdicts: HashMap<String, Verdict>,
}

impl ExternalResults {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, url: impl Into<String>, verdict: Verdict) {
        self.verdicts.insert(url.into(), verdict);
    }

    pub fn get(&self, url: &str) -> Option<&Verdict> {
        self.verdicts.get(url)
    }

    pub fn len(&self) -> usize {
        self.verdicts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.verdicts.is_empty()
    }
}

/// The verdicts for `links` that `pick` selects, each with its link.
pub fn with_verdicts<'a, T>(
    links: &'a [ExternalLink],
    results: Option<&'a ExternalResults>,
    pick: impl Fn(&'a Verdict) -> Option<T> + 'a,
) -> impl Iterator<Item = (&'a ExternalLink, T)> + 'a {
    links.iter().filter_map(move |l| {
        let v = results?.get(&l.url)?;
        pick(v).map(|t| (l, t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<ExternalLink> {
        external_links(&Document::parse(text.to_string()))
    }

    #[test]
    fn every_link_form_is_found_with_its_written_span() {
        let text = "[a](https://a.example/x) <https://b.example/> https://c.example/y\n\n\
                    [r]\n\n[r]: http://d.example/ \"t\"\n\n`https://code.example/` [m](mailto:x@y.z)\n";
        let found = links(text);
        let urls: Vec<_> = found.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://a.example/x",
                "https://b.example/",
                "https://c.example/y",
                "http://d.example/"
            ]
        );
        for l in &found {
            assert_eq!(l.rewritable, text[l.span.range()] == l.url, "{l:?}");
        }
        assert!(found[0].rewritable && found[2].rewritable && found[3].rewritable);
    }

    #[test]
    fn escaped_or_liquid_destinations_are_not_rewritable_or_not_checked() {
        let found = links("[a](https://a.example/a\\_b) [b]({{ site.url }}/x)\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].url, "https://a.example/a_b");
        assert!(!found[0].rewritable);
    }
}
