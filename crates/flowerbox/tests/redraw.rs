//! Redrawing only what changed: an answer repaints the region of its petal, bar or tile (and
//! what overlaps it); an unchanged picture repaints nothing; a picture of another shape is
//! drawn whole.

use std::path::Path;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::flowerbox::{layout, FillRole, Layout, Options, Prim, Values};
use blomlada_domain::{Assessment, IndicatorSet, Lang, Timestamp};
use blomlada_flowerbox::plotters::prelude::*;
use blomlada_flowerbox::{draw_region, pixel_rect, redraw_between, Redraw};

fn set() -> IndicatorSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../indicators/eblomlada/2026.json");
    IndicatorSet::parse(&std::fs::read_to_string(&path).unwrap(), "2026.json").unwrap()
}

fn picture(set: &IndicatorSet, a: &Assessment) -> Layout {
    layout(set, Values::Single(a), &Options { lang: Lang::Sv, heading: None })
}

fn indicator_fills(l: &Layout, id: &str) -> Vec<usize> {
    l.prims
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Prim::Fill { role: FillRole::Indicator(r), .. } if r == id))
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn an_answer_repaints_a_small_region_holding_everything_that_changed() {
    let set = set();
    let mut a =
        Assessment::new("a".into(), "V".into(), "1880", None, SetRef { set: set.id.clone(), version: set.version.clone() }, Timestamp(0))
            .unwrap();
    let before = picture(&set, &a);
    assert_eq!(redraw_between(&before, &picture(&set, &a)), Redraw::Nothing);

    for p in set.placed().step_by(17) {
        let id = p.indicator.id.clone();
        let old = picture(&set, &a);
        a.answer(&set, &id, Some("helt"), Timestamp(1)).unwrap();
        let new = picture(&set, &a);
        let Redraw::Region(region) = redraw_between(&old, &new) else { panic!("{id}: expected a region") };
        // Much smaller than the picture…
        assert!(region.w * region.h < old.width * old.height / 4.0, "{id}: region {region:?} is a quarter of the picture or more");
        // …and holding every primitive that differs, among them the indicator's own shape.
        let changed: Vec<usize> = (0..new.prims.len()).filter(|&i| old.prims[i] != new.prims[i]).collect();
        assert!(indicator_fills(&new, &id).iter().all(|i| changed.contains(i)) || indicator_fills(&new, &id).is_empty());
        let (px, py, pw, ph) = pixel_rect(&new, (new.width as u32, new.height as u32), region);
        assert!(pw > 0 && ph > 0 && px >= 0 && py >= 0);
    }
}

#[test]
fn another_shape_is_drawn_whole() {
    let set = set();
    let a =
        Assessment::new("a".into(), "V".into(), "1880", None, SetRef { set: set.id.clone(), version: set.version.clone() }, Timestamp(0))
            .unwrap();
    let sv = picture(&set, &a);
    let en = layout(&set, Values::Single(&a), &Options { lang: Lang::En, heading: None });
    let mut narrower = sv.clone();
    narrower.width -= 10.0;
    assert_eq!(redraw_between(&sv, &narrower), Redraw::Whole);
    assert!(matches!(redraw_between(&sv, &en), Redraw::Region(_) | Redraw::Whole), "the language changes labels");
}

#[test]
fn a_region_draws_only_what_reaches_into_it() {
    let set = set();
    let mut a =
        Assessment::new("a".into(), "V".into(), "1880", None, SetRef { set: set.id.clone(), version: set.version.clone() }, Timestamp(0))
            .unwrap();
    let old = picture(&set, &a);
    let id = set.placed().next().unwrap().indicator.id.clone();
    a.answer(&set, &id, Some("inte"), Timestamp(1)).unwrap();
    let new = picture(&set, &a);
    let Redraw::Region(region) = redraw_between(&old, &new) else { panic!("expected a region") };
    let mut part = String::new();
    {
        let root = SVGBackend::with_string(&mut part, (new.width as u32, new.height as u32)).into_drawing_area();
        draw_region(&root, &new, region).unwrap();
    }
    let whole = blomlada_flowerbox::to_svg(&new, new.width as u32, new.height as u32);
    let shapes = |s: &str| s.matches("<polygon").count() + s.matches("<polyline").count() + s.matches("<text").count();
    assert!(shapes(&part) > 0);
    assert!(shapes(&part) * 4 < shapes(&whole), "the region drew {} of {} shapes", shapes(&part), shapes(&whole));
}
