//! The whole HTTP surface: the API, the indicator files and the built app (with deep-link
//! fallback to index.html), plus security headers, cache headers, request logging and
//! graceful shutdown.

use std::net::SocketAddr;
use std::path::Path;

use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;
use tower_http::services::ServeDir;

use crate::api;
use crate::state::AppState;

/// Everything but scripts: what any page of the app may load. `connect-src` admits https
/// hosts so that Jämför can read an open-data snapshot from any CDN the user names.
const CSP_BASE: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
     font-src 'self'; connect-src 'self' https:; worker-src 'self'; manifest-src 'self'; object-src 'none'; \
     base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
/// API responses are data, never documents.
const CSP_API: &str = "default-src 'none'; frame-ancestors 'none'";

const LONG_CACHE: &str = "public, max-age=31536000, immutable";

pub fn router(state: AppState) -> Router {
    let dist = state.dist.as_ref().clone();
    // The build writes a brotli and a gzip copy beside each file worth compressing (.br, .gz):
    // sent as they are, with Content-Encoding, instead of compressing on every request.
    let indicators =
        ServeDir::new(dist.join("indicators")).precompressed_br().precompressed_gzip().fallback(ServeDir::new(&state.sets.dir));
    let app_files = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(spa_fallback.with_state(state.clone()));
    Router::new()
        .nest("/api/v1", api::router().merge(crate::public::api_routes()).layer(middleware::from_fn(api_headers)))
        // The public result pages (HTML, no script): crate::public.
        .merge(crate::public::routes())
        .route("/", get(index))
        .route("/index.html", get(index))
        .route("/healthz", get(crate::health::healthz))
        // Metrics have their own listener; here the path is nothing (not the app's page).
        .route("/metrics", axum::routing::any(not_found))
        .nest_service("/indicators", indicators)
        // Every route above: the matched pattern, for the log line and the metrics' labels.
        .route_layer(middleware::from_fn(crate::request_log::remember_route))
        .fallback_service(app_files)
        .layer(middleware::from_fn(static_headers))
        .layer(middleware::from_fn(security_headers))
        .layer(middleware::from_fn(refuse_unknown_methods))
        .layer(middleware::from_fn_with_state(state.clone(), crate::request_log::observe))
        // gzip for whoever asks: the app's WASM shrinks to about a third on the wire.
        .layer(tower_http::compression::CompressionLayer::new())
        .with_state(state)
}

/// Binds, prints the address it listens on (one line on stdout, for scripts and tests) and
/// serves until SIGTERM or ctrl-c, letting requests in flight finish.
pub async fn serve(state: AppState, addr: SocketAddr) -> Result<(), String> {
    let listener = TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    state.ops.public_url.default_to(local);
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "http://{local}");
        let _ = out.flush();
    }
    if !state.dist.join("index.html").is_file() {
        tracing::warn!(dist = %state.dist.display(), "no built app here (run make build); serving the API only");
    }
    // Metrics on their own listener (loopback by default), never on the public one.
    if let Some(metrics) = crate::metrics::bind(state.ops.metrics_addr).await? {
        let at = metrics.local_addr().map_err(|e| e.to_string())?;
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "metrics http://{at}/metrics");
            let _ = out.flush();
        }
        tracing::info!(%at, "metrics listening");
        let app = crate::monitoring::router(state.clone());
        tokio::spawn(async move {
            if let Err(e) = axum::serve(metrics, app).await {
                tracing::error!(error = %e, "metrics listener stopped");
            }
        });
    }
    tracing::info!(%local, sets = state.sets.sets.len(), "listening");
    let hub = state.shares.hub.clone();
    axum::serve(listener, router(state).into_make_service_with_connect_info::<SocketAddr>())
        // Open event streams never end by themselves: ended here so the shutdown can finish.
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            hub.close_all();
        })
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
    tracing::info!("shutting down");
}

// ---- the app ----

/// `index.html`, never cached, with a CSP whose script-src admits exactly the inline scripts
/// the file holds (Trunk's module loader) by their hashes.
async fn index(State(state): State<AppState>) -> Response {
    serve_index(&state.dist).await
}

async fn serve_index(dist: &Path) -> Response {
    match tokio::fs::read_to_string(dist.join("index.html")).await {
        Ok(html) => {
            let csp = app_csp(&html);
            let mut response = Html(html).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if let Ok(v) = HeaderValue::from_str(&csp) {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
            response
        }
        Err(_) => {
            let page = "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Blomlådan</title></head>\
                <body><h1>Blomlådan</h1><p>Appen är inte byggd här än. Kör <code>make build</code> \
                och starta servern igen (eller ange katalogen med <code>--dist</code>).</p>\
                <p>API:t finns på <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>.</p></body></html>";
            let mut response = (StatusCode::SERVICE_UNAVAILABLE, Html(page)).into_response();
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
    }
}

/// Deep links (`/vardering/abc`) get the app; missing files (a last segment with a dot) and
/// unknown API paths get 404.
async fn spa_fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_api = path == "/api" || path.starts_with("/api/");
    if (request.method() == Method::GET || request.method() == Method::HEAD) && !is_api && !last.contains('.') {
        serve_index(&state.dist).await
    } else if is_api {
        crate::api_error::ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such API path").into_response()
    } else {
        (StatusCode::NOT_FOUND, "Hittades inte").into_response()
    }
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Hittades inte").into_response()
}

/// The standard methods go on to the routes (which answer 405 to those they do not take);
/// any other token a client sends as a method is answered 501 Not Implemented at once.
async fn refuse_unknown_methods(request: Request, next: Next) -> Response {
    if crate::request_log::method_label(request.method()) == "other" {
        return (StatusCode::NOT_IMPLEMENTED, "Metoden stöds inte (method not implemented)").into_response();
    }
    next.run(request).await
}

/// The CSP for the app: `script-src 'self' 'wasm-unsafe-eval'` plus the hash of every inline
/// script in `html`.
pub fn app_csp(html: &str) -> String {
    let hashes: String = inline_scripts(html).into_iter().map(|s| format!(" 'sha256-{}'", base64(&Sha256::digest(s.as_bytes())))).collect();
    format!("{CSP_BASE}; script-src 'self' 'wasm-unsafe-eval'{hashes}")
}

/// The contents of `<script>` elements without a `src`.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<script").map(|i| i + from) {
        let Some(tag_end) = lower[start..].find('>').map(|i| i + start) else { break };
        let Some(close) = lower[tag_end..].find("</script").map(|i| i + tag_end) else { break };
        let tag = &lower[start..tag_end];
        let has_src = tag.split(|c: char| c.is_whitespace()).any(|attr| attr.starts_with("src="));
        if !has_src {
            found.push(&html[tag_end + 1..close]);
        }
        from = close + 1;
    }
    found
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Trunk's content-hashed names: `name-<hex>.ext` and `name-<hex>_bg.wasm`.
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some(dash) = name.rfind('-') else { return false };
    let rest = &name[dash + 1..];
    let hash_len = rest.find(['.', '_']).unwrap_or(rest.len());
    let hash = &rest[..hash_len];
    (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) && hash_len < rest.len()
}

// ---- middleware ----

async fn static_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") {
        if !response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP_API));
        }
        return response;
    }
    let headers = response.headers_mut();
    // The same URL answers brotli, gzip or plain depending on Accept-Encoding (precompressed
    // files, or the compression layer): caches must keep them apart.
    if !headers.get_all(header::VARY).iter().any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding")) {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        let ok = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
        let value = if ok && is_hashed_asset(&path) { LONG_CACHE } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    if !response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        let csp = format!("{CSP_BASE}; script-src 'self' 'wasm-unsafe-eval'");
        if let Ok(v) = HeaderValue::from_str(&csp) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    response
}

async fn api_headers(request: Request, next: Next) -> Response {
    let readable = request.method() == Method::GET || request.method() == Method::HEAD;
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP_API));
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    // Published results are open data: any site may read them (no cookies are ever used,
    // and a token cannot be sent cross-origin without a preflight, which is not answered).
    if readable {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    }
    response
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // sha256("") in base64, as CSP hashes are written.
        assert_eq!(base64(&Sha256::digest(b"")), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = "<html><head><script src=\"/a.js\"></script><link rel=modulepreload href=/x.js></head>\
            <body><script type=\"module\">\nimport init from '/x.js';\nawait init();\n</script><SCRIPT>b()</SCRIPT></body></html>";
        assert_eq!(inline_scripts(html), vec!["\nimport init from '/x.js';\nawait init();\n", "b()"]);
        let csp = app_csp(html);
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 2);
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed_asset("/blomlada-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/blomlada-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/sw.js"));
        assert!(!is_hashed_asset("/favicon-32x32.png"));
        assert!(!is_hashed_asset("/indicators/eblomlada/2014.json"));
        assert!(!is_hashed_asset("/blomlada-1a2b3c4d5e6f7a8b"));
    }
}
