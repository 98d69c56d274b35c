//! Requests meant to harm (issue 19), against the real binary: each is refused or made
//! harmless. Methods as metric labels, slow bodies holding the publish turns, a query deciding
//! what a cached page shows, the failure brake, result-file texts, evidence links, population,
//! and `/metrics` on the public listener.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::*;
use serde_json::Value;

const ALL_HELT: [&str; 6] = ["helt"; 6];

fn good(population: u32) -> Value {
    result_test_1("1880", "Örebro", population, "Värdering 2026", ALL_HELT)
}

fn problems(r: &Resp) -> Vec<(String, String)> {
    r.json()["problems"]
        .as_array()
        .map(|ps| ps.iter().map(|p| (p["kind"].as_str().unwrap().to_string(), p["message"].as_str().unwrap().to_string())).collect())
        .unwrap_or_default()
}

#[test]
fn unknown_methods_are_refused_and_never_become_metric_labels() {
    let fx = Fixture::new();
    let server = fx.start();
    assert_eq!(server.request("XA1", "/", &[], None).status, 501);
    let long = format!("X{}", "A".repeat(2999));
    assert_eq!(server.request(&long, "/api/v1/published", &[], None).status, 501);
    assert_eq!(server.request("PROPFIND", "/resultat", &[], None).status, 501);
    // Standard methods a route does not take still get 405 from the route.
    assert_eq!(server.request("PUT", "/api/v1/published", &[], None).status, 405);
    let metrics = server.metrics();
    assert!(!metrics.contains("XA1") && !metrics.contains("AAAAAAAAAA") && !metrics.contains("PROPFIND"), "{metrics}");
    assert!(metrics.contains(r#"blomlada_http_requests_total{method="other",route="app files",status="501"} 2"#), "{metrics}");
    assert!(metrics.contains(r#"method="PUT""#), "{metrics}");
    assert!(!server.log_text().contains("AAAAAAAAAA"), "the log line names the label, not the method sent");
}

/// Sends a publish's headers and the first byte of a body that never comes.
fn slow_publish(server: &Server, token: Option<&str>) -> TcpStream {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    let head = format!(
        "POST /api/v1/published HTTP/1.1\r\nHost: {}\r\n{auth}Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{{",
        server.addr
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

#[test]
fn slow_bodies_hold_no_publish_turn_for_long_and_never_keep_out_a_401() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    // Every turn taken by a token holder whose body never arrives, and more without a token.
    let mut slow: Vec<TcpStream> = (0..4).map(|_| slow_publish(&server, Some(&token))).collect();
    let unauthenticated: Vec<TcpStream> = (0..4).map(|_| slow_publish(&server, None)).collect();
    // Before the fix the turn was taken before the token was checked: these waited for ever.
    let wrong = format!("blt_{}", "3".repeat(64));
    assert_eq!(server.post("/api/v1/published", Some(&wrong), &bytes(&good(160_000))).status, 401);
    assert_eq!(server.post("/api/v1/published", None, &bytes(&good(160_000))).status, 401);
    // A real publish gets a turn once the slow bodies' time is up, while they are still open.
    let r = server.post("/api/v1/published", Some(&token), &bytes(&good(160_000)));
    assert_eq!(r.status, 201, "{}", r.text());
    for stream in &mut slow {
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut answer = [0u8; 12];
        stream.read_exact(&mut answer).unwrap();
        assert_eq!(&answer, b"HTTP/1.1 408", "{}", String::from_utf8_lossy(&answer));
    }
    let metrics = server.metrics();
    assert!(metrics.contains(r#"blomlada_publishes_refused_total{reason="body_timeout"} 4"#), "{metrics}");
    drop(unauthenticated);
}

#[test]
fn a_junk_query_never_reaches_a_cached_page() {
    let fx = Fixture::new();
    let server = fx.start();
    let junk = format!("x={}&sort=%22%3E%3Cscript%3Ejunk&lan=&size=", "j".repeat(300));
    let first = server.get(&format!("/resultat?{junk}"));
    assert_eq!(first.status, 200);
    assert!(!first.text().contains("jjjj") && !first.text().contains("junk"), "not even for its sender");
    let clean = server.get("/resultat").text();
    assert!(!clean.contains("jjjj") && !clean.contains("junk"), "{clean}");
    assert!(clean.contains(r#"href="/resultat?lang=en""#), "{clean}");
    // What is understood is carried to the other language, in one order, and nothing else.
    let sorted = server.get("/resultat?x=1&order=desc&sort=date").text();
    assert!(sorted.contains(r#"href="/resultat?sort=date&amp;order=desc&amp;lang=en""#), "{sorted}");
    let en = server.get("/resultat?lang=en&evil=1").text();
    assert!(!en.contains("evil"), "{en}");
    // A query longer than any page needs is refused before it is read.
    assert_eq!(server.get(&format!("/resultat?x={}", "a".repeat(60_000))).status, 414);
    assert_eq!(server.get(&format!("/resultat/1880?x={}", "a".repeat(600))).status, 414);
}

#[test]
fn result_file_texts_are_bounded_and_free_of_control_characters() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let mut long = good(160_000);
    long["app_version"] = "9".repeat(100_000).into();
    let r = server.post("/api/v1/published", Some(&token), &bytes(&long));
    assert_eq!(r.status, 422);
    assert_eq!(problems(&r), vec![("too_long".to_string(), "app_version is longer than 40 characters".to_string())]);

    let mut nul = good(160_000);
    nul["answers"]["it.bredband"]["comment"] = "före\u{0}efter".into();
    nul["title"] = "abc\u{202e}fed".into();
    let r = server.post("/api/v1/published", Some(&token), &bytes(&nul));
    assert_eq!(r.status, 422);
    let found = problems(&r);
    assert!(found.iter().all(|(kind, _)| kind == "bad_character"), "{found:?}");
    assert!(found.iter().any(|(_, m)| m.starts_with("title contains the character U+202E")), "{found:?}");
    assert!(found.iter().any(|(_, m)| m.starts_with("comment of it.bredband contains the character U+0000")), "{found:?}");
    assert_eq!(server.get("/api/v1/published").json()["count"], 0, "nothing stored");
}

#[test]
fn evidence_links_are_normalised_user_names_refused_and_shown_by_host() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let mut tricked = good(160_000);
    tricked["answers"]["it.bredband"]["evidence"] = "https://kommun.se@evil.example/".into();
    let r = server.post("/api/v1/published", Some(&token), &bytes(&tricked));
    assert_eq!(r.status, 422);
    let found = problems(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "bad_evidence_link");
    assert!(found[0].1.contains("it.bredband") && found[0].1.contains("user name"), "{found:?}");

    let mut odd = good(160_000);
    odd["answers"]["it.bredband"]["evidence"] = "HTTPS://WWW.Orebro.se/a\"<b>".into();
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&odd)).status, 201);
    let stored = server.get("/api/v1/published/1880/resultat.json").json();
    assert_eq!(stored["answers"]["it.bredband"]["evidence"], "https://www.orebro.se/a%22%3Cb%3E");
    let page = server.get("/resultat/1880").text();
    assert!(page.contains(r#"href="https://www.orebro.se/a%22%3Cb%3E""#), "{page}");
    assert!(page.contains(": www.orebro.se</a>"), "shown by host only: {page}");
}

#[test]
fn a_population_no_kommun_has_is_refused() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let r = server.post("/api/v1/published", Some(&token), &bytes(&good(u32::MAX)));
    assert_eq!(r.status, 422);
    assert_eq!(problems(&r), vec![("bad_population".to_string(), "population must be 1 to 10000000".to_string())]);
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&good(10_000_000))).status, 201);
}

#[test]
fn metrics_are_not_found_on_the_public_listener() {
    let fx = Fixture::new();
    // A built app: the fallback would answer its page for any path without a dot.
    std::fs::create_dir_all(fx.dist()).unwrap();
    std::fs::write(fx.dist().join("index.html"), "<!doctype html><title>app</title>").unwrap();
    let server = fx.start();
    assert_eq!(server.get("/vardering/abc").status, 200, "deep links still get the app");
    let r = server.get("/metrics");
    assert_eq!(r.status, 404);
    assert!(!r.text().contains("<title>app</title>"));
    assert_eq!(server.request("HEAD", "/metrics", &[], None).status, 404);
    assert_eq!(server.get("/healthz").status, 200, "health stays on the public listener");
    assert!(server.metrics().contains("blomlada_http_requests_total"), "the metrics listener still serves them");
}
