//! The online link checker: every distinct external URL of the run, checked once.
//!
//! Async with tokio and reqwest (rustls). A global limit and a per-host limit bound the
//! requests in flight; a per-host interval is zero until the host answers 429 or 503, then
//! grows, and shrinks again with each good answer. HEAD first, GET when HEAD is refused or a
//! `#fragment` must be checked (body capped). Redirects are followed by hand (at most 10), so
//! each hop is checked against the address policy and gets only its own host's headers.
//! Server errors and 429 are retried with backoff (honouring `Retry-After`, capped); a timeout
//! is retried once. A request that has waited four times as long as its host usually takes to
//! answer (at least `stall_after`; `1 s` before the host has answered) gives its host slot
//! back, so a few hanging URLs cannot starve a host's queue.

mod cache;
mod guard;
mod html;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use handbook_lints::external::{ExternalResults, Verdict};
use handbook_lints::site_index::percent_decode;
use regex::Regex;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use tokio::sync::Semaphore;

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
        let (fetched, answers) = fetch_all(&todo, &pages, settings, &mut report);
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

/// One host's limits.
struct Host {
    slots: Arc<Semaphore>,
    /// Requests that gave their slot back while still waiting (at most the limit).
    stalled: Arc<Semaphore>,
    pace: Mutex<Pace>,
    /// Answers of any status received from this host.
    answers: AtomicUsize,
    /// How long the host takes to answer: a moving average, in microseconds (0: no answer yet).
    latency_us: AtomicUsize,
}

struct Pace {
    interval: Duration,
    next: Instant,
    /// Share of recent answers that were 429 or 503 (moving average).
    limited: f64,
    last_raise: Option<Instant>,
}

impl Pace {
    fn new() -> Pace {
        Pace {
            interval: Duration::ZERO,
            next: Instant::now(),
            limited: 0.0,
            last_raise: None,
        }
    }

    /// A 429 or 503. A lone one is that URL's business (it is retried after its own
    /// `Retry-After`); when they become a sizeable share of the answers the host is telling
    /// us to slow down, and the interval doubles, at most once per interval.
    fn limited(&mut self, now: Instant) {
        self.limited = self.limited * 0.9 + 0.1;
        if self.limited < 0.2 {
            return;
        }
        let window = self.interval.max(Duration::from_millis(50));
        if self.last_raise.is_some_and(|t| now - t < window) {
            return;
        }
        self.interval = (self.interval * 2)
            .max(Duration::from_millis(25))
            .min(Duration::from_secs(2));
        self.last_raise = Some(now);
    }

    /// Any other answer: the interval shrinks back towards zero.
    fn answered(&mut self) {
        self.limited *= 0.9;
        if !self.interval.is_zero() {
            self.interval = self.interval * 9 / 10;
            if self.interval < Duration::from_millis(5) {
                self.interval = Duration::ZERO;
            }
        }
    }
}

impl Host {
    /// How long a request may wait before it is taken as stalled on its own URL: four times
    /// the host's usual answer time, at least `floor`; one second before the first answer.
    fn stall_after(&self, floor: Duration) -> Duration {
        match self.latency_us.load(Ordering::Relaxed) {
            0 => Duration::from_secs(1).max(floor),
            us => Duration::from_micros(4 * us as u64).max(floor),
        }
    }

    fn answered_in(&self, took: Duration) {
        let us = took.as_micros().min(60_000_000) as usize;
        let old = self.latency_us.load(Ordering::Relaxed);
        let new = if old == 0 { us } else { (old * 7 + us) / 8 };
        self.latency_us.store(new.max(1), Ordering::Relaxed);
    }

    /// Wait for this host's next turn (immediately while the interval is zero).
    async fn turn(&self) {
        let wait = {
            let mut p = self.pace.lock().unwrap();
            if p.interval.is_zero() {
                return;
            }
            let now = Instant::now();
            let at = p.next.max(now);
            p.next = at + p.interval;
            at - now
        };
        tokio::time::sleep(wait).await;
    }
}

struct Checker {
    client: reqwest::Client,
    settings: Settings,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    requests: AtomicUsize,
    /// Requests that got an HTTP answer, whatever its status, or timed out after connecting:
    /// proof that the network works.
    answers: AtomicUsize,
}

fn fetch_all(
    todo: &[String],
    pages: &HashMap<String, PageWork>,
    settings: &Settings,
    report: &mut Report,
) -> (Vec<(String, PageVerdict)>, usize) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // A proxy would resolve names itself, out of the address guard's sight.
        .no_proxy()
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout)
        .dns_resolver(guard::resolver(settings.policy))
        .pool_max_idle_per_host(settings.host_concurrency)
        .user_agent(concat!(
            "Mozilla/5.0 (compatible; handbook-lint/",
            env!("CARGO_PKG_VERSION"),
            "; link check)"
        ))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            let failed = todo
                .iter()
                .map(|k| {
                    (
                        k.clone(),
                        PageVerdict::Unverifiable {
                            reason: format!("cannot start the HTTP client: {e}"),
                            network: false,
                        },
                    )
                })
                .collect();
            return (failed, 0);
        }
    };
    let checker = Arc::new(Checker {
        client,
        settings: settings.clone(),
        global: Arc::new(Semaphore::new(settings.max_concurrency.max(1))),
        hosts: Mutex::new(HashMap::new()),
        requests: AtomicUsize::new(0),
        answers: AtomicUsize::new(0),
    });
    let bar = if settings.progress {
        let bar = indicatif::ProgressBar::new(todo.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} checking links {pos}/{len} {wide_bar} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let out = runtime.block_on(async {
        let mut set = tokio::task::JoinSet::new();
        for key in todo {
            let work = &pages[key];
            let (checker, url, need_body, key, bar) = (
                checker.clone(),
                work.url.clone(),
                work.need_body,
                key.clone(),
                bar.clone(),
            );
            set.spawn(async move {
                let verdict = checker.check_page(url, need_body).await;
                bar.inc(1);
                (key, verdict)
            });
        }
        let mut out = Vec::with_capacity(todo.len());
        while let Some(done) = set.join_next().await {
            if let Ok(pair) = done {
                out.push(pair);
            }
        }
        out
    });
    bar.finish_and_clear();
    report.requests = checker.requests.load(Ordering::Relaxed);
    (out, checker.answers.load(Ordering::Relaxed))
}

/// The host slot and global permit of a request, held until its answer has been read.
struct Permits {
    _slot: Option<tokio::sync::OwnedSemaphorePermit>,
    _global: Option<tokio::sync::OwnedSemaphorePermit>,
}

/// Why a request gave no usable answer.
enum Failure {
    Verdict(PageVerdict),
}

impl Checker {
    fn host(&self, url: &Url) -> Arc<Host> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        self.hosts
            .lock()
            .unwrap()
            .entry(key)
            .or_insert_with(|| {
                Arc::new(Host {
                    slots: Arc::new(Semaphore::new(self.settings.host_concurrency.max(1))),
                    stalled: Arc::new(Semaphore::new(self.settings.host_concurrency.max(1))),
                    pace: Mutex::new(Pace::new()),
                    answers: AtomicUsize::new(0),
                    latency_us: AtomicUsize::new(0),
                })
            })
            .clone()
    }

    /// Check one address: follow redirects, read the body when ids are needed, and for an
    /// `http://` host name that answers, try its `https://` form.
    async fn check_page(&self, url: Url, need_body: bool) -> PageVerdict {
        let verdict = self.follow(url.clone(), need_body).await;
        // An `http://` host name on the default port that answered directly (a redirect is
        // `redirected-link`'s): does its `https://` address answer, without redirects?
        if let PageVerdict::Ok {
            permanent_to: None,
            ids,
            not_html,
            truncated,
            https_ok: None,
        } = &verdict
        {
            let named = matches!(url.host(), Some(url::Host::Domain(d)) if !d.eq_ignore_ascii_case("localhost"));
            if url.scheme() == "http" && url.port().is_none() && named {
                let mut https = url.clone();
                if https.set_scheme("https").is_ok() {
                    let answered = match self.request(&https, false).await {
                        Ok((response, _)) => response.status().is_success(),
                        Err(_) => false,
                    };
                    return PageVerdict::Ok {
                        permanent_to: None,
                        ids: ids.clone(),
                        not_html: *not_html,
                        truncated: *truncated,
                        https_ok: Some(answered),
                    };
                }
            }
        }
        verdict
    }

    async fn follow(&self, start: Url, need_body: bool) -> PageVerdict {
        let mut url = start;
        let mut seen = HashSet::new();
        seen.insert(url.to_string());
        let mut hops = 0;
        let mut permanent_only = true;
        loop {
            if let Err(guard::Refusal::Private(host)) =
                guard::check_host(&url, self.settings.policy)
            {
                return PageVerdict::Unverifiable {
                    reason: format!("not checked: `{host}` is a private or loopback address"),
                    network: false,
                };
            }
            let (response, permits) = match self.request(&url, need_body).await {
                Ok(r) => r,
                Err(Failure::Verdict(v)) => return v,
            };
            let status = response.status();
            let after = if hops > 0 {
                format!(" after {hops} redirect{}", if hops == 1 { "" } else { "s" })
            } else {
                String::new()
            };
            if status.is_redirection() {
                if let Some(location) = response
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
                {
                    let location = location.as_str();
                    hops += 1;
                    if hops > self.settings.max_redirects {
                        return broken(format!(
                            "more than {} redirects",
                            self.settings.max_redirects
                        ));
                    }
                    let Ok(mut next) = url.join(location) else {
                        return broken(format!("redirects to an invalid address `{location}`"));
                    };
                    next.set_fragment(None);
                    if !matches!(status.as_u16(), 301 | 308) {
                        permanent_only = false;
                    }
                    if !seen.insert(next.to_string()) {
                        return broken(format!("redirect loop at `{next}`"));
                    }
                    url = next;
                    continue;
                }
            }
            let code = status.as_u16();
            if status.is_success() || self.settings.accept.contains(&code) {
                let permanent_to = (hops > 0 && permanent_only).then(|| url.to_string());
                // An accepted error page is not the page: its ids prove nothing.
                let (ids, not_html, truncated) = if need_body && status.is_success() {
                    html::read_ids(response, self.settings.body_cap).await
                } else {
                    (None, !status.is_success(), false)
                };
                drop(permits);
                return PageVerdict::Ok {
                    permanent_to,
                    ids,
                    not_html,
                    truncated,
                    https_ok: None,
                };
            }
            let what = describe(status);
            return match code {
                401 | 403 | 429 | 999 => PageVerdict::Unverifiable {
                    reason: format!("{what}{after} (the site may refuse automated requests)"),
                    network: false,
                },
                500..=599 => PageVerdict::Broken {
                    reason: format!("{what}{after}"),
                    transient: true,
                },
                400..=499 => broken(format!("{what}{after}")),
                _ => PageVerdict::Unverifiable {
                    reason: format!("unexpected answer {what}{after}"),
                    network: false,
                },
            };
        }
    }

    /// One request with its retries. The answer's status is for the caller to judge.
    /// The permits come back with the answer: they are held while its body is read.
    async fn request(
        &self,
        url: &Url,
        need_body: bool,
    ) -> Result<(reqwest::Response, Permits), Failure> {
        let mut method = if need_body { Method::GET } else { Method::HEAD };
        let mut attempt = 0;
        let mut timed_out = false;
        let host = self.host(url);
        // Configured headers (tokens) travel only encrypted, or to this machine.
        let private_road = url.scheme() == "https"
            || matches!(url.host(), Some(url::Host::Ipv4(ip)) if ip.is_loopback())
            || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback());
        let headers = url
            .host_str()
            .filter(|_| private_road)
            .and_then(|h| self.settings.headers.get(&h.to_ascii_lowercase()))
            .cloned();
        loop {
            // The host's slot first, then its pace, then the global permit: a crowd of URLs
            // waiting for one busy host holds no global permit that other hosts could use.
            let mut slot = host.slots.clone().acquire_owned().await.ok();
            host.turn().await;
            let global = self.global.clone().acquire_owned().await.ok();
            let mut request = self.client.request(method.clone(), url.clone());
            if let Some(h) = &headers {
                request = request.headers(h.clone());
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            let answers_before = host.answers.load(Ordering::Relaxed);
            let stall_after = host.stall_after(self.settings.stall_after);
            let sent = Instant::now();
            let send = request.send();
            tokio::pin!(send);
            let mut stalled = None;
            let result = tokio::select! {
                r = &mut send => r,
                _ = tokio::time::sleep(stall_after) => {
                    // No answer yet: it is most likely waiting on this URL alone. It gives its
                    // slot to the next request, up to as many stalled requests as the limit,
                    // so a host never has more than twice its limit in flight.
                    if let Ok(p) = host.stalled.clone().try_acquire_owned() {
                        stalled = Some(p);
                        slot.take();
                    }
                    send.await
                }
            };
            drop(stalled);
            let permits = Permits {
                _slot: slot,
                _global: global,
            };
            match result {
                Ok(response) => {
                    self.answers.fetch_add(1, Ordering::Relaxed);
                    host.answers.fetch_add(1, Ordering::Relaxed);
                    host.answered_in(sent.elapsed());
                    let code = response.status().as_u16();
                    if method == Method::HEAD && matches!(code, 400 | 403 | 405 | 406 | 501) {
                        method = Method::GET;
                        drop(permits);
                        continue;
                    }
                    let limited = code == 429 || code == 503;
                    {
                        let mut pace = host.pace.lock().unwrap();
                        if limited {
                            pace.limited(Instant::now());
                        } else {
                            pace.answered();
                        }
                    }
                    if (limited || code >= 500) && attempt < self.settings.retries {
                        drop(permits);
                        let backoff = Duration::from_millis(500 << attempt);
                        let wait = if limited {
                            retry_after(response.headers()).unwrap_or(backoff)
                        } else {
                            backoff
                        };
                        attempt += 1;
                        tokio::time::sleep(wait.min(self.settings.retry_after_cap)).await;
                        continue;
                    }
                    return Ok((response, permits));
                }
                Err(e) if e.is_timeout() => {
                    drop(permits);
                    if !e.is_connect() {
                        // Connected, then silence: the network works.
                        self.answers.fetch_add(1, Ordering::Relaxed);
                    }
                    // One retry, for a network hiccup. When the host answered other requests
                    // while this one waited, the silence is this URL's: asking again would
                    // only wait as long once more.
                    let host_answered = host.answers.load(Ordering::Relaxed) > answers_before;
                    if !timed_out && !host_answered {
                        timed_out = true;
                        continue;
                    }
                    let tries = if timed_out { " (tried twice)" } else { "" };
                    return Err(Failure::Verdict(PageVerdict::Unverifiable {
                        reason: format!(
                            "no answer within {} s{tries}",
                            self.settings.timeout.as_secs_f64()
                        ),
                        network: false,
                    }));
                }
                Err(e) => {
                    drop(permits);
                    if tls_failure(&e) {
                        // A TLS handshake needs a server at the other end: the network works.
                        self.answers.fetch_add(1, Ordering::Relaxed);
                    }
                    return Err(Failure::Verdict(classify(&e)));
                }
            }
        }
    }
}

fn broken(reason: String) -> PageVerdict {
    PageVerdict::Broken {
        reason,
        transient: false,
    }
}

/// `404 Not Found`, `999`.
fn describe(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// Seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// Whether the TLS handshake failed (so a connection was made).
fn tls_failure(e: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if s.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        source = s.source();
    }
    false
}

/// A request that failed without an answer.
fn classify(e: &reqwest::Error) -> PageVerdict {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut io_kind = None;
    let mut text = String::new();
    while let Some(s) = source {
        if let Some(lookup) = s.downcast_ref::<guard::LookupError>() {
            return match lookup {
                guard::LookupError::NoSuchHost(_) => broken(lookup.to_string()),
                guard::LookupError::Private(_) => PageVerdict::Unverifiable {
                    reason: format!("not checked: {lookup}"),
                    network: false,
                },
                guard::LookupError::Unavailable(_) => PageVerdict::Unverifiable {
                    reason: lookup.to_string(),
                    network: true,
                },
            };
        }
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind = Some(io.kind());
        }
        text = s.to_string();
        source = s.source();
    }
    use std::io::ErrorKind::*;
    match io_kind {
        Some(NetworkUnreachable | HostUnreachable | NetworkDown) => PageVerdict::Unverifiable {
            reason: format!("network unreachable ({text})"),
            network: true,
        },
        Some(ConnectionRefused) => PageVerdict::Broken {
            reason: "connection refused".into(),
            transient: true,
        },
        _ => {
            let lower = text.to_ascii_lowercase();
            let reason = if lower.contains("certificate") || lower.contains("tls") {
                format!("TLS error: {text}")
            } else {
                text
            };
            PageVerdict::Unverifiable {
                reason,
                network: false,
            }
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
            let value = match value.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
                Some(var) => std::env::var(var).map_err(|_| {
                    format!("header `{name}` for `{host}` reads `{var}`, which is not set")
                })?,
                None => value.clone(),
            };
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
    fn isolated_429s_keep_the_pace_and_sustained_ones_slow_it() {
        let mut p = Pace::new();
        let t0 = Instant::now();
        for i in 0..300u64 {
            if i % 30 == 0 {
                p.limited(t0 + Duration::from_millis(i));
            } else {
                p.answered();
            }
        }
        assert_eq!(p.interval, Duration::ZERO, "one 429 in 30 answers");
        let mut t = t0;
        for _ in 0..20 {
            t += Duration::from_millis(100);
            p.limited(t);
        }
        assert!(p.interval >= Duration::from_millis(400), "{:?}", p.interval);
        assert!(p.interval <= Duration::from_secs(2));
        for _ in 0..100 {
            p.answered();
        }
        assert_eq!(p.interval, Duration::ZERO, "good answers bring it back");
    }

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
