//! The `[links]` table: the link checker's settings, each value checked by its type as it is
//! read (seconds, counts, regexes, status codes, ages, request headers).

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

use super::values::Pairs;

/// Settings of the external link checker.
#[derive(Default, Deserialize, JsonSchema)]
#[serde(
    default,
    deny_unknown_fields,
    rename_all = "kebab-case",
    expecting = "a table"
)]
#[schemars(inline)]
pub struct Links {
    /// Never check external URLs.
    #[schemars(with = "bool")]
    offline: Option<bool>,
    /// Seconds to wait for each request (`--timeout` overrides it).
    #[schemars(with = "Seconds")]
    timeout: Option<Seconds>,
    /// Requests in flight at once, over all hosts (default 64).
    #[schemars(with = "Count")]
    max_concurrency: Option<Count>,
    /// Requests in flight at once to one host (default 8).
    #[schemars(with = "Count")]
    host_concurrency: Option<Count>,
    /// URLs not to check: regular expressions matched against the URL.
    exclude: Vec<Regex>,
    /// HTTP status codes counted as success besides 2xx.
    accept: Statuses,
    /// Keep the results of checked URLs between runs.
    #[schemars(with = "bool")]
    cache: Option<bool>,
    /// Where the cache file is kept.
    #[schemars(with = "String")]
    cache_path: Option<String>,
    /// How long a cached result stays valid: a number and `s`, `m`, `h`, `d` or `w` (`1d`, `12h`).
    #[schemars(with = "Age")]
    cache_max_age: Option<Age>,
    /// Request headers by host: `[links.headers."api.github.com"]` then `Name = "value"`; a value `${VAR}` is read from the environment.
    headers: Pairs<String, Pairs<HeaderName, HeaderValue>>,
}

/// Settings for the external link checker (`[links]`). Unset values are `None`: the checker
/// and the command line supply the defaults.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LinksConfig {
    /// Never check external URLs.
    pub offline: Option<bool>,
    /// Seconds per request (the command line's `--timeout` overrides it).
    pub timeout: Option<f64>,
    /// Requests in flight over all hosts (default 64).
    pub max_concurrency: Option<usize>,
    /// Requests in flight to one host (default 8).
    pub host_concurrency: Option<usize>,
    /// Regular expressions (valid ones) matched against the URL.
    pub exclude: Vec<String>,
    /// Extra status codes counted as success, each in 100..=599.
    pub accept: Vec<u16>,
    pub cache: Option<bool>,
    pub cache_path: Option<String>,
    /// A number and a unit among `s`, `m`, `h`, `d`, `w` (`1d`, `12h`, `30m`).
    pub cache_max_age: Option<String>,
    /// Host -> header name -> value. A value written `${VAR}` is to be read from the
    /// environment variable `VAR` when the request is made.
    pub headers: BTreeMap<String, BTreeMap<String, String>>,
}

impl From<Links> for LinksConfig {
    fn from(l: Links) -> LinksConfig {
        let headers = l.headers.0.into_iter().map(|(host, headers)| {
            let headers = headers.0.into_iter().map(|(n, v)| (n.0, v.0));
            (host, headers.collect())
        });
        LinksConfig {
            offline: l.offline,
            timeout: l.timeout.map(|s| s.0),
            max_concurrency: l.max_concurrency.map(|c| c.0),
            host_concurrency: l.host_concurrency.map(|c| c.0),
            exclude: l.exclude.into_iter().map(|r| r.0).collect(),
            accept: l.accept.0,
            cache: l.cache,
            cache_path: l.cache_path,
            cache_max_age: l.cache_max_age.map(|a| a.0),
            headers: headers.collect(),
        }
    }
}

/// A number of seconds, more than 0.
struct Seconds(f64);

impl TryFrom<f64> for Seconds {
    type Error = &'static str;
    fn try_from(s: f64) -> Result<Seconds, Self::Error> {
        match s.is_finite() && s > 0.0 {
            true => Ok(Seconds(s)),
            false => Err("the timeout must be a number of seconds above 0"),
        }
    }
}

checked!(Seconds, f64);

leaf_schema!(Seconds, {"type": "number", "exclusiveMinimum": 0});

/// An integer, 1 or more.
struct Count(usize);

impl TryFrom<i64> for Count {
    type Error = String;
    fn try_from(n: i64) -> Result<Count, String> {
        usize::try_from(n)
            .ok()
            .filter(|&n| n >= 1)
            .map(Count)
            .ok_or_else(|| format!("expected 1 or more, found {n}"))
    }
}

checked!(Count, i64);

leaf_schema!(Count, {"type": "integer", "minimum": 1});

/// A regular expression.
struct Regex(String);

impl TryFrom<String> for Regex {
    type Error = String;
    fn try_from(s: String) -> Result<Regex, String> {
        match regex_syntax::Parser::new().parse(&s) {
            Ok(_) => Ok(Regex(s)),
            Err(e) => {
                // The parser's message spans several lines (a caret drawing): keep its gist.
                let why = e.to_string();
                let why = why.lines().last().unwrap_or("");
                let why = why.trim_start_matches("error: ");
                Err(format!("invalid regular expression `{s}`: {why}"))
            }
        }
    }
}

checked!(Regex, String);

leaf_schema!(Regex, {"type": "string"});

/// HTTP status codes, 100 to 599.
#[derive(Default)]
struct Statuses(Vec<u16>);

impl<'de> Deserialize<'de> for Statuses {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct List;
        impl<'de> Visitor<'de> for List {
            type Value = Statuses;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of HTTP status codes")
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Statuses, S::Error> {
                let mut out = Vec::new();
                while let Some(Status(n)) = seq.next_element()? {
                    out.push(n);
                }
                Ok(Statuses(out))
            }
        }
        d.deserialize_seq(List)
    }
}

leaf_schema!(Statuses, {"type": "array", "items": {"type": "integer", "minimum": 100, "maximum": 599}});

struct Status(u16);

impl TryFrom<i64> for Status {
    type Error = String;
    fn try_from(n: i64) -> Result<Status, String> {
        match n {
            100..=599 => Ok(Status(n as u16)),
            _ => Err(format!("`{n}` is not an HTTP status code (100 to 599)")),
        }
    }
}

checked!(Status, i64);

/// A duration: a number and a unit among `s`, `m`, `h`, `d`, `w`.
struct Age(String);

impl TryFrom<String> for Age {
    type Error = String;
    fn try_from(s: String) -> Result<Age, String> {
        let ok = s
            .strip_suffix(['s', 'm', 'h', 'd', 'w'])
            .is_some_and(|digits| {
                !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && crate::links::parse_age(&s).is_some()
            });
        match ok {
            true => Ok(Age(s)),
            false => Err(format!("invalid age `{s}`: write a number and `s`, `m`, `h`, `d` or `w`, such as `1d` or `12h`")),
        }
    }
}

checked!(Age, String);

leaf_schema!(Age, {"type": "string", "pattern": "^[0-9]+[smhdw]$"});

/// An HTTP header name (RFC 9110 `token`).
struct HeaderName(String);

impl TryFrom<String> for HeaderName {
    type Error = String;
    fn try_from(n: String) -> Result<HeaderName, String> {
        let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        match !n.is_empty() && n.bytes().all(tchar) {
            true => Ok(HeaderName(n)),
            false => Err(format!("`{n}` is not a valid HTTP header name")),
        }
    }
}

checked!(HeaderName, String);

/// A header value; `${VAR}` names an environment variable.
struct HeaderValue(String);

impl TryFrom<String> for HeaderValue {
    type Error = String;
    fn try_from(value: String) -> Result<HeaderValue, String> {
        if let Some(var) = value.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
            let valid = var.bytes().next().is_some_and(|b| !b.is_ascii_digit())
                && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            if !valid {
                return Err(format!("`{var}` is not an environment variable name"));
            }
        }
        Ok(HeaderValue(value))
    }
}

checked!(HeaderValue, String);

leaf_schema!(HeaderValue, {"type": "string"});
