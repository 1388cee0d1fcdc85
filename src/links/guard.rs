//! Where the checker may connect: public addresses only, unless told otherwise.
//!
//! Every host name is resolved by [`GuardedResolver`], which drops private, loopback,
//! link-local and other special addresses before reqwest connects, so a public name that
//! resolves to `127.0.0.1` (or a redirect to one) is refused as well. IP literals never reach
//! a resolver: [`check_host`] refuses them before each request, redirect hops included.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Which special addresses may be contacted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// `127.0.0.0/8` and `::1` (for tests and local servers).
    pub allow_loopback: bool,
}

impl AddressPolicy {
    pub fn allows(self, ip: IpAddr) -> bool {
        if ip.is_loopback() {
            return self.allow_loopback;
        }
        !is_special(ip)
    }
}

/// Private, link-local, unspecified, broadcast, multicast, shared (CGNAT), documentation and
/// other reserved ranges: nothing a public web page lives on.
fn is_special(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10
                || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24
                || (o[0] == 198 && (o[1] & 0xfe) == 18) // 198.18.0.0/15
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_special(IpAddr::V4(v4));
            }
            let s = v6.segments();
            // IPv4-compatible (::a.b.c.d) and 6to4 (2002:a.b.c.d::) carry an IPv4 address.
            if s[..6] == [0; 6] && (s[6] != 0 || s[7] > 1) {
                let [a, b] = s[6].to_be_bytes();
                let [c, d] = s[7].to_be_bytes();
                return is_special(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d)));
            }
            if s[0] == 0x2002 {
                let [a, b] = s[1].to_be_bytes();
                let [c, d] = s[2].to_be_bytes();
                if is_special(IpAddr::V4(std::net::Ipv4Addr::new(a, b, c, d))) {
                    return true;
                }
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64, 64:ff9b::/96 and 64:ff9b:1::/48
                || (s[0] & 0xffc0) == 0xfec0 // site-local fec0::/10
        }
    }
}

/// Why a host cannot be contacted before any request is made.
#[derive(Debug)]
pub enum Refusal {
    /// The address (or every address the name resolves to) is private or special.
    Private(String),
}

/// Refuse an IP-literal host the policy does not allow. Names are checked by the resolver.
pub fn check_host(url: &reqwest::Url, policy: AddressPolicy) -> Result<(), Refusal> {
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        _ => {
            let host = url.host_str().unwrap_or("");
            if host.eq_ignore_ascii_case("localhost") || host.ends_with(".localhost") {
                if policy.allow_loopback {
                    return Ok(());
                }
                return Err(Refusal::Private(host.to_string()));
            }
            return Ok(());
        }
    };
    if policy.allows(ip) {
        Ok(())
    } else {
        Err(Refusal::Private(ip.to_string()))
    }
}

/// A failed name lookup, classified.
#[derive(Debug)]
pub enum LookupError {
    /// The name does not exist (NXDOMAIN): the link is broken.
    NoSuchHost(String),
    /// The name resolves only to addresses the policy refuses.
    Private(String),
    /// The resolver could not answer (no network, DNS server down).
    Unavailable(String),
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::NoSuchHost(h) => write!(f, "host `{h}` does not exist"),
            LookupError::Private(h) => write!(f, "host `{h}` resolves to a private address"),
            LookupError::Unavailable(h) => write!(f, "cannot resolve `{h}`"),
        }
    }
}

impl std::error::Error for LookupError {}

/// The system resolver, with the address policy applied to its answers.
pub struct GuardedResolver {
    pub policy: AddressPolicy,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let lookup = tokio::net::lookup_host(format!("{host}:0")).await;
            let addrs: Vec<SocketAddr> = match lookup {
                Ok(found) => found.collect(),
                Err(e) => {
                    let text = e.to_string();
                    // glibc's getaddrinfo: EAI_NONAME / EAI_NODATA mean the name has no address.
                    // glibc, macOS, musl and Windows say it in these words.
                    let missing = text.contains("Name or service not known")
                        || text.contains("No address associated")
                        || text.contains("nodename nor servname")
                        || text.contains("Name does not resolve")
                        || text.contains("No such host is known");
                    let err = if missing {
                        LookupError::NoSuchHost(host)
                    } else {
                        LookupError::Unavailable(host)
                    };
                    return Err(Box::new(err) as Box<dyn std::error::Error + Send + Sync>);
                }
            };
            let allowed: Vec<SocketAddr> = addrs
                .into_iter()
                .filter(|a| policy.allows(a.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(Box::new(LookupError::Private(host)) as Box<_>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

/// The resolver as reqwest takes it.
pub fn resolver(policy: AddressPolicy) -> Arc<GuardedResolver> {
    Arc::new(GuardedResolver { policy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_ranges_are_refused_and_public_ones_allowed() {
        let p = AddressPolicy::default();
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "::10.0.0.1",
            "2002:7f00:1::",
            "2002:c0a8:101::",
            "64:ff9b:1::1",
            "fec0::1",
        ] {
            assert!(!p.allows(ip.parse().unwrap()), "{ip} allowed");
        }
        for ip in [
            "93.184.216.34",
            "1.1.1.1",
            "2606:4700::1111",
            "2002:5db8:d822::",
        ] {
            assert!(p.allows(ip.parse().unwrap()), "{ip} refused");
        }
        let lo = AddressPolicy {
            allow_loopback: true,
        };
        assert!(lo.allows("127.0.0.1".parse().unwrap()));
        assert!(!lo.allows("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn ip_literals_and_localhost_are_checked_before_any_request() {
        let p = AddressPolicy::default();
        for url in [
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://localhost/x",
            "http://169.254.169.254/latest/meta-data/",
        ] {
            assert!(check_host(&url.parse().unwrap(), p).is_err(), "{url}");
        }
        assert!(check_host(&"https://example.org/".parse().unwrap(), p).is_ok());
    }
}
