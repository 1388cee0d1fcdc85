//! Reading the `[links]` table: each key checked by its kind (seconds, counts, regexes,
//! status codes, ages, request headers).

use std::collections::BTreeMap;

use toml::de::DeValue;

use super::{LinksConfig, Parser, Value, LINKS_KEYS};

impl Parser<'_> {
    pub(super) fn links(
        &mut self,
        v: &Value<'_>,
        lines: &mut BTreeMap<String, usize>,
    ) -> LinksConfig {
        let mut links = LinksConfig::default();
        let Some(table) = self.table(v) else {
            return links;
        };
        for (k, v) in table.iter() {
            let Some(spec) = self.known(k, LINKS_KEYS, "links") else {
                continue;
            };
            lines.insert(format!("links.{}", spec.name), self.line(k.span().start));
            match spec.name {
                "offline" => links.offline = self.bool(v),
                "cache" => links.cache = self.bool(v),
                "timeout" => links.timeout = self.seconds(v),
                "max-concurrency" => links.max_concurrency = self.count(v),
                "host-concurrency" => links.host_concurrency = self.count(v),
                "exclude" => links.exclude = self.regexes(v),
                "accept" => links.accept = self.statuses(v),
                "cache-path" => links.cache_path = self.string(v),
                "cache-max-age" => links.cache_max_age = self.age(v),
                "headers" => links.headers = self.headers(v),
                other => unreachable!("`links.{other}` has no reader"),
            }
        }
        links
    }

    fn seconds(&mut self, v: &Value<'_>) -> Option<f64> {
        let secs = match v.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(_) => self.integer(v).map(|i| i as f64),
            _ => {
                self.type_error(v, "a number of seconds");
                return None;
            }
        };
        match secs {
            Some(s) if s.is_finite() && s > 0.0 => Some(s),
            _ => {
                self.error(
                    v.span(),
                    "the timeout must be a number of seconds above 0".into(),
                );
                None
            }
        }
    }

    fn count(&mut self, v: &Value<'_>) -> Option<usize> {
        let n = self.integer(v)?;
        if n < 1 {
            self.error(v.span(), format!("expected 1 or more, found {n}"));
            return None;
        }
        usize::try_from(n).ok()
    }

    fn regexes(&mut self, v: &Value<'_>) -> Vec<String> {
        let mut out = Vec::new();
        for (s, span) in self.strings(v).unwrap_or_default() {
            match regex_syntax::Parser::new().parse(&s) {
                Ok(_) => out.push(s),
                Err(e) => {
                    // The parser's message spans several lines (a caret drawing): keep its gist.
                    let why = e.to_string();
                    let why = why
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim_start_matches("error: ");
                    self.error(span, format!("invalid regular expression `{s}`: {why}"));
                }
            }
        }
        out
    }

    fn statuses(&mut self, v: &Value<'_>) -> Vec<u16> {
        let DeValue::Array(items) = v.get_ref() else {
            self.type_error(v, "a list of HTTP status codes");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match self.integer(item) {
                Some(n @ 100..=599) => out.push(n as u16),
                Some(n) => self.error(
                    item.span(),
                    format!("`{n}` is not an HTTP status code (100 to 599)"),
                ),
                None => {}
            }
        }
        out
    }

    fn age(&mut self, v: &Value<'_>) -> Option<String> {
        let s = self.string(v)?;
        let ok = s
            .strip_suffix(['s', 'm', 'h', 'd', 'w'])
            .is_some_and(|digits| {
                !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && crate::links::parse_age(&s).is_some()
            });
        if ok {
            Some(s)
        } else {
            self.error(
                v.span(),
                format!("invalid age `{s}`: write a number and `s`, `m`, `h`, `d` or `w`, such as `1d` or `12h`"),
            );
            None
        }
    }

    fn headers(&mut self, v: &Value<'_>) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        let Some(hosts) = self.table(v) else {
            return out;
        };
        for (host, v) in hosts.iter() {
            let Some(headers) = self.table(v) else {
                continue;
            };
            let mut map = BTreeMap::new();
            for (name, v) in headers.iter() {
                let n = name.get_ref().as_ref();
                if n.is_empty() || !n.bytes().all(is_token_byte) {
                    self.error(
                        name.span(),
                        format!("`{n}` is not a valid HTTP header name"),
                    );
                    continue;
                }
                let Some(value) = self.string(v) else {
                    continue;
                };
                if let Some(var) = value.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
                    let valid = var.bytes().next().is_some_and(|b| !b.is_ascii_digit())
                        && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
                    if !valid {
                        self.error(
                            v.span(),
                            format!("`{var}` is not an environment variable name"),
                        );
                        continue;
                    }
                }
                map.insert(n.to_string(), value);
            }
            out.insert(host.get_ref().to_string(), map);
        }
        out
    }
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}
