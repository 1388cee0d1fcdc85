//! The online link checker: every distinct external URL of the run, checked once.
//!
//! Async with tokio and reqwest (rustls). A global limit and a per-host limit bound the
//! requests in flight; a per-host interval is zero until 429 or 503 become a sizeable share
//! of the host's answers, then grows, and shrinks again with each good answer (`host.rs`). HEAD first, GET when HEAD is refused or a
//! `#fragment` must be checked (body capped). Redirects are followed by hand (at most 10), so
//! each hop is checked against the address policy and gets only its own host's headers.
//! Server errors and 429 are retried with backoff (honouring `Retry-After`, capped); a timeout
//! is retried once. A request that has waited four times as long as its host usually takes to
//! answer (at least `stall_after`; `1 s` before the host has answered) gives its host slot
//! back, so a few hanging URLs cannot starve a host's queue (`fetch.rs`).
//!
//! This file groups the URLs by address, consults the cache and turns each address's
//! verdict into one verdict per URL as written (fragments included).

mod cache;
mod fetch;
mod guard;
mod host;
mod html;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use handbook_lints::external::{ExternalResults, Verdict};
use handbook_lints::site::percent_decode;
use regex::Regex;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Url;

pub use cache::PageVerdict;
pub use guard::AddressPolicy;

/// How to check.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Per request.
    pub timeout: Duration,
    pub max_concurrency: usize,
    pub host_concurrency: usize,
    pub max_redirects: usize,
    /// Retries for 5xx and 429 answers.
    pub retries: u32,
    /// The longest `Retry-After` honoured.
    pub retry_after_cap: Duration,
    /// The least a request waits before it frees its host slot (see [`Host::stall_after`]).
    pub stall_after: Duration,
    /// The most of a body read to find ids.
    pub body_cap: usize,
    /// Status codes that count as an answer, besides 2xx.
    pub accept: Vec<u16>,
    /// URLs matching any of these are not checked.
    pub exclude: Vec<Regex>,
    /// Headers sent to one exact host (lowercase), never to another.
    pub headers: HashMap<String, HeaderMap>,
    pub policy: AddressPolicy,
    /// The cache file and the age up to which its verdicts are used; `None`: no cache.
    pub cache: Option<(PathBuf, Duration)>,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Settings {
    /// What the verdicts depend on besides the URL: a cache written with other settings is
    /// not used.
    fn fingerprint(&self) -> String {
        let mut hosts: Vec<String> = self
            .headers
            .iter()
            .map(|(host, map)| {
                let mut names: Vec<&str> = map.keys().map(|k| k.as_str()).collect();
                names.sort_unstable();
                format!("{host}:{}", names.join(","))
            })
            .collect();
        hosts.sort();
        let mut accept = self.accept.clone();
        accept.sort_unstable();
        format!(
            "accept={accept:?};headers={hosts:?};loopback={};redirects={}",
            self.policy.allow_loopback, self.max_redirects
        )
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(10),
            max_concurrency: 64,
            host_concurrency: 8,
            max_redirects: 10,
            retries: 2,
            retry_after_cap: Duration::from_secs(20),
            stall_after: Duration::from_millis(250),
            body_cap: 4 << 20,
            accept: Vec::new(),
            exclude: Vec::new(),
            headers: HashMap::new(),
            policy: AddressPolicy::default(),
            cache: Some((
                PathBuf::from(".handbook-lint-cache/links.json"),
                Duration::from_secs(24 * 3600),
            )),
            progress: false,
        }
    }
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// A verdict for every checked URL, by the URL as the pages give it.
    pub results: ExternalResults,
    /// Set when no URL could be checked because the network is down: say it once.
    pub network_down: Option<String>,
    /// Distinct addresses (URLs without fragment) checked over the network.
    pub checked: usize,
    /// Distinct addresses answered from the cache.
    pub cached: usize,
    /// URLs skipped by an exclude pattern.
    pub excluded: usize,
    /// HTTP requests sent.
    pub requests: usize,
    /// A problem with the cache file, worth a warning.
    pub cache_error: Option<String>,
}

/// Check every URL of `urls` (duplicates allowed) and return their verdicts.
pub fn check(urls: &[String], settings: &Settings) -> Report {
    let mut report = Report::default();
    // Group by address: a page is fetched once, whatever fragments its links carry.
    let mut pages: HashMap<String, PageWork> = HashMap::new();
    let mut order = Vec::new();
    for raw in urls {
        if settings.exclude.iter().any(|re| re.is_match(raw)) {
            report.excluded += 1;
            continue;
        }
        let mut url = match Url::parse(raw) {
            Ok(u) => u,
            Err(e) => {
                report.results.insert(
                    raw.clone(),
                    Verdict::Broken {
                        reason: format!("not a valid URL ({e})"),
                    },
                );
                continue;
            }
        };
        let fragment = url.fragment().map(percent_decode);
        url.set_fragment(None);
        let key = url.to_string();
        let work = pages.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            PageWork {
                url,
                uses: Vec::new(),
                need_body: false,
            }
        });
        if fragment.as_deref().is_some_and(checkable_fragment) {
            work.need_body = true;
        }
        work.uses.push((raw.clone(), fragment));
    }

    let mut cache = settings
        .cache
        .as_ref()
        .map(|(path, age)| cache::Cache::load(path, *age, &settings.fingerprint()));
    let mut verdicts: HashMap<String, PageVerdict> = HashMap::new();
    let mut todo = Vec::new();
    for key in &order {
        let work = &pages[key];
        match cache.as_ref().and_then(|c| c.get(key)) {
            Some(v) if !(work.need_body && needs_ids(v)) => {
                verdicts.insert(key.clone(), v.clone());
                report.cached += 1;
            }
            _ => todo.push(key.clone()),
        }
    }

    if !todo.is_empty() {
        let (fetched, answers) = fetch::fetch_all(&todo, &pages, settings, &mut report);
        report.checked = todo.len();
        // Requests went out and not one answer came back, not even an error page: the
        // network is down (a resolver without upstream answers "no such host" for every
        // name, so those verdicts prove nothing either). Say it once; keep nothing.
        if report.requests > 0 && answers == 0 {
            report.network_down = Some(format!(
                "no external host answered, the network looks unreachable: {} external {} not checked",
                todo.len(),
                if todo.len() == 1 { "address was" } else { "addresses were" }
            ));
        } else {
            for (key, verdict) in fetched {
                if let Some(c) = cache.as_mut() {
                    c.put(&key, &verdict);
                }
                verdicts.insert(key, verdict);
            }
        }
    }
    if let Some(c) = cache {
        if let Err(e) = c.save() {
            report.cache_error = Some(e);
        }
    }

    for key in &order {
        let Some(page) = verdicts.get(key) else {
            continue;
        };
        for (raw, fragment) in &pages[key].uses {
            report
                .results
                .insert(raw.clone(), verdict_for(raw, fragment.as_deref(), page));
        }
    }
    report
}

struct PageWork {
    url: Url,
    /// Each URL as written, with its decoded fragment.
    uses: Vec<(String, Option<String>)>,
    need_body: bool,
}

/// Fragments that name an element: not empty, not `top`, not a text fragment (`:~:`), not
/// a route of a single-page application (`#/x`, `#!x`), not a line anchor (`#L10`).
fn checkable_fragment(f: &str) -> bool {
    let line_anchor = f.strip_prefix('L').is_some_and(|r| {
        r.split('-').all(|p| {
            !p.trim_start_matches('L').is_empty()
                && p.trim_start_matches('L')
                    .bytes()
                    .all(|b| b.is_ascii_digit())
        })
    });
    !f.is_empty()
        && !f.eq_ignore_ascii_case("top")
        && !f.starts_with(":~:")
        && !f.starts_with(['/', '!'])
        && !line_anchor
}

fn needs_ids(v: &PageVerdict) -> bool {
    matches!(
        v,
        PageVerdict::Ok {
            ids: None,
            not_html: false,
            ..
        }
    )
}

/// The verdict for one URL as written, from its page's verdict.
fn verdict_for(raw: &str, fragment: Option<&str>, page: &PageVerdict) -> Verdict {
    match page {
        PageVerdict::Broken { reason, .. } => Verdict::Broken {
            reason: reason.clone(),
        },
        PageVerdict::Unverifiable { reason, .. } => Verdict::Unverifiable {
            reason: reason.clone(),
        },
        PageVerdict::Ok {
            permanent_to,
            ids,
            not_html,
            truncated,
            https_ok,
        } => {
            if let (Some(f), Some(ids), false) = (fragment, ids, not_html) {
                // GitHub renders `id="user-content-x"` and finds it for `#x` with script.
                let found = ids
                    .iter()
                    .any(|id| id == f || id.strip_prefix("user-content-") == Some(f));
                if checkable_fragment(f) && !found {
                    return if *truncated {
                        Verdict::Unverifiable {
                            reason: format!("`#{f}` is not in the part of the page that was read"),
                        }
                    } else {
                        Verdict::Broken {
                            reason: format!("the page has no element with id `{f}`"),
                        }
                    };
                }
            }
            if let Some(to) = permanent_to {
                return Verdict::Redirected { to: to.clone() };
            }
            if *https_ok == Some(true)
                && raw
                    .get(..7)
                    .is_some_and(|h| h.eq_ignore_ascii_case("http://"))
            {
                return Verdict::Insecure {
                    https: format!("https://{}", &raw[7..]),
                };
            }
            Verdict::Ok
        }
    }
}

/// Parse `[links.headers."host"]` values into header maps; `${NAME}` reads the environment.
pub fn header_maps(
    table: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
) -> Result<HashMap<String, HeaderMap>, String> {
    let mut out = HashMap::new();
    for (host, headers) in table {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let value =
                expand_env(value).map_err(|e| format!("header `{name}` for `{host}` {e}"))?;
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("`{name}` is not a valid header name"))?;
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| format!("the value of header `{name}` is not valid"))?;
            value.set_sensitive(true);
            map.insert(name, value);
        }
        out.insert(host.to_ascii_lowercase(), map);
    }
    Ok(out)
}

/// `value` with each `${NAME}` replaced by the variable `NAME` of the environment
/// (`Bearer ${TOKEN}`); the error names a variable that is not set.
fn expand_env(value: &str) -> Result<String, String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let Some(len) = rest[at + 2..].find('}') else {
            return Err("has `${` without a closing `}`".to_string());
        };
        let var = &rest[at + 2..at + 2 + len];
        let set = std::env::var(var).map_err(|_| format!("reads `{var}`, which is not set"))?;
        out.push_str(&set);
        rest = &rest[at + 3 + len..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `30s`, `30m`, `12h`, `1d`, `2w` as a duration.
pub fn parse_age(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = text.split_at(split);
    let n: u64 = n.parse().ok()?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(n.checked_mul(secs)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_from_a_page_verdict() {
        let ok = |https_ok, permanent_to: Option<&str>| PageVerdict::Ok {
            permanent_to: permanent_to.map(String::from),
            ids: Some(vec!["a".into()]),
            not_html: false,
            truncated: false,
            https_ok,
        };
        assert_eq!(
            verdict_for("http://a.example/x", None, &ok(Some(true), None)),
            Verdict::Insecure {
                https: "https://a.example/x".into()
            }
        );
        assert_eq!(
            verdict_for("http://a.example/x", None, &ok(Some(false), None)),
            Verdict::Ok
        );
        assert_eq!(
            verdict_for(
                "http://a.example/x#a",
                Some("a"),
                &ok(None, Some("https://b.example/"))
            ),
            Verdict::Redirected {
                to: "https://b.example/".into()
            }
        );
        assert!(matches!(
            verdict_for("http://a.example/x#b", Some("b"), &ok(None, None)),
            Verdict::Broken { .. }
        ));
    }

    #[test]
    fn ages_and_fragments() {
        assert_eq!(parse_age("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(parse_age("30m"), Some(Duration::from_secs(1800)));
        assert_eq!(parse_age("1x"), None);
        assert_eq!(parse_age("d"), None);
        assert!(checkable_fragment("s1") && !checkable_fragment("top"));
        assert!(!checkable_fragment(":~:text=abc") && !checkable_fragment(""));
        for routed in ["/settings", "!/home", "L10", "L10-L20"] {
            assert!(!checkable_fragment(routed), "{routed}");
        }
        assert!(checkable_fragment("Lists") && checkable_fragment("L10a"));
    }
}
