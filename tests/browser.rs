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
    let newer = saved::encode(&sample_assessment("newer")).replacen("\"storage_format\":1", "\"storage_format\":9", 1);
    storage::write_raw(&storage::assessment_key("newer"), &newer).unwrap();

    let (assessments, problems) = storage::load_all();
    assert_eq!(assessments, vec![good]);
    assert_eq!(problems.len(), 2);
    let broken = problems.iter().find(|p| p.key.ends_with("broken")).unwrap();
    assert_eq!(broken.raw, "{\"storage_format\":1,\"assessment\":", "the raw data is kept for download");
    assert!(matches!(broken.error, SavedError::Unreadable(_)));
    assert!(problems.iter().any(|p| p.error == SavedError::NewerFormat(9)));
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

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
