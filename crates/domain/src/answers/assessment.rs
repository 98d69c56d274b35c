//! An assessment (`värdering`): one kommun's answers to one version of an indicator set.
//!
//! Every change goes through a method here, which validates it against the set and stamps it,
//! so that two browser tabs can later be merged indicator by indicator (last write wins).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::free_text::{clean, Lines};
use crate::answers::plan::{check_plan, check_target, EarlierTarget, Plan, PlanChange, PlanError, Target};
use crate::answers::timestamp::Timestamp;
use crate::answers::web_link::{complete_typed_link, LinkError};
use crate::kommuner::kommun;
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

/// Comments and titles are free text, but not unbounded: a result file stays well under 1 MB.
pub const MAX_COMMENT_CHARS: usize = 4_000;
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_EVIDENCE_CHARS: usize = 2_000;
/// The largest population taken: Stockholm has about a million, so more than ten times that is
/// a typing mistake (and would pick a size group no kommun is in).
pub const MAX_POPULATION: u32 = 10_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KommunRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Made by the shell when the assessment is created; unique within a browser.
    pub id: String,
    pub title: String,
    pub kommun: KommunRef,
    /// Invånarantal, entered by the user: comparisons by size need it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    pub set: SetRef,
    pub created: Timestamp,
    /// The latest change of anything.
    pub updated: Timestamp,
    /// The latest change of title, kommun, population or approval (merged as one unit).
    pub meta_updated: Timestamp,
    /// E.g. "KS 2026-03-04 § 41".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<String>,
    /// Keyed by indicator id; an indicator with nothing said has no entry.
    #[serde(default)]
    pub responses: BTreeMap<String, Response>,
    /// When this assessment was last exported to a result file; `None` if never. An
    /// assessment changed since then exists only in this browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Response {
    /// A key of the set's scale; `None` while not answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// A public link that shows the service or document (evidence for the answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Set when the answer came over from another version of the set and someone should look
    /// at it again; cleared when the answer changes or the user marks it as reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Target, responsible, action and status (see [`crate::answers::plan`]); empty by default.
    #[serde(default, skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    pub updated: Timestamp,
}

impl Response {
    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.comment.is_empty() && self.evidence.is_none() && self.review.is_none() && self.plan.is_empty()
    }
}

/// Why an indicator needs a look after answers were carried over from another set version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub reason: ReviewReason,
    /// The set version the answers came from, e.g. "2014".
    pub from_version: String,
    /// The earlier indicators this one answers to, with what was said there (for context).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierAnswer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReason {
    /// The indicator was reworded: the answer was kept, but does it still hold?
    Reworded,
    /// The indicator is new, split or merged: it needs a fresh answer.
    FreshAnswer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierAnswer {
    pub indicator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    #[error("unknown indicator {0:?}")]
    UnknownIndicator(String),
    #[error("answer {answer:?} is not on the scale (allowed: {allowed})")]
    UnknownAnswer { answer: String, allowed: String },
    #[error("unknown kommun code {0:?}")]
    UnknownKommun(String),
    #[error("text is longer than {0} characters")]
    TooLong(usize),
    #[error("evidence link {0}")]
    BadEvidenceLink(LinkError),
    #[error("population must be a whole number from 1 to 10 000 000")]
    BadPopulation,
    #[error("{0}")]
    Plan(#[from] crate::answers::plan::PlanError),
}

impl Assessment {
    pub fn new(
        id: String,
        title: String,
        kommun_code: &str,
        population: Option<u32>,
        set: SetRef,
        now: Timestamp,
    ) -> Result<Assessment, AssessmentError> {
        let kommun = kommun::by_code(kommun_code).ok_or_else(|| AssessmentError::UnknownKommun(kommun_code.to_string()))?;
        check_len(&title, MAX_TITLE_CHARS)?;
        check_population(population)?;
        Ok(Assessment {
            id,
            title: clean(&title, Lines::One).trim().to_string(),
            kommun: KommunRef { code: kommun.code.clone(), name: kommun.name.clone() },
            population,
            set,
            created: now,
            updated: now,
            meta_updated: now,
            approval: None,
            responses: BTreeMap::new(),
            exported_at: None,
        })
    }

    /// A copy under a new id, e.g. last year's answers and comments as the start of this year's.
    pub fn duplicate(&self, id: String, title: String, now: Timestamp) -> Assessment {
        let mut copy = self.clone();
        copy.id = id;
        copy.title = title;
        copy.created = now;
        copy.updated = now;
        copy.meta_updated = now;
        copy.approval = None;
        copy.exported_at = None;
        for response in copy.responses.values_mut() {
            response.updated = now;
        }
        // Last year's targets become what this year is followed up against.
        mark_earlier_targets(&mut copy.responses);
        copy
    }

    pub fn response(&self, indicator_id: &str) -> Option<&Response> {
        self.responses.get(indicator_id)
    }

    pub fn answer_of(&self, indicator_id: &str) -> Option<&str> {
        self.responses.get(indicator_id)?.answer.as_deref()
    }

    /// Sets or clears the answer. Answering the same again changes nothing (not even times).
    pub fn answer(&mut self, set: &IndicatorSet, indicator_id: &str, answer: Option<&str>, now: Timestamp) -> Result<(), AssessmentError> {
        self.change(set, indicator_id, ResponseChange::Answer(answer), now)
    }

    pub fn comment(&mut self, set: &IndicatorSet, indicator_id: &str, text: &str, now: Timestamp) -> Result<(), AssessmentError> {
        self.change(set, indicator_id, ResponseChange::Comment(text), now)
    }

    pub fn evidence(&mut self, set: &IndicatorSet, indicator_id: &str, link: &str, now: Timestamp) -> Result<(), AssessmentError> {
        self.change(set, indicator_id, ResponseChange::Evidence(link), now)
    }

    /// Applies one checked change to one indicator's response (see [`change_response`]).
    pub fn change(
        &mut self,
        set: &IndicatorSet,
        indicator_id: &str,
        change: ResponseChange<'_>,
        now: Timestamp,
    ) -> Result<(), AssessmentError> {
        let before = self.responses.get(indicator_id).cloned().unwrap_or_default();
        if let Some(after) = change_response(set, indicator_id, &before, change, now)? {
            self.record(indicator_id, after);
        }
        Ok(())
    }

    /// Stores a response that [`change_response`] made, moving `updated` along with it.
    pub fn record(&mut self, indicator_id: &str, response: Response) {
        self.updated = self.updated.max(response.updated);
        // An emptied response keeps its entry: its time stamp is what lets a merge know it was cleared.
        self.responses.insert(indicator_id.to_string(), response);
    }

    pub fn rename(&mut self, title: &str, now: Timestamp) -> Result<(), AssessmentError> {
        check_len(title, MAX_TITLE_CHARS)?;
        let title = clean(title, Lines::One);
        let title = title.trim();
        if self.title != title {
            self.title = title.to_string();
            self.touch_meta(now);
        }
        Ok(())
    }

    pub fn set_population(&mut self, population: Option<u32>, now: Timestamp) -> Result<(), AssessmentError> {
        check_population(population)?;
        if self.population != population {
            self.population = population;
            self.touch_meta(now);
        }
        Ok(())
    }

    /// Marks a carried-over answer as looked at; its answer stays as it is.
    pub fn mark_reviewed(&mut self, indicator_id: &str, now: Timestamp) {
        if self.responses.get(indicator_id).is_some_and(|r| r.review.is_some()) {
            self.edit(indicator_id, now, |r| r.review = None);
        }
    }

    /// Indicators whose carried-over answer still waits for a look, in no particular order.
    pub fn needing_review(&self) -> impl Iterator<Item = (&str, &Review)> {
        self.responses.iter().filter_map(|(id, r)| Some((id.as_str(), r.review.as_ref()?)))
    }

    /// Records an export to a result file; not a change of the assessment itself.
    pub fn mark_exported(&mut self, now: Timestamp) {
        self.exported_at = Some(now.max(self.updated));
    }

    /// True when something was said that no exported file holds yet: the assessment then
    /// exists only in this browser.
    pub fn needs_export(&self) -> bool {
        !self.responses.is_empty() && self.exported_at.is_none_or(|at| at < self.updated)
    }

    pub fn set_approval(&mut self, approval: &str, now: Timestamp) -> Result<(), AssessmentError> {
        check_len(approval, MAX_TITLE_CHARS)?;
        let value = Some(clean(approval, Lines::One).trim().to_string()).filter(|a| !a.is_empty());
        if self.approval != value {
            self.approval = value;
            self.touch_meta(now);
        }
        Ok(())
    }

    /// Combines two copies of the same assessment (two tabs, or storage changed under us):
    /// each indicator keeps its most recent response; title and other facts keep the most
    /// recent edit of them. Nothing either side wrote is lost unless the other side wrote
    /// the same thing later.
    pub fn merge(&self, other: &Assessment) -> Assessment {
        let mut merged = if other.meta_updated > self.meta_updated { other.clone() } else { self.clone() };
        merged.responses = self.responses.clone();
        for (id, theirs) in &other.responses {
            match merged.responses.get(id) {
                Some(ours) if ours.updated >= theirs.updated => {}
                _ => {
                    merged.responses.insert(id.clone(), theirs.clone());
                }
            }
        }
        merged.created = self.created.min(other.created);
        merged.updated = self.updated.max(other.updated);
        merged.exported_at = self.exported_at.max(other.exported_at);
        merged
    }

    fn edit(&mut self, indicator_id: &str, now: Timestamp, change: impl FnOnce(&mut Response)) {
        let before = self.responses.get(indicator_id).cloned().unwrap_or_default();
        let mut after = before.clone();
        change(&mut after);
        if let Some(after) = stamped(&before, after, now) {
            self.record(indicator_id, after);
        }
    }

    fn touch_meta(&mut self, now: Timestamp) {
        self.meta_updated = now;
        self.updated = self.updated.max(now);
    }
}

/// One change to one indicator's response, as the user makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseChange<'a> {
    /// Set (`Some(key)`) or clear (`None`) the answer.
    Answer(Option<&'a str>),
    Comment(&'a str),
    /// A link as typed: trimmed, empty clears it.
    Evidence(&'a str),
    /// A carried-over answer was looked at.
    Reviewed,
    /// Target, year, responsible, action or status (see [`change_plan`]).
    Plan(crate::answers::plan::PlanChange<'a>),
}

/// The one rule for changing a response, used by [`Assessment`]'s methods and by the app's
/// per-indicator state (which holds each response on its own and never the whole assessment):
/// the change is checked against the set, and the result is the new response stamped `now`,
/// or `None` when nothing changes (then nothing is stamped). A new answer clears the review.
pub fn change_response(
    set: &IndicatorSet,
    indicator_id: &str,
    before: &Response,
    change: ResponseChange<'_>,
    now: Timestamp,
) -> Result<Option<Response>, AssessmentError> {
    check_indicator(set, indicator_id)?;
    let mut after = before.clone();
    match change {
        ResponseChange::Answer(answer) => {
            if let Some(key) = answer {
                if set.option(key).is_none() {
                    return Err(AssessmentError::UnknownAnswer {
                        answer: key.to_string(),
                        allowed: set.scale_keys().collect::<Vec<_>>().join(", "),
                    });
                }
            }
            after.answer = answer.map(str::to_string);
        }
        ResponseChange::Comment(text) => {
            check_len(text, MAX_COMMENT_CHARS)?;
            after.comment = clean(text, Lines::Many).into_owned();
        }
        ResponseChange::Evidence(link) => {
            let link = link.trim();
            check_len(link, MAX_EVIDENCE_CHARS)?;
            after.evidence =
                if link.is_empty() { None } else { Some(complete_typed_link(link).map_err(AssessmentError::BadEvidenceLink)?) };
        }
        ResponseChange::Reviewed => after.review = None,
        ResponseChange::Plan(change) => return Ok(change_plan(set, indicator_id, before, change, now)?),
    }
    Ok(stamped(before, after, now))
}

fn stamped(before: &Response, mut after: Response, now: Timestamp) -> Option<Response> {
    if after.answer != before.answer {
        // A new answer is a fresh look: it needs no review.
        after.review = None;
    }
    if after == *before {
        return None;
    }
    after.updated = now;
    Some(after)
}

fn check_indicator(set: &IndicatorSet, indicator_id: &str) -> Result<(), AssessmentError> {
    if set.contains(indicator_id) {
        Ok(())
    } else {
        Err(AssessmentError::UnknownIndicator(indicator_id.to_string()))
    }
}

fn check_len(text: &str, max: usize) -> Result<(), AssessmentError> {
    if text.chars().count() > max {
        Err(AssessmentError::TooLong(max))
    } else {
        Ok(())
    }
}

/// Invånarantal as a person types it: "160 000", "160000" or nothing (not known yet).
pub fn parse_population(text: &str) -> Result<Option<u32>, AssessmentError> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    let population = digits.parse::<u32>().map_err(|_| AssessmentError::BadPopulation)?;
    check_population(Some(population))?;
    Ok(Some(population))
}

/// A known population is 1 to [`MAX_POPULATION`].
pub fn is_plausible_population(population: u32) -> bool {
    (1..=MAX_POPULATION).contains(&population)
}

fn check_population(population: Option<u32>) -> Result<(), AssessmentError> {
    match population {
        Some(n) if !is_plausible_population(n) => Err(AssessmentError::BadPopulation),
        _ => Ok(()),
    }
}

/// The one rule for changing a plan: checked against the set, and the result is the response
/// with its new plan stamped `now`, or `None` when nothing changes.
pub fn change_plan(
    set: &IndicatorSet,
    indicator_id: &str,
    before: &Response,
    change: PlanChange<'_>,
    now: Timestamp,
) -> Result<Option<Response>, PlanError> {
    let mut plan = before.plan.clone();
    match change {
        PlanChange::Target(None) => plan.target = None,
        PlanChange::Target(Some(key)) => {
            let year = plan.target.as_ref().and_then(|t| t.year);
            let target = Target { answer: key.to_string(), year };
            check_target(set, &target)?;
            plan.target = Some(target);
        }
        PlanChange::Year(year) => match (&mut plan.target, year) {
            (Some(target), _) => {
                let changed = Target { answer: target.answer.clone(), year };
                check_target(set, &changed)?;
                *target = changed;
            }
            (None, None) => {}
            (None, Some(_)) => return Err(PlanError::YearWithoutTarget),
        },
        // Typed text, made fit for the file it will be exported in (crate::answers::free_text).
        PlanChange::Responsible(text) => plan.responsible = clean(text, Lines::One).trim().to_string(),
        PlanChange::Action(text) => plan.action = clean(text, Lines::Many).into_owned(),
        PlanChange::Status(status) => plan.status = status,
    }
    if !set.contains(indicator_id) {
        return Err(PlanError::UnknownIndicator(indicator_id.to_string()));
    }
    check_plan(set, &plan)?;
    if plan == before.plan {
        return Ok(None);
    }
    Ok(Some(Response { plan, updated: now, ..before.clone() }))
}

impl Assessment {
    /// Changes one indicator's plan (see [`change_plan`]); a refused change leaves no trace.
    pub fn change_plan(&mut self, set: &IndicatorSet, indicator_id: &str, change: PlanChange<'_>, now: Timestamp) -> Result<(), PlanError> {
        let before = self.responses.get(indicator_id).cloned().unwrap_or_default();
        if let Some(after) = change_plan(set, indicator_id, &before, change, now)? {
            self.updated = self.updated.max(after.updated);
            self.responses.insert(indicator_id.to_string(), after);
        }
        Ok(())
    }
}

/// Marks every target of a copied assessment as "earlier", with the answer it had, so that the
/// copy can later say what was reached. Targets stay as they were (they are still the plan).
pub fn mark_earlier_targets(responses: &mut BTreeMap<String, Response>) {
    for response in responses.values_mut() {
        response.plan.earlier = response.plan.target.clone().map(|target| EarlierTarget { target, answer: response.answer.clone() });
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::sets::indicator_set::tests::sample;
    use proptest::prelude::*;

    pub(crate) fn new_assessment() -> Assessment {
        Assessment::new(
            "a1".into(),
            "Värdering 2026".into(),
            "1880",
            Some(160_000),
            SetRef { set: "test".into(), version: "1".into() },
            Timestamp(0),
        )
        .unwrap()
    }

    #[test]
    fn new_assessment_knows_its_kommun() {
        let a = new_assessment();
        assert_eq!(a.kommun.name, "Örebro");
        assert!(matches!(
            Assessment::new("x".into(), "t".into(), "9999", None, a.set.clone(), Timestamp(0)),
            Err(AssessmentError::UnknownKommun(code)) if code == "9999"
        ));
    }

    #[test]
    fn answers_are_checked_against_the_set() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(2_000)).unwrap();
        assert_eq!(a.answer_of("it.bredband"), Some("helt"));
        assert_eq!(a.updated, Timestamp(2_000));
        let err = a.answer(&set, "it.bredband", Some("ja"), Timestamp(3_000)).unwrap_err();
        assert_eq!(err.to_string(), "answer \"ja\" is not on the scale (allowed: helt, delvis, inte)");
        assert!(matches!(a.answer(&set, "nope", Some("helt"), Timestamp(3_000)), Err(AssessmentError::UnknownIndicator(_))));
        assert_eq!(a.updated, Timestamp(2_000), "refused changes leave no trace");
    }

    #[test]
    fn population_is_read_the_way_people_write_it() {
        assert_eq!(parse_population("160 000"), Ok(Some(160_000)));
        assert_eq!(parse_population("160\u{a0}000"), Ok(Some(160_000)));
        assert_eq!(parse_population("  "), Ok(None));
        assert_eq!(parse_population("0"), Err(AssessmentError::BadPopulation));
        assert_eq!(parse_population("många"), Err(AssessmentError::BadPopulation));
        assert_eq!(parse_population("-5"), Err(AssessmentError::BadPopulation));
        assert_eq!(parse_population("10 000 000"), Ok(Some(MAX_POPULATION)));
        assert_eq!(parse_population("10 000 001"), Err(AssessmentError::BadPopulation));
        assert_eq!(parse_population("4294967295"), Err(AssessmentError::BadPopulation));
        let mut a = new_assessment();
        assert_eq!(a.set_population(Some(u32::MAX), Timestamp(1)), Err(AssessmentError::BadPopulation));
        assert_eq!(a.population, Some(160_000), "unchanged");
    }

    #[test]
    fn evidence_must_be_a_web_link() {
        let set = sample();
        let mut a = new_assessment();
        assert_eq!(
            a.evidence(&set, "it.bredband", "javascript:alert(1)", Timestamp(5)),
            Err(AssessmentError::BadEvidenceLink(LinkError::NotWeb))
        );
        assert_eq!(
            a.evidence(&set, "it.bredband", "https://kommun.se@evil.example/", Timestamp(5)),
            Err(AssessmentError::BadEvidenceLink(LinkError::UserInfo))
        );
        a.evidence(&set, "it.bredband", "www.orebro.se/<bredband>", Timestamp(5)).unwrap();
        assert_eq!(a.response("it.bredband").unwrap().evidence.as_deref(), Some("https://www.orebro.se/%3Cbredband%3E"));
        a.evidence(&set, "it.bredband", " https://orebro.se/bredband ", Timestamp(5)).unwrap();
        assert_eq!(a.response("it.bredband").unwrap().evidence.as_deref(), Some("https://orebro.se/bredband"));
        a.evidence(&set, "it.bredband", "", Timestamp(6)).unwrap();
        assert_eq!(a.response("it.bredband").unwrap().evidence, None);
    }

    #[test]
    fn merge_keeps_the_latest_response_per_indicator() {
        let set = sample();
        let base = new_assessment();
        let mut tab1 = base.clone();
        let mut tab2 = base.clone();
        tab1.answer(&set, "it.bredband", Some("helt"), Timestamp(10)).unwrap();
        tab2.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(11)).unwrap();
        tab2.answer(&set, "it.bredband", Some("delvis"), Timestamp(9)).unwrap();
        tab2.rename("Nytt namn", Timestamp(12)).unwrap();
        let merged = tab1.merge(&tab2);
        assert_eq!(merged.answer_of("it.bredband"), Some("helt"));
        assert_eq!(merged.answer_of("it.tvafaktor"), Some("inte"));
        assert_eq!(merged.title, "Nytt namn");
        assert_eq!(merged, tab2.merge(&tab1), "merge is symmetric here");
    }

    #[test]
    fn a_later_clear_wins_over_an_earlier_answer() {
        let set = sample();
        let mut tab1 = new_assessment();
        tab1.answer(&set, "it.bredband", Some("helt"), Timestamp(10)).unwrap();
        let mut tab2 = tab1.clone();
        tab2.answer(&set, "it.bredband", None, Timestamp(20)).unwrap();
        assert_eq!(tab1.merge(&tab2).answer_of("it.bredband"), None);
    }

    #[test]
    fn duplicate_carries_answers_and_comments_under_a_new_id() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(10)).unwrap();
        a.comment(&set, "it.bredband", "Strategi antagen 2019", Timestamp(10)).unwrap();
        a.set_approval("KS 2026-03-04 § 41", Timestamp(11)).unwrap();
        let copy = a.duplicate("a2".into(), "Värdering 2027".into(), Timestamp(100));
        assert_eq!(copy.id, "a2");
        assert_eq!(copy.answer_of("it.bredband"), Some("delvis"));
        assert_eq!(copy.response("it.bredband").unwrap().comment, "Strategi antagen 2019");
        assert_eq!(copy.approval, None, "an approval belongs to the original decision");
        assert_eq!(copy.created, Timestamp(100));
    }

    #[test]
    fn export_state_follows_changes() {
        let set = sample();
        let mut a = new_assessment();
        assert!(!a.needs_export(), "nothing said yet, nothing to lose");
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(10)).unwrap();
        assert!(a.needs_export());
        a.mark_exported(Timestamp(20));
        assert!(!a.needs_export());
        assert_eq!(a.updated, Timestamp(10), "exporting is not an edit");
        a.comment(&set, "it.bredband", "ny", Timestamp(30)).unwrap();
        assert!(a.needs_export(), "changed since the export");
        let mut other_tab = a.clone();
        other_tab.mark_exported(Timestamp(40));
        assert_eq!(a.merge(&other_tab).exported_at, Some(Timestamp(40)));
        assert_eq!(other_tab.merge(&a).exported_at, Some(Timestamp(40)));
        assert_eq!(other_tab.duplicate("b".into(), "t".into(), Timestamp(50)).exported_at, None);
    }

    #[test]
    fn a_review_mark_goes_when_the_answer_changes_or_is_confirmed() {
        let set = sample();
        let mut a = new_assessment();
        let review = Review { reason: ReviewReason::Reworded, from_version: "0".into(), earlier: vec![] };
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(10)).unwrap();
        a.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(10)).unwrap();
        for id in ["it.bredband", "it.tvafaktor"] {
            a.responses.get_mut(id).unwrap().review = Some(review.clone());
        }
        assert_eq!(a.needing_review().count(), 2);
        a.comment(&set, "it.bredband", "kommentar", Timestamp(11)).unwrap();
        assert_eq!(a.needing_review().count(), 2, "a comment is no answer");
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(12)).unwrap();
        a.mark_reviewed("it.tvafaktor", Timestamp(13));
        assert_eq!(a.needing_review().count(), 0);
        assert_eq!(a.answer_of("it.tvafaktor"), Some("inte"), "confirming keeps the answer");
        assert_eq!(a.response("it.tvafaktor").unwrap().updated, Timestamp(13), "and merges as an edit");
        let old: Assessment =
            serde_json::from_str(&serde_json::to_string(&new_assessment()).unwrap().replace(",\"exported_at\":null", "")).unwrap();
        assert_eq!(old.exported_at, None, "data saved before these fields existed still loads");
    }

    fn op() -> impl Strategy<Value = (usize, Option<usize>, i64)> {
        (0usize..6, proptest::option::of(0usize..3), 0i64..1_000)
    }

    proptest! {
        #[test]
        fn answering_is_idempotent(ops in proptest::collection::vec(op(), 0..30)) {
            let set = sample();
            let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).collect();
            let keys: Vec<String> = set.scale_keys().map(str::to_string).collect();
            let mut a = new_assessment();
            for (i, k, t) in ops {
                let key = k.map(|k| keys[k].as_str());
                a.answer(&set, &ids[i], key, Timestamp(t)).unwrap();
                let once = a.clone();
                a.answer(&set, &ids[i], key, Timestamp(t + 5_000)).unwrap();
                prop_assert_eq!(&a, &once);
            }
        }

        #[test]
        fn merge_with_itself_changes_nothing(ops in proptest::collection::vec(op(), 0..30)) {
            let set = sample();
            let ids: Vec<String> = set.placed().map(|p| p.indicator.id.clone()).collect();
            let keys: Vec<String> = set.scale_keys().map(str::to_string).collect();
            let mut a = new_assessment();
            for (i, k, t) in ops {
                a.answer(&set, &ids[i], k.map(|k| keys[k].as_str()), Timestamp(t)).unwrap();
            }
            prop_assert_eq!(a.merge(&a), a.clone());
        }
    }
}

#[cfg(test)]
mod response_change_tests {
    use super::tests::new_assessment;
    use super::*;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn one_response_changes_as_the_whole_assessment_does() {
        let set = sample();
        let before = Response::default();
        let after = change_response(&set, "it.bredband", &before, ResponseChange::Answer(Some("delvis")), Timestamp(7)).unwrap().unwrap();
        assert_eq!((after.answer.as_deref(), after.updated), (Some("delvis"), Timestamp(7)));
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(7)).unwrap();
        assert_eq!(a.response("it.bredband"), Some(&after));
        assert_eq!(a.updated, Timestamp(7));
    }

    #[test]
    fn no_change_is_no_stamp_and_refusals_name_the_problem() {
        let set = sample();
        let answered = Response { answer: Some("helt".into()), updated: Timestamp(3), ..Response::default() };
        assert_eq!(change_response(&set, "it.bredband", &answered, ResponseChange::Answer(Some("helt")), Timestamp(9)), Ok(None));
        assert_eq!(change_response(&set, "it.bredband", &answered, ResponseChange::Reviewed, Timestamp(9)), Ok(None));
        assert_eq!(change_response(&set, "it.bredband", &answered, ResponseChange::Evidence("  "), Timestamp(9)), Ok(None));
        assert_eq!(
            change_response(&set, "it.bredband", &answered, ResponseChange::Evidence("ftp://x"), Timestamp(9)),
            Err(AssessmentError::BadEvidenceLink(LinkError::NotWeb))
        );
        assert!(matches!(
            change_response(&set, "nope", &answered, ResponseChange::Comment("x"), Timestamp(9)),
            Err(AssessmentError::UnknownIndicator(_))
        ));
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(
            change_response(&set, "it.bredband", &answered, ResponseChange::Comment(&long), Timestamp(9)),
            Err(AssessmentError::TooLong(MAX_COMMENT_CHARS))
        );
    }

    #[test]
    fn a_new_answer_clears_the_review_and_a_comment_does_not() {
        let set = sample();
        let review = Review { reason: ReviewReason::Reworded, from_version: "2014".into(), earlier: vec![] };
        let carried = Response { answer: Some("helt".into()), review: Some(review), updated: Timestamp(3), ..Response::default() };
        let commented = change_response(&set, "it.bredband", &carried, ResponseChange::Comment("ok"), Timestamp(4)).unwrap().unwrap();
        assert!(commented.review.is_some());
        let answered = change_response(&set, "it.bredband", &carried, ResponseChange::Answer(Some("inte")), Timestamp(4)).unwrap().unwrap();
        assert!(answered.review.is_none());
        let reviewed = change_response(&set, "it.bredband", &carried, ResponseChange::Reviewed, Timestamp(4)).unwrap().unwrap();
        assert_eq!((reviewed.review, reviewed.answer.as_deref()), (None, Some("helt")));
    }

    #[test]
    fn a_plan_changes_through_the_same_rule_and_keeps_the_answer_and_review() {
        use crate::answers::plan::{PlanChange, PlanError};
        let set = sample();
        let review = Review { reason: ReviewReason::Reworded, from_version: "2014".into(), earlier: vec![] };
        let carried = Response { answer: Some("delvis".into()), review: Some(review), updated: Timestamp(3), ..Response::default() };
        let planned = change_response(&set, "it.bredband", &carried, ResponseChange::Plan(PlanChange::Target(Some("helt"))), Timestamp(4))
            .unwrap()
            .unwrap();
        assert_eq!(planned.plan.target.as_ref().map(|t| t.answer.as_str()), Some("helt"));
        assert_eq!((planned.answer.as_deref(), planned.review.is_some(), planned.updated), (Some("delvis"), true, Timestamp(4)));
        assert_eq!(
            change_response(&set, "it.bredband", &carried, ResponseChange::Plan(PlanChange::Year(Some(2027))), Timestamp(4)),
            Err(AssessmentError::Plan(PlanError::YearWithoutTarget))
        );
        assert_eq!(AssessmentError::Plan(PlanError::YearWithoutTarget).to_string(), "a target year needs a target answer");
    }
}
