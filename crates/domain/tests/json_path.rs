//! The JSON paths `json_path` gives for shape errors, held against `serde_path_to_error` (the
//! crate it replaced in the app): every corpus document, and the valid ones with each of their
//! values in turn replaced by a value of the wrong kind or dropped, read as a result file, an
//! indicator set and a hand-out file. Both must fail together and name the same place (in a
//! handful of cases in a thousand ours names the value around it, never another place).
//! (`serde_path_to_error` is a dev-dependency only: the app and the server no longer build it.)

use std::path::Path;

use blomlada_domain::json_path;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::sync::HandoutFile;
use blomlada_domain::IndicatorSet;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn documents() -> Vec<Value> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut docs = Vec::new();
    let mut add_dir = |dir: &Path| {
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            if let Some(v) = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice::<Value>(&b).ok()) {
                docs.push(v);
            }
        }
    };
    add_dir(&repo.join("tests/corpus"));
    add_dir(&repo.join("indicators/eblomlada"));
    docs
}

/// Both readers' verdicts on `value` as `T`: Ok(true) when they name the same place (or both
/// read it), Ok(false) when ours names a value that contains theirs, Err when they disagree
/// otherwise.
fn same_verdict<T: DeserializeOwned>(value: &Value) -> Result<bool, String> {
    let ours = json_path::from_value::<T>(value).err().map(|e| e.path);
    let theirs = serde_path_to_error::deserialize::<_, T>(value.clone()).err().map(|e| e.path().to_string());
    match (&ours, &theirs) {
        (a, b) if a == b => Ok(true),
        (Some(a), Some(b)) if a == "." || b.starts_with(&format!("{a}.")) || b.starts_with(&format!("{a}[")) => Ok(false),
        _ => Err(format!("json_path {ours:?}, serde_path_to_error {theirs:?}")),
    }
}

/// `value` with the value at pre-order position `at` replaced by `with` (or dropped from its
/// object or array when `with` is None); None when there is no such position.
fn replaced(value: &Value, at: usize, with: Option<&Value>) -> Option<Value> {
    fn walk(v: &mut Value, at: &mut usize, with: Option<&Value>) -> bool {
        let children: Vec<String> = match v {
            Value::Object(m) => m.keys().cloned().collect(),
            Value::Array(a) => (0..a.len()).map(|i| i.to_string()).collect(),
            _ => Vec::new(),
        };
        for key in children {
            if *at == 0 {
                match (v, with) {
                    (Value::Object(m), Some(w)) => {
                        m.insert(key, w.clone());
                    }
                    (Value::Object(m), None) => {
                        m.remove(&key);
                    }
                    (Value::Array(a), Some(w)) => a[key.parse::<usize>().unwrap()] = w.clone(),
                    (Value::Array(a), None) => {
                        a.remove(key.parse::<usize>().unwrap());
                    }
                    _ => unreachable!(),
                }
                return true;
            }
            *at -= 1;
            let child = match v {
                Value::Object(m) => m.get_mut(&key).unwrap(),
                Value::Array(a) => &mut a[key.parse::<usize>().unwrap()],
                _ => unreachable!(),
            };
            if walk(child, at, with) {
                return true;
            }
        }
        false
    }
    let mut copy = value.clone();
    let mut at = at;
    walk(&mut copy, &mut at, with).then_some(copy)
}

#[test]
fn shape_errors_name_the_same_place_as_serde_path_to_error() {
    let wrong = [
        Some(Value::from(7)),
        Some(Value::from("x")),
        Some(Value::from(Vec::<Value>::new())),
        Some(serde_json::json!({})),
        Some(Value::Null),
        None,
    ];
    let mut checked = 0;
    let mut disagreements = Vec::new();
    // Ours names the value around theirs: seen for a wrong element in a set's
    // `translated_languages` (2 of ~52 000), where serde_json places the error past the array.
    let mut enclosing = 0;
    let mut check = |d: usize, v: &Value| {
        for (kind, verdict) in [
            ("result", same_verdict::<ResultFile>(v)),
            ("set", same_verdict::<IndicatorSet>(v)),
            ("hand-out", same_verdict::<HandoutFile>(v)),
        ] {
            checked += 1;
            match verdict {
                Ok(true) => {}
                Ok(false) => enclosing += 1,
                Err(why) => disagreements.push(format!("document {d} as {kind}: {why}")),
            }
        }
    };
    for (d, doc) in documents().iter().enumerate() {
        // A document that is no object (`[1,2,3]`) is refused before its shape is read: the
        // result and hand-out readers look for its `format` first. serde would read a struct
        // from it by position, where the two disagree by an index.
        if !doc.is_object() {
            continue;
        }
        check(d, doc);
        // Every position of the smaller documents, a sample of the large ones (the corpus has
        // a file just under the size limit).
        let size = doc.to_string().len();
        if size > 300_000 {
            continue;
        }
        let step = if size > 20_000 { 7 } else { 1 };
        let mut at = 0;
        'positions: loop {
            for with in &wrong {
                match replaced(doc, at, with.as_ref()) {
                    Some(v) => check(d, &v),
                    None => break 'positions,
                }
            }
            at += step;
        }
    }
    assert!(checked > 10_000, "only {checked} checks");
    assert!(enclosing * 1000 <= checked, "{enclosing} of {checked} name only the value around the place");
    assert!(
        disagreements.is_empty(),
        "{} of {checked} disagree, e.g. {:?}",
        disagreements.len(),
        &disagreements[..disagreements.len().min(8)]
    );
}
