//! Comparing without Blomlådan's server: published results read from a static open-data
//! snapshot (`blomlada-server snapshot DIR`, served by any static host) or from result files
//! the user picks. Both end up as a list of results handed to `comparison::compare`.

use serde::Deserialize;

use crate::files::result_file::{ResultFile, ResultFileError};
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

/// Where in a snapshot the results of one set version are (see the server's snapshot.rs).
pub fn snapshot_results_url(base: &str, set: &SetRef) -> Result<String, SnapshotError> {
    let base = base.trim();
    let lower = base.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    if rest.is_none_or(|r| r.trim_matches('/').is_empty()) || base.chars().any(char::is_whitespace) {
        return Err(SnapshotError::BadUrl(base.to_string()));
    }
    // A link to the snapshot's index.json means its folder.
    let base = base.strip_suffix("index.json").unwrap_or(base);
    Ok(format!("{}/results/{}/{}.json", base.trim_end_matches('/'), set.set, set.version))
}

/// Why a snapshot could not be used. Every variant but `BadUrl` names the URL read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("{0:?} is not a web address (http:// or https://)")]
    BadUrl(String),
    /// No answer at all: offline, wrong host, or the host does not allow cross-origin reads.
    #[error("{url}: no answer ({detail})")]
    Unreachable { url: String, detail: String },
    #[error("{url}: HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: not JSON: {detail}")]
    NotJson { url: String, detail: String },
    #[error("{url}: wrong structure at {path}: {message}")]
    BadShape { url: String, path: String, message: String },
    #[error("{url}: holds {set} {version}")]
    OtherSet { url: String, set: String, version: String },
}

#[derive(Deserialize)]
struct SnapshotResults {
    set: SetRef,
    results: Vec<ResultFile>,
}

/// Reads a snapshot's `results/{set}/{version}.json` (the shape of `GET /api/v1/results`,
/// with the set it holds), for `want`.
pub fn parse_snapshot_results(url: &str, text: &str, want: &SetRef) -> Result<Vec<ResultFile>, SnapshotError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| SnapshotError::NotJson { url: url.to_string(), detail: e.to_string() })?;
    let doc: SnapshotResults = crate::files::json_path::from_value(&value).map_err(|e| SnapshotError::BadShape {
        url: url.to_string(),
        path: e.path,
        message: e.error.to_string(),
    })?;
    if &doc.set != want {
        return Err(SnapshotError::OtherSet { url: url.to_string(), set: doc.set.set, version: doc.set.version });
    }
    Ok(doc.results)
}

/// What one picked file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum FileOutcome {
    /// A valid result for the set version being compared.
    Accepted(ResultFile),
    /// A result file for another version the app knows; not compared.
    OtherVersion(SetRef),
    Refused(Vec<ResultFileError>),
}

/// Checks a picked file against `set` (the version compared). `known` says whether another
/// set version exists at all; a file naming an unknown one is refused.
pub fn classify_file(bytes: &[u8], set: &IndicatorSet, known: impl Fn(&SetRef) -> bool) -> FileOutcome {
    let file = match ResultFile::parse_unchecked(bytes) {
        Ok(f) => f,
        Err(errors) => return FileOutcome::Refused(errors),
    };
    if file.set.set == set.id && file.set.version == set.version {
        let errors = file.check(set);
        return if errors.is_empty() { FileOutcome::Accepted(file) } else { FileOutcome::Refused(errors) };
    }
    if known(&file.set) {
        FileOutcome::OtherVersion(file.set)
    } else {
        FileOutcome::Refused(vec![ResultFileError::UnknownSet { set: file.set.set, version: file.set.version }])
    }
}

/// A file set aside because a later one is for the same kommun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub kommun: String,
    pub earlier: String,
    pub later: String,
}

/// The picked files' results to compare: one per kommun, the later pick replacing the earlier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gathered {
    /// File name and result, in the order first picked for each kommun.
    pub results: Vec<(String, ResultFile)>,
    pub replaced: Vec<Replaced>,
}

/// De-duplicates accepted results per kommun, in pick order (file name, result).
pub fn gather(picked: impl IntoIterator<Item = (String, ResultFile)>) -> Gathered {
    let mut out = Gathered::default();
    for (name, file) in picked {
        match out.results.iter_mut().find(|(_, r)| r.kommun.code == file.kommun.code) {
            Some(slot) => {
                out.replaced.push(Replaced { kommun: file.kommun.name.clone(), earlier: slot.0.clone(), later: name.clone() });
                *slot = (name, file);
            }
            None => out.results.push((name, file)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::KommunRef;
    use crate::answers::timestamp::Timestamp;
    use std::collections::BTreeMap;

    fn set_ref(v: &str) -> SetRef {
        SetRef { set: "eblomlada".into(), version: v.into() }
    }

    fn result(code: &str, name: &str, title: &str) -> ResultFile {
        ResultFile {
            format: "blomlada-result".into(),
            format_version: crate::files::result_file::RESULT_FORMAT_VERSION,
            app_version: "test".into(),
            set: set_ref("2026"),
            kommun: KommunRef { code: code.into(), name: name.into() },
            population: None,
            title: title.into(),
            created: Timestamp(0),
            updated: Timestamp(0),
            approval: None,
            answers: BTreeMap::new(),
        }
    }

    #[test]
    fn url_is_the_snapshots_results_file() {
        let r = set_ref("2026");
        assert_eq!(
            snapshot_results_url("https://data.example.se/blomlada", &r).unwrap(),
            "https://data.example.se/blomlada/results/eblomlada/2026.json"
        );
        assert_eq!(snapshot_results_url(" https://x.se/s/ ", &r).unwrap(), "https://x.se/s/results/eblomlada/2026.json");
        assert_eq!(snapshot_results_url("http://x.se/s/index.json", &r).unwrap(), "http://x.se/s/results/eblomlada/2026.json");
        for bad in ["", "x.se/s", "ftp://x.se", "https://", "javascript:alert(1)", "https://x .se"] {
            assert!(matches!(snapshot_results_url(bad, &r), Err(SnapshotError::BadUrl(_))), "{bad}");
        }
    }

    #[test]
    fn snapshot_results_are_read_and_checked() {
        let r = set_ref("2026");
        let doc =
            serde_json::json!({"set": {"set": "eblomlada", "version": "2026"}, "count": 1, "results": [result("1880", "Örebro", "A")]});
        let got = parse_snapshot_results("u", &doc.to_string(), &r).unwrap();
        assert_eq!(got.len(), 1);
        assert!(matches!(parse_snapshot_results("u", "<html>", &r), Err(SnapshotError::NotJson { url, .. }) if url == "u"));
        assert!(matches!(parse_snapshot_results("u", "{\"results\": 3}", &r), Err(SnapshotError::BadShape { .. })));
        let wrong = serde_json::json!({"set": {"set": "eblomlada", "version": "2026"}, "results": [{"format": 1}]});
        assert!(
            matches!(parse_snapshot_results("u", &wrong.to_string(), &r), Err(SnapshotError::BadShape { path, .. }) if path.starts_with("results[0]"))
        );
        assert!(matches!(
            parse_snapshot_results("u", &doc.to_string(), &set_ref("2025")),
            Err(SnapshotError::OtherSet { version, .. }) if version == "2026"
        ));
    }

    #[test]
    fn files_are_accepted_skipped_for_another_version_or_refused() {
        let set = crate::sets::indicator_set::tests::sample();
        let mut good = result("1880", "Örebro", "A");
        good.set = SetRef { set: "test".into(), version: "1".into() };
        let known = |r: &SetRef| r.set == "test" && (r.version == "1" || r.version == "0");
        assert_eq!(classify_file(good.to_json().as_bytes(), &set, known), FileOutcome::Accepted(good.clone()));
        let mut older = good.clone();
        older.set.version = "0".into();
        assert_eq!(classify_file(older.to_json().as_bytes(), &set, known), FileOutcome::OtherVersion(older.set.clone()));
        let mut unknown = good.clone();
        unknown.set.version = "1999".into();
        assert!(matches!(
            classify_file(unknown.to_json().as_bytes(), &set, known),
            FileOutcome::Refused(e) if matches!(e.as_slice(), [ResultFileError::UnknownSet { .. }])
        ));
        assert!(
            matches!(classify_file(b"nope", &set, known), FileOutcome::Refused(e) if matches!(e.as_slice(), [ResultFileError::NotJson(_)]))
        );
        let mut bad = good.clone();
        bad.kommun.name = "Kumla".into();
        assert!(
            matches!(classify_file(bad.to_json().as_bytes(), &set, known), FileOutcome::Refused(e) if matches!(e.as_slice(), [ResultFileError::KommunNameMismatch { .. }]))
        );
    }

    #[test]
    fn later_file_for_the_same_kommun_replaces_the_earlier() {
        let g = gather(vec![
            ("a.json".to_string(), result("1880", "Örebro", "first")),
            ("b.json".to_string(), result("0180", "Stockholm", "s")),
            ("c.json".to_string(), result("1880", "Örebro", "second")),
        ]);
        assert_eq!(g.results.len(), 2);
        assert_eq!(g.results[0].0, "c.json");
        assert_eq!(g.results[0].1.title, "second");
        assert_eq!(g.replaced, vec![Replaced { kommun: "Örebro".into(), earlier: "a.json".into(), later: "c.json".into() }]);
    }
}
