use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lint::{Context, Lint, LintMeta};
use crate::site::{percent_decode, published_destination, Scope};
use std::borrow::Cow;

declare_lint! {
    /// ## What it does
    /// Checks that `mailto:` links hold valid email addresses, in the form of RFC 6068:
    /// one or more addresses separated by commas, then optional `?key=value&…` fields such
    /// as `subject` and `body`. Percent-encoded characters are decoded first. No mail server
    /// is ever contacted.
    ///
    /// An address built with Liquid (`mailto:{{ site.email }}`) is judged by its value when
    /// the site's `_config.yml` and the page's front matter give it, and left alone when
    /// they do not; on a page with `render_with_liquid: false` the Liquid is the address.
    ///
    /// ## Why is this bad?
    /// A reader who clicks the link gets a mail window addressed to nobody, or to an
    /// address that bounces: the question they meant to ask the team never arrives.
    ///
    /// ## Example
    /// ```markdown
    /// Write to [the data team](mailto:data team@example.gov).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Write to [the data team](mailto:data.team@example.gov?subject=Handbook).
    /// ```
    pub InvalidMailto {
        code: "HB103",
        name: "invalid-mailto",
        severity: Error,
        fix: None,
        group: Links,
        enabled: true,
        phase: Page,
    }
}

impl Lint for InvalidMailto {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for link in &cx.doc.links {
            let written = link
                .dest
                .or(link.definition.map(|d| cx.doc.definitions[d].dest))
                .unwrap_or(link.span);
            // An address built with Liquid (`mailto:{{ site.email }}`) is judged by its
            // value, when the site's model knows it; else it is Jekyll's to know.
            let liquid =
                !Document::starting_in(&cx.doc.liquid, |q| q.span.start, written).is_empty();
            // Any other link is one only when written with the scheme: most are not, known
            // before the code spans are searched.
            if (!liquid && strip_scheme(&link.url).is_none()) || cx.doc.in_verbatim(link.span) {
                continue;
            }
            let (address, label) = if liquid {
                match liquid_address(cx, cx.doc.slice(written)) {
                    Some(found) => found,
                    None => continue,
                }
            } else {
                (Cow::Borrowed(link.url.as_str()), "not a valid address")
            };
            let Some(rest) = strip_scheme(&address) else {
                continue;
            };
            if let Err(why) = check_mailto(rest) {
                let span = link.dest.unwrap_or(link.span);
                out.push(
                    Diagnostic::new(&Self::META, span, format!("`mailto:` link {why}"))
                        .with_label(label)
                        .with_help("write the address as `name@domain.example`, several separated by commas"),
                );
            }
        }
    }
}

/// The address a destination written with Liquid has once published, with the label that
/// says where it comes from: its value, or on a page whose Liquid Jekyll does not render,
/// the text as written. `None` when it is not known here.
fn liquid_address(cx: &Context<'_>, written: &str) -> Option<(Cow<'static, str>, &'static str)> {
    let config = cx.site?;
    let path = cx.file.site_path.as_str();
    let page = cx.doc.front_matter.data();
    let url = config.publish(path, page).url;
    let scope = Scope::new(config, path, page, url.as_deref());
    let value = published_destination(written, &scope)?;
    let label = match scope.renders {
        true => "not a valid address once its Liquid is rendered",
        false => "Jekyll does not render Liquid on this page (`render_with_liquid: false`)",
    };
    Some((Cow::Owned(value), label))
}

fn strip_scheme(url: &str) -> Option<&str> {
    let head = url.get(..7)?;
    head.eq_ignore_ascii_case("mailto:").then(|| &url[7..])
}

/// `to[,to…][?key=value&…]`
fn check_mailto(rest: &str) -> Result<(), String> {
    let (to, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut addresses: Vec<String> = Vec::new();
    if !to.is_empty() {
        addresses.extend(to.split(',').map(percent_decode));
    }
    for field in query.split('&').filter(|f| !f.is_empty()) {
        let (key, value) = field
            .split_once('=')
            .ok_or_else(|| format!("has a field `{field}` without `=`"))?;
        if key.is_empty() {
            return Err(format!("has a field `{field}` without a name"));
        }
        if key.eq_ignore_ascii_case("to")
            || key.eq_ignore_ascii_case("cc")
            || key.eq_ignore_ascii_case("bcc")
        {
            addresses.extend(percent_decode(value).split(',').map(str::to_string));
        }
    }
    if addresses.is_empty() {
        return Err("has no address".to_string());
    }
    for a in &addresses {
        let a = a.trim();
        if !valid_address(a) {
            return Err(format!("has an invalid address `{a}`"));
        }
    }
    Ok(())
}

/// `local@domain`: a dot-atom or quoted local part, a domain of dot-separated labels.
fn valid_address(a: &str) -> bool {
    let Some((local, domain)) = a.rsplit_once('@') else {
        return false;
    };
    let local_ok = if local.len() >= 2 && local.starts_with('"') && local.ends_with('"') {
        true
    } else {
        !local.is_empty()
            && local.split('.').all(|atom| {
                !atom.is_empty()
                    && atom
                        .chars()
                        .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c))
            })
    };
    let labels: Vec<&str> = domain.trim_end_matches('.').split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok && local.len() <= 64
}
