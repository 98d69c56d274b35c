//! Running it for real, against the real binary: health, metrics, trusted proxies and the
//! request log.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;

use common::*;
use serde_json::Value;

const ALL_HELT: [&str; 6] = ["helt"; 6];

/// The value of one sample (`name{labels}` exactly as exposed), 0 when it is not there yet.
fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|l| l.strip_prefix(series).and_then(|rest| rest.strip_prefix(' ')))
        .map(|v| v.trim().parse().unwrap())
        .unwrap_or(0.0)
}

#[test]
fn metrics_move_as_requests_are_made_and_stay_off_the_public_listener() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start();
    let before = server.metrics();
    // Without an Accept header asking for OpenMetrics: the classic text format, whose HELP and
    // TYPE lines name the counters' samples (`_total`), as promtool wants.
    assert!(before.contains("# TYPE blomlada_database_size_bytes gauge\n") && !before.contains("# EOF"), "{before}");
    let prometheus = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    let open = http(&server.metrics_addr, "GET", "/metrics", &[("accept", prometheus)], None).unwrap();
    assert!(open.header("content-type").unwrap().starts_with("application/openmetrics-text"));
    assert!(open.text().ends_with("# EOF\n"));

    for _ in 0..3 {
        assert_eq!(server.get("/api/v1/published").status, 200);
    }
    assert_eq!(server.get("/api/v1/published/1880").status, 200);
    let good = bytes(&result_test_1("1880", "Örebro", 160_000, "V", ALL_HELT));
    assert_eq!(server.post("/api/v1/published", Some(&token), &good).status, 201);
    assert_eq!(server.post("/api/v1/published", Some(&token), &good).status, 200);
    let wrong = format!("blt_{}", "2".repeat(64));
    assert_eq!(server.post("/api/v1/published", Some(&wrong), &good).status, 401);
    assert_eq!(server.post("/api/v1/published", None, &good).status, 401);
    assert_eq!(server.post("/api/v1/published", Some(&token), b"{}").status, 400);
    assert_eq!(server.delete("/api/v1/published/1880?set=test&version=1", Some(&token)).status, 200);
    assert_eq!(server.get("/healthz").status, 200);

    let after = server.metrics();
    assert!(after.contains("# HELP blomlada_http_requests_total HTTP requests answered"), "{after}");
    assert!(after.contains("# TYPE blomlada_http_requests_total counter\n"), "{after}");
    let moved = |series: &str| sample(&after, series) - sample(&before, series);
    assert_eq!(moved(r#"blomlada_http_requests_total{method="GET",route="/api/v1/published",status="200"}"#), 3.0);
    assert_eq!(moved(r#"blomlada_http_requests_total{method="GET",route="/api/v1/published/{kommunkod}",status="200"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_http_requests_total{method="POST",route="/api/v1/published",status="401"}"#), 2.0);
    assert_eq!(moved(r#"blomlada_http_requests_total{method="GET",route="/healthz",status="200"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_http_request_duration_seconds_count{method="GET",route="/api/v1/published"}"#), 3.0);
    assert_eq!(moved(r#"blomlada_publishes_accepted_total{outcome="created"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_publishes_accepted_total{outcome="unchanged"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_publishes_accepted_total{outcome="withdrawn"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_publishes_refused_total{reason="unauthorized"}"#), 2.0);
    assert_eq!(moved(r#"blomlada_publishes_refused_total{reason="not_a_result_file"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_token_failures_total{reason="invalid"}"#), 1.0);
    assert_eq!(moved(r#"blomlada_token_failures_total{reason="missing"}"#), 1.0);
    assert!(sample(&after, "blomlada_database_size_bytes") > 4096.0, "{after}");
    assert!(sample(&after, "blomlada_process_resident_memory_bytes") > 1e6, "{after}");
    // No raw paths or kommun codes as labels: the label set stays small.
    assert!(!after.contains("1880"), "{after}");

    // The public listener does not serve them.
    assert!(!server.get("/metrics").text().contains("blomlada_http_requests_total"));
}

#[test]
fn metrics_can_be_turned_off() {
    let fx = Fixture::new();
    let server = fx.start_with(&["--metrics-addr", "off"]);
    assert_eq!(server.metrics_addr, "", "no metrics line printed");
    assert_eq!(server.get("/api/v1/published").status, 200);
    let (ok, _, err) = fx.cli_status(&["serve", "--addr", "127.0.0.1:0", "--metrics-addr", "localhost"]);
    assert!(!ok && err.contains("not an address"), "{err}");
}

/// Runs the server as `nobody` when the tests run as root (root reads any file whatever its
/// mode), so that taking the read permission away is felt.
fn start_as_unprivileged(fx: &Fixture) -> Server {
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    if !root {
        return fx.start();
    }
    fn chown_all(p: &Path) {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
        if p.is_dir() {
            for e in std::fs::read_dir(p).unwrap() {
                chown_all(&e.unwrap().path());
            }
        }
    }
    std::fs::create_dir_all(fx.db().parent().unwrap()).unwrap();
    chown_all(fx.path());
    Server::spawn(fx, &fx.dist(), &[], |c| {
        c.uid(65534).gid(65534);
    })
}

#[test]
fn health_is_503_while_the_database_file_cannot_be_read() {
    let fx = Fixture::new();
    let server = start_as_unprivileged(&fx);
    let r = server.get("/healthz");
    assert_eq!((r.status, r.text().as_str()), (200, "ok\n"));
    assert_eq!(http(&server.metrics_addr, "GET", "/healthz", &[], None).unwrap().status, 200);

    let mode = std::fs::metadata(fx.db()).unwrap().permissions().mode();
    std::fs::set_permissions(fx.db(), std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = server.get("/healthz");
    assert_eq!((r.status, r.text().as_str()), (503, "unavailable\n"), "no details to strangers");
    assert_eq!(http(&server.metrics_addr, "GET", "/healthz", &[], None).unwrap().status, 503);
    assert!(server.log_text().contains("health check failed"));

    std::fs::set_permissions(fx.db(), std::fs::Permissions::from_mode(mode)).unwrap();
    assert_eq!(server.get("/healthz").status, 200);

    // A database file deleted under the running server: unhealthy too.
    std::fs::remove_file(fx.db()).unwrap();
    assert_eq!(server.get("/healthz").status, 503);
}

fn fail_token(server: &Server, forwarded_for: Option<&str>) -> u16 {
    let wrong = format!("blt_{}", "3".repeat(64));
    let auth = format!("Bearer {wrong}");
    let mut headers = vec![("Authorization", auth.as_str())];
    if let Some(xff) = forwarded_for {
        headers.push(("X-Forwarded-For", xff));
    }
    server.request("POST", "/api/v1/published", &headers, Some(b"{}")).status
}

#[test]
fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored() {
    let fx = Fixture::new();
    let server = fx.start();
    // Five failures, each claiming another client: all count against the real peer.
    for i in 0..5 {
        assert_eq!(fail_token(&server, Some(&format!("203.0.113.{i}"))), 401);
    }
    assert_eq!(fail_token(&server, Some("203.0.113.99")), 429);
    assert_eq!(fail_token(&server, None), 429);
    assert!(server.log_text().contains("client=127.0.0.1"));
    assert!(!server.log_text().contains("203.0.113."));
}

#[test]
fn behind_a_trusted_proxy_the_limit_keys_on_the_client_it_names() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start_with(&["--trusted-proxy", "127.0.0.0/8", "--trusted-proxy", "10.0.0.0/8"]);
    for _ in 0..5 {
        assert_eq!(fail_token(&server, Some("203.0.113.7")), 401);
    }
    assert_eq!(fail_token(&server, Some("203.0.113.7")), 429, "the client the proxy names is blocked");
    // The client cannot escape by prepending an address of its own: the proxy appended the real one.
    assert_eq!(fail_token(&server, Some("198.51.100.1, 203.0.113.7")), 429);
    assert_eq!(fail_token(&server, Some("203.0.113.7, 10.1.1.1")), 429, "through two trusted proxies");
    // Other clients behind the same proxy are not.
    assert_eq!(fail_token(&server, Some("203.0.113.8")), 401);
    let good = bytes(&result_test_1("1880", "Örebro", 160_000, "V", ALL_HELT));
    let auth = format!("Bearer {token}");
    let r = server.request("POST", "/api/v1/published", &[("Authorization", &auth), ("X-Forwarded-For", "203.0.113.9")], Some(&good));
    assert_eq!(r.status, 201);
    assert!(server.log_text().contains("client=203.0.113.7"));
}

#[test]
fn one_json_line_per_request_with_its_id_and_never_a_token() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let server = fx.start_with(&["--log-format", "json", "--trusted-proxy", "127.0.0.1"]);
    let good = bytes(&result_test_1("1880", "Örebro", 160_000, "V", ALL_HELT));
    let published = server.post("/api/v1/published", Some(&token), &good);
    assert_eq!(published.status, 201);
    let id = published.header("x-request-id").expect("a request id").to_string();
    let kommun = server.get("/api/v1/published/1880?set=test&version=1");
    // A trusted proxy's id is kept; an untrusted one's would not be (see the unit test).
    let proxied = server.request("GET", "/api/v1/stats", &[("X-Request-Id", "proxy-abc.123")], None);
    assert_eq!(proxied.header("x-request-id"), Some("proxy-abc.123"));

    let log = server.log_text();
    let lines: Vec<Value> = log.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    let requests: Vec<&Value> = lines.iter().filter(|l| l["message"] == "request").collect();
    assert_eq!(requests.len(), 3, "{log}");
    let line = requests.iter().find(|l| l["request_id"] == id.as_str()).expect("the publish's line");
    assert_eq!(
        (line["method"].as_str(), line["route"].as_str(), line["status"].as_u64()),
        (Some("POST"), Some("/api/v1/published"), Some(201))
    );
    assert!(line["ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(line["client"], "127.0.0.1");
    // Other lines logged while the request ran carry its id too.
    let publish = lines.iter().find(|l| l["message"] == "publish").expect("the publish line");
    assert_eq!(publish["span"]["request_id"], id.as_str());
    let get = requests.iter().find(|l| l["request_id"] == kommun.header("x-request-id").unwrap()).unwrap();
    assert_eq!(get["route"], "/api/v1/published/{kommunkod}");
    assert_eq!(get["path"], "/api/v1/published/1880", "the path without its query");
    assert!(!log.contains(&token[4..20]) && !log.contains("Bearer") && !log.to_ascii_lowercase().contains("authorization"));
}
