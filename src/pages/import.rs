//! Import a result file (picked or dropped) as a new assessment, or a hand-out file (issue 20
//! part 4): opened as a förvaltning's assessment, or, answered, reviewed for its assessment. The file is checked in full
//! before anything is written; an assessment that looks the same is never overwritten: the
//! user chooses between a new copy and cancelling.

use std::sync::Arc;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::exchange::{carried_assessment, carried_title, carry_targets, copy_title, find_conflict};
use blomlada_domain::result_file::{ResultFile, ResultFileError, MAX_RESULT_BYTES};
use blomlada_domain::sync::handout::HANDOUT_FORMAT;
use blomlada_domain::sync::{HandoutError, HandoutFile};
use blomlada_domain::{IndicatorSet, Lang, Timestamp};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::app_state::{use_app_state, Load};
use crate::browser::file_read::PickedFile;
use crate::browser::{clock, ids};
use crate::components::carry_over::{use_carry, CarryOverReport};
use crate::components::handout_preview::HandoutPreview;
use crate::i18n::texts;

/// Errors listed one by one; the rest are counted.
const SHOWN_ERRORS: usize = 12;

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Reading(String),
    /// The envelope is fine; waiting for the catalog and the set it names.
    Checking {
        name: String,
        file: Arc<ResultFile>,
    },
    Refused {
        name: String,
        errors: Vec<ResultFileError>,
        other: Option<String>,
    },
    Ready {
        file: Arc<ResultFile>,
        set: Arc<IndicatorSet>,
    },
    /// A hand-out file: its envelope is fine; waiting for the set it names.
    CheckingHandout {
        name: String,
        file: Arc<HandoutFile>,
    },
    RefusedHandout {
        name: String,
        errors: Vec<HandoutError>,
        other: Option<String>,
    },
    HandoutReady {
        name: String,
        file: Arc<HandoutFile>,
        set: Arc<IndicatorSet>,
    },
}

#[component]
pub fn Import() -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let stage = RwSignal::new(Stage::Idle);
    let dragging = RwSignal::new(false);

    let take = move |picked: PickedFile| read_file(picked, stage, state.lang);
    check_result_when_its_set_is_loaded(stage);
    check_handout_when_its_set_is_loaded(stage);
    // Dropping a file anywhere on this page imports it (instead of the browser opening it).
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        ev.prevent_default();
        dragging.set(true);
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(picked) = PickedFile::from_drop(&ev) {
            take(picked);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });

    view! {
        <h1>{move || t().import_title}</h1>
        <p>{move || t().import_intro}</p>
        <div class="drop-zone" class:drag-over=move || dragging.get()>
            <label for="resultatfil">{move || t().import_choose}</label>
            <input id="resultatfil" type="file" accept=".json,application/json"
                on:change=move |ev| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    if let Some(picked) = PickedFile::from_input(&input) {
                        take(picked);
                    }
                    // Choosing the same file again is a new attempt.
                    input.set_value("");
                }/>
            <p class="hint">{move || t().import_drop}</p>
        </div>
        <div aria-live="polite">
            {move || match stage.get() {
                Stage::Idle => ().into_any(),
                Stage::Reading(_) | Stage::Checking { .. } | Stage::CheckingHandout { .. } => view! { <p>{t().import_reading}</p> }.into_any(),
                Stage::Refused { name, errors, other } => view! { <Refused name errors other/> }.into_any(),
                Stage::Ready { file, set } => view! { <Preview file set on_cancel=Callback::new(move |_| stage.set(Stage::Idle))/> }.into_any(),
                Stage::RefusedHandout { name, errors, other } => {
                    let errors = errors.iter().map(|e| (t().handout_error)(e)).collect();
                    view! { <Refused name errors=vec![] worded=errors other/> }.into_any()
                }
                Stage::HandoutReady { name, file, set } => {
                    view! { <HandoutPreview name file set on_cancel=Callback::new(move |_| stage.set(Stage::Idle))/> }.into_any()
                }
            }}
        </div>
    }
}

/// Reads a picked or dropped file and tells a result file from a hand-out; each is checked
/// against its set version once that is loaded.
fn read_file(picked: PickedFile, stage: RwSignal<Stage>, lang: RwSignal<Lang>) {
    let name = picked.name.clone();
    if picked.size > MAX_RESULT_BYTES as f64 {
        let errors = vec![ResultFileError::TooLarge { size: picked.size as usize, limit: MAX_RESULT_BYTES }];
        stage.set(Stage::Refused { name, errors, other: None });
        return;
    }
    stage.set(Stage::Reading(name.clone()));
    leptos::task::spawn_local(async move {
        let next = match picked.read().await {
            Err(_) => Stage::Refused { name, errors: vec![], other: Some(texts(lang.get_untracked()).import_unreadable_file.to_string()) },
            Ok(bytes) => match ResultFile::parse_unchecked(&bytes) {
                // A hand-out file is read as one.
                Err(errors) if matches!(&errors[..], [ResultFileError::NotAResultFile(Some(f))] if f == HANDOUT_FORMAT) => {
                    match HandoutFile::parse_unchecked(&bytes) {
                        Ok(file) => Stage::CheckingHandout { name, file: Arc::new(file) },
                        Err(errors) => Stage::RefusedHandout { name, errors, other: None },
                    }
                }
                Err(errors) => Stage::Refused { name, errors, other: None },
                Ok(file) => Stage::Checking { name, file: Arc::new(file) },
            },
        };
        stage.set(next);
    });
}

/// A file read is checked against the set version it names once that is loaded.
fn check_result_when_its_set_is_loaded(stage: RwSignal<Stage>) {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    Effect::new(move |_| {
        let Stage::Checking { name, file } = stage.get() else { return };
        let catalog = match state.catalog.get() {
            Load::Pending => return,
            Load::Failed(e) => {
                stage.set(Stage::Refused { name, errors: vec![], other: Some(format!("{}: {e}", t().indicators_failed)) });
                return;
            }
            Load::Ready(c) => c,
        };
        if catalog.version(&file.set).is_none() {
            let errors = vec![ResultFileError::UnknownSet { set: file.set.set.clone(), version: file.set.version.clone() }];
            stage.set(Stage::Refused { name, errors, other: None });
            return;
        }
        match state.set(&file.set) {
            Load::Pending => {}
            Load::Failed(e) => stage.set(Stage::Refused { name, errors: vec![], other: Some(format!("{}: {e}", t().indicators_failed)) }),
            Load::Ready(set) => {
                let errors = file.check(&set);
                stage.set(if errors.is_empty() { Stage::Ready { file, set } } else { Stage::Refused { name, errors, other: None } });
            }
        }
    });
}

/// A hand-out likewise, against the set version it names.
fn check_handout_when_its_set_is_loaded(stage: RwSignal<Stage>) {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    Effect::new(move |_| {
        let Stage::CheckingHandout { name, file } = stage.get() else { return };
        let refuse = |name, errors, other| stage.set(Stage::RefusedHandout { name, errors, other });
        let catalog = match state.catalog.get() {
            Load::Pending => return,
            Load::Failed(e) => return refuse(name, vec![], Some(format!("{}: {e}", t().indicators_failed))),
            Load::Ready(c) => c,
        };
        if catalog.version(&file.set).is_none() {
            return refuse(name, vec![HandoutError::UnknownSet { set: file.set.set.clone(), version: file.set.version.clone() }], None);
        }
        match state.set(&file.set) {
            Load::Pending => {}
            Load::Failed(e) => refuse(name, vec![], Some(format!("{}: {e}", t().indicators_failed))),
            Load::Ready(set) => {
                let errors = file.check(&set);
                if errors.is_empty() {
                    stage.set(Stage::HandoutReady { name, file, set });
                } else {
                    refuse(name, errors, None);
                }
            }
        }
    });
}

#[component]
fn Refused(
    name: String,
    errors: Vec<ResultFileError>,
    /// Errors already in words (a hand-out file's).
    #[prop(optional)]
    worded: Vec<String>,
    other: Option<String>,
) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let more = (errors.len() + worded.len()).saturating_sub(SHOWN_ERRORS);
    let items = errors.into_iter().take(SHOWN_ERRORS).map(|e| view! { <li>{move || (t().import_error)(&e)}</li> }).collect_view();
    let worded = worded.into_iter().take(SHOWN_ERRORS).map(|e| view! { <li>{e}</li> }).collect_view();
    view! {
        <section class="notice notice-error import-refused" role="alert" aria-labelledby="import-fel">
            <h2 id="import-fel">{move || (t().import_refused)(&name)}</h2>
            <ul>{items}{worded}{other.map(|o| view! { <li>{o}</li> })}</ul>
            {(more > 0).then(|| view! { <p>{move || (t().import_more_errors)(more)}</p> })}
            <p>{move || t().import_nothing_changed}</p>
        </section>
    }
}

/// What the file holds, the version to import into, and the buttons that import it.
#[component]
fn Preview(file: Arc<ResultFile>, set: Arc<IndicatorSet>, on_cancel: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    let navigate = use_navigate();
    let lang = move || state.lang.get();
    let offset = clock::utc_offset_minutes();

    // Into the file's own version, or carried to another version of the same set.
    let targets = {
        let from = file.set.clone();
        Memo::new(move |_| match state.catalog.get() {
            Load::Ready(c) => carry_targets(&c, &from),
            _ => Vec::new(),
        })
    };
    let target = RwSignal::new(file.set.clone());
    let carrying = {
        let own = file.set.clone();
        Memo::new(move |_| target.get() != own)
    };
    let probe = file.to_assessment(String::new(), Timestamp(0));
    let carried = use_carry(
        Signal::derive({
            let probe = probe.clone();
            move || Some(probe.clone())
        }),
        Signal::derive(move || Some(target.get())),
    );
    // What would be created, for the "already here?" question.
    let incoming = {
        let probe = probe.clone();
        Memo::new(move |_| {
            let to = target.get();
            let mut a = probe.clone();
            if to != a.set {
                a.title = carried_title(&a.title, &a.set.version, &to.version);
                a.set = to;
            }
            a
        })
    };
    let conflict = Memo::new(move |_| {
        incoming.with(|incoming| state.assessments.with(|all| find_conflict(all, incoming).map(|a| (a.title.clone(), a.updated))))
    });
    let ready = Memo::new(move |_| !carrying.get() || matches!(carried.get(), Some(Load::Ready(_))));

    let import = {
        let file = file.clone();
        move |as_copy: bool| {
            let now = clock::now();
            let id = ids::new_id();
            let own = file.to_assessment(id.clone(), now);
            let mut a = if carrying.get_untracked() {
                let Some(Load::Ready(c)) = carried.get_untracked() else { return };
                carried_assessment(&own, &target.get_untracked(), &c.carry, id.clone(), now)
            } else {
                let mut a = own;
                // Its content is in the file just read: not only in this browser.
                a.mark_exported(now);
                a
            };
            if as_copy {
                a.title = state.assessments.with_untracked(|all| copy_title(all, &a.title, t().duplicate_title_suffix));
            }
            state.create(a);
            navigate(&format!("/vardering/{id}"), Default::default());
        }
    };
    let import_copy = import.clone();
    let own_version = file.set.clone();

    view! {
        <section class="import-preview" aria-labelledby="import-kontroll">
            <h2 id="import-kontroll">{move || t().import_check_title}</h2>
            {
                let (file, set) = (file.clone(), set.clone());
                move || file_facts(&file, &set, lang())
            }
            <Show when=move || targets.with(|t| !t.is_empty())>
                <VersionChoice own=own_version.clone() targets=targets target=target/>
            </Show>
            {move || match carried.get() {
                Some(Load::Ready(c)) => view! { <CarryOverReport carried=c/> }.into_any(),
                Some(Load::Failed(e)) => view! { <p class="notice notice-error" role="alert">{t().carry_failed}": "{e}</p> }.into_any(),
                Some(Load::Pending) => view! { <p>{t().loading}</p> }.into_any(),
                None => ().into_any(),
            }}
            {move || match conflict.get() {
                Some((title, updated)) => view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="import-konflikt">
                        <p id="import-konflikt">{(t().import_conflict)(&title, &updated.date_time_sv(offset))}</p>
                        <button type="button" class="button-primary" disabled=move || !ready.get() on:click={
                            let import = import_copy.clone();
                            move |_| import(true)
                        }>{t().import_as_copy}</button>" "
                        <button type="button" on:click=move |_| on_cancel.run(())>{t().cancel}</button>
                    </div>
                }.into_any(),
                None => view! {
                    <p>
                        <button type="button" class="button-primary" disabled=move || !ready.get() on:click={
                            let import = import.clone();
                            move |_| import(false)
                        }>{t().import_button}</button>" "
                        <button type="button" on:click=move |_| on_cancel.run(())>{t().cancel}</button>
                    </p>
                }.into_any(),
            }}
        </section>
    }
}

/// What the file holds. The set's own name rule: "eBlomlådan 2026", the version only when the
/// title lacks it (the preview said "eBlomlådan 2026 2026").
fn file_facts(file: &ResultFile, set: &IndicatorSet, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let answered = file.answers.values().filter(|a| a.answer.is_some()).count();
    view! {
        <dl class="facts">
            <dt>{t.col_title}</dt><dd>{file.title.clone()}</dd>
            <dt>{t.col_kommun}</dt><dd>{format!("{} ({})", file.kommun.name, file.kommun.code)}</dd>
            <dt>{t.col_set}</dt><dd>{set.name(lang)}</dd>
            <dt>{t.col_progress}</dt><dd>{(t.import_answered)(answered, set.indicator_count())}</dd>
            <dt>{t.col_updated}</dt><dd>{file.updated.date_time_sv(clock::utc_offset_minutes())}</dd>
            {file.approval.clone().map(|ap| view! { <dt>{t.report_approval}</dt><dd>{ap}</dd> })}
        </dl>
    }
}

/// Into the file's own version, or carried to another version of the same set.
#[component]
fn VersionChoice(own: SetRef, targets: Memo<Vec<SetRef>>, target: RwSignal<SetRef>) -> impl IntoView {
    let state = use_app_state();
    let t = move || texts(state.lang.get());
    view! {
        <fieldset class="version-choice">
            <legend>{move || t().import_version_label}</legend>
                    {
                        let own = own.clone();
                        move || {
                            let mut choices = vec![own.clone()];
                            choices.extend(targets.get());
                            choices.into_iter().enumerate().map(|(i, r)| {
                                let label = if r == own { (t().import_version_as_file)(&r.version) } else { (t().import_version_carry)(&r.version) };
                                let radio_id = format!("importversion-{i}");
                                let checked = r.clone();
                                view! {
                                    <div class="choice">
                                        <input type="radio" name="importversion" id=radio_id.clone()
                                            prop:checked=move || target.get() == checked
                                            on:change=move |_| target.set(r.clone())/>
                                        <label for=radio_id>{label}</label>
                                    </div>
                                }
                            }).collect_view()
                        }
                    }
        </fieldset>
    }
}
