//! The browser's own URL parser (the WHATWG standard the domain's link rules are written for),
//! handed to the domain at start so the app carries no URL parser of its own
//! (`blomlada_domain::web_link`).

use blomlada_domain::web_link::ParsedLink;
use wasm_bindgen::JsCast;

/// `text` as the browser's `new URL(text)` reads it, or the browser's reason.
pub fn parse_link(text: &str) -> Result<ParsedLink, String> {
    let url = web_sys::Url::new(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => "invalid URL".to_string(),
    })?;
    let scheme = url.protocol();
    Ok(ParsedLink {
        scheme: scheme.strip_suffix(':').unwrap_or(&scheme).to_string(),
        has_user_info: !url.username().is_empty() || !url.password().is_empty(),
        host: url.hostname(),
        href: url.href(),
    })
}

/// From now on the domain's link rules read links with the browser's parser.
pub fn install() {
    blomlada_domain::web_link::use_link_parser(parse_link);
}
