//! The public result pages against the real binary: numbers checked by hand, hostile publisher
//! text escaped, 404 for a kommun without a result, history newest first, the embeddable
//! picture with its validators, and the snapshot's pages matching the served ones.

mod common;

use common::*;
use serde_json::{json, Value};

const NBSP: char = '\u{a0}';

fn pct(n: u32) -> String {
    format!("{n}{NBSP}%")
}

/// Örebro twice (history), Kumla (same län), Stockholm (same size group as Örebro).
fn seed(fx: &Fixture, server: &Server) {
    let orebro = fx.issue_token("1880");
    let mut first = result_test_1("1880", "Örebro", 160_000, "Första", ["delvis", "helt", "delvis", "inte", "helt", "inte"]);
    first["created"] = json!("2025-01-01T08:00:00Z");
    assert_eq!(server.post("/api/v1/published", Some(&orebro), &bytes(&first)).status, 201);
    // Gymnasium delvis → helt and tvafaktor helt → delvis (below): two answers change.
    let mut second =
        result_test_1("1880", "Örebro", 160_000, "<script>alert('titel')</script>", ["helt", "helt", "delvis", "inte", "helt", "inte"]);
    second["approval"] = json!("KS 2026-03-04 § 41 <b>fet</b>");
    second["answers"]["it.bredband"]["answer"] = json!("inte");
    second["answers"]["tjanster.skola.gymnasium"]["evidence"] = json!("https://orebro.se/\"><script>alert(1)</script>");
    second["answers"]["it.tvafaktor"]["evidence"] = json!("https://orebro.se/tvafaktor");
    second["answers"]["it.tvafaktor"]["answer"] = json!("delvis");
    second["answers"]["it.tvafaktor"]["comment"] = json!("Införs i e-tjänsterna <b>2027</b>\nför alla förvaltningar");
    assert_eq!(server.post("/api/v1/published", Some(&orebro), &bytes(&second)).status, 201);

    let kumla = fx.issue_token("1881");
    let k = result_test_1("1881", "Kumla", 22_000, "Kumla 2026", ["helt"; 6]);
    assert_eq!(server.post("/api/v1/published", Some(&kumla), &bytes(&k)).status, 201);
    let stockholm = fx.issue_token("0180");
    let s = result_test_1("0180", "Stockholm", 980_000, "Sthlm", ["inte"; 6]);
    assert_eq!(server.post("/api/v1/published", Some(&stockholm), &bytes(&s)).status, 201);
}

fn html(r: &Resp) -> String {
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    r.text()
}

/// The rows of the first `<table class="results">`: the kommun names in order.
fn listed(page: &str) -> Vec<String> {
    let table = &page[page.find("<table class=\"results\"").expect("results table")..];
    let body = &table[table.find("<tbody>").unwrap()..table.find("</tbody>").unwrap()];
    body.split("<th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let name_start = row.find('>').unwrap() + 1;
            row[name_start..row.find("</a>").unwrap()].to_string()
        })
        .collect()
}

#[test]
fn listing_numbers_filters_and_sorting() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let page = html(&server.get("/resultat"));
    assert_eq!(listed(&page), vec!["Kumla", "Stockholm", "Örebro"], "Swedish order, Ö last");
    // Örebro now: tjanster helt 2 of 3, verksamhet 0 of 1, it 0 of 2 (delvis, inte).
    let orebro_row = &page[page.find(">Örebro</a>").unwrap()..];
    let orebro_row = &orebro_row[..orebro_row.find("</tr>").unwrap()];
    assert!(orebro_row.contains("Örebro län") && orebro_row.contains("100 000 invånare eller fler"), "{orebro_row}");
    let shares: Vec<&str> = orebro_row.split("<td class=\"num\">").skip(1).map(|c| &c[..c.find('<').unwrap()]).collect();
    assert_eq!(shares, vec![pct(67), pct(0), pct(0)]);
    // The aggregate of three: n and the picture with its text alternative.
    assert!(page.contains("Urvalet: 3 kommuner"), "aggregate heading");
    assert!(
        page.contains(
            "<img class=\"flower-img\" src=\"/api/v1/published/blomlada.svg?set=test&amp;version=1\" alt=\"Blomlåda: Publicerade resultat"
        ),
        "the picture with its text alternative"
    );
    assert!(page.contains("srcset=\"/api/v1/published/blomlada-portrait.svg?set=test&amp;version=1\""), "portrait for phones");
    assert!(page.contains("bland n\u{a0}=\u{a0}3") || page.contains("n\u{a0}=\u{a0}3"), "n in the text alternative");

    let lan = html(&server.get("/resultat?lan=18"));
    assert!(lan.contains("/api/v1/published/blomlada.svg?set=test&amp;version=1&amp;lan=18\""), "the picture of the selection");
    let two = server.get("/api/v1/published/blomlada.svg?set=test&version=1&lan=18");
    assert!(two.text().contains("n\u{a0}=\u{a0}2"), "the selection's picture counts two");
    assert_eq!(listed(&lan), vec!["Kumla", "Örebro"]);
    assert!(lan.contains("<option value=\"18\" selected>"), "the form shows the filter");
    let big = html(&server.get("/resultat?size=from-100k"));
    assert_eq!(listed(&big), vec!["Stockholm", "Örebro"]);
    let sorted = html(&server.get("/resultat?sort=area-tjanster&order=desc"));
    assert_eq!(listed(&sorted), vec!["Kumla", "Örebro", "Stockholm"]);
    assert!(sorted.contains("aria-sort=\"descending\""));

    let bad = server.get("/resultat?lan=99");
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("Okänt län: &quot;99&quot;"), "{}", bad.text());
    // The other set version has nothing yet; an unknown one is 404.
    let other = html(&server.get("/resultat/fyra/2026"));
    assert!(other.contains("Ingen kommun har publicerat"), "{other}");
    assert_eq!(server.get("/resultat/nope/1").status, 404);

    // English with ?lang=en, and links keep it.
    let en = html(&server.get("/resultat?lang=en"));
    assert!(en.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    assert!(en.contains("Published results") && en.contains("href=\"/resultat/1880?lang=en\""));
}

#[test]
fn kommun_page_numbers_history_and_escaping() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let r = server.get("/resultat/1880");
    assert_eq!(r.status, 200);
    let csp = r.header("content-security-policy").unwrap().to_string();
    assert!(!csp.contains("'unsafe-inline'; script") && csp.contains("script-src 'self'"), "{csp}");
    let page = html(&r);
    assert!(!page.contains("<script"), "no script, and none from the publisher");
    assert!(page.contains("<title>Örebros digitala mognad · Testuppsättning 1 – Blomlådan</title>"), "title");
    // Absolute on the public URL (here the default: the listening address).
    let canonical = format!("{}/resultat/1880", server.base);
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")), "canonical");
    assert!(page.contains(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{canonical}?lang=en\">")), "hreflang");
    assert!(page.contains(&format!("&lt;img src=&quot;{}/api/v1/published/1880/blomlada.svg&quot;", server.base)), "embed snippet");
    assert!(page.contains("<meta property=\"og:title\" content=\"Örebros digitala mognad"));
    assert!(page.contains(&format!("<meta property=\"og:image\" content=\"{}/api/v1/published/1880/blomlada.png\">", server.base)));
    // The decision reference, escaped; the hostile title is never shown raw.
    assert!(page.contains("KS 2026-03-04 § 41 &lt;b&gt;fet&lt;/b&gt;"));
    // Evidence links: normalised (quotes and brackets percent-encoded), nofollow noopener,
    // only http(s).
    assert!(
        page.contains("href=\"https://orebro.se/%22%3E%3Cscript%3Ealert(1)%3C/script%3E\" rel=\"nofollow noopener noreferrer\""),
        "hostile link normalised"
    );
    assert!(page.contains("href=\"https://orebro.se/tvafaktor\" rel=\"nofollow noopener noreferrer\""));
    // The comment is public (the publish page says so), under its answer, escaped.
    assert!(
        page.contains("<p class=\"comment\"><span class=\"muted\">Kommentar: </span>Införs i e-tjänsterna &lt;b&gt;2027&lt;/b&gt;\nför alla förvaltningar</p>"),
        "comment shown"
    );

    // The numbers table, counted by hand from the answers now: gymnasium helt, franvaro helt,
    // larm delvis, utvecklat inte, tvafaktor delvis, bredband inte.
    let tfoot = &page[page.find("<tfoot>").unwrap()..page.find("</tfoot>").unwrap()];
    let totals: Vec<&str> = tfoot.split("<td class=\"num\">").skip(1).map(|c| &c[..c.find('<').unwrap()]).collect();
    // Counts with the shares of the counted answers, whole percentages adding up to 100 (the
    // extra point of a tie to the better option), as in the app's table of the same picture.
    assert_eq!(totals, vec!["2 (34\u{a0}%)", "2 (33\u{a0}%)", "2 (33\u{a0}%)", "0", "6"], "helt, delvis, inte, unanswered, indicators");
    assert!(
        page.contains("Procent av de besvarade indikatorerna, ej relevant borträknade."),
        "what the percentages are of stands beside the table"
    );

    // Beside the size group (Örebro, Stockholm: tjanster helt 2 of 6 = 33 %) and the län
    // (Örebro, Kumla: 5 of 6 = 83 %).
    let beside = &page[page.find("<table class=\"beside\">").unwrap()..];
    let beside = &beside[..beside.find("</table>").unwrap()];
    assert!(beside.contains("(n = 2)"), "{beside}");
    let first_row = &beside[beside.find("<tbody>").unwrap()..];
    let first_row = &first_row[..first_row.find("</tr>").unwrap()];
    let cells: Vec<&str> = first_row.split("<td class=\"num\">").skip(1).map(|c| &c[..c.find('<').unwrap()]).collect();
    assert_eq!(cells, vec![pct(67), pct(33), pct(83)]);

    // History: the first publication, with the two answers that changed by the second.
    let history = &page[page.find("<ol class=\"history\">").expect("history list")..];
    assert_eq!(history.matches("<li><h3>").count(), 1);
    assert!(history.contains("2 svar ändrades till nästa publicering:"), "{}", &history[..history.len().min(2000)]);
    assert!(history.contains("Antagning till gymnasium: Uppfyller delvis → Uppfyller helt"));
    assert!(!history.contains("Bredbandsstrategi:"), "an unchanged answer is not listed");
    assert!(history.contains("Tvåfaktorsautentisering: Uppfyller helt → Uppfyller delvis"));
    // Links to "Vilka uppfyller?" and the downloads.
    assert!(page.contains("href=\"/resultat/test/1/indikator/it.bredband\""));
    for file in ["resultat.json", "blomlada.csv", "blomlada.svg", "blomlada.png"] {
        assert!(page.contains(&format!("href=\"/api/v1/published/1880/{file}\"")), "{file}");
        assert_eq!(server.get(&format!("/api/v1/published/1880/{file}")).status, 200, "{file}");
    }
    // One handler serves the downloads by name: any other name is refused by name, and the
    // CSV has one language whatever is asked (one cached copy, not one per `lang`).
    let unknown = server.get("/api/v1/published/1880/blomlada.exe");
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "unknown_download");
    assert_eq!(server.get("/api/v1/published/1880/blomlada.csv?lang=en").body, server.get("/api/v1/published/1880/blomlada.csv").body);
}

#[test]
fn history_is_newest_first() {
    let fx = Fixture::new();
    let server = fx.start();
    let token = fx.issue_token("1880");
    for (i, title) in ["Ett", "Två", "Tre"].iter().enumerate() {
        let mut answers = ["inte"; 6];
        answers[..=i].fill("helt");
        let r = result_test_1("1880", "Örebro", 160_000, title, answers);
        assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&r)).status, 201);
    }
    let page = html(&server.get("/resultat/1880"));
    let history = &page[page.find("<ol class=\"history\">").unwrap()..];
    // Two earlier publications, newest (Två: 2 helt) before the oldest (Ett: 1 helt).
    let two = history.find("2 av 6 helt").expect("the second publication");
    let one = history.find("1 av 6 helt").expect("the first publication");
    assert!(two < one, "newest first");
    assert_eq!(history.matches("1 svar ändrades").count(), 2);
    // Each earlier publication's picture is served by its id.
    let first_id = history.split("/api/v1/published/1880/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let picture = server.get(&format!("/api/v1/published/1880/{first_id}/blomlada.svg"));
    assert_eq!(picture.status, 200);
    assert!(picture.text().contains("2 av 6 helt") || picture.text().contains("1 av 6 helt"));
}

#[test]
fn kommun_without_result_is_a_clear_404() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let r = server.get("/resultat/0114");
    assert_eq!(r.status, 404);
    let page = r.text();
    assert!(page.contains("Upplands Väsby har inte publicerat något resultat"), "{page}");
    assert!(page.contains("publiceringsnyckel"), "says how to publish");
    let unknown = server.get("/resultat/9999");
    assert_eq!(unknown.status, 404);
    assert!(unknown.text().contains("Det finns ingen kommun med koden 9999"));
    let hostile = server.get("/resultat/%3Cb%3E");
    assert_eq!(hostile.status, 404);
    assert!(hostile.text().contains("koden &lt;b&gt;"), "escaped: {}", hostile.text());
    // A withdrawn result leaves the public pages at once.
    let kumla = fx.issue_token("1881");
    assert_eq!(server.get("/resultat/1881").status, 200);
    assert_eq!(server.delete("/api/v1/published/1881?set=test&version=1", Some(&kumla)).status, 200);
    assert_eq!(server.get("/resultat/1881").status, 404);
    assert!(!html(&server.get("/resultat")).contains(">Kumla</a>"));
    assert_eq!(server.get("/api/v1/published/1881/blomlada.svg").status, 404);
}

#[test]
fn indicator_page_lists_kommuner_per_answer() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let page = html(&server.get("/resultat/test/1/indikator/tjanster.skola.gymnasium"));
    let helt = &page[page.find("Uppfyller helt (2)").expect("two answer helt")..page.find("Uppfyller delvis (0)").expect("none delvis")];
    assert!(helt.contains(">Kumla</a>") && helt.contains(">Örebro</a>") && !helt.contains("Stockholm"));
    assert!(helt.contains("rel=\"nofollow noopener noreferrer\""));
    assert!(page.contains("Uppfyller inte (1)"));
    assert_eq!(server.get("/resultat/test/1/indikator/nope").status, 404);
}

#[test]
fn embeddable_picture_with_validators() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let svg = server.get("/api/v1/published/1880/blomlada.svg");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert_eq!(svg.header("cache-control"), Some("public, max-age=300"));
    assert_eq!(svg.header("access-control-allow-origin"), Some("*"));
    let etag = svg.header("etag").expect("etag").to_string();
    assert!(svg.text().starts_with("<svg") && svg.text().contains("<title id=\"fb-title\">Örebro</title>"));
    let again = server.request("GET", "/api/v1/published/1880/blomlada.svg", &[("If-None-Match", &etag)], None);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    let png = server.get("/api/v1/published/1880/blomlada.png");
    assert_eq!(png.status, 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(&png.body[..8], b"\x89PNG\r\n\x1a\n");

    let file: Value = serde_json::from_slice(&server.get("/api/v1/published/1880/resultat.json").body).unwrap();
    assert_eq!(file["kommun"]["code"], "1880");
    let csv = server.get("/api/v1/published/1880/blomlada.csv");
    assert!(csv.text().starts_with('\u{feff}'));
    // Read as a spreadsheet would: a comment's line break stays inside its quoted cell.
    let records = csv::ReaderBuilder::new().delimiter(b';').from_reader(csv.text().as_bytes()).records().count();
    assert_eq!(records, 6, "6 indicators under the header");
    assert_eq!(server.get("/api/v1/published/0114/blomlada.svg").status, 404);
    assert_eq!(server.get("/api/v1/published/9999/blomlada.png").status, 404);

    // The aggregate of everything published (the app's start page shows it).
    let all = server.get("/api/v1/published/blomlada.svg");
    assert_eq!(all.status, 200);
    assert!(all.text().contains("n\u{a0}=\u{a0}3"), "three results in the aggregate");

    // A new publish changes the picture and its ETag.
    let token = fx.issue_token("1880");
    let newer = result_test_1("1880", "Örebro", 160_000, "Tredje", ["inte"; 6]);
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&newer)).status, 201);
    let changed = server.request("GET", "/api/v1/published/1880/blomlada.svg", &[("If-None-Match", &etag)], None);
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

/// `<main …>…</main>` without any `href`, `src` or `srcset` (addresses differ: absolute when
/// served, relative in files).
fn main_without_links(page: &str) -> String {
    let mut text = page[page.find("<main").unwrap()..page.find("</main>").unwrap()].to_string();
    for attr in [" href=\"", " srcset=\"", " src=\""] {
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find(attr) {
            out.push_str(&rest[..i]);
            let after = &rest[i + attr.len()..];
            rest = &after[after.find('"').unwrap() + 1..];
        }
        out.push_str(rest);
        text = out;
    }
    text
}

#[test]
fn snapshot_pages_match_the_served_ones_and_link_relatively() {
    let fx = Fixture::new();
    let server = fx.start();
    seed(&fx, &server);
    let out = fx.path().join("site");
    fx.cli(&["snapshot", out.to_str().unwrap(), "--public-url", "https://blomlada.example.se/"]);
    let file = |p: &str| std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));

    let served = html(&server.get("/resultat/1880"));
    let written = file("resultat/1880/index.html");
    // The served page offers an embed snippet among the downloads (it needs the server's
    // address); everything above them is equal.
    let served_main = main_without_links(&served);
    let cut = |s: &str| s[..s.find("<h2>Ladda ner</h2>").unwrap()].to_string();
    assert_eq!(cut(&main_without_links(&written)), cut(&served_main));
    assert!(written.contains("href=\"../../resultat/test/1/indikator/it.bredband/index.html\""));
    assert!(written.contains("href=\"../../published/1880/blomlada.svg\""));
    // Canonical links and the embed snippet name the served page and picture, absolutely.
    assert!(written.contains("<link rel=\"canonical\" href=\"https://blomlada.example.se/resultat/1880\">"));
    assert!(written.contains("&lt;img src=&quot;https://blomlada.example.se/api/v1/published/1880/blomlada.svg&quot;"));

    let served_indicator = html(&server.get("/resultat/test/1/indikator/it.bredband"));
    assert_eq!(main_without_links(&file("resultat/test/1/indikator/it.bredband/index.html")), main_without_links(&served_indicator));

    let listing = file("resultat/index.html");
    assert_eq!(listed(&listing), vec!["Kumla", "Stockholm", "Örebro"]);
    assert!(listing.contains("href=\"../resultat/1880/index.html\""));
    let served_listing = html(&server.get("/resultat"));
    // The aggregate figure with its numbers, and the rows (the served header cells link to sorts).
    let figure = |s: &str| {
        let m = main_without_links(s);
        m[m.find("<figure").unwrap()..m.find("<table class=\"results\"").unwrap()].to_string()
    };
    assert_eq!(figure(&listing), figure(&served_listing));
    let rows = |s: &str| {
        let m = main_without_links(s);
        let t = &m[m.find("<table class=\"results\"").unwrap()..];
        t[t.find("<tbody>").unwrap()..t.find("</tbody>").unwrap()].to_string()
    };
    assert_eq!(rows(&listing), rows(&served_listing));

    // Every relative link inside the snapshot's pages points at a file that is there.
    for page in ["resultat/index.html", "resultat/1880/index.html", "resultat/test/1/indikator/it.bredband/index.html"] {
        let text = file(page);
        let dir = out.join(page).parent().unwrap().to_path_buf();
        let links = text.split(" href=\"").skip(1).chain(text.split(" src=\"").skip(1)).chain(text.split(" srcset=\"").skip(1));
        for part in links {
            let link = &part[..part.find('"').unwrap()];
            if link.starts_with("http") || link.starts_with('#') || link == "/" {
                continue;
            }
            assert!(dir.join(link).is_file(), "{page} links to {link}, which is not in the snapshot");
        }
    }
    assert_eq!(std::fs::read(out.join("published/1880/blomlada.svg")).unwrap(), server.get("/api/v1/published/1880/blomlada.svg").body);
    assert!(out.join("resultat/fyra/2026/index.html").is_file(), "other versions' listings");
}
