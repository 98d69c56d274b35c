//! The flower box in a real browser: the canvas is drawn, redrawn only when answers change, the
//! table says what the answers say, and every flower, bar and tile is a button.
//! Run by `cargo test -p blomlada --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use blomlada::components::flower_box::{FlowerBox, Picture};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::distribution::summarize;
use blomlada_domain::download_name::PictureName;
use blomlada_domain::flowerbox::{palette, Heading};
use blomlada_domain::{Assessment, IndicatorSet, Lang, Timestamp};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SET: &str = r#"{
  "format": 1, "id": "test", "version": "1", "title": {"sv": "Test"},
  "scale": {"options": [
    {"key": "helt", "label": {"sv": "Uppfyller helt", "en": "Fully met"}, "score": 1.0},
    {"key": "delvis", "label": {"sv": "Uppfyller delvis", "en": "Partly met"}, "score": 0.5},
    {"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0}]},
  "sources": {"s": {"file": "002.txt", "title": "SKL 2016"}},
  "areas": [
    {"id": "tjanster", "role": "flowers", "title": {"sv": "Tjänster"}, "groups": [
      {"id": "skola", "title": {"sv": "Barn och elever"}, "indicators": [
        {"id": "t.s1", "text": {"sv": "Antagning till gymnasium"}, "source": {"ref": "s", "locator": "Figur 12"}},
        {"id": "t.s2", "text": {"sv": "Frånvaroanmälan"}, "source": {"ref": "s", "locator": "Figur 12"}},
        {"id": "t.s3", "text": {"sv": "Skolskjuts"}, "source": {"ref": "s", "locator": "Figur 13"}}]},
      {"id": "omsorg", "title": {"sv": "Äldre"}, "indicators": [
        {"id": "t.o1", "text": {"sv": "Trygghetslarm"}, "source": {"ref": "s", "locator": "Figur 14"}}]}]},
    {"id": "verksamhet", "role": "bars", "title": {"sv": "Verksamhet"}, "groups": [
      {"id": "overgripande", "title": {"sv": "Kommunövergripande"}, "indicators": [
        {"id": "v.1", "text": {"sv": "Regional digital agenda"}, "source": {"ref": "s", "locator": "Figur 16"}},
        {"id": "v.2", "text": {"sv": "E-arkiv"}, "source": {"ref": "s", "locator": "Figur 17"}}]}]},
    {"id": "it", "role": "tiles", "title": {"sv": "IT som möjliggörare"}, "groups": [
      {"id": "it", "title": {"sv": "IT"}, "indicators": [
        {"id": "i.1", "text": {"sv": "Bredbandsstrategi"}, "source": {"ref": "s", "locator": "Figur 19"}},
        {"id": "i.2", "text": {"sv": "Tvåfaktorsautentisering"}, "source": {"ref": "s", "locator": "Figur 20"}}]}]}
  ]}"#;

fn set() -> Arc<IndicatorSet> {
    Arc::new(IndicatorSet::parse(SET, "test.json").unwrap())
}

fn assessment(set: &IndicatorSet, answers: &[(&str, &str)]) -> Assessment {
    let mut a =
        Assessment::new("fb".into(), "Värdering".into(), "1880", None, SetRef { set: "test".into(), version: "1".into() }, Timestamp(1))
            .unwrap();
    for (id, key) in answers {
        a.answer(set, id, Some(key), Timestamp(2)).unwrap();
    }
    a
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounts a flower box in a fresh container and returns the container and the picture signal.
fn mount(set: Arc<IndicatorSet>, a: Assessment) -> (web_sys::HtmlElement, RwSignal<Picture>) {
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&container).unwrap();
    let picture = RwSignal::new(Picture::Single(a));
    let handle = leptos::mount::mount_to(container.clone(), move || {
        view! {
            <FlowerBox set=set.clone() picture=picture lang=Signal::stored(Lang::Sv)
                heading=Signal::stored(Heading { title: "Örebro".into(), subtitle: None })
                file_name=Signal::stored(PictureName::of("Örebro", &SetRef { set: "test".into(), version: "1".into() }, "2026-12-05"))/>
        }
    });
    handle.forget();
    (container, picture)
}

fn canvas(container: &web_sys::HtmlElement) -> web_sys::HtmlCanvasElement {
    container.query_selector("canvas.fb-canvas").unwrap().unwrap().unchecked_into()
}

/// Pixels of the canvas close to `rgb`.
fn pixels_like(canvas: &web_sys::HtmlCanvasElement, rgb: (u8, u8, u8)) -> usize {
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let data = ctx.get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height())).unwrap().data();
    data.chunks_exact(4)
        .filter(|p| {
            (i32::from(p[0]) - i32::from(rgb.0)).abs() < 8
                && (i32::from(p[1]) - i32::from(rgb.1)).abs() < 8
                && (i32::from(p[2]) - i32::from(rgb.2)).abs() < 8
        })
        .count()
}

fn text_of(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

#[wasm_bindgen_test]
async fn canvas_is_drawn_sharp_and_the_table_matches_the_answers() {
    let set = set();
    let a = assessment(&set, &[("t.s1", "helt"), ("t.s2", "helt"), ("t.s3", "inte"), ("v.1", "delvis"), ("i.1", "helt")]);
    let (container, picture) = mount(set.clone(), a.clone());
    sleep(50).await;

    let c = canvas(&container);
    assert_eq!(c.get_attribute("data-drawn").as_deref(), Some("1"), "drawn once");
    let css_width = c.get_bounding_client_rect().width();
    assert!(f64::from(c.width()) >= css_width * 1.9, "backing store {} for {css_width} css px", c.width());
    let g = palette::GREEN;
    let green = pixels_like(&c, (g.r, g.g, g.b));
    assert!(green > 5_000, "green petals and tiles are drawn ({green} px)");
    let alt = c.get_attribute("aria-label").unwrap();
    // Helt of the answered (issue 21: the shares are of the counted answers everywhere).
    assert!(alt.contains("Totalt 8 indikatorer: 3 av 5 helt, 1 delvis, 1 inte, 3 ej besvarade."), "{alt}");

    // The table's totals row says what the answers say.
    let summary = summarize(&set, &a);
    let foot: Vec<String> = {
        let cells = container.query_selector_all("#fb-tabell tfoot td").unwrap();
        (0..cells.length()).map(|i| text_of(&cells.item(i).unwrap().unchecked_into())).collect()
    };
    for (i, count) in summary.total.counts.iter().enumerate() {
        assert!(foot[i].starts_with(&format!("{count} (")), "column {i}: {} vs {count}", foot[i]);
    }
    assert_eq!(foot[3], summary.total.unanswered.to_string(), "the unanswered are a count, no share");
    assert_eq!(foot[4], "8");
    let skola = container.query_selector("#fb-tabell tbody tr:nth-child(2)").unwrap().unwrap();
    assert!(text_of(&skola).starts_with("Barn och elever2 (67"), "{}", text_of(&skola));

    // A button per flower, bar and tile, each named with its counts.
    let buttons = container.query_selector_all(".fb-hit").unwrap();
    assert_eq!(buttons.length(), 2 + 1 + 2);
    let first: web_sys::HtmlElement = buttons.item(0).unwrap().unchecked_into();
    assert_eq!(first.get_attribute("aria-label").as_deref(), Some("Blomma: Barn och elever – 2 av 3 helt, 1 inte"));
    first.click();
    sleep(30).await;
    let detail = text_of(&container.query_selector("#fb-detail").unwrap().unwrap());
    assert!(detail.contains("Antagning till gymnasium Uppfyller helt"), "{detail}");
    assert!(detail.contains("Skolskjuts Uppfyller inte"), "{detail}");
    assert!(!detail.contains("Trygghetslarm"), "only the chosen flower's indicators: {detail}");
    let active = document().active_element().unwrap();
    assert_eq!(active.id(), "fb-detail-rubrik", "focus moves to the panel");
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    active.dispatch_event(&escape).unwrap();
    sleep(30).await;
    assert_eq!(text_of(&container.query_selector("#fb-detail").unwrap().unwrap()), "", "Escape closes the panel");
    assert_eq!(
        document().active_element().unwrap().get_attribute("aria-label"),
        first.get_attribute("aria-label"),
        "focus returns to the button"
    );

    // Redrawn when an answer changes, and not when only a comment does.
    let mut commented = a.clone();
    commented.comment(&set, "t.s1", "Ny kommentar", Timestamp(3)).unwrap();
    picture.set(Picture::Single(commented.clone()));
    sleep(30).await;
    assert_eq!(c.get_attribute("data-drawn").as_deref(), Some("1"), "a comment does not change the picture");
    let mut changed = commented;
    changed.answer(&set, "t.o1", Some("helt"), Timestamp(4)).unwrap();
    picture.set(Picture::Single(changed));
    sleep(30).await;
    assert_eq!(c.get_attribute("data-drawn").as_deref(), Some("2"));
    assert!(pixels_like(&c, (g.r, g.g, g.b)) > green, "one more green petal");
    container.remove();
}

#[wasm_bindgen_test]
async fn an_unanswered_assessment_is_grey() {
    let set = set();
    let (container, _) = mount(set.clone(), assessment(&set, &[]));
    sleep(50).await;
    let c = canvas(&container);
    let g = palette::GREEN;
    let grey = palette::UNANSWERED_FILL;
    let greens = pixels_like(&c, (g.r, g.g, g.b));
    let greys = pixels_like(&c, (grey.r, grey.g, grey.b));
    // Only the legend swatch is green.
    assert!(greens < 3_000, "{greens}");
    assert!(greys > 20_000, "{greys}");
    let foot = text_of(&container.query_selector("#fb-tabell tfoot").unwrap().unwrap());
    // Nothing answered: no shares (dashes), 8 unanswered of 8.
    assert_eq!(foot, "Totalt–––88");
    container.remove();
}
