//! Who the client is, behind reverse proxies the operator trusts.
//!
//! A proxy in front (Caddy, nginx, a load balancer) makes every request come from its own
//! address. It names the client in `X-Forwarded-For` (or `Forwarded`), but anyone can send that
//! header, so it is believed only from peers the operator lists with `--trusted-proxy CIDR`.
//! The chain is read from the right (the nearest hop) and the first address that is not a
//! trusted proxy is the client; the rate limit on failed tokens keys on it.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

/// The address a request is attributed to (put into the request's extensions by the request
/// middleware, read by the token brake and the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// Which header the trusted proxies set. Only that one is read: a client could send the other
/// one through a proxy that does not overwrite it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ProxyHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (Caddy, nginx's `$proxy_add_x_forwarded_for`).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client;proto=https, for=proxy1`.
    Forwarded,
}

#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Vec<IpNet>,
    header: ProxyHeader,
}

/// A CIDR (`10.0.0.0/8`, `fd00::/8`) or a single address (`127.0.0.1`).
pub fn parse_cidr(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an address or CIDR range (e.g. 10.0.0.0/8, 127.0.0.1, fd00::/8)"))
}

impl TrustedProxies {
    pub fn new(nets: Vec<IpNet>, header: ProxyHeader) -> TrustedProxies {
        TrustedProxies { nets, header }
    }

    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.nets.iter().any(|n| n.contains(&ip))
    }

    /// The client a request from `peer` with `headers` is from.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<Option<IpAddr>> = match self.header {
            ProxyHeader::XForwardedFor => headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(parse_hop)
                .collect(),
            ProxyHeader::Forwarded => headers
                .get_all("forwarded")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(|element| {
                    element
                        .split(';')
                        .filter_map(|pair| pair.split_once('='))
                        .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                        .and_then(|(_, v)| parse_hop(v))
                })
                .collect(),
        };
        let mut client = peer;
        for hop in chain.iter().rev() {
            match hop {
                // What a trusted hop could not name (garbage, `unknown`, an obfuscated name):
                // the last address known for certain stands.
                None => return client,
                Some(ip) => {
                    client = ip.to_canonical();
                    if !self.trusts(client) {
                        return client;
                    }
                }
            }
        }
        client
    }
}

/// One hop: an address, possibly quoted, with a port, or IPv6 in brackets.
fn parse_hop(text: &str) -> Option<IpAddr> {
    let t = text.trim().trim_matches('"');
    if let Ok(ip) = t.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(sa) = t.parse::<SocketAddr>() {
        return Some(sa.ip());
    }
    t.strip_prefix('[').and_then(|r| r.split_once(']')).and_then(|(ip, _)| ip.parse().ok())
}

/// The client as the request middleware resolved it (behind trusted proxies, the address they
/// name), else the peer.
pub fn client_ip(parts: &Parts) -> IpAddr {
    if let Some(ClientIp(ip)) = parts.extensions.get() {
        return *ip;
    }
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(name, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidrs_and_single_addresses() {
        assert_eq!(parse_cidr("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse_cidr("127.0.0.1").unwrap().to_string(), "127.0.0.1/32");
        assert_eq!(parse_cidr("fd00::/8").unwrap().to_string(), "fd00::/8");
        assert!(parse_cidr("10.0.0.0/33").unwrap_err().contains("not an address or CIDR"));
        assert!(parse_cidr("proxy.local").is_err());
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let none = TrustedProxies::default();
        let spoofed = headers("x-forwarded-for", &["203.0.113.9"]);
        assert_eq!(none.client(ip("198.51.100.1"), &spoofed), ip("198.51.100.1"));
        let some = TrustedProxies::new(vec![parse_cidr("10.0.0.0/8").unwrap()], ProxyHeader::XForwardedFor);
        assert_eq!(some.client(ip("198.51.100.1"), &spoofed), ip("198.51.100.1"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let p = TrustedProxies::new(vec![parse_cidr("10.0.0.0/8").unwrap(), parse_cidr("127.0.0.1").unwrap()], ProxyHeader::XForwardedFor);
        // The client put a fake address first; the proxies appended the real one.
        let h = headers("x-forwarded-for", &["1.1.1.1, 203.0.113.9", "10.1.2.3"]);
        assert_eq!(p.client(ip("127.0.0.1"), &h), ip("203.0.113.9"));
        // IPv4-mapped peers count as their IPv4 address; ports and brackets are stripped.
        assert_eq!(p.client(ip("::ffff:127.0.0.1"), &headers("x-forwarded-for", &["203.0.113.9:4711"])), ip("203.0.113.9"));
        assert_eq!(p.client(ip("127.0.0.1"), &headers("x-forwarded-for", &["[2001:db8::1]:443"])), ip("2001:db8::1"));
        // Garbage from the nearest hop: the peer stands; all hops trusted: the leftmost.
        assert_eq!(p.client(ip("127.0.0.1"), &headers("x-forwarded-for", &["203.0.113.9, nonsense"])), ip("127.0.0.1"));
        assert_eq!(p.client(ip("127.0.0.1"), &headers("x-forwarded-for", &["10.0.0.7, 10.0.0.8"])), ip("10.0.0.7"));
        // No header: the peer.
        assert_eq!(p.client(ip("127.0.0.1"), &HeaderMap::new()), ip("127.0.0.1"));
        // Only the configured header is read.
        assert_eq!(p.client(ip("127.0.0.1"), &headers("forwarded", &["for=203.0.113.9"])), ip("127.0.0.1"));
    }

    #[test]
    fn forwarded_header() {
        let p = TrustedProxies::new(vec![parse_cidr("127.0.0.0/8").unwrap()], ProxyHeader::Forwarded);
        let h = headers("forwarded", &["for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\""]);
        assert_eq!(p.client(ip("127.0.0.1"), &h), ip("2001:db8:cafe::17"));
        assert_eq!(p.client(ip("127.0.0.1"), &headers("forwarded", &["for=unknown"])), ip("127.0.0.1"));
        assert_eq!(p.client(ip("127.0.0.1"), &headers("x-forwarded-for", &["203.0.113.9"])), ip("127.0.0.1"));
    }
}
