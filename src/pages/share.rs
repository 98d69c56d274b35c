//! "Arbeta tillsammans" (issue 20): share an assessment, hand out its links (edit, view, a
//! förvaltning's groups), see the sync's state and what others changed since you last looked,
//! stop sharing or make new links. Loaded as a chunk of its own when first opened.

use std::sync::Arc;

use blomlada_domain::sync::handout_link::handout_edit;
use blomlada_domain::sync::{Assignment, Field, GroupRef, Target, Value};
use blomlada_domain::{IndicatorSet, Lang, Timestamp};
use leptos::prelude::*;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::{clipboard, clock, document, location};
use crate::components::assessment_frame::AssessmentFrame;
use crate::i18n::{texts, Texts};
use crate::sharing::api::ShareError;
use crate::sharing::link::ShareLink;
use crate::sharing::{self, device, record, session};

#[component]
pub fn SharePage() -> impl IntoView {
    view! { <AssessmentFrame body=|set, handle| view! { <Sharing set=set handle=handle/> }/> }
}

/// The sentence for a sharing problem.
pub fn problem_text(t: &Texts, e: &ShareError) -> String {
    match e {
        ShareError::Offline => t.status_offline.to_string(),
        ShareError::Forbidden => t.share_err_forbidden.to_string(),
        ShareError::Gone => t.share_err_gone.to_string(),
        ShareError::TooMany => t.share_err_too_many.to_string(),
        ShareError::TooLarge | ShareError::ShareFull => t.share_err_too_large.to_string(),
        ShareError::Tampered => t.share_err_tampered.to_string(),
        ShareError::WrongKey => t.share_err_wrong_key.to_string(),
        ShareError::Server(m) => (t.share_err_server)(m),
    }
}

fn when(stamp_ms: u64) -> String {
    Timestamp(i64::try_from(stamp_ms).unwrap_or(i64::MAX)).date_time_sv(clock::utc_offset_minutes())
}

/// What a register is about, for the lists: the indicator's text, or the assessment's details.
fn target_label(set: &IndicatorSet, target: &Target, t: &Texts, lang: Lang) -> String {
    match target.indicator_id().and_then(|id| set.find(id)) {
        Some(placed) => format!("”{}”", placed.indicator.text.get(lang)),
        None if matches!(target, Target::Handout { .. }) => t.since_handout.to_string(),
        None => t.since_meta.to_string(),
    }
}

/// A register's value in words: an answer's label, a text in quotes (cut), or a dash for none.
fn value_label(set: &IndicatorSet, target: &Target, value: &Value, lang: Lang) -> String {
    match (target, value) {
        (_, Value::Empty) => "–".to_string(),
        (Target::Indicator { field: Field::Answer | Field::PlanTarget, .. }, Value::Text(key)) => {
            set.option(key).map_or_else(|| key.clone(), |o| o.label.get(lang).to_string())
        }
        (_, Value::Text(text)) => {
            let cut: String = text.chars().take(80).collect();
            if cut.len() < text.len() {
                format!("”{cut}…”")
            } else {
                format!("”{cut}”")
            }
        }
        (_, Value::Year(y)) => y.to_string(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Assignment(a)) => a.recipient.clone(),
        _ => "…".to_string(),
    }
}

#[component]
fn Sharing(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = handle.id();
    // Sessions start with the app; one that is not running (e.g. the chunk was loaded just now) starts here.
    session::start_all(state);
    let status = session::status(&id);
    let link = RwSignal::new(record::load(&id).and_then(|r| r.link()));
    let device_name = RwSignal::new(device::this_device().name);
    let name_saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ShareError>);
    let message = RwSignal::new(None::<&'static str>);
    let name_missing = RwSignal::new(false);

    let save_name = move || {
        let d = device::set_name(&device_name.get_untracked());
        device_name.set(d.name.clone());
        !d.name.is_empty()
    };

    let id_for_share = id.clone();
    let start_sharing = move |_| {
        if !save_name() {
            name_missing.set(true);
            return;
        }
        name_missing.set(false);
        busy.set(true);
        error.set(None);
        let _ = &id_for_share;
        leptos::task::spawn_local(async move {
            match sharing::share(state, handle).await {
                Ok(l) => link.set(Some(l)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };

    let id_stored = StoredValue::new(id.clone());
    let stop = move |_| {
        if !document::confirm(texts(state.lang.get_untracked()).confirm_stop_sharing) {
            return;
        }
        busy.set(true);
        let id = id_stored.get_value();
        leptos::task::spawn_local(async move {
            match sharing::stop_sharing(&id).await {
                Ok(()) => {
                    link.set(None);
                    message.set(Some(texts(state.lang.get_untracked()).sharing_stopped));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let renew = move |_| {
        if !document::confirm(texts(state.lang.get_untracked()).confirm_new_link) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match sharing::renew(state, handle).await {
                Ok(l) => link.set(Some(l)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let leave = move |_| {
        sharing::leave(&id_stored.get_value());
        link.set(None);
        message.set(Some(texts(state.lang.get_untracked()).sharing_stopped));
    };

    let status_line = {
        let status = status.clone();
        move || {
            let st = status.get();
            let t = t();
            let mut parts = Vec::new();
            parts.push(if st.connected { t.status_connected.to_string() } else { t.status_connecting.to_string() });
            if st.pending > 0 {
                parts.push((t.status_pending)(st.pending));
            } else if link.with(|l| l.as_ref().is_some_and(|l| l.write.is_some())) {
                parts.push(t.status_all_sent.to_string());
            }
            if let Some((who, stamp)) = &st.last {
                parts.push((t.last_changed)(who, &when(stamp.wall_ms)));
            }
            parts.join(" ")
        }
    };
    let problem = {
        let status = status.clone();
        move || {
            let e = error.get().or_else(|| status.with(|s| s.problem.clone()));
            let refused = status.with(|s| s.refused);
            let t = t();
            let mut lines: Vec<String> = e.iter().map(|e| problem_text(t, e)).collect();
            if refused > 0 {
                lines.push((t.share_refused)(refused));
            }
            lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()
        }
    };

    let gone = {
        let status = status.clone();
        Memo::new(move |_| status.with(|s| s.problem == Some(ShareError::Gone)))
    };
    let origin = location::origin();
    let links_view = move || {
        let origin = origin.clone();
        link.get().map(|l| {
            let view_only = l.write.is_none();
            let edit_url = l.edit_url(&origin);
            let view_url = l.view_url(&origin);
            view! {
                <section class="share-links">
                    <Show when=move || !view_only>
                        <LinkField id="dela-redigera" label=Signal::derive(move || t().share_edit_link.to_string())
                            copy_label=Signal::derive(move || t().copy_edit.to_string()) url=edit_url.clone() message=message/>
                    </Show>
                    <LinkField id="dela-visa" label=Signal::derive(move || t().share_view_link.to_string())
                        copy_label=Signal::derive(move || t().copy_view.to_string()) url=view_url message=message/>
                    <p class="hint">{move || t().share_view_hint}</p>
                    <div class="toolbar">
                        <Show when=move || !view_only && !gone.get() fallback=move || view! {
                            <button type="button" on:click=leave>{move || t().leave_share}</button>
                        }>
                            <button type="button" disabled=move || busy.get() on:click=renew>{move || t().new_link}</button>
                            <button type="button" class="danger" disabled=move || busy.get() on:click=stop>{move || t().stop_sharing}</button>
                        </Show>
                    </div>
                </section>
            }
        })
    };

    let set_for_since = set.clone();
    let since_id = id.clone();
    let since = {
        let status = status.clone();
        move || {
            status.track();
            link.track();
            let lang = state.lang.get();
            let t = t();
            let me = device::this_device().id;
            let items = session::with_replica(&since_id, |replica, record| {
                // In the server's order once this device has looked with arrivals kept (a change
                // from a device with a wrong clock shows where it arrived); a record from before
                // that lists by stamp.
                let arrivals: Vec<_> = record.arrivals.iter().cloned().collect();
                let list = match record.seen_seq {
                    Some(seq) => replica.arrived_since(&arrivals, seq, &me),
                    None => replica.changed_since(record.seen.as_ref(), &me),
                };
                list.into_iter()
                    .rev()
                    .take(50)
                    .map(|seen| {
                        let what = format!(
                            "{} → {}",
                            target_label(&set_for_since, seen.target, t, lang),
                            value_label(&set_for_since, seen.target, &seen.entry.value, lang)
                        );
                        let line = (t.since_item)(&seen.entry.author, &what, &when(seen.entry.stamp.wall_ms));
                        if seen.current {
                            line
                        } else {
                            format!("{line} {}", t.since_replaced)
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
            if items.is_empty() {
                view! { <p>{t.since_none}</p> }.into_any()
            } else {
                view! { <ul class="since-list">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }
        }
    };
    let seen_id = id.clone();
    let status_for_seen = status.clone();
    let mark_seen = move |_| {
        session::mark_seen(&seen_id);
        status_for_seen.update(|_| {});
    };

    view! {
        <h1>{move || t().share_title}</h1>
        <p class="lead">{move || t().share_intro}</p>
        <p>{move || t().share_security}</p>
        <div class="field">
            <label for="enhetens-namn">{move || t().device_name_label}</label>
            <input id="enhetens-namn" type="text" maxlength="80" aria-describedby="enhetens-namn-hint" prop:value=move || device_name.get()
                on:input=move |ev| { device_name.set(event_target_value(&ev)); name_saved.set(false); }
                on:change=move |_| { name_saved.set(save_name()); }/>
            <p class="hint" id="enhetens-namn-hint">{move || t().device_name_hint}</p>
            <Show when=move || name_missing.get()>
                <p class="field-error" role="alert">{move || t().device_name_needed}</p>
            </Show>
        </div>
        <div role="status" aria-live="polite" class="share-status">
            <Show when=move || link.with(Option::is_some)>
                <p>{status_line.clone()}</p>
            </Show>
            <Show when=move || busy.get()><p>{move || t().share_working}</p></Show>
            {move || message.get().map(|m| view! { <p>{m}</p> })}
        </div>
        <div role="alert" class="share-problem">{problem}</div>
        <Show when=move || link.with(Option::is_none)>
            <button type="button" class="primary" disabled=move || busy.get() on:click=start_sharing.clone()>{move || t().share_start}</button>
        </Show>
        {links_view}
        <Show when=move || link.with(|l| l.as_ref().is_some_and(|l| l.write.is_some()))>
            <HandOut set=set.clone() id=id.clone() link=link message=message/>
        </Show>
        <Show when=move || link.with(Option::is_some)>
            <section aria-labelledby="sedan-sist">
                <h2 id="sedan-sist">{move || t().since_heading}</h2>
                {since.clone()}
                <button type="button" on:click=mark_seen.clone()>{move || t().since_mark_seen}</button>
            </section>
        </Show>
    }
}

/// A link in a read-only text field with a copy button beside it.
#[component]
fn LinkField(
    id: &'static str,
    label: Signal<String>,
    copy_label: Signal<String>,
    url: String,
    message: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let state = use_app_state();
    let url_for_copy = url.clone();
    let copy = move |_| {
        let url = url_for_copy.clone();
        leptos::task::spawn_local(async move {
            let t = texts(state.lang.get_untracked());
            message.set(Some(if clipboard::copy(&url).await { t.copied } else { t.copy_failed }));
        });
    };
    view! {
        <div class="field link-field">
            <label for=id>{move || label.get()}</label>
            <div class="link-row">
                <input id=id type="text" readonly value=url on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                }/>
                <button type="button" on:click=copy>{move || copy_label.get()}</button>
            </div>
        </div>
    }
}

/// A förvaltning's link: the chosen groups only.
#[component]
fn HandOut(
    set: Arc<IndicatorSet>,
    id: String,
    link: RwSignal<Option<ShareLink>>,
    message: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let chosen = RwSignal::new(Vec::<GroupRef>::new());
    let recorded = RwSignal::new(None::<session::NotRecorded>);
    let name = RwSignal::new(String::new());
    let made = RwSignal::new(None::<(String, String)>);
    let missing = RwSignal::new(false);
    let groups = set
        .areas
        .iter()
        .flat_map(|area| {
            area.groups.iter().map(move |group| {
                let key = GroupRef::new(&area.id, &group.id);
                let input_id = format!("utlamna-{}-{}", area.id, group.id);
                let title = group.title.clone();
                let key_for_change = key.clone();
                view! {
                    <li>
                        <input type="checkbox" id=input_id.clone() prop:checked=move || chosen.with(|c| c.contains(&key))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|k| *k != key_for_change);
                                    if on { c.push(key_for_change.clone()); }
                                });
                            }/>
                        <label for=input_id>{move || title.get(state.lang.get()).to_string()}</label>
                    </li>
                }
            })
        })
        .collect_view();
    let make = move |_| {
        let groups = chosen.get_untracked();
        let who = name.get_untracked().trim().to_string();
        if groups.is_empty() || who.is_empty() {
            missing.set(true);
            return;
        }
        missing.set(false);
        if let Some(l) = link.get_untracked() {
            made.set(Some((who.clone(), l.handout_url(&location::origin(), &groups, &who))));
            // Kept in the shared log, so every editor's overview shows the förvaltning's progress.
            let assignment = Assignment { recipient: who.clone(), groups };
            recorded.set(session::record_edits(&id, vec![handout_edit(&assignment)]).err());
        }
    };
    view! {
        <section aria-labelledby="utlamna">
            <h2 id="utlamna">{move || t().handout_heading}</h2>
            <p>{move || t().share_handout_intro}</p>
            <div class="field">
                <label for="utlamna-namn">{move || t().handout_name_label}</label>
                <input id="utlamna-namn" type="text" maxlength="200" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <fieldset>
                <legend>{move || t().share_handout_groups_legend}</legend>
                <ul class="checkbox-list">{groups}</ul>
            </fieldset>
            <Show when=move || missing.get()>
                <p class="field-error" role="alert">{move || t().handout_needs}</p>
            </Show>
            <button type="button" on:click=make>{move || t().handout_make}</button>
            {move || recorded.get().map(|why| {
                let t = t();
                let why = match why {
                    session::NotRecorded::OtherTab => t.handout_other_tab.to_string(),
                    session::NotRecorded::ViewOnly => t.handout_view_only.to_string(),
                    session::NotRecorded::Refused(words) => words,
                };
                view! { <p class="field-error" role="alert">{(t.handout_not_recorded)(&why)}</p> }
            })}
            {move || made.get().map(|(who, url)| view! {
                <LinkField id="utlamna-lank" label=Signal::derive(move || (t().handout_link)(&who))
                    copy_label=Signal::derive(move || t().copy_handout.to_string()) url=url message=message/>
            })}
        </section>
    }
}
