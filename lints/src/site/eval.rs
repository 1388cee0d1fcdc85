//! Liquid outputs (`{{ … }}`) in link destinations, evaluated where their value is known
//! without building the site: `page.x` and `site.x` with plain values, literals, and the
//! filters `relative_url`, `absolute_url`, `append`, `prepend`, `downcase`, `upcase`,
//! `capitalize`, `replace`, `slugify` and `default`. Anything else is unknown, never
//! guessed: the whole destination is then `None` and not judged.

use super::SiteConfig;
use crate::front_matter::{YamlNode, YamlValue};

/// What a destination's Liquid may read: the site's configuration, the page's front matter
/// (its own, not `defaults`) and its URL.
pub struct Scope<'a> {
    pub config: &'a SiteConfig,
    pub page: Option<&'a YamlNode>,
    pub page_url: Option<&'a str>,
}

/// A known Liquid value.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Nil,
    Bool(bool),
    Text(String),
}

impl Value {
    fn text(self) -> String {
        match self {
            Value::Nil => String::new(),
            Value::Bool(b) => b.to_string(),
            Value::Text(t) => t,
        }
    }

    /// Liquid's `default` replaces nil, false and the empty text.
    fn blank(&self) -> bool {
        matches!(self, Value::Nil | Value::Bool(false)) || *self == Value::Text(String::new())
    }
}

/// The text of `written` with every `{{ … }}` replaced by its value; `None` when a value is
/// not known, or `written` holds a `{% … %}` tag.
pub fn eval_destination(written: &str, scope: &Scope<'_>) -> Option<String> {
    if written.contains("{%") {
        return None;
    }
    let mut out = String::with_capacity(written.len());
    let mut rest = written;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}")?;
        out.push_str(&output(&after[..close], scope)?);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// One piece of an output's markup.
#[derive(Clone, Debug, PartialEq)]
enum Token<'a> {
    Quoted(&'a str),
    Word(&'a str),
    Pipe,
    Colon,
    Comma,
}

fn tokens(inner: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = inner.as_bytes();
    while let Some(c) = inner[i..].chars().next() {
        // Every blank the word below stops at (U+2028 too), or a blank would be an empty
        // word and the loop would not move.
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        match b[i] {
            b'|' => (out.push(Token::Pipe), i += 1).1,
            b':' => (out.push(Token::Colon), i += 1).1,
            b',' => (out.push(Token::Comma), i += 1).1,
            q @ (b'\'' | b'"') => {
                let end = inner[i + 1..].find(q as char)? + i + 1;
                out.push(Token::Quoted(&inner[i + 1..end]));
                i = end + 1;
            }
            _ => {
                let end = inner[i..]
                    .find(|c: char| c.is_whitespace() || "|:,'\"".contains(c))
                    .map_or(inner.len(), |e| e + i);
                out.push(Token::Word(&inner[i..end]));
                i = end;
            }
        }
    }
    Some(out)
}

/// The longest value evaluated: longer than any link destination; past it, unknown.
const MAX_VALUE: usize = 4096;

/// The value of one output, `{{` and `}}` excluded.
fn output(inner: &str, scope: &Scope<'_>) -> Option<String> {
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    let tokens = tokens(inner)?;
    let mut parts = tokens.split(|t| *t == Token::Pipe);
    let mut value = match parts.next()? {
        [one] => operand(one, scope)?,
        _ => return None,
    };
    for filter in parts {
        let (name, args) = match filter {
            [Token::Word(name)] => (*name, Vec::new()),
            [Token::Word(name), Token::Colon, rest @ ..] => {
                let mut args = Vec::new();
                for arg in rest.split(|t| *t == Token::Comma) {
                    match arg {
                        [one] => args.push(operand(one, scope)?),
                        _ => return None,
                    }
                }
                (*name, args)
            }
            _ => return None,
        };
        value = apply(name, value, &args, scope)?;
        if matches!(&value, Value::Text(t) if t.len() > MAX_VALUE) {
            return None;
        }
    }
    Some(value.text())
}

/// A literal or a variable.
fn operand(token: &Token<'_>, scope: &Scope<'_>) -> Option<Value> {
    match token {
        Token::Quoted(s) => Some(Value::Text(s.to_string())),
        Token::Word("nil" | "null") => Some(Value::Nil),
        Token::Word("true") => Some(Value::Bool(true)),
        Token::Word("false") => Some(Value::Bool(false)),
        Token::Word(w) if w.parse::<f64>().is_ok() => Some(Value::Text(w.to_string())),
        Token::Word(w) => variable(w, scope),
        _ => None,
    }
}

/// `site.x` and `page.x`, when the site's model knows them.
fn variable(name: &str, scope: &Scope<'_>) -> Option<Value> {
    match name {
        "site.baseurl" => return Some(Value::Text(scope.config.baseurl.clone())),
        "page.url" => return scope.page_url.map(|u| Value::Text(u.to_string())),
        _ => {}
    }
    if let Some(key) = name.strip_prefix("page.") {
        let v = scope.page.and_then(|p| super::config::value(p, key))?;
        return match &v.value {
            YamlValue::Str(s) => Some(Value::Text(s.clone())),
            YamlValue::Int(n) => Some(Value::Text(n.to_string())),
            YamlValue::Bool(b) => Some(Value::Bool(*b)),
            YamlValue::Null => Some(Value::Nil),
            _ => None,
        };
    }
    let key = name.strip_prefix("site.")?;
    if let Some((_, b)) = scope.config.flags.iter().find(|(k, _)| k == key) {
        return Some(Value::Bool(*b));
    }
    scope
        .config
        .values
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| Value::Text(v.clone()))
}

/// One filter, when it is one of those evaluated here with the right arguments.
fn apply(name: &str, value: Value, args: &[Value], scope: &Scope<'_>) -> Option<Value> {
    let arg = |i: usize| args.get(i).cloned().map(Value::text);
    let text = |v: String| Some(Value::Text(v));
    match (name, args.len()) {
        ("relative_url", 0) => match value {
            Value::Nil => Some(Value::Nil),
            v => relative_url(&v.text(), &scope.config.baseurl).map(Value::Text),
        },
        // `absolute_url` puts the site's `url` before the relative address; an address that
        // already has a scheme is kept.
        ("absolute_url", 0) => match value {
            Value::Nil => Some(Value::Nil),
            v => {
                let written = v.text();
                if super::paths::has_scheme(&written) {
                    return text(written);
                }
                let relative = relative_url(&written, &scope.config.baseurl)?;
                let site = scope.config.site_url().trim_end_matches('/');
                text(format!("{site}{relative}"))
            }
        },
        ("append", 1) => text(value.text() + &arg(0)?),
        ("prepend", 1) => text(arg(0)? + &value.text()),
        ("downcase", 0) => text(value.text().to_lowercase()),
        ("upcase", 0) => text(value.text().to_uppercase()),
        ("capitalize", 0) => {
            let t = value.text();
            let mut chars = t.chars();
            text(match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => t,
            })
        }
        ("replace", 2) => {
            let (t, from, to) = (value.text(), arg(0)?, arg(1)?);
            // `replace: '', x` puts `x` between every two characters: a few in a row grow
            // the text exponentially, so the length is known before it is made.
            let count = if from.is_empty() {
                t.chars().count() + 1
            } else {
                t.matches(from.as_str()).count()
            };
            if t.len() + count.saturating_mul(to.len()) > MAX_VALUE {
                return None;
            }
            text(t.replace(&from, &to))
        }
        ("slugify", 0) => text(super::permalink::slugify(&value.text(), false, false)),
        ("slugify", 1) => match arg(0)?.as_str() {
            "default" => text(super::permalink::slugify(&value.text(), false, false)),
            "pretty" => text(super::permalink::slugify(&value.text(), true, false)),
            _ => None,
        },
        ("default", 1) if value.blank() => args.first().cloned(),
        ("default", 1) => Some(value),
        _ => None,
    }
}

/// Jekyll's `relative_url`: the baseurl and the path, each with a leading `/`; an address
/// with a scheme is kept. `None` when Jekyll would also normalise the text (blanks,
/// characters outside ASCII), which is not modelled.
fn relative_url(path: &str, baseurl: &str) -> Option<String> {
    if super::paths::has_scheme(path) {
        return Some(path.to_string());
    }
    if !path.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let slash = if path.is_empty() || path.starts_with('/') {
        ""
    } else {
        "/"
    };
    Some(format!("{baseurl}{slash}{path}"))
}

#[cfg(test)]
mod tests {
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
        let scope = Scope {
            config: &config,
            page: page.as_ref(),
            page_url: Some("/docs/x/"),
        };
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
}
