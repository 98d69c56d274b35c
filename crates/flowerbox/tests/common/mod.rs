//! A set shaped like eBlomlådan 2014 (six flowers, seven bars, four tile groups) and a
//! deterministic assessment of it, for tests and for looking at the picture.
#![allow(dead_code)]

use blomlada_domain::catalog::SetRef;
use blomlada_domain::timestamp::Timestamp;
use blomlada_domain::{Assessment, IndicatorSet};

const FLOWERS: &[(&str, &str, &str, usize)] = &[
    ("allmanheten", "Allmänheten", "The public", 12),
    ("kultur", "Kulturintresserade, fritidsutövare och besökare", "Culture, leisure and visitors", 9),
    ("boende", "Boende och trafikanter", "Residents and road users", 9),
    ("foretagare", "Företagare och arbetstagare", "Businesses and employees", 9),
    ("skola", "Barn och elever", "Children and pupils", 16),
    ("omsorg", "Äldre och personer i behov av omsorg och stöd", "Elderly and people in need of care", 10),
];
const BARS: &[(&str, &str, usize)] = &[
    ("overgripande", "Kommunövergripande", 18),
    ("allmanheten", "Allmänheten", 4),
    ("kultur", "Kultur och fritid", 4),
    ("samhallsbyggnad", "Samhällsbyggnad", 4),
    ("naringsliv", "Näringsliv", 4),
    ("skola", "Skola", 4),
    ("omsorg", "Vård och omsorg", 4),
];
const TILES: &[(&str, &str, usize)] = &[
    ("principer", "Principer och styrning", 6),
    ("roller", "Roller och kompetens", 5),
    ("sakerhet", "Informationssäkerhet", 7),
    ("infrastruktur", "Infrastruktur och bredband", 6),
];

fn indicators(prefix: &str, n: usize, with_reference: bool) -> String {
    (0..n)
        .map(|i| {
            let reference = if with_reference && i % 3 != 2 { format!(r#", "reference": {{"helt": {}}}"#, 15 + (i * 37 + prefix.len() * 11) % 70) } else { String::new() };
            format!(
                r#"{{"id": "{prefix}.i{i}", "text": {{"sv": "Indikator {i} inom {prefix}", "en": "Indicator {i} in {prefix}"}}, "source": {{"ref": "skl2016", "locator": "Figur {i}"}}{reference}}}"#
            )
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

pub fn set_json() -> String {
    let flowers = FLOWERS
        .iter()
        .map(|(id, sv, en, n)| {
            format!(
                r#"{{"id": "{id}", "title": {{"sv": "{sv}", "en": "{en}"}}, "indicators": [{}]}}"#,
                indicators(&format!("tjanster.{id}"), *n, true)
            )
        })
        .collect::<Vec<_>>()
        .join(",\n");
    let bars = BARS
        .iter()
        .map(|(id, sv, n)| {
            format!(
                r#"{{"id": "{id}", "title": {{"sv": "{sv}"}}, "indicators": [{}]}}"#,
                indicators(&format!("verksamhet.{id}"), *n, false)
            )
        })
        .collect::<Vec<_>>()
        .join(",\n");
    let tiles = TILES
        .iter()
        .map(|(id, sv, n)| {
            format!(r#"{{"id": "{id}", "title": {{"sv": "{sv}"}}, "indicators": [{}]}}"#, indicators(&format!("it.{id}"), *n, false))
        })
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        r#"{{"format": 1, "id": "eblomlada", "version": "2014",
  "title": {{"sv": "eBlomlådan", "en": "eBlomlådan"}},
  "scale": {{"options": [
    {{"key": "helt", "label": {{"sv": "Uppfyller helt", "en": "Fully met"}}, "score": 1.0}},
    {{"key": "delvis", "label": {{"sv": "Uppfyller delvis", "en": "Partly met"}}, "score": 0.5}},
    {{"key": "inte", "label": {{"sv": "Uppfyller inte", "en": "Not met"}}, "score": 0.0}}]}},
  "sources": {{"skl2016": {{"file": "002.txt", "title": "SKL 2016", "year": 2016}}}},
  "reference": {{"label": {{"sv": "Riket 2016 (141 kommuner)", "en": "Sweden 2016 (141 municipalities)"}}, "n": 141, "source": "skl2016"}},
  "areas": [
    {{"id": "tjanster", "role": "flowers", "title": {{"sv": "Digitala välfärdstjänster och självservice", "en": "Digital welfare services and self-service"}}, "groups": [{flowers}]}},
    {{"id": "verksamhet", "role": "bars", "title": {{"sv": "Verksamhetsutveckling med stöd av digitalisering", "en": "Digitally supported business development"}}, "groups": [{bars}]}},
    {{"id": "it", "role": "tiles", "title": {{"sv": "IT som möjliggörare", "en": "IT as an enabler"}}, "groups": [{tiles}]}}
  ]}}"#
    )
}

pub fn set() -> IndicatorSet {
    IndicatorSet::parse(&set_json(), "fixture.json").expect("fixture set is valid")
}

pub fn empty_assessment(set: &IndicatorSet) -> Assessment {
    Assessment::new(
        "a1".into(),
        "Värdering 2026".into(),
        "1880",
        Some(160_000),
        SetRef { set: set.id.clone(), version: set.version.clone() },
        Timestamp(0),
    )
    .expect("valid assessment")
}

/// Answers most indicators in a fixed pattern; about one in seven stays unanswered.
pub fn assessment(set: &IndicatorSet) -> Assessment {
    let mut a = empty_assessment(set);
    for (i, p) in set.placed().enumerate() {
        let answer = match (i * 7 + i / 5) % 10 {
            0..=3 => Some("helt"),
            4 | 5 => Some("delvis"),
            6..=8 => Some("inte"),
            _ => None,
        };
        a.answer(set, &p.indicator.id, answer, Timestamp(1)).unwrap();
    }
    a
}
