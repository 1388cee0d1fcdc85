//! What a page's own site lints read and other pages' seldom do ([`OwnFacts`]): its links,
//! the files its Liquid tags name, the tags and includes it uses, its navigation facts. A run
//! may park them as bytes ([`OwnFacts::encode`]) from the page's lint until its site pass, so
//! that a site of thousands of pages does not hold them all at once; it does not where other
//! pages read them (`Page::park` says where: a just-the-docs site's navigation and
//! `orphan-page`, files named one by one in a folder that is not a Jekyll site).

use std::io;

use super::links::{FileRef, PageLinks};
use super::liquid::{LiquidFacts, TagUse};
use super::nav::{NavFacts, NavOrder, NavText};
use crate::codec::{invalid, Reader, Writer};
use crate::span::Span;

/// A page's facts that its own site lints read (other pages only in the cases `Page::park`
/// keeps them for).
#[derive(Clone, Debug, Default)]
pub struct OwnFacts {
    pub links: PageLinks,
    /// `{% link … %}` and `{% include_relative … %}` tags.
    pub file_refs: Box<[FileRef]>,
    /// The Liquid tags and includes it uses.
    pub liquid: LiquidFacts,
    /// Its place in the just-the-docs navigation, and the classes of its block quotes.
    pub nav: NavFacts,
}

impl OwnFacts {
    /// The facts as bytes, for [`OwnFacts::decode`].
    pub fn encode(&self, w: &mut Writer) {
        self.links.encode(w);
        w.usize(self.file_refs.len());
        for r in &self.file_refs {
            w.span(r.span);
            w.bool(r.tag == "link");
            w.str(&r.source);
        }
        w.bool(self.liquid.renders);
        tags(w, &self.liquid.tags);
        tags(w, &self.liquid.includes);
        nav(w, &self.nav);
    }

    /// What [`OwnFacts::encode`] wrote.
    pub fn decode(r: &mut Reader<'_>) -> io::Result<OwnFacts> {
        let links = PageLinks::decode(r)?;
        let file_refs = (0..r.count()?)
            .map(|_| {
                Ok(FileRef {
                    span: r.span()?,
                    tag: if r.bool()? {
                        "link"
                    } else {
                        "include_relative"
                    },
                    source: r.str()?.into(),
                })
            })
            .collect::<io::Result<Box<[FileRef]>>>()?;
        let liquid = LiquidFacts {
            renders: r.bool()?,
            tags: read_tags(r)?,
            includes: read_tags(r)?,
        };
        Ok(OwnFacts {
            links,
            file_refs,
            liquid,
            nav: read_nav(r)?,
        })
    }
}

fn tags(w: &mut Writer, tags: &[TagUse]) {
    w.usize(tags.len());
    for t in tags {
        w.span(t.span);
        w.str(&t.name);
    }
}

fn read_tags(r: &mut Reader<'_>) -> io::Result<Box<[TagUse]>> {
    (0..r.count()?)
        .map(|_| {
            Ok(TagUse {
                span: r.span()?,
                name: r.str()?.into(),
            })
        })
        .collect()
}

fn opt_span(w: &mut Writer, s: Option<Span>) {
    w.bool(s.is_some());
    if let Some(s) = s {
        w.span(s);
    }
}

fn read_opt_span(r: &mut Reader<'_>) -> io::Result<Option<Span>> {
    Ok(match r.bool()? {
        true => Some(r.span()?),
        false => None,
    })
}

/// A navigation text as its value, span, owner and text as written ([`NavText::new`] makes
/// the same text again from them).
fn text(w: &mut Writer, t: Option<&NavText>) {
    w.bool(t.is_some());
    if let Some(t) = t {
        w.str(&t.value);
        w.span(t.span);
        w.bool(t.own);
        w.str(t.written());
    }
}

fn read_text(r: &mut Reader<'_>) -> io::Result<Option<NavText>> {
    if !r.bool()? {
        return Ok(None);
    }
    let value = r.str()?.to_string();
    let span = r.span()?;
    let own = r.bool()?;
    Ok(Some(NavText::new(value, span, own, r.str()?)))
}

fn nav(w: &mut Writer, f: &NavFacts) {
    w.opt_str(f.group.as_deref());
    text(w, f.title.as_ref());
    for t in [&f.parent, &f.grand_parent, &f.ancestor] {
        text(w, t.as_deref());
    }
    match &f.nav_order {
        None => w.0.push(0),
        Some((NavOrder::Number(n), s)) => {
            w.0.push(1);
            w.u64(n.to_bits());
            w.span(*s);
        }
        Some((NavOrder::Text(t), s)) => {
            w.0.push(2);
            w.str(t);
            w.span(*s);
        }
    }
    let flags = [f.has_children, f.hides_children, f.nav_exclude];
    w.0.push(flags.iter().rev().fold(0, |b, &f| b << 1 | u8::from(f)));
    opt_span(w, f.permalink);
    w.span(f.head);
    w.usize(f.quote_classes.len());
    for (class, s) in &f.quote_classes {
        w.str(class);
        w.span(*s);
    }
}

fn read_nav(r: &mut Reader<'_>) -> io::Result<NavFacts> {
    let group = r.opt_str()?.map(str::to_owned);
    let title = read_text(r)?;
    let parent = read_text(r)?.map(Box::new);
    let grand_parent = read_text(r)?.map(Box::new);
    let ancestor = read_text(r)?.map(Box::new);
    let nav_order = match r.byte()? {
        0 => None,
        1 => Some((NavOrder::Number(f64::from_bits(r.u64()?)), r.span()?)),
        2 => Some((NavOrder::Text(r.str()?.to_string()), r.span()?)),
        _ => return Err(invalid("nav_order")),
    };
    let flags = r.byte()?;
    let permalink = read_opt_span(r)?;
    let head = r.span()?;
    let quote_classes = (0..r.count()?)
        .map(|_| Ok((r.str()?.to_string(), r.span()?)))
        .collect::<io::Result<Box<[(String, Span)]>>>()?;
    Ok(NavFacts {
        group,
        title,
        parent,
        grand_parent,
        ancestor,
        nav_order,
        has_children: flags & 1 != 0,
        hides_children: flags & 2 != 0,
        nav_exclude: flags & 4 != 0,
        permalink,
        head,
        quote_classes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::site::{PageFacts, SiteConfig};

    #[test]
    fn own_facts_come_back_as_they_were() {
        let mut config = SiteConfig {
            includes_dir: Some("_includes".into()),
            ..SiteConfig::for_tests("pretty")
        };
        let texts = [
            "---\ntitle: t\n---\n# Costs\n\n[a](b.md) [c]({{ site.baseurl }}/x/) \
             [d](<e f.md>) {% link x/y.md %} {% include_relative part.md %} \
             {% include nav.html %} {% if x %}y{% endif %}\n",
            // Every navigation fact, with text that is not ASCII.
            "---\ntitle: \"Tï\"\nparent: Pä\ngrand_parent: G\nancestor: A\nnav_order: 2.5\n\
             has_children: true\nnav_exclude: true\npermalink: /x/\n---\n# Costs\n\n\
             [ü](ü/é.md)\n\n{: .warning }\n> note\n",
            "---\ntitle: T\nnav_order: \"b\"\nhas_children: false\n---\n",
        ];
        for (i, text) in texts.iter().enumerate() {
            config.nav.theme = i > 0;
            let doc = Document::parse(text.to_string());
            let own = PageFacts::from_document(&doc, "guide/p.md", &config).take_own();
            if i == 0 {
                assert_eq!(own.links.len(), 3);
                assert_eq!(own.file_refs.len(), 2);
                assert!(own.liquid.renders && own.liquid.tags.len() == 5);
            }
            if i == 1 {
                let nav = &own.nav;
                assert!(nav.group.is_some() && nav.ancestor.is_some() && nav.permalink.is_some());
                assert!(nav.has_children && nav.nav_exclude && nav.quote_classes.len() == 1);
            }
            let mut w = Writer(Vec::new());
            own.encode(&mut w);
            let back = OwnFacts::decode(&mut Reader(&w.0)).unwrap();
            assert_eq!(format!("{back:?}"), format!("{own:?}"));
            // Cut short anywhere, the bytes are an error, never a panic.
            for end in 0..w.0.len() {
                assert!(OwnFacts::decode(&mut Reader(&w.0[..end])).is_err(), "{end}");
            }
            // Damaged anywhere, they are an error or facts whose links can be read.
            for at in 0..w.0.len() {
                for byte in [0, 1, 0x7f, 0x80, 0xff] {
                    let mut bytes = w.0.clone();
                    bytes[at] = byte;
                    if let Ok(facts) = OwnFacts::decode(&mut Reader(&bytes)) {
                        assert!(facts.links.iter().all(|l| l.url.len() <= bytes.len()));
                    }
                }
            }
        }
    }
}
