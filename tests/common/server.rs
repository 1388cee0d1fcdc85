//! A real HTTP/1.1 server on 127.0.0.1 for the link checker's tests: every behaviour a
//! checker meets on the web, chosen by path. It records every request it receives.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// Header names lowercase.
    pub headers: HashMap<String, String>,
    pub at: std::time::Instant,
}

pub struct Server {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<Seen>>>,
    _thread: std::thread::JoinHandle<()>,
}

impl Server {
    /// Start a server on a free port of 127.0.0.1 (on its own thread and runtime).
    pub fn start() -> Server {
        let (tx, rx) = std::sync::mpsc::channel();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let log2 = log.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let state: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    tokio::spawn(serve(stream, log2.clone(), state.clone()));
                }
            });
        });
        let addr = rx.recv().unwrap();
        Server {
            addr,
            log,
            _thread: thread,
        }
    }

    /// `http://127.0.0.1:PORT/path`
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Requests for `path` (query excluded), in order.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }

    pub fn total(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

fn page(ids: &[&str]) -> String {
    let mut body = String::from("<!doctype html><html><head><title>t</title></head><body>\n");
    for id in ids {
        body += &format!("<h2 id=\"{id}\">{id}</h2>\n");
    }
    body += "<a name=\"legacy\"></a></body></html>\n";
    body
}

async fn serve(
    mut stream: TcpStream,
    log: Arc<Mutex<Vec<Seen>>>,
    state: Arc<Mutex<HashMap<String, usize>>>,
) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = stream.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let host = headers.get("host").cloned().unwrap_or_default();
    log.lock().unwrap().push(Seen {
        method: method.clone(),
        path: path.clone(),
        headers,
        at: std::time::Instant::now(),
    });
    let count = {
        let mut s = state.lock().unwrap();
        let c = s.entry(path.clone()).or_insert(0);
        *c += 1;
        *c
    };
    let html = "text/html; charset=utf-8";
    if path == "/gzip" {
        // A compressed page the client did not ask for (no `Accept-Encoding`).
        use std::io::Write as _;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(page(&["zipped"]).as_bytes()).unwrap();
        let body = gz.finish().unwrap();
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nContent-Type: {html}\r\nContent-Encoding: gzip\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes()).await;
        if method != "HEAD" {
            let _ = stream.write_all(&body).await;
        }
        let _ = stream.shutdown().await;
        return;
    }
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let (status, headers, body): (u16, Vec<(String, String)>, String) = match parts.as_slice() {
        ["ok", ..] => (200, vec![ct(html)], page(&["intro", "costs", "s1"])),
        ["nf", ..] => (404, vec![ct(html)], "not found".into()),
        ["gone", ..] => (410, vec![ct(html)], "gone".into()),
        ["err", ..] => (500, vec![ct(html)], "error".into()),
        ["flaky", ..] if count == 1 => (503, vec![ct(html)], "busy".into()),
        ["flaky", ..] => (200, vec![ct(html)], page(&[])),
        ["forbidden", ..] => (403, vec![ct(html)], "no bots".into()),
        ["nohead", ..] if method == "HEAD" => {
            (405, vec![("Allow".into(), "GET".into())], String::new())
        }
        ["nohead", ..] => (200, vec![ct(html)], page(&["s1"])),
        ["ratelimit", ..] if count == 1 => {
            (429, vec![("Retry-After".into(), "1".into())], String::new())
        }
        ["ratelimit", ..] => (200, vec![ct(html)], page(&[])),
        // /moved/N: N permanent redirects, then the page.
        ["moved", n] => {
            let n: usize = n.parse().unwrap_or(0);
            let to = if n <= 1 {
                "/ok/final".to_string()
            } else {
                format!("/moved/{}", n - 1)
            };
            (301, vec![loc(&to)], String::new())
        }
        ["temp"] => (302, vec![loc("/ok/temp-target")], String::new()),
        ["mixed"] => (301, vec![loc("/temp")], String::new()),
        ["moved-bad"] => (308, vec![loc("/nf/after-move")], String::new()),
        ["loop", "a"] => (301, vec![loc("/loop/b")], String::new()),
        ["loop", "b"] => (301, vec![loc("/loop/a")], String::new()),
        ["chain", n] => {
            let n: usize = n.parse().unwrap_or(0);
            (302, vec![loc(&format!("/chain/{}", n + 1))], String::new())
        }
        ["to-private"] => (302, vec![loc("http://10.255.0.1/secret")], String::new()),
        // Same server under another host name: credentials must not follow.
        ["to-other-host"] => {
            let port = host.rsplit(':').next().unwrap_or("80");
            (
                301,
                vec![loc(&format!("http://localhost:{port}/ok/other"))],
                String::new(),
            )
        }
        // Same host, another port (another origin): credentials must not follow.
        ["to-port", port] => (
            302,
            vec![loc(&format!("http://127.0.0.1:{port}/ok/port"))],
            String::new(),
        ),
        ["gh"] => (200, vec![ct(html)], page(&["user-content-install"])),
        ["text"] => (200, vec![ct("text/plain")], "id=\"x\"".into()),
        ["slow", ..] => {
            tokio::time::sleep(Duration::from_millis(300)).await;
            (200, vec![ct(html)], page(&[]))
        }
        ["hang", ..] => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            return;
        }
        ["huge"] => {
            // 6 MiB of text, then an id the checker must not need to reach.
            let mut body = String::from("<html><body><p id=\"start\">");
            body += &"x".repeat(6 << 20);
            body += "<h2 id=\"late\">late</h2></body></html>";
            (200, vec![ct(html)], body)
        }
        ["pdf"] => (200, vec![ct("application/pdf")], "%PDF-1.4".into()),
        _ => (404, vec![ct(html)], "no route".into()),
    };
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in headers {
        out += &format!("{k}: {v}\r\n");
    }
    out += "\r\n";
    let _ = stream.write_all(out.as_bytes()).await;
    if method != "HEAD" {
        let _ = stream.write_all(body.as_bytes()).await;
    }
    let _ = stream.shutdown().await;
}

fn ct(v: &str) -> (String, String) {
    ("Content-Type".into(), v.into())
}

fn loc(v: &str) -> (String, String) {
    ("Location".into(), v.into())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        308 => "Permanent Redirect",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Other",
    }
}
