//! From picture to plan: a target per indicator (the answer aimed for, and by when), who is
//! responsible, the planned action and its status, and their rules. How a change of a plan is
//! applied to a response is in `assessment.rs`; the gap, the action plan and the follow-up as
//! pages show them are in `plan_view.rs`.
//!
//! Order on the scale: only options that count are ranked, by their score (higher is further
//! along). An answer that does not count ("Ej relevant för oss") has no rank: it is never a
//! target and an indicator answered so has no gap.

use serde::{Deserialize, Serialize};

use crate::language::text::Lang;
use crate::sets::indicator_set::IndicatorSet;

pub const MAX_RESPONSIBLE_CHARS: usize = 200;
pub const MAX_ACTION_CHARS: usize = 4_000;
/// Target years outside this range are typing mistakes ("227", "20277").
pub const TARGET_YEARS: std::ops::RangeInclusive<u16> = 2000..=2100;

/// Everything planned for one indicator. All parts are optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// A förvaltning or a role, as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub action: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PlanStatus>,
    /// The target as it stood in the assessment this one was copied from, so that this one can
    /// say whether it was reached, missed or moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<EarlierTarget>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.target.is_none() && self.responsible.is_empty() && self.action.is_empty() && self.status.is_none() && self.earlier.is_none()
    }

    /// The part that may be published (when the kommun chooses so): the target alone.
    pub fn public_part(&self) -> Plan {
        Plan { target: self.target.clone(), ..Plan::default() }
    }
}

/// "Uppfyller helt till 2027": an answer key of the set's scale that counts, and the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub answer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}

/// A target carried over from an earlier assessment, with the answer given then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierTarget {
    pub target: Target,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanStatus {
    Planerad,
    #[serde(rename = "pagar")]
    Pagar,
    Klar,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Planerad, PlanStatus::Pagar, PlanStatus::Klar];

    /// The key in files and form values.
    pub fn key(self) -> &'static str {
        match self {
            PlanStatus::Planerad => "planerad",
            PlanStatus::Pagar => "pagar",
            PlanStatus::Klar => "klar",
        }
    }

    pub fn from_key(key: &str) -> Option<PlanStatus> {
        PlanStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PlanStatus::Planerad, Lang::Sv) => "Planerad",
            (PlanStatus::Pagar, Lang::Sv) => "Pågår",
            (PlanStatus::Klar, Lang::Sv) => "Klar",
            (PlanStatus::Planerad, Lang::En) => "Planned",
            (PlanStatus::Pagar, Lang::En) => "In progress",
            (PlanStatus::Klar, Lang::En) => "Done",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("unknown indicator {0:?}")]
    UnknownIndicator(String),
    #[error("target {0:?} is not on the scale")]
    TargetNotOnScale(String),
    #[error("target {0:?} does not count and cannot be a target")]
    TargetDoesNotCount(String),
    #[error("target year {0} is outside 2000–2100")]
    BadYear(u32),
    /// Typed as words ("nästa år") or with other characters: said as typed (at most 20 chars).
    #[error("write the target year in digits, e.g. 2027 (“{0}” is no year)")]
    YearNotANumber(String),
    /// A new target for a year already past (a saved one from before still loads).
    #[error("the target year {year} has passed; a target is for {this_year} or later")]
    YearPassed { year: u16, this_year: u16 },
    #[error("a target year needs a target answer")]
    YearWithoutTarget,
    #[error("{field} is longer than {limit} characters")]
    TooLong { field: &'static str, limit: usize },
}

/// Checks a plan against the set: the target is a counting option, the year plausible, the
/// texts within their limits. The earlier target is history and only needs to be on the scale.
pub fn check_plan(set: &IndicatorSet, plan: &Plan) -> Result<(), PlanError> {
    if let Some(target) = &plan.target {
        check_target(set, target)?;
    }
    if let Some(earlier) = &plan.earlier {
        if set.option(&earlier.target.answer).is_none() {
            return Err(PlanError::TargetNotOnScale(earlier.target.answer.clone()));
        }
    }
    if plan.responsible.chars().count() > MAX_RESPONSIBLE_CHARS {
        return Err(PlanError::TooLong { field: "responsible", limit: MAX_RESPONSIBLE_CHARS });
    }
    if plan.action.chars().count() > MAX_ACTION_CHARS {
        return Err(PlanError::TooLong { field: "action", limit: MAX_ACTION_CHARS });
    }
    Ok(())
}

pub(crate) fn check_target(set: &IndicatorSet, target: &Target) -> Result<(), PlanError> {
    match set.option(&target.answer) {
        None => return Err(PlanError::TargetNotOnScale(target.answer.clone())),
        Some(o) if !o.counts => return Err(PlanError::TargetDoesNotCount(target.answer.clone())),
        Some(_) => {}
    }
    if let Some(year) = target.year {
        if !TARGET_YEARS.contains(&year) {
            return Err(PlanError::BadYear(year.into()));
        }
    }
    Ok(())
}

/// Reads a target year as typed: "2027", " 2027 " or nothing. A target is ahead: a year before
/// `this_year` is refused (targets saved earlier keep their year; this is only for new input).
pub fn parse_year(text: &str, this_year: u16) -> Result<Option<u16>, PlanError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PlanError::YearNotANumber(text.chars().take(20).collect()));
    }
    match text.parse::<u32>() {
        Ok(year) if TARGET_YEARS.contains(&u16::try_from(year).unwrap_or(0)) => {
            let year = year as u16;
            if year < this_year {
                Err(PlanError::YearPassed { year, this_year })
            } else {
                Ok(Some(year))
            }
        }
        Ok(year) => Err(PlanError::BadYear(year)),
        Err(_) => Err(PlanError::BadYear(u32::MAX)),
    }
}

/// One change to one indicator's plan, as the user makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange<'a> {
    /// Set (`Some(key)`) or clear (`None`, which clears the year too) the target answer.
    Target(Option<&'a str>),
    Year(Option<u16>),
    Responsible(&'a str),
    Action(&'a str),
    Status(Option<PlanStatus>),
}

// ------------------------------------------------------------------------------------------
// Order and gap

/// The rank of an answer on the scale's order: its score if it counts, `None` otherwise.
pub fn rank(set: &IndicatorSet, key: &str) -> Option<f64> {
    set.option(key).filter(|o| o.counts).map(|o| o.score)
}

/// The counting options, best first: what a target may be.
pub fn target_options(set: &IndicatorSet) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..set.scale.options.len()).filter(|&i| set.scale.options[i].counts).collect();
    idx.sort_by(|a, b| {
        set.scale.options[*b].score.partial_cmp(&set.scale.options[*a].score).unwrap_or(std::cmp::Ordering::Equal).then(a.cmp(b))
    });
    idx
}

/// The plan an indicator of another set version gets from the plans of the indicators it
/// answers to (with their answers): one source's plan as it was; several (a merge) keep what
/// they agree on, and every distinct action, one per line. A target comes over only if the
/// new version's scale has it as an answer that counts; it also becomes the earlier target to
/// follow up against. Nothing here ever sets an answer, so a 2014 answer never becomes
/// "ej relevant".
pub fn carried_plan<'a>(to: &IndicatorSet, sources: impl Iterator<Item = (&'a Plan, Option<&'a str>)>) -> Plan {
    let sources: Vec<(&Plan, Option<&str>)> = sources.filter(|(p, _)| !p.is_empty()).collect();
    let Some(((first, first_answer), rest)) = sources.split_first() else { return Plan::default() };
    let agree = |f: &dyn Fn(&Plan) -> bool| rest.iter().all(|(p, _)| f(p));
    let target = first.target.clone().filter(|t| agree(&|p: &Plan| p.target.as_ref() == Some(t)));
    let target = target.filter(|t| rank(to, &t.answer).is_some());
    let answer = first_answer.filter(|a| rest.iter().all(|(_, b)| b == &Some(*a)));
    let mut actions: Vec<&str> = Vec::new();
    for (p, _) in &sources {
        if !p.action.is_empty() && !actions.contains(&p.action.as_str()) {
            actions.push(&p.action);
        }
    }
    Plan {
        earlier: target.clone().map(|target| EarlierTarget { target, answer: answer.map(str::to_string) }),
        target,
        responsible: if agree(&|p: &Plan| p.responsible == first.responsible) { first.responsible.clone() } else { String::new() },
        action: actions.join("\n"),
        status: first.status.filter(|s| agree(&|p: &Plan| p.status == Some(*s))),
    }
}
