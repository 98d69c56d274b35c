//! One result, every surface, the same numbers (issue 21). Results with *ej relevant* (a
//! group that is mostly *ej relevant*) go through the real binary, and the
//! public listing, the kommun page's table beside its size group and län, the aggregate
//! picture's text alternative and its table, and the SVG picture's text must agree with the
//! domain's view model ([`ShareRow`]) — the same one the app's tables use.
//!
//! Each observation of the issue is one assertion here; each failed before the view model.

mod common;

use blomlada_domain::public_results::area_row;
use blomlada_domain::{IndicatorSet, Lang};
use common::*;
use serde_json::{json, Value};

const NBSP: char = '\u{a0}';

fn pct(n: u32) -> String {
    format!("{n}{NBSP}%")
}

/// Allmänheten (flowers): two groups of six; Verksamhet (bars): one group of two; IT (tiles):
/// one group of two. Scale helt/delvis/inte plus *ej relevant*, which does not count.
fn set_json() -> String {
    let indicators = |prefix: &str, n: usize| -> Vec<Value> {
        (1..=n)
            .map(|i| json!({"id": format!("{prefix}.i{i}"), "text": {"sv": format!("{prefix} {i}")}, "source": {"ref": "s", "locator": "1"}}))
            .collect()
    };
    json!({
        "format": 1, "id": "ejrel", "version": "1",
        "title": {"sv": "Med ej relevant"},
        "scale": {"options": [
            {"key": "helt", "label": {"sv": "Uppfyller helt"}, "score": 1.0},
            {"key": "delvis", "label": {"sv": "Uppfyller delvis"}, "score": 0.5},
            {"key": "inte", "label": {"sv": "Uppfyller inte"}, "score": 0.0},
            {"key": "ej_relevant", "label": {"sv": "Ej relevant för oss"}, "score": 0.0, "counts": false}]},
        "sources": {"s": {"file": "000.txt", "title": "Källa"}},
        "areas": [
            {"id": "allm", "role": "flowers", "title": {"sv": "Allmänheten"}, "groups": [
                {"id": "a", "title": {"sv": "Invånare"}, "indicators": indicators("allm.a", 6)},
                {"id": "b", "title": {"sv": "Företag"}, "indicators": indicators("allm.b", 6)}]},
            {"id": "verk", "role": "bars", "title": {"sv": "Verksamhet"}, "groups": [
                {"id": "v", "title": {"sv": "Skola"}, "indicators": indicators("verk.v", 2)}]},
            {"id": "it", "role": "tiles", "title": {"sv": "IT"}, "groups": [
                {"id": "t", "title": {"sv": "Drift"}, "indicators": indicators("it.t", 2)}]}]
    })
    .to_string()
}

/// A result of set ejrel/1: `answers` by id, the rest unanswered.
fn result(code: &str, name: &str, population: u32, answers: &[(&str, &str)]) -> Value {
    let map: serde_json::Map<String, Value> = answers.iter().map(|(id, a)| (id.to_string(), json!({"answer": a}))).collect();
    json!({
        "format": "blomlada-result", "format_version": 2, "app_version": "0.1.0",
        "set": {"set": "ejrel", "version": "1"},
        "kommun": {"code": code, "name": name}, "population": population, "title": "Värdering",
        "created": "2026-01-01T08:00:00Z", "updated": "2026-02-01T08:00:00Z",
        "answers": map,
    })
}

/// Umeå: Allmänheten 8 helt and 4 ej relevant (group a: 6 helt; b: 2 helt, 4 ej relevant);
/// Verksamhet helt, delvis; IT: inte, inte.
fn umea() -> Value {
    let mut a: Vec<(String, &str)> = (1..=6).map(|i| (format!("allm.a.i{i}"), "helt")).collect();
    a.extend((1..=2).map(|i| (format!("allm.b.i{i}"), "helt")));
    a.extend((3..=6).map(|i| (format!("allm.b.i{i}"), "ej_relevant")));
    a.extend([
        ("verk.v.i1".to_string(), "helt"),
        ("verk.v.i2".to_string(), "delvis"),
        ("it.t.i1".to_string(), "inte"),
        ("it.t.i2".to_string(), "inte"),
    ]);
    let a: Vec<(&str, &str)> = a.iter().map(|(id, v)| (id.as_str(), *v)).collect();
    result("2480", "Umeå", 130_000, &a)
}

/// Örebro: Allmänheten 6 helt (5 in group a), 3 delvis, 2 inte, 1 ej relevant; Verksamhet
/// inte, inte; IT helt, delvis.
fn orebro() -> Value {
    let keys = ["helt", "helt", "helt", "helt", "helt", "delvis", "delvis", "delvis", "inte", "inte", "ej_relevant", "helt"];
    let ids: Vec<String> = (1..=6).map(|i| format!("allm.a.i{i}")).chain((1..=6).map(|i| format!("allm.b.i{i}"))).collect();
    let mut a: Vec<(&str, &str)> = ids.iter().map(String::as_str).zip(keys).collect();
    a.extend([("verk.v.i1", "inte"), ("verk.v.i2", "inte"), ("it.t.i1", "helt"), ("it.t.i2", "delvis")]);
    result("1880", "Örebro", 160_000, &a)
}

fn start() -> (Fixture, Server, IndicatorSet) {
    let fx = Fixture::new();
    let ind = fx.indicators();
    std::fs::create_dir_all(ind.join("ejrel")).unwrap();
    std::fs::write(ind.join("ejrel/1.json"), set_json()).unwrap();
    let index = INDEX.replace(
        r#""sets": ["#,
        r#""sets": [
    {"id": "ejrel", "title": {"sv": "Ej relevant"}, "versions": [{"version": "1", "file": "ejrel/1.json"}]},"#,
    );
    let index = index.replace(r#""default": {"set": "test", "version": "1"}"#, r#""default": {"set": "ejrel", "version": "1"}"#);
    std::fs::write(ind.join("index.json"), index).unwrap();
    let server = fx.start();
    for (code, file) in [("2480", umea()), ("1880", orebro())] {
        let token = fx.issue_token(code);
        let r = server.post("/api/v1/published", Some(&token), &bytes(&file));
        assert_eq!(r.status, 201, "{code}: {}", r.text());
    }
    let set = IndicatorSet::parse(&set_json(), "ejrel/1.json").unwrap();
    (fx, server, set)
}

/// The cells of the row whose header is `name` in the table starting at `table_start`.
fn row_cells(page: &str, table_start: &str, name: &str) -> Vec<String> {
    let table = &page[page.find(table_start).unwrap_or_else(|| panic!("{table_start} in page"))..];
    let table = &table[..table.find("</table>").unwrap()];
    let row = &table[table.find(name).unwrap_or_else(|| panic!("{name} in {table_start}"))..];
    let row = &row[..row.find("</tr>").unwrap()];
    row.split("<td class=\"num\">").skip(1).map(|c| c[..c.find('<').unwrap()].to_string()).collect()
}

#[test]
fn one_result_shows_the_same_numbers_on_every_surface() {
    let (_fx, server, set) = start();
    let umea_file: blomlada_domain::result_file::ResultFile = serde_json::from_value(umea()).unwrap();
    let orebro_file: blomlada_domain::result_file::ResultFile = serde_json::from_value(orebro()).unwrap();
    // The domain's view model, what the app's tables show for these results.
    let app = |file, area: usize| area_row(&set, &set.areas[area], file).text(0, false, Lang::Sv);
    assert_eq!(app(&umea_file, 0), pct(100), "8 helt, 4 ej relevant: 100 % of what counts");
    assert_eq!(app(&orebro_file, 0), pct(55), "6 helt of 11 counted (1 ej relevant)");

    // Observation 1: the listing said 67 % for Umeå's Allmänheten.
    let listing = server.get("/resultat").text();
    assert_eq!(
        row_cells(&listing, "<table class=\"results\"", ">Umeå</a>"),
        vec![app(&umea_file, 0), app(&umea_file, 1), app(&umea_file, 2)]
    );
    assert_eq!(
        row_cells(&listing, "<table class=\"results\"", ">Örebro</a>"),
        vec![app(&orebro_file, 0), app(&orebro_file, 1), app(&orebro_file, 2)]
    );
    assert!(listing.contains("Procent av de besvarade indikatorerna, ej relevant borträknade."), "the base beside the listing");

    // Observation 4: on Örebro's page, Örebro beside a län that is Örebro alone read 37 % and
    // 41 %. Here its size group holds Umeå too: 14 helt, 3 delvis, 2 inte of 19 counted
    // answers (73.7, 15.8, 10.5: whole percentages 74, 16, 10).
    let page = server.get("/resultat/1880").text();
    let beside = row_cells(&page, "<table class=\"beside\"", "Allmänheten");
    assert_eq!(beside[0], app(&orebro_file, 0), "Örebro's own column is the app's number");
    assert_eq!(beside[2], beside[0], "Örebro län (n = 1) is Örebro alone: the same number");
    assert_eq!(beside[1], pct(74), "size group: (8 + 6) helt of (8 + 11) counted");

    // The kommun page's picture table and the picture's text alternative: Umeå's group b,
    // 2 helt, 4 ej relevant: "2 av 2 helt" in words, "2 (100 %)" and "4" in the table.
    let page = server.get("/resultat/2480").text();
    let numbers = row_cells(&page, "<table class=\"summary numbers\"", "Företag");
    assert_eq!(
        numbers,
        vec![format!("2 ({})", pct(100)), format!("0 ({})", pct(0)), format!("0 ({})", pct(0)), "4".into(), "0".into(), "6".into()]
    );
    assert!(page.contains("Företag 2 av 2 helt"), "the picture's text alternative on the page");
    let svg = server.get("/api/v1/published/2480/blomlada.svg").text();
    assert!(svg.contains("Företag 2 av 2 helt"), "the SVG's own text alternative");
    assert!(svg.contains("2 av 2 helt"), "the flower's label in the SVG");

    // Observation 3 (and 5): the aggregate picture on /resultat said 48 % where its table said
    // 46 %. Every group's caption in the text alternative is its table row's helt, and every
    // row of shares adds up to 100.
    let table_start = "<table class=\"summary numbers\"";
    for group in ["Invånare", "Företag"] {
        let cells = row_cells(&listing, table_start, group);
        let helt = &cells[0];
        assert!(listing.contains(&format!("{group} {helt} helt")), "{group}: caption {helt} as in the table");
        let sum: u32 = cells[..3].iter().map(|c| c.trim_end_matches(&format!("{NBSP}%")).parse::<u32>().unwrap()).sum();
        assert_eq!(sum, 100, "{group}: {cells:?}");
    }
    // Invånare: Umeå 6 helt, Örebro 5 helt and 1 delvis: 11 and 1 of 12.
    let invanare = row_cells(&listing, table_start, "Invånare");
    assert_eq!(invanare[..3], [pct(92), pct(8), pct(0)]);
}
