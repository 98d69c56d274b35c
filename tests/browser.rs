//! Component and storage tests that need a real browser: run in Chromium by
//! `cargo test -p blomlada --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use blomlada::browser::storage;
use blomlada_domain::catalog::SetRef;
use blomlada_domain::saved::{self, SavedError};
use blomlada_domain::{Assessment, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sample_assessment(id: &str) -> Assessment {
    Assessment::new(
        id.into(),
        "Test".into(),
        "1880",
        Some(160_000),
        SetRef { set: "eblomlada".into(), version: "2026".into() },
        Timestamp(1),
    )
    .unwrap()
}

fn clear_storage() {
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
fn saved_assessments_load_back_and_broken_entries_are_kept_aside() {
    clear_storage();
    let good = sample_assessment("abc");
    storage::write_raw(&storage::assessment_key("abc"), &saved::encode(&good)).unwrap();
    storage::write_raw(&storage::assessment_key("broken"), "{\"storage_format\":1,\"assessment\":").unwrap();
    let current = format!("\"storage_format\":{}", saved::STORAGE_FORMAT);
    let newer =
        saved::encode(&sample_assessment("newer")).replacen(&current, &format!("\"storage_format\":{}", saved::STORAGE_FORMAT + 1), 1);
    assert!(newer.contains(&format!("\"storage_format\":{}", saved::STORAGE_FORMAT + 1)), "the entry claims a newer format");
    storage::write_raw(&storage::assessment_key("newer"), &newer).unwrap();

    let (assessments, problems) = storage::load_all();
    let fingerprint = saved::fingerprint(&saved::encode(&good));
    assert_eq!(assessments, vec![(good, fingerprint)], "each with the fingerprint of its entry as read");
    assert_eq!(problems.len(), 2);
    let broken = problems.iter().find(|p| p.key.ends_with("broken")).unwrap();
    assert_eq!(broken.raw, "{\"storage_format\":1,\"assessment\":", "the raw data is kept for download");
    assert!(matches!(broken.error, SavedError::Unreadable(_)));
    assert!(problems.iter().any(|p| p.error == SavedError::NewerFormat(saved::STORAGE_FORMAT + 1)));
    // Loading never rewrites what it could not read.
    assert_eq!(storage::read_raw(&storage::assessment_key("newer")).as_deref(), Some(newer.as_str()));
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_tells_about_unreadable_data() {
    clear_storage();
    storage::write_raw(&storage::assessment_key("kaputt"), "not json at all").unwrap();
    blomlada::mount();
    // Let the reactive system render.
    gloo_timers_sleep(50).await;
    let body = web_sys::window().unwrap().document().unwrap().body().unwrap();
    let text = body.text_content().unwrap_or_default();
    assert!(text.contains("Sparade data som inte kan läsas"), "page said: {text}");
    assert!(text.contains("blomlada.assessment.kaputt"));
    let heading = body.query_selector("h1").unwrap().unwrap().dyn_into::<web_sys::HtmlElement>().unwrap();
    assert_eq!(heading.inner_text(), "Mina värderingar");
    assert_eq!(storage::read_raw(&storage::assessment_key("kaputt")).as_deref(), Some("not json at all"));
    clear_storage();
}

/// The app state's save path: an answer changes one signal and is written after the frame; a
/// write by another tab in between is merged, not overwritten; a flush writes what is pending.
#[wasm_bindgen_test]
async fn answers_are_saved_after_the_frame_and_merged_with_another_tabs_write() {
    use blomlada::app_state::{AppState, SaveWhen};
    use blomlada_domain::assessment::ResponseChange;
    use blomlada_domain::IndicatorSet;
    use leptos::prelude::*;

    clear_storage();
    let set = IndicatorSet::parse(include_str!("../indicators/eblomlada/2026.json"), "2026.json").unwrap();
    let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).take(3).collect();
    let owner = Owner::new();
    owner.set();
    let state = AppState::start();
    state.create(sample_assessment("tva"));
    let key = storage::assessment_key("tva");
    let handle = state.handle("tva").unwrap();

    state.change_response(handle, &set, &ids[0], ResponseChange::Answer(Some("helt")), SaveWhen::AfterPaint).unwrap();
    assert_eq!(handle.response(&ids[0]).get_untracked().answer.as_deref(), Some("helt"), "on screen at once");
    let stored = || saved::decode(&storage::read_raw(&key).unwrap()).unwrap();
    assert_eq!(stored().answer_of(&ids[0]), None, "not yet written: the click's frame comes first");
    gloo_timers_sleep(300).await;
    assert_eq!(stored().answer_of(&ids[0]), Some("helt"), "written after the frame");

    // Another tab answers a second indicator; this tab, not yet told, answers a third.
    let mut other = stored();
    other.answer(&set, &ids[1], Some("inte"), Timestamp(5_000_000_000_000)).unwrap();
    storage::write_raw(&key, &saved::encode(&other)).unwrap();
    state.change_response(handle, &set, &ids[2], ResponseChange::Comment("vår text"), SaveWhen::AfterPause).unwrap();
    state.flush();
    let merged = stored();
    assert_eq!(merged.answer_of(&ids[0]), Some("helt"));
    assert_eq!(merged.answer_of(&ids[1]), Some("inte"), "the other tab's answer is kept");
    assert_eq!(merged.response(&ids[2]).unwrap().comment, "vår text");
    assert_eq!(handle.response(&ids[1]).get_untracked().answer.as_deref(), Some("inte"), "and shown here");

    // Corrupt data written by something else is never overwritten.
    storage::write_raw(&key, "{trasig").unwrap();
    state.change_response(handle, &set, &ids[0], ResponseChange::Answer(Some("delvis")), SaveWhen::AfterPaint).unwrap();
    state.flush();
    assert_eq!(storage::read_raw(&key).as_deref(), Some("{trasig"));
    assert!(state.problems.get_untracked().iter().any(|p| p.key == key));
    owner.unset();
    clear_storage();
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Sharing's cryptography through Web Crypto: a sealed change opens with its key and share id
/// only; a flipped bit, another key or another share id is refused; every seal has a new nonce.
#[wasm_bindgen_test]
async fn share_changes_are_sealed_with_aes_gcm_and_refused_when_altered() {
    use blomlada::browser::crypto::{self, CryptoError, NONCE_LEN};
    let raw = crypto::new_raw_key().unwrap();
    assert_eq!(raw.len(), 32);
    let key = crypto::import_key(&raw).await.unwrap();
    let text = b"{\"v\":1,\"author\":\"Anna, socialf\xc3\xb6rvaltningen\",\"changes\":[]}";
    let sealed = crypto::seal(&key, "AAAAAAAAAAAAAAAAAAAAAA", text).await.unwrap();
    assert_eq!(sealed.len(), NONCE_LEN + text.len() + 16, "nonce, text, tag");
    assert!(!sealed.windows(6).any(|w| w == b"author"), "the text is not readable in the sealed bytes");
    assert_eq!(crypto::open(&key, "AAAAAAAAAAAAAAAAAAAAAA", &sealed).await.unwrap(), text.to_vec());

    let again = crypto::seal(&key, "AAAAAAAAAAAAAAAAAAAAAA", text).await.unwrap();
    assert_ne!(sealed[..NONCE_LEN], again[..NONCE_LEN], "a fresh nonce for every message");

    let mut flipped = sealed.clone();
    flipped[NONCE_LEN + 3] ^= 1;
    assert_eq!(crypto::open(&key, "AAAAAAAAAAAAAAAAAAAAAA", &flipped).await, Err(CryptoError::Refused));
    assert_eq!(crypto::open(&key, "BBBBBBBBBBBBBBBBBBBBBB", &sealed).await, Err(CryptoError::Refused), "bound to its share");
    let other = crypto::import_key(&crypto::new_raw_key().unwrap()).await.unwrap();
    assert_eq!(crypto::open(&other, "AAAAAAAAAAAAAAAAAAAAAA", &sealed).await, Err(CryptoError::Refused), "another key");
    assert_eq!(crypto::open(&key, "AAAAAAAAAAAAAAAAAAAAAA", &sealed[..10]).await, Err(CryptoError::Refused), "cut short");
    assert_eq!(crypto::import_key(&raw[..16]).await.err(), Some(CryptoError::BadKey));
}

/// Share links: edit, view and hand-out links read back to what made them; each broken part is
/// named.
#[wasm_bindgen_test]
fn share_links_round_trip_and_name_what_is_wrong() {
    use blomlada::sharing::link::{LinkError, ShareLink};
    let link = ShareLink {
        share: "abcdefghijklmnopqrstuv".into(),
        key: (0..32).collect(),
        write: Some("W".repeat(43)),
        groups: Vec::new(),
        name: None,
    };
    let origin = "https://blomlada.example";
    let edit = link.edit_url(origin);
    let view = link.view_url(origin);
    assert!(edit.starts_with("https://blomlada.example/delad/abcdefghijklmnopqrstuv#k="));
    assert!(edit.contains(&format!("&w={}", "W".repeat(43))));
    assert!(!view.contains("w="), "a view link carries no write secret: {view}");
    let fragment = |url: &str| url.split_once('#').unwrap().1.to_string();
    assert_eq!(ShareLink::parse(&link.share, &fragment(&edit)), Ok(link.clone()));
    assert_eq!(ShareLink::parse(&link.share, &fragment(&view)), Ok(ShareLink { write: None, ..link.clone() }));

    let groups = vec!["tjanster.omsorg".to_string(), "verksamhet.skola".to_string()];
    let handout = link.handout_url(origin, &groups, "Vård och omsorg, förvaltning 2");
    let parsed = ShareLink::parse(&link.share, &fragment(&handout)).unwrap();
    assert_eq!(parsed.groups, groups);
    assert_eq!(parsed.name.as_deref(), Some("Vård och omsorg, förvaltning 2"));
    assert_eq!(parsed.write, link.write);

    let k = fragment(&view);
    assert_eq!(ShareLink::parse("short", &k), Err(LinkError::ShareId));
    assert_eq!(ShareLink::parse(&link.share, ""), Err(LinkError::Key), "no key");
    assert_eq!(ShareLink::parse(&link.share, "#k=AAAA"), Err(LinkError::Key), "a key too short");
    assert_eq!(ShareLink::parse(&link.share, &format!("{k}&w=kort")), Err(LinkError::Write));
}
