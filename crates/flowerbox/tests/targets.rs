//! The target view of the real 2026 set, exported as SVG: "ej relevant" drawn apart, target
//! outlines and their legend in the picture, the target sentence in its text alternative.

use std::path::Path;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::flowerbox::targets::add_targets;
use blomlada_domain::flowerbox::{layout, Options, Values};
use blomlada_domain::plan::PlanChange;
use blomlada_domain::{Assessment, IndicatorSet, Lang, Timestamp};

fn set_2026() -> IndicatorSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../indicators/eblomlada/2026.json");
    IndicatorSet::parse(&std::fs::read_to_string(&path).unwrap(), "2026.json").unwrap()
}

#[test]
fn the_target_view_exports_as_svg_with_its_legend_and_words() {
    let set = set_2026();
    let r = SetRef { set: set.id.clone(), version: set.version.clone() };
    let mut a = Assessment::new("a".into(), "Värdering".into(), "1880", None, r, Timestamp(0)).unwrap();
    let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        a.answer(&set, id, Some(["inte", "delvis", "helt", "ej_relevant"][i % 4]), Timestamp(1)).unwrap();
        if i % 3 == 0 {
            a.change_plan(&set, id, PlanChange::Target(Some("helt")), Timestamp(2)).unwrap();
        }
    }
    let mut l = layout(&set, Values::Single(&a), &Options::default());
    assert!(l.legend.iter().any(|e| e.label == "Ej relevant för oss"));
    let height = l.height;
    add_targets(&mut l, &set, &a, Lang::Sv);
    assert!(l.height > height);
    let svg = blomlada_flowerbox::svg(&l);
    assert!(svg.contains("Mål (kontur):"), "the legend line is drawn");
    assert!(svg.contains("indikatorer har ett mål"), "the text alternative names the targets");
    assert!(svg.matches("<polyline").count() + svg.matches("<path").count() > 100);
}
