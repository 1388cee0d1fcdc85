//! Requests: permits, pace, retries, redirects followed by hand, bodies read for ids, and
//! what a failed request means.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};
use tokio::sync::Semaphore;

use super::host::{Host, Pace};
use super::{guard, html, PageVerdict, PageWork, Report, Settings};

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

pub(super) fn fetch_all(
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
                    let answered = match self.request(&https, false, true).await {
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
        let origin = start.origin();
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
            // Configured headers (tokens) never leave the origin the link names.
            let headers_ok = url.origin() == origin;
            let (response, permits) = match self.request(&url, need_body, headers_ok).await {
                Ok(r) => r,
                Err(v) => return v,
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
    /// The permits come back with the answer: they are held while its body is read. Without
    /// an answer, the error is the address's verdict.
    async fn request(
        &self,
        url: &Url,
        need_body: bool,
        headers_ok: bool,
    ) -> Result<(reqwest::Response, Permits), PageVerdict> {
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
            .filter(|_| private_road && headers_ok)
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
                    return Err(PageVerdict::Unverifiable {
                        reason: format!(
                            "no answer within {} s{tries}",
                            self.settings.timeout.as_secs_f64()
                        ),
                        network: false,
                    });
                }
                Err(e) => {
                    drop(permits);
                    if tls_failure(&e) {
                        // A TLS handshake needs a server at the other end: the network works.
                        self.answers.fetch_add(1, Ordering::Relaxed);
                    }
                    return Err(classify(&e));
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
