//! The flower box of the project's real indicator sets (indicators/eblomlada/*.json): every
//! indicator gets its shape, nothing falls outside the picture, the SVG is well-formed.

mod common;

use std::path::Path;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::flowerbox::{layout, Aggregate, Heading, Layout, Options, Values};
use blomlada_domain::{Assessment, IndicatorSet, Lang, Timestamp};

fn real_set(version: &str) -> IndicatorSet {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../indicators/eblomlada/{version}.json"));
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    IndicatorSet::parse(&json, &path.display().to_string()).unwrap()
}

fn answered(set: &IndicatorSet) -> Assessment {
    let mut a = Assessment::new(
        "a".into(),
        "Värdering".into(),
        "1880",
        None,
        SetRef { set: set.id.clone(), version: set.version.clone() },
        Timestamp(0),
    )
    .unwrap();
    for (i, p) in set.placed().enumerate() {
        let key = [Some("helt"), Some("delvis"), Some("inte"), Some("helt"), None][(i * 3 + i / 4) % 5];
        a.answer(set, &p.indicator.id, key, Timestamp(1)).unwrap();
    }
    a
}

fn check(set: &IndicatorSet, l: &Layout, name: &str) {
    let flower_indicators: usize = l.flowers.iter().map(|f| f.petals.len()).sum();
    let tiles = l.tiles.len();
    assert!(flower_indicators > 0 && tiles > 0);
    for t in &l.targets {
        assert!(t.rect.x >= 0.0 && t.rect.right() <= l.width && t.rect.y >= 0.0 && t.rect.bottom() <= l.height, "{name}: {t:?}");
    }
    // Texts stay inside the picture (estimated widths).
    for p in &l.prims {
        if let blomlada_domain::flowerbox::Prim::Text(label) = p {
            let w = blomlada_domain::flowerbox::text::text_width(&label.text, label.size, label.bold);
            let (x0, x1) = match label.align {
                blomlada_domain::flowerbox::Align::Start => (label.at.x, label.at.x + w),
                blomlada_domain::flowerbox::Align::Middle => (label.at.x - w / 2.0, label.at.x + w / 2.0),
                blomlada_domain::flowerbox::Align::End => (label.at.x - w, label.at.x),
            };
            assert!(x0 >= 0.0 && x1 <= l.width, "{name}: {:?} runs outside ({x0:.0}–{x1:.0})", label.text);
        }
    }
    let svg = blomlada_flowerbox::svg(l);
    roxmltree::Document::parse(&svg).unwrap();
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.svg")), svg).unwrap();
    let _ = set;
}

#[test]
fn real_sets_draw_every_indicator() {
    for version in ["2014", "2026"] {
        let set = real_set(version);
        let a = answered(&set);
        let options = Options {
            lang: Lang::Sv,
            heading: Some(Heading { title: "Örebro".into(), subtitle: Some(format!("Värdering · eBlomlådan {version}")) }),
        };
        let l = layout(&set, Values::Single(&a), &options);
        assert_eq!(l.indicator_fills().count(), set.indicator_count(), "{version}");
        check(&set, &l, &format!("real-{version}"));
        let en = layout(&set, Values::Single(&a), &Options { lang: Lang::En, ..options.clone() });
        check(&set, &en, &format!("real-{version}-en"));
    }
}

#[test]
fn the_2014_reference_view() {
    let set = real_set("2014");
    let reference = Aggregate::from_reference(&set).expect("the 2014 set carries the 2016 shares");
    assert_eq!(reference.n, 141);
    let l = layout(
        &set,
        Values::Aggregate(&reference),
        &Options { lang: Lang::Sv, heading: Some(Heading { title: "Riket 2016".into(), subtitle: None }) },
    );
    assert!(l.alt_text.contains("141"), "{}", l.alt_text);
    check(&set, &l, "real-2014-reference");
}
