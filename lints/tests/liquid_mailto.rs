//! `mailto:` addresses built with Liquid are judged by the value the one evaluator
//! (`site::eval`) gives them when the page is linted as part of its site: `site.x`, `page.x`
//! (with `defaults:`) and filters; what it does not know is not judged; on a page that
//! Jekyll does not render Liquid for, the Liquid itself is the address. No message shows
//! masked text.

use handbook_lints::engine::{lint_site, RuleSet};
use handbook_lints::site::SiteConfig;
use handbook_lints::{check, Diagnostic, FileInfo};

const CONFIG: &str = "\
title: Port handbook
email: team@example.org
bad_email: team at example.org
contact_link: mailto:nobody
defaults:
  - scope:
      path: raw
    values:
      render_with_liquid: false
  - scope:
      path: desk
    values:
      desk: desk@example.org
";

const PAGE: &str = "---
title: Contacts
contact: harbour
---
# Contacts

[ok-site](mailto:{{ site.email }})
[ok-filter](mailto:{{ site.email | upcase }})
[ok-default](mailto:{{ page.missing | default: 'ops@example.org' }})
[bad-site](mailto:{{ site.bad_email }})
[bad-page](mailto:{{ page.contact | append: '@' }})
[bad-whole]({{ site.contact_link }})
[unknown](mailto:{{ site.data.people.lead }})
[unknown-filter](mailto:{{ site.email | truncate: 3 }})
";

/// The `invalid-mailto` findings of each page, linted as the pages of one site.
fn findings(pages: &[(&str, &str)]) -> Vec<Vec<Diagnostic>> {
    let config = SiteConfig::parse(CONFIG).unwrap();
    let files: Vec<String> = pages.iter().map(|(p, _)| p.to_string()).collect();
    let pages = pages
        .iter()
        .map(|(path, text)| (info(path), text.to_string()))
        .collect();
    lint_site(
        &config,
        &files,
        pages,
        &[],
        &RuleSet::defaults(),
        None,
        None,
    )
    .into_iter()
    .map(|p| {
        p.diagnostics
            .into_iter()
            .filter(|d| d.lint.name == "invalid-mailto")
            .collect()
    })
    .collect()
}

fn info(path: &str) -> FileInfo {
    FileInfo {
        site_path: path.into(),
        is_page: true,
    }
}

/// The text of the link on the diagnostic's line, and its message.
fn named(text: &str, d: &Diagnostic) -> (String, String) {
    let line = text[..d.span.start].matches('\n').count();
    let line = text.lines().nth(line).unwrap();
    let name = line[1..line.find(']').unwrap()].to_string();
    (name, d.message.to_string())
}

#[test]
fn liquid_addresses_are_judged_by_their_value() {
    let found = findings(&[("contacts.md", PAGE)]);
    let got: Vec<_> = found[0].iter().map(|d| named(PAGE, d)).collect();
    assert_eq!(
        got,
        [
            (
                "bad-site".to_string(),
                "`mailto:` link has an invalid address `team at example.org`".to_string()
            ),
            (
                "bad-page".to_string(),
                "`mailto:` link has an invalid address `harbour@`".to_string()
            ),
            (
                "bad-whole".to_string(),
                "`mailto:` link has an invalid address `nobody`".to_string()
            ),
        ]
    );
    for d in &found[0] {
        assert!(!d.message.contains("xxx"), "{}", d.message);
        assert_eq!(
            d.label.as_deref(),
            Some("not a valid address once its Liquid is rendered")
        );
    }
}

#[test]
fn front_matter_defaults_give_page_values() {
    let text = "---\ntitle: Desk\n---\n# Desk\n\n[ok-desk](mailto:{{ page.desk }})\n\
                [bad-desk](mailto:{{ page.desk | replace: '@', ' at ' }})\n";
    let found = findings(&[("desk/a.md", text), ("b.md", text)]);
    let got: Vec<_> = found[0].iter().map(|d| named(text, d).0).collect();
    assert_eq!(got, ["bad-desk"]);
    // Outside the scope of the default, `page.desk` is not known: nothing is judged.
    assert!(found[1].is_empty(), "{:?}", found[1]);
}

#[test]
fn unrendered_liquid_is_the_address() {
    let own = "---\ntitle: Own\nrender_with_liquid: false\n---\n# Own\n\n\
               [raw-mail](mailto:{{ site.email }})\n";
    let by_default = "---\ntitle: Raw\n---\n# Raw\n\n[raw-mail](mailto:{{ site.email }})\n";
    let found = findings(&[("own.md", own), ("raw/notes.md", by_default)]);
    for (text, page) in [(own, &found[0]), (by_default, &found[1])] {
        let got: Vec<_> = page.iter().map(|d| named(text, d)).collect();
        assert_eq!(
            got,
            [(
                "raw-mail".to_string(),
                "`mailto:` link has an invalid address `{{ site.email }}`".to_string()
            )]
        );
        assert_eq!(
            page[0].label.as_deref(),
            Some("Jekyll does not render Liquid on this page (`render_with_liquid: false`)")
        );
    }
}

#[test]
fn without_the_site_liquid_addresses_are_not_judged() {
    let lint: &dyn handbook_lints::Lint = &handbook_lints::rules::links::InvalidMailto;
    let (_, found) = check(PAGE.to_string(), &info("contacts.md"), &[lint]);
    assert!(found.is_empty(), "{found:?}");
}
