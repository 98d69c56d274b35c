//! Helpers for tests against the real server binary: a temporary directory with small
//! indicator sets, the server as a child process on a random loopback port, the operator
//! commands, and a minimal HTTP/1.1 client (no client crate needed).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

/// The binary cargo built for these tests, unless `BLOMLADA_SERVER_BIN` names another (the
/// fault-injection suite runs against the release build).
pub fn bin() -> String {
    std::env::var("BLOMLADA_SERVER_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_blomlada-server").to_string())
}

/// The domain's sample set: three areas, six indicators, scale helt/delvis/inte.
pub const SET_TEST_1: &str = r#"{
  "format": 1, "id": "test", "version": "1",
  "title": {"sv": "Testuppsättning", "en": "Test set"},
  "scale": {"options": [
    {"key": "helt", "label": {"sv": "Uppfyller helt"}, "score": 1.0},
    {"key": "delvis", "label": {"sv": "Uppfyller delvis"}, "score": 0.5},
    {"key": "inte", "label": {"sv": "Uppfyller inte"}, "score": 0.0}]},
  "sources": {"skl2016": {"file": "002.txt", "title": "SKL 2016", "year": 2016}},
  "areas": [
    {"id": "tjanster", "role": "flowers", "title": {"sv": "Tjänster"}, "groups": [
      {"id": "skola", "title": {"sv": "Barn och elever"}, "indicators": [
        {"id": "tjanster.skola.gymnasium", "text": {"sv": "Antagning till gymnasium"}, "source": {"ref": "skl2016", "locator": "Figur 12"}},
        {"id": "tjanster.skola.franvaro", "text": {"sv": "Frånvaroanmälan"}, "source": {"ref": "skl2016", "locator": "Figur 12"}}]},
      {"id": "omsorg", "title": {"sv": "Äldre"}, "indicators": [
        {"id": "tjanster.omsorg.larm", "text": {"sv": "Digitala trygghetslarm"}, "source": {"ref": "skl2016", "locator": "Figur 14"}}]}]},
    {"id": "verksamhet", "role": "bars", "title": {"sv": "Verksamhet"}, "groups": [
      {"id": "skola", "title": {"sv": "Skola"}, "indicators": [
        {"id": "verksamhet.skola.utvecklat", "text": {"sv": "Utvecklat verksamheten"}, "source": {"ref": "skl2016", "locator": "Tabell 7"}}]}]},
    {"id": "it", "role": "tiles", "title": {"sv": "IT"}, "groups": [
      {"id": "it", "title": {"sv": "IT"}, "indicators": [
        {"id": "it.tvafaktor", "text": {"sv": "Tvåfaktorsautentisering"}, "source": {"ref": "skl2016", "locator": "Figur 20"}},
        {"id": "it.bredband", "text": {"sv": "Bredbandsstrategi"}, "source": {"ref": "skl2016", "locator": "Figur 19"}}]}]}
  ]}"#;

/// Reading order of `SET_TEST_1`.
pub const TEST_1_IDS: [&str; 6] = [
    "tjanster.skola.gymnasium",
    "tjanster.skola.franvaro",
    "tjanster.omsorg.larm",
    "verksamhet.skola.utvecklat",
    "it.tvafaktor",
    "it.bredband",
];

/// A set with a four-step scale, to show statistics follow the set's own keys.
pub const SET_FYRA_2026: &str = r#"{
  "format": 1, "id": "fyra", "version": "2026",
  "title": {"sv": "Fyrgradig skala"},
  "scale": {"options": [
    {"key": "inte", "label": {"sv": "Inte alls"}, "score": 0.0},
    {"key": "lite", "label": {"sv": "I liten grad"}, "score": 0.33},
    {"key": "mycket", "label": {"sv": "I hög grad"}, "score": 0.67},
    {"key": "helt", "label": {"sv": "Helt"}, "score": 1.0}]},
  "sources": {"esv": {"file": "000.txt", "title": "Enkät 2020"}},
  "areas": [
    {"id": "it", "role": "tiles", "title": {"sv": "IT"}, "groups": [
      {"id": "it", "title": {"sv": "IT"}, "indicators": [
        {"id": "it.ett", "text": {"sv": "Ett"}, "source": {"ref": "esv", "locator": "Fråga 1"}},
        {"id": "it.tva", "text": {"sv": "Två"}, "source": {"ref": "esv", "locator": "Fråga 2"}}]}]}
  ]}"#;

pub const INDEX: &str = r#"{"format": 1, "default": {"set": "test", "version": "1"},
  "sets": [
    {"id": "test", "title": {"sv": "Test"}, "versions": [{"version": "1", "file": "test/1.json"}]},
    {"id": "fyra", "title": {"sv": "Fyra"}, "versions": [{"version": "2026", "file": "fyra/2026.json"}]}]}"#;

/// A temporary directory with `indicators/` (the sets above), a database path and `dist/`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let ind = dir.path().join("indicators");
        std::fs::create_dir_all(ind.join("test")).unwrap();
        std::fs::create_dir_all(ind.join("fyra")).unwrap();
        std::fs::write(ind.join("index.json"), INDEX).unwrap();
        std::fs::write(ind.join("test/1.json"), SET_TEST_1).unwrap();
        std::fs::write(ind.join("fyra/2026.json"), SET_FYRA_2026).unwrap();
        Fixture { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        // A directory that does not exist yet: the server creates it.
        self.dir.path().join("data/blomlada.sqlite")
    }

    pub fn indicators(&self) -> PathBuf {
        self.dir.path().join("indicators")
    }

    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }

    /// Runs an operator command of the binary; returns stdout, panics on failure.
    pub fn cli(&self, args: &[&str]) -> String {
        let (ok, stdout, stderr) = self.cli_status(args);
        assert!(ok, "blomlada-server {args:?} failed: {stderr}");
        stdout
    }

    pub fn cli_status(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new(bin())
            .arg("--db")
            .arg(self.db())
            .arg("--indicators")
            .arg(self.indicators())
            .args(args)
            .output()
            .expect("run binary");
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    pub fn issue_token(&self, kommun: &str) -> String {
        let out = self.cli(&["token", "issue", kommun]);
        let token = out.trim().to_string();
        assert_eq!(out.lines().count(), 1, "token issue prints only the token: {out:?}");
        assert!(token.starts_with("blt_") && token.len() == 68, "{token}");
        token
    }

    pub fn start(&self) -> Server {
        Server::start(self, &self.dist())
    }

    /// The server with more options (e.g. `--trusted-proxy`).
    pub fn start_with(&self, args: &[&str]) -> Server {
        Server::spawn(self, &self.dist(), args, |_| {})
    }
}

/// The real binary serving on a random loopback port; killed when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub addr: String,
    pub log: PathBuf,
    /// The metrics listener's address (each test server has its own, on a free port).
    pub metrics_addr: String,
}

impl Server {
    pub fn start(fixture: &Fixture, dist: &Path) -> Server {
        Server::spawn(fixture, dist, &[], |_| {})
    }

    /// Starts the binary with `args` after the usual ones; `configure` may change the command
    /// further (e.g. the user it runs as).
    pub fn spawn(fixture: &Fixture, dist: &Path, args: &[&str], configure: impl FnOnce(&mut Command)) -> Server {
        let log = fixture.path().join(format!("server-{}.log", unique()));
        let stderr = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(bin());
        command
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--db")
            .arg(fixture.db())
            .arg("--indicators")
            .arg(fixture.indicators())
            .arg("--dist")
            .arg(dist)
            .args(if args.contains(&"--metrics-addr") { &[][..] } else { &["--metrics-addr", "127.0.0.1:0"][..] })
            .args(args)
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        configure(&mut command);
        let mut child = command.spawn().expect("start server");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (mut first, mut second) = (String::new(), String::new());
        stdout.read_line(&mut first).unwrap();
        // The second line names the metrics listener, unless it is off (then there is none).
        if !args.windows(2).any(|w| w == ["--metrics-addr", "off"]) {
            stdout.read_line(&mut second).unwrap();
        }
        let metrics_addr = second.trim().trim_start_matches("metrics http://").trim_end_matches("/metrics").to_string();
        let base = first.trim().to_string();
        assert!(
            base.starts_with("http://127.0.0.1:"),
            "server did not start: {first:?} {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        let addr = base.trim_start_matches("http://").to_string();
        Server { child, base, addr, log, metrics_addr }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, &[], None)
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &[u8]) -> Resp {
        let auth = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
        self.request("POST", path, &headers, Some(body))
    }

    pub fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        let auth = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
        self.request("DELETE", path, &headers, None)
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Resp {
        http(&self.addr, method, path, headers, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// `GET /metrics` from the metrics listener, as text.
    pub fn metrics(&self) -> String {
        http(&self.metrics_addr, "GET", "/metrics", &[], None).unwrap_or_else(|e| panic!("GET /metrics: {e}")).text()
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM and wait; returns whether it exited successfully within `timeout`.
    pub fn terminate(&mut self, timeout: Duration) -> bool {
        // kill(1) rather than libc::kill: the workspace denies unsafe code.
        let _ = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// SIGKILL: no chance to clean up.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8")
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`).
pub fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> std::io::Result<Resp> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if let Some(body) = body {
        // The server may answer (413) before reading everything; still read its answer.
        let _ = stream.write_all(body);
    }
    let mut raw = Vec::new();
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line)?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
    let mut response_headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            response_headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let chunked = response_headers.iter().any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked"));
    let length = response_headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-length")).and_then(|(_, v)| v.parse::<usize>().ok());
    if method == "HEAD" || status == 204 || status == 304 {
        // No body.
    } else if chunked {
        loop {
            let mut size_line = String::new();
            reader.read_line(&mut size_line)?;
            let size = usize::from_str_radix(size_line.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            raw.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        raw.resize(length, 0);
        reader.read_exact(&mut raw)?;
    } else {
        reader.read_to_end(&mut raw)?;
    }
    Ok(Resp { status, headers: response_headers, body: raw })
}

/// A complete result for set test/1. `answers` in `TEST_1_IDS` order.
pub fn result_test_1(code: &str, name: &str, population: u32, title: &str, answers: [&str; 6]) -> Value {
    let mut map = serde_json::Map::new();
    for (id, a) in TEST_1_IDS.iter().zip(answers) {
        map.insert(id.to_string(), json!({"answer": a}));
    }
    json!({
        "format": "blomlada-result",
        "format_version": 2,
        "app_version": "0.1.0",
        "set": {"set": "test", "version": "1"},
        "kommun": {"code": code, "name": name},
        "population": population,
        "title": title,
        "created": "2026-01-01T08:00:00Z",
        "updated": "2026-02-01T08:00:00Z",
        "answers": map,
    })
}

pub fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}
