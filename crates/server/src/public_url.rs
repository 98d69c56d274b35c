//! `--public-url`: where readers reach the server (`https://blomlada.example.se`), for the
//! addresses that must be absolute: the public pages' canonical, hreflang and og:url links
//! (search engines ignore relative ones) and the embed snippet a kommun copies onto its own
//! site. Parsed with the `url` crate; when not given, `http://` and the listening address.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};

/// An `http(s)` origin with an optional path prefix, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// An operator's `--public-url`: http or https, a host, no credentials, query or fragment.
    pub fn parse(text: &str) -> Result<PublicUrl, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| format!("--public-url {text:?} is not a URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("--public-url {text:?} must start with http:// or https://"));
        }
        if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
            return Err(format!("--public-url {text:?} must name a host and no user"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("--public-url {text:?} must have no query (?) or fragment (#)"));
        }
        Ok(PublicUrl(url.as_str().trim_end_matches('/').to_string()))
    }

    /// The default: the address the server listens on.
    pub fn from_addr(addr: SocketAddr) -> PublicUrl {
        PublicUrl(format!("http://{addr}"))
    }

    /// The absolute address of a served path (`/resultat/1880`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The public URL, set once: from `--public-url` at start, else from the address the listener
/// got (port 0 is known only then). Shared by the pages and the snapshot hook.
#[derive(Debug, Clone, Default)]
pub struct SharedPublicUrl(Arc<OnceLock<PublicUrl>>);

impl SharedPublicUrl {
    pub fn given(url: Option<PublicUrl>) -> SharedPublicUrl {
        let shared = SharedPublicUrl::default();
        if let Some(url) = url {
            let _ = shared.0.set(url);
        }
        shared
    }

    /// Sets it from the listening address unless it was given.
    pub fn default_to(&self, addr: SocketAddr) {
        let _ = self.0.get_or_init(|| PublicUrl::from_addr(addr));
    }

    /// The URL; before the server listens (never when serving), the default address.
    pub fn get(&self) -> PublicUrl {
        self.0.get().cloned().unwrap_or_else(|| PublicUrl("http://127.0.0.1:8080".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_origins_and_prefixes_without_trailing_slash() {
        assert_eq!(PublicUrl::parse("https://blomlada.example.se").unwrap().join("/resultat"), "https://blomlada.example.se/resultat");
        assert_eq!(PublicUrl::parse("https://example.se/blomlada/").unwrap().join("/resultat"), "https://example.se/blomlada/resultat");
        assert_eq!(PublicUrl::parse("http://[::1]:8080").unwrap().as_str(), "http://[::1]:8080");
        assert_eq!(PublicUrl::from_addr("127.0.0.1:8080".parse().unwrap()).join("/"), "http://127.0.0.1:8080/");
    }

    #[test]
    fn refuses_what_is_not_a_public_origin() {
        assert!(PublicUrl::parse("blomlada.example.se").unwrap_err().contains("not a URL"));
        assert!(PublicUrl::parse("ftp://example.se").unwrap_err().contains("http://"));
        assert!(PublicUrl::parse("https://user:pw@example.se").unwrap_err().contains("no user"));
        assert!(PublicUrl::parse("https://example.se/?a=1").unwrap_err().contains("no query"));
        assert!(PublicUrl::parse("https://example.se/#x").unwrap_err().contains("no query"));
    }

    #[test]
    fn given_wins_over_the_listening_address() {
        let given = SharedPublicUrl::given(Some(PublicUrl::parse("https://example.se").unwrap()));
        given.default_to("127.0.0.1:1234".parse().unwrap());
        assert_eq!(given.get().as_str(), "https://example.se");
        let derived = SharedPublicUrl::given(None);
        derived.default_to("127.0.0.1:1234".parse().unwrap());
        assert_eq!(derived.get().as_str(), "http://127.0.0.1:1234");
    }
}
