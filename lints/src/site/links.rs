//! The links of a page that the site index can check ([`PageLinks`], [`LinkFact`]) and the
//! files its Liquid tags name ([`FileRef`]), as a page's facts keep them.

use crate::codec::{invalid, Reader, Writer};
use crate::span::Span;

/// A link of a page that the site index can check.
#[derive(Clone, Copy, Debug)]
pub struct LinkFact<'a> {
    /// Where to point a diagnostic: the destination as written (or the whole link).
    pub span: Span,
    /// The destination as the browser receives it (Markdown escapes resolved).
    pub url: &'a str,
    /// `span` is the destination of an inline link written exactly as `url`, of plain
    /// characters (no Liquid, blanks, quotes, braces or escapes): a fix may edit it as text.
    pub plain: bool,
    /// The destination is built with Liquid, and `url` is its value.
    pub liquid: bool,
}

/// The links of a page that the site index can check ([`LinkFact`]s), kept until the site
/// pass in two blocks: their URLs one after another in one string, and for each link its
/// span, where its URL ends and its flags.
#[derive(Clone, Debug, Default)]
pub struct PageLinks {
    urls: Box<str>,
    links: Box<[KeptLink]>,
}

/// A [`LinkFact`] as kept: its URL is `urls[previous end..end]`.
#[derive(Clone, Copy, Debug)]
struct KeptLink {
    /// The span's start and end (a page's text is under 4 GiB).
    span: (u32, u32),
    end: u32,
    plain: bool,
    liquid: bool,
}

// Kept for every link of every page until the site pass.
const _: () = assert!(std::mem::size_of::<KeptLink>() == 16);

impl PageLinks {
    pub fn len(&self) -> usize {
        self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    pub fn iter(&self) -> Links<'_> {
        Links {
            urls: &self.urls,
            links: self.links.iter(),
            start: 0,
        }
    }
}

/// The [`LinkFact`]s of a [`PageLinks`], in the order of the page.
#[derive(Clone, Debug)]
pub struct Links<'a> {
    urls: &'a str,
    links: std::slice::Iter<'a, KeptLink>,
    start: usize,
}

impl<'a> Iterator for Links<'a> {
    type Item = LinkFact<'a>;

    fn next(&mut self) -> Option<LinkFact<'a>> {
        let l = self.links.next()?;
        let end = l.end as usize;
        let url = &self.urls[self.start..end];
        self.start = end;
        Some(LinkFact {
            span: Span::new(l.span.0 as usize, l.span.1 as usize),
            url,
            plain: l.plain,
            liquid: l.liquid,
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.links.size_hint()
    }
}

/// Collects [`PageLinks`].
#[derive(Default)]
pub(super) struct LinksBuilder {
    urls: String,
    links: Vec<KeptLink>,
}

impl LinksBuilder {
    pub(super) fn push(&mut self, span: Span, url: &str, plain: bool, liquid: bool) {
        self.urls.push_str(url);
        // A page's text is under 4 GiB (its spans are byte offsets in it); a URL made with
        // Liquid could be longer only by a page's worth of values.
        let end = u32::try_from(self.urls.len()).expect("a page's link URLs fit in 4 GiB");
        let at = |b: usize| u32::try_from(b).expect("a page is under 4 GiB");
        self.links.push(KeptLink {
            span: (at(span.start), at(span.end)),
            end,
            plain,
            liquid,
        });
    }

    pub(super) fn finish(self) -> PageLinks {
        PageLinks {
            urls: self.urls.into_boxed_str(),
            links: self.links.into_boxed_slice(),
        }
    }
}

impl PageLinks {
    /// The links as bytes, for [`PageLinks::decode`].
    pub(super) fn encode(&self, w: &mut Writer) {
        w.str(&self.urls);
        w.usize(self.links.len());
        for l in self.links.iter() {
            w.range(l.span.0 as usize, l.span.1 as usize);
            w.u64(u64::from(l.end));
            w.0.push(u8::from(l.plain) | u8::from(l.liquid) << 1);
        }
    }

    /// What [`PageLinks::encode`] wrote; each URL ends on a character of the URLs, after
    /// the one before it.
    pub(super) fn decode(r: &mut Reader<'_>) -> std::io::Result<PageLinks> {
        let urls: Box<str> = r.str()?.into();
        let mut previous = 0;
        let links = (0..r.count()?)
            .map(|_| {
                let (start, end) = r.range()?;
                let at = |b: usize| u32::try_from(b).map_err(|_| invalid("span"));
                let span = (at(start)?, at(end)?);
                let end = u32::try_from(r.u64()?).map_err(|_| invalid("link"))?;
                let e = end as usize;
                if e < previous || e > urls.len() || !urls.is_char_boundary(e) {
                    return Err(invalid("link"));
                }
                previous = e;
                let flags = r.byte()?;
                Ok(KeptLink {
                    span,
                    end,
                    plain: flags & 1 != 0,
                    liquid: flags & 2 != 0,
                })
            })
            .collect::<std::io::Result<Box<[KeptLink]>>>()?;
        Ok(PageLinks { urls, links })
    }
}

impl<'a> IntoIterator for &'a PageLinks {
    type Item = LinkFact<'a>;
    type IntoIter = Links<'a>;

    fn into_iter(self) -> Links<'a> {
        self.iter()
    }
}

/// Whether `written` (a destination as written) is `url` itself in plain characters.
pub(super) fn is_plain(written: &str, url: &str) -> bool {
    written == url
        && !written.is_empty()
        && written.bytes().all(|b| {
            b.is_ascii_graphic()
                && !matches!(
                    b,
                    b'{' | b'}'
                        | b'<'
                        | b'>'
                        | b'\\'
                        | b'"'
                        | b'\''
                        | b'`'
                        | b'|'
                        | b'^'
                        | b'['
                        | b']'
                )
        })
}

/// A Liquid tag that names a file of the site: Jekyll's build fails when it is missing.
#[derive(Clone, Debug)]
pub struct FileRef {
    /// The path as written in the tag.
    pub span: Span,
    /// `link` (a path from the site root) or `include_relative` (from the page's folder).
    pub tag: &'static str,
    /// The path from the site root.
    pub source: Box<str>,
}
