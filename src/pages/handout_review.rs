//! Receiving a förvaltning's answered hand-out (issue 20 part 4): the file is merged indicator by
//! indicator in memory, the review lists every conflict with a choice (Vår / Deras) and what was
//! taken and kept, and only "För in svaren" changes the assessment.

use std::collections::BTreeMap;
use std::sync::Arc;

use blomlada_domain::sync::handout::{merge, MAX_HANDOUT_BYTES};
use blomlada_domain::sync::handout_view::{review, Said};
use blomlada_domain::sync::{HandoutError, HandoutFile, Merge, Side};
use blomlada_domain::IndicatorSet;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::app_state::{use_app_state, AssessmentHandle};
use crate::browser::clock;
use crate::browser::file_read::PickedFile;
use crate::components::assessment_frame::AssessmentFrame;
use crate::i18n::{texts, Texts};

#[derive(Clone)]
enum Stage {
    Idle,
    Reading,
    Refused { name: String, errors: Vec<HandoutError>, other: Option<&'static str> },
    Ready { file: Arc<HandoutFile>, merge: Arc<Merge> },
    Applied,
}

#[component]
pub fn HandoutReview() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <Review set=set handle=handle/> }/>
    }
}

#[component]
fn Review(set: Arc<IndicatorSet>, handle: AssessmentHandle) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let id = handle.id();
    let stage = RwSignal::new(Stage::Idle);

    let receive = {
        let set = set.clone();
        move |name: String, bytes: Vec<u8>| {
            let file = match HandoutFile::parse_unchecked(&bytes) {
                Ok(file) => file,
                Err(errors) => return stage.set(Stage::Refused { name, errors, other: None }),
            };
            stage.set(match merge(&handle.snapshot_untracked(), &file, &set, clock::now()) {
                Ok(m) => Stage::Ready { file: Arc::new(file), merge: Arc::new(m) },
                Err(errors) => Stage::Refused { name, errors, other: None },
            });
        }
    };
    // A file the import page recognised as this assessment's.
    if let Some((name, file)) = state.take_pending_return(&id) {
        let m = merge(&handle.snapshot_untracked(), &file, &set, clock::now());
        stage.set(match m {
            Ok(m) => Stage::Ready { file: Arc::new(file), merge: Arc::new(m) },
            Err(errors) => Stage::Refused { name, errors, other: None },
        });
    }
    let pick = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(picked) = PickedFile::from_input(&input) else { return };
        input.set_value("");
        let name = picked.name.clone();
        if picked.size > MAX_HANDOUT_BYTES as f64 {
            let errors = vec![HandoutError::TooLarge { size: picked.size as usize, limit: MAX_HANDOUT_BYTES }];
            return stage.set(Stage::Refused { name, errors, other: None });
        }
        stage.set(Stage::Reading);
        let receive = receive.clone();
        leptos::task::spawn_local(async move {
            match picked.read().await {
                Ok(bytes) => receive(name, bytes),
                Err(_) => stage.set(Stage::Refused {
                    name,
                    errors: vec![],
                    other: Some(texts(state.lang.get_untracked()).import_unreadable_file),
                }),
            }
        });
    };

    let back = format!("/vardering/{id}");
    view! {
        <h1>{move || t().handout_review_title}</h1>
        <div class="field">
            <label for="besvarad-fil">{move || t().handout_review_choose}</label>
            <input id="besvarad-fil" type="file" accept=".json,application/json" aria-describedby="besvarad-fil-hint" on:change=pick/>
            <p class="hint" id="besvarad-fil-hint">{move || t().handout_review_hint}</p>
        </div>
        <div aria-live="polite">
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Reading => view! { <p>{t().import_reading}</p> }.into_any(),
                Stage::Refused { name, errors, other } => view! {
                    <section class="notice notice-error" role="alert" aria-labelledby="svar-fel">
                        <h2 id="svar-fel">{(t().handout_review_refused)(&name)}</h2>
                        <ul>
                            {errors.iter().map(|e| view! { <li>{(t().handout_error)(e)}</li> }).collect_view()}
                            {other.map(|o| view! { <li>{o}</li> })}
                        </ul>
                        <p>{t().import_nothing_changed}</p>
                    </section>
                }.into_any(),
                Stage::Ready { file, merge } => view! {
                    <Choices set=set.clone() file merge on_applied=Callback::new(move |_| stage.set(Stage::Applied))/>
                }.into_any(),
                Stage::Applied => view! {
                    <p class="notice notice-info" role="status">{t().handout_applied}" "<A href=back.clone()>{t().to_answers}</A></p>
                }.into_any(),
            }}
        </div>
    }
}

/// One side of a conflict in words.
fn said_text(t: &Texts, said: &Said) -> String {
    let mut parts = vec![said.answer.clone().unwrap_or_else(|| t.handout_no_answer.to_string())];
    parts.extend(said.comment.as_deref().map(t.handout_comment));
    parts.extend(said.evidence.as_deref().map(t.handout_evidence));
    parts.join(", ")
}

#[component]
fn Choices(set: Arc<IndicatorSet>, file: Arc<HandoutFile>, merge: Arc<Merge>, on_applied: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let offset = clock::utc_offset_minutes();
    let choices = RwSignal::new(BTreeMap::<String, Side>::new());
    let error = RwSignal::new(None::<HandoutError>);
    let shown = {
        let (set, file, merge) = (set.clone(), file.clone(), merge.clone());
        Memo::new(move |_| review(&set, &merge, &file, state.lang.get()))
    };
    let r = shown.get_untracked();
    let returned = r.returned.map(|at| at.date_time_sv(offset)).unwrap_or_default();
    let recipient = r.recipient.clone();
    let conflict_count = r.conflicts.len();
    let nothing = r.conflicts.is_empty() && r.taken.is_empty();

    let conflicts = move || {
        let r = shown.get();
        let t = t();
        r.conflicts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let side = |side: Side, label: &'static str, said: &Said, when: String| {
                    let radio_id = format!("konflikt-{i}-{}", if side == Side::Ours { "var" } else { "deras" });
                    let indicator = c.indicator.clone();
                    let checked = {
                        let indicator = indicator.clone();
                        move || choices.with(|ch| ch.get(&indicator) == Some(&side))
                    };
                    let text = said_text(t, said);
                    view! {
                        <div class="choice handout-side">
                            <input type="radio" name=format!("konflikt-{i}") id=radio_id.clone() prop:checked=checked
                                aria-describedby=format!("{radio_id}-nar")
                                on:change=move |_| {
                                    choices.update(|ch| { ch.insert(indicator.clone(), side); });
                                    error.set(None);
                                }/>
                            <label for=radio_id.clone()><strong>{label}</strong>": "{text}</label>
                            <span class="hint" id=format!("{radio_id}-nar")>{when}</span>
                        </div>
                    }
                };
                let ours_when = c.ours_changed.map(|at| (t.handout_changed_here)(&at.date_time_sv(offset))).unwrap_or_default();
                let theirs_when =
                    (t.handout_changed_there)(&r.recipient, &r.returned.map(|at| at.date_time_sv(offset)).unwrap_or_default());
                view! {
                    <fieldset class="handout-conflict">
                        <legend>{c.text.clone()}</legend>
                        {side(Side::Ours, t.handout_side_ours, &c.ours, ours_when)}
                        {side(Side::Theirs, t.handout_side_theirs, &c.theirs, theirs_when)}
                    </fieldset>
                }
            })
            .collect_view()
    };
    let list =
        |items: Vec<blomlada_domain::sync::handout_view::Named>| items.into_iter().map(|n| view! { <li>{n.text}</li> }).collect_view();
    let apply = move |_| match merge.resolve(&choices.get_untracked()) {
        Ok(resolved) => {
            state.create(resolved);
            on_applied.run(());
        }
        Err(e) => error.set(Some(e)),
    };

    view! {
        <section class="handout-review" aria-labelledby="granskning">
            <h2 id="granskning">{move || (t().handout_review_intro)(&recipient, &returned)}</h2>
            {(conflict_count > 0).then(|| view! {
                <section aria-labelledby="konflikter">
                    <h3 id="konflikter">{move || (t().handout_conflicts_title)(conflict_count)}</h3>
                    <p>{move || t().handout_conflicts_intro}</p>
                    {conflicts}
                </section>
            })}
            {move || {
                let r = shown.get();
                let taken = (!r.taken.is_empty()).then(|| view! {
                    <section aria-labelledby="tas-in">
                        <h3 id="tas-in">{(t().handout_taken_title)(r.taken.len())}</h3>
                        <ul>{list(r.taken.clone())}</ul>
                    </section>
                });
                let kept = (!r.kept.is_empty()).then(|| view! {
                    <section aria-labelledby="behalls">
                        <h3 id="behalls">{(t().handout_kept_title)(r.kept.len())}</h3>
                        <ul>{list(r.kept.clone())}</ul>
                    </section>
                });
                view! { {taken}{kept} }
            }}
            {nothing.then(|| view! { <p>{move || t().handout_nothing_changed}</p> })}
            {move || error.get().map(|e| view! {
                <p class="field-error" role="alert">{t().handout_not_applied}": "{(t().handout_error)(&e)}</p>
            })}
            <p><button type="button" class="button-primary" on:click=apply>{move || t().handout_apply}</button></p>
        </section>
    }
}
