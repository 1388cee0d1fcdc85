//! Liquid outputs (`{{ … }}`) in link destinations, `mailto:` addresses and headings,
//! evaluated where their value is known without building the site: `page.x` (the page's
//! front matter, then the site's `defaults:`) and `site.x` with plain values, literals, and
//! the filters `relative_url`, `absolute_url`, `append`, `prepend`, `downcase`, `upcase`,
//! `capitalize`, `replace`, `slugify` and `default`. Anything else is unknown, never
//! guessed: a destination with an unknown part is `None` and not judged; a heading keeps
//! the unknown part as written (its id is then a pattern, see [`crate::slug::PageIds`]).
//! On a page that Jekyll does not render Liquid for (`render_with_liquid: false`) every
//! `{{ … }}` is published as written.

use super::SiteConfig;
use crate::front_matter::{YamlNode, YamlValue};

/// What a page's Liquid may read: the site's configuration, the page's front matter (with
/// the `defaults:` of its path) and its URL.
pub struct Scope<'a> {
    pub config: &'a SiteConfig,
    /// The page's path from the site root: which `defaults:` apply.
    pub path: &'a str,
    pub page: Option<&'a YamlNode>,
    pub page_url: Option<&'a str>,
    /// Whether Jekyll renders the page's Liquid: not when its front matter, or else the
    /// site's `defaults:`, set `render_with_liquid: false`. (A page without front matter
    /// that a plugin publishes is rendered too.)
    pub renders: bool,
}

impl<'a> Scope<'a> {
    pub fn new(
        config: &'a SiteConfig,
        path: &'a str,
        page: Option<&'a YamlNode>,
        page_url: Option<&'a str>,
    ) -> Scope<'a> {
        let off = page
            .and_then(|p| super::config::value(p, "render_with_liquid"))
            .or_else(|| config.default_for(path, "render_with_liquid"));
        Scope {
            config,
            path,
            page,
            page_url,
            renders: !off.is_some_and(|v| v.value == YamlValue::Bool(false)),
        }
    }
}

/// The address a link written `written` (with Liquid in it) has once published: its value
/// when the page renders Liquid ([`eval_destination`]); on a page that does not, the text as
/// written, which kramdown takes whole unless a blank before a quote starts a title (then
/// `None`: maybe no link at all).
pub fn published_destination(written: &str, scope: &Scope<'_>) -> Option<String> {
    if scope.renders {
        return eval_destination(written, scope);
    }
    let written = written.trim();
    let title = written
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_whitespace() && matches!(w[1], b'\'' | b'"'));
    (!title).then(|| written.to_string())
}

/// The text of a heading with every `{{ … }}` whose value is known replaced by it; unknown
/// outputs and tags are kept as written.
pub fn eval_text(written: &str, scope: &Scope<'_>) -> String {
    let mut out = String::with_capacity(written.len());
    let mut rest = written;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let end = open + 2 + close + 2;
        out.push_str(&rest[..open]);
        match output(&rest[open + 2..end - 2], scope) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[open..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
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
        // Jekyll merges the `defaults:` of the page's path into what Liquid sees of it.
        let v = scope
            .page
            .and_then(|p| super::config::value(p, key))
            .or_else(|| scope.config.default_for(scope.path, key))?;
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
#[path = "eval_tests.rs"]
mod tests;
