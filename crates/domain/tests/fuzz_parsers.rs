//! Property tests at scale on every parser of outside data: `IndicatorSet::parse`,
//! `ResultFile::parse` (and `parse_unchecked`), `Catalog::parse`, `Concordance::parse` and the
//! saved envelope. Whatever the bytes, each parser answers Ok or Err and never panics; a result
//! file that parses goes on into an assessment, the saved envelope, a comparison and an import
//! through the concordance into every other version of its set; a concordance that parses (the
//! app uses one as soon as it parses) is validated against the real sets and carries a full
//! seed assessment over, both ways.
//!
//! Three kinds of input: random bytes; valid documents with byte-level mutations (cuts, flips,
//! nasty tokens spliced in, ranges repeated); and valid documents with one JSON value replaced
//! by an arbitrary one (wrong types, huge numbers, unicode ids, deep nesting).
//!
//! `cargo test` runs a few hundred cases per property; `make fuzz` (and `make bench`) sets
//! `BLOMLADA_FUZZ_CASES` high and runs them in release (the slowest property runs a quarter), millions of parser executions in all.
//! Each property prints how many cases and parser executions it ran.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use blomlada_domain::carry_over::carry_over;
use blomlada_domain::catalog::{Catalog, SetRef};
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::concordance::Concordance;
use blomlada_domain::indicator_files::IndicatorFiles;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::timestamp::Timestamp;
use blomlada_domain::{saved, IndicatorSet, Response};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn cases() -> u32 {
    std::env::var("BLOMLADA_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

struct Seeds {
    sets: Vec<IndicatorSet>,
    /// The concordances under `indicators/`.
    concordances: Vec<Concordance>,
    /// A full assessment's responses per set (index into `sets`), to carry over.
    answers: Vec<BTreeMap<String, Response>>,
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
        let files = IndicatorFiles::load("indicators/", |p| std::fs::read_to_string(indicators.join(p)).map_err(|e| e.to_string()));
        sets.extend(files.sets.into_values());
        let mut concordances = Vec::new();
        for (file, c) in files.concordances {
            let path = repo().join(&file);
            if let Ok(text) = std::fs::read_to_string(&path).or_else(|_| std::fs::read_to_string(indicators.join(&file))) {
                docs.push(text.into_bytes());
            }
            concordances.push(c);
        }
        if let Ok(index) = std::fs::read_to_string(indicators.join("index.json")) {
            docs.push(index.into_bytes());
        }
        let mut seed_answers = Vec::new();
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
            let assessment = file.to_assessment("fuzz".into(), Timestamp::from_millis(0));
            docs.push(saved::encode(&assessment).into_bytes());
            seed_answers.push(assessment.responses);
            docs.push(serde_json::to_vec_pretty(&result).unwrap());
        }
        let values = docs.iter().map(|d| serde_json::from_slice(d).expect("seed is JSON")).collect();
        Seeds { sets, concordances, answers: seed_answers, docs, values }
    })
}

thread_local! {
    /// Parser calls on this thread (each property runs on its own).
    static EXECUTIONS: Cell<u64> = const { Cell::new(0) };
    /// Imports through a concordance (carry-overs) on this thread.
    static IMPORTS: Cell<u64> = const { Cell::new(0) };
}

fn count_import() {
    IMPORTS.with(|n| n.set(n.get() + 1));
}

/// Carries `answers` of `from` over to every other loaded version its concordances connect.
fn import_through(c: &Concordance, from: &IndicatorSet, answers: &BTreeMap<String, Response>) {
    for to in &seeds().sets {
        if to.id == from.id && to.version != from.version && c.connects(&from.version, &to.version) {
            count_import();
            if let Ok(carried) = carry_over(from, to, c, answers) {
                let responses = carried.responses(Timestamp::from_millis(0));
                assert!(responses.keys().all(|id| to.contains(id)), "carried answers belong to the target version");
            }
        }
    }
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
        // Import into another version of the set, as the import page does.
        for c in &seeds.concordances {
            import_through(c, set, &a.responses);
        }
    }
    let _ = ResultFile::parse_unchecked(bytes);
    let text = String::from_utf8_lossy(bytes);
    if let Ok(set) = IndicatorSet::parse(&text, "fuzz.json") {
        let _ = set.indicator_count();
    }
    let _ = Catalog::parse(&text, "fuzz.json");
    let _ = saved::decode(&text);
    if let Ok(c) = Concordance::parse(&text, "fuzz.json") {
        // The app carries answers over with a concordance as soon as it parses.
        for (from, answers) in seeds.sets.iter().zip(&seeds.answers) {
            for to in &seeds.sets {
                if to.id == from.id && to.version != from.version && c.connects(&from.version, &to.version) {
                    let _ = c.validate("fuzz.json", from, to);
                }
            }
            import_through(&c, from, answers);
        }
        let _ = c.counts();
    }
    EXECUTIONS.with(|n| n.set(n.get() + 6));
}

/// Runs `cases() / divisor` cases (slow properties take a share of the count).
fn run(name: &str, divisor: u32, strategy: impl Strategy<Value = Vec<u8>>) {
    let cases = (cases() / divisor).max(1);
    let before = EXECUTIONS.with(Cell::get);
    let imports_before = IMPORTS.with(Cell::get);
    let started = std::time::Instant::now();
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&strategy, |bytes| {
        feed(&bytes);
        Ok(())
    });
    let executions = EXECUTIONS.with(Cell::get) - before;
    let imports = IMPORTS.with(Cell::get) - imports_before;
    println!(
        "fuzz {name}: {cases} cases, {executions} parser executions, {imports} imports through a concordance, {:.1} s, {}",
        started.elapsed().as_secs_f64(),
        if outcome.is_ok() { "no panic" } else { "FAILED" }
    );
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
}

/// Tokens that break parsers: structure, huge and odd numbers, escapes, BOM, invalid UTF-8.
const NASTY: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"true",
    b"-",
    b"0",
    b"1e999",
    b"-0",
    b"1.5",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"4294967296",
    b"1e-400",
    b"0.0000000000000000000001",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"\\",
    b"\\u",
    b"\"\\uD83C\\uDF38\"",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xC3",
    b"\xED\xA0\x80",
    b"\x00",
    b"\n",
    b"\t",
    b"\"\xC3\xA5\xC3\xA4\xC3\xB6\"",
    b"\"\xF0\x9F\x8C\xB8\"",
    b"\"\xE2\x80\xAE\"",
    b"\"format\"",
    b"\"format_version\"",
    b"\"answers\"",
    b"\"areas\"",
    b"\"groups\"",
    b"\"indicators\"",
    b"\"id\"",
    b"\"helt\"",
    b"\"1880\"",
    b"\"blomlada-result\"",
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    b"{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":",
    b"NaN",
    b"Infinity",
    b"/*",
    b"'",
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
            prop::collection::vec((nasty_string(), inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
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
    let strategy = (seed_index(), prop::collection::vec(mutation(), 1..8)).prop_map(|(i, ms)| apply(seeds().docs[i].clone(), &ms));
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

/// Every indicator id of the real sets (both versions), for edits that stay plausible.
fn all_ids() -> &'static Vec<String> {
    static IDS: OnceLock<Vec<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        let mut ids: Vec<String> = seeds().sets.iter().flat_map(|s| s.placed().map(|p| p.indicator.id.clone())).collect();
        ids.sort();
        ids.dedup();
        ids.push("finns.inte".into());
        ids
    })
}

/// Seed result files of sets that a concordance connects to another version.
fn importable_results() -> &'static Vec<Value> {
    static RESULTS: OnceLock<Vec<Value>> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let s = seeds();
        s.values
            .iter()
            .filter(|v| v["format"] == "blomlada-result")
            .filter(|v| {
                let (set, version) = (v["set"]["set"].as_str().unwrap_or(""), v["set"]["version"].as_str().unwrap_or(""));
                s.concordances.iter().any(|c| c.set == set && (c.from == version || c.to == version))
            })
            .cloned()
            .collect()
    })
}

fn concordance_values() -> &'static Vec<Value> {
    static VALUES: OnceLock<Vec<Value>> = OnceLock::new();
    VALUES.get_or_init(|| seeds().values.iter().filter(|v| v.get("mappings").is_some()).cloned().collect())
}

#[derive(Debug, Clone)]
enum AnswerEdit {
    Set(usize, usize),
    Remove(usize),
    Add(usize, usize),
    Comment(usize, String),
    Review(usize),
}

const ANSWER_KEYS: &[Option<&str>] = &[Some("helt"), Some("delvis"), Some("inte"), None, Some("ja"), Some(""), Some("HELT")];

/// Mostly edits a valid file survives (so the import runs), sometimes one it does not.
fn answer_edit() -> impl Strategy<Value = AnswerEdit> {
    prop_oneof![
        16 => (any::<usize>(), 0..4usize).prop_map(|(i, k)| AnswerEdit::Set(i, k)),
        1 => (any::<usize>(), 0..ANSWER_KEYS.len()).prop_map(|(i, k)| AnswerEdit::Set(i, k)),
        8 => any::<usize>().prop_map(AnswerEdit::Remove),
        1 => (any::<usize>(), 0..ANSWER_KEYS.len()).prop_map(|(i, k)| AnswerEdit::Add(i, k)),
        4 => (any::<usize>(), "[^\\u{0}]{0,40}").prop_map(|(i, c)| AnswerEdit::Comment(i, c)),
        1 => (any::<usize>(), nasty_string()).prop_map(|(i, c)| AnswerEdit::Comment(i, c)),
        4 => any::<usize>().prop_map(AnswerEdit::Review),
    ]
}

fn edit_answers(mut v: Value, edits: &[AnswerEdit]) -> Vec<u8> {
    let ids = all_ids();
    let answers = v["answers"].as_object_mut().expect("seed has answers");
    let keys: Vec<String> = answers.keys().cloned().collect();
    for e in edits {
        let key = |i: usize| keys[i % keys.len()].clone();
        let answer = |k: usize| ANSWER_KEYS[k].map(Value::from).unwrap_or(Value::Null);
        match e {
            AnswerEdit::Set(i, k) => {
                answers.insert(key(*i), json!({"answer": answer(*k)}));
            }
            AnswerEdit::Remove(i) => {
                answers.remove(&key(*i));
            }
            AnswerEdit::Add(i, k) => {
                answers.insert(ids[i % ids.len()].clone(), json!({"answer": answer(*k)}));
            }
            AnswerEdit::Comment(i, c) => {
                answers.insert(key(*i), json!({"answer": "delvis", "comment": c}));
            }
            AnswerEdit::Review(i) => {
                answers.insert(key(*i), json!({"answer": "helt", "review": {"reason": if i % 2 == 0 { "reworded" } else { "fresh_answer" }, "from_version": "2014",
                    "earlier": [{"indicator": ids[i % ids.len()], "answer": "inte", "comment": "förr"}]}}));
            }
        }
    }
    serde_json::to_vec(&v).unwrap()
}

#[derive(Debug, Clone)]
enum ConcordanceEdit {
    Kind(usize, usize),
    From(usize, Vec<usize>),
    To(usize, Vec<usize>),
    Duplicate(usize),
    Delete(usize),
    Swap(usize),
    Versions(usize, usize),
}

const KINDS: &[&str] = &["same", "reworded", "split", "merged", "removed", "new", "bogus"];
const VERSIONS: &[&str] = &["2014", "2026", "2028", ""];

fn concordance_edit() -> impl Strategy<Value = ConcordanceEdit> {
    let ids = || prop::collection::vec(any::<usize>(), 0..4);
    prop_oneof![
        3 => (any::<usize>(), 0..KINDS.len() - 1).prop_map(|(i, k)| ConcordanceEdit::Kind(i, k)),
        1 => (any::<usize>(), 0..KINDS.len()).prop_map(|(i, k)| ConcordanceEdit::Kind(i, k)),
        3 => (any::<usize>(), ids()).prop_map(|(i, v)| ConcordanceEdit::From(i, v)),
        3 => (any::<usize>(), ids()).prop_map(|(i, v)| ConcordanceEdit::To(i, v)),
        1 => any::<usize>().prop_map(ConcordanceEdit::Duplicate),
        2 => any::<usize>().prop_map(ConcordanceEdit::Delete),
        1 => any::<usize>().prop_map(ConcordanceEdit::Swap),
        1 => (0..2usize, 0..2usize).prop_map(|(a, b)| ConcordanceEdit::Versions(a, b)),
        1 => (0..VERSIONS.len(), 0..VERSIONS.len()).prop_map(|(a, b)| ConcordanceEdit::Versions(a, b)),
    ]
}

fn edit_concordance(mut v: Value, edits: &[ConcordanceEdit]) -> Vec<u8> {
    let ids = all_ids();
    for e in edits {
        if let ConcordanceEdit::Versions(a, b) = e {
            v["from"] = json!(VERSIONS[*a]);
            v["to"] = json!(VERSIONS[*b]);
            continue;
        }
        let mappings = v["mappings"].as_array_mut().expect("seed has mappings");
        if mappings.is_empty() {
            continue;
        }
        let n = mappings.len();
        let pick = |list: &[usize]| Value::from(list.iter().map(|i| ids[i % ids.len()].clone()).collect::<Vec<_>>());
        match e {
            ConcordanceEdit::Kind(i, k) => mappings[i % n]["kind"] = json!(KINDS[*k]),
            ConcordanceEdit::From(i, list) => mappings[i % n]["from"] = pick(list),
            ConcordanceEdit::To(i, list) => mappings[i % n]["to"] = pick(list),
            ConcordanceEdit::Duplicate(i) => {
                let m = mappings[i % n].clone();
                mappings.push(m);
            }
            ConcordanceEdit::Delete(i) => {
                mappings.remove(i % n);
            }
            ConcordanceEdit::Swap(i) => {
                let m = &mut mappings[i % n];
                let from = m["from"].take();
                m["from"] = m["to"].take();
                m["to"] = from;
            }
            ConcordanceEdit::Versions(..) => unreachable!(),
        }
    }
    serde_json::to_vec(&v).unwrap()
}

#[test]
fn imports_through_the_concordance_never_panic() {
    if importable_results().is_empty() {
        println!("fuzz imports: no concordance under indicators/, nothing to import through");
        return;
    }
    let strategy = (0..importable_results().len(), prop::collection::vec(answer_edit(), 0..24))
        .prop_map(|(i, edits)| edit_answers(importable_results()[i].clone(), &edits));
    run("result files edited, imported through the concordance", 4, strategy);
}

#[test]
fn edited_concordances_never_panic_an_import() {
    if concordance_values().is_empty() {
        println!("fuzz concordances: no concordance under indicators/");
        return;
    }
    let strategy = (0..concordance_values().len(), prop::collection::vec(concordance_edit(), 1..5))
        .prop_map(|(i, edits)| edit_concordance(concordance_values()[i].clone(), &edits));
    run("concordances edited, then used to import", 4, strategy);
}
