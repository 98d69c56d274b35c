//! Hand-outs by file: the strategist hands chosen groups (or whole areas) of an assessment to a
//! förvaltning as a file; the förvaltning answers them in its own browser and sends the file
//! back; importing it merges indicator by indicator.
//!
//! Its own small format (`blomlada-handout`, version 1) rather than a result file with an extra
//! section: a result file is something to publish and compare, and a hand-out must never be
//! mistaken for one (nor the other way round). Each indicator's answer uses the result file's
//! shape ([`ResultAnswer`]) and its checks.
//!
//! The file carries what the handed-out indicators said when handed out (`base`) next to what
//! they say now (`answers`). Merging is three-way by content, not by clocks: an indicator only
//! the förvaltning changed is taken, one only the strategist changed is kept, and one both
//! changed (differently) is a [`Conflict`] the strategist decides. This needs no shared clock,
//! so it works for assessments that are not shared as well as for shared ones (where the app
//! then sends [`crate::sync::diff()`] of the result).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::answers::assessment::{Assessment, KommunRef, Response, MAX_TITLE_CHARS};
use crate::answers::timestamp::Timestamp;
use crate::files::result_file::{ResultAnswer, ResultFile, ResultFileError, RESULT_FORMAT, RESULT_FORMAT_VERSION};
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

pub use super::groups::{indicators_of, GroupRef};

pub const HANDOUT_FORMAT: &str = "blomlada-handout";
pub const HANDOUT_FORMAT_VERSION: u32 = 1;
/// Larger files are refused before they are parsed (as result files are).
pub const MAX_HANDOUT_BYTES: usize = 1_000_000;
/// A förvaltning's name as the strategist typed it.
pub const MAX_RECIPIENT_CHARS: usize = 200;

/// Every group of one area: handing out an area hands out all of them.
pub fn groups_of_area(set: &IndicatorSet, area_id: &str) -> Result<Vec<GroupRef>, HandoutError> {
    let area = set.areas.iter().find(|a| a.id == area_id).ok_or_else(|| HandoutError::UnknownArea(clip(area_id)))?;
    Ok(area.groups.iter().map(|g| GroupRef::new(&area.id, &g.id)).collect())
}

/// Reads the link's `del=` list (`tjanster/skola,it/it`), checking each group against the set.
pub fn parse_groups(set: &IndicatorSet, list: &str) -> Result<Vec<GroupRef>, HandoutError> {
    let groups: Vec<GroupRef> = list
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|key| match key.split_once('/') {
            Some((area, group)) => Ok(GroupRef::new(area, group)),
            None => Err(HandoutError::UnknownGroup(clip(key))),
        })
        .collect::<Result<_, _>>()?;
    check_groups(set, &groups)?;
    Ok(groups)
}

fn check_groups(set: &IndicatorSet, groups: &[GroupRef]) -> Result<(), HandoutError> {
    if groups.is_empty() {
        return Err(HandoutError::NoGroups);
    }
    let mut seen = BTreeSet::new();
    for g in groups {
        if set.group(&g.area, &g.group).is_none() {
            return Err(HandoutError::UnknownGroup(clip(&g.key())));
        }
        if !seen.insert(g) {
            return Err(HandoutError::DuplicateGroup(g.key()));
        }
    }
    Ok(())
}

fn clip(text: &str) -> String {
    text.chars().take(MAX_TITLE_CHARS).collect()
}

/// A hand-out file, as exported and (answered) as returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutFile {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    /// The strategist's assessment id: a returned file is only merged into that assessment.
    pub assessment: String,
    pub set: SetRef,
    pub kommun: KommunRef,
    pub title: String,
    /// The förvaltning it was handed to.
    pub recipient: String,
    pub groups: Vec<GroupRef>,
    pub handed_out: Timestamp,
    /// When the förvaltning exported its answers; `None` in the file as handed out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<Timestamp>,
    /// What the handed-out indicators said at hand-out: the base of the three-way merge.
    #[serde(default)]
    pub base: BTreeMap<String, ResultAnswer>,
    /// What they say now: the same as `base` when handed out, the förvaltning's when returned.
    #[serde(default)]
    pub answers: BTreeMap<String, ResultAnswer>,
}

/// One thing wrong with a hand-out or with merging one. The app words these in Swedish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HandoutError {
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("this is a result file, not a hand-out: import it as a result instead")]
    ResultFileInstead,
    #[error("the file is not a Blomlådan hand-out (format {0:?})")]
    NotAHandout(Option<String>),
    #[error("hand-out format version {0} is not supported (this app reads {HANDOUT_FORMAT_VERSION})")]
    UnsupportedFormatVersion(u64),
    #[error("the file's structure is wrong at {path}: {message}")]
    BadShape { path: String, message: String },
    #[error("unknown indicator set {set} version {version}")]
    UnknownSet { set: String, version: String },
    #[error("the hand-out is for set {file_set} version {file_version}; this assessment answers version {ours}")]
    WrongSetVersion { file_set: String, file_version: String, ours: String },
    #[error("the hand-out was made from another assessment ({0:?})")]
    WrongAssessment(String),
    #[error("no groups chosen")]
    NoGroups,
    #[error("unknown area {0:?}")]
    UnknownArea(String),
    #[error("unknown group {0:?} (groups are named area/group)")]
    UnknownGroup(String),
    #[error("group {0:?} is listed twice")]
    DuplicateGroup(String),
    #[error("indicator {0:?} is not in the handed-out groups")]
    NotInHandout(String),
    #[error("the förvaltning's name is empty or longer than {MAX_RECIPIENT_CHARS} characters")]
    BadRecipient,
    #[error("{0}")]
    Invalid(ResultFileError),
    #[error("no choice made for {0:?}")]
    Unresolved(Vec<String>),
    #[error("{0:?} is not a conflict of this import")]
    NotAConflict(String),
}

/// The response's content as a result file writes it; `None` when nothing is said. Comparing
/// these ignores `updated`, which is a local time, not content.
fn content(response: Option<&Response>) -> Option<ResultAnswer> {
    let r = response.filter(|r| !r.is_empty())?;
    Some(ResultAnswer {
        answer: r.answer.clone(),
        comment: Some(r.comment.clone()).filter(|c| !c.is_empty()),
        evidence: r.evidence.clone(),
        review: r.review.clone(),
        plan: r.plan.clone(),
    })
}

fn response_of(answer: &ResultAnswer, now: Timestamp) -> Response {
    Response {
        answer: answer.answer.clone(),
        comment: answer.comment.clone().unwrap_or_default(),
        evidence: answer.evidence.clone(),
        review: answer.review.clone(),
        plan: answer.plan.clone(),
        updated: now,
    }
}

fn said(assessment: &Assessment, ids: &[&str]) -> BTreeMap<String, ResultAnswer> {
    ids.iter().filter_map(|id| Some((id.to_string(), content(assessment.responses.get(*id))?))).collect()
}

/// The file handing `groups` of `assessment` to `recipient`.
pub fn export(
    assessment: &Assessment,
    set: &IndicatorSet,
    groups: &[GroupRef],
    recipient: &str,
    now: Timestamp,
    app_version: &str,
) -> Result<HandoutFile, HandoutError> {
    check_groups(set, groups)?;
    let recipient = recipient.trim();
    if recipient.is_empty() || recipient.chars().count() > MAX_RECIPIENT_CHARS {
        return Err(HandoutError::BadRecipient);
    }
    if set.id != assessment.set.set || set.version != assessment.set.version {
        return Err(HandoutError::WrongSetVersion {
            file_set: set.id.clone(),
            file_version: set.version.clone(),
            ours: assessment.set.version.clone(),
        });
    }
    let base = said(assessment, &indicators_of(set, groups));
    Ok(HandoutFile {
        format: HANDOUT_FORMAT.to_string(),
        format_version: HANDOUT_FORMAT_VERSION,
        app_version: app_version.to_string(),
        assessment: assessment.id.clone(),
        set: assessment.set.clone(),
        kommun: assessment.kommun.clone(),
        title: assessment.title.clone(),
        recipient: recipient.to_string(),
        groups: groups.to_vec(),
        handed_out: now,
        returned: None,
        answers: base.clone(),
        base,
    })
}

impl HandoutFile {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a hand-out always serializes")
    }

    /// `blomlada-utdelning-socialforvaltningen-2026-12-04.json`; `date` as `Timestamp::date_iso`.
    pub fn file_name(&self, date: &str) -> String {
        crate::files::download_name::download_name(&["utdelning", &self.recipient, date], "json")
    }

    /// The indicators this hand-out covers.
    pub fn indicators<'s>(&self, set: &'s IndicatorSet) -> Vec<&'s str> {
        indicators_of(set, &self.groups)
    }

    /// The assessment the förvaltning works in: the handed-out indicators as they stand in the
    /// file, under an id of its browser's choosing.
    pub fn to_assessment(&self, id: String, now: Timestamp) -> Assessment {
        Assessment {
            id,
            title: self.title.clone(),
            kommun: self.kommun.clone(),
            population: None,
            set: self.set.clone(),
            created: now,
            updated: now,
            meta_updated: now,
            approval: None,
            responses: self.answers.iter().map(|(id, a)| (id.clone(), response_of(a, now))).collect(),
            exported_at: None,
        }
    }

    /// The file the förvaltning sends back: this hand-out with its answers (only the
    /// handed-out indicators; anything else it may have typed stays in its browser).
    pub fn answered(&self, set: &IndicatorSet, theirs: &Assessment, now: Timestamp) -> HandoutFile {
        HandoutFile { answers: said(theirs, &self.indicators(set)), returned: Some(now), ..self.clone() }
    }

    /// Reads and checks a hand-out file; `find_set` resolves the set version it names.
    pub fn parse<'s>(
        bytes: &[u8],
        find_set: impl Fn(&SetRef) -> Option<&'s IndicatorSet>,
    ) -> Result<(HandoutFile, &'s IndicatorSet), Vec<HandoutError>> {
        let file = HandoutFile::parse_unchecked(bytes)?;
        let Some(set) = find_set(&file.set) else {
            return Err(vec![HandoutError::UnknownSet { set: clip(&file.set.set), version: clip(&file.set.version) }]);
        };
        let errors = file.check(set);
        if errors.is_empty() {
            Ok((file, set))
        } else {
            Err(errors)
        }
    }

    /// Reads a hand-out file's envelope and shape only: what an app does first, before it has
    /// loaded the set version the file names; [`HandoutFile::check`] against that set follows.
    pub fn parse_unchecked(bytes: &[u8]) -> Result<HandoutFile, Vec<HandoutError>> {
        if bytes.len() > MAX_HANDOUT_BYTES {
            return Err(vec![HandoutError::TooLarge { size: bytes.len(), limit: MAX_HANDOUT_BYTES }]);
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| vec![HandoutError::NotJson(e.to_string())])?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(HANDOUT_FORMAT) => {}
            Some(RESULT_FORMAT) => return Err(vec![HandoutError::ResultFileInstead]),
            other => return Err(vec![HandoutError::NotAHandout(other.map(clip))]),
        }
        match value.get("format_version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(HANDOUT_FORMAT_VERSION) => {}
            Some(v) => return Err(vec![HandoutError::UnsupportedFormatVersion(v)]),
            None => return Err(vec![HandoutError::BadShape { path: "format_version".into(), message: "missing".into() }]),
        }
        crate::files::json_path::from_value(&value).map_err(|e| vec![HandoutError::BadShape { path: e.path, message: e.error.to_string() }])
    }

    /// Everything that must hold against the set: the groups exist, every indicator is in
    /// them, every answer passes the result file's checks.
    pub fn check(&self, set: &IndicatorSet) -> Vec<HandoutError> {
        let mut errors = Vec::new();
        if let Err(e) = check_groups(set, &self.groups) {
            errors.push(e);
            return errors;
        }
        if self.recipient.trim().is_empty() || self.recipient.chars().count() > MAX_RECIPIENT_CHARS {
            errors.push(HandoutError::BadRecipient);
        }
        let inside: BTreeSet<&str> = self.indicators(set).into_iter().collect();
        for id in self.base.keys().chain(self.answers.keys()) {
            if !inside.contains(id.as_str()) {
                errors.push(HandoutError::NotInHandout(clip(id)));
            }
        }
        if !errors.is_empty() {
            return errors;
        }
        for answers in [&self.base, &self.answers] {
            let as_result = ResultFile {
                format: RESULT_FORMAT.to_string(),
                format_version: RESULT_FORMAT_VERSION,
                app_version: self.app_version.clone(),
                set: self.set.clone(),
                kommun: self.kommun.clone(),
                population: None,
                title: self.title.clone(),
                created: self.handed_out,
                updated: self.handed_out,
                approval: None,
                answers: answers.clone(),
            };
            errors.extend(as_result.check(set).into_iter().map(HandoutError::Invalid));
        }
        errors.dedup();
        errors
    }

    /// Who it was handed to and which groups: what the strategist keeps to follow progress.
    pub fn assignment(&self) -> crate::sync::progress::Assignment {
        crate::sync::progress::Assignment { recipient: self.recipient.clone(), groups: self.groups.clone() }
    }
}

/// An indicator both sides changed since the hand-out, differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub indicator: String,
    /// What it said when handed out (`None`: nothing).
    pub base: Option<ResultAnswer>,
    /// What the strategist's assessment says now.
    pub ours: Option<ResultAnswer>,
    /// What the förvaltning answered.
    pub theirs: Option<ResultAnswer>,
}

/// Which side to keep for a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// The outcome of importing a returned hand-out, before conflicts are decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    /// Our assessment with every indicator only the förvaltning changed taken in; conflicts
    /// still as ours.
    pub merged: Assessment,
    /// Indicators taken from the förvaltning automatically (only they changed it).
    pub taken: Vec<String>,
    /// Indicators only we changed since the hand-out: kept as ours.
    pub kept: Vec<String>,
    /// Indicators both changed differently: each needs a choice.
    pub conflicts: Vec<Conflict>,
    /// When the import happened: the time taken responses are stamped with.
    pub now: Timestamp,
}

/// Merges a returned hand-out into `local` (the strategist's assessment), indicator by
/// indicator. Refused: a file made from another assessment or for another set version.
pub fn merge(local: &Assessment, returned: &HandoutFile, set: &IndicatorSet, now: Timestamp) -> Result<Merge, Vec<HandoutError>> {
    if returned.assessment != local.id {
        return Err(vec![HandoutError::WrongAssessment(clip(&returned.assessment))]);
    }
    if returned.set != local.set || set.id != local.set.set || set.version != local.set.version {
        return Err(vec![HandoutError::WrongSetVersion {
            file_set: clip(&returned.set.set),
            file_version: clip(&returned.set.version),
            ours: local.set.version.clone(),
        }]);
    }
    let errors = returned.check(set);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut merge = Merge { merged: local.clone(), taken: Vec::new(), kept: Vec::new(), conflicts: Vec::new(), now };
    for id in returned.indicators(set) {
        let base = returned.base.get(id).cloned();
        let theirs = returned.answers.get(id).cloned();
        let ours = content(local.responses.get(id));
        match (theirs != base, ours != base) {
            (false, false) => {}
            (false, true) => merge.kept.push(id.to_string()),
            (true, false) => {
                take(&mut merge.merged, id, theirs.as_ref(), now);
                merge.taken.push(id.to_string());
            }
            // Both made the same change: nothing to choose.
            (true, true) if theirs == ours => {}
            (true, true) => merge.conflicts.push(Conflict { indicator: id.to_string(), base, ours, theirs }),
        }
    }
    Ok(merge)
}

fn take(assessment: &mut Assessment, id: &str, theirs: Option<&ResultAnswer>, now: Timestamp) {
    let response = theirs.map_or_else(|| Response { updated: now, ..Response::default() }, |a| response_of(a, now));
    assessment.record(id, response);
}

impl Merge {
    /// The assessment with every conflict decided as chosen. Every conflict needs a choice,
    /// and only conflicts take one.
    pub fn resolve(&self, choices: &BTreeMap<String, Side>) -> Result<Assessment, HandoutError> {
        if let Some(id) = choices.keys().find(|id| !self.conflicts.iter().any(|c| &c.indicator == *id)) {
            return Err(HandoutError::NotAConflict(clip(id)));
        }
        let open: Vec<String> =
            self.conflicts.iter().filter(|c| !choices.contains_key(&c.indicator)).map(|c| c.indicator.clone()).collect();
        if !open.is_empty() {
            return Err(HandoutError::Unresolved(open));
        }
        let mut merged = self.merged.clone();
        for conflict in &self.conflicts {
            if choices[&conflict.indicator] == Side::Theirs {
                take(&mut merged, &conflict.indicator, conflict.theirs.as_ref(), self.now);
            }
        }
        Ok(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::sets::indicator_set::tests::sample;

    const GYMNASIUM: &str = "tjanster.skola.gymnasium";
    const FRANVARO: &str = "tjanster.skola.franvaro";
    const UTVECKLAT: &str = "verksamhet.skola.utvecklat";

    fn skola() -> Vec<GroupRef> {
        vec![GroupRef::new("tjanster", "skola"), GroupRef::new("verksamhet", "skola")]
    }

    /// The strategist's assessment with something said in the handed-out groups and outside them.
    fn strategists() -> (IndicatorSet, Assessment) {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, GYMNASIUM, Some("delvis"), Timestamp(1)).unwrap();
        a.answer(&set, FRANVARO, Some("inte"), Timestamp(1)).unwrap();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(1)).unwrap();
        (set, a)
    }

    fn parse(json: &str, set: &IndicatorSet) -> Result<HandoutFile, Vec<HandoutError>> {
        HandoutFile::parse(json.as_bytes(), |r| (r.set == set.id && r.version == set.version).then_some(set)).map(|(f, _)| f)
    }

    #[test]
    fn groups_are_named_area_slash_group_and_checked() {
        let set = sample();
        assert_eq!(parse_groups(&set, "tjanster/skola, verksamhet/skola"), Ok(skola()));
        assert_eq!(skola()[0].key(), "tjanster/skola");
        assert_eq!(parse_groups(&set, "skola"), Err(HandoutError::UnknownGroup("skola".into())));
        assert_eq!(parse_groups(&set, "it/skola"), Err(HandoutError::UnknownGroup("it/skola".into())));
        assert_eq!(parse_groups(&set, "it/it,it/it"), Err(HandoutError::DuplicateGroup("it/it".into())));
        assert_eq!(parse_groups(&set, ""), Err(HandoutError::NoGroups));
        assert_eq!(groups_of_area(&set, "tjanster"), Ok(vec![GroupRef::new("tjanster", "skola"), GroupRef::new("tjanster", "omsorg")]));
        assert_eq!(groups_of_area(&set, "nope"), Err(HandoutError::UnknownArea("nope".into())));
        assert_eq!(indicators_of(&set, &skola()), vec![GYMNASIUM, FRANVARO, UTVECKLAT]);
    }

    #[test]
    fn a_handout_goes_out_is_answered_and_merges_back_indicator_by_indicator() {
        let (set, mut ours) = strategists();
        let file = export(&ours, &set, &skola(), " Utbildningsförvaltningen ", Timestamp(10), "0.1.0").unwrap();
        assert_eq!(file.recipient, "Utbildningsförvaltningen");
        assert_eq!(file.base.keys().collect::<Vec<_>>(), vec![FRANVARO, GYMNASIUM], "only the handed-out indicators travel");
        assert_eq!(file.file_name("2026-12-04"), "blomlada-utdelning-utbildningsforvaltningen-2026-12-04.json");

        // The förvaltning, in its own browser.
        let received = parse(&file.to_json(), &set).unwrap();
        let mut theirs = received.to_assessment("fv-1".into(), Timestamp(20));
        assert_eq!(theirs.answer_of(GYMNASIUM), Some("delvis"));
        theirs.answer(&set, GYMNASIUM, Some("helt"), Timestamp(21)).unwrap(); // conflict: we change it too
        theirs.answer(&set, UTVECKLAT, Some("delvis"), Timestamp(21)).unwrap(); // only they change it
        theirs.comment(&set, FRANVARO, "Införs 2027", Timestamp(21)).unwrap(); // both make …
        theirs.answer(&set, "it.tvafaktor", Some("helt"), Timestamp(21)).unwrap(); // outside the hand-out
        let back = received.answered(&set, &theirs, Timestamp(30));
        assert!(!back.answers.contains_key("it.tvafaktor"), "what was not handed out is not sent back");

        // Meanwhile the strategist.
        ours.answer(&set, GYMNASIUM, Some("inte"), Timestamp(22)).unwrap();
        ours.comment(&set, FRANVARO, "Införs 2027", Timestamp(22)).unwrap(); // … the same change
        ours.answer(&set, "it.bredband", Some("delvis"), Timestamp(22)).unwrap();

        let returned = parse(&back.to_json(), &set).unwrap();
        let merge = merge(&ours, &returned, &set, Timestamp(40)).unwrap();
        assert_eq!(merge.taken, vec![UTVECKLAT]);
        assert!(merge.kept.is_empty());
        assert_eq!(merge.conflicts.len(), 1);
        let c = &merge.conflicts[0];
        assert_eq!(c.indicator, GYMNASIUM);
        let answer = |a: &Option<ResultAnswer>| a.as_ref().and_then(|a| a.answer.clone());
        assert_eq!(
            (answer(&c.base), answer(&c.ours), answer(&c.theirs)),
            (Some("delvis".into()), Some("inte".into()), Some("helt".into()))
        );
        assert_eq!(merge.merged.answer_of(UTVECKLAT), Some("delvis"));
        assert_eq!(merge.merged.response(UTVECKLAT).unwrap().updated, Timestamp(40), "taken answers are fresh edits here");
        assert_eq!(merge.merged.answer_of(GYMNASIUM), Some("inte"), "undecided conflicts stay ours");
        assert_eq!(merge.merged.answer_of("it.tvafaktor"), None);
        assert_eq!(merge.merged.answer_of("it.bredband"), Some("delvis"));

        let theirs_chosen = merge.resolve(&BTreeMap::from([(GYMNASIUM.to_string(), Side::Theirs)])).unwrap();
        assert_eq!(theirs_chosen.answer_of(GYMNASIUM), Some("helt"));
        assert_eq!(theirs_chosen.answer_of(UTVECKLAT), Some("delvis"));
        let ours_chosen = merge.resolve(&BTreeMap::from([(GYMNASIUM.to_string(), Side::Ours)])).unwrap();
        assert_eq!(ours_chosen.answer_of(GYMNASIUM), Some("inte"));
        assert_eq!(merge.resolve(&BTreeMap::new()), Err(HandoutError::Unresolved(vec![GYMNASIUM.into()])));
        assert_eq!(
            merge.resolve(&BTreeMap::from([(GYMNASIUM.to_string(), Side::Ours), (UTVECKLAT.to_string(), Side::Ours)])),
            Err(HandoutError::NotAConflict(UTVECKLAT.into()))
        );
    }

    #[test]
    fn what_only_we_changed_is_kept_and_a_cleared_answer_is_taken() {
        let (set, mut ours) = strategists();
        let file = export(&ours, &set, &skola(), "UF", Timestamp(10), "0").unwrap();
        let mut theirs = file.to_assessment("x".into(), Timestamp(11));
        theirs.answer(&set, FRANVARO, None, Timestamp(12)).unwrap();
        ours.answer(&set, GYMNASIUM, Some("helt"), Timestamp(12)).unwrap();
        let m = merge(&ours, &file.answered(&set, &theirs, Timestamp(13)), &set, Timestamp(14)).unwrap();
        assert_eq!((m.taken.clone(), m.kept.clone(), m.conflicts.len()), (vec![FRANVARO.to_string()], vec![GYMNASIUM.to_string()], 0));
        assert_eq!(m.merged.answer_of(FRANVARO), None, "their clearing is taken");
        assert_eq!(m.merged.answer_of(GYMNASIUM), Some("helt"));
        assert_eq!(m.resolve(&BTreeMap::new()).unwrap(), m.merged);
    }

    #[test]
    fn wrong_files_are_named() {
        let (set, ours) = strategists();
        let file = export(&ours, &set, &skola(), "UF", Timestamp(10), "0").unwrap();
        let json = file.to_json();
        let result = ResultFile::from_assessment(&ours, "0").to_json();
        assert_eq!(parse(&result, &set), Err(vec![HandoutError::ResultFileInstead]));
        assert_eq!(parse("{\"format\": \"excel\"}", &set), Err(vec![HandoutError::NotAHandout(Some("excel".into()))]));
        assert!(matches!(parse("nej", &set).unwrap_err()[..], [HandoutError::NotJson(_)]));
        let v2 = json.replacen("\"format_version\": 1", "\"format_version\": 2", 1);
        assert_eq!(parse(&v2, &set), Err(vec![HandoutError::UnsupportedFormatVersion(2)]));
        let other_version = json.replacen("\"version\": \"1\"", "\"version\": \"2\"", 1);
        assert_eq!(parse(&other_version, &set), Err(vec![HandoutError::UnknownSet { set: "test".into(), version: "2".into() }]));
        let bad_group = json.replace("\"group\": \"skola\"", "\"group\": \"gymnasiet\"");
        assert_eq!(parse(&bad_group, &set), Err(vec![HandoutError::UnknownGroup("tjanster/gymnasiet".into())]));
        let mut outside = file.clone();
        outside.answers.insert("it.bredband".into(), ResultAnswer { answer: Some("helt".into()), ..ResultAnswer::default() });
        assert_eq!(parse(&outside.to_json(), &set), Err(vec![HandoutError::NotInHandout("it.bredband".into())]));
        let off_scale = json.replace("\"answer\": \"inte\"", "\"answer\": \"kanske\"");
        assert!(
            matches!(&parse(&off_scale, &set).unwrap_err()[..], [HandoutError::Invalid(ResultFileError::BadAnswer { answer, .. }), ..] if answer == "kanske")
        );
        let extra = json.replacen("{", "{\"extra\": 1,", 1);
        assert!(matches!(&parse(&extra, &set).unwrap_err()[..], [HandoutError::BadShape { .. }]));
        let too_big = " ".repeat(MAX_HANDOUT_BYTES + 1);
        assert_eq!(parse(&too_big, &set), Err(vec![HandoutError::TooLarge { size: MAX_HANDOUT_BYTES + 1, limit: MAX_HANDOUT_BYTES }]));

        let mut other = ours.clone();
        other.id = "another".into();
        assert_eq!(merge(&other, &file, &set, Timestamp(1)), Err(vec![HandoutError::WrongAssessment("a1".into())]));
        let mut other_set = ours.clone();
        other_set.set.version = "2".into();
        assert!(matches!(&merge(&other_set, &file, &set, Timestamp(1)).unwrap_err()[..], [HandoutError::WrongSetVersion { .. }]));
        assert_eq!(export(&ours, &set, &skola(), "  ", Timestamp(1), "0"), Err(HandoutError::BadRecipient));
        assert_eq!(file.assignment().groups, skola());
    }
}
