//! The ids of an HTML page, for `#fragment` checks.

use std::sync::OnceLock;

use regex::Regex;

/// Read up to `cap` bytes of `response` and collect its `id` and `name` attributes.
/// Returns (ids, not HTML, cut at the cap).
pub async fn read_ids(
    mut response: reqwest::Response,
    cap: usize,
) -> (Option<Vec<String>>, bool, bool) {
    let html = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().contains("html"));
    if !html {
        return (None, true, false);
    }
    // The checker asks for no encoding, yet some servers compress anyway.
    let gzip = response
        .headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|e| {
            let e = e.trim().to_ascii_lowercase();
            e == "gzip" || e == "x-gzip"
        });
    let mut body = Vec::new();
    let mut truncated = false;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    truncated = true;
                    break;
                }
            }
            Ok(None) => break,
            // A body cut short: judge what arrived.
            Err(_) => {
                truncated = true;
                break;
            }
        }
    }
    if gzip {
        let (plain, cut) = gunzip(&body, cap);
        body = plain;
        truncated |= cut;
    }
    (Some(ids(&String::from_utf8_lossy(&body))), false, truncated)
}

/// Up to `cap` bytes of the gzip stream `compressed`, and whether they are not all of it (cut
/// at the cap, or the stream ends early or is damaged: what came out is judged).
fn gunzip(compressed: &[u8], cap: usize) -> (Vec<u8>, bool) {
    use std::io::Read;
    let mut plain = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(compressed).take(cap as u64 + 1);
    let complete = decoder.read_to_end(&mut plain).is_ok();
    let cut = plain.len() > cap;
    plain.truncate(cap);
    (plain, cut || !complete)
}

/// Every `id="…"` and `name="…"` attribute value of `html`, entities left as written.
pub fn ids(html: &str) -> Vec<String> {
    static ATTR: OnceLock<Regex> = OnceLock::new();
    let re = ATTR.get_or_init(|| {
        Regex::new(r#"(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#)
            .expect("valid pattern")
    });
    let mut out: Vec<String> = re
        .captures_iter(html)
        .filter_map(|c| c.get(1).or(c.get(2)).or(c.get(3)))
        .map(|m| m.as_str().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_and_names_in_every_quoting() {
        let found = super::ids(
            "<h2 id=\"s1\">x</h2><a name='legacy-1'></a><div ID=plain class=\"id=no\"><p data-id=\"no\">",
        );
        assert_eq!(found, ["legacy-1", "plain", "s1"]);
    }
}
