//! The concordance between two versions of an indicator set (`indicators/<set>/<from>-<to>.json`):
//! indicator by indicator, what became of it — same, reworded, split, merged, removed, new.
//!
//! It serves two things: carrying an assessment's answers over to another version (either
//! direction), and comparing results across versions on the comparable indicators only.
//! Because a concordance only means something next to its two sets, this module also loads a
//! whole `indicators/` directory (index, sets, concordances) and validates it in one go; the
//! `blomlada-indicators` command and the tests use that.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::assessment::{EarlierAnswer, Response, Review, ReviewReason};
use crate::catalog::{Catalog, SetRef};
use crate::indicator_set::IndicatorSet;
use crate::plan::{carried_plan, Plan};
use crate::timestamp::Timestamp;
use crate::validation::{is_valid_id, parse_json, Collector, ValidationError, ValidationErrors};

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

// ------------------------------------------------------------------------------------------
// Carrying answers over to another version

/// What became of one indicator of the target version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CarryOutcome {
    /// The same indicator: the answer came over as it was.
    Carried,
    /// The answer came over but should be looked at again (reworded; one part of a split; a
    /// merge whose earlier answers all agreed).
    CarriedForReview,
    /// Needs a fresh answer: a new indicator, or a merge whose earlier answers differ.
    NeedsAnswer,
    /// The earlier indicator(s) had no answer, so there was nothing to carry.
    NothingToCarry,
}

/// One indicator of the target version after a carry-over.
#[derive(Debug, Clone, PartialEq)]
pub struct CarriedIndicator {
    pub indicator: String,
    /// The kind of change, read from the source version to the target version.
    pub kind: MappingKind,
    /// The source-version indicators it answers to.
    pub sources: Vec<String>,
    pub outcome: CarryOutcome,
    pub answer: Option<String>,
    pub comment: String,
    pub evidence: Option<String>,
    pub review: Option<Review>,
    /// Target, responsible, action and status, carried as [`crate::plan::carried_plan`] says.
    pub plan: Plan,
}

impl CarriedIndicator {
    fn has_content(&self) -> bool {
        self.answer.is_some() || !self.comment.is_empty() || self.evidence.is_some() || self.review.is_some() || !self.plan.is_empty()
    }
}

/// A source indicator whose answer or comment has no place in the target version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedIndicator {
    pub indicator: String,
    pub answer: Option<String>,
    pub comment: String,
}

/// The result of carrying one version's answers over to another version.
#[derive(Debug, Clone, PartialEq)]
pub struct CarryOver {
    pub from_version: String,
    pub to_version: String,
    /// One entry per indicator of the target version, in its reading order.
    pub indicators: Vec<CarriedIndicator>,
    /// Removed source indicators that had an answer or a comment, in source reading order.
    pub dropped: Vec<DroppedIndicator>,
}

impl CarryOver {
    pub fn count(&self, outcome: CarryOutcome) -> usize {
        self.indicators.iter().filter(|i| i.outcome == outcome).count()
    }

    pub fn get(&self, indicator_id: &str) -> Option<&CarriedIndicator> {
        self.indicators.iter().find(|i| i.indicator == indicator_id)
    }

    /// The responses for an assessment of the target version, stamped `now`. Indicators with
    /// nothing to record get no entry.
    pub fn responses(&self, now: Timestamp) -> BTreeMap<String, Response> {
        self.indicators
            .iter()
            .filter(|i| i.has_content())
            .map(|i| {
                let response = Response {
                    answer: i.answer.clone(),
                    comment: i.comment.clone(),
                    evidence: i.evidence.clone(),
                    review: i.review.clone(),
                    plan: i.plan.clone(),
                    updated: now,
                };
                (i.indicator.clone(), response)
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CarryError {
    /// E.g. concordance "eblomlada 2014–2026", from "eblomlada 2014", to "eblomlada 2028".
    #[error("the concordance {concordance} does not connect {from} and {to}")]
    NotConnected { concordance: String, from: String, to: String },
}

/// Carries `answers` (an assessment's responses to `from`) over to version `to`, using the
/// concordance `c` in whichever direction connects them.
///
/// Per indicator of `to`: `same` carries answer, comment and evidence as they are; `reworded`
/// and each part of a `split` carry them marked for review; a `merged` indicator gets the
/// answer only if every earlier indicator had that same answer (marked for review), otherwise
/// it needs a fresh answer, with the earlier answers kept as context; a `new` one needs an
/// answer. Answers whose key is not on `to`'s scale need a fresh answer too. Removed source
/// indicators that had something said are listed as dropped.
pub fn carry_over(
    from: &IndicatorSet,
    to: &IndicatorSet,
    c: &Concordance,
    answers: &BTreeMap<String, Response>,
) -> Result<CarryOver, CarryError> {
    let not_connected = || CarryError::NotConnected {
        concordance: format!("{} {}–{}", c.set, c.from, c.to),
        from: format!("{} {}", from.id, from.version),
        to: format!("{} {}", to.id, to.version),
    };
    if c.set != from.id || c.set != to.id {
        return Err(not_connected());
    }
    let mappings = c.oriented(&from.version, &to.version).ok_or_else(not_connected)?;

    let mut by_target: HashMap<&str, &Oriented<'_>> = HashMap::new();
    for m in &mappings {
        for id in m.to {
            by_target.entry(id.as_str()).or_insert(m);
        }
    }

    let earlier = |sources: &[String]| -> Vec<EarlierAnswer> {
        sources
            .iter()
            .map(|id| {
                let r = answers.get(id);
                EarlierAnswer {
                    indicator: id.clone(),
                    answer: r.and_then(|r| r.answer.clone()),
                    comment: r.map(|r| r.comment.clone()).unwrap_or_default(),
                }
            })
            .collect()
    };
    let review =
        |reason: ReviewReason, sources: &[String]| Review { reason, from_version: from.version.clone(), earlier: earlier(sources) };
    let on_scale = |answer: &Option<String>| answer.as_deref().is_none_or(|key| to.option(key).is_some());

    let mut indicators = Vec::new();
    for placed in to.placed() {
        let id = placed.indicator.id.as_str();
        let Some(m) = by_target.get(id) else {
            // Not covered (only with an invalid concordance): treat it as new.
            indicators.push(new_indicator(id, &from.version));
            continue;
        };
        let sources: Vec<String> = m.from.to_vec();
        let blank = CarriedIndicator {
            indicator: id.to_string(),
            kind: m.kind,
            sources: sources.clone(),
            outcome: CarryOutcome::NothingToCarry,
            answer: None,
            comment: String::new(),
            evidence: None,
            review: None,
            plan: carried_plan(to, sources.iter().filter_map(|s| answers.get(s)).map(|r| (&r.plan, r.answer.as_deref()))),
        };
        let item = match m.kind {
            MappingKind::New | MappingKind::Removed => new_indicator(id, &from.version),
            MappingKind::Same | MappingKind::Reworded | MappingKind::Split => {
                let source = answers.get(&sources[0]);
                let Some(source) =
                    source.filter(|r| r.answer.is_some() || !r.comment.is_empty() || r.evidence.is_some() || !r.plan.is_empty())
                else {
                    indicators.push(blank);
                    continue;
                };
                let mut item = CarriedIndicator {
                    answer: source.answer.clone(),
                    comment: source.comment.clone(),
                    evidence: source.evidence.clone(),
                    ..blank
                };
                if !on_scale(&source.answer) {
                    item.answer = None;
                    item.outcome = CarryOutcome::NeedsAnswer;
                    item.review = Some(review(ReviewReason::FreshAnswer, &sources));
                } else if m.kind == MappingKind::Same {
                    item.outcome = if item.answer.is_some() { CarryOutcome::Carried } else { CarryOutcome::NothingToCarry };
                    // A review still pending from an earlier carry-over stays pending.
                    item.review = source.review.clone();
                } else {
                    item.outcome = if item.answer.is_some() { CarryOutcome::CarriedForReview } else { CarryOutcome::NothingToCarry };
                    item.review = Some(review(ReviewReason::Reworded, &sources));
                }
                item
            }
            MappingKind::Merged => {
                let given: Vec<Option<&str>> = sources.iter().map(|s| answers.get(s).and_then(|r| r.answer.as_deref())).collect();
                let said_anything = sources.iter().any(|s| answers.get(s).is_some_and(|r| r.answer.is_some() || !r.comment.is_empty()));
                let agreed = match given.first() {
                    Some(Some(first)) if given.iter().all(|g| g == &Some(*first)) => Some(first.to_string()),
                    _ => None,
                };
                match agreed {
                    Some(answer) if on_scale(&Some(answer.clone())) => CarriedIndicator {
                        outcome: CarryOutcome::CarriedForReview,
                        answer: Some(answer),
                        review: Some(review(ReviewReason::Reworded, &sources)),
                        ..blank
                    },
                    _ if said_anything => CarriedIndicator {
                        outcome: CarryOutcome::NeedsAnswer,
                        review: Some(review(ReviewReason::FreshAnswer, &sources)),
                        ..blank
                    },
                    _ => blank,
                }
            }
        };
        indicators.push(item);
    }

    let mut dropped = Vec::new();
    let removed: Vec<&str> =
        mappings.iter().filter(|m| m.kind == MappingKind::Removed).flat_map(|m| m.from.iter().map(String::as_str)).collect();
    for placed in from.placed() {
        let id = placed.indicator.id.as_str();
        if !removed.contains(&id) {
            continue;
        }
        if let Some(r) = answers.get(id).filter(|r| r.answer.is_some() || !r.comment.is_empty()) {
            dropped.push(DroppedIndicator { indicator: id.to_string(), answer: r.answer.clone(), comment: r.comment.clone() });
        }
    }

    Ok(CarryOver { from_version: from.version.clone(), to_version: to.version.clone(), indicators, dropped })
}

fn new_indicator(id: &str, from_version: &str) -> CarriedIndicator {
    CarriedIndicator {
        indicator: id.to_string(),
        kind: MappingKind::New,
        sources: Vec::new(),
        outcome: CarryOutcome::NeedsAnswer,
        answer: None,
        comment: String::new(),
        evidence: None,
        review: Some(Review { reason: ReviewReason::FreshAnswer, from_version: from_version.to_string(), earlier: Vec::new() }),
        plan: Plan::default(),
    }
}

// ------------------------------------------------------------------------------------------
// A whole `indicators/` directory

/// Everything an `indicators/` directory holds, parsed and cross-checked.
#[derive(Debug, Clone, Default)]
pub struct IndicatorFiles {
    pub catalog: Option<Catalog>,
    /// Every set version that loaded, by set and version.
    pub sets: BTreeMap<SetRef, IndicatorSet>,
    /// Every concordance that loaded and matched its sets, with the file it came from.
    pub concordances: Vec<(String, Concordance)>,
    /// Every problem found, each naming its file and JSON path.
    pub errors: Vec<ValidationError>,
}

impl IndicatorFiles {
    /// Loads `index.json` and every set and concordance it lists. `read` gets a path relative
    /// to the directory (`"eblomlada/2014.json"`) and returns the file's text; `label` is put
    /// in front of that path in error messages (e.g. `"indicators/"`). Nothing stops at the
    /// first error: every file is checked.
    pub fn load(label: &str, mut read: impl FnMut(&str) -> Result<String, String>) -> IndicatorFiles {
        let mut out = IndicatorFiles::default();
        let name = |path: &str| format!("{label}{path}");
        let read_err = |file: String, message: String| ValidationError { file, path: String::new(), message };

        let catalog = match read("index.json") {
            Err(e) => {
                out.errors.push(read_err(name("index.json"), format!("cannot read: {e}")));
                return out;
            }
            Ok(json) => match Catalog::parse(&json, &name("index.json")) {
                Ok(catalog) => catalog,
                Err(errors) => {
                    out.errors.extend(errors.0);
                    return out;
                }
            },
        };

        for (si, set) in catalog.sets.iter().enumerate() {
            for (vi, v) in set.versions.iter().enumerate() {
                let file = name(&v.file);
                let json = match read(&v.file) {
                    Ok(json) => json,
                    Err(e) => {
                        out.errors.push(read_err(file, format!("cannot read (listed in index.json at sets[{si}].versions[{vi}]): {e}")));
                        continue;
                    }
                };
                match IndicatorSet::parse(&json, &file) {
                    Ok(parsed) => {
                        let mut c = Collector::new(&file);
                        if parsed.id != set.id {
                            c.push("id", format!("the file is set {:?} but index.json lists it under set {:?}", parsed.id, set.id));
                        }
                        if parsed.version != v.version {
                            c.push(
                                "version",
                                format!("the file is version {:?} but index.json lists it as version {:?}", parsed.version, v.version),
                            );
                        }
                        match c.finish(()) {
                            Ok(()) => {
                                out.sets.insert(SetRef { set: set.id.clone(), version: v.version.clone() }, parsed);
                            }
                            Err(errors) => out.errors.extend(errors.0),
                        }
                    }
                    Err(errors) => out.errors.extend(errors.0),
                }
            }
            for (ci, listed) in set.concordances.iter().enumerate() {
                let file = name(&listed.file);
                let json = match read(&listed.file) {
                    Ok(json) => json,
                    Err(e) => {
                        out.errors
                            .push(read_err(file, format!("cannot read (listed in index.json at sets[{si}].concordances[{ci}]): {e}")));
                        continue;
                    }
                };
                let concordance = match Concordance::parse(&json, &file) {
                    Ok(concordance) => concordance,
                    Err(errors) => {
                        out.errors.extend(errors.0);
                        continue;
                    }
                };
                let mut c = Collector::new(&file);
                if concordance.set != set.id || concordance.from != listed.from || concordance.to != listed.to {
                    c.push(
                        "",
                        format!(
                            "the file is {} {}→{} but index.json lists it as {} {}→{}",
                            concordance.set, concordance.from, concordance.to, set.id, listed.from, listed.to
                        ),
                    );
                }
                if let Err(errors) = c.finish(()) {
                    out.errors.extend(errors.0);
                    continue;
                }
                let key = |version: &str| SetRef { set: set.id.clone(), version: version.to_string() };
                let (Some(a), Some(b)) = (out.sets.get(&key(&listed.from)), out.sets.get(&key(&listed.to))) else {
                    // The set files' own errors are reported above; nothing to check against.
                    continue;
                };
                match concordance.validate(&file, a, b) {
                    Ok(()) => out.concordances.push((listed.file.clone(), concordance)),
                    Err(errors) => out.errors.extend(errors.0),
                }
            }
        }
        out.catalog = Some(catalog);
        out
    }

    /// The errors as one value, or `Ok` when there were none.
    pub fn result(&self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.errors.clone()))
        }
    }

    pub fn concordance_between(&self, set: &str, a: &str, b: &str) -> Option<&Concordance> {
        self.concordances.iter().map(|(_, c)| c).find(|c| c.set == set && c.connects(a, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(version: &str, indicators: &[(&str, &str)]) -> IndicatorSet {
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

    fn v1() -> IndicatorSet {
        set("1", &[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E"), ("g", "G")])
    }

    fn v2() -> IndicatorSet {
        set("2", &[("a", "A"), ("b2", "B ny"), ("c1", "C ett"), ("c2", "C två"), ("f", "F"), ("h", "H")])
    }

    const CONC: &str = r#"{"format": 1, "set": "t", "from": "1", "to": "2", "mappings": [
        {"kind": "same", "from": ["a"], "to": ["a"]},
        {"kind": "reworded", "from": ["b"], "to": ["b2"], "note": "why"},
        {"kind": "split", "from": ["c"], "to": ["c1", "c2"]},
        {"kind": "merged", "from": ["d", "e"], "to": ["f"]},
        {"kind": "removed", "from": ["g"], "to": [], "note": "why"},
        {"kind": "new", "from": [], "to": ["h"], "note": "source"}]}"#;

    fn conc() -> Concordance {
        Concordance::parse(CONC, "c.json").unwrap()
    }

    fn errors(json: &str) -> Vec<String> {
        match Concordance::parse(json, "c.json") {
            Err(e) => e.0.iter().map(|e| e.to_string()).collect(),
            Ok(c) => c.validate("c.json", &v1(), &v2()).err().map(|e| e.0.iter().map(|e| e.to_string()).collect()).unwrap_or_default(),
        }
    }

    fn response(answer: Option<&str>, comment: &str) -> Response {
        Response { answer: answer.map(str::to_string), comment: comment.to_string(), updated: Timestamp(5), ..Response::default() }
    }

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

    #[test]
    fn carry_forward() {
        let answers: BTreeMap<String, Response> = [
            ("a", response(Some("helt"), "klart")),
            ("b", response(Some("delvis"), "pågår")),
            ("c", response(Some("inte"), "")),
            ("d", response(Some("helt"), "")),
            ("e", response(Some("delvis"), "")),
            ("g", response(Some("helt"), "finns")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let out = carry_over(&v1(), &v2(), &conc(), &answers).unwrap();
        let outcome = |id: &str| out.get(id).unwrap().outcome;
        assert_eq!(outcome("a"), CarryOutcome::Carried);
        assert_eq!(out.get("a").unwrap().review, None);
        assert_eq!(out.get("a").unwrap().comment, "klart");
        assert_eq!(outcome("b2"), CarryOutcome::CarriedForReview);
        let b2 = out.get("b2").unwrap();
        assert_eq!(b2.answer.as_deref(), Some("delvis"));
        assert_eq!(b2.review.as_ref().unwrap().reason, ReviewReason::Reworded);
        assert_eq!(b2.review.as_ref().unwrap().from_version, "1");
        assert_eq!(b2.review.as_ref().unwrap().earlier[0].indicator, "b");
        for part in ["c1", "c2"] {
            assert_eq!(outcome(part), CarryOutcome::CarriedForReview);
            assert_eq!(out.get(part).unwrap().answer.as_deref(), Some("inte"));
        }
        assert_eq!(outcome("f"), CarryOutcome::NeedsAnswer, "d and e disagree");
        let f = out.get("f").unwrap();
        assert_eq!(f.answer, None);
        assert_eq!(f.review.as_ref().unwrap().reason, ReviewReason::FreshAnswer);
        assert_eq!(f.review.as_ref().unwrap().earlier.len(), 2);
        assert_eq!(outcome("h"), CarryOutcome::NeedsAnswer);
        assert_eq!(out.get("h").unwrap().kind, MappingKind::New);
        assert_eq!(out.dropped, vec![DroppedIndicator { indicator: "g".into(), answer: Some("helt".into()), comment: "finns".into() }]);
        assert_eq!(out.count(CarryOutcome::CarriedForReview), 3);

        let responses = out.responses(Timestamp(99));
        assert_eq!(responses["a"].answer.as_deref(), Some("helt"));
        assert_eq!(responses["a"].updated, Timestamp(99));
        assert!(responses["h"].review.is_some() && responses["h"].answer.is_none());
        assert_eq!(responses.len(), 6);
    }

    #[test]
    fn merge_carries_only_when_all_agree() {
        let answers: BTreeMap<String, Response> = [("d", response(Some("delvis"), "x")), ("e", response(Some("delvis"), "y"))]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let out = carry_over(&v1(), &v2(), &conc(), &answers).unwrap();
        let f = out.get("f").unwrap();
        assert_eq!(f.outcome, CarryOutcome::CarriedForReview);
        assert_eq!(f.answer.as_deref(), Some("delvis"));
        assert_eq!(f.review.as_ref().unwrap().earlier.iter().map(|e| e.comment.as_str()).collect::<Vec<_>>(), ["x", "y"]);
        // Only one of the two answered: that is no agreement.
        let answers: BTreeMap<String, Response> =
            [("d", response(Some("delvis"), ""))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let out = carry_over(&v1(), &v2(), &conc(), &answers).unwrap();
        assert_eq!(out.get("f").unwrap().outcome, CarryOutcome::NeedsAnswer);
        // Nothing said at all: nothing to carry, nothing dropped.
        let out = carry_over(&v1(), &v2(), &conc(), &BTreeMap::new()).unwrap();
        assert_eq!(out.get("f").unwrap().outcome, CarryOutcome::NothingToCarry);
        assert_eq!(out.get("a").unwrap().outcome, CarryOutcome::NothingToCarry);
        assert!(out.dropped.is_empty());
        assert_eq!(out.responses(Timestamp(1)).keys().collect::<Vec<_>>(), ["h"], "only the new indicator is flagged");
    }

    #[test]
    fn carry_backward_reverses_the_kinds() {
        let answers: BTreeMap<String, Response> = [
            ("c1", response(Some("helt"), "")),
            ("c2", response(Some("helt"), "")),
            ("f", response(Some("inte"), "")),
            ("h", response(Some("delvis"), "ny")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let out = carry_over(&v2(), &v1(), &conc(), &answers).unwrap();
        assert_eq!(out.from_version, "2");
        let c = out.get("c").unwrap();
        assert_eq!((c.kind, c.outcome, c.answer.as_deref()), (MappingKind::Merged, CarryOutcome::CarriedForReview, Some("helt")));
        for part in ["d", "e"] {
            let p = out.get(part).unwrap();
            assert_eq!((p.kind, p.outcome, p.answer.as_deref()), (MappingKind::Split, CarryOutcome::CarriedForReview, Some("inte")));
        }
        let g = out.get("g").unwrap();
        assert_eq!((g.kind, g.outcome), (MappingKind::New, CarryOutcome::NeedsAnswer));
        assert_eq!(out.dropped.iter().map(|d| d.indicator.as_str()).collect::<Vec<_>>(), ["h"]);
    }

    #[test]
    fn answers_off_the_target_scale_need_a_fresh_answer() {
        let answers: BTreeMap<String, Response> = [("a", response(Some("ja"), ""))].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let out = carry_over(&v1(), &v2(), &conc(), &answers).unwrap();
        let a = out.get("a").unwrap();
        assert_eq!((a.outcome, a.answer.as_ref()), (CarryOutcome::NeedsAnswer, None));
        assert_eq!(a.review.as_ref().unwrap().earlier[0].answer.as_deref(), Some("ja"));
    }

    #[test]
    fn a_concordance_for_other_versions_is_refused() {
        let other = set("3", &[("a", "A")]);
        let err = carry_over(&v1(), &other, &conc(), &BTreeMap::new()).unwrap_err();
        assert_eq!(err.to_string(), "the concordance t 1–2 does not connect t 1 and t 3");
    }

    #[test]
    fn a_directory_loads_and_names_every_problem() {
        let files: HashMap<&str, String> = [
            (
                "index.json",
                r#"{"format": 1, "default": {"set": "t", "version": "2"}, "sets": [{"id": "t", "title": {"sv": "T"},
                "versions": [{"version": "1", "file": "t/1.json"}, {"version": "2", "file": "t/2.json"}],
                "concordances": [{"from": "1", "to": "2", "file": "t/1-2.json"}]}]}"#
                    .to_string(),
            ),
            ("t/1.json", serde_json::to_string(&v1()).unwrap()),
            ("t/2.json", serde_json::to_string(&v2()).unwrap()),
            ("t/1-2.json", CONC.to_string()),
        ]
        .into_iter()
        .collect();
        let read = |files: &HashMap<&str, String>, p: &str| files.get(p).cloned().ok_or_else(|| "no such file".to_string());
        let loaded = IndicatorFiles::load("ind/", |p| read(&files, p));
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        assert_eq!(loaded.sets.len(), 2);
        assert!(loaded.concordance_between("t", "2", "1").is_some());

        let mut broken = files.clone();
        broken.insert("t/1-2.json", CONC.replace(r#""to": ["h"]"#, r#""to": ["x"]"#));
        broken.remove("t/2.json");
        broken.insert("t/1.json", serde_json::to_string(&v1()).unwrap().replace("\"version\":\"1\"", "\"version\":\"7\""));
        let loaded = IndicatorFiles::load("ind/", |p| read(&broken, p));
        let e: Vec<String> = loaded.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            e,
            vec![
                "ind/t/1.json: version: the file is version \"7\" but index.json lists it as version \"1\"",
                "ind/t/2.json: cannot read (listed in index.json at sets[0].versions[1]): no such file",
            ]
        );
    }
}
