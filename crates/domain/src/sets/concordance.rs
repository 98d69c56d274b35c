//! The concordance between two versions of an indicator set (`indicators/<set>/<from>-<to>.json`):
//! indicator by indicator, what became of it — same, reworded, split, merged, removed, new.
//!
//! It serves two things: carrying an assessment's answers over to another version (either
//! direction, [`crate::answers::carry_over`]), and comparing results across versions on the comparable
//! indicators only. A whole `indicators/` directory, with its concordances checked against their
//! sets, is loaded by [`crate::sets::indicator_files`].

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sets::indicator_set::IndicatorSet;
use crate::sets::validation::{is_valid_id, parse_json, Collector, ValidationErrors};

/// The concordance-file format this code reads.
pub const CONCORDANCE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concordance {
    pub format: u32,
    /// The indicator set both versions belong to.
    pub set: String,
    pub from: String,
    pub to: String,
    pub mappings: Vec<Mapping>,
}

/// One step of a revision: which indicators of `from` became which of `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub kind: MappingKind,
    pub from: Vec<String>,
    pub to: Vec<String>,
    /// Why, and on what source the change rests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MappingKind {
    /// The same indicator, same id and same text (1 → 1).
    Same,
    /// Reworded (1 → 1): the same id when only the wording was polished, a new id when the
    /// meaning changed. Comparable across versions, but an answer should be looked at again.
    Reworded,
    /// One indicator became several (1 → n ≥ 2).
    Split,
    /// Several indicators became one (n ≥ 2 → 1).
    Merged,
    /// Retired (1 → 0).
    Removed,
    /// Added (0 → 1).
    New,
}

impl MappingKind {
    /// The kind seen from the other version: a split read backwards is a merge, and so on.
    pub fn reversed(self) -> MappingKind {
        match self {
            MappingKind::Same => MappingKind::Same,
            MappingKind::Reworded => MappingKind::Reworded,
            MappingKind::Split => MappingKind::Merged,
            MappingKind::Merged => MappingKind::Split,
            MappingKind::Removed => MappingKind::New,
            MappingKind::New => MappingKind::Removed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MappingKind::Same => "same",
            MappingKind::Reworded => "reworded",
            MappingKind::Split => "split",
            MappingKind::Merged => "merged",
            MappingKind::Removed => "removed",
            MappingKind::New => "new",
        }
    }

    pub const ALL: [MappingKind; 6] =
        [MappingKind::Same, MappingKind::Reworded, MappingKind::Split, MappingKind::Merged, MappingKind::Removed, MappingKind::New];

    /// Whether `from` → `to` ids have the arity this kind needs.
    fn arity_ok(self, from: usize, to: usize) -> bool {
        match self {
            MappingKind::Same | MappingKind::Reworded => from == 1 && to == 1,
            MappingKind::Split => from == 1 && to >= 2,
            MappingKind::Merged => from >= 2 && to == 1,
            MappingKind::Removed => from == 1 && to == 0,
            MappingKind::New => from == 0 && to == 1,
        }
    }

    fn arity_text(self) -> &'static str {
        match self {
            MappingKind::Same | MappingKind::Reworded => "exactly one indicator on each side",
            MappingKind::Split => "one indicator in \"from\" and at least two in \"to\"",
            MappingKind::Merged => "at least two indicators in \"from\" and one in \"to\"",
            MappingKind::Removed => "one indicator in \"from\" and none in \"to\"",
            MappingKind::New => "no indicator in \"from\" and one in \"to\"",
        }
    }
}

impl fmt::Display for MappingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mapping read in a chosen direction (the file's, or backwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oriented<'a> {
    pub kind: MappingKind,
    pub from: &'a [String],
    pub to: &'a [String],
    pub note: Option<&'a str>,
}

/// Two indicators, one per version, whose answers may be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparablePair {
    pub from: String,
    pub to: String,
    /// `Same` or `Reworded`: a comparison may want to say which pairs were reworded.
    pub kind: MappingKind,
}

/// The comparable indicators between two versions (same + reworded), with their count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparable {
    pub pairs: Vec<ComparablePair>,
    pub same: usize,
    pub reworded: usize,
}

impl Comparable {
    pub fn count(&self) -> usize {
        self.pairs.len()
    }

    /// The indicator of the other version that `id` is compared with, if any.
    pub fn partner_of(&self, from_id: &str) -> Option<&str> {
        self.pairs.iter().find(|p| p.from == from_id).map(|p| p.to.as_str())
    }
}

impl Concordance {
    /// Parses a concordance file and checks what can be checked without the two sets.
    pub fn parse(json: &str, file: &str) -> Result<Concordance, ValidationErrors> {
        let concordance: Concordance = parse_json(json, file)?;
        let mut c = Collector::new(file);
        concordance.check_shape(&mut c);
        c.finish(concordance)
    }

    /// Checks the concordance against the two sets it connects: every indicator of each
    /// version is covered exactly once on its side, every id exists, kinds fit their arity,
    /// `same` really is the same, and an id found in both versions maps to itself.
    pub fn validate(&self, file: &str, from: &IndicatorSet, to: &IndicatorSet) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(file);
        self.check_shape(&mut c);
        if self.set != from.id || self.set != to.id {
            c.push("set", format!("concordance is for set {:?} but the versions belong to {:?} and {:?}", self.set, from.id, to.id));
        }
        if self.from != from.version {
            c.push("from", format!("\"from\" is {:?} but the set file given for it is version {:?}", self.from, from.version));
        }
        if self.to != to.version {
            c.push("to", format!("\"to\" is {:?} but the set file given for it is version {:?}", self.to, to.version));
        }

        let from_texts: HashMap<&str, &str> = from.placed().map(|p| (p.indicator.id.as_str(), p.indicator.text.sv.as_str())).collect();
        let to_texts: HashMap<&str, &str> = to.placed().map(|p| (p.indicator.id.as_str(), p.indicator.text.sv.as_str())).collect();

        // Where each id is covered, per side.
        let mut from_seen: HashMap<&str, String> = HashMap::new();
        let mut to_seen: HashMap<&str, String> = HashMap::new();
        for (mi, m) in self.mappings.iter().enumerate() {
            for (side, ids, texts, seen, version) in
                [("from", &m.from, &from_texts, &mut from_seen, &self.from), ("to", &m.to, &to_texts, &mut to_seen, &self.to)]
            {
                for (j, id) in ids.iter().enumerate() {
                    let path = format!("mappings[{mi}].{side}[{j}]");
                    if !texts.contains_key(id.as_str()) {
                        c.push(&path, format!("unknown indicator {id:?}: version {version} has no such indicator"));
                        continue;
                    }
                    if let Some(first) = seen.get(id.as_str()) {
                        c.push(&path, format!("indicator {id:?} of version {version} is mapped twice (first at {first})"));
                    } else {
                        seen.insert(id.as_str(), path);
                    }
                }
            }

            if !m.kind.arity_ok(m.from.len(), m.to.len()) {
                continue; // check_shape said so; the checks below assume the arity
            }
            let path = format!("mappings[{mi}]");
            match m.kind {
                MappingKind::Same => {
                    let (a, b) = (&m.from[0], &m.to[0]);
                    if a != b {
                        c.push(&path, format!("\"same\" keeps the id, but maps {a:?} to {b:?}; use \"reworded\" for a new id"));
                    } else if let (Some(ta), Some(tb)) = (from_texts.get(a.as_str()), to_texts.get(b.as_str())) {
                        if ta != tb {
                            c.push(&path, format!("\"same\" but the Swedish text of {a:?} differs between the versions; use \"reworded\""));
                        }
                    }
                }
                MappingKind::Reworded => {
                    let (a, b) = (&m.from[0], &m.to[0]);
                    if a == b {
                        if let (Some(ta), Some(tb)) = (from_texts.get(a.as_str()), to_texts.get(b.as_str())) {
                            if ta == tb {
                                c.push(&path, format!("\"reworded\" but {a:?} has the same Swedish text in both versions; use \"same\""));
                            }
                        }
                    }
                }
                _ => {}
            }
            // An id present in both versions is the same indicator: it must map to itself.
            if !matches!(m.kind, MappingKind::Same | MappingKind::Reworded) || m.from[0] != m.to[0] {
                for id in m.from.iter().chain(&m.to) {
                    if from_texts.contains_key(id.as_str()) && to_texts.contains_key(id.as_str()) {
                        c.push(
                            &path,
                            format!("{id:?} exists in both versions, so it must map to itself (\"same\" or \"reworded\"); a changed meaning needs a new id"),
                        );
                    }
                }
            }
        }

        for (side, set, seen) in [("from", from, &from_seen), ("to", to, &to_seen)] {
            for p in set.placed() {
                if !seen.contains_key(p.indicator.id.as_str()) {
                    c.push(
                        "mappings",
                        format!("indicator {:?} of version {} ({side}) is not covered by any mapping", p.indicator.id, set.version),
                    );
                }
            }
        }
        c.finish(())
    }

    fn check_shape(&self, c: &mut Collector) {
        if self.format != CONCORDANCE_FORMAT {
            c.push("format", format!("format version {} is not supported (this app reads {CONCORDANCE_FORMAT})", self.format));
        }
        if !is_valid_id(&self.set) {
            c.push("set", format!("set id {:?} is not a valid id", self.set));
        }
        if self.from.trim().is_empty() {
            c.push("from", "version is empty");
        }
        if self.to.trim().is_empty() {
            c.push("to", "version is empty");
        }
        if self.from == self.to {
            c.push("to", format!("a concordance connects two different versions, but both are {:?}", self.to));
        }
        for (mi, m) in self.mappings.iter().enumerate() {
            if !m.kind.arity_ok(m.from.len(), m.to.len()) {
                c.push(
                    format!("mappings[{mi}]"),
                    format!("\"{}\" needs {}, but has {} → {}", m.kind, m.kind.arity_text(), m.from.len(), m.to.len()),
                );
            }
            for (side, ids) in [("from", &m.from), ("to", &m.to)] {
                for (j, id) in ids.iter().enumerate() {
                    if !is_valid_id(id) {
                        c.push(format!("mappings[{mi}].{side}[{j}]"), format!("{id:?} is not a valid indicator id"));
                    }
                }
            }
            if let Some(note) = &m.note {
                if note.trim().is_empty() {
                    c.push(format!("mappings[{mi}].note"), "note is empty (leave it out instead)");
                }
            }
        }
    }

    /// Whether this concordance connects `a` and `b` (in either order).
    pub fn connects(&self, a: &str, b: &str) -> bool {
        (self.from == a && self.to == b) || (self.from == b && self.to == a)
    }

    /// The mappings read from `from_version` to `to_version`; `None` if this concordance does
    /// not connect them.
    pub fn oriented(&self, from_version: &str, to_version: &str) -> Option<Vec<Oriented<'_>>> {
        let forward = if self.from == from_version && self.to == to_version {
            true
        } else if self.from == to_version && self.to == from_version {
            false
        } else {
            return None;
        };
        Some(
            self.mappings
                .iter()
                .map(|m| {
                    if forward {
                        Oriented { kind: m.kind, from: &m.from, to: &m.to, note: m.note.as_deref() }
                    } else {
                        Oriented { kind: m.kind.reversed(), from: &m.to, to: &m.from, note: m.note.as_deref() }
                    }
                })
                .collect(),
        )
    }

    /// The indicators that may be compared between `from_version` and `to_version`: the
    /// `same` and `reworded` pairs, ids given in that direction. `None` if this concordance
    /// does not connect the two versions.
    pub fn comparable_pairs(&self, from_version: &str, to_version: &str) -> Option<Comparable> {
        let mut out = Comparable::default();
        for m in self.oriented(from_version, to_version)? {
            match m.kind {
                MappingKind::Same => out.same += 1,
                MappingKind::Reworded => out.reworded += 1,
                _ => continue,
            }
            out.pairs.push(ComparablePair { from: m.from[0].clone(), to: m.to[0].clone(), kind: m.kind });
        }
        Some(out)
    }

    /// How many mappings of each kind, in the file's direction.
    pub fn counts(&self) -> BTreeMap<MappingKind, usize> {
        let mut counts = BTreeMap::new();
        for m in &self.mappings {
            *counts.entry(m.kind).or_insert(0) += 1;
        }
        counts
    }
}

/// Two versions and a concordance between them, small enough to read: the tests of this module,
/// of carrying over and of loading a directory use them.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use crate::answers::assessment::Response;
    use crate::answers::timestamp::Timestamp;

    pub fn set(version: &str, indicators: &[(&str, &str)]) -> IndicatorSet {
        let inds: Vec<String> = indicators
            .iter()
            .map(|(id, text)| format!(r#"{{"id": "{id}", "text": {{"sv": "{text}"}}, "source": {{"ref": "s", "locator": "x"}}}}"#))
            .collect();
        let json = format!(
            r#"{{"format": 1, "id": "t", "version": "{version}", "title": {{"sv": "T"}},
              "scale": {{"options": [{{"key": "helt", "label": {{"sv": "Helt"}}, "score": 1}},
                                     {{"key": "delvis", "label": {{"sv": "Delvis"}}, "score": 0.5}},
                                     {{"key": "inte", "label": {{"sv": "Inte"}}, "score": 0}}]}},
              "sources": {{"s": {{"file": "f", "title": "S"}}}},
              "areas": [{{"id": "a", "role": "tiles", "title": {{"sv": "A"}}, "groups": [{{"id": "g", "title": {{"sv": "G"}}, "indicators": [{}]}}]}}]}}"#,
            inds.join(",")
        );
        IndicatorSet::parse(&json, "t.json").unwrap()
    }

    pub fn v1() -> IndicatorSet {
        set("1", &[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E"), ("g", "G")])
    }

    pub fn v2() -> IndicatorSet {
        set("2", &[("a", "A"), ("b2", "B ny"), ("c1", "C ett"), ("c2", "C två"), ("f", "F"), ("h", "H")])
    }

    pub const CONC: &str = r#"{"format": 1, "set": "t", "from": "1", "to": "2", "mappings": [
        {"kind": "same", "from": ["a"], "to": ["a"]},
        {"kind": "reworded", "from": ["b"], "to": ["b2"], "note": "why"},
        {"kind": "split", "from": ["c"], "to": ["c1", "c2"]},
        {"kind": "merged", "from": ["d", "e"], "to": ["f"]},
        {"kind": "removed", "from": ["g"], "to": [], "note": "why"},
        {"kind": "new", "from": [], "to": ["h"], "note": "source"}]}"#;

    pub fn conc() -> Concordance {
        Concordance::parse(CONC, "c.json").unwrap()
    }

    pub fn errors(json: &str) -> Vec<String> {
        match Concordance::parse(json, "c.json") {
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
            Ok(c) => c.validate("c.json", &v1(), &v2()).err().map(|e| e.0.iter().map(|e| e.to_string()).collect()).unwrap_or_default(),
        }
    }

    pub fn response(answer: Option<&str>, comment: &str) -> Response {
        Response { answer: answer.map(str::to_string), comment: comment.to_string(), updated: Timestamp(5), ..Response::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;

    #[test]
    fn the_example_validates() {
        assert_eq!(errors(CONC), Vec::<String>::new());
        let counts = conc().counts();
        assert_eq!(counts.values().sum::<usize>(), 6);
    }

    #[test]
    fn arity_must_fit_the_kind() {
        let json = CONC.replace(r#""to": ["c1", "c2"]"#, r#""to": ["c1"]"#);
        let e = errors(&json);
        assert_eq!(e, vec!["c.json: mappings[2]: \"split\" needs one indicator in \"from\" and at least two in \"to\", but has 1 → 1"]);
        let json = CONC.replace(r#"{"kind": "removed", "from": ["g"], "to": []"#, r#"{"kind": "removed", "from": ["g"], "to": ["h"]"#);
        assert!(errors(&json)[0].contains("mappings[4]: \"removed\" needs one indicator in \"from\" and none in \"to\""));
    }

    #[test]
    fn every_indicator_is_covered_once_per_side() {
        let json = CONC.replace(r#"{"kind": "removed", "from": ["g"], "to": [], "note": "why"},"#, "");
        assert_eq!(errors(&json), vec!["c.json: mappings: indicator \"g\" of version 1 (from) is not covered by any mapping"]);
        let json = CONC.replace(r#""from": ["d", "e"]"#, r#""from": ["d", "a"]"#);
        let e = errors(&json);
        assert!(
            e.iter()
                .any(|e| e == "c.json: mappings[3].from[1]: indicator \"a\" of version 1 is mapped twice (first at mappings[0].from[0])"),
            "{e:?}"
        );
        assert!(e.iter().any(|e| e.contains("indicator \"e\" of version 1 (from) is not covered")), "{e:?}");
    }

    #[test]
    fn unknown_ids_and_wrong_versions_are_named() {
        let json = CONC.replace(r#""to": ["h"]"#, r#""to": ["x"]"#);
        let e = errors(&json);
        assert!(e.contains(&"c.json: mappings[5].to[0]: unknown indicator \"x\": version 2 has no such indicator".to_string()), "{e:?}");
        let c = conc();
        let e = c.validate("c.json", &v2(), &v1()).unwrap_err().to_string();
        assert!(e.contains("c.json: from: \"from\" is \"1\" but the set file given for it is version \"2\""), "{e}");
    }

    #[test]
    fn same_means_same_id_and_text_and_shared_ids_map_to_themselves() {
        let json = CONC.replace(r#"{"kind": "same", "from": ["a"], "to": ["a"]}"#, r#"{"kind": "reworded", "from": ["a"], "to": ["a"]}"#);
        assert_eq!(
            errors(&json),
            vec!["c.json: mappings[0]: \"reworded\" but \"a\" has the same Swedish text in both versions; use \"same\""]
        );
        let changed = set("2", &[("a", "A ändrad"), ("b2", "B ny"), ("c1", "C ett"), ("c2", "C två"), ("f", "F"), ("h", "H")]);
        let e = conc().validate("c.json", &v1(), &changed).unwrap_err().to_string();
        assert!(e.contains("\"same\" but the Swedish text of \"a\" differs between the versions; use \"reworded\""), "{e}");
        // "a" exists in both versions: retiring it and adding it again hides a change of meaning.
        let json = CONC.replace(
            r#"{"kind": "same", "from": ["a"], "to": ["a"]},"#,
            r#"{"kind": "removed", "from": ["a"], "to": []}, {"kind": "new", "from": [], "to": ["a"]},"#,
        );
        let e = errors(&json);
        assert_eq!(e.iter().filter(|e| e.contains("exists in both versions, so it must map to itself")).count(), 2, "{e:?}");
    }

    #[test]
    fn unknown_kinds_and_fields_are_refused_with_a_path() {
        let e = errors(&CONC.replace("\"merged\"", "\"joined\""));
        assert!(e[0].starts_with("c.json: mappings[3].kind: unknown variant `joined`"), "{e:?}");
        let e = errors(&CONC.replace("\"note\": \"source\"", "\"notes\": \"source\""));
        assert!(e[0].starts_with("c.json: mappings[5]") && e[0].contains("unknown field `notes`"), "{e:?}");
    }

    #[test]
    fn comparable_pairs_in_both_directions() {
        let c = conc();
        let forward = c.comparable_pairs("1", "2").unwrap();
        assert_eq!(forward.count(), 2);
        assert_eq!((forward.same, forward.reworded), (1, 1));
        assert_eq!(forward.partner_of("b"), Some("b2"));
        let backward = c.comparable_pairs("2", "1").unwrap();
        assert_eq!(backward.count(), 2);
        assert_eq!(backward.partner_of("b2"), Some("b"));
        assert!(c.comparable_pairs("1", "3").is_none());
    }
}
