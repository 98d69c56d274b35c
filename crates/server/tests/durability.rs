//! Durability and concurrency against the real binary: `kill -9` in the middle of a stream
//! of publishes loses nothing that was acknowledged and leaves nothing half-written.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use common::*;
use serde_json::Value;
use sha2::Digest;

const KOMMUNER: [(&str, &str, u32); 4] =
    [("1880", "Örebro", 160_000), ("1881", "Kumla", 22_000), ("0180", "Stockholm", 980_000), ("2582", "Boden", 28_000)];

const KEYS: [&str; 3] = ["helt", "delvis", "inte"];

/// A distinct, valid result: the title names it, the answers vary with `n`.
fn numbered(code: &str, name: &str, population: u32, title: &str, n: usize) -> Value {
    let answers: [&str; 6] = std::array::from_fn(|i| KEYS[(n + i * (n % 5 + 1)) % 3]);
    result_test_1(code, name, population, title, answers)
}

/// What one publishing thread did: every file it sent, and which were acknowledged (201).
#[derive(Default)]
struct Log {
    sent: HashMap<String, Value>,
    acked: Vec<(String, i64)>,
    /// Sent after the last acknowledgement of a round: may or may not have been stored.
    in_flight: Vec<String>,
}

fn publish_until_gone(addr: String, token: String, code: &'static str, name: &'static str, population: u32, round: usize, log: &mut Log) {
    for i in 0.. {
        let title = format!("{code} runda {round} nr {i}");
        let file = numbered(code, name, population, &title, round * 1000 + i);
        log.sent.insert(title.clone(), file.clone());
        let auth = format!("Bearer {token}");
        match http(&addr, "POST", "/api/v1/published", &[("Authorization", &auth)], Some(&bytes(&file))) {
            Ok(r) if r.status == 201 => log.acked.push((title, r.json()["id"].as_i64().unwrap())),
            Ok(r) => panic!("unexpected {} {}", r.status, r.text()),
            Err(_) => {
                // The server died; this one may or may not have been committed.
                log.in_flight.push(title);
                return;
            }
        }
    }
}

#[test]
fn kill_9_during_publishes_loses_nothing_acknowledged() {
    let fx = Fixture::new();
    let tokens: Vec<String> = KOMMUNER.iter().map(|(code, _, _)| fx.issue_token(code)).collect();
    let mut logs: Vec<Log> = KOMMUNER.iter().map(|_| Log::default()).collect();

    for round in 0..3 {
        let mut server = fx.start();
        let mut handles = Vec::new();
        for (k, (code, name, population)) in KOMMUNER.iter().enumerate() {
            let (addr, token) = (server.addr.clone(), tokens[k].clone());
            let mut log = std::mem::take(&mut logs[k]);
            let (code, name, population) = (*code, *name, *population);
            handles.push(thread::spawn(move || {
                publish_until_gone(addr, token, code, name, population, round, &mut log);
                log
            }));
        }
        thread::sleep(Duration::from_millis(400 + 250 * round as u64));
        server.kill9();
        for (k, h) in handles.into_iter().enumerate() {
            logs[k] = h.join().unwrap();
        }
    }
    let acked_total: usize = logs.iter().map(|l| l.acked.len()).sum();
    assert!(acked_total >= 12, "the publishing streams ran ({acked_total} acknowledged)");
    let in_flight_total: usize = logs.iter().map(|l| l.in_flight.len()).sum();
    eprintln!("acknowledged before the kills: {acked_total}; in flight at a kill: {in_flight_total}");

    // Restart and check through the API.
    let server = fx.start();
    for ((code, _, _), log) in KOMMUNER.iter().zip(&logs) {
        let mine = server.get(&format!("/api/v1/published/{code}")).json();
        let current = mine["current"].as_array().unwrap();
        let history = mine["history"].as_array().unwrap();
        assert_eq!(current.len(), 1, "{code}: one current result");
        let stored: BTreeMap<i64, &Value> = current.iter().chain(history).map(|r| (r["id"].as_i64().unwrap(), &r["result"])).collect();
        // Every acknowledged publish is there, whole, under the id it was given.
        for (title, id) in &log.acked {
            let found = stored.get(id).unwrap_or_else(|| panic!("{code}: acknowledged {title} (id {id}) is missing"));
            assert_eq!(*found, &log.sent[title], "{code}: {title} stored as sent");
        }
        // Nothing else but the ones in flight at a kill, each whole.
        let acked_ids: Vec<i64> = log.acked.iter().map(|(_, id)| *id).collect();
        for (id, result) in &stored {
            if acked_ids.contains(id) {
                continue;
            }
            let title = result["title"].as_str().unwrap();
            assert!(log.in_flight.iter().any(|t| t == title), "{code}: unexpected stored result {title}");
            assert_eq!(*result, &log.sent[title], "{code}: in-flight {title} stored whole");
        }
        // The current one is the last acknowledged, or one sent after it.
        let current_title = current[0]["result"]["title"].as_str().unwrap();
        let last_acked = log.acked.last().map(|(t, _)| t.as_str());
        assert!(
            Some(current_title) == last_acked || log.in_flight.last().map(String::as_str) == Some(current_title),
            "{code}: current is {current_title}, last acknowledged {last_acked:?}"
        );
    }
    drop(server);

    // And in the file itself: intact, one current per kommun, columns agree with the JSON.
    let conn = rusqlite::Connection::open(fx.db()).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let mut stmt = conn.prepare("SELECT kommun_code, set_id, set_version, population, title, status, sha256, body FROM results").unwrap();
    type Stored = (String, String, String, u32, String, String, String, String);
    let rows: Vec<Stored> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut current_per_kommun: HashMap<String, usize> = HashMap::new();
    for (code, set, version, population, title, status, sha, body) in &rows {
        let v: Value = serde_json::from_str(body).expect("stored JSON is whole");
        assert_eq!((v["kommun"]["code"].as_str(), v["title"].as_str()), (Some(code.as_str()), Some(title.as_str())));
        assert_eq!((v["set"]["set"].as_str(), v["set"]["version"].as_str()), (Some(set.as_str()), Some(version.as_str())));
        assert_eq!(v["population"].as_u64(), Some(u64::from(*population)));
        let digest: String = sha2::Sha256::digest(body.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(&digest, sha);
        if status == "current" {
            *current_per_kommun.entry(code.clone()).or_default() += 1;
        }
    }
    assert_eq!(current_per_kommun.len(), 4);
    assert!(current_per_kommun.values().all(|n| *n == 1));
}

#[test]
fn concurrent_publishers_from_several_kommuner() {
    let fx = Fixture::new();
    let kommuner: [(&str, &str, u32); 6] = [
        ("1880", "Örebro", 160_000),
        ("1881", "Kumla", 22_000),
        ("0180", "Stockholm", 980_000),
        ("2582", "Boden", 28_000),
        ("1480", "Göteborg", 600_000),
        ("1280", "Malmö", 360_000),
    ];
    let tokens: Vec<String> = kommuner.iter().map(|(code, _, _)| fx.issue_token(code)).collect();
    let server = fx.start();
    const EACH: usize = 12;
    let reading = Arc::new(AtomicBool::new(true));
    // A reader hammers the statistics meanwhile: it must never see a broken state.
    let reader = {
        let (addr, reading) = (server.addr.clone(), reading.clone());
        thread::spawn(move || {
            let mut reads = 0;
            while reading.load(Ordering::SeqCst) {
                let r = http(&addr, "GET", "/api/v1/stats", &[], None).unwrap();
                assert_eq!(r.status, 200);
                let n = r.json()["n"].as_u64().unwrap();
                assert!(n <= 6);
                reads += 1;
            }
            reads
        })
    };
    let handles: Vec<_> = kommuner
        .iter()
        .zip(tokens)
        .map(|(&(code, name, population), token)| {
            let addr = server.addr.clone();
            thread::spawn(move || {
                for i in 0..EACH {
                    let file = numbered(code, name, population, &format!("{code} nr {i}"), i);
                    let auth = format!("Bearer {token}");
                    let r = http(&addr, "POST", "/api/v1/published", &[("Authorization", &auth)], Some(&bytes(&file))).unwrap();
                    assert_eq!(r.status, 201, "{}", r.text());
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    reading.store(false, Ordering::SeqCst);
    let reads = reader.join().unwrap();
    assert!(reads > 0);

    assert_eq!(server.get("/api/v1/published").json()["count"], 6);
    for (code, _, _) in kommuner {
        let mine = server.get(&format!("/api/v1/published/{code}")).json();
        assert_eq!(mine["current"][0]["title"], format!("{code} nr {}", EACH - 1));
        assert_eq!(mine["history"].as_array().unwrap().len(), EACH - 1);
    }
    let stats = server.get("/api/v1/stats").json();
    assert_eq!(stats["n"], 6);
    assert_eq!(stats["total"]["answered"], 36);
}
