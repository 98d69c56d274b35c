//! The API against the real binary on loopback, each test with its own temporary database.

mod common;

use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const ALL_HELT: [&str; 6] = ["helt"; 6];

fn problem_kinds(resp: &Resp) -> Vec<String> {
    resp.json()["problems"].as_array().map_or_else(Vec::new, |ps| ps.iter().map(|p| p["kind"].as_str().unwrap().to_string()).collect())
}

#[test]
fn every_auth_case() {
    let fx = Fixture::new();
    let orebro = fx.issue_token("1880");
    let stockholm = fx.issue_token("0180");
    let revoked = fx.issue_token("1880");
    let server = fx.start();
    let body = bytes(&result_test_1("1880", "Örebro", 160_000, "Värdering 2026", ALL_HELT));

    // No Authorization header: 401 with a Bearer challenge.
    let r = server.post("/api/v1/published", None, &body);
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert_eq!(r.json()["error"], "unauthorized");
    // Another scheme, an empty bearer, a wrong token: 401.
    let r = server.request("POST", "/api/v1/published", &[("Authorization", &format!("Basic {orebro}"))], Some(&body));
    assert_eq!(r.status, 401);
    let r = server.request("POST", "/api/v1/published", &[("Authorization", "Bearer ")], Some(&body));
    assert_eq!(r.status, 401);
    let wrong = format!("blt_{}", "0".repeat(64));
    assert_eq!(server.post("/api/v1/published", Some(&wrong), &body).status, 401);

    // A revoked token (by id): 401.
    let list = fx.cli(&["token", "list"]);
    let revoked_id = list.lines().filter(|l| l.contains("1880")).nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    assert!(fx.cli(&["token", "revoke", "--id", &revoked_id]).contains("revoked token"));
    assert_eq!(server.post("/api/v1/published", Some(&revoked), &body).status, 401);

    // Another kommun's token: 403, for publishing and for unpublishing.
    let r = server.post("/api/v1/published", Some(&stockholm), &body);
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"], "wrong_kommun");
    assert_eq!(server.get("/api/v1/published").json()["count"], 0);

    // The right token: stored.
    let r = server.post("/api/v1/published", Some(&orebro), &body);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("location"), Some("/api/v1/published/1880"));

    let r = server.delete("/api/v1/published/1880?set=test&version=1", Some(&stockholm));
    assert_eq!(r.status, 403);
    assert_eq!(server.delete("/api/v1/published/1880?set=test&version=1", None).status, 401);
    assert_eq!(server.delete("/api/v1/published/1880?set=test&version=1", Some(&wrong)).status, 401);
    assert_eq!(server.get("/api/v1/published").json()["count"], 1);

    // Revoking by kommun ends every token of it at once.
    assert!(fx.cli(&["token", "revoke", "1880"]).contains("revoked 1 token"));
    assert_eq!(server.post("/api/v1/published", Some(&orebro), &body).status, 401);
    let (ok, _, err) = fx.cli_status(&["token", "issue", "1899"]);
    assert!(!ok && err.contains("unknown kommun code"), "{err}");

    // The token list never shows a secret or its hash.
    let list = fx.cli(&["token", "list"]);
    for token in [&orebro, &stockholm, &revoked] {
        assert!(!list.contains(token.as_str()));
        assert!(!list.contains(&token[4..20]));
    }
    assert_eq!(list.lines().count(), 4, "{list}");

    // No token (right or wrong) and no Authorization header ever reach the log.
    let log = server.log_text();
    assert!(log.contains("request"), "the log has request lines: {log}");
    for secret in [&orebro, &stockholm, &revoked, &wrong] {
        assert!(!log.contains(secret.as_str()), "a token is in the log");
        assert!(!log.contains(&secret[4..24]));
    }
    assert!(!log.to_ascii_lowercase().contains("authorization"));
    assert!(!log.contains("Bearer"));
}

#[test]
fn repeated_auth_failures_are_slowed_down() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let body = bytes(&result_test_1("1880", "Örebro", 160_000, "V", ALL_HELT));
    let wrong = format!("blt_{}", "1".repeat(64));
    for i in 0..5 {
        let r = server.post("/api/v1/published", Some(&wrong), &body);
        assert_eq!(r.status, 401, "attempt {i}");
    }
    // Blocked now: even the right token gets 429 (nothing is checked while blocked).
    let r = server.post("/api/v1/published", Some(&wrong), &body);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(r.json()["error"], "too_many_attempts");
    assert_eq!(server.post("/api/v1/published", Some(&token), &body).status, 429);
    // Reading is never blocked.
    assert_eq!(server.get("/api/v1/published").status, 200);

    // After the wait, one more failure doubles it.
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(server.post("/api/v1/published", Some(&wrong), &body).status, 401);
    let r = server.post("/api/v1/published", Some(&token), &body);
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("2"));

    // After that wait the right token works, but forgives nothing: one valid token is no
    // licence to guess others, so the next failure is braked longer still.
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(server.post("/api/v1/published", Some(&token), &body).status, 201);
    assert_eq!(server.post("/api/v1/published", Some(&wrong), &body).status, 401);
    let r = server.post("/api/v1/published", Some(&wrong), &body);
    assert_eq!(r.status, 429, "still braked after a success");
    assert_eq!(r.header("retry-after"), Some("4"));
}

#[test]
fn every_validation_case_and_nothing_stored() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let good = result_test_1("1880", "Örebro", 160_000, "V", ["helt", "delvis", "inte", "helt", "delvis", "inte"]);
    let post = |v: &Value| server.post("/api/v1/published", Some(&token), &bytes(v));
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let check = |r: Resp, status: u16, error: &str, kinds: &[&str]| {
        assert_eq!(r.status, status, "{}", r.text());
        let body = r.json();
        assert_eq!(body["error"], error, "{body}");
        assert_eq!(problem_kinds(&r), kinds, "{body}");
        assert!(!body["message"].as_str().unwrap().is_empty());
    };

    // Not a result file at all.
    check(server.post("/api/v1/published", Some(&token), b"hej"), 400, "not_json", &["not_json"]);
    check(post(&json!({"format": "excel"})), 400, "not_a_result_file", &["not_a_result_file"]);
    check(post(&with(&|v| v["format_version"] = json!(3))), 400, "unsupported_format_version", &["unsupported_format_version"]);
    let broken_plan = with(&|v| v["answers"]["it.bredband"]["plan"] = json!({"target": {"answer": "helt", "year": 1999}}));
    check(post(&broken_plan), 422, "invalid", &["bad_plan"]);
    check(
        post(&with(&|v| {
            v.as_object_mut().unwrap().remove("format_version");
        })),
        400,
        "missing_format_version",
        &["missing_format_version"],
    );
    // Unknown fields anywhere: refused.
    check(post(&with(&|v| v["extra"] = json!(1))), 400, "bad_shape", &["bad_shape"]);
    check(post(&with(&|v| v["answers"]["it.bredband"]["score"] = json!(1))), 400, "bad_shape", &["bad_shape"]);
    check(post(&with(&|v| v["kommun"]["lan"] = json!("18"))), 400, "bad_shape", &["bad_shape"]);
    check(post(&with(&|v| v["set"]["extra"] = json!("x"))), 400, "bad_shape", &["bad_shape"]);
    check(post(&with(&|v| v["population"] = json!("many"))), 400, "bad_shape", &["bad_shape"]);

    // A result file that cannot be published.
    check(post(&with(&|v| v["set"]["version"] = json!("1999"))), 422, "unknown_set", &["unknown_set"]);
    check(post(&with(&|v| v["answers"]["it.okand"] = json!({"answer": "helt"}))), 422, "invalid", &["unknown_indicator"]);
    check(post(&with(&|v| v["answers"]["it.bredband"]["answer"] = json!("ja"))), 422, "invalid", &["bad_answer"]);
    let r = post(&with(&|v| {
        v["answers"].as_object_mut().unwrap().remove("it.bredband");
    }));
    assert_eq!(r.json()["problems"][0]["unanswered"], json!(["it.bredband"]));
    check(r, 422, "invalid", &["incomplete"]);
    let r = post(&with(&|v| v["answers"]["tjanster.omsorg.larm"] = json!({"comment": "Bara kommentar"})));
    assert_eq!(r.json()["problems"][0]["unanswered"], json!(["tjanster.omsorg.larm"]));
    check(
        post(&with(&|v| {
            v.as_object_mut().unwrap().remove("population");
        })),
        422,
        "invalid",
        &["missing_population"],
    );
    check(post(&with(&|v| v["population"] = json!(0))), 422, "invalid", &["bad_population"]);
    check(post(&with(&|v| v["kommun"]["name"] = json!("Kumla"))), 422, "invalid", &["kommun_name_mismatch"]);
    check(post(&with(&|v| v["title"] = json!("x".repeat(201)))), 422, "invalid", &["too_long"]);
    check(post(&with(&|v| v["answers"]["it.bredband"]["evidence"] = json!("javascript:alert(1)"))), 422, "invalid", &["bad_evidence_link"]);
    // Every problem is named at once.
    check(
        post(&with(&|v| {
            v["population"] = json!(0);
            v["answers"]["it.bredband"]["answer"] = json!("ja");
            v["answers"]["it.okand"] = json!({"answer": "helt"});
        })),
        422,
        "invalid",
        &["bad_population", "bad_answer", "unknown_indicator"],
    );
    // A byte order mark before the JSON changes nothing (but the unknown field is still found).
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(bytes(&with(&|v| v["kommun"]["lan"] = json!("18"))));
    check(server.post("/api/v1/published", Some(&token), &with_bom), 400, "bad_shape", &["bad_shape"]);
    // Someone else's kommun code, even an unknown one, is not this token's to publish.
    check(post(&with(&|v| v["kommun"] = json!({"code": "1899", "name": "X"}))), 403, "wrong_kommun", &[]);

    // Over 1 MB: 413, whether the body is JSON or not.
    let mut huge = bytes(&good);
    huge.pop();
    huge.extend(std::iter::repeat_n(b' ', 1_000_001 - huge.len() - 1));
    huge.push(b'}');
    assert_eq!(huge.len(), 1_000_001);
    check(server.post("/api/v1/published", Some(&token), &huge), 413, "too_large", &[]);
    // Exactly at the limit is fine.
    huge.remove(huge.len() - 2);
    assert_eq!(server.post("/api/v1/published", Some(&token), &huge).status, 201);

    // Only that one was stored.
    let list = server.get("/api/v1/published").json();
    assert_eq!(list["count"], 1);
    let mine = server.get("/api/v1/published/1880").json();
    assert_eq!(mine["current"].as_array().unwrap().len(), 1);
    assert_eq!(mine["history"].as_array().unwrap().len(), 0);
}

#[test]
fn history_unchanged_and_withdrawal() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let first = result_test_1("1880", "Örebro", 160_000, "Värdering 2025", ["inte"; 6]);
    let second = result_test_1("1880", "Örebro", 161_000, "Värdering 2026", ALL_HELT);

    let r = server.post("/api/v1/published", Some(&token), &bytes(&first));
    assert_eq!((r.status, r.json()["outcome"].clone()), (201, json!("created")));
    let first_id = r.json()["id"].as_i64().unwrap();
    // The same file again (even re-serialized differently, with a BOM) changes nothing.
    let mut pretty = b"\xEF\xBB\xBF".to_vec();
    pretty.extend(serde_json::to_vec_pretty(&first).unwrap());
    let r = server.post("/api/v1/published", Some(&token), &pretty);
    assert_eq!((r.status, r.json()["outcome"].clone(), r.json()["id"].as_i64()), (200, json!("unchanged"), Some(first_id)));
    let r = server.post("/api/v1/published", Some(&token), &bytes(&second));
    assert_eq!(r.status, 201);
    let second_id = r.json()["id"].as_i64().unwrap();

    let mine = server.get("/api/v1/published/1880").json();
    assert_eq!(mine["kommun"]["name"], "Örebro");
    assert_eq!(mine["kommun"]["lan"]["code"], "18");
    let current = mine["current"].as_array().unwrap();
    let history = mine["history"].as_array().unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0]["id"].as_i64(), Some(second_id));
    assert_eq!(current[0]["result"], second, "the whole result is kept as sent");
    assert_eq!(current[0]["population"], 161_000);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["id"].as_i64(), Some(first_id));
    assert_eq!(history[0]["status"], "superseded");
    assert_eq!(history[0]["result"]["title"], "Värdering 2025");
    assert!(history[0]["ended_at"].is_string());
    let list = server.get("/api/v1/published").json();
    assert_eq!(list["count"], 1);
    assert_eq!(list["results"][0]["title"], "Värdering 2026");
    assert!(list["results"][0].get("result").is_none(), "the list carries no answers");

    // Other set versions are separate: one current per kommun per set version.
    let fyra = json!({
        "format": "blomlada-result", "format_version": 1, "app_version": "0.1.0",
        "set": {"set": "fyra", "version": "2026"}, "kommun": {"code": "1880", "name": "Örebro"},
        "population": 161_000, "title": "Fyra", "created": "2026-01-01T08:00:00Z", "updated": "2026-01-01T08:00:00Z",
        "answers": {"it.ett": {"answer": "mycket"}, "it.tva": {"answer": "lite"}}});
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&fyra)).status, 201);
    assert_eq!(server.get("/api/v1/published/1880").json()["current"].as_array().unwrap().len(), 2);
    assert_eq!(server.get("/api/v1/published/1880?set=fyra&version=2026").json()["current"].as_array().unwrap().len(), 1);

    // Withdrawing: needs set and version; takes only the current one of that version.
    assert_eq!(server.delete("/api/v1/published/1880", Some(&token)).status, 400);
    let r = server.delete("/api/v1/published/1880?set=test&version=1", Some(&token));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"outcome": "withdrawn", "id": second_id}));
    let mine = server.get("/api/v1/published/1880?set=test&version=1").json();
    assert_eq!(mine["current"], json!([]));
    assert_eq!(mine["history"].as_array().unwrap().len(), 1, "earlier results stay history; the withdrawn one is gone");
    assert_eq!(mine["history"][0]["id"].as_i64(), Some(first_id));
    assert_eq!(server.get("/api/v1/published?set=test&version=1").json()["count"], 0);
    assert_eq!(server.get("/api/v1/published").json()["count"], 1);
    assert_eq!(server.get("/api/v1/stats?set=test&version=1").json()["n"], 0);
    let r = server.delete("/api/v1/published/1880?set=test&version=1", Some(&token));
    assert_eq!((r.status, r.json()["error"].clone()), (404, json!("not_published")));
    // Publishing again makes a new current.
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&second)).status, 201);
    assert_eq!(server.get("/api/v1/published?set=test&version=1").json()["count"], 1);

    // Unknown kommun: 404; a kommun without results: empty lists.
    assert_eq!(server.get("/api/v1/published/1899").status, 404);
    let none = server.get("/api/v1/published/0180").json();
    assert_eq!((none["current"].clone(), none["history"].clone()), (json!([]), json!([])));
}

/// Four kommuner, as worked by hand in the domain's comparison tests:
///
/// | kommun          | län | pop.    | gymn.  | frånv. | larm   | utv.   | tvåf.  | bredb. |
/// |-----------------|-----|---------|--------|--------|--------|--------|--------|--------|
/// | 1880 Örebro     | 18  | 160 000 | helt   | helt   | delvis | inte   | helt   | delvis |
/// | 1881 Kumla      | 18  | 22 000  | helt   | delvis | inte   | inte   | helt   | helt   |
/// | 0180 Stockholm  | 01  | 980 000 | delvis | inte   | inte   | helt   | helt   | helt   |
/// | 2582 Boden      | 25  | 28 000  | inte   | inte   | helt   | delvis | delvis | inte   |
///
/// (Publishing needs every answer, so unlike the domain test no cell is empty.)
fn publish_four(fx: &Fixture, server: &Server) {
    let rows: [(&str, &str, u32, [&str; 6]); 4] = [
        ("1880", "Örebro", 160_000, ["helt", "helt", "delvis", "inte", "helt", "delvis"]),
        ("1881", "Kumla", 22_000, ["helt", "delvis", "inte", "inte", "helt", "helt"]),
        ("0180", "Stockholm", 980_000, ["delvis", "inte", "inte", "helt", "helt", "helt"]),
        ("2582", "Boden", 28_000, ["inte", "inte", "helt", "delvis", "delvis", "inte"]),
    ];
    for (code, name, population, answers) in rows {
        let token = fx.issue_token(code);
        let r = server.post("/api/v1/published", Some(&token), &bytes(&result_test_1(code, name, population, "V", answers)));
        assert_eq!(r.status, 201, "{}", r.text());
    }
}

fn counts(v: &Value) -> (u64, u64, u64, u64) {
    (
        v["n"].as_u64().unwrap(),
        v["counts"]["helt"].as_u64().unwrap(),
        v["counts"]["delvis"].as_u64().unwrap(),
        v["counts"]["inte"].as_u64().unwrap(),
    )
}

fn share(v: &Value, key: &str) -> f64 {
    v["shares"][key].as_f64().unwrap()
}

fn indicator<'a>(stats: &'a Value, id: &str) -> &'a Value {
    stats["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()
}

fn area<'a>(stats: &'a Value, id: &str) -> &'a Value {
    stats["areas"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap()
}

#[test]
fn statistics_match_numbers_computed_by_hand() {
    let fx = Fixture::new();
    let server = fx.start();
    publish_four(&fx, &server);
    const EPS: f64 = 1e-9;

    // All four (set and version default to the catalog's default).
    let all = server.get("/api/v1/stats").json();
    assert_eq!(all["n"], 4);
    assert_eq!(all["selection"], "all");
    assert_eq!(all["kommuner"], json!(["0180", "1880", "1881", "2582"]));
    assert_eq!(all["scale"], json!(["helt", "delvis", "inte"]));
    // Gymnasium: helt, helt, delvis, inte.
    let gym = indicator(&all, "tjanster.skola.gymnasium");
    assert_eq!(counts(gym), (4, 2, 1, 1));
    assert!((share(gym, "helt") - 0.5).abs() < EPS);
    assert!((share(gym, "delvis") - 0.25).abs() < EPS);
    // Frånvaro: helt, delvis, inte, inte.
    assert_eq!(counts(indicator(&all, "tjanster.skola.franvaro")), (4, 1, 1, 2));
    // Group skola = gymnasium + frånvaro: 3 / 2 / 3 of 8 answers.
    let tjanster = area(&all, "tjanster");
    let skola = tjanster["groups"].as_array().unwrap().iter().find(|g| g["id"] == "skola").unwrap();
    assert_eq!(counts(skola), (4, 3, 2, 3));
    assert_eq!(skola["answered"], 8);
    assert!((share(skola, "inte") - 3.0 / 8.0).abs() < EPS);
    // Area tjänster adds larm (delvis, inte, inte, helt): 4 / 3 / 5 of 12.
    assert_eq!(counts(tjanster), (4, 4, 3, 5));
    assert!((share(tjanster, "helt") - 4.0 / 12.0).abs() < EPS);
    // Verksamhet (utvecklat): inte, inte, helt, delvis.
    assert_eq!(counts(area(&all, "verksamhet")), (4, 1, 1, 2));
    // IT: tvåfaktor helt, helt, helt, delvis; bredband delvis, helt, helt, inte → 5 / 2 / 1.
    assert_eq!(counts(area(&all, "it")), (4, 5, 2, 1));
    // Total: 24 answers, 10 helt, 6 delvis, 8 inte.
    let total = &all["total"];
    assert_eq!(counts(total), (4, 10, 6, 8));
    assert_eq!(total["answered"], 24);
    let sum: f64 = ["helt", "delvis", "inte"].iter().map(|k| share(total, k)).sum();
    assert!((sum - 1.0).abs() < EPS);
    assert!((share(total, "helt") - 10.0 / 24.0).abs() < EPS);

    // Örebro län: Örebro (3 helt, 2 delvis, 1 inte) + Kumla (3, 1, 2).
    let lan = server.get("/api/v1/stats?set=test&version=1&selection=lan:18").json();
    assert_eq!(lan["n"], 2);
    assert_eq!(lan["selection_label"]["sv"], "Örebro län");
    assert_eq!(counts(&lan["total"]), (2, 6, 3, 3));
    assert_eq!(counts(indicator(&lan, "tjanster.omsorg.larm")), (2, 0, 1, 1));

    // 20 000–49 999: Kumla + Boden (1 helt, 2 delvis, 3 inte).
    let mid = server.get("/api/v1/stats?selection=size-group:from-20k-to-50k").json();
    assert_eq!(mid["kommuner"], json!(["1881", "2582"]));
    assert_eq!(counts(&mid["total"]), (2, 4, 3, 5));
    assert_eq!(counts(indicator(&mid, "it.bredband")), (2, 1, 0, 1));

    // A chosen list (Stockholm, Boden and one that has not published).
    let list = server.get("/api/v1/stats?selection=kommuner:2582,0180,0114").json();
    assert_eq!(list["n"], 2);
    assert_eq!(list["kommuner"], json!(["0180", "2582"]));
    // Stockholm 3 helt 1 delvis 2 inte; Boden 1 / 2 / 3.
    assert_eq!(counts(&list["total"]), (2, 4, 3, 5));
    assert_eq!(counts(indicator(&list, "verksamhet.skola.utvecklat")), (2, 1, 1, 0));

    // Nobody: n = 0 and shares 0.
    let empty = server.get("/api/v1/stats?selection=lan:03").json();
    assert_eq!(counts(&empty["total"]), (0, 0, 0, 0));
    assert_eq!(share(&empty["total"], "helt"), 0.0);

    // Bad queries.
    for q in ["selection=lan:99", "selection=size-group:huge", "selection=kommuner:1899", "selection=alla", "set=test"] {
        let r = server.get(&format!("/api/v1/stats?{q}"));
        assert_eq!((r.status, r.json()["error"].clone()), (400, json!("bad_query")), "{q}");
    }
    assert_eq!(server.get("/api/v1/stats?set=test&version=9").status, 404);

    // List filters.
    let count = |q: &str| server.get(&format!("/api/v1/published?{q}")).json()["count"].as_u64().unwrap();
    assert_eq!(count(""), 4);
    assert_eq!(count("lan=18"), 2);
    assert_eq!(count("size_group=from-100k"), 2);
    assert_eq!(count("size_group=from-20k-to-50k&lan=25"), 1);
    assert_eq!(count("set=test&version=1"), 4);
    assert_eq!(count("set=fyra"), 0);
    assert_eq!(server.get("/api/v1/published?size_group=huge").status, 400);
    assert_eq!(server.get("/api/v1/published?lan=99").status, 400);
    let first = &server.get("/api/v1/published?lan=25").json()["results"][0];
    assert_eq!(first["kommun"], json!({"code": "2582", "name": "Boden"}));
    assert_eq!(first["lan"]["name"], "Norrbottens län");
    assert_eq!(first["size_group"], "from-20k-to-50k");

    // A set with another scale: the statistics use its keys.
    let token = fx.issue_token("1881");
    for (code, name, token, answers) in
        [("1881", "Kumla", token, ["mycket", "lite"]), ("1880", "Örebro", fx.issue_token("1880"), ["helt", "lite"])]
    {
        let file = json!({
            "format": "blomlada-result", "format_version": 1, "app_version": "0.1.0",
            "set": {"set": "fyra", "version": "2026"}, "kommun": {"code": code, "name": name},
            "population": 20_000, "title": "Fyra", "created": "2026-01-01T08:00:00Z", "updated": "2026-01-01T08:00:00Z",
            "answers": {"it.ett": {"answer": answers[0]}, "it.tva": {"answer": answers[1]}}});
        assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&file)).status, 201);
    }
    let fyra = server.get("/api/v1/stats?set=fyra&version=2026").json();
    assert_eq!(fyra["scale"], json!(["inte", "lite", "mycket", "helt"]));
    assert_eq!(fyra["total"]["counts"], json!({"inte": 0, "lite": 2, "mycket": 1, "helt": 1}));
    assert_eq!(fyra["total"]["shares"]["lite"], 0.5);
    assert_eq!(indicator(&fyra, "it.tva")["shares"]["lite"], 1.0);
    // The first set's statistics did not change.
    assert_eq!(server.get("/api/v1/stats").json()["total"], all["total"]);
}

#[test]
fn results_for_the_browser_give_the_same_numbers_as_the_statistics() {
    use blomlada_domain::comparison::{compare, Selection};
    use blomlada_domain::result_file::ResultFile;
    use blomlada_domain::IndicatorSet;

    let fx = Fixture::new();
    let server = fx.start();
    publish_four(&fx, &server);
    // A comment stays out of this data; a public evidence link stays in.
    let token = fx.issue_token("1880");
    let mut file = result_test_1("1880", "Örebro", 160_000, "Med kommentar", ["helt", "helt", "delvis", "inte", "helt", "delvis"]);
    file["answers"]["it.bredband"]["comment"] = json!("Intern kommentar");
    file["answers"]["it.bredband"]["evidence"] = json!("https://orebro.se/x");
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&file)).status, 201);

    let r = server.get("/api/v1/results?set=test&version=1");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let body = r.json();
    assert_eq!(body["count"], 4);
    // The comment stays out; the evidence link (public through /published/1880) comes along.
    assert!(!r.text().contains("Intern kommentar"));
    let results: Vec<ResultFile> = serde_json::from_value(body["results"].clone()).expect("result files");
    let orebro = results.iter().find(|r| r.kommun.code == "1880").expect("Örebro");
    assert_eq!(orebro.answers["it.bredband"].evidence.as_deref(), Some("https://orebro.se/x"));
    assert!(results.iter().flat_map(|r| r.answers.values()).all(|a| a.comment.is_none() && a.review.is_none()));
    let set = IndicatorSet::parse(SET_TEST_1, "test/1.json").unwrap();
    for selection in ["all", "lan:18", "size-group:from-100k", "kommuner:0180,2582"] {
        let mine = compare(&set, &results, &Selection::parse(selection).unwrap());
        let stats = server.get(&format!("/api/v1/stats?selection={selection}")).json();
        assert_eq!(stats["n"].as_u64(), Some(mine.n() as u64), "{selection}");
        assert_eq!(stats["total"]["counts"]["helt"].as_u64(), Some(u64::from(mine.total.counts[0])), "{selection}");
        for (i, tally) in mine.indicators.iter().enumerate() {
            assert_eq!(stats["indicators"][i]["counts"]["inte"].as_u64(), Some(u64::from(tally.tally.counts[2])));
        }
    }
    assert_eq!(server.get("/api/v1/results").json()["count"], 4, "defaults to the catalog's default");
    assert_eq!(server.get("/api/v1/results?set=fyra&version=2026").json()["count"], 0);
    assert_eq!(server.get("/api/v1/results?set=test&version=9").status, 404);
}

#[test]
fn csv_opens_in_excel() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let mut file = result_test_1("1880", "Örebro", 160_000, "Värdering; \"2026\"", ALL_HELT);
    file["answers"]["it.bredband"]["comment"] = json!("=HYPERLINK(\"http://x\")\nrad två");
    file["answers"]["it.bredband"]["evidence"] = json!("https://orebro.se/bredband");
    file["approval"] = json!("KS 2026-03-04 § 41");
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&file)).status, 201);

    let r = server.get("/api/v1/published.csv");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(r.header("content-disposition").unwrap().contains("attachment"));
    assert!(r.body.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = r.text();
    let text = text.trim_start_matches('\u{feff}');
    let records: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(records.len(), 1 + 6, "header + one row per indicator");
    assert!(records[0].starts_with("\"kommunkod\";\"kommun\";\"länskod\""));
    assert_eq!(records[0].matches(';').count(), 23, "19 columns of codes and text, then 5 of words");
    assert!(records[1]
        .starts_with("\"1880\";\"Örebro\";\"18\";\"Örebro län\";\"160000\";\"from-100k\";\"test\";\"1\";\"Värdering; \"\"2026\"\"\""));
    let last = records[6];
    assert!(
        last.contains(
            "\"it.bredband\";\"Bredbandsstrategi\";\"helt\";\"'=HYPERLINK(\"\"http://x\"\")\nrad två\";\"https://orebro.se/bredband\""
        ),
        "{last}"
    );
    assert!(last.contains("\"KS 2026-03-04 § 41\""));
    // Filters apply; an empty selection still has the header.
    let none = server.get("/api/v1/published.csv?lan=01").text();
    assert_eq!(none.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).count(), 1);
}

/// The open-data CSV read back by a standard reader (the `csv` crate, told only the `;`): the
/// same cells as published, with free text that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-` or `@`) prefixed with `'`, and nothing else changed.
#[test]
fn published_csv_reads_back_with_a_standard_reader() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let tricky = [
        ("it.bredband", "Beslut; se \"KS § 41\"\nrad två\r\nrad tre", "Beslut; se \"KS § 41\"\nrad två\r\nrad tre"),
        ("it.tvafaktor", "=HYPERLINK(\"http://x\";\"klicka\")", "'=HYPERLINK(\"http://x\";\"klicka\")"),
        ("tjanster.skola.gymnasium", "+46 19 21 10 00", "'+46 19 21 10 00"),
        ("tjanster.omsorg.larm", "- antagen 2019", "'- antagen 2019"),
        ("verksamhet.skola.utvecklat", "@SUM(A1)", "'@SUM(A1)"),
    ];
    let mut file = result_test_1("1880", "Örebro", 160_000, "=1+1 \"titel\"; del 2", ALL_HELT);
    for (id, comment, _) in tricky {
        file["answers"][id]["comment"] = json!(comment);
    }
    file["approval"] = json!("-KS 2026-03-04 § 41");
    let r = server.post("/api/v1/published", Some(&token), &bytes(&file));
    assert_eq!(r.status, 201, "{}", r.text());

    let body = server.get("/api/v1/published.csv").body;
    assert!(body.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header[0], "kommunkod", "the BOM is read as a BOM, not as part of the first cell");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a well-formed record")).collect();
    assert_eq!(rows.len(), 6, "one row per indicator");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    for row in &rows {
        assert_eq!(&row[column("kommun")], "Örebro");
        assert_eq!(&row[column("titel")], "'=1+1 \"titel\"; del 2");
        assert_eq!(&row[column("beslut")], "'-KS 2026-03-04 § 41");
        assert_eq!(&row[column("svar")], "helt");
        // The words beside the codes, at the end.
        assert_eq!(&row[column("svar_text")], "Uppfyller helt");
        assert_eq!(&row[column("storleksgrupp_text")], "100 000 invånare eller fler");
        assert_eq!(&row[column("indikatoruppsättning_namn")], "Testuppsättning 1");
    }
    for (id, _, expected) in tricky {
        let row = rows.iter().find(|r| &r[column("indikator")] == id).unwrap_or_else(|| panic!("no row for {id}"));
        assert_eq!(&row[column("kommentar")], expected, "{id}");
    }
}

#[test]
fn app_files_deep_links_cache_and_security_headers() {
    let fx = Fixture::new();
    let dist = fx.dist();
    std::fs::create_dir_all(dist.join("indicators")).unwrap();
    let init = "\nimport init, * as bindings from '/blomlada-0123456789abcdef.js';\nconst wasm = await init({ module_or_path: '/blomlada-0123456789abcdef_bg.wasm' });\n";
    let html = format!(
        "<!DOCTYPE html><html lang=\"sv\"><head><link rel=\"modulepreload\" href=\"/blomlada-0123456789abcdef.js\">\
         <script src=\"/extern.js\"></script></head><body><script type=\"module\">{init}</script></body></html>"
    );
    std::fs::write(dist.join("index.html"), &html).unwrap();
    std::fs::write(dist.join("blomlada-0123456789abcdef.js"), "export default function init() {}").unwrap();
    std::fs::write(dist.join("blomlada-0123456789abcdef_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(dist.join("indicators/index.json"), "{\"from\": \"dist\"}").unwrap();
    let server = fx.start();

    let expected_hash = {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(init.as_bytes());
        base64(&digest)
    };
    for path in ["/", "/index.html", "/vardering/abc", "/jamfor"] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.text(), html, "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains(&format!("'sha256-{expected_hash}'")), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
        let script_src = csp.split(';').map(str::trim).find(|d| d.starts_with("script-src")).unwrap();
        assert!(!script_src.contains("'unsafe-inline'") && !script_src.contains("'unsafe-eval'"), "{script_src}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
    }
    let wasm = server.get("/blomlada-0123456789abcdef_bg.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let js = server.get("/blomlada-0123456789abcdef.js");
    assert_eq!(js.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(js.header("content-type").unwrap().contains("javascript"));
    assert_eq!(server.get("/sw.js").header("cache-control"), Some("no-cache"));
    // A missing file is 404, not the app.
    assert_eq!(server.get("/blomlada-ffffffffffffffff.js").status, 404);
    assert_eq!(server.get("/missing.css").status, 404);

    // Indicator files: dist wins, the indicators directory fills in, misses are 404.
    assert_eq!(server.get("/indicators/index.json").text(), "{\"from\": \"dist\"}");
    let set = server.get("/indicators/test/1.json");
    assert_eq!(set.status, 200);
    assert_eq!(set.text(), SET_TEST_1);
    assert_eq!(set.header("cache-control"), Some("no-cache"));
    assert_eq!(server.get("/indicators/none.json").status, 404);
    assert_eq!(server.get("/indicators/../data/blomlada.sqlite").status / 100, 4);

    // API paths never fall back to the app.
    for path in ["/api/v1/nope", "/api/nope", "/api/v2/published"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json()["error"], "not_found");
        assert_eq!(r.header("content-security-policy"), Some("default-src 'none'; frame-ancestors 'none'"));
    }
    let r = server.get("/api/v1/published");
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("content-security-policy"), Some("default-src 'none'; frame-ancestors 'none'"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(server.request("POST", "/api/v1/stats", &[], Some(b"{}")).status, 405);
}

#[test]
fn without_a_built_app_the_api_still_works() {
    let fx = Fixture::new();
    let server = fx.start();
    let r = server.get("/vardering/abc");
    assert_eq!(r.status, 503);
    assert!(r.text().contains("make build"));
    assert_eq!(server.get("/indicators/index.json").text(), INDEX);
    assert_eq!(server.get("/api/v1/published").status, 200);
}

#[test]
fn openapi_document_covers_every_route() {
    let fx = Fixture::new();
    let server = fx.start();
    let doc = server.get("/api/v1/openapi.json").json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut listed: Vec<String> =
        paths.iter().flat_map(|(p, ops)| ops.as_object().unwrap().keys().map(move |m| format!("{} {p}", m.to_uppercase()))).collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            "DELETE /published/{kommunkod}",
            "DELETE /shares/{share}",
            "GET /openapi.json",
            "GET /published",
            "GET /published.csv",
            "GET /published/blomlada-portrait.svg",
            "GET /published/blomlada.svg",
            "GET /published/{kommunkod}",
            "GET /published/{kommunkod}/blomlada-portrait.svg",
            "GET /published/{kommunkod}/blomlada.csv",
            "GET /published/{kommunkod}/blomlada.png",
            "GET /published/{kommunkod}/blomlada.svg",
            "GET /published/{kommunkod}/resultat.json",
            "GET /published/{kommunkod}/{id}/blomlada.svg",
            "GET /results",
            "GET /shares/{share}/changes",
            "GET /shares/{share}/events",
            "GET /stats",
            "POST /published",
            "POST /shares",
            "POST /shares/{share}/changes",
            "PUT /shares/{share}/snapshot",
        ]
    );
    // Every $ref resolves.
    let text = doc.to_string();
    for piece in text.split("\"$ref\":\"#/").skip(1) {
        let pointer = format!("/{}", &piece[..piece.find('"').unwrap()]);
        assert!(doc.pointer(&pointer).is_some(), "dangling $ref {pointer}");
    }
}

#[test]
fn sigterm_stops_gracefully() {
    let fx = Fixture::new();
    let mut server = fx.start();
    assert_eq!(server.get("/api/v1/published").status, 200);
    assert!(server.terminate(Duration::from_secs(10)), "exits 0 soon after SIGTERM");
    assert!(server.log_text().contains("shutting down"));
}

/// Version 1 files (before plans) are published as they always were, kept as version 2; of a
/// plan only the target becomes public, whatever else the file carries.
#[test]
fn version_1_files_are_taken_and_only_targets_of_plans_are_kept() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let mut v1 = result_test_1("1880", "Örebro", 160_000, "Gammal", ALL_HELT);
    v1["format_version"] = json!(1);
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&v1)).status, 201);
    let kept = &server.get("/api/v1/published/1880").json()["current"][0]["result"];
    assert_eq!(kept["format_version"], 2);
    assert_eq!(kept["answers"], v1["answers"], "every answer as sent");

    let mut planned = result_test_1("1880", "Örebro", 160_000, "Med mål", ALL_HELT);
    planned["answers"]["it.bredband"]["answer"] = json!("delvis");
    planned["answers"]["it.bredband"]["plan"] = json!({
        "target": {"answer": "helt", "year": 2027}, "responsible": "Anna på IT", "action": "Upphandla", "status": "pagar"});
    let r = server.post("/api/v1/published", Some(&token), &bytes(&planned));
    assert_eq!(r.status, 201, "{}", r.text());
    let kept = &server.get("/api/v1/published/1880").json()["current"][0]["result"];
    assert_eq!(kept["answers"]["it.bredband"]["plan"], json!({"target": {"answer": "helt", "year": 2027}}));
}

#[test]
fn export_and_snapshot() {
    let fx = Fixture::new();
    let server = fx.start();
    publish_four(&fx, &server);
    // One kommun with history too.
    let token = fx.issue_token("1880");
    let newer = result_test_1("1880", "Örebro", 160_000, "Nyare", ALL_HELT);
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&newer)).status, 201);

    let json_export: Value = serde_json::from_str(&fx.cli(&["export", "--format", "json"])).unwrap();
    assert_eq!(json_export["count"], 4);
    let results = json_export["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["result"] == newer));
    let csv_export = fx.cli(&["export", "--format", "csv"]);
    assert_eq!(csv_export, server.get("/api/v1/published.csv").text());

    let out = fx.path().join("public/open-data");
    let message = fx.cli(&["snapshot", out.to_str().unwrap()]);
    assert!(message.contains("4 current results"), "{message}");
    let read = |p: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(out.join(p)).unwrap()).unwrap() };
    assert_eq!(read("published.json"), server.get("/api/v1/published").json());
    assert_eq!(read("published/1880.json"), server.get("/api/v1/published/1880").json());
    assert_eq!(read("published/1880.json")["history"].as_array().unwrap().len(), 1);
    assert_eq!(std::fs::read(out.join("published.csv")).unwrap(), server.get("/api/v1/published.csv").body);
    let mut stats_all = read("stats/test/1/all.json");
    let mut live = server.get("/api/v1/stats?set=test&version=1&selection=all").json();
    assert_eq!(stats_all, live);
    stats_all = read("stats/test/1/lan-18.json");
    live = server.get("/api/v1/stats?set=test&version=1&selection=lan:18").json();
    assert_eq!(stats_all, live);
    assert_eq!(read("stats/test/1/size-group-from-100k.json")["n"], 2);
    assert_eq!(read("stats/fyra/2026/all.json")["n"], 0);
    assert_eq!(read("results/test/1.json"), server.get("/api/v1/results?set=test&version=1").json());
    let index = read("index.json");
    assert_eq!(index["results"], 4);
    assert_eq!(index["kommuner"].as_array().unwrap().len(), 4);

    // A second snapshot replaces the first whole: a withdrawn kommun's file disappears.
    let kumla = fx.issue_token("1881");
    assert_eq!(server.delete("/api/v1/published/1881?set=test&version=1", Some(&kumla)).status, 200);
    fx.cli(&["snapshot", out.to_str().unwrap()]);
    assert!(!out.join("published/1881.json").exists());
    assert_eq!(read("published.json")["count"], 3);
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary directories left: {leftovers:?}");
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() { A[((n >> (18 - 6 * i)) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[test]
fn app_files_are_gzipped_for_browsers_that_ask() {
    let fx = Fixture::new();
    let dist = fx.dist();
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html lang=\"sv\"><head></head><body></body></html>").unwrap();
    let script = "export function hej() { return 'hej hej hej'; }\n".repeat(400);
    std::fs::write(dist.join("blomlada-0123456789abcdef.js"), &script).unwrap();
    let server = fx.start();

    let zipped = server.request("GET", "/blomlada-0123456789abcdef.js", &[("Accept-Encoding", "gzip")], None);
    assert_eq!(zipped.status, 200);
    assert_eq!(zipped.header("content-encoding"), Some("gzip"));
    assert!(zipped.body.len() < script.len() / 10, "{} bytes for {}", zipped.body.len(), script.len());

    let plain = server.request("GET", "/blomlada-0123456789abcdef.js", &[], None);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.text(), script);
}
