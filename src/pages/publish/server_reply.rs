//! What the server says about publishing: the kommun's current publication for this set
//! version, and the outcome of a publish or withdraw, each read from its reply and worded.

use blomlada_domain::public_results::public_page_path;
use blomlada_domain::{Lang, Timestamp};
use leptos::prelude::*;
use serde_json::Value;

use crate::browser::{clock, http};
use crate::i18n::texts;

/// What the server said to a publish or withdraw.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Outcome {
    Created,
    Unchanged,
    Withdrawn,
    NothingToWithdraw,
    BadToken,
    OtherKommun,
    TooLarge,
    Invalid(Vec<String>),
    TooMany(u64),
    Network,
    Server(u16),
}

impl Outcome {
    pub fn is_success(&self) -> bool {
        matches!(self, Outcome::Created | Outcome::Unchanged | Outcome::Withdrawn)
    }

    pub fn of(result: Result<http::Reply, String>, withdraw: bool) -> Outcome {
        let Ok(http::Reply { status, retry_after: retry, body }) = result else { return Outcome::Network };
        let json: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        match status {
            201 => Outcome::Created,
            200 if withdraw => Outcome::Withdrawn,
            200 => Outcome::Unchanged,
            404 if withdraw => Outcome::NothingToWithdraw,
            401 => Outcome::BadToken,
            403 => Outcome::OtherKommun,
            413 => Outcome::TooLarge,
            400 | 422 => Outcome::Invalid(
                json["problems"]
                    .as_array()
                    .map(|ps| ps.iter().filter_map(|p| p["message"].as_str().map(str::to_string)).collect())
                    .filter(|v: &Vec<String>| !v.is_empty())
                    .unwrap_or_else(|| json["message"].as_str().map(|m| vec![m.to_string()]).unwrap_or_default()),
            ),
            429 => Outcome::TooMany(retry.and_then(|r| r.trim().parse().ok()).unwrap_or(60)),
            other => Outcome::Server(other),
        }
    }
}

/// The outcome as a notice; after a publish, with a link to the page everyone now reads (the
/// server's, in the app's language).
pub(super) fn outcome_notice(o: Outcome, kommun_code: Option<String>, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let published = matches!(o, Outcome::Created | Outcome::Unchanged);
    let (error, text, details): (bool, String, Vec<String>) = match o {
        Outcome::Created => (false, t.publish_done_created.into(), vec![]),
        Outcome::Unchanged => (false, t.publish_done_unchanged.into(), vec![]),
        Outcome::Withdrawn => (false, t.withdraw_done.into(), vec![]),
        Outcome::NothingToWithdraw => (false, t.withdraw_nothing.into(), vec![]),
        Outcome::BadToken => (true, t.publish_err_token.into(), vec![]),
        Outcome::OtherKommun => (true, t.publish_err_other_kommun.into(), vec![]),
        Outcome::TooLarge => (true, t.publish_err_too_large.into(), vec![]),
        Outcome::Invalid(problems) => (true, t.publish_err_invalid.into(), problems),
        Outcome::TooMany(s) => (true, (t.publish_err_too_many)(s), vec![]),
        Outcome::Network => (true, t.publish_err_network.into(), vec![]),
        Outcome::Server(code) => (true, (t.publish_err_server)(code), vec![]),
    };
    let (class, role) = if error { ("notice notice-error", "alert") } else { ("notice notice-info", "status") };
    let public_page = published.then(|| {
        let href = kommun_code.map(|code| public_page_path(Some(&code), lang));
        view! { <p><a href=href rel="external">{t.publish_public_page_link}</a></p> }
    });
    view! {
        <div class=class role=role>
            <p>{text}</p>
            {public_page}
            {(!details.is_empty()).then(|| view! {
                <ul>{details.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
            })}
        </div>
    }
}

/// The kommun's current published result for this set version, as the server has it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Status {
    Unknown,
    Unreachable,
    Known { current: Option<(String, String)>, history: usize },
}

impl Status {
    pub async fn fetch(url: &str) -> Status {
        let Ok(json) = http::get_json::<Value>(url).await else { return Status::Unreachable };
        let current = json["current"]
            .get(0)
            .map(|c| (c["title"].as_str().unwrap_or_default().to_string(), c["published_at"].as_str().unwrap_or_default().to_string()));
        Status::Known { current, history: json["history"].as_array().map_or(0, Vec::len) }
    }

    pub fn text(self, lang: Lang) -> String {
        let t = texts(lang);
        let (now, history) = match self {
            Status::Unknown => return t.loading.to_string(),
            Status::Unreachable => return t.publish_status_unreachable.to_string(),
            Status::Known { current: None, history } => (t.publish_status_none.to_string(), history),
            Status::Known { current: Some((title, at)), history } => {
                let date = Timestamp::parse_rfc3339(&at).map(|ts| ts.date_iso(clock::utc_offset_minutes())).unwrap_or(at);
                ((t.publish_status_current)(&title, &date), history)
            }
        };
        if history > 0 {
            format!("{now} {}", (t.publish_status_history)(history))
        } else {
            now
        }
    }
}
