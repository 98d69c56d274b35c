//! The SVG export: valid XML, one shape per indicator, the text alternative inside.

mod common;

use std::collections::HashSet;

use blomlada_domain::flowerbox::{layout, palette, Aggregate, Heading, Options, Values};
use blomlada_domain::Lang;
use blomlada_flowerbox::{svg, to_svg};

fn options() -> Options {
    Options {
        lang: Lang::Sv,
        heading: Some(Heading {
            title: "Örebro kommun".into(), subtitle: Some("Värdering 2026 · eBlomlådan 2014 · 2026-11-23".into())
        }),
    }
}

/// Polygons whose fill is one of the answer paints: indicator shapes and legend swatches.
fn answer_polygons(doc: &roxmltree::Document) -> usize {
    let fills: HashSet<String> =
        [palette::GREEN, palette::AMBER, palette::RED, palette::UNANSWERED_FILL].iter().map(|c| c.hex().to_uppercase()).collect();
    doc.descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .filter(|n| n.attribute("fill").is_some_and(|f| fills.contains(&f.to_uppercase())))
        .count()
}

fn save(name: &str, svg: &str) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, svg).unwrap();
}

#[test]
fn svg_is_well_formed_and_has_one_shape_per_indicator() {
    let set = common::set();
    let a = common::assessment(&set);
    let l = layout(&set, Values::Single(&a), &options());
    let svg = svg(&l);
    save("flowerbox-single.svg", &svg);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1200"));
    assert_eq!(root.attribute("role"), Some("img"));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.starts_with("Blomlåda: Örebro kommun"), "{desc}");
    assert!(desc.contains("Totalt 131 indikatorer"), "{desc}");

    // Every indicator (petal, bar cell, tile) is exactly one answer-coloured polygon; the legend
    // adds one swatch per answer and one for "not answered".
    assert_eq!(set.indicator_count(), 131);
    assert_eq!(l.indicator_fills().count(), set.indicator_count());
    let ids: HashSet<&str> = l.indicator_fills().map(|(id, _, _)| id).collect();
    assert_eq!(ids.len(), set.indicator_count());
    assert_eq!(answer_polygons(&doc), set.indicator_count() + l.legend.len());

    // The labels are there as text.
    let texts: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).map(str::trim).collect();
    assert!(texts.contains(&"Allmänheten"), "{texts:?}");
    // Each flower's label is its caption: helt of the answers that count (the table's base).
    let allmanheten = &l.flowers[0];
    assert!(texts.contains(&allmanheten.caption.as_str()), "{texts:?}");
    let row = l.table.iter().flat_map(|s| &s.rows).find(|r| r.group_id == allmanheten.group_id).unwrap();
    assert_eq!(allmanheten.caption, format!("{} av {} helt", row.shares.count(0).unwrap(), row.shares.base));
    assert!(texts.contains(&"Uppfyller delvis"));
}

#[test]
fn unanswered_svg_is_all_grey() {
    let set = common::set();
    let a = common::empty_assessment(&set);
    let l = layout(&set, Values::Single(&a), &options());
    let svg = to_svg(&l, 600, (l.height / 2.0) as u32);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let grey = palette::UNANSWERED_FILL.hex().to_uppercase();
    let coloured = [palette::GREEN, palette::AMBER, palette::RED].map(|c| c.hex().to_uppercase());
    let polys: Vec<String> =
        doc.descendants().filter(|n| n.has_tag_name("polygon")).filter_map(|n| n.attribute("fill")).map(str::to_uppercase).collect();
    assert_eq!(polys.iter().filter(|f| **f == grey).count(), set.indicator_count() + 1);
    // Only the legend shows the answer colours.
    assert_eq!(polys.iter().filter(|f| coloured.contains(f)).count(), 3);
}

#[test]
fn aggregate_and_reference_svgs_are_valid() {
    let set = common::set();
    let reference = Aggregate::from_reference(&set).unwrap();
    let l = layout(
        &set,
        Values::Aggregate(&reference),
        &Options { lang: Lang::Sv, heading: Some(Heading { title: "Riket 2016".into(), subtitle: None }) },
    );
    let s = svg(&l);
    save("flowerbox-reference.svg", &s);
    roxmltree::Document::parse(&s).unwrap();

    let mut agg = Aggregate::default();
    for k in 0..9 {
        let mut a = common::assessment(&set);
        for (i, p) in set.placed().enumerate() {
            if (i + k) % 4 == 0 {
                a.answer(&set, &p.indicator.id, Some(["helt", "delvis", "inte"][k % 3]), blomlada_domain::Timestamp(2)).unwrap();
            }
        }
        agg.add(&set, &a);
    }
    let l = layout(
        &set,
        Values::Aggregate(&agg),
        &Options { lang: Lang::En, heading: Some(Heading { title: "Nine municipalities".into(), subtitle: None }) },
    );
    let s = svg(&l);
    save("flowerbox-aggregate.svg", &s);
    let doc = roxmltree::Document::parse(&s).unwrap();
    assert!(answer_polygons(&doc) >= set.indicator_count());
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains("n\u{a0}=\u{a0}9"), "{desc}");
}
