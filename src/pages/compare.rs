//! Jämför: my assessment next to the published results of all kommuner, my size group, my
//! län or a list I choose, with n. The published results are fetched once (answers only) and
//! compared here with the domain's comparison code, the same the server's statistics use.

use std::sync::Arc;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::comparison::{answering, compare, Fulfiller, Selection, Tally};
use blomlada_domain::distribution::{summarize, Distribution};
use blomlada_domain::flowerbox::{Aggregate, Heading};
use blomlada_domain::kommun::{self, Kommun};
use blomlada_domain::offline_results::{classify_file, gather, snapshot_results_url, FileOutcome, Gathered, SnapshotError};
use blomlada_domain::over_time::{others_of_same_kommun, over_time, OverTime, Sides};
use blomlada_domain::public_results::public_page_path;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::result_file::{ResultFileError, MAX_RESULT_BYTES};
use blomlada_domain::share_row::{basis_sentence, Basis, DASH};
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::{Assessment, IndicatorSet, Lang, Localized};
use leptos::prelude::*;
use serde::Deserialize;

use crate::app_state::{use_app_state, Load};
use crate::browser::file_read::PickedFile;
use crate::browser::storage;
use crate::components::assessment_frame::AssessmentFrame;
use crate::components::flower_box::{FlowerBox, Picture};
use crate::components::kommun_picker::KommunPicker;
use crate::i18n::texts;
use blomlada_domain::download_name::PictureName;

#[component]
pub fn Compare() -> impl IntoView {
    view! {
        <AssessmentFrame body=|set, handle| view! { <Comparing set=set assessment=handle.watch()/> }/>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    All,
    SizeGroup,
    Lan,
    List,
}

/// Where the published results come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Server,
    Snapshot,
    Files,
}

/// The published results from one source.
#[derive(Debug, Clone, PartialEq)]
enum Got {
    /// Nothing asked for yet (no snapshot address read, no file chosen).
    Idle,
    Loading,
    Ready(Arc<Vec<ResultFile>>),
    ServerFailed(String),
    SnapshotFailed(SnapshotError),
}

/// A picked file that is not used, with why.
#[derive(Debug, Clone, PartialEq)]
struct RefusedFile {
    name: String,
    errors: Vec<ResultFileError>,
    /// The browser could not read it.
    unreadable: bool,
}

#[derive(Deserialize)]
struct Published {
    results: Vec<ResultFile>,
}

async fn fetch_results(url: String) -> Result<Vec<ResultFile>, String> {
    crate::browser::http::get_json::<Published>(&url).await.map(|p| p.results)
}

fn selection_label(selection: &Selection, lang: Lang) -> String {
    match lang {
        Lang::Sv => selection.label_sv(),
        Lang::En => selection.label_en(),
    }
}

fn size_group_label(group: SizeGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => group.label_sv(),
        Lang::En => group.label_en(),
    }
}

#[component]
fn Comparing(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    let t = move || texts(lang());
    let source = RwSignal::new(Source::Server);
    let server = RwSignal::new(Got::Idle);
    let snapshot = RwSignal::new(Got::Idle);
    let snapshot_base = RwSignal::new(storage::load_snapshot_url().unwrap_or_default());
    // The results URL last asked for, and which request is the latest.
    let snapshot_read = RwSignal::new(String::new());
    let snapshot_request = StoredValue::new(0u32);
    let accepted = RwSignal::new(Vec::<(String, ResultFile)>::new());
    let other_version = RwSignal::new(0usize);
    let refused = RwSignal::new(Vec::<RefusedFile>::new());
    let reading = RwSignal::new(0usize);
    let dragging = RwSignal::new(false);
    let gathered = Memo::new(move |_| accepted.with(|a| gather(a.iter().cloned())));
    let results = Memo::new(move |_| match source.get() {
        Source::Server => server.get(),
        Source::Snapshot => snapshot.get(),
        Source::Files => gathered.with(|g| {
            if g.results.is_empty() {
                Got::Idle
            } else {
                Got::Ready(Arc::new(g.results.iter().map(|(_, r)| r.clone()).collect()))
            }
        }),
    });
    let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
    let mode = RwSignal::new(Mode::All);
    let chosen_list = RwSignal::new(Vec::<String>::new());
    let picked: RwSignal<Option<&'static Kommun>> = RwSignal::new(None);

    // The server's results, fetched once the server is the source (it is at first).
    {
        let url = format!("/api/v1/results?set={}&version={}", set.id, set.version);
        Effect::new(move |_| {
            if source.get() != Source::Server || server.get_untracked() != Got::Idle {
                return;
            }
            server.set(Got::Loading);
            let url = url.clone();
            leptos::task::spawn_local(async move {
                server.set(match fetch_results(url).await {
                    Ok(r) => Got::Ready(Arc::new(r)),
                    Err(e) => Got::ServerFailed(e),
                });
            });
        });
    }
    let read_snapshot = {
        let set_ref = set_ref.clone();
        move || {
            let base = snapshot_base.get_untracked();
            let url = match snapshot_results_url(&base, &set_ref) {
                Ok(url) => url,
                Err(e) => {
                    snapshot.set(Got::SnapshotFailed(e));
                    return;
                }
            };
            storage::save_snapshot_url(base.trim());
            let request = snapshot_request.get_value() + 1;
            snapshot_request.set_value(request);
            snapshot_read.set(url.clone());
            snapshot.set(Got::Loading);
            let set_ref = set_ref.clone();
            leptos::task::spawn_local(async move {
                let got = match crate::browser::snapshot::fetch_results(&url, &set_ref).await {
                    Ok(r) => Got::Ready(Arc::new(r)),
                    Err(e) => Got::SnapshotFailed(e),
                };
                // An answer to an earlier address is dropped.
                if snapshot_request.get_value() == request {
                    snapshot.set(got);
                }
            });
        }
    };
    // Picked or dropped files are read and checked one by one; none is saved.
    let take_files = {
        let set = set.clone();
        move |files: Vec<PickedFile>| {
            if files.is_empty() {
                return;
            }
            reading.update(|n| *n += files.len());
            let set = set.clone();
            leptos::task::spawn_local(async move {
                for picked in files {
                    let outcome = if picked.size > MAX_RESULT_BYTES as f64 {
                        Err(RefusedFile {
                            name: picked.name.clone(),
                            errors: vec![ResultFileError::TooLarge { size: picked.size as usize, limit: MAX_RESULT_BYTES }],
                            unreadable: false,
                        })
                    } else {
                        match picked.read().await {
                            Err(_) => Err(RefusedFile { name: picked.name.clone(), errors: vec![], unreadable: true }),
                            Ok(bytes) => {
                                let catalog = state.catalog.get_untracked();
                                let known = |r: &SetRef| matches!(&catalog, Load::Ready(c) if c.version(r).is_some());
                                match classify_file(&bytes, &set, known) {
                                    FileOutcome::Accepted(file) => Ok(Some(file)),
                                    FileOutcome::OtherVersion(_) => Ok(None),
                                    FileOutcome::Refused(errors) => {
                                        Err(RefusedFile { name: picked.name.clone(), errors, unreadable: false })
                                    }
                                }
                            }
                        }
                    };
                    match outcome {
                        Ok(Some(file)) => accepted.update(|a| a.push((picked.name.clone(), file))),
                        Ok(None) => other_version.update(|n| *n += 1),
                        Err(r) => refused.update(|list| list.push(r)),
                    }
                    reading.update(|n| *n = n.saturating_sub(1));
                }
            });
        }
    };
    // With files as the source, dropping files anywhere on the page adds them.
    {
        let take_files = take_files.clone();
        let over = window_event_listener(leptos::ev::dragover, move |ev| {
            if source.get_untracked() == Source::Files {
                ev.prevent_default();
                dragging.set(true);
            }
        });
        let leave = window_event_listener(leptos::ev::dragleave, move |_| dragging.set(false));
        let drop = window_event_listener(leptos::ev::drop, move |ev| {
            dragging.set(false);
            if source.get_untracked() == Source::Files {
                ev.prevent_default();
                take_files(PickedFile::all_from_drop(&ev));
            }
        });
        on_cleanup(move || {
            over.remove();
            leave.remove();
            drop.remove();
        });
    }
    // A kommun picked goes onto the list (once).
    Effect::new(move |_| {
        if let Some(k) = picked.get() {
            chosen_list.update(|l| {
                if !l.contains(&k.code) {
                    l.push(k.code.clone());
                }
            });
        }
    });

    let my_kommun = Memo::new(move |_| assessment.with(|a| a.as_ref().and_then(|a| kommun::by_code(&a.kommun.code))));
    let my_size = Memo::new(move |_| assessment.with(|a| a.as_ref().and_then(|a| a.population).map(SizeGroup::of_population)));
    let selection = Memo::new(move |_| match mode.get() {
        Mode::All => Some(Selection::All),
        Mode::SizeGroup => my_size.get().map(Selection::SizeGroup),
        Mode::Lan => my_kommun.get().map(|k| Selection::Lan(k.lan_code.clone())),
        Mode::List => Selection::kommuner(chosen_list.get()).ok(),
    });
    let comparison = {
        let set = set.clone();
        Memo::new(move |_| match (results.get(), selection.get()) {
            (Got::Ready(r), Some(sel)) => Some(compare(&set, r.iter(), &sel)),
            _ => None,
        })
    };
    // "Vilka uppfyller?": per indicator, the kommuner in the selection answering the best option.
    let fulfillers = {
        let set = set.clone();
        Memo::new(move |_| match (results.get(), selection.get(), set.best_option().map(|i| &set.scale.options[i])) {
            (Got::Ready(r), Some(sel), Some(top)) => Some(Arc::new(answering(&set, r.iter(), &sel, &top.key))),
            _ => None,
        })
    };
    let mine = {
        let set = set.clone();
        Memo::new(move |_| assessment.with(|a| a.as_ref().map(|a| summarize(&set, a))))
    };

    let radio = move |value: Mode,
                      id: &'static str,
                      label: Box<dyn Fn() -> String + Send + Sync>,
                      disabled: Box<dyn Fn() -> bool + Send + Sync>| {
        view! {
            <div class="choice">
                <input type="radio" name="urval" id=id
                    prop:checked=move || mode.get() == value
                    disabled=disabled
                    on:change=move |_| mode.set(value)/>
                <label for=id>{label}</label>
            </div>
        }
    };

    let source_radio = {
        let read_snapshot = read_snapshot.clone();
        move |value: Source, id: &'static str, label: Box<dyn Fn() -> String + Send + Sync>| {
            let read_snapshot = read_snapshot.clone();
            view! {
                <div class="choice">
                    <input type="radio" name="kalla" id=id
                        prop:checked=move || source.get() == value
                        on:change=move |_| {
                            source.set(value);
                            // A remembered snapshot address is read at once.
                            if value == Source::Snapshot && snapshot.get_untracked() == Got::Idle && !snapshot_base.get_untracked().trim().is_empty() {
                                read_snapshot();
                            }
                        }/>
                    <label for=id>{label}</label>
                </div>
            }
        }
    };

    let table = {
        let set = set.clone();
        move || {
            let lang = lang();
            let t = texts(lang);
            let (Some(c), Some(mine)) = (comparison.get(), mine.get()) else { return ().into_any() };
            let label = selection_label(&c.selection, lang);
            let k = set.scale.options.len();
            let option_labels: Vec<String> = set.scale.options.iter().map(|o| o.label.get(lang).to_string()).collect();
            let option_headers = || option_labels.iter().map(|l| view! { <th scope="col">{l.clone()}</th> }).collect_view();
            // An answer that does not count ("ej relevant") is shown as a count, never as a share.
            // Both sides are the domain's ShareRow: shares of the counted answers, whole
            // percentages adding up to 100, "ej relevant" as a count, a dash for no data.
            let counting = set.counting();
            let counting_theirs = counting.clone();
            let counting_indicators = counting.clone();
            let mine_cells = move |d: &Distribution| {
                let row = d.row(&counting);
                (0..d.counts.len()).map(|i| view! { <td>{row.text(i, false, lang)}</td> }).collect_view()
            };
            let theirs_cells = move |tally: &Tally| {
                let row = tally.row(&counting_theirs);
                let n = tally.results;
                view! {
                    {(0..tally.counts.len()).map(|i| view! { <td>{row.text(i, false, lang)}</td> }).collect_view()}
                    <td>{n}</td>
                }
            };
            let body = set
                .areas
                .iter()
                .zip(&mine.areas)
                .zip(&c.areas)
                .map(|((area, my_area), their_area)| {
                    let groups = area
                        .groups
                        .iter()
                        .zip(&my_area.groups)
                        .zip(&their_area.groups)
                        .map(|((group, my_group), their_group)| {
                            view! {
                                <tr>
                                    <th scope="row" class="group-row">{group.title.get(lang).to_string()}</th>
                                    {mine_cells(&my_group.distribution)}
                                    {theirs_cells(&their_group.tally)}
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <tbody>
                            <tr class="area-row">
                                <th scope="row">{area.title.get(lang).to_string()}</th>
                                {mine_cells(&my_area.distribution)}
                                {theirs_cells(&their_area.tally)}
                            </tr>
                            {groups}
                        </tbody>
                    }
                })
                .collect_view();
            let best = set.best_option().unwrap_or(0);
            let first_key_label = set.scale.options.get(best).map(|o| o.label.get(lang).to_string()).unwrap_or_default();
            let my_answers = assessment.get();
            let indicator_rows = set
                .placed()
                .zip(&c.indicators)
                .map(|(p, tally)| {
                    let answer = my_answers
                        .as_ref()
                        .and_then(|a| a.answer_of(&p.indicator.id))
                        .and_then(|key| set.option(key))
                        .map(|o| o.label.get(lang).to_string())
                        .unwrap_or_else(|| t.publish_not_answered.to_string());
                    let share = tally.tally.row(&counting_indicators).text(best, false, lang);
                    let who = fulfillers.with(|f| f.as_ref().and_then(|f| f.get(&p.indicator.id).cloned())).unwrap_or_default();
                    view! {
                        <tr>
                            <td>{p.indicator.text.get(lang).to_string()}</td>
                            <td>{answer}</td>
                            <td>{share}</td>
                            <td>{tally.tally.results}</td>
                            <td>{who_cell(who, lang)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <p aria-live="polite">{(t.compare_n)(c.n())}</p>
                {(!c.chosen_without_result().is_empty()).then(|| view! {
                    <p class="notice notice-info">{(t.compare_without_result)(&c.chosen_without_result().join(", "))}</p>
                })}
                {(c.n() == 0).then(|| view! { <p class="notice notice-info">{t.compare_none}</p> })}
                <div class="table-wrap" tabindex="0" role="region" aria-label=(t.compare_caption)(&label, c.n())>
                    <table class="summary">
                        <caption>{(t.compare_caption)(&label, c.n())}</caption>
                        <thead>
                            <tr>
                                <th scope="col" rowspan="2">{t.col_area_group}</th>
                                <th scope="colgroup" colspan=k.to_string()>{t.compare_mine}</th>
                                <th scope="colgroup" colspan=(k + 1).to_string()>{label.clone()}</th>
                            </tr>
                            <tr>{option_headers()}{option_headers()}<th scope="col"><abbr title=t.compare_n_title>"n"</abbr></th></tr>
                        </thead>
                        {body}
                        <tfoot>
                            <tr>
                                <th scope="row">{t.total_row}</th>
                                {mine_cells(&mine.total)}
                                {theirs_cells(&c.total)}
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <p class="basis">{basis_sentence(Basis::CountedAnswers, true, lang)}</p>
                <details class="details">
                    <summary>{t.compare_by_indicator}</summary>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.compare_by_indicator>
                        <table>
                            <caption>{t.compare_by_indicator}</caption>
                            <thead><tr>
                                <th scope="col">{t.publish_col_indicator}</th>
                                <th scope="col">{t.compare_col_answer}</th>
                                <th scope="col">{(t.compare_col_share)(&first_key_label, &label)}</th>
                                <th scope="col"><abbr title=t.compare_n_title>"n"</abbr></th>
                                <th scope="col">{t.compare_col_who}</th>
                            </tr></thead>
                            <tbody>{indicator_rows}</tbody>
                        </table>
                    </div>
                </details>
            }
            .into_any()
        }
    };

    let box_set = set.clone();
    view! {
        <h1>{move || t().compare_title}</h1>
        <p class="lead">{move || assessment.with(|a| a.as_ref().map(|a| format!("{} · {}", a.kommun.name, a.title)).unwrap_or_default())}</p>
        <p>{move || t().compare_intro}</p>
        <fieldset class="choices">
            <legend>{move || t().compare_source}</legend>
            {source_radio(Source::Server, "kalla-server", Box::new(move || t().compare_source_server.to_string()))}
            {source_radio(Source::Snapshot, "kalla-snapshot", Box::new(move || t().compare_source_snapshot.to_string()))}
            {source_radio(Source::Files, "kalla-filer", Box::new(move || t().compare_source_files.to_string()))}
        </fieldset>
        {move || match source.get() {
            Source::Server => ().into_any(),
            Source::Snapshot => {
                let read_snapshot = read_snapshot.clone();
                view! {
                    <form class="stack snapshot-form" novalidate
                        on:submit=move |ev| {
                            ev.prevent_default();
                            read_snapshot();
                        }>
                        <label for="snapshot-url">{t().compare_snapshot_url}</label>
                        <input id="snapshot-url" type="url" inputmode="url" autocomplete="url" aria-describedby="snapshot-url-hint"
                            prop:value=move || snapshot_base.get()
                            on:input=move |ev| snapshot_base.set(event_target_value(&ev))/>
                        <p id="snapshot-url-hint" class="hint">{t().compare_snapshot_hint}</p>
                        <p><button type="submit">{t().compare_snapshot_read}</button></p>
                    </form>
                }
                .into_any()
            }
            Source::Files => {
                let take_files = take_files.clone();
                view! {
                    <div class="drop-zone" class:drag-over=move || dragging.get()>
                        <label for="jamfor-filer">{t().compare_files_choose}</label>
                        <input id="jamfor-filer" type="file" multiple accept=".json,application/json" aria-describedby="jamfor-filer-hint"
                            on:change=move |ev| {
                                let input = event_target::<web_sys::HtmlInputElement>(&ev);
                                take_files(PickedFile::all_from_input(&input));
                                // Choosing the same files again is a new attempt.
                                input.set_value("");
                            }/>
                        <p id="jamfor-filer-hint" class="hint">{t().compare_files_hint}</p>
                    </div>
                }
                .into_any()
            }
        }}
        <div class="source-status" aria-live="polite">
            {move || {
                let t = t();
                match (source.get(), results.get()) {
                    (Source::Files, _) => files_status(gathered.get(), other_version.get(), refused.get(), reading.get(), lang(), Callback::new(move |_| {
                        accepted.set(Vec::new());
                        other_version.set(0);
                        refused.set(Vec::new());
                    })),
                    (_, Got::Loading) => match source.get() {
                        Source::Snapshot => view! { <p>{(t.compare_snapshot_reading)(&snapshot_read.get())}</p> }.into_any(),
                        _ => view! { <p>{t.loading}</p> }.into_any(),
                    },
                    (Source::Snapshot, Got::Idle) => view! { <p class="hint">{t.compare_snapshot_pending}</p> }.into_any(),
                    (Source::Snapshot, Got::Ready(r)) => view! { <p>{(t.compare_snapshot_read_ok)(r.len(), &snapshot_read.get())}</p> }.into_any(),
                    (_, Got::SnapshotFailed(e)) => view! { <p class="notice notice-error" role="alert">{(t.compare_snapshot_error)(&e)}</p> }.into_any(),
                    (_, Got::ServerFailed(e)) => view! {
                        <div class="notice notice-error" role="alert">
                            <p>{t.compare_failed}" ("{e}")"</p>
                            <p>{t.compare_failed_hint}</p>
                        </div>
                    }.into_any(),
                    _ => ().into_any(),
                }
            }}
        </div>
        <fieldset class="choices">
            <legend>{move || t().compare_with}</legend>
            {radio(Mode::All, "urval-alla", Box::new(move || t().compare_all.to_string()), Box::new(|| false))}
            {radio(
                Mode::SizeGroup,
                "urval-storlek",
                Box::new(move || match my_size.get() {
                    Some(g) => (t().compare_size_group)(size_group_label(g, lang())),
                    None => t().compare_size_group_missing.to_string(),
                }),
                Box::new(move || my_size.get().is_none()),
            )}
            {radio(
                Mode::Lan,
                "urval-lan",
                Box::new(move || (t().compare_lan)(&my_kommun.get().map(|k| k.lan.clone()).unwrap_or_default())),
                Box::new(move || my_kommun.get().is_none()),
            )}
            {radio(Mode::List, "urval-lista", Box::new(move || t().compare_list.to_string()), Box::new(|| false))}
        </fieldset>
        <Show when=move || mode.get() == Mode::List>
            <div class="stack">
                <KommunPicker chosen=picked/>
                {move || {
                    let list = chosen_list.get();
                    if list.is_empty() {
                        view! { <p class="hint">{t().compare_list_empty}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="chosen-kommuner">
                                {list.into_iter().map(|code| {
                                    let name = kommun::by_code(&code).map(|k| k.name.clone()).unwrap_or_else(|| code.clone());
                                    let remove = code.clone();
                                    view! {
                                        <li>
                                            {name.clone()}" "
                                            <button type="button" class="link-button" aria-label=(t().compare_remove)(&name)
                                                on:click=move |_| {
                                                    chosen_list.update(|l| l.retain(|c| *c != remove));
                                                    if picked.get_untracked().is_some_and(|k| k.code == remove) { picked.set(None); }
                                                }>
                                                {t().delete}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }}
            </div>
        </Show>
        {table}
        <Show when=move || comparison.with(Option::is_some)>
            <SelectionBox set=box_set.clone() comparison=comparison/>
        </Show>
        <OwnOverTime set=set.clone() assessment=assessment/>
    }
}

/// What the picked files gave: used (one per kommun), replaced, other versions, refused.
fn files_status(
    gathered: Gathered,
    other_version: usize,
    refused: Vec<RefusedFile>,
    reading: usize,
    lang: Lang,
    clear: Callback<()>,
) -> AnyView {
    let t = texts(lang);
    let nothing = gathered.results.is_empty() && other_version == 0 && refused.is_empty();
    let used = (!gathered.results.is_empty()).then(|| {
        let items =
            gathered.results.iter().map(|(name, r)| view! { <li>{format!("{name}: {} – {}", r.kommun.name, r.title)}</li> }).collect_view();
        view! { <p>{(t.compare_files_used)(gathered.results.len())}</p><ul class="used-files">{items}</ul> }
    });
    let replaced = (!gathered.replaced.is_empty()).then(|| {
        let items = gathered
            .replaced
            .iter()
            .map(|r| view! { <li>{(t.compare_files_replaced)(&r.kommun, &r.earlier, &r.later)}</li> })
            .collect_view();
        view! { <ul class="notice notice-info replaced-files">{items}</ul> }
    });
    let refused_view = (!refused.is_empty()).then(|| {
        let count = refused.len();
        let items = refused
            .into_iter()
            .map(|r| {
                let reasons = r.errors.iter().map(|e| view! { <li>{(t.import_error)(e)}</li> }).collect_view();
                let unreadable = r.unreadable.then(|| view! { <li>{t.import_unreadable_file}</li> });
                view! { <li><strong>{r.name}</strong><ul>{reasons}{unreadable}</ul></li> }
            })
            .collect_view();
        view! {
            <div class="notice notice-error refused-files" role="alert">
                <p>{(t.compare_files_refused)(count)}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        {(reading > 0).then(|| view! { <p>{t.compare_files_reading}</p> })}
        {(nothing && reading == 0).then(|| view! { <p class="hint">{t.compare_files_none}</p> })}
        {used}
        {replaced}
        {(other_version > 0).then(|| view! { <p class="notice notice-info">{(t.compare_files_other_version)(other_version)}</p> })}
        {refused_view}
        {(!nothing).then(|| view! { <p><button type="button" on:click=move |_| clear.run(())>{t.compare_files_clear}</button></p> })}
    }
    .into_any()
}

/// This browser's other assessments of the same kommun (any version of the set), each side by
/// side with this one per area and group, across versions through the concordance.
#[component]
fn OwnOverTime(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let others = Memo::new(move |_| {
        let all = state.assessments.get();
        assessment.with(|a| a.as_ref().map(|a| others_of_same_kommun(a, &all).into_iter().cloned().collect::<Vec<_>>()).unwrap_or_default())
    });
    let list = move || {
        let list = others.get();
        if list.is_empty() {
            return view! { <p class="hint">{t().compare_own_none}</p> }.into_any();
        }
        list.into_iter().map(|other| view! { <OverTimeTable set=set.clone() assessment=assessment other=other/> }).collect_view().into_any()
    };
    view! {
        <section class="over-time" aria-labelledby="over-tid">
            <h2 id="over-tid">{move || t().compare_own_title}</h2>
            <p>{move || t().compare_own_intro}</p>
            {list}
        </section>
    }
}

#[component]
fn OverTimeTable(set: Arc<IndicatorSet>, assessment: Memo<Option<Assessment>>, other: Assessment) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let other_name = format!("{} ({})", other.title, state.set_label(&other.set));
    // Ready(None): nothing comparable (no concordance between the versions).
    let computed = {
        let set = set.clone();
        let other = other.clone();
        Memo::new(move |_| -> Load<Option<OverTime>> {
            let Some(current) = assessment.get() else { return Load::Pending };
            if other.set.version == set.version {
                return Load::Ready(over_time(&set, &current, &other, None));
            }
            match state.concordance(&set.id, &other.set.version, &set.version) {
                None | Some(Load::Failed(_)) => Load::Ready(None),
                Some(Load::Pending) => Load::Pending,
                Some(Load::Ready(c)) => {
                    let pairs = c.comparable_pairs(&other.set.version, &set.version);
                    Load::Ready(pairs.and_then(|p| over_time(&set, &current, &other, Some(&p))))
                }
            }
        })
    };
    move || {
        let lang_now = lang.get();
        let t = texts(lang_now);
        let this_name = assessment.with(|a| a.as_ref().map(|a| a.title.clone()).unwrap_or_default());
        let heading = (t.compare_own_caption)(&format!("{} ({})", t.compare_own_this, this_name), &other_name);
        let body = match computed.get() {
            Load::Pending => view! { <p>{t.loading}</p> }.into_any(),
            Load::Failed(_) | Load::Ready(None) => view! { <p class="notice notice-info">{t.compare_own_no_concordance}</p> }.into_any(),
            Load::Ready(Some(o)) => over_time_table(&set, &o, &heading, &other_name, lang_now).into_any(),
        };
        view! {
            <div class="over-time-item">
                <h3>{heading.clone()}</h3>
                {body}
            </div>
        }
    }
}

fn over_time_table(set: &IndicatorSet, o: &OverTime, caption: &str, other_name: &str, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    let k = set.scale.options.len();
    let counting = set.counting();
    let headers = || set.scale.options.iter().map(|o| view! { <th scope="col">{o.label.get(lang).to_string()}</th> }).collect_view();
    let cells = move |sides: &Sides| {
        let shares = |d: &Distribution| {
            let row = d.row(&counting);
            (0..k)
                .map(|i| {
                    let text = if sides.indicators() == 0 { DASH.to_string() } else { row.text(i, false, lang) };
                    view! { <td>{text}</td> }
                })
                .collect_view()
        };
        view! { {shares(&sides.current)}{shares(&sides.other)}<td>{sides.indicators()}</td> }
    };
    let body = set
        .areas
        .iter()
        .zip(&o.areas)
        .map(|(area, sides)| {
            let groups = area
                .groups
                .iter()
                .zip(&sides.groups)
                .map(|(group, g)| {
                    view! {
                        <tr><th scope="row" class="group-row">{group.title.get(lang).to_string()}</th>{cells(&g.sides)}</tr>
                    }
                })
                .collect_view();
            view! {
                <tbody>
                    <tr class="area-row"><th scope="row">{area.title.get(lang).to_string()}</th>{cells(&sides.sides)}</tr>
                    {groups}
                </tbody>
            }
        })
        .collect_view();
    view! {
        <p class="over-time-comparable">{(t.compare_own_comparable)(o.comparable, o.of)}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption.to_string()>
            <table class="summary">
                <caption>{caption.to_string()}</caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{t.col_area_group}</th>
                        <th scope="colgroup" colspan=k.to_string()>{t.compare_own_this}</th>
                        <th scope="colgroup" colspan=k.to_string()>{other_name.to_string()}</th>
                        <th scope="col" rowspan="2">{t.fb_col_indicators}</th>
                    </tr>
                    <tr>{headers()}{headers()}</tr>
                </thead>
                {body}
                <tfoot><tr><th scope="row">{t.total_row}</th>{cells(&o.total)}</tr></tfoot>
            </table>
        </div>
        <p class="basis">{basis_sentence(Basis::CountedAnswers, false, lang)}</p>
    }
}

/// "Vilka uppfyller?" for one indicator: a disclosure listing the kommuner, each with its
/// public evidence link (http/https only, checked in the domain) shown by its host: another
/// kommun's link says where it goes, not what its publisher wrote.
fn who_cell(who: Vec<Fulfiller>, lang: Lang) -> AnyView {
    let t = texts(lang);
    if who.is_empty() {
        return view! { <span class="hint">{t.compare_who_none}</span> }.into_any();
    }
    let count = who.len();
    let items = who
        .into_iter()
        .map(|f| {
            let shown = f.evidence.and_then(|href| Some((blomlada_domain::web_link::link_host(&href)?, href)));
            let link = match shown {
                Some((host, href)) => view! { " – "<a href=href rel="noopener noreferrer">{host}</a> }.into_any(),
                None => view! { " – "<span class="hint">{t.compare_who_no_link}</span> }.into_any(),
            };
            // The kommun's public page (served as HTML by the server, outside the app).
            let page = public_page_path(Some(&f.code), lang);
            view! { <li><a class="who-name" href=page rel="external">{f.name}</a>{link}</li> }
        })
        .collect_view();
    view! {
        <details class="who">
            <summary>{(t.compare_who)(count)}</summary>
            <ul class="who-list">{items}</ul>
        </details>
    }
    .into_any()
}

/// The aggregate flower box of the selection, with its table of the same numbers.
#[component]
fn SelectionBox(set: Arc<IndicatorSet>, comparison: Memo<Option<blomlada_domain::comparison::Comparison>>) -> impl IntoView {
    let state = use_app_state();
    let lang = state.lang;
    let t = move || texts(lang.get());
    let picture = Signal::derive(move || {
        comparison.with(|c| match c {
            Some(c) => Picture::Aggregate(c.aggregate(Some(Localized {
                sv: selection_label(&c.selection, Lang::Sv),
                en: Some(selection_label(&c.selection, Lang::En)),
            }))),
            None => Picture::Aggregate(Aggregate::default()),
        })
    });
    let box_label = move || {
        comparison
            .with(|c| c.as_ref().map(|c| (t().compare_box_label)(&selection_label(&c.selection, lang.get()), c.n())).unwrap_or_default())
    };
    let set_name = {
        let set = set.clone();
        move || set.name(lang.get())
    };
    let heading = {
        let set_name = set_name.clone();
        Signal::derive(move || Heading { title: box_label(), subtitle: Some(set_name()) })
    };
    let file_name = {
        let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
        Signal::derive(move || {
            let who = comparison.with(|c| c.as_ref().map(|c| selection_label(&c.selection, Lang::Sv)).unwrap_or_default());
            PictureName::of_selection(&who, &set_ref)
        })
    };
    view! {
        <section class="selection-box" aria-labelledby="urval-blomlada">
            <h2 id="urval-blomlada">{move || t().compare_box_title}</h2>
            <p class="selection-box-label">{box_label}</p>
            <p>{move || t().compare_box_intro}</p>
            <FlowerBox set=set picture=picture lang=lang heading=heading file_name=file_name/>
        </section>
    }
}
