//! Publicera: what becomes public, the kommun's token, publish (or withdraw), and the outcome.
//!
//! The same domain checks the server makes run here first, so a result that cannot be
//! published says why before anything is sent. The token is never stored.

use std::sync::Arc;

use blomlada_domain::number_format;
use blomlada_domain::public_results::public_page_path;
use blomlada_domain::publish_readiness::{publish_problems, PublishProblem};
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::{Assessment, IndicatorSet, Timestamp};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

use crate::app_state::use_app_state;
use crate::browser::{clock, http};
use crate::components::assessment_frame::AssessmentFrame;
use crate::i18n::texts;

/// The app version written into published result files.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

#[component]
pub fn Publish() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <PublishForm set=set assessment=handle.watch()/> }/>
    }
}

/// What the server said.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
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
    fn is_success(&self) -> bool {
        matches!(self, Outcome::Created | Outcome::Unchanged | Outcome::Withdrawn)
    }
}

/// The kommun's current published result for this set version, as the server has it.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Unknown,
    Unreachable,
    Known { current: Option<(String, String)>, history: usize },
}

#[component]
fn PublishForm(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let token = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let status = RwSignal::new(Status::Unknown);
    let confirming_withdraw = RwSignal::new(false);

    // Issue 13: targets become public only when ticked; the rest of a plan never does.
    let include_targets = RwSignal::new(false);
    let file =
        Memo::new(move |_| assessment.with(|a| a.as_ref().map(|a| ResultFile::for_publishing(a, APP_VERSION, include_targets.get()))));
    // Everything that keeps the server from taking the file, worded here.
    let blockers = {
        let set = set.clone();
        Memo::new(move |_| {
            let lang = state.lang.get();
            let t = texts(lang);
            file.with(|f| {
                let Some(f) = f else { return Vec::new() };
                publish_problems(f, &set)
                    .into_iter()
                    .map(|p| match p {
                        PublishProblem::Invalid(e) => (t.publish_check_failed)(&e.to_string()),
                        PublishProblem::MissingPopulation => t.publish_needs_population.to_string(),
                        PublishProblem::Incomplete { unanswered, .. } => (t.publish_unanswered)(unanswered.len()),
                    })
                    .collect()
            })
        })
    };

    let refresh_status = move || {
        let Some(a) = assessment.get_untracked() else { return };
        let url = format!("/api/v1/published/{}?set={}&version={}", a.kommun.code, a.set.set, a.set.version);
        leptos::task::spawn_local(async move {
            status.set(fetch_status(&url).await);
        });
    };
    refresh_status();

    let send = move |withdraw: bool| {
        let Some(f) = file.get_untracked() else { return };
        let key = token.get_untracked().trim().to_string();
        if key.is_empty() || busy.get_untracked() || (!withdraw && !blockers.with_untracked(|b| b.is_empty())) {
            return;
        }
        busy.set(true);
        outcome.set(None);
        let code = f.kommun.code.clone();
        let (set_id, version) = (f.set.set.clone(), f.set.version.clone());
        leptos::task::spawn_local(async move {
            let result = if withdraw {
                let url = format!("/api/v1/published/{code}?set={set_id}&version={version}");
                http::send_with_token(&url, &key, None).await
            } else {
                http::send_with_token("/api/v1/published", &key, Some(f.to_json())).await
            };
            let o = classify(result, withdraw);
            if o.is_success() {
                token.set(String::new());
            }
            outcome.set(Some(o));
            busy.set(false);
            confirming_withdraw.set(false);
            refresh_status();
        });
    };

    let lang = move || state.lang.get();
    let preview = {
        let set = set.clone();
        move || {
            let lang = lang();
            let t = texts(lang);
            let Some(f) = file.get() else { return ().into_any() };
            let answered = set.indicator_count() - f.unanswered(&set).len();
            let comments = f.answers.values().filter(|a| a.comment.is_some()).count();
            let links = f.answers.values().filter(|a| a.evidence.is_some()).count();
            let missing = || t.publish_missing_value.to_string();
            let rows = set
                .placed()
                .map(|p| {
                    let a = f.answers.get(&p.indicator.id);
                    let answer = a
                        .and_then(|a| a.answer.as_deref())
                        .map(|k| set.option(k).map_or(k.to_string(), |o| o.label.get(lang).to_string()))
                        .unwrap_or_else(|| t.publish_not_answered.to_string());
                    let comment = a.and_then(|a| a.comment.clone()).unwrap_or_default();
                    let link = a.and_then(|a| a.evidence.clone()).unwrap_or_default();
                    view! {
                        <tr>
                            <td>{p.indicator.text.get(lang).to_string()}</td>
                            <td>{answer}</td>
                            <td>{comment}</td>
                            <td>{link}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="offentligt">
                    <h2 id="offentligt">{t.publish_public_heading}</h2>
                    <p>{t.publish_public_note}</p>
                    <dl class="facts">
                        <dt>{t.publish_field_kommun}</dt><dd>{format!("{} ({})", f.kommun.name, f.kommun.code)}</dd>
                        <dt>{t.publish_field_population}</dt>
                        <dd>{f.population.map(|p| number_format::integer(u64::from(p), lang)).unwrap_or_else(missing)}</dd>
                        <dt>{t.publish_field_set}</dt><dd>{set.name(lang)}</dd>
                        <dt>{t.publish_field_title}</dt><dd>{f.title.clone()}</dd>
                        <dt>{t.publish_field_approval}</dt><dd>{f.approval.clone().unwrap_or_else(missing)}</dd>
                        <dt>{t.col_progress}</dt><dd>{(t.publish_field_answered)(answered, set.indicator_count())}</dd>
                        <dt>{t.publish_field_comments}</dt><dd>{(t.publish_comment_count)(comments, links)}</dd>
                        <dt>{t.plan_target}</dt><dd>{(t.publish_field_targets)(f.target_count())}</dd>
                    </dl>
                    <details class="details">
                        <summary>{t.publish_all_answers}</summary>
                        <div class="table-wrap">
                            <table>
                                <caption>{t.publish_all_answers}</caption>
                                <thead><tr>
                                    <th scope="col">{t.publish_col_indicator}</th>
                                    <th scope="col">{t.publish_col_answer}</th>
                                    <th scope="col">{t.comment_label}</th>
                                    <th scope="col">{t.publish_col_link}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    </details>
                </section>
            }
            .into_any()
        }
    };

    let status_view = move || {
        let lang = lang();
        let t = texts(lang);
        match status.get() {
            Status::Unknown => t.loading.to_string(),
            Status::Unreachable => t.publish_status_unreachable.to_string(),
            Status::Known { current: None, history } => {
                let mut s = t.publish_status_none.to_string();
                if history > 0 {
                    s = format!("{s} {}", (t.publish_status_history)(history));
                }
                s
            }
            Status::Known { current: Some((title, at)), history } => {
                let date = Timestamp::parse_rfc3339(&at).map(|ts| ts.date_iso(clock::utc_offset_minutes())).unwrap_or(at);
                let mut s = (t.publish_status_current)(&title, &date);
                if history > 0 {
                    s = format!("{s} {}", (t.publish_status_history)(history));
                }
                s
            }
        }
    };

    let outcome_view = move || {
        let t = texts(lang());
        outcome.get().map(|o| {
            let published = matches!(o, Outcome::Created | Outcome::Unchanged);
            let (class, text, details): (&str, String, Vec<String>) = match o {
                Outcome::Created => ("notice notice-info", t.publish_done_created.into(), vec![]),
                Outcome::Unchanged => ("notice notice-info", t.publish_done_unchanged.into(), vec![]),
                Outcome::Withdrawn => ("notice notice-info", t.withdraw_done.into(), vec![]),
                Outcome::NothingToWithdraw => ("notice notice-info", t.withdraw_nothing.into(), vec![]),
                Outcome::BadToken => ("notice notice-error", t.publish_err_token.into(), vec![]),
                Outcome::OtherKommun => ("notice notice-error", t.publish_err_other_kommun.into(), vec![]),
                Outcome::TooLarge => ("notice notice-error", t.publish_err_too_large.into(), vec![]),
                Outcome::Invalid(problems) => ("notice notice-error", t.publish_err_invalid.into(), problems),
                Outcome::TooMany(s) => ("notice notice-error", (t.publish_err_too_many)(s), vec![]),
                Outcome::Network => ("notice notice-error", t.publish_err_network.into(), vec![]),
                Outcome::Server(code) => ("notice notice-error", (t.publish_err_server)(code), vec![]),
            };
            let role = if class.contains("error") { "alert" } else { "status" };
            // After a publish, the page everyone now reads (the server's, in the app's language).
            let public_page = published.then(|| {
                let href = assessment.with(|a| a.as_ref().map(|a| public_page_path(Some(&a.kommun.code), lang())));
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
        })
    };

    let id = move || assessment.with(|a| a.as_ref().map(|a| a.id.clone()).unwrap_or_default());
    let can_send = move || blockers.with(|b| b.is_empty()) && !token.with(|k| k.trim().is_empty()) && !busy.get();
    view! {
        <h1>{move || t().publish_title}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, a.title)).unwrap_or_default())}</p>
        <p>{move || t().publish_intro}</p>

        <section aria-labelledby="publicerat-nu">
            <h2 id="publicerat-nu">{move || t().publish_status_heading}</h2>
            <p aria-live="polite">{status_view}</p>
        </section>

        <div class="field field-checkbox">
            <input type="checkbox" id="publicera-mal" aria-describedby="publicera-mal-hint"
                prop:checked=move || include_targets.get()
                on:change=move |ev| include_targets.set(event_target_checked(&ev))/>
            <label for="publicera-mal">{move || t().publish_include_targets}</label>
            <p class="hint" id="publicera-mal-hint">{move || t().publish_include_targets_hint}</p>
        </div>
        {preview}

        {move || {
            let b = blockers.get();
            (!b.is_empty()).then(|| view! {
                <div class="notice notice-error" role="alert">
                    <h2>{t().publish_blocked_heading}</h2>
                    <ul>{b.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    <p><A href=format!("/vardering/{}", id())>{t().publish_fix_link}</A></p>
                </div>
            })
        }}

        <form class="stack" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); send(false); }>
            <div class="field">
                <label for="nyckel">{move || t().publish_token_label}</label>
                <p class="hint" id="nyckel-hint">{move || t().publish_token_hint}</p>
                <input id="nyckel" type="password" autocomplete="off" spellcheck="false" aria-describedby="nyckel-hint"
                    prop:value=move || token.get() on:input=move |ev| token.set(event_target_value(&ev))/>
            </div>
            <p class="toolbar">
                <button type="submit" class="button-primary" disabled=move || !can_send()>
                    {move || if busy.get() { t().publish_sending } else { t().publish_button }}
                </button>
                <button type="button" disabled=move || busy.get() || token.with(|k| k.trim().is_empty())
                    on:click=move |_| confirming_withdraw.set(true)>
                    {move || t().withdraw_button}
                </button>
            </p>
            <Show when=move || confirming_withdraw.get()>
                <div class="confirm" role="group" aria-label=move || t().withdraw_button>
                    <p>{move || t().confirm_withdraw}</p>
                    <button type="button" on:click=move |_| send(true)>{move || t().withdraw_button}</button>
                    " "
                    <button type="button" on:click=move |_| confirming_withdraw.set(false)>{move || t().cancel}</button>
                </div>
            </Show>
            <div aria-live="polite">{outcome_view}</div>
        </form>
    }
}

fn classify(result: Result<http::Reply, String>, withdraw: bool) -> Outcome {
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

async fn fetch_status(url: &str) -> Status {
    let Ok(json) = http::get_json::<Value>(url).await else { return Status::Unreachable };
    let current = json["current"]
        .get(0)
        .map(|c| (c["title"].as_str().unwrap_or_default().to_string(), c["published_at"].as_str().unwrap_or_default().to_string()));
    Status::Known { current, history: json["history"].as_array().map_or(0, Vec::len) }
}
