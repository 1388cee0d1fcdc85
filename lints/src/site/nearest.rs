//! "Did you mean": the page of a site whose URL or source path is nearest to a broken
//! link's target.

use rustc_hash::FxHashMap as HashMap;

use super::table::Url;
use super::SiteIndex;
use crate::suggest::Pattern;

impl SiteIndex {
    /// The page whose URL or source path is closest to `path`, for a "did you mean"; for a
    /// path to a `.md` file, the source path is named, otherwise the URL.
    pub fn nearest(&self, path: &str) -> Option<String> {
        let want = path.trim_matches('/').to_ascii_lowercase();
        let source_wanted = want.ends_with(".md") || want.ends_with(".markdown");
        let want_stem = want.rsplit_once('.').map_or(want.as_str(), |(s, _)| s);
        let limit = want_stem.chars().count() / 3 + 1;
        let mut best: Option<(usize, String)> = None;
        let urls = self.table.urls();
        // On a large site, look only in the same top folder: a typo rarely changes that.
        let in_folder: Option<&[u32]> = if urls.len() > 1000 {
            let by_top = self.by_top.get_or_init(|| {
                let mut map: HashMap<String, Vec<u32>> = HashMap::default();
                for (u, url) in (0u32..).zip(urls) {
                    let source = &self.table.file(url.file).source;
                    let (a, b) = (top_folder(&url.url), top_folder(source));
                    if a != b {
                        map.entry(b).or_default().push(u);
                    }
                    map.entry(a).or_default().push(u);
                }
                for places in map.values_mut() {
                    *places = super::kept::exact(std::mem::take(places));
                }
                map
            });
            Some(by_top.get(&top_folder(want_stem))?)
        } else {
            None
        };
        let (places, all): (&[u32], &[Url]) = match in_folder {
            Some(places) => (places, &[]),
            None => (&[], urls),
        };
        let candidates = places.iter().map(|&u| &urls[u as usize]).chain(all);
        let pattern = Pattern::new(want_stem);
        // Where a key with capitals is lowercased: one buffer for every candidate.
        let mut scratch = String::new();
        let want_chars = want_stem.chars().count();
        for c in candidates {
            // A page as "did you mean" compares it: its URL and source path, read from the
            // index; their keys are made only once length has not ruled the page out (on
            // a large site every page is a candidate once a link is broken, and most are
            // ruled out by length alone).
            let (url, source) = (&*c.url, &*self.table.file(c.file).source);
            // Cheap first: a length difference alone can rule a page out.
            if url.len().abs_diff(want_stem.len()) > limit + 6
                && source.len().abs_diff(want_stem.len()) > limit + 10
            {
                continue;
            }
            let bound = best.as_ref().map_or(limit, |(d, _)| (*d).min(limit));
            // The difference in characters is at least the distance: once something near
            // is found, most pages are ruled out by it.
            let measure = |key: &str| {
                (key.chars().count().abs_diff(want_chars) <= bound)
                    .then(|| pattern.distance_within(key, bound))
                    .flatten()
            };
            let d = [
                measure(url_key(url, &mut scratch)),
                measure(source_key(source, &mut scratch)),
            ]
            .into_iter()
            .flatten()
            .min();
            let shown = if source_wanted { source } else { url };
            if let Some(d) = d {
                if best
                    .as_ref()
                    .is_none_or(|(bd, bs)| (d, shown) < (*bd, bs.as_str()))
                {
                    best = Some((d, shown.to_string()));
                }
            }
        }
        best.map(|(_, shown)| shown)
    }
}

/// The first segment of a path, lowercase, without its extension: `Guides/A.md` -> `guides`.
fn top_folder(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let first = first.rsplit_once('.').map_or(first, |(stem, _)| stem);
    first.to_ascii_lowercase()
}

/// A URL as "did you mean" compares it: lowercase, without slashes at the ends or
/// `.html`; lowercased in `scratch` when it has capitals.
fn url_key<'a>(url: &'a str, scratch: &'a mut String) -> &'a str {
    lowercase(url.trim_matches('/'), scratch).trim_end_matches(".html")
}

/// A source path as "did you mean" compares it: lowercase, without its extension.
fn source_key<'a>(source: &'a str, scratch: &'a mut String) -> &'a str {
    let stem = source.rsplit_once('.').map_or(source, |(s, _)| s);
    lowercase(stem, scratch)
}

/// `text` in ASCII lowercase: `text` itself when it is already (most paths are), else its
/// lowercase copy in `scratch`.
fn lowercase<'a>(text: &'a str, scratch: &'a mut String) -> &'a str {
    if !text.bytes().any(|b| b.is_ascii_uppercase()) {
        return text;
    }
    scratch.clear();
    scratch.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    scratch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{Publication, SiteConfig};

    #[test]
    fn nearest_on_a_large_site_looks_in_the_same_top_folder() {
        let pages = (0..1500).map(|i| format!("guides/page-{i:04}.md"));
        let mut index = SiteIndex::new(&SiteConfig::default(), Vec::new(), pages.clone());
        let published = |url: String| Publication {
            url: Some(url),
            ..Publication::default()
        };
        for p in pages {
            let url = format!("/{}.html", p.trim_end_matches(".md"));
            index.add_page(&p, published(url));
        }
        index.add_page("faq.md", published("/faq.html".into()));
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

    /// Pages whose URL and path have capitals are compared in lowercase, and named as they
    /// are written; on a small site and, by top folder, on a large one.
    #[test]
    fn nearest_compares_capitals_in_lowercase() {
        for filler in [0, 1500] {
            let mut pages: Vec<String> = (0..filler).map(|i| format!("x/p-{i}.md")).collect();
            pages.extend(["Docs/Getting-Started.MD", "Guide/Setup.md"].map(String::from));
            let mut index = SiteIndex::new(&SiteConfig::default(), Vec::new(), pages.clone());
            for p in &pages {
                let url = match p.as_str() {
                    "Guide/Setup.md" => "/Guide/Setup.HTML".to_string(),
                    _ => format!("/{}/", p.rsplit_once('.').unwrap().0),
                };
                index.add_page(
                    p,
                    Publication {
                        url: Some(url),
                        ..Publication::default()
                    },
                );
            }
            assert_eq!(
                index.nearest("docs/getting-startd").as_deref(),
                Some("/Docs/Getting-Started/"),
                "{filler}"
            );
            assert_eq!(
                index.nearest("docs/getting_started.md").as_deref(),
                Some("Docs/Getting-Started.MD"),
                "{filler}"
            );
            assert_eq!(
                index.nearest("guide/setup.htm").as_deref(),
                Some("/Guide/Setup.HTML"),
                "{filler}"
            );
        }
    }
}
