//! The API's errors: every one is JSON with a kind and a message, and the kind rides in the
//! response's extensions so the metrics can count refusals by it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::db::DbError;

/// Every API error is JSON: `{"error": kind, "message": text, …}`.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    pub extra: Option<Value>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, kind, message: message.into(), extra: None, retry_after: None }
    }

    pub(crate) fn with(mut self, extra: Value) -> ApiError {
        self.extra = Some(extra);
        self
    }

    pub(crate) fn bad_query(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_query", message)
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> ApiError {
        if e.is_disk_full() {
            tracing::error!(error = %e, "database write refused: the disk is full");
            return ApiError::new(
                StatusCode::INSUFFICIENT_STORAGE,
                "disk_full",
                "the server's disk is full, so nothing was stored (what was stored earlier is safe); try again later",
            );
        }
        tracing::error!(error = %e, "database error");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not complete the request")
    }
}

/// The kind of an API error, in its response's extensions: the metrics count refusals by it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorKind(pub &'static str);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({"error": self.kind, "message": self.message});
        if let Some(Value::Object(extra)) = self.extra {
            body.as_object_mut().expect("object").extend(extra);
        }
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(ErrorKind(self.kind));
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
