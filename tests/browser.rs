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

/// Waits until `done` holds, or `ms` have passed (the assertions after it then say what failed).
async fn until(ms: i32, mut done: impl FnMut() -> bool) {
    let mut waited = 0;
    while !done() && waited < ms {
        gloo_timers_sleep(50).await;
        waited += 50;
    }
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
    use blomlada_domain::sync::GroupRef;
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

    let groups = vec![GroupRef::new("tjanster", "omsorg"), GroupRef::new("verksamhet", "skola")];
    let handout = link.handout_url(origin, &groups, "Vård och omsorg, förvaltning 2");
    let parsed = ShareLink::parse(&link.share, &fragment(&handout)).unwrap();
    assert_eq!(parsed.groups.iter().filter_map(|k| GroupRef::from_key(k)).collect::<Vec<_>>(), groups);
    assert_eq!(parsed.name.as_deref(), Some("Vård och omsorg, förvaltning 2"));
    assert_eq!(parsed.write, link.write);

    let k = fragment(&view);
    assert_eq!(ShareLink::parse("short", &k), Err(LinkError::ShareId));
    assert_eq!(ShareLink::parse(&link.share, ""), Err(LinkError::Key), "no key");
    assert_eq!(ShareLink::parse(&link.share, "#k=AAAA"), Err(LinkError::Key), "a key too short");
    assert_eq!(ShareLink::parse(&link.share, &format!("{k}&w=kort")), Err(LinkError::Write));
}

/// A stand-in for the server's share endpoints and its live stream (`fetch` and `EventSource`
/// replaced in the page), so the sharing session can be driven from the test: what it sends,
/// what it receives, and the network going away.
const FAKE_SHARE_SERVER: &str = r#"
(() => {
  const s = (window.__share = { log: [], online: true, streams: [], id: 'testshareAAAAAAAAAAAAA', write: 'W'.repeat(43) });
  const json = (status, body) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const realFetch = window.fetch.bind(window);
  s.send = (name, data) => { for (const es of s.streams) if (!es.closed) es.dispatchEvent(new MessageEvent(name, { data })); };
  s.push = (data) => { const seq = s.log.length + 1; s.log.push({ seq, data }); s.send('change', JSON.stringify({ seq, data })); return seq; };
  window.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/api/v1/shares')) return realFetch(input, init);
    if (!s.online) throw new TypeError('Failed to fetch');
    if (request.method === 'POST' && url.pathname === '/api/v1/shares') return json(201, { id: s.id, write: s.write });
    if (url.pathname === `/api/v1/shares/${s.id}/changes`) {
      if (request.method === 'POST') {
        if (request.headers.get('authorization') !== `Bearer ${s.write}`) return json(401, { error: 'unauthorized', message: '' });
        return json(201, { seq: s.push((await request.json()).data) });
      }
      const after = Number(url.searchParams.get('after'));
      return json(200, { snapshot: null, changes: s.log.filter((c) => c.seq > after), latest: s.log.length, more: false });
    }
    return json(404, { error: 'share_not_found', message: '' });
  };
  window.EventSource = class extends EventTarget {
    constructor(url) {
      super();
      this.closed = false;
      s.streams.push(this);
      const after = Number(new URL(url, location.href).searchParams.get('after'));
      setTimeout(() => {
        if (!s.online) { this.dispatchEvent(new Event('error')); return; }
        this.dispatchEvent(new Event('open'));
        for (const c of s.log.filter((c) => c.seq > after)) this.dispatchEvent(new MessageEvent('change', { data: JSON.stringify(c) }));
      }, 0);
    }
    close() { this.closed = true; }
  };
})();
"#;

fn fake_share(expr: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(expr).unwrap()
}

/// The sharing session end to end against the stand-in server: sharing sends only sealed
/// changes; a change sealed by another device arrives live into the indicator's signal with its
/// author; an answer made offline waits in the record and goes out when the network is back; an
/// altered change and a deleted share are reported.
#[wasm_bindgen_test]
async fn a_shared_assessment_syncs_through_sealed_changes_and_queues_while_offline() {
    use blomlada::app_state::{AppState, Load, SaveWhen};
    use blomlada::browser::crypto;
    use blomlada::sharing::api::ShareError;
    use blomlada::sharing::{self, device, link, record, session};
    use blomlada_domain::assessment::ResponseChange;
    use blomlada_domain::sync::{Clock, Envelope, Field, Replica, Target, Value};
    use blomlada_domain::IndicatorSet;
    use leptos::prelude::*;
    use std::sync::Arc;

    clear_storage();
    fake_share(FAKE_SHARE_SERVER);
    let set = Arc::new(IndicatorSet::parse(include_str!("../indicators/eblomlada/2026.json"), "2026.json").unwrap());
    let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).take(3).collect();
    let owner = Owner::new();
    owner.set();
    let state = AppState::start();
    let assessment = sample_assessment("delt");
    state.sets.update(|s| {
        s.insert(assessment.set.clone(), Load::Ready(set.clone()));
    });
    state.create(assessment);
    let handle = state.handle("delt").unwrap();
    state.change_response(handle, &set, &ids[0], ResponseChange::Answer(Some("helt")), SaveWhen::AfterPaint).unwrap();
    state.flush();
    device::set_name("Anna, socialförvaltningen");

    let shared = sharing::share(state, handle).await.unwrap();
    assert!(shared.write.is_some(), "the sharer can write");
    // The session starts once this tab holds the share's lock (at once: no other tab has it).
    until(5_000, || {
        let st = session::status("delt").get_untracked();
        st.pending == 0 && st.connected
    })
    .await;
    let log = || fake_share("JSON.stringify(window.__share.log)").as_string().unwrap();
    assert!(log().contains("\"seq\":1"), "the assessment went out: {}", log());
    for plain in ["Anna", "helt", ids[0].as_str(), "Örebro"] {
        assert!(!log().contains(plain), "{plain} is not readable on the server");
    }
    assert_eq!(session::status("delt").get_untracked().pending, 0, "acknowledged");
    assert!(session::status("delt").get_untracked().connected);

    // Another device's answer, sealed with the link's key, arrives live with its author.
    let key = crypto::import_key(&shared.key).await.unwrap();
    let mut other = Replica::new();
    let mut clock = Clock::new("annan-enhet");
    let envelope = other
        .record(
            &set,
            "Bertil, skolan",
            vec![(Target::indicator(&ids[1], Field::Answer), Value::Text("inte".into()))],
            &mut clock,
            4_000_000_000_000,
        )
        .unwrap();
    let sealed = link::encode(&crypto::seal(&key, &shared.share, envelope.to_json().as_bytes()).await.unwrap());
    fake_share(&format!("window.__share.push('{sealed}')"));
    gloo_timers_sleep(200).await;
    assert_eq!(handle.response(&ids[1]).get_untracked().answer.as_deref(), Some("inte"), "merged into the page's signal");
    assert_eq!(handle.last_change(&ids[1]).get_untracked().map(|(who, _)| who), Some("Bertil, skolan".to_string()));

    // Offline: the answer waits in the record (in localStorage), then goes out.
    fake_share("window.__share.online = false");
    state.change_response(handle, &set, &ids[2], ResponseChange::Answer(Some("delvis")), SaveWhen::AfterPaint).unwrap();
    state.flush();
    gloo_timers_sleep(100).await;
    assert_eq!(record::load("delt").unwrap().pending.len(), 1, "queued in storage");
    assert_eq!(session::status("delt").get_untracked().problem, Some(ShareError::Offline));
    let sent_before = fake_share("window.__share.log.length").as_f64().unwrap();
    fake_share("window.__share.online = true");
    gloo_timers_sleep(2_600).await;
    assert_eq!(record::load("delt").unwrap().pending.len(), 0, "sent on reconnect");
    assert_eq!(fake_share("window.__share.log.length").as_f64().unwrap(), sent_before + 1.0);
    let last = fake_share("window.__share.log[window.__share.log.length - 1].data").as_string().unwrap();
    let opened = crypto::open(&key, &shared.share, &link::decode(&last).unwrap()).await.unwrap();
    let envelope = Envelope::parse(std::str::from_utf8(&opened).unwrap()).unwrap();
    assert_eq!(envelope.author, "Anna, socialförvaltningen");
    assert_eq!(envelope.changes[0].target, Target::indicator(&ids[2], Field::Answer));

    // An altered change is refused and named; a deleted share is named.
    fake_share(&format!("window.__share.push('{}')", link::encode(&[7_u8; 60])));
    gloo_timers_sleep(200).await;
    assert_eq!(session::status("delt").get_untracked().problem, Some(ShareError::Tampered));
    assert_eq!(handle.response(&ids[1]).get_untracked().answer.as_deref(), Some("inte"), "the rest stays");
    fake_share("window.__share.send('deleted', '{}')");
    gloo_timers_sleep(100).await;
    assert_eq!(session::status("delt").get_untracked().problem, Some(ShareError::Gone));

    sharing::leave("delt");
    owner.unset();
    clear_storage();
}
