//! Shared assessments (issue 20) against the real binary: the encrypted change log, its
//! live event stream, snapshots, deletion, limits, durability and expiry.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use rusqlite::Connection;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Bytes that look like ciphertext (a 12-byte nonce, then anything): `len` bytes made from `n`.
fn cipher(n: u64, len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    let mut block = 0u64;
    while out.len() < len {
        out.extend_from_slice(&Sha256::digest(format!("{n}/{block}").as_bytes()));
        block += 1;
    }
    out.truncate(len);
    out
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

struct Share {
    id: String,
    write: String,
}

fn create(server: &Server) -> Share {
    let r = server.post("/api/v1/shares", None, b"{}");
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    let share = Share { id: v["id"].as_str().unwrap().to_string(), write: v["write"].as_str().unwrap().to_string() };
    assert_eq!(share.id.len(), 22, "{v}");
    assert_eq!(share.write.len(), 43, "{v}");
    share
}

fn append_raw(server: &Server, id: &str, secret: Option<&str>, data: &str) -> Resp {
    server.post(&format!("/api/v1/shares/{id}/changes"), secret, &serde_json::to_vec(&json!({"data": data})).unwrap())
}

fn append(server: &Server, share: &Share, bytes: &[u8]) -> i64 {
    let r = append_raw(server, &share.id, Some(&share.write), &b64(bytes));
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["seq"].as_i64().unwrap()
}

fn read(server: &Server, id: &str, after: i64) -> Value {
    let r = server.get(&format!("/api/v1/shares/{id}/changes?after={after}"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn seqs(page: &Value) -> Vec<i64> {
    page["changes"].as_array().unwrap().iter().map(|c| c["seq"].as_i64().unwrap()).collect()
}

fn put(server: &Server, path: &str, secret: Option<&str>, body: &Value) -> Resp {
    let auth = secret.map(|s| format!("Bearer {s}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    server.request("PUT", path, &headers, Some(&serde_json::to_vec(body).unwrap()))
}

// ---- a raw event-stream client ----

/// One open `text/event-stream` response, read as it comes (HTTP/1.1 chunked).
struct Events {
    reader: BufReader<TcpStream>,
    text: String,
}

#[derive(Debug)]
struct Event {
    name: String,
    id: Option<String>,
    data: String,
}

impl Event {
    fn json(&self) -> Value {
        serde_json::from_str(&self.data).unwrap_or_else(|e| panic!("event data is not JSON ({e}): {}", self.data))
    }
}

/// Opens a stream; its status, and the stream when that is 200.
fn open_events(server: &Server, path: &str) -> (u16, Option<Events>) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    // A generous bound for an event that should come at once, not a timing budget.
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // As a browser asks: events must still come uncompressed, one by one.
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\nAccept-Encoding: gzip, br\r\n\r\n", server.addr)
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status: u16 = status_line.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim_end().is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("content-type:") && status == 200 {
            assert!(lower.contains("text/event-stream"), "{line}");
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
        assert!(status != 200 || !lower.starts_with("content-encoding:"), "an event stream is not compressed: {line}");
    }
    if status != 200 {
        return (status, None);
    }
    assert!(chunked, "an event stream is sent in chunks");
    (status, Some(Events { reader, text: String::new() }))
}

impl Events {
    /// The next event (keep-alive comments skipped); None when the server ended the stream.
    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(end) = self.text.find("\n\n") {
                let block: String = self.text.drain(..end + 2).collect();
                let mut event = Event { name: "message".into(), id: None, data: String::new() };
                let mut any = false;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event.name = v.trim().to_string();
                        any = true;
                    } else if let Some(v) = line.strip_prefix("data:") {
                        event.data.push_str(v.trim_start());
                        any = true;
                    } else if let Some(v) = line.strip_prefix("id:") {
                        event.id = Some(v.trim().to_string());
                    }
                }
                if any {
                    return Some(event);
                }
                continue;
            }
            let mut size_line = String::new();
            if self.reader.read_line(&mut size_line).expect("an event within the bound") == 0 {
                return None;
            }
            let size = usize::from_str_radix(size_line.trim(), 16).unwrap_or_else(|_| panic!("chunk size {size_line:?}"));
            let mut chunk = vec![0; size + 2];
            self.reader.read_exact(&mut chunk).unwrap();
            if size == 0 {
                return None;
            }
            self.text.push_str(std::str::from_utf8(&chunk[..size]).unwrap());
        }
    }

    fn next_named(&mut self, name: &str) -> Event {
        let e = self.next().unwrap_or_else(|| panic!("the stream ended before a {name} event"));
        assert_eq!(e.name, name, "{e:?}");
        e
    }
}

fn db_rows(fx: &Fixture, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let conn = Connection::open(fx.db()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| (0..n).map(|i| r.get(i)).collect()).unwrap().collect::<Result<_, _>>().unwrap()
}

fn blob(v: &rusqlite::types::Value) -> Vec<u8> {
    match v {
        rusqlite::types::Value::Blob(b) => b.clone(),
        other => panic!("not a blob: {other:?}"),
    }
}

// ---- tests ----

#[test]
fn changes_are_stored_as_sent_and_read_back_in_order() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let other = create(&server);
    assert_ne!(share.id, other.id);
    let sent: Vec<Vec<u8>> = (0..5).map(|n| cipher(n, 28 + 37 * n as usize)).collect();
    for (i, bytes) in sent.iter().enumerate() {
        assert_eq!(append(&server, &share, bytes), i as i64 + 1);
    }
    assert_eq!(append(&server, &other, &cipher(99, 40)), 1, "each share numbers its own changes");

    let page = read(&server, &share.id, 0);
    assert_eq!(page["snapshot"], Value::Null);
    assert_eq!(page["latest"], 5);
    assert_eq!(page["more"], false);
    let got: Vec<(i64, String)> =
        page["changes"].as_array().unwrap().iter().map(|c| (c["seq"].as_i64().unwrap(), c["data"].as_str().unwrap().to_string())).collect();
    let want: Vec<(i64, String)> = sent.iter().enumerate().map(|(i, b)| (i as i64 + 1, b64(b))).collect();
    assert_eq!(got, want);
    assert_eq!(seqs(&read(&server, &share.id, 3)), vec![4, 5]);
    assert_eq!(seqs(&read(&server, &share.id, 5)), Vec::<i64>::new());

    // Neither a body nor the write secret is in the log.
    let log = server.log_text();
    assert!(log.contains(&share.id), "requests are logged by path");
    for secret in sent.iter().map(|b| b64(b)).chain([share.write.clone()]) {
        assert!(!log.contains(&secret), "{secret} logged:\n{log}");
    }
    let metrics = server.metrics();
    for line in ["blomlada_shares_created_total 2", "blomlada_share_changes_appended_total 6", "blomlada_share_streams_open 0"] {
        assert!(metrics.contains(line), "missing {line:?} in\n{metrics}");
    }
    drop(server);

    // The database holds exactly the ciphertext bytes: nothing added, nothing readable.
    let rows = db_rows(&fx, &format!("SELECT seq, data FROM share_changes WHERE share_id = '{}' ORDER BY seq", share.id));
    assert_eq!(rows.iter().map(|r| blob(&r[1])).collect::<Vec<_>>(), sent);
    let hash = db_rows(&fx, &format!("SELECT write_hash FROM shares WHERE id = '{}'", share.id));
    assert_eq!(blob(&hash[0][0]), Sha256::digest(share.write.as_bytes()).to_vec(), "only the secret's SHA-256 is kept");
}

#[test]
fn a_view_cannot_write_and_a_wrong_secret_is_refused() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let other = create(&server);
    append(&server, &share, &cipher(1, 30));
    let path = format!("/api/v1/shares/{}", share.id);
    let data = b64(&cipher(2, 30));

    let r = append_raw(&server, &share.id, None, &data);
    assert_eq!((r.status, r.json()["error"].as_str()), (401, Some("unauthorized")), "{}", r.text());
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    for wrong in [other.write.as_str(), "not-the-secret"] {
        let r = append_raw(&server, &share.id, Some(wrong), &data);
        assert_eq!((r.status, r.json()["error"].as_str()), (403, Some("wrong_secret")), "{}", r.text());
        let r = put(&server, &format!("{path}/snapshot"), Some(wrong), &json!({"covers": 1, "data": data}));
        assert_eq!(r.status, 403, "{}", r.text());
        assert_eq!(server.delete(&path, Some(wrong)).status, 403);
    }
    assert_eq!(put(&server, &format!("{path}/snapshot"), None, &json!({"covers": 1, "data": data})).status, 401);
    assert_eq!(server.delete(&path, None).status, 401);
    let page = read(&server, &share.id, 0);
    assert_eq!((page["latest"].as_i64(), page["snapshot"].is_null()), (Some(1), true), "nothing changed: {page}");

    // Unknown shares and malformed ids are not found.
    for id in ["AAAAAAAAAAAAAAAAAAAAAA", "short", "has%20space_and_more_xx"] {
        let r = server.get(&format!("/api/v1/shares/{id}/changes"));
        assert_eq!((r.status, r.json()["error"].as_str()), (404, Some("share_not_found")), "{id}: {}", r.text());
        assert_eq!(append_raw(&server, id, Some(&share.write), &data).status, 404);
    }
}

#[test]
fn bad_requests_are_refused_with_their_reason() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let post = |body: &[u8]| server.post(&format!("/api/v1/shares/{}/changes", share.id), Some(&share.write), body);
    let cases: [(&[u8], u16, &str); 6] = [
        (b"not json", 400, "bad_body"),
        (br#"{"data": "AAAA", "extra": 1}"#, 400, "bad_body"),
        (br#"{"data": "no/slashes+or+plus+signs+in+base64url+AAAAAAAAAAA"}"#, 400, "bad_data"),
        (br#"{"data": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="}"#, 400, "bad_data"),
        (br#"{"data": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#, 400, "bad_data"),
        (br#"{"data": 5}"#, 400, "bad_body"),
    ];
    for (body, status, kind) in cases {
        let r = post(body);
        assert_eq!((r.status, r.json()["error"].as_str()), (status, Some(kind)), "{}: {}", String::from_utf8_lossy(body), r.text());
    }
    assert!(post(br#"{"data": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}"#).json()["message"].as_str().unwrap().contains("at least 28"));
    let r = server.get(&format!("/api/v1/shares/{}/changes?after=-1", share.id));
    assert_eq!((r.status, r.json()["error"].as_str()), (400, Some("bad_query")));
    assert_eq!(read(&server, &share.id, 0)["latest"], 0, "nothing was stored");
}

#[test]
fn the_event_stream_sends_the_backlog_then_changes_appended_by_another_client() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let first = cipher(1, 64);
    append(&server, &share, &first);

    let (status, events) = open_events(&server, &format!("/api/v1/shares/{}/events?after=0", share.id));
    assert_eq!(status, 200);
    let mut events = events.unwrap();
    let backlog = events.next_named("change");
    assert_eq!(backlog.json(), json!({"seq": 1, "data": b64(&first)}));
    assert_eq!(backlog.id.as_deref(), Some("1"));

    // Another client writes; the open stream gets it.
    let second = cipher(2, 100);
    assert_eq!(append(&server, &share, &second), 2);
    assert_eq!(events.next_named("change").json(), json!({"seq": 2, "data": b64(&second)}));
    assert!(server.metrics().contains("blomlada_share_streams_open 1"));

    // A reconnecting client resumes with Last-Event-ID (what EventSource sends).
    let third = cipher(3, 50);
    append(&server, &share, &third);
    assert_eq!(events.next_named("change").json()["seq"], 3);
    // A large change does not ride in the relay's buffer: each stream reads it from the
    // database, in its place.
    let large = cipher(4, 10 * 1024);
    append(&server, &share, &large);
    assert_eq!(events.next_named("change").json(), json!({"seq": 4, "data": b64(&large)}));
    let mut resumed = {
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(stream, "GET /api/v1/shares/{}/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 2\r\n\r\n", share.id).unwrap();
        let mut reader = BufReader::new(stream);
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim_end().is_empty() {
                break;
            }
        }
        Events { reader, text: String::new() }
    };
    assert_eq!(resumed.next_named("change").json(), json!({"seq": 3, "data": b64(&third)}));
    assert_eq!(resumed.next_named("change").json()["seq"], 4);

    // Deleting ends the stream with a `deleted` event.
    assert_eq!(server.delete(&format!("/api/v1/shares/{}", share.id), Some(&share.write)).status, 204);
    events.next_named("deleted");
    assert!(events.next().is_none(), "the stream ends after `deleted`");
    resumed.next_named("deleted");
}

#[test]
fn a_reader_that_falls_behind_is_dropped_and_resumes_with_after() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let (_, events) = open_events(&server, &format!("/api/v1/shares/{}/events", share.id));
    let mut slow = events.unwrap();
    // Not read while far more is appended than the socket buffers and the relay's buffer hold.
    let total = 800;
    for n in 0..total {
        assert_eq!(append(&server, &share, &cipher(n, 32 * 1024)), n as i64 + 1);
    }
    let mut last = 0;
    while let Some(event) = slow.next() {
        let seq = event.json()["seq"].as_i64().unwrap();
        assert_eq!(seq, last + 1, "in order, without gaps");
        last = seq;
    }
    assert!(last < total as i64, "the slow reader was dropped (it got {last} of {total})");
    // Reconnecting with `after` gives the rest, from the database.
    let (_, events) = open_events(&server, &format!("/api/v1/shares/{}/events?after={last}", share.id));
    let mut resumed = events.unwrap();
    for seq in last + 1..=total as i64 {
        let event = resumed.next_named("change");
        assert_eq!(event.json(), json!({"seq": seq, "data": b64(&cipher(seq as u64 - 1, 32 * 1024))}));
    }
}

#[test]
fn a_snapshot_drops_the_changes_it_covers() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let sent: Vec<Vec<u8>> = (0..5).map(|n| cipher(n, 40)).collect();
    for bytes in &sent {
        append(&server, &share, bytes);
    }
    let path = format!("/api/v1/shares/{}/snapshot", share.id);
    let snap = cipher(100, 5000);
    let r = put(&server, &path, Some(&share.write), &json!({"covers": 6, "data": b64(&snap)}));
    assert_eq!((r.status, r.json()["error"].as_str()), (409, Some("covers_ahead")), "{}", r.text());
    let r = put(&server, &path, Some(&share.write), &json!({"covers": 3, "data": b64(&snap)}));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({"covers": 3, "dropped": 3, "latest": 5}));
    let r = put(&server, &path, Some(&share.write), &json!({"covers": 2, "data": b64(&cipher(101, 40))}));
    assert_eq!((r.status, r.json()["error"].as_str()), (409, Some("stale_snapshot")), "{}", r.text());

    let page = read(&server, &share.id, 0);
    assert_eq!(page["snapshot"], json!({"covers": 3, "data": b64(&snap)}));
    assert_eq!(seqs(&page), vec![4, 5]);
    assert_eq!(page["changes"][0]["data"], b64(&sent[3]));
    let page = read(&server, &share.id, 3);
    assert_eq!((page["snapshot"].is_null(), seqs(&page)), (true, vec![4, 5]));
    assert_eq!(append(&server, &share, &cipher(6, 40)), 6, "numbering goes on");

    // A stream from before the snapshot starts with it.
    let (_, events) = open_events(&server, &format!("/api/v1/shares/{}/events?after=1", share.id));
    let mut events = events.unwrap();
    assert_eq!(events.next_named("snapshot").json(), json!({"covers": 3, "data": b64(&snap)}));
    assert_eq!(events.next_named("change").json()["seq"], 4);
    drop(events);
    drop(server);

    let stored = db_rows(&fx, &format!("SELECT seq FROM share_changes WHERE share_id = '{}' ORDER BY seq", share.id));
    assert_eq!(stored, vec![vec![4.into()], vec![5.into()], vec![6.into()]]);
    let snapshot = db_rows(&fx, &format!("SELECT snapshot_covers, snapshot_data FROM shares WHERE id = '{}'", share.id));
    assert_eq!((snapshot[0][0].clone(), blob(&snapshot[0][1])), (3.into(), snap));
}

#[test]
fn a_deleted_share_is_gone_from_the_database() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);
    let kept = create(&server);
    let sent: Vec<Vec<u8>> = (0..4).map(|n| cipher(n, 300)).collect();
    for bytes in &sent {
        append(&server, &share, bytes);
    }
    let snap = cipher(50, 2000);
    assert_eq!(
        put(&server, &format!("/api/v1/shares/{}/snapshot", share.id), Some(&share.write), &json!({"covers": 2, "data": b64(&snap)}))
            .status,
        200
    );
    append(&server, &kept, &cipher(7, 30));

    let path = format!("/api/v1/shares/{}", share.id);
    assert_eq!(server.delete(&path, Some(&share.write)).status, 204);
    let r = server.get(&format!("{path}/changes"));
    assert_eq!((r.status, r.json()["error"].as_str()), (410, Some("share_deleted")), "{}", r.text());
    assert_eq!(append_raw(&server, &share.id, Some(&share.write), &b64(&cipher(9, 30))).status, 410);
    assert_eq!(open_events(&server, &format!("{path}/events")).0, 410);
    assert_eq!(server.delete(&path, Some(&share.write)).status, 410);
    assert_eq!(read(&server, &kept.id, 0)["latest"], 1, "other shares are untouched");
    assert!(server.metrics().contains("blomlada_shares_deleted_total{reason=\"deleted\"} 1"));
    drop(server);

    let left = db_rows(&fx, &format!("SELECT COUNT(*) FROM share_changes WHERE share_id = '{}'", share.id));
    assert_eq!(left, vec![vec![0.into()]]);
    let row = db_rows(&fx, &format!("SELECT write_hash, snapshot_data, snapshot_covers FROM shares WHERE id = '{}'", share.id));
    assert_eq!(row, vec![vec![rusqlite::types::Value::Null; 3]], "only a tombstone is left");
    // Nor in free pages or the journal (secure_delete; the connection above checkpointed).
    let file = std::fs::read(fx.db()).unwrap();
    for bytes in sent.iter().chain([&snap]) {
        assert!(!file.windows(bytes.len()).any(|w| w == &bytes[..]), "deleted ciphertext is still in the file");
    }
}

#[test]
fn limits_answer_413_429_and_503() {
    let fx = Fixture::new();
    let server = fx.start();
    let share = create(&server);

    // One change is at most 32 KiB of ciphertext.
    let r = append_raw(&server, &share.id, Some(&share.write), &b64(&cipher(1, 32 * 1024 + 1)));
    assert_eq!((r.status, r.json()["error"].as_str()), (413, Some("too_large")), "{}", r.text());
    assert_eq!(append(&server, &share, &cipher(1, 32 * 1024)), 1, "exactly 32 KiB is taken");
    // A body far over the limit is refused from its Content-Length, unread.
    let r = server.post(&format!("/api/v1/shares/{}/changes", share.id), Some(&share.write), &vec![b' '; 4 << 20]);
    assert_eq!((r.status, r.json()["error"].as_str()), (413, Some("too_large")));
    let r = server.post("/api/v1/shares", None, &vec![b' '; 10_000]);
    assert_eq!(r.status, 413);

    // 64 open streams per share (a workshop of 30 with a second tab each); the next is refused
    // until one closes.
    let path = format!("/api/v1/shares/{}/events?after=1", share.id);
    let mut open: Vec<Events> = (0..64).map(|_| open_events(&server, &path).1.expect("a stream")).collect();
    let (status, _) = open_events(&server, &path);
    assert_eq!(status, 503);
    assert!(server.metrics().contains("blomlada_share_streams_open 64"));
    open.pop();
    // The server notices the closed connection when it next writes to it (the next event).
    append(&server, &share, &cipher(2, 30));
    for events in &mut open {
        assert_eq!(events.next_named("change").json()["seq"], 2);
    }
    let reopened = (0..600).find_map(|_| match open_events(&server, &path) {
        (200, Some(events)) => Some(events),
        _ => {
            thread::sleep(Duration::from_millis(100));
            None
        }
    });
    assert!(reopened.is_some(), "a place frees when a stream closes");

    // 20 shares per address and hour (one made above).
    for _ in 1..20 {
        create(&server);
    }
    let r = server.post("/api/v1/shares", None, b"{}");
    assert_eq!((r.status, r.json()["error"].as_str()), (429, Some("too_many_shares")), "{}", r.text());
    assert!(r.header("retry-after").and_then(|v| v.parse::<u64>().ok()).is_some_and(|s| s > 0 && s <= 3600));
}

#[test]
fn kill_9_after_acknowledged_appends_loses_none() {
    let fx = Fixture::new();
    let mut server = fx.start();
    let shares: Vec<Share> = (0..3).map(|_| create(&server)).collect();
    let acked = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = shares
        .iter()
        .enumerate()
        .map(|(k, share)| {
            let (addr, id, write, acked) = (server.addr.clone(), share.id.clone(), share.write.clone(), acked.clone());
            thread::spawn(move || {
                let mut log: Vec<(i64, Vec<u8>)> = Vec::new();
                for n in 0u64.. {
                    let bytes = cipher(k as u64 * 1_000_000 + n, 40 + (n % 200) as usize);
                    let body = serde_json::to_vec(&json!({"data": b64(&bytes)})).unwrap();
                    let auth = format!("Bearer {write}");
                    match http(&addr, "POST", &format!("/api/v1/shares/{id}/changes"), &[("Authorization", &auth)], Some(&body)) {
                        Ok(r) if r.status == 201 => {
                            log.push((r.json()["seq"].as_i64().unwrap(), bytes));
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(r) => panic!("unexpected {} {}", r.status, r.text()),
                        Err(_) => return log,
                    }
                }
                log
            })
        })
        .collect();
    let started = Instant::now();
    while acked.load(Ordering::SeqCst) < 60 && started.elapsed() < Duration::from_secs(120) {
        thread::sleep(Duration::from_millis(10));
    }
    server.kill9();
    let logs: Vec<Vec<(i64, Vec<u8>)>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(logs.iter().map(Vec::len).sum::<usize>() >= 60, "the appends ran");

    let server = fx.start();
    for (share, log) in shares.iter().zip(&logs) {
        let mut stored = Vec::new();
        let mut after = 0;
        loop {
            let page = read(&server, &share.id, after);
            for c in page["changes"].as_array().unwrap() {
                stored.push((c["seq"].as_i64().unwrap(), URL_SAFE_NO_PAD.decode(c["data"].as_str().unwrap()).unwrap()));
            }
            after = stored.last().map_or(0, |(s, _)| *s);
            if page["more"] == false {
                break;
            }
        }
        // Numbered 1, 2, 3 … without gaps, and every acknowledged change is there as sent.
        assert_eq!(stored.iter().map(|(s, _)| *s).collect::<Vec<_>>(), (1..=stored.len() as i64).collect::<Vec<_>>());
        assert!(stored.len() >= log.len() && stored.len() <= log.len() + 1, "{} stored, {} acknowledged", stored.len(), log.len());
        assert_eq!(&stored[..log.len()], &log[..], "acknowledged changes survive kill -9");
    }
}

#[test]
fn an_untouched_share_expires() {
    let fx = Fixture::new();
    let server = fx.start_with(&["--share-expiry-seconds", "2"]);
    let share = create(&server);
    append(&server, &share, &cipher(1, 500));
    // The sweep runs every second; a generous bound for it to come round. Watched through the
    // metrics: reading the share would keep it alive.
    let expired = "blomlada_shares_deleted_total{reason=\"expired\"} 1";
    let started = Instant::now();
    while !server.metrics().contains(expired) && started.elapsed() < Duration::from_secs(120) {
        thread::sleep(Duration::from_millis(200));
    }
    let r = server.get(&format!("/api/v1/shares/{}/changes", share.id));
    assert_eq!((r.status, r.json()["error"].as_str()), (410, Some("share_deleted")), "the share expired: {}", r.text());
    drop(server);
    let left = db_rows(&fx, "SELECT COUNT(*) FROM share_changes");
    assert_eq!(left, vec![vec![0.into()]]);
}

#[test]
fn a_bad_expiry_is_refused_and_shares_stay_out_of_open_data() {
    let fx = Fixture::new();
    let (ok, _, err) = fx.cli_status(&["--share-expiry-days", "0"]);
    assert!(!ok && err.contains("--share-expiry-days"), "{err}");

    let mut server = fx.start();
    let share = create(&server);
    append(&server, &share, &cipher(1, 64));
    // Open streams do not hold up a clean stop.
    let (_, events) = open_events(&server, &format!("/api/v1/shares/{}/events", share.id));
    let mut events = events.unwrap();
    events.next_named("change");
    assert!(server.terminate(Duration::from_secs(60)), "SIGTERM stops the server with a stream open");
    assert!(events.next().is_none());

    let export = fx.cli(&["export"]);
    assert!(!export.contains(&share.id) && !export.contains(&b64(&cipher(1, 64))), "{export}");
    let snapshot = fx.path().join("snapshot");
    fx.cli(&["snapshot", snapshot.to_str().unwrap()]);
    let mut stack = vec![snapshot];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                assert!(!text.contains(&share.id), "{} names the share", path.display());
            }
        }
    }
}
