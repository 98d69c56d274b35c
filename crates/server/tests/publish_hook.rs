//! `--snapshot-dir` and `--on-publish` against the real binary: the snapshot follows publishes,
//! the command runs with its directory, runs coalesce, and a publish never waits for them.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path).map(|t| t.lines().map(str::to_string).collect()).unwrap_or_default()
}

/// Waits (at most a minute, so a broken server fails the test instead of hanging it).
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_snapshot_follows_publishes_in_the_background() {
    let fx = Fixture::new();
    let orebro = fx.issue_token("1880");
    let kumla = fx.issue_token("1881");
    let snapshot = fx.path().join("public/open-data");
    let runs = fx.path().join("hook-runs.txt");
    let gate = fx.path().join("gate");
    // Each run notes its arguments, then waits for the gate (at most a minute).
    let command = format!(
        "printf '%s %s\\n' \"$1\" \"$BLOMLADA_SNAPSHOT_DIR\" >> '{}'; n=0; while [ ! -e '{}' ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n+1)); done",
        runs.display(),
        gate.display()
    );
    let server = fx.start_with(&["--snapshot-dir", snapshot.to_str().unwrap(), "--on-publish", &command, "--snapshot-debounce-ms", "50"]);

    // A first run at start: the snapshot exists before anything is published.
    wait_until("the first run", || lines(&runs).len() == 1);
    let dir = snapshot.display().to_string();
    assert_eq!(lines(&runs)[0], format!("{dir} {dir}"));
    let published = || -> Value { serde_json::from_str(&std::fs::read_to_string(snapshot.join("published.json")).unwrap()).unwrap() };
    assert_eq!(published()["count"], 0);

    // While that run's command is still running, publishes are acknowledged as usual.
    let a = result_test_1("1880", "Örebro", 160_000, "Örebro", ["helt"; 6]);
    let b = result_test_1("1881", "Kumla", 22_000, "Kumla", ["inte"; 6]);
    assert_eq!(server.post("/api/v1/published", Some(&orebro), &bytes(&a)).status, 201);
    assert_eq!(server.post("/api/v1/published", Some(&kumla), &bytes(&b)).status, 201);
    assert_eq!(lines(&runs).len(), 1, "the first run is still waiting for its gate");

    // Once it ends, one more run takes both publishes.
    std::fs::write(&gate, "").unwrap();
    wait_until("the second run", || lines(&runs).len() == 2);
    assert_eq!(published()["count"], 2);
    assert_eq!(std::fs::read_to_string(snapshot.join("published.csv")).unwrap(), server.get("/api/v1/published.csv").text());
    wait_until("the metrics", || server.metrics().contains("blomlada_on_publish_runs_total{outcome=\"ok\"} 2"));
    assert_eq!(lines(&runs).len(), 2, "two publishes in a row: one run");

    // A withdrawal is a change too.
    assert_eq!(server.delete("/api/v1/published/1881?set=test&version=1", Some(&kumla)).status, 200);
    wait_until("the third run", || lines(&runs).len() == 3);
    assert_eq!(published()["count"], 1);
    assert!(server.log_text().contains("snapshot written"));
}

#[test]
fn a_failing_command_is_logged_and_counted_and_publishing_goes_on() {
    let fx = Fixture::new();
    let token = fx.issue_token("1880");
    let snapshot = fx.path().join("snap");
    let server = fx.start_with(&["--snapshot-dir", snapshot.to_str().unwrap(), "--on-publish", "exit 3", "--snapshot-debounce-ms", "0"]);
    wait_until("a failed run", || server.metrics().contains("blomlada_on_publish_runs_total{outcome=\"failed\"} 1"));
    let a = result_test_1("1880", "Örebro", 160_000, "Örebro", ["helt"; 6]);
    assert_eq!(server.post("/api/v1/published", Some(&token), &bytes(&a)).status, 201);
    wait_until("a second failed run", || server.metrics().contains("blomlada_on_publish_runs_total{outcome=\"failed\"} 2"));
    assert!(server.log_text().contains("on-publish command failed"));
    // The snapshot itself was written before the command ran.
    assert!(std::fs::read_to_string(snapshot.join("published.json")).unwrap().contains("Örebro"));
    // --on-publish needs a directory.
    let (ok, _, err) = fx.cli_status(&["serve", "--on-publish", "true"]);
    assert!(!ok && err.contains("--snapshot-dir"), "{err}");
}
