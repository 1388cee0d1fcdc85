//! Unit tests of [`super`]: values, filters, what stays unknown, headings and pages
//! whose Liquid Jekyll does not render.

use super::*;

fn eval(written: &str, front_matter: &str) -> Option<String> {
    let config = SiteConfig {
        baseurl: "/handbook".into(),
        values: vec![
            ("url".into(), "https://example.gov".into()),
            ("repo".into(), "Port-Handbook".into()),
            ("legacy".into(), "false".into()),
            ("quoted".into(), "false".into()),
        ],
        flags: vec![("legacy".into(), false)],
        ..SiteConfig::default()
    };
    let page = crate::front_matter::parse_yaml(front_matter, 0)
        .ok()
        .flatten();
    let scope = Scope::new(&config, "docs/x.md", page.as_ref(), Some("/docs/x/"));
    eval_destination(written, &scope)
}

#[test]
fn values_that_grow_past_a_destination_are_unknown() {
    // Each `replace: ''` puts the text between every two characters: seven in a row
    // asked for gigabytes.
    let grow = " | replace: '', 'aaaaaaaaaaaaaaaa'".repeat(7);
    assert_eq!(
        eval(&format!("{{{{ 'aaaaaaaaaaaaaaaa'{grow} }}}}"), ""),
        None
    );
    let long = "x".repeat(3000);
    assert_eq!(
        eval(&format!("{{{{ '{long}' | append: '{long}' }}}}"), ""),
        None
    );
    assert_eq!(
        eval("{{ 'ab' | replace: '', '-' }}", "").as_deref(),
        Some("-a-b-")
    );
}

#[test]
fn any_blank_separates_words() {
    // U+2028 is a blank to the word scanner: it once made an empty word forever.
    assert_eq!(eval("{{ site.baseurl }\u{2028}}/x/", ""), None);
    assert_eq!(
        eval("{{\u{2028}site.baseurl\u{a0}}}/x/", "").as_deref(),
        Some("/handbook/x/")
    );
}

#[test]
fn a_boolean_setting_stays_a_boolean() {
    // `default` replaces `false` (a boolean), not the text "false".
    assert_eq!(
        eval("{{ site.legacy | default: '/docs/' }}", "").as_deref(),
        Some("/docs/")
    );
    assert_eq!(
        eval("{{ site.quoted | default: '/docs/' }}", "").as_deref(),
        Some("false")
    );
}

#[test]
fn known_values_and_filters() {
    let e = |w| eval(w, "guide: setup\nempty: ''\nflag: false\n");
    assert_eq!(
        e("{{ site.baseurl }}/a/b/").as_deref(),
        Some("/handbook/a/b/")
    );
    assert_eq!(
        e("{{ 'a/b.png' | relative_url }}").as_deref(),
        Some("/handbook/a/b.png")
    );
    assert_eq!(
        e("{{- \"/x/\" | absolute_url -}}#top").as_deref(),
        Some("https://example.gov/handbook/x/#top")
    );
    assert_eq!(
        e("{{ '/x/' | absolute_url | absolute_url }}").as_deref(),
        Some("https://example.gov/handbook/x/")
    );
    assert_eq!(e("{{ '' | relative_url }}").as_deref(), Some("/handbook"));
    assert_eq!(
        e("{{ 'https://x.org/' | relative_url }}").as_deref(),
        Some("https://x.org/")
    );
    assert_eq!(e("{{ page.url }}#a").as_deref(), Some("/docs/x/#a"));
    assert_eq!(e("/{{ page.guide }}/").as_deref(), Some("/setup/"));
    assert_eq!(
        e("{{ page.guide | prepend: '/docs/' | append: '/' | relative_url }}").as_deref(),
        Some("/handbook/docs/setup/")
    );
    assert_eq!(
        e("/{{ site.repo | downcase }}/").as_deref(),
        Some("/port-handbook/")
    );
    assert_eq!(
        e("/{{ site.repo | upcase }}").as_deref(),
        Some("/PORT-HANDBOOK")
    );
    assert_eq!(
        e("/{{ 'sEt UP' | capitalize }}").as_deref(),
        Some("/Set up")
    );
    assert_eq!(
        e("/{{ site.repo | replace: '-', '/' }}").as_deref(),
        Some("/Port/Handbook")
    );
    assert_eq!(
        e("/{{ 'Crew Lists!' | slugify }}/").as_deref(),
        Some("/crew-lists/")
    );
    assert_eq!(
        e("{{ page.empty | default: '/a/' }}").as_deref(),
        Some("/a/")
    );
    assert_eq!(
        e("{{ page.flag | default: '/b/' }}").as_deref(),
        Some("/b/")
    );
    assert_eq!(
        e("/{{ page.guide | default: 'x' }}").as_deref(),
        Some("/setup")
    );
    assert_eq!(
        e("{{ site.url }}{{ site.baseurl }}/").as_deref(),
        Some("https://example.gov/handbook/")
    );
}

#[test]
fn unknown_values_are_not_guessed() {
    let e = |w| eval(w, "guide: setup\nlist: [a]\n");
    assert_eq!(e("{{ page.missing }}/x/"), None);
    assert_eq!(e("{{ site.missing }}/x/"), None);
    assert_eq!(e("{{ page.list }}"), None);
    assert_eq!(e("{{ page.guide | truncate: 3 }}"), None);
    assert_eq!(
        e("{{ page.guide | default: 'x', allow_false: true }}"),
        None
    );
    assert_eq!(e("{{ page.guide | slugify: 'ascii' }}"), None);
    assert_eq!(e("{{ 'a b' | relative_url }}"), None);
    assert_eq!(e("{% if x %}/a/{% endif %}"), None);
    assert_eq!(e("{{ page.guide "), None);
    assert_eq!(e("{{ 'unclosed | relative_url }}"), None);
    assert_eq!(e("{{ a b }}"), None);
}

/// A site whose `defaults:` give pages under `raw/` no Liquid and those under `topics/` a
/// `topic`.
fn site() -> SiteConfig {
    SiteConfig::parse(
        "title: Port\nbaseurl: /handbook\ndefaults:\n  - scope: {path: raw}\n    values: \
         {render_with_liquid: false}\n  - scope: {path: topics}\n    values: {topic: tides}\n",
    )
    .unwrap()
}

fn front(text: &str) -> Option<crate::front_matter::YamlNode> {
    crate::front_matter::parse_yaml(text, 0).ok().flatten()
}

#[test]
fn headings_keep_what_is_unknown_as_written() {
    let config = site();
    let page = front("topic: fees\n");
    let scope = Scope::new(&config, "guide.md", page.as_ref(), None);
    assert_eq!(
        eval_text("{{ page.topic | upcase }} costs", &scope),
        "FEES costs"
    );
    assert_eq!(
        eval_text("{{ site.title | append: ' guide' }}", &scope),
        "Port guide"
    );
    assert_eq!(
        eval_text(
            "A {{ 'abc' | size }} b {{ site.title }} {% if x %}c{% endif %}",
            &scope
        ),
        "A {{ 'abc' | size }} b Port {% if x %}c{% endif %}"
    );
    assert_eq!(
        eval_text("open {{ site.title", &scope),
        "open {{ site.title"
    );
}

#[test]
fn page_values_come_from_defaults_after_the_front_matter() {
    let config = site();
    let own = front("topic: fees\n");
    let at = |path, page| eval_text("{{ page.topic }}", &Scope::new(&config, path, page, None));
    assert_eq!(at("topics/a.md", None), "tides");
    assert_eq!(at("topics/a.md", own.as_ref()), "fees");
    assert_eq!(at("other/a.md", None), "{{ page.topic }}");
}

#[test]
fn unrendered_liquid_is_published_as_written() {
    let config = site();
    let off = front("render_with_liquid: false\n");
    let on = front("render_with_liquid: true\n");
    let published = |path, page| {
        let scope = Scope::new(&config, path, page, None);
        (
            scope.renders,
            published_destination("{{ site.baseurl }}/docs/", &scope),
            published_destination("{{ '/docs/' | relative_url }}", &scope),
        )
    };
    let literal = Some("{{ site.baseurl }}/docs/".to_string());
    // A blank before a quote starts a kramdown title: maybe no link at all, not judged.
    assert_eq!(
        published("own.md", off.as_ref()),
        (false, literal.clone(), None)
    );
    assert_eq!(published("raw/a.md", None), (false, literal, None));
    // The page's own front matter decides before `defaults:`.
    let rendered = Some("/handbook/docs/".to_string());
    assert_eq!(
        published("raw/a.md", on.as_ref()),
        (true, rendered.clone(), rendered.clone())
    );
    assert_eq!(published("a.md", None), (true, rendered.clone(), rendered));
    // kramdown strips the blanks around an address.
    let scope = Scope::new(&config, "own.md", off.as_ref(), None);
    assert_eq!(
        published_destination(" {{ x }}/a/\t", &scope).as_deref(),
        Some("{{ x }}/a/")
    );
}
