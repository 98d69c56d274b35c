//! Property tests at scale on every parser of outside data: `IndicatorSet::parse`,
//! `ResultFile::parse` (and `parse_unchecked`), `Catalog::parse` and the saved envelope.
//! Whatever the bytes, each parser answers Ok or Err and never panics; a result file that
//! parses goes on into an assessment, the saved envelope and a comparison without panicking.
//!
//! Three kinds of input: random bytes; valid documents with byte-level mutations (cuts, flips,
//! nasty tokens spliced in, ranges repeated); and valid documents with one JSON value replaced
//! by an arbitrary one (wrong types, huge numbers, unicode ids, deep nesting).
//!
//! `cargo test` runs a few hundred cases per property; `make fuzz` (and `make bench`) sets
//! `BLOMLADA_FUZZ_CASES` high and runs them in release (the slowest property runs a quarter), millions of parser executions in all.
//! Each property prints how many cases and parser executions it ran.

use std::path::{Path, PathBuf};
use std::cell::Cell;
use std::sync::OnceLock;

use blomlada_domain::catalog::{Catalog, SetRef};
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::timestamp::Timestamp;
use blomlada_domain::{saved, IndicatorSet};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> u32 {
    std::env::var("BLOMLADA_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

struct Seeds {
    sets: Vec<IndicatorSet>,
    /// Valid documents of every kind the parsers read.
    docs: Vec<Vec<u8>>,
    /// The same, parsed.
    values: Vec<Value>,
}

/// The corpus's small set, the sets under `indicators/` (when they parse), and a valid result
/// file, saved envelope and catalog for each.
fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut sets = Vec::new();
        let mut docs = Vec::new();
        let small = std::fs::read_to_string(repo().join("tests/corpus/set-small-valid.json")).unwrap();
        sets.push(IndicatorSet::parse(&small, "small").unwrap());
        docs.push(small.into_bytes());
        let indicators = repo().join("indicators");
        if let Ok(index) = std::fs::read_to_string(indicators.join("index.json")) {
            if let Ok(catalog) = Catalog::parse(&index, "index.json") {
                for v in catalog.sets.iter().flat_map(|s| &s.versions) {
                    if let Ok(text) = std::fs::read_to_string(indicators.join(&v.file)) {
                        if let Ok(set) = IndicatorSet::parse(&text, &v.file) {
                            sets.push(set);
                        }
                    }
                }
            }
            docs.push(index.into_bytes());
        }
        let keys = ["helt", "delvis", "inte"];
        for set in &sets {
            let answers: serde_json::Map<String, Value> = set
                .placed()
                .enumerate()
                .map(|(i, p)| {
                    let mut a = json!({"answer": set.scale_keys().nth(i % 3).unwrap_or(keys[i % 3])});
                    if i % 4 == 0 {
                        a["comment"] = json!("Införd 2025, se beslut § 41.");
                    }
                    if i % 7 == 0 {
                        a["evidence"] = json!("https://example.se/beslut");
                    }
                    (p.indicator.id.clone(), a)
                })
                .collect();
            let result = json!({
                "format": "blomlada-result", "format_version": 1, "app_version": "0.1.0",
                "set": {"set": set.id, "version": set.version},
                "kommun": {"code": "1880", "name": "Örebro"}, "population": 160000,
                "title": "Värdering", "created": "2026-03-01T09:00:00Z", "updated": "2026-03-04T15:30:00Z",
                "approval": "KS 2026-03-04 § 41", "answers": answers,
            });
            let file = ResultFile::parse(result.to_string().as_bytes(), |_| Some(set)).expect("seed result file is valid").0;
            docs.push(saved::encode(&file.to_assessment("fuzz".into(), Timestamp::from_millis(0))).into_bytes());
            docs.push(serde_json::to_vec_pretty(&result).unwrap());
        }
        let values = docs.iter().map(|d| serde_json::from_slice(d).expect("seed is JSON")).collect();
        Seeds { sets, docs, values }
    })
}

thread_local! {
    /// Parser calls on this thread (each property runs on its own).
    static EXECUTIONS: Cell<u64> = const { Cell::new(0) };
}

/// Every parser on one input. Panics (which proptest reports with the input) are the failure.
fn feed(bytes: &[u8]) {
    let seeds = seeds();
    let find = |r: &SetRef| seeds.sets.iter().find(|s| s.id == r.set && s.version == r.version);
    if let Ok((file, set)) = ResultFile::parse(bytes, find) {
        let a = file.to_assessment("fuzz".into(), Timestamp::from_millis(0));
        let back = saved::decode(&saved::encode(&a)).expect("a saved assessment reads back");
        assert_eq!(back, a);
        let c = compare(set, [&file], &Selection::All);
        assert!(c.n() <= 1);
        let _ = file.to_json();
    }
    let _ = ResultFile::parse_unchecked(bytes);
    let text = String::from_utf8_lossy(bytes);
    if let Ok(set) = IndicatorSet::parse(&text, "fuzz.json") {
        let _ = set.indicator_count();
    }
    let _ = Catalog::parse(&text, "fuzz.json");
    let _ = saved::decode(&text);
    EXECUTIONS.with(|n| n.set(n.get() + 5));
}

/// Runs `cases() / divisor` cases (slow properties take a share of the count).
fn run(name: &str, divisor: u32, strategy: impl Strategy<Value = Vec<u8>>) {
    let cases = (cases() / divisor).max(1);
    let before = EXECUTIONS.with(Cell::get);
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&strategy, |bytes| {
        feed(&bytes);
        Ok(())
    });
    let executions = EXECUTIONS.with(Cell::get) - before;
    println!(
        "fuzz {name}: {cases} cases, {executions} parser executions, {:.1} s, {}",
        started.elapsed().as_secs_f64(),
        if outcome.is_ok() { "no panic" } else { "FAILED" }
    );
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
}

/// Tokens that break parsers: structure, huge and odd numbers, escapes, BOM, invalid UTF-8.
const NASTY: &[&[u8]] = &[
    b"\"", b"{", b"}", b"[", b"]", b",", b":", b"null", b"true", b"-", b"0", b"1e999", b"-0", b"1.5",
    b"18446744073709551616", b"-9223372036854775809", b"4294967296", b"1e-400", b"0.0000000000000000000001",
    b"\"\\u0000\"", b"\"\\ud800\"", b"\\", b"\\u", b"\"\\uD83C\\uDF38\"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xC3",
    b"\xED\xA0\x80", b"\x00", b"\n", b"\t", b"\"\xC3\xA5\xC3\xA4\xC3\xB6\"", b"\"\xF0\x9F\x8C\xB8\"", b"\"\xE2\x80\xAE\"",
    b"\"format\"", b"\"format_version\"", b"\"answers\"", b"\"areas\"", b"\"groups\"", b"\"indicators\"", b"\"id\"",
    b"\"helt\"", b"\"1880\"", b"\"blomlada-result\"", b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":", b"NaN", b"Infinity", b"/*", b"'",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    Repeat(usize, usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        4 => (any::<usize>(), 0..NASTY.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        1 => (any::<usize>(), 1usize..256, 1u8..8).prop_map(|(at, n, times)| Mutation::Repeat(at, n, times)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut doc: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = doc.len().max(1);
        match *m {
            Mutation::Flip(at, b) if !doc.is_empty() => doc[at % len] ^= b | 1,
            Mutation::Flip(..) => {}
            Mutation::Delete(at, n) => {
                let at = at % len.min(doc.len() + 1);
                let end = (at + n).min(doc.len());
                doc.drain(at.min(end)..end);
            }
            Mutation::Insert(at, t) => {
                let at = at % (doc.len() + 1);
                doc.splice(at..at, NASTY[t].iter().copied());
            }
            Mutation::Repeat(at, n, times) => {
                let at = at % (doc.len() + 1);
                let end = (at + n).min(doc.len());
                let chunk = doc[at..end].to_vec();
                for _ in 0..times {
                    doc.splice(end..end, chunk.iter().copied());
                }
            }
            Mutation::Truncate(at) => doc.truncate(at % (doc.len() + 1)),
        }
    }
    doc
}

/// Strings a parser should think twice about: ids, scale keys, kommun codes, unicode, escapes.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("helt".to_string()),
        Just("1880".to_string()),
        Just("blomlada-result".to_string()),
        Just("tjanster.skola.gymnasium".to_string()),
        Just("tjänster.skola.gymnasium\u{200b}🌸\u{202e}".to_string()),
        Just("\u{0}\u{feff}\u{fffd}".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("2026-02-30T25:61:61Z".to_string()),
        Just("x".repeat(5000)),
        ".{0,40}",
    ]
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("JSON numbers are finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(u32::MAX as u64 + 1)),
        nasty_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((nasty_string(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer in a document.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                pointers(v, format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")), out)
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                pointers(v, format!("{here}/{i}"), out)
            }
        }
        _ => {}
    }
}

fn replace_one(seed: &Value, at: usize, with: Value, drop: bool) -> Vec<u8> {
    let mut v = seed.clone();
    let mut all = Vec::new();
    pointers(&v, String::new(), &mut all);
    let pointer = &all[at % all.len()];
    if drop {
        if let Some((parent, key)) = pointer.rsplit_once('/') {
            if let Some(Value::Object(m)) = v.pointer_mut(parent) {
                m.remove(&key.replace("~1", "/").replace("~0", "~"));
            }
        }
    } else if let Some(slot) = v.pointer_mut(pointer) {
        *slot = with;
    }
    serde_json::to_vec(&v).unwrap()
}

fn seed_index() -> impl Strategy<Value = usize> {
    let n = seeds().docs.len();
    0..n
}

#[test]
fn random_bytes_never_panic_a_parser() {
    run("random bytes", 1, prop::collection::vec(any::<u8>(), 0..2048));
}

#[test]
fn mutated_documents_never_panic_a_parser() {
    let strategy = (seed_index(), prop::collection::vec(mutation(), 1..8))
        .prop_map(|(i, ms)| apply(seeds().docs[i].clone(), &ms));
    run("byte-mutated documents", 1, strategy);
}

#[test]
fn documents_with_a_value_replaced_never_panic_a_parser() {
    let strategy = (seed_index(), any::<usize>(), arbitrary_json(), prop::bool::weighted(0.2))
        .prop_map(|(i, at, with, drop)| replace_one(&seeds().values[i], at, with, drop));
    run("documents with one JSON value replaced or dropped", 4, strategy);
}

#[test]
fn arbitrary_json_never_panics_a_parser() {
    let strategy = arbitrary_json().prop_map(|v| serde_json::to_vec(&v).unwrap());
    run("arbitrary JSON", 1, strategy);
}
