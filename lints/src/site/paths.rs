//! Paths and URLs as strings: the folder of a path, `.` and `..` resolved, `%XX` decoded.

/// The folder of `path` (`a/b` for `a/b/c.md`, `""` at the top).
pub(crate) fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(p, _)| p)
}

/// Resolve `.` and `..`; no leading or trailing `/`.
pub(crate) fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Decode `%XX` escapes; text that does not decode to UTF-8 is kept as written.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if let Some(v) = hex
            .filter(|_| b[i] == b'%')
            .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The part of `link` after the site's own address (`site_url`, as `https://host`, then
/// `baseurl`): `/docs/x/` for `https://example.gov/handbook/docs/x/` when the site's `url`
/// is `https://example.gov` and its `baseurl` `/handbook`. `http` and `https`, and the case
/// of the scheme and host, do not matter. `None` for any other link, or when `site_url` is
/// empty. What follows is `""` or starts with `/`, `?` or `#`.
pub fn own_path<'a>(link: &'a str, site_url: &str, baseurl: &str) -> Option<&'a str> {
    fn host_part(url: &str) -> Option<&str> {
        // `http://` or `https://`, in any case: a scheme holds no `:`, so its end is the
        // first one.
        let colon = url.as_bytes().iter().take(6).position(|&b| b == b':')?;
        let (scheme, rest) = (&url[..colon], url[colon + 1..].strip_prefix("//")?);
        let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
        web.then_some(rest)
    }
    let own = host_part(site_url)?;
    let rest = host_part(link)?;
    let host_len = own.find('/').unwrap_or(own.len());
    if own.is_empty() || rest.len() < own.len() || !rest.is_char_boundary(host_len) {
        return None;
    }
    let (host, path) = rest.split_at(host_len);
    let (own_host, own_path) = own.split_at(host_len);
    if !host.eq_ignore_ascii_case(own_host) {
        return None;
    }
    let after = path
        .strip_prefix(own_path.trim_end_matches('/'))?
        .strip_prefix(baseurl)?;
    let ends = after.is_empty() || after.starts_with(['/', '?', '#']);
    ends.then_some(after)
}

/// Whether `address` starts with a URL scheme (`https:`, `mailto:`, `c+x.y-z:`).
pub(crate) fn has_scheme(address: &str) -> bool {
    memchr::memchr(b':', address.as_bytes()).is_some_and(|i| {
        i > 0
            && address[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_escapes() {
        assert_eq!(parent("a/b/c.md"), "a/b");
        assert_eq!(parent("c.md"), "");
        assert_eq!(normalize("/a/./b/../c/"), "a/c");
        assert_eq!(normalize("../../x"), "x");
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%C3%A9"), "%zzé");
        assert_eq!(percent_decode("%FF"), "%FF", "not UTF-8: kept as written");
    }

    #[test]
    fn own_paths() {
        let (site, base) = ("https://example.gov", "/handbook");
        let own = |l| own_path(l, site, base);
        assert_eq!(
            own("https://example.gov/handbook/docs/x/"),
            Some("/docs/x/")
        );
        assert_eq!(own("http://EXAMPLE.gov/handbook"), Some(""));
        assert_eq!(own("https://example.gov/handbook#top"), Some("#top"));
        assert_eq!(own("https://example.gov/handbookx/"), None);
        assert_eq!(own("https://example.gov/docs/"), None);
        assert_eq!(own("https://example.gov.evil.org/handbook/"), None);
        assert_eq!(own("https://other.org/handbook/"), None);
        assert_eq!(own("/handbook/docs/"), None);
        assert_eq!(own_path("https://e.org/docs/", "", ""), None);
        assert_eq!(
            own_path("https://e.org/docs/", "https://e.org/", ""),
            Some("/docs/")
        );
        assert_eq!(own_path("mailto:a@e.org", "https://e.org", ""), None);
    }
}
