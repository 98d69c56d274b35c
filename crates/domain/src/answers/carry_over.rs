//! Carrying an assessment's answers over to another version of its set, through the
//! concordance between them, in either direction.

use std::collections::{BTreeMap, HashMap};

use crate::answers::assessment::{EarlierAnswer, Response, Review, ReviewReason};
use crate::answers::plan::{carried_plan, Plan};
use crate::answers::timestamp::Timestamp;
use crate::sets::concordance::{Concordance, MappingKind, Oriented};
use crate::sets::indicator_set::IndicatorSet;

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
    /// Target, responsible, action and status, carried as [`crate::answers::plan::carried_plan`] says.
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

    let carrier = Carrier { from, to, answers };
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
        indicators.push(match m.kind {
            MappingKind::New | MappingKind::Removed => new_indicator(id, &from.version),
            MappingKind::Same | MappingKind::Reworded | MappingKind::Split => carrier.one_to_one(m.kind, blank),
            MappingKind::Merged => carrier.merged(blank),
        });
    }
    Ok(CarryOver { from_version: from.version.clone(), to_version: to.version.clone(), indicators, dropped: carrier.dropped(&mappings) })
}

/// What carrying needs at hand: both versions and the earlier answers.
struct Carrier<'a> {
    from: &'a IndicatorSet,
    to: &'a IndicatorSet,
    answers: &'a BTreeMap<String, Response>,
}

impl Carrier<'_> {
    /// What the sources said, kept as context for a review.
    fn earlier(&self, sources: &[String]) -> Vec<EarlierAnswer> {
        sources
            .iter()
            .map(|id| {
                let r = self.answers.get(id);
                EarlierAnswer {
                    indicator: id.clone(),
                    answer: r.and_then(|r| r.answer.clone()),
                    comment: r.map(|r| r.comment.clone()).unwrap_or_default(),
                }
            })
            .collect()
    }

    fn review(&self, reason: ReviewReason, sources: &[String]) -> Review {
        Review { reason, from_version: self.from.version.clone(), earlier: self.earlier(sources) }
    }

    /// No answer, or one `to`'s scale has.
    fn on_scale(&self, answer: Option<&str>) -> bool {
        answer.is_none_or(|key| self.to.option(key).is_some())
    }

    /// `same`, `reworded` or a part of a `split`: one source, carried as it is (`same`) or
    /// marked for review; an answer off the new scale needs a fresh one.
    fn one_to_one(&self, kind: MappingKind, blank: CarriedIndicator) -> CarriedIndicator {
        let Some(source) = self
            .answers
            .get(&blank.sources[0])
            .filter(|r| r.answer.is_some() || !r.comment.is_empty() || r.evidence.is_some() || !r.plan.is_empty())
        else {
            return blank;
        };
        let sources = blank.sources.clone();
        let mut item =
            CarriedIndicator { answer: source.answer.clone(), comment: source.comment.clone(), evidence: source.evidence.clone(), ..blank };
        if !self.on_scale(source.answer.as_deref()) {
            item.answer = None;
            item.outcome = CarryOutcome::NeedsAnswer;
            item.review = Some(self.review(ReviewReason::FreshAnswer, &sources));
        } else if kind == MappingKind::Same {
            item.outcome = if item.answer.is_some() { CarryOutcome::Carried } else { CarryOutcome::NothingToCarry };
            // A review still pending from an earlier carry-over stays pending.
            item.review = source.review.clone();
        } else {
            item.outcome = if item.answer.is_some() { CarryOutcome::CarriedForReview } else { CarryOutcome::NothingToCarry };
            item.review = Some(self.review(ReviewReason::Reworded, &sources));
        }
        item
    }

    /// `merged`: the answer only if every source gave that same one (for review); otherwise a
    /// fresh answer, with what the sources said as context.
    fn merged(&self, blank: CarriedIndicator) -> CarriedIndicator {
        let sources = &blank.sources;
        let given: Vec<Option<&str>> = sources.iter().map(|s| self.answers.get(s).and_then(|r| r.answer.as_deref())).collect();
        let said_anything = sources.iter().any(|s| self.answers.get(s).is_some_and(|r| r.answer.is_some() || !r.comment.is_empty()));
        let agreed = match given.first() {
            Some(Some(first)) if given.iter().all(|g| g == &Some(*first)) => Some(first.to_string()),
            _ => None,
        };
        match agreed {
            Some(answer) if self.on_scale(Some(&answer)) => CarriedIndicator {
                outcome: CarryOutcome::CarriedForReview,
                answer: Some(answer),
                review: Some(self.review(ReviewReason::Reworded, sources)),
                ..blank
            },
            _ if said_anything => CarriedIndicator {
                outcome: CarryOutcome::NeedsAnswer,
                review: Some(self.review(ReviewReason::FreshAnswer, sources)),
                ..blank
            },
            _ => blank,
        }
    }

    /// Removed indicators that had an answer or a comment, in `from`'s reading order.
    fn dropped(&self, mappings: &[Oriented<'_>]) -> Vec<DroppedIndicator> {
        let removed: Vec<&str> =
            mappings.iter().filter(|m| m.kind == MappingKind::Removed).flat_map(|m| m.from.iter().map(String::as_str)).collect();
        self.from
            .placed()
            .map(|p| p.indicator.id.as_str())
            .filter(|id| removed.contains(id))
            .filter_map(|id| {
                let r = self.answers.get(id).filter(|r| r.answer.is_some() || !r.comment.is_empty())?;
                Some(DroppedIndicator { indicator: id.to_string(), answer: r.answer.clone(), comment: r.comment.clone() })
            })
            .collect()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::concordance::fixtures::*;

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
}
