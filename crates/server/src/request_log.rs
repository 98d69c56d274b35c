//! One log line and one set of metrics per request.
//!
//! The line has the method, the route (the matched route pattern, e.g.
//! `/api/v1/published/{kommunkod}`), the path (never the query string, never a header, so never a
//! token), the status, the duration, the client address (see `client_addr.rs`) and a request id.
//! The id is also sent back as `X-Request-Id` and is on every other line logged while the request
//! runs (the `request` span), so an operator can find what happened to a request a user quotes.
//! A trusted proxy's own `X-Request-Id` is kept, so its log and ours share ids.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::api_error::ErrorKind;
use crate::client_addr::ClientIp;
use crate::metrics::Observed;
use crate::state::AppState;

/// The route pattern a response came from; set by `remember_route` (a route layer, where the
/// matched route is known) for `observe` (outside the router, where it is not).
#[derive(Debug, Clone)]
struct RouteLabel(String);

pub async fn remember_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|m| RouteLabel(m.as_str().to_string()));
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let proxies = &state.ops.proxies;
    let client = peer.map(|p| proxies.client(p, request.headers()));
    if let Some(ip) = client {
        request.extensions_mut().insert(ClientIp(ip));
    }
    let from_proxy = peer.is_some_and(|p| proxies.trusts(p));
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| from_proxy && is_sane_id(v))
        .map(str::to_string)
        .unwrap_or_else(new_request_id);
    let method = method_label(request.method());
    let path = request.uri().path().to_string();
    let had_credentials = request.headers().contains_key(header::AUTHORIZATION);

    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.run(request).instrument(span).await;

    let elapsed = started.elapsed();
    let status = response.status().as_u16();
    let route = match response.extensions().get::<RouteLabel>() {
        Some(RouteLabel(r)) => r.clone(),
        // Not a route: the app's files and the deep-link fallback, or an unknown API path.
        None if path == "/api" || path.starts_with("/api/") => "/api/*".to_string(),
        None => "app files".to_string(),
    };
    let error_kind = response.extensions().get::<ErrorKind>().map(|k| k.0);
    state.ops.metrics.observe(&Observed { method, route: &route, status, elapsed, error_kind, had_credentials });
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", v);
    }
    let ms = (elapsed.as_secs_f64() * 10_000.0).round() / 10.0;
    match client {
        Some(client) => tracing::info!(request_id = %id, %method, %route, %path, status, ms, %client, "request"),
        None => tracing::info!(request_id = %id, %method, %route, %path, status, ms, "request"),
    }
    response
}

/// The method as a label for the log line and the metrics: the standard methods as
/// themselves, anything else (a client may send any token as a method) as `other`, so the
/// label set stays small whatever is sent.
pub fn method_label(method: &Method) -> &'static str {
    const KNOWN: [Method; 9] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::TRACE,
        Method::CONNECT,
    ];
    KNOWN.iter().find(|m| *m == method).map_or("other", |m| m.as_str())
}

/// Up to 64 characters of letters, digits, `-`, `_`, `.`: safe in a header and in a log line.
fn is_sane_id(v: &str) -> bool {
    !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// A random prefix for this process and a counter: unique, short, and cheap per request.
fn new_request_id() -> String {
    static PREFIX: OnceLock<String> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::fill(&mut bytes);
        crate::auth::hex(&bytes)
    });
    format!("{prefix}-{:x}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_beyond_the_standard_ones_are_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
        assert_eq!(method_label(&Method::from_bytes(b"XA1").unwrap()), "other");
        assert_eq!(method_label(&Method::from_bytes("X".repeat(3000).as_bytes()).unwrap()), "other");
    }

    #[test]
    fn request_ids() {
        let a = new_request_id();
        let b = new_request_id();
        assert_ne!(a, b);
        assert!(is_sane_id(&a), "{a}");
        assert!(is_sane_id("abc-123_x.y"));
        assert!(!is_sane_id("a b"));
        assert!(!is_sane_id("Bearer\tx"));
        assert!(!is_sane_id(&"x".repeat(65)));
        assert!(!is_sane_id(""));
    }
}
