//! Talking to Blomlådan's server (or a static open-data snapshot) over HTTP.

use serde::de::DeserializeOwned;

/// What came back from a request that carried a token.
pub struct Reply {
    pub status: u16,
    /// `Retry-After`, when the server asks us to slow down.
    pub retry_after: Option<String>,
    pub body: String,
}

pub async fn get_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}

pub async fn get_json<T: DeserializeOwned>(url: &str) -> Result<T, String> {
    let text = get_text(url).await?;
    serde_json::from_str(&text).map_err(|e| format!("{url}: {e}"))
}

/// POST (with a JSON body) or DELETE (without) carrying `Authorization: Bearer`; `Err` when
/// the server could not be reached at all.
pub async fn send_with_token(url: &str, token: &str, json_body: Option<String>) -> Result<Reply, String> {
    let method = if json_body.is_some() { "POST" } else { "DELETE" };
    send(method, url, Some(token), json_body).await
}

/// Any method, an optional `Authorization: Bearer` and an optional JSON body; `Err` only when
/// the server could not be reached at all (offline), so callers can tell that from a refusal.
pub async fn send(method: &str, url: &str, token: Option<&str>, json_body: Option<String>) -> Result<Reply, String> {
    use gloo_net::http::{Method, RequestBuilder};
    let method = match method {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "DELETE" => Method::DELETE,
        _ => Method::GET,
    };
    let mut builder = RequestBuilder::new(url).method(method);
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    let request = match json_body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    let retry_after = response.headers().get("retry-after");
    let body = response.text().await.unwrap_or_default();
    Ok(Reply { status: response.status(), retry_after, body })
}
