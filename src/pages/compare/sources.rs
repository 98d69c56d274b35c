//! Where the published results come from: the server, an open-data snapshot at an address I
//! give, or result files I pick or drop. Each source's state, reading and status live here;
//! the page gets the results of the source chosen.

use std::sync::Arc;

use blomlada_domain::catalog::{Catalog, SetRef};
use blomlada_domain::offline_results::{classify_file, gather, snapshot_results_url, FileOutcome, Gathered, SnapshotError};
use blomlada_domain::result_file::{ResultFile, ResultFileError, MAX_RESULT_BYTES};
use blomlada_domain::{IndicatorSet, Lang};
use leptos::prelude::*;
use serde::Deserialize;

use crate::app_state::{use_app_state, Load};
use crate::browser::file_read::PickedFile;
use crate::browser::storage;
use crate::i18n::texts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Server,
    Snapshot,
    Files,
}

/// The published results from one source.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Got {
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

/// Every source's state. `results` is the chosen source's.
#[derive(Clone, Copy)]
pub(super) struct Sources {
    source: RwSignal<Source>,
    server: RwSignal<Got>,
    snapshot: RwSignal<Got>,
    snapshot_base: RwSignal<String>,
    /// The results address last asked for, and which request is the latest.
    snapshot_read: RwSignal<String>,
    snapshot_request: StoredValue<u32>,
    accepted: RwSignal<Vec<(String, ResultFile)>>,
    other_version: RwSignal<usize>,
    refused: RwSignal<Vec<RefusedFile>>,
    reading: RwSignal<usize>,
    dragging: RwSignal<bool>,
    gathered: Memo<Gathered>,
    set: StoredValue<Arc<IndicatorSet>>,
    /// The app's catalog, taken while the page is built: a file's check runs in a task, where
    /// there is no context to ask.
    catalog: RwSignal<Load<Arc<Catalog>>>,
    pub results: Memo<Got>,
}

pub(super) fn sources_for(set: Arc<IndicatorSet>) -> Sources {
    let source = RwSignal::new(Source::Server);
    let server = RwSignal::new(Got::Idle);
    let snapshot = RwSignal::new(Got::Idle);
    let accepted = RwSignal::new(Vec::<(String, ResultFile)>::new());
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
    let sources = Sources {
        source,
        server,
        snapshot,
        snapshot_base: RwSignal::new(storage::load_snapshot_url().unwrap_or_default()),
        snapshot_read: RwSignal::new(String::new()),
        snapshot_request: StoredValue::new(0),
        accepted,
        other_version: RwSignal::new(0),
        refused: RwSignal::new(Vec::new()),
        reading: RwSignal::new(0),
        dragging: RwSignal::new(false),
        gathered,
        set: StoredValue::new(set),
        catalog: use_app_state().catalog,
        results,
    };
    sources.fetch_from_server_when_chosen();
    sources.take_dropped_files();
    sources
}

impl Sources {
    fn set_ref(&self) -> SetRef {
        self.set.with_value(|s| SetRef { set: s.id.clone(), version: s.version.clone() })
    }

    /// The server's results, fetched once the server is the source (it is at first).
    fn fetch_from_server_when_chosen(self) {
        let r = self.set_ref();
        let url = format!("/api/v1/results?set={}&version={}", r.set, r.version);
        Effect::new(move |_| {
            if self.source.get() != Source::Server || self.server.get_untracked() != Got::Idle {
                return;
            }
            self.server.set(Got::Loading);
            let url = url.clone();
            leptos::task::spawn_local(async move {
                let got = crate::browser::http::get_json::<Published>(&url).await;
                self.server.set(match got {
                    Ok(p) => Got::Ready(Arc::new(p.results)),
                    Err(e) => Got::ServerFailed(e),
                });
            });
        });
    }

    fn read_snapshot(self) {
        let set_ref = self.set_ref();
        let base = self.snapshot_base.get_untracked();
        let url = match snapshot_results_url(&base, &set_ref) {
            Ok(url) => url,
            Err(e) => {
                self.snapshot.set(Got::SnapshotFailed(e));
                return;
            }
        };
        storage::save_snapshot_url(base.trim());
        let request = self.snapshot_request.get_value() + 1;
        self.snapshot_request.set_value(request);
        self.snapshot_read.set(url.clone());
        self.snapshot.set(Got::Loading);
        leptos::task::spawn_local(async move {
            let got = match crate::browser::snapshot::fetch_results(&url, &set_ref).await {
                Ok(r) => Got::Ready(Arc::new(r)),
                Err(e) => Got::SnapshotFailed(e),
            };
            // An answer to an earlier address is dropped.
            if self.snapshot_request.get_value() == request {
                self.snapshot.set(got);
            }
        });
    }

    /// Picked or dropped files are read and checked one by one; none is saved.
    fn take_files(self, files: Vec<PickedFile>) {
        if files.is_empty() {
            return;
        }
        self.reading.update(|n| *n += files.len());
        leptos::task::spawn_local(async move {
            for picked in files {
                match self.check_file(&picked).await {
                    Ok(Some(file)) => self.accepted.update(|a| a.push((picked.name.clone(), file))),
                    Ok(None) => self.other_version.update(|n| *n += 1),
                    Err(r) => self.refused.update(|list| list.push(r)),
                }
                self.reading.update(|n| *n = n.saturating_sub(1));
            }
        });
    }

    /// A file's result, `None` for another version of the set, or why it is refused.
    async fn check_file(self, picked: &PickedFile) -> Result<Option<ResultFile>, RefusedFile> {
        let refused = |errors, unreadable| RefusedFile { name: picked.name.clone(), errors, unreadable };
        if picked.size > MAX_RESULT_BYTES as f64 {
            return Err(refused(vec![ResultFileError::TooLarge { size: picked.size as usize, limit: MAX_RESULT_BYTES }], false));
        }
        let bytes = picked.read().await.map_err(|_| refused(vec![], true))?;
        let catalog = self.catalog.get_untracked();
        let known = |r: &SetRef| matches!(&catalog, Load::Ready(c) if c.version(r).is_some());
        match self.set.with_value(|set| classify_file(&bytes, set, known)) {
            FileOutcome::Accepted(file) => Ok(Some(file)),
            FileOutcome::OtherVersion(_) => Ok(None),
            FileOutcome::Refused(errors) => Err(refused(errors, false)),
        }
    }

    /// With files as the source, dropping files anywhere on the page adds them.
    fn take_dropped_files(self) {
        let over = window_event_listener(leptos::ev::dragover, move |ev| {
            if self.source.get_untracked() == Source::Files {
                ev.prevent_default();
                self.dragging.set(true);
            }
        });
        let leave = window_event_listener(leptos::ev::dragleave, move |_| self.dragging.set(false));
        let drop = window_event_listener(leptos::ev::drop, move |ev| {
            self.dragging.set(false);
            if self.source.get_untracked() == Source::Files {
                ev.prevent_default();
                self.take_files(PickedFile::all_from_drop(&ev));
            }
        });
        on_cleanup(move || {
            over.remove();
            leave.remove();
            drop.remove();
        });
    }

    fn choose(self, value: Source) {
        self.source.set(value);
        // A remembered snapshot address is read at once.
        if value == Source::Snapshot && self.snapshot.get_untracked() == Got::Idle && !self.snapshot_base.get_untracked().trim().is_empty()
        {
            self.read_snapshot();
        }
    }

    fn clear_files(self) {
        self.accepted.set(Vec::new());
        self.other_version.set(0);
        self.refused.set(Vec::new());
    }
}

/// The choice of source, the snapshot's address or the file picker, and what the source gave.
#[component]
pub(super) fn SourceChoice(sources: Sources) -> impl IntoView {
    let state = use_app_state();
    let lang = move || state.lang.get();
    let t = move || texts(lang());
    let radio = move |value: Source, id: &'static str, label: fn(Lang) -> &'static str| {
        view! {
            <div class="choice">
                <input type="radio" name="kalla" id=id
                    prop:checked=move || sources.source.get() == value
                    on:change=move |_| sources.choose(value)/>
                <label for=id>{move || label(lang())}</label>
            </div>
        }
    };
    view! {
        <fieldset class="choices">
            <legend>{move || t().compare_source}</legend>
            {radio(Source::Server, "kalla-server", |l| texts(l).compare_source_server)}
            {radio(Source::Snapshot, "kalla-snapshot", |l| texts(l).compare_source_snapshot)}
            {radio(Source::Files, "kalla-filer", |l| texts(l).compare_source_files)}
        </fieldset>
        {move || match sources.source.get() {
            Source::Server => ().into_any(),
            Source::Snapshot => snapshot_form(sources, lang()).into_any(),
            Source::Files => file_picker(sources, lang()).into_any(),
        }}
        <div class="source-status" aria-live="polite">{move || status(sources, lang())}</div>
    }
}

fn snapshot_form(sources: Sources, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    view! {
        <form class="stack snapshot-form" novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                sources.read_snapshot();
            }>
            <label for="snapshot-url">{t.compare_snapshot_url}</label>
            <input id="snapshot-url" type="url" inputmode="url" autocomplete="url" aria-describedby="snapshot-url-hint"
                prop:value=move || sources.snapshot_base.get()
                on:input=move |ev| sources.snapshot_base.set(event_target_value(&ev))/>
            <p id="snapshot-url-hint" class="hint">{t.compare_snapshot_hint}</p>
            <p><button type="submit">{t.compare_snapshot_read}</button></p>
        </form>
    }
}

fn file_picker(sources: Sources, lang: Lang) -> impl IntoView {
    let t = texts(lang);
    view! {
        <div class="drop-zone" class:drag-over=move || sources.dragging.get()>
            <label for="jamfor-filer">{t.compare_files_choose}</label>
            <input id="jamfor-filer" type="file" multiple accept=".json,application/json" aria-describedby="jamfor-filer-hint"
                on:change=move |ev| {
                    let input = event_target::<web_sys::HtmlInputElement>(&ev);
                    sources.take_files(PickedFile::all_from_input(&input));
                    // Choosing the same files again is a new attempt.
                    input.set_value("");
                }/>
            <p id="jamfor-filer-hint" class="hint">{t.compare_files_hint}</p>
        </div>
    }
}

fn status(sources: Sources, lang: Lang) -> AnyView {
    let t = texts(lang);
    let source = sources.source.get();
    match (source, sources.results.get()) {
        (Source::Files, _) => files_status(sources, lang),
        (Source::Snapshot, Got::Loading) => view! { <p>{(t.compare_snapshot_reading)(&sources.snapshot_read.get())}</p> }.into_any(),
        (_, Got::Loading) => view! { <p>{t.loading}</p> }.into_any(),
        (Source::Snapshot, Got::Idle) => view! { <p class="hint">{t.compare_snapshot_pending}</p> }.into_any(),
        (Source::Snapshot, Got::Ready(r)) => {
            view! { <p>{(t.compare_snapshot_read_ok)(r.len(), &sources.snapshot_read.get())}</p> }.into_any()
        }
        (_, Got::SnapshotFailed(e)) => {
            view! { <p class="notice notice-error" role="alert">{(t.compare_snapshot_error)(&e)}</p> }.into_any()
        }
        (_, Got::ServerFailed(e)) => view! {
            <div class="notice notice-error" role="alert">
                <p>{t.compare_failed}" ("{e}")"</p>
                <p>{t.compare_failed_hint}</p>
            </div>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// What the picked files gave: used (one per kommun), replaced, other versions, refused.
fn files_status(sources: Sources, lang: Lang) -> AnyView {
    let t = texts(lang);
    let gathered = sources.gathered.get();
    let (other_version, refused, reading) = (sources.other_version.get(), sources.refused.get(), sources.reading.get());
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
    view! {
        {(reading > 0).then(|| view! { <p>{t.compare_files_reading}</p> })}
        {(nothing && reading == 0).then(|| view! { <p class="hint">{t.compare_files_none}</p> })}
        {used}
        {replaced}
        {(other_version > 0).then(|| view! { <p class="notice notice-info">{(t.compare_files_other_version)(other_version)}</p> })}
        {refused_files(refused, lang)}
        {(!nothing).then(|| view! { <p><button type="button" on:click=move |_| sources.clear_files()>{t.compare_files_clear}</button></p> })}
    }
    .into_any()
}

fn refused_files(refused: Vec<RefusedFile>, lang: Lang) -> Option<impl IntoView> {
    let t = texts(lang);
    (!refused.is_empty()).then(|| {
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
    })
}
