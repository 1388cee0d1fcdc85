//! The online link checker against a real HTTP server on 127.0.0.1 (tests/common/server.rs).
//! No test touches the internet; every request has a timeout of at most 2 s.

#[path = "common/server.rs"]
mod server;

use std::process::Command;
use std::time::{Duration, Instant};

use handbook_lint::links::{check, AddressPolicy, Settings};
use handbook_lints::external::Verdict;
use server::Server;

fn settings() -> Settings {
    Settings {
        timeout: Duration::from_millis(1500),
        policy: AddressPolicy {
            allow_loopback: true,
        },
        cache: None,
        ..Settings::default()
    }
}

fn verdict(report: &handbook_lint::links::Report, url: &str) -> Verdict {
    report
        .results
        .get(url)
        .cloned()
        .unwrap_or_else(|| panic!("no verdict for {url}"))
}

fn broken(v: &Verdict, needle: &str) -> bool {
    matches!(v, Verdict::Broken { reason } if reason.contains(needle))
}

fn unverifiable(v: &Verdict, needle: &str) -> bool {
    matches!(v, Verdict::Unverifiable { reason } if reason.contains(needle))
}

#[test]
fn every_kind_of_answer_gets_its_verdict() {
    let srv = Server::start();
    let u = |p: &str| srv.url(p);
    let urls: Vec<String> = [
        "/ok/1",
        "/nf/1",
        "/gone/1",
        "/err/1",
        "/flaky/1",
        "/forbidden/1",
        "/nohead/1",
        "/moved/3",
        "/temp",
        "/mixed",
        "/moved-bad",
        "/loop/a",
        "/chain/0",
        "/ok/2#costs",
        "/ok/2#no-such-id",
        "/ok/2#legacy",
        "/ok/2#top",
        "/nohead/2#s1",
        "/pdf#page=2",
        "/to-private",
        "/gh#install",
        "/gh#L10-L20",
        "/gh#/route",
        "/text#anything",
    ]
    .iter()
    .map(|p| u(p))
    .collect();
    let report = check(&urls, &settings());
    let v = |p: &str| verdict(&report, &u(p));
    assert_eq!(v("/ok/1"), Verdict::Ok);
    assert!(broken(&v("/nf/1"), "404 Not Found"), "{:?}", v("/nf/1"));
    assert!(broken(&v("/gone/1"), "410 Gone"));
    assert!(broken(&v("/err/1"), "500"));
    assert_eq!(
        v("/flaky/1"),
        Verdict::Ok,
        "a 503 that passes on retry is fine"
    );
    assert!(unverifiable(&v("/forbidden/1"), "403"));
    assert_eq!(v("/nohead/1"), Verdict::Ok);
    assert_eq!(v("/moved/3"), Verdict::Redirected { to: u("/ok/final") });
    assert_eq!(
        v("/temp"),
        Verdict::Ok,
        "temporary redirects are not reported"
    );
    assert_eq!(
        v("/mixed"),
        Verdict::Ok,
        "a chain with a temporary hop is not"
    );
    assert!(broken(&v("/moved-bad"), "404 Not Found after 1 redirect"));
    assert!(broken(&v("/loop/a"), "redirect loop"));
    assert!(broken(&v("/chain/0"), "more than 10 redirects"));
    assert_eq!(v("/ok/2#costs"), Verdict::Ok);
    assert!(broken(
        &v("/ok/2#no-such-id"),
        "no element with id `no-such-id`"
    ));
    assert_eq!(v("/ok/2#legacy"), Verdict::Ok, "<a name> counts");
    assert_eq!(v("/ok/2#top"), Verdict::Ok);
    assert_eq!(v("/nohead/2#s1"), Verdict::Ok);
    assert_eq!(
        v("/pdf#page=2"),
        Verdict::Ok,
        "fragments of non-HTML are not checked"
    );
    assert!(
        unverifiable(&v("/to-private"), "private"),
        "{:?}",
        v("/to-private")
    );

    // Requests: HEAD first, GET after a 405 or when ids are needed; retries as documented.
    let methods =
        |p: &str| -> Vec<String> { srv.requests(p).into_iter().map(|s| s.method).collect() };
    assert_eq!(methods("/ok/1"), ["HEAD"]);
    assert_eq!(methods("/nohead/1"), ["HEAD", "GET"]);
    assert_eq!(methods("/ok/2"), ["GET"], "one GET for four fragments");
    assert_eq!(methods("/err/1").len(), 3, "a 5xx is tried three times");
    assert_eq!(methods("/flaky/1").len(), 2);
    assert_eq!(methods("/nf/1"), ["HEAD"], "a 404 is not retried");
    assert_eq!(methods("/forbidden/1"), ["HEAD", "GET"]);
    assert_eq!(srv.requests("/chain/10").len(), 1);
    assert!(srv.requests("/chain/11").is_empty(), "no 12th hop");
}

#[test]
fn each_url_is_checked_once_however_often_it_is_linked() {
    let srv = Server::start();
    let mut urls = Vec::new();
    for _ in 0..20 {
        urls.push(srv.url("/ok/dup"));
        urls.push(srv.url("/ok/dup#intro"));
        urls.push(srv.url("/hang/dup"));
    }
    // Answers 300 ms later, while the hanging request waits.
    urls.push(srv.url("/slow"));
    let start = Instant::now();
    let report = check(&urls, &settings());
    let took = start.elapsed();
    assert_eq!(srv.requests("/ok/dup").len(), 1);
    // A timeout is one verdict for every occurrence. The host answered the other URL
    // meanwhile, so the silence is this URL's: one try in all, not forty.
    assert_eq!(srv.requests("/hang/dup").len(), 1);
    assert!(unverifiable(
        &verdict(&report, &srv.url("/hang/dup")),
        "no answer within 1.5 s"
    ));
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn a_timeout_is_retried_once_when_the_host_said_nothing_else() {
    let srv = Server::start();
    let url = srv.url("/hang/alone");
    let report = check(&[url.clone(), url.clone()], &settings());
    assert_eq!(srv.requests("/hang/alone").len(), 2);
    assert!(unverifiable(&verdict(&report, &url), "(tried twice)"));
}

#[test]
fn retry_after_is_honoured() {
    let srv = Server::start();
    let report = check(&[srv.url("/ratelimit/1")], &settings());
    assert_eq!(verdict(&report, &srv.url("/ratelimit/1")), Verdict::Ok);
    let seen = srv.requests("/ratelimit/1");
    assert_eq!(seen.len(), 2);
    let waited = seen[1].at - seen[0].at;
    assert!(
        waited >= Duration::from_millis(950),
        "asked again after {waited:?}"
    );
}

#[test]
fn a_body_is_read_only_up_to_the_cap() {
    let srv = Server::start();
    let mut s = settings();
    s.body_cap = 1 << 20;
    let urls = [srv.url("/huge#start"), srv.url("/huge#late")];
    let report = check(&urls, &s);
    assert_eq!(verdict(&report, &urls[0]), Verdict::Ok);
    assert!(unverifiable(
        &verdict(&report, &urls[1]),
        "part of the page"
    ));
}

#[test]
fn loopback_and_private_addresses_are_refused_by_default() {
    let srv = Server::start();
    let mut s = settings();
    s.policy.allow_loopback = false;
    let urls = [
        srv.url("/ok/1"),
        "http://localhost:9/x".to_string(),
        "http://10.0.0.1/".to_string(),
    ];
    let report = check(&urls, &s);
    for url in &urls {
        assert!(
            unverifiable(&verdict(&report, url), "private or loopback"),
            "{url}"
        );
    }
    assert_eq!(srv.total(), 0, "no request was sent");
}

#[test]
fn headers_go_to_their_exact_host_only() {
    let srv = Server::start();
    let mut s = settings();
    let mut table = std::collections::BTreeMap::new();
    table.insert(
        "127.0.0.1".to_string(),
        std::collections::BTreeMap::from([(
            "Authorization".to_string(),
            "Bearer secret".to_string(),
        )]),
    );
    s.headers = handbook_lint::links::header_maps(&table).unwrap();
    let report = check(&[srv.url("/to-other-host")], &s);
    assert!(matches!(
        verdict(&report, &srv.url("/to-other-host")),
        Verdict::Redirected { .. }
    ));
    let first = &srv.requests("/to-other-host")[0];
    assert_eq!(
        first.headers.get("authorization").map(String::as_str),
        Some("Bearer secret")
    );
    let after = &srv.requests("/ok/other")[0];
    assert!(after.headers.get("host").unwrap().starts_with("localhost:"));
    assert_eq!(
        after.headers.get("authorization"),
        None,
        "credentials followed a redirect"
    );
}

#[test]
fn headers_do_not_follow_a_redirect_to_another_port() {
    let srv = Server::start();
    let other = Server::start();
    let mut s = settings();
    let table = std::collections::BTreeMap::from([(
        "127.0.0.1".to_string(),
        std::collections::BTreeMap::from([(
            "Authorization".to_string(),
            "Bearer secret".to_string(),
        )]),
    )]);
    s.headers = handbook_lint::links::header_maps(&table).unwrap();
    let url = srv.url(&format!("/to-port/{}", other.addr.port()));
    let report = check(std::slice::from_ref(&url), &s);
    assert_eq!(verdict(&report, &url), Verdict::Ok);
    let first = &srv.requests(&format!("/to-port/{}", other.addr.port()))[0];
    assert!(first.headers.contains_key("authorization"));
    let after = &other.requests("/ok/port")[0];
    assert_eq!(
        after.headers.get("authorization"),
        None,
        "credentials followed a redirect to another port"
    );
}

#[test]
fn a_variable_anywhere_in_a_header_value_is_expanded() {
    let table = |v: &str| {
        std::collections::BTreeMap::from([(
            "example.org".to_string(),
            std::collections::BTreeMap::from([("Authorization".to_string(), v.to_string())]),
        )])
    };
    // PATH is set wherever the tests run.
    let path = std::env::var("PATH").unwrap();
    let maps = handbook_lint::links::header_maps(&table("Bearer ${PATH}!")).unwrap();
    assert_eq!(
        maps["example.org"]["authorization"].to_str().unwrap(),
        format!("Bearer {path}!")
    );
    let e = handbook_lint::links::header_maps(&table("Bearer ${HANDBOOK_LINT_SURELY_UNSET_VAR}"))
        .unwrap_err();
    assert!(e.contains("HANDBOOK_LINT_SURELY_UNSET_VAR"), "{e}");
    assert!(e.contains("not set"), "{e}");
}

#[test]
fn a_compressed_page_nobody_asked_for_is_decoded_for_its_ids() {
    let srv = Server::start();
    let urls = [srv.url("/gzip#zipped"), srv.url("/gzip#absent")];
    let report = check(&urls, &settings());
    assert_eq!(verdict(&report, &urls[0]), Verdict::Ok);
    assert!(
        broken(&verdict(&report, &urls[1]), "absent"),
        "{:?}",
        verdict(&report, &urls[1])
    );
}

#[test]
fn the_cache_answers_the_second_run_and_never_keeps_unverifiable() {
    let srv = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut s = settings();
    s.cache = Some((dir.path().join("links.json"), Duration::from_secs(3600)));
    let urls = [
        srv.url("/ok/c"),
        srv.url("/ok/c#costs"),
        srv.url("/nf/c"),
        srv.url("/moved/1"),
        srv.url("/forbidden/c"),
    ];
    let first = check(&urls, &s);
    let before = srv.total();
    let second = check(&urls, &s);
    assert_eq!(
        second.cached, 3,
        "ok, 404 and the redirect come from the cache"
    );
    assert_eq!(second.checked, 1, "the 403 is asked again");
    assert_eq!(srv.total() - before, 2, "HEAD and GET for the 403 only");
    for url in &urls {
        assert_eq!(first.results.get(url), second.results.get(url), "{url}");
    }
    // --no-cache: everything is asked again.
    s.cache = None;
    let before = srv.total();
    check(&urls, &s);
    assert!(srv.total() - before >= 5);
}

#[test]
fn when_nothing_answers_the_network_is_reported_once() {
    // A port nobody listens on: connections are refused, no HTTP answer ever arrives.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let urls: Vec<String> = (0..5)
        .map(|i| format!("http://127.0.0.1:{port}/{i}"))
        .collect();
    let report = check(&urls, &settings());
    assert!(report
        .network_down
        .as_deref()
        .unwrap()
        .contains("5 external addresses"));
    assert!(report.results.is_empty());
}

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handbook-lint"));
    cmd.env_remove("HANDBOOK_LINT_OFFLINE").env("NO_COLOR", "1");
    cmd
}

/// A one-page site that links the server.
fn site(srv: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "title: t\n").unwrap();
    let page = format!(
        "---\ntitle: Links\n---\n\n# Links\n\n\
         - [ok]({ok})\n- [gone]({nf})\n- [moved]({moved}#intro)\n- <{forbidden}>\n- again {nf}\n",
        ok = srv.url("/ok/p"),
        nf = srv.url("/nf/p"),
        moved = srv.url("/moved/2"),
        forbidden = srv.url("/forbidden/p"),
    );
    std::fs::write(dir.path().join("index.md"), page).unwrap();
    dir
}

#[test]
fn the_cli_reports_and_fixes_external_links() {
    let srv = Server::start();
    let dir = site(&srv);
    let run = |extra: &[&str]| {
        let o = bin()
            .current_dir(dir.path())
            .args([
                "--format",
                "concise",
                "--allow-loopback",
                "--no-cache",
                "--timeout",
                "2",
            ])
            .args(extra)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (code, out, err) = run(&[]);
    assert_eq!(code, Some(1), "{out}{err}");
    let port = srv.addr.port();
    let expected = format!(
        "index.md:8:10: HB105 [broken-external-link] `http://127.0.0.1:{port}/nf/p` is broken: 404 Not Found\n\
         index.md:9:11: HB106 [redirected-link] `http://127.0.0.1:{port}/moved/2#intro` redirects permanently to `http://127.0.0.1:{port}/ok/final#intro`\n\
         index.md:10:3: HB108 [unverifiable-link] `http://127.0.0.1:{port}/forbidden/p` could not be verified: 403 Forbidden (the site may refuse automated requests)\n\
         index.md:11:9: HB105 [broken-external-link] `http://127.0.0.1:{port}/nf/p` is broken: 404 Not Found\n"
    );
    assert_eq!(out, expected);
    assert_eq!(srv.requests("/nf/p").len(), 1, "checked once for two links");

    // --offline: not a single request.
    let before = srv.total();
    let (code, out, _) = run(&["--offline"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    assert_eq!(srv.total(), before);

    // The configuration says offline; --online overrides it.
    std::fs::write(
        dir.path().join("handbook-lint.toml"),
        "[links]\noffline = true\n",
    )
    .unwrap();
    let (code, _, _) = run(&[]);
    assert_eq!((code, srv.total()), (Some(0), before));
    let (code, out, _) = run(&["--online"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("HB105"), "{out}");
    std::fs::remove_file(dir.path().join("handbook-lint.toml")).unwrap();

    // The redirect fix is unsafe: --fix alone leaves it; --unsafe-fixes rewrites it.
    let (_, _, _) = run(&["--fix"]);
    assert!(std::fs::read_to_string(dir.path().join("index.md"))
        .unwrap()
        .contains("/moved/2#intro"));
    let (code, out, err) = run(&["--fix", "--unsafe-fixes"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let text = std::fs::read_to_string(dir.path().join("index.md")).unwrap();
    assert!(
        text.contains(&format!("[moved](http://127.0.0.1:{port}/ok/final#intro)")),
        "{text}"
    );
    assert!(!out.contains("HB106"), "{out}");
    assert!(
        out.contains("index.md:11:9: HB105"),
        "later findings keep their place: {out}"
    );
    let (_, _, _) = run(&["--fix", "--unsafe-fixes"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.md")).unwrap(),
        text
    );
}

#[test]
fn the_per_host_limit_holds() {
    let srv = Server::start();
    let urls: Vec<String> = (0..8).map(|i| srv.url(&format!("/slow/{i}"))).collect();
    let mut s = settings();
    s.host_concurrency = 2;
    let start = Instant::now();
    check(&urls, &s);
    let narrow = start.elapsed();
    // Eight answers of 300 ms, two at a time: four rounds.
    assert!(narrow >= Duration::from_millis(1150), "{narrow:?}");
    s.host_concurrency = 8;
    let start = Instant::now();
    let report = check(&urls, &s);
    let wide = start.elapsed();
    assert!(wide < Duration::from_millis(900), "{wide:?}");
    assert_eq!(report.results.len(), 8);
}
