//! Evidence links: the one rule for what a link may be, how it is written down and what of it
//! a reader is shown. Used when a link is typed, when a result file is imported or published,
//! and when a published link is shown (in the app and on the public pages).
//!
//! A link is parsed and written back by the WHATWG URL standard, as browsers do, so what is
//! stored is what a browser would follow: `<`, `>` and `"` come out percent-encoded, the host
//! lower-cased. Only `http` and `https` are links. A user name before the host
//! (`https://kommun.se@evil.example/`) is refused: it makes a link look like it goes to the
//! part before `@` while it goes to the part after.
//!
//! The parser is the `url` crate (feature `url`, on by default: the server, the command-line
//! tools and the host tests). The web app leaves the feature off and hands the rules the
//! browser's own parser of the same standard ([`use_link_parser`]): the crate and its Unicode
//! tables would add about 54 KB (brotli) to the app's first module.

use std::sync::OnceLock;

/// What the rules need of a parsed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLink {
    /// The link written back by the parser (WHATWG serialisation).
    pub href: String,
    /// Without the colon: `https`.
    pub scheme: String,
    /// A user name or a password before the host.
    pub has_user_info: bool,
    /// As the parser writes it (`[::1]` for an IPv6 address); empty when there is none.
    pub host: String,
}

/// A WHATWG URL parser: the link, or the parser's reason.
pub type LinkParser = fn(&str) -> Result<ParsedLink, String>;

static PARSER: OnceLock<LinkParser> = OnceLock::new();

/// Sets the parser every rule here uses, once, before the first link is read (the web app: the
/// browser's `URL`). Later calls are ignored, so the rules never change under a running program.
pub fn use_link_parser(parser: LinkParser) {
    let _ = PARSER.set(parser);
}

fn parse(text: &str) -> Result<ParsedLink, String> {
    match PARSER.get() {
        Some(parser) => parser(text),
        None => default_parser(text),
    }
}

/// The `url` crate's reading of `text`, in the form the rules read.
#[cfg(feature = "url")]
pub fn parse_with_url_crate(text: &str) -> Result<ParsedLink, String> {
    let url = url::Url::parse(text).map_err(|e| e.to_string())?;
    Ok(ParsedLink {
        scheme: url.scheme().to_string(),
        has_user_info: !url.username().is_empty() || url.password().is_some(),
        host: url.host_str().unwrap_or_default().to_string(),
        href: url.into(),
    })
}

#[cfg(feature = "url")]
fn default_parser(text: &str) -> Result<ParsedLink, String> {
    parse_with_url_crate(text)
}

#[cfg(not(feature = "url"))]
fn default_parser(_: &str) -> Result<ParsedLink, String> {
    Err("no URL parser: build with the `url` feature or call use_link_parser first".to_string())
}

/// Why a text is not an evidence link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("must start with https:// or http://")]
    NotWeb,
    #[error("must not contain spaces")]
    Whitespace,
    #[error("must not have a user name or password before the address (user@host): the link would go to the part after @")]
    UserInfo,
    #[error("is not a valid web address ({0})")]
    Malformed(String),
}

/// `text` as a normalised `http(s)` link, or why it is none. Surrounding whitespace is ignored.
pub fn normalise_link(text: &str) -> Result<String, LinkError> {
    let text = text.trim();
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &text[8..]
    } else if lower.starts_with("http://") {
        &text[7..]
    } else {
        return Err(LinkError::NotWeb);
    };
    if rest.is_empty() || rest.starts_with(['/', '\\']) {
        return Err(LinkError::Malformed("no host".to_string()));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(LinkError::Whitespace);
    }
    let url = parse(text).map_err(LinkError::Malformed)?;
    if !matches!(url.scheme.as_str(), "http" | "https") {
        return Err(LinkError::NotWeb);
    }
    if url.has_user_info {
        return Err(LinkError::UserInfo);
    }
    if url.host.is_empty() {
        return Err(LinkError::Malformed("no host".to_string()));
    }
    if !is_domain_or_ip(&url.host) {
        return Err(LinkError::Malformed(format!("{:?} is not a host name", url.host)));
    }
    Ok(url.href)
}

/// A host as the standard writes it out: an IPv6 address in brackets, or ASCII (a name after
/// IDNA) without the standard's forbidden domain code points. The `url` crate never gives
/// anything else; Chromium's parser lets `%` and spaces through (`https://exa mple.se/` becomes
/// host `exa%20mple.se`), so the rule says it once for both.
fn is_domain_or_ip(host: &str) -> bool {
    if host.starts_with('[') {
        return host.ends_with(']') && host[1..host.len() - 1].chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    }
    host.chars().all(|c| c.is_ascii_graphic() && !"#%/:<>?@[\\]^|".contains(c))
}

/// A link as a person types it: like [`normalise_link`], and `www.example.se/…` (which can
/// only mean a web address) is completed to `https://www.example.se/…`.
pub fn complete_typed_link(text: &str) -> Result<String, LinkError> {
    let text = text.trim();
    if text.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) && text.len() > 4 {
        return normalise_link(&format!("https://{text}"));
    }
    normalise_link(text)
}

/// What a reader is shown of a link: its host (`evil.example`), never a user name or the path.
/// `None` for anything that is not a link by [`normalise_link`].
pub fn link_host(link: &str) -> Option<String> {
    let normal = normalise_link(link).ok()?;
    parse(&normal).ok().map(|url| url.host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_is_a_name_or_an_address_without_forbidden_characters() {
        for host in ["www.orebro.se", "xn--rksmrgs-5wao1o.se", "192.168.0.1", "[::1]", "[2001:db8::7]", "a_b.se", "example.se."] {
            assert!(is_domain_or_ip(host), "{host}");
        }
        // What Chromium's parser lets through and the url crate refuses.
        for host in ["exa%20mple.se", "exa mple.se", "räksmörgås.se", "a|b.se", "a^b.se", "[::1", "[x]", "a<b.se", ""] {
            assert!(host.is_empty() || !is_domain_or_ip(host), "{host}");
        }
    }

    #[test]
    fn web_links_are_normalised() {
        assert_eq!(normalise_link(" https://orebro.se/x ").as_deref(), Ok("https://orebro.se/x"));
        assert_eq!(normalise_link("HTTPS://Orebro.SE").as_deref(), Ok("https://orebro.se/"));
        assert_eq!(normalise_link("https://a.se/<b>\"c\"").as_deref(), Ok("https://a.se/%3Cb%3E%22c%22"));
        assert_eq!(normalise_link("https://a.se/?q=<x>").as_deref(), Ok("https://a.se/?q=%3Cx%3E"));
        assert_eq!(normalise_link("http://192.0.2.1:8080/a").as_deref(), Ok("http://192.0.2.1:8080/a"));
        let once = normalise_link("https://a.se/ä?b=\"").unwrap();
        assert_eq!(normalise_link(&once).as_deref(), Ok(once.as_str()), "normalising twice changes nothing");
    }

    #[test]
    fn what_is_not_a_web_link_is_named() {
        assert_eq!(normalise_link("javascript:alert(1)"), Err(LinkError::NotWeb));
        assert_eq!(normalise_link("ftp://a.se/"), Err(LinkError::NotWeb));
        assert_eq!(normalise_link("orebro.se"), Err(LinkError::NotWeb));
        assert_eq!(normalise_link("https://a.se/ b"), Err(LinkError::Whitespace));
        assert!(matches!(normalise_link("http://"), Err(LinkError::Malformed(_))));
        assert!(matches!(normalise_link("https:///x"), Err(LinkError::Malformed(_))));
        assert!(matches!(normalise_link("https://a b.se"), Err(LinkError::Whitespace)));
        assert!(matches!(normalise_link("https://exa<mple.se/"), Err(LinkError::Malformed(_))));
    }

    #[test]
    fn a_user_name_before_the_host_is_refused() {
        assert_eq!(normalise_link("https://kommun.se@evil.example/"), Err(LinkError::UserInfo));
        assert_eq!(normalise_link("https://user:pw@evil.example/"), Err(LinkError::UserInfo));
        assert_eq!(normalise_link("https://:pw@evil.example/"), Err(LinkError::UserInfo));
        // An @ in the path is no user name.
        assert_eq!(normalise_link("https://a.se/@kommun").as_deref(), Ok("https://a.se/@kommun"));
    }

    #[test]
    fn readers_see_the_host_only() {
        assert_eq!(link_host("https://www.orebro.se/bredband?x=1#y").as_deref(), Some("www.orebro.se"));
        assert_eq!(link_host("https://kommun.se@evil.example/"), None);
        assert_eq!(link_host("https://kommun.se.evil.example/").as_deref(), Some("kommun.se.evil.example"));
        assert_eq!(link_host("javascript:alert(1)"), None);
    }

    #[test]
    fn a_typed_www_address_is_completed() {
        assert_eq!(complete_typed_link("www.orebro.se/bredband").as_deref(), Ok("https://www.orebro.se/bredband"));
        assert_eq!(complete_typed_link(" WWW.orebro.se ").as_deref(), Ok("https://www.orebro.se/"));
        assert_eq!(complete_typed_link("orebro.se/bredband"), Err(LinkError::NotWeb), "ambiguous: left to the person");
        assert_eq!(complete_typed_link("http://orebro.se/").as_deref(), Ok("http://orebro.se/"));
        assert_eq!(complete_typed_link("www."), Err(LinkError::NotWeb));
    }
}
