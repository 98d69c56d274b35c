//! Every file of the corpus of nasty inputs (`tests/corpus/`, made by `generate.mjs` there) goes
//! through every parser of outside data (result files, indicator sets, the catalog,
//! concordances, the saved envelope), and every result file that reads goes on through the
//! concordance into the other version of its set, as import does: each must answer Ok or Err,
//! never panic, and for the files made to hit one rule, the error must be the one that names it.
//!
//! The same parsers are fuzzed at scale by `tests/fuzz_parsers.rs` (`make fuzz`).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use blomlada_domain::carry_over::carry_over;
use blomlada_domain::catalog::{Catalog, SetRef};
use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::concordance::Concordance;
use blomlada_domain::indicator_files::IndicatorFiles;
use blomlada_domain::result_file::{ResultFile, ResultFileError};
use blomlada_domain::timestamp::Timestamp;
use blomlada_domain::{saved, IndicatorSet};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/corpus"))
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The corpus's own set plus every set and concordance under `indicators/`.
fn known_sets() -> (Vec<IndicatorSet>, Vec<Concordance>) {
    let mut sets = Vec::new();
    let own = std::fs::read_to_string(repo().join("tests/corpus/set-small-valid.json")).unwrap();
    sets.push(IndicatorSet::parse(&own, "set-small-valid.json").expect("the corpus's own set is valid"));
    let indicators = repo().join("indicators");
    let files = IndicatorFiles::load("indicators/", |p| std::fs::read_to_string(indicators.join(p)).map_err(|e| e.to_string()));
    sets.extend(files.sets.into_values());
    (sets, files.concordances.into_iter().map(|(_, c)| c).collect())
}

fn kind(e: &ResultFileError) -> &'static str {
    match e {
        ResultFileError::TooLarge { .. } => "TooLarge",
        ResultFileError::NotJson(_) => "NotJson",
        ResultFileError::NotAResultFile(_) => "NotAResultFile",
        ResultFileError::MissingFormatVersion => "MissingFormatVersion",
        ResultFileError::UnsupportedFormatVersion(_) => "UnsupportedFormatVersion",
        ResultFileError::BadShape { .. } => "BadShape",
        ResultFileError::UnknownSet { .. } => "UnknownSet",
        ResultFileError::UnknownKommun(_) => "UnknownKommun",
        ResultFileError::KommunNameMismatch { .. } => "KommunNameMismatch",
        ResultFileError::BadPopulation => "BadPopulation",
        ResultFileError::UnknownIndicator(_) => "UnknownIndicator",
        ResultFileError::BadAnswer { .. } => "BadAnswer",
        ResultFileError::TooLong { .. } => "TooLong",
        ResultFileError::BadEvidenceLink { .. } => "BadEvidenceLink",
        ResultFileError::BadCharacter { .. } => "BadCharacter",
        ResultFileError::BadPlan { .. } => "BadPlan",
    }
}

/// What `ResultFile::parse` must say about the files made for one rule: "Ok" or the error kinds
/// (every error of the answer must be of one of these kinds).
fn expected_result_file() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("result-valid.json", &["Ok"][..]),
        ("result-valid-bom.json", &["Ok"][..]),
        ("result-truncated.json", &["NotJson"][..]),
        ("result-empty.json", &["NotJson"][..]),
        ("result-only-bom.json", &["NotJson"][..]),
        ("result-whitespace.json", &["NotJson"][..]),
        ("result-trailing-garbage.json", &["NotJson"][..]),
        ("result-nul-bytes.json", &["NotJson"][..]),
        ("result-nul-before-json.json", &["NotJson"][..]),
        ("result-invalid-utf8.json", &["NotJson"][..]),
        ("result-utf16le.json", &["NotJson"][..]),
        ("result-lone-surrogate.json", &["NotJson"][..]),
        ("result-raw-control-chars.json", &["NotJson"][..]),
        ("result-huge-float.json", &["NotJson"][..]),
        ("result-deep-nesting.json", &["NotJson"][..]),
        ("result-deep-nesting-inside.json", &["NotJson"][..]),
        ("result-huge-integer.json", &["BadShape"][..]),
        ("result-negative-population.json", &["BadShape"][..]),
        ("result-wrong-types.json", &["BadShape"][..]),
        ("result-answer-number.json", &["BadShape"][..]),
        ("result-unknown-field.json", &["BadShape"][..]),
        ("result-bad-timestamp.json", &["BadShape"][..]),
        ("result-population-zero.json", &["BadPopulation"][..]),
        ("result-format-version-huge.json", &["UnsupportedFormatVersion"][..]),
        ("result-format-version-string.json", &["MissingFormatVersion"][..]),
        ("result-wrong-format.json", &["NotAResultFile"][..]),
        ("result-not-an-object.json", &["NotAResultFile"][..]),
        ("result-unicode-indicator-id.json", &["UnknownIndicator"][..]),
        ("result-many-unknown-ids.json", &["UnknownIndicator"][..]),
        ("result-bad-answer.json", &["BadAnswer"][..]),
        ("result-unknown-kommun.json", &["UnknownKommun"][..]),
        ("result-kommun-name-mismatch.json", &["KommunNameMismatch"][..]),
        ("result-unknown-set.json", &["UnknownSet"][..]),
        ("result-javascript-evidence.json", &["BadEvidenceLink"][..]),
        ("result-too-long-title.json", &["TooLong"][..]),
        ("result-just-under-limit.json", &["TooLong"][..]),
        ("result-too-large-1mb.json", &["TooLarge"][..]),
        ("result-eblomlada-2014.json", &["Ok"][..]),
        ("result-plan-valid.json", &["Ok"][..]),
        ("result-plan-target-off-scale.json", &["BadPlan"][..]),
        ("result-plan-year-out-of-range.json", &["BadPlan"][..]),
        ("result-plan-year-negative.json", &["BadShape"][..]),
        ("result-plan-target-without-answer.json", &["BadShape"][..]),
        ("result-plan-bad-status.json", &["BadShape"][..]),
        ("result-plan-unknown-field.json", &["BadShape"][..]),
        ("result-plan-not-an-object.json", &["BadShape"][..]),
        ("result-plan-responsible-too-long.json", &["BadPlan"][..]),
        ("result-plan-earlier-off-scale.json", &["BadPlan"][..]),
        ("result-plan-in-version-1.json", &["BadShape"][..]),
    ])
}

/// What `IndicatorSet::parse` must say: Ok, or Err with an error at this JSON path
/// ("" = the whole document, "*" = any path).
fn expected_set() -> BTreeMap<&'static str, Option<&'static str>> {
    BTreeMap::from([
        ("set-small-valid.json", None),
        ("set-truncated.json", Some("*")),
        ("set-bom.json", Some("*")),
        ("set-deep-nesting.json", Some("*")),
        ("set-huge-numbers.json", Some("*")),
        ("set-huge-integer.json", Some("format")),
        ("set-wrong-types.json", Some("areas")),
        ("set-empty-areas.json", Some("*")),
        ("set-duplicate-ids.json", Some("areas[2].groups[0].indicators[1].id")),
        ("set-unicode-id.json", Some("areas[2].groups[0].indicators[0].id")),
        ("set-nul-in-id.json", Some("areas[2].groups[0].indicators[0].id")),
    ])
}

/// What `Concordance::parse` must say: Ok, or Err with an error at this JSON path ("*" = any).
fn expected_concordance() -> BTreeMap<&'static str, Option<&'static str>> {
    BTreeMap::from([
        ("concordance-small.json", None),
        ("concordance-truncated.json", Some("*")),
        ("concordance-bogus-kind.json", Some("mappings[0].kind")),
        ("concordance-same-with-two.json", Some("mappings[0]")),
        ("concordance-mappings-not-a-list.json", Some("mappings")),
        ("concordance-unicode-ids.json", Some("mappings[0].from[0]")),
        ("concordance-same-version.json", Some("to")),
        ("concordance-deep-nesting.json", Some("*")),
        ("concordance-huge-format.json", Some("*")),
    ])
}

struct Answers {
    result: Result<(), Vec<&'static str>>,
    set: Result<(), Vec<String>>,
    concordance: Result<(), Vec<String>>,
    /// Versions the file's answers were carried into through a concordance.
    imported_into: Vec<String>,
}

/// Feeds one input to every parser, and a result file that reads through every concordance
/// that connects its set version to another.
fn feed(name: &str, bytes: &[u8], sets: &[IndicatorSet], concordances: &[Concordance]) -> Answers {
    // The parsers that take text get what a browser's or a server's text decoding would give.
    let text = String::from_utf8_lossy(bytes);

    let find = |r: &SetRef| sets.iter().find(|s| s.id == r.set && s.version == r.version);
    let mut imported_into = Vec::new();
    let result = match ResultFile::parse(bytes, find) {
        Ok((file, set)) => {
            // Downstream of a good parse: into an assessment, saved and read back, compared.
            let a = file.to_assessment("korpus".into(), Timestamp::from_millis(0));
            let saved = saved::encode(&a);
            assert_eq!(saved::decode(&saved).as_ref(), Ok(&a), "{name}: saved envelope round trip");
            let c = compare(set, [&file], &Selection::All);
            assert!(c.n() <= 1, "{name}: one file, at most one result");
            // Import into another version of its set, as the import page offers.
            for c in concordances {
                for to in sets.iter().filter(|t| t.id == set.id && t.version != set.version) {
                    if c.set == set.id && c.connects(&set.version, &to.version) {
                        let carried = carry_over(set, to, c, &a.responses).expect("a connecting concordance carries");
                        let responses = carried.responses(Timestamp::from_millis(0));
                        assert!(responses.keys().all(|id| to.contains(id)), "{name}: carried answers belong to {}", to.version);
                        imported_into.push(to.version.clone());
                    }
                }
            }
            Ok(())
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "{name}: an Err names at least one problem");
            for e in &errors {
                assert!(!e.to_string().is_empty(), "{name}: every problem has a message");
            }
            Err(errors.iter().map(kind).collect())
        }
    };
    let _ = ResultFile::parse_unchecked(bytes);

    let set = match IndicatorSet::parse(&text, name) {
        Ok(_) => Ok(()),
        Err(errors) => {
            assert!(!errors.0.is_empty(), "{name}: an Err names at least one problem");
            for e in &errors.0 {
                assert_eq!(e.file, name, "{name}: every error names the file");
                assert!(!e.message.is_empty(), "{name}: every error has a message");
            }
            Err(errors.0.iter().map(|e| e.path.clone()).collect())
        }
    };
    let _ = Catalog::parse(&text, name);
    let _ = saved::decode(&text);
    let concordance = match Concordance::parse(&text, name) {
        Ok(c) => {
            for from in sets {
                for to in sets.iter().filter(|t| t.id == from.id && t.version != from.version && c.connects(&from.version, &t.version)) {
                    let _ = c.validate(name, from, to);
                }
            }
            Ok(())
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "{name}: an Err names at least one problem");
            Err(errors.0.iter().map(|e| e.path.clone()).collect())
        }
    };
    Answers { result, set, concordance, imported_into }
}

#[test]
fn every_parser_answers_every_corpus_file_without_panicking() {
    let (sets, concordances) = known_sets();
    let files = corpus_files();
    assert!(files.len() >= 40, "the corpus is in tests/corpus ({} files found)", files.len());
    assert!(files.iter().any(|f| std::fs::metadata(f).unwrap().len() > 1_048_576), "the corpus keeps at least one file over 1 MiB");

    let expected_results = expected_result_file();
    let expected_sets = expected_set();
    let expected_concordances = expected_concordance();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(path).unwrap();
        let outcome = catch_unwind(AssertUnwindSafe(|| feed(&name, &bytes, &sets, &concordances)));
        let Answers { result, set, concordance, imported_into } = match outcome {
            Ok(answers) => answers,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {message}"));
                continue;
            }
        };
        let brief = |s: String| s.chars().take(100).collect::<String>();
        eprintln!(
            "{name}: ResultFile::parse {}; IndicatorSet::parse {}; Concordance::parse {}; imported into {imported_into:?}",
            brief(format!("{result:?}")),
            brief(format!("{set:?}")),
            brief(format!("{concordance:?}"))
        );
        if name == "result-eblomlada-2014.json" && !concordances.is_empty() && imported_into.is_empty() {
            failures.push(format!("{name}: not imported through the concordance"));
        }
        if let Some(want) = expected_concordances.get(name.as_str()) {
            let ok = match (&concordance, want) {
                (Ok(()), None) => true,
                (Err(_), Some("*")) => true,
                (Err(paths), Some(p)) => paths.iter().any(|q| q == p),
                _ => false,
            };
            if !ok {
                failures.push(format!("{name}: Concordance::parse gave {concordance:?}, expected {want:?}"));
            }
        }
        if let Some(want) = expected_results.get(name.as_str()) {
            let ok = match &result {
                Ok(()) => want == &["Ok"],
                Err(kinds) => kinds.iter().all(|k| want.contains(k)),
            };
            if !ok {
                failures.push(format!("{name}: ResultFile::parse gave {result:?}, expected {want:?}"));
            }
        }
        if let Some(want) = expected_sets.get(name.as_str()) {
            let ok = match (&set, want) {
                (Ok(()), None) => true,
                (Err(_), Some("*")) => true,
                (Err(paths), Some(p)) => paths.iter().any(|q| q == p),
                _ => false,
            };
            if !ok {
                failures.push(format!("{name}: IndicatorSet::parse gave {set:?}, expected {want:?}"));
            }
        }
    }
    for name in expected_results.keys().chain(expected_sets.keys()).chain(expected_concordances.keys()) {
        if !files.iter().any(|f| f.file_name().unwrap().to_string_lossy() == *name) {
            failures.push(format!("{name}: expected in tests/corpus but missing (run node tests/corpus/generate.mjs)"));
        }
    }
    assert!(failures.is_empty(), "corpus failures:\n{}", failures.join("\n"));
}
