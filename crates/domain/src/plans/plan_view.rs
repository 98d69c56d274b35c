//! The plan as pages show it: the gap between answer and target, the action plan grouped by
//! responsible, area or year, and, a year later, which targets were reached. Apart from
//! `plan.rs` (what a plan is and its rules), because these read whole assessments.

use std::collections::BTreeMap;

use crate::answers::assessment::{Assessment, Response};
use crate::answers::plan::{rank, PlanStatus, Target};
use crate::language::text::Lang;
use crate::sets::indicator_set::IndicatorSet;

/// Where an indicator stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No target set.
    NoTarget,
    /// The answer is at or above the target.
    Reached,
    /// The target is above the answer (or there is no answer yet). `steps` counts the scale
    /// steps between them when the indicator is answered.
    Open { steps: Option<u32> },
    /// Answered "not relevant": a target does not apply.
    NotRelevant,
}

impl Gap {
    pub fn is_open(self) -> bool {
        matches!(self, Gap::Open { .. })
    }
}

/// The gap between an indicator's answer and its target.
pub fn gap(set: &IndicatorSet, response: Option<&Response>) -> Gap {
    let Some(target) = response.and_then(|r| r.plan.target.as_ref()) else { return Gap::NoTarget };
    let Some(goal) = rank(set, &target.answer) else { return Gap::NoTarget };
    let answer = response.and_then(|r| r.answer.as_deref()).filter(|k| set.option(k).is_some());
    match answer {
        None => Gap::Open { steps: None },
        Some(key) => match rank(set, key) {
            None => Gap::NotRelevant,
            Some(now) if now >= goal => Gap::Reached,
            Some(now) => {
                let steps = set.scale.options.iter().filter(|o| o.counts && o.score > now && o.score <= goal).count() as u32;
                Gap::Open { steps: Some(steps) }
            }
        },
    }
}

// ------------------------------------------------------------------------------------------
// The action plan

/// How the plan page groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    Responsible,
    Area,
    Year,
}

impl Grouping {
    pub const ALL: [Grouping; 3] = [Grouping::Responsible, Grouping::Area, Grouping::Year];

    pub fn key(self) -> &'static str {
        match self {
            Grouping::Responsible => "ansvarig",
            Grouping::Area => "omrade",
            Grouping::Year => "ar",
        }
    }

    pub fn from_key(key: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// One open gap of the plan, with everything a row shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub indicator_id: String,
    pub area_id: String,
    pub area: String,
    pub group: String,
    pub text: String,
    /// The answer now in words; `None` while unanswered.
    pub answer: Option<String>,
    pub target: String,
    pub year: Option<u16>,
    pub responsible: String,
    pub action: String,
    pub status: Option<PlanStatus>,
    /// Steps between answer and target (`None` while unanswered).
    pub steps: Option<u32>,
}

/// A group of rows: one responsible, area or year. `heading` is `None` for the rows without
/// one ("no responsible given", "no year given"); those come last.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSection {
    pub heading: Option<String>,
    pub rows: Vec<PlanRow>,
}

/// Targets and open gaps in one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaGaps {
    pub area_id: String,
    pub title: String,
    pub with_target: u32,
    pub open: u32,
}

/// Everything the action plan page, its CSV and the report's plan section show.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanView {
    pub grouping: Grouping,
    pub sections: Vec<PlanSection>,
    /// Every area of the set, in its order.
    pub areas: Vec<AreaGaps>,
    pub with_target: u32,
    pub open: u32,
    pub reached: u32,
    /// Targets of indicators since answered "not relevant": they no longer apply.
    pub not_relevant: u32,
    /// Rows with a responsible or an action but no target (issue 22: they never appeared and
    /// nothing said so). Shown apart, after the plan, in reading order; `target` is empty.
    pub without_target: Vec<PlanRow>,
}

impl PlanView {
    pub fn rows(&self) -> impl Iterator<Item = &PlanRow> {
        self.sections.iter().flat_map(|s| &s.rows)
    }
}

/// The action plan: the indicators whose target is above the current answer, grouped as asked,
/// in the set's reading order within each group.
pub fn plan_view(set: &IndicatorSet, assessment: &Assessment, grouping: Grouping, lang: Lang) -> PlanView {
    let label = |key: &str| set.option(key).map_or(key.to_string(), |o| o.label.get(lang).to_string());
    let mut areas: Vec<AreaGaps> = set
        .areas
        .iter()
        .map(|a| AreaGaps { area_id: a.id.clone(), title: a.title.get(lang).to_string(), with_target: 0, open: 0 })
        .collect();
    let (mut with_target, mut open, mut reached, mut not_relevant) = (0, 0, 0, 0);
    let mut rows = Vec::new();
    let mut without_target = Vec::new();
    for (area_index, area) in set.areas.iter().enumerate() {
        for group in &area.groups {
            for indicator in &group.indicators {
                let response = assessment.response(&indicator.id);
                // The row's words; the target's are filled in where there is one.
                let row = |r: &Response| PlanRow {
                    indicator_id: indicator.id.clone(),
                    area_id: area.id.clone(),
                    area: area.title.get(lang).to_string(),
                    group: group.title.get(lang).to_string(),
                    text: indicator.text.get(lang).to_string(),
                    answer: r.answer.as_deref().map(label),
                    target: String::new(),
                    year: None,
                    responsible: r.plan.responsible.clone(),
                    action: r.plan.action.clone(),
                    status: r.plan.status,
                    steps: None,
                };
                let g = gap(set, response);
                if g != Gap::NoTarget {
                    with_target += 1;
                    areas[area_index].with_target += 1;
                }
                match g {
                    Gap::Reached => reached += 1,
                    Gap::Open { steps } => {
                        open += 1;
                        areas[area_index].open += 1;
                        let r = response.expect("an open gap has a response");
                        let target = r.plan.target.as_ref().expect("an open gap has a target");
                        rows.push(PlanRow { target: label(&target.answer), year: target.year, steps, ..row(r) });
                    }
                    Gap::NotRelevant => not_relevant += 1,
                    Gap::NoTarget => {
                        // Typed without a target: kept apart so nothing typed is hidden.
                        if let Some(r) = response.filter(|r| !r.plan.responsible.trim().is_empty() || !r.plan.action.trim().is_empty()) {
                            without_target.push(row(r));
                        }
                    }
                }
            }
        }
    }
    let sections = match grouping {
        Grouping::Area => {
            let mut by_area: Vec<PlanSection> = Vec::new();
            for row in rows {
                match by_area.last_mut() {
                    Some(s) if s.heading.as_deref() == Some(row.area.as_str()) => s.rows.push(row),
                    _ => by_area.push(PlanSection { heading: Some(row.area.clone()), rows: vec![row] }),
                }
            }
            by_area
        }
        Grouping::Responsible => grouped(rows, |r| {
            let name = r.responsible.trim();
            (!name.is_empty()).then(|| (name.to_lowercase(), name.to_string()))
        }),
        Grouping::Year => grouped(rows, |r| r.year.map(|y| (format!("{y:04}"), y.to_string()))),
    };
    PlanView { grouping, sections, areas, with_target, open, reached, not_relevant, without_target }
}

/// Rows grouped by a (sort key, heading) pair, sorted by the key; rows without one come last.
fn grouped(rows: Vec<PlanRow>, key: impl Fn(&PlanRow) -> Option<(String, String)>) -> Vec<PlanSection> {
    let mut named: BTreeMap<String, PlanSection> = BTreeMap::new();
    let mut rest = Vec::new();
    for row in rows {
        match key(&row) {
            Some((sort, heading)) => {
                named.entry(sort).or_insert_with(|| PlanSection { heading: Some(heading), rows: Vec::new() }).rows.push(row)
            }
            None => rest.push(row),
        }
    }
    let mut sections: Vec<PlanSection> = named.into_values().collect();
    if !rest.is_empty() {
        sections.push(PlanSection { heading: None, rows: rest });
    }
    sections
}

/// Who has been named responsible in this assessment, most often named first (then
/// alphabetically), each once however it was capitalised: suggestions while typing.
pub fn responsible_suggestions(assessment: &Assessment) -> Vec<String> {
    let mut seen: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for response in assessment.responses.values() {
        let name = response.plan.responsible.trim();
        if name.is_empty() {
            continue;
        }
        seen.entry(name.to_lowercase()).or_insert_with(|| (0, name.to_string())).0 += 1;
    }
    let mut out: Vec<(u32, String, String)> = seen.into_iter().map(|(k, (n, name))| (n, k, name)).collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, _, name)| name).collect()
}

// ------------------------------------------------------------------------------------------
// Follow-up: a copy of last year's assessment

/// What became of a target carried over from the earlier assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FollowUp {
    /// The answer now is at or above the earlier target.
    Reached,
    /// Not reached, and the target (answer or year) has been changed or removed since.
    Moved,
    /// Not reached by its year (or it had none), and left as it was.
    Missed,
    /// Not reached yet, left as it was, and its year has not come.
    NotYetDue,
}

impl FollowUp {
    pub const ALL: [FollowUp; 4] = [FollowUp::Reached, FollowUp::Missed, FollowUp::Moved, FollowUp::NotYetDue];
}

/// The follow-up of one indicator in the year `year` (the year of the new assessment).
pub fn follow_up(set: &IndicatorSet, response: &Response, year: i32) -> Option<FollowUp> {
    let earlier = response.plan.earlier.as_ref()?;
    let goal = rank(set, &earlier.target.answer)?;
    let now = response.answer.as_deref().and_then(|k| rank(set, k));
    if now.is_some_and(|n| n >= goal) {
        return Some(FollowUp::Reached);
    }
    if response.plan.target.as_ref() != Some(&earlier.target) {
        return Some(FollowUp::Moved);
    }
    match earlier.target.year {
        Some(y) if i32::from(y) > year => Some(FollowUp::NotYetDue),
        _ => Some(FollowUp::Missed),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub indicator_id: String,
    pub text: String,
    /// The earlier target in words, with its year: "Uppfyller helt (2027)".
    pub earlier_target: String,
    pub earlier_answer: Option<String>,
    pub answer: Option<String>,
    /// The target now, if any, in the same words.
    pub target: Option<String>,
    pub outcome: FollowUp,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FollowUpView {
    pub rows: Vec<FollowUpRow>,
    /// Per outcome, in [`FollowUp::ALL`]'s order.
    pub counts: BTreeMap<FollowUp, u32>,
}

impl FollowUpView {
    pub fn count(&self, outcome: FollowUp) -> u32 {
        self.counts.get(&outcome).copied().unwrap_or(0)
    }

    pub fn total(&self) -> u32 {
        self.rows.len() as u32
    }
}

/// What became of every carried target, per indicator (reading order) and in total.
pub fn follow_up_view(set: &IndicatorSet, assessment: &Assessment, year: i32, lang: Lang) -> FollowUpView {
    let label = |key: &str| set.option(key).map_or(key.to_string(), |o| o.label.get(lang).to_string());
    let target_words = |t: &Target| match t.year {
        Some(y) => format!("{} ({y})", label(&t.answer)),
        None => label(&t.answer),
    };
    let mut view = FollowUpView::default();
    for placed in set.placed() {
        let Some(response) = assessment.response(&placed.indicator.id) else { continue };
        let Some(outcome) = follow_up(set, response, year) else { continue };
        let earlier = response.plan.earlier.as_ref().expect("a follow-up has an earlier target");
        *view.counts.entry(outcome).or_default() += 1;
        view.rows.push(FollowUpRow {
            indicator_id: placed.indicator.id.clone(),
            text: placed.indicator.text.get(lang).to_string(),
            earlier_target: target_words(&earlier.target),
            earlier_answer: earlier.answer.as_deref().map(label),
            answer: response.answer.as_deref().map(label),
            target: response.plan.target.as_ref().map(target_words),
            outcome,
        });
    }
    view
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::plan::*;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample_with_not_relevant;

    /// Indicator id, answer, target, target year, responsible.
    type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<u16>, &'a str);

    fn planned(answers: &[Row<'_>]) -> (IndicatorSet, Assessment) {
        let set = sample_with_not_relevant();
        let mut a = new_assessment();
        for (id, answer, target, year, responsible) in answers {
            a.answer(&set, id, *answer, Timestamp(1)).unwrap();
            a.change_plan(&set, id, PlanChange::Target(*target), Timestamp(2)).unwrap();
            a.change_plan(&set, id, PlanChange::Year(*year), Timestamp(2)).unwrap();
            a.change_plan(&set, id, PlanChange::Responsible(responsible), Timestamp(2)).unwrap();
        }
        (set, a)
    }

    #[test]
    fn the_gap_follows_the_scale_order_of_the_counting_options() {
        let set = sample_with_not_relevant();
        let response = |answer: Option<&str>, target: &str| Response {
            answer: answer.map(str::to_string),
            plan: Plan { target: Some(Target { answer: target.into(), year: None }), ..Plan::default() },
            ..Response::default()
        };
        assert_eq!(gap(&set, Some(&response(Some("inte"), "helt"))), Gap::Open { steps: Some(2) });
        assert_eq!(gap(&set, Some(&response(Some("delvis"), "helt"))), Gap::Open { steps: Some(1) });
        assert_eq!(gap(&set, Some(&response(Some("helt"), "delvis"))), Gap::Reached, "above the target is reached");
        assert_eq!(gap(&set, Some(&response(Some("delvis"), "delvis"))), Gap::Reached);
        assert_eq!(gap(&set, Some(&response(None, "delvis"))), Gap::Open { steps: None }, "not answered yet: still a gap");
        assert_eq!(gap(&set, Some(&response(Some("ej_relevant"), "helt"))), Gap::NotRelevant);
        assert_eq!(gap(&set, Some(&Response::default())), Gap::NoTarget);
        assert_eq!(gap(&set, None), Gap::NoTarget);
        assert_eq!(target_options(&set), vec![0, 1, 2], "best first, and never \"ej relevant\"");
    }

    #[test]
    fn targets_are_checked_and_a_year_needs_a_target() {
        let set = sample_with_not_relevant();
        let mut a = new_assessment();
        let t = Timestamp(5);
        assert_eq!(
            a.change_plan(&set, "it.bredband", PlanChange::Target(Some("ej_relevant")), t),
            Err(PlanError::TargetDoesNotCount("ej_relevant".into()))
        );
        assert_eq!(a.change_plan(&set, "it.bredband", PlanChange::Target(Some("ja")), t), Err(PlanError::TargetNotOnScale("ja".into())));
        assert_eq!(a.change_plan(&set, "it.bredband", PlanChange::Year(Some(2027)), t), Err(PlanError::YearWithoutTarget));
        assert_eq!(a.change_plan(&set, "nope", PlanChange::Action("x"), t), Err(PlanError::UnknownIndicator("nope".into())));
        assert!(a.responses.is_empty(), "refused changes leave no trace");
        a.change_plan(&set, "it.bredband", PlanChange::Target(Some("helt")), t).unwrap();
        assert_eq!(a.change_plan(&set, "it.bredband", PlanChange::Year(Some(1999)), t), Err(PlanError::BadYear(1999)));
        a.change_plan(&set, "it.bredband", PlanChange::Year(Some(2027)), Timestamp(6)).unwrap();
        assert_eq!(a.updated, Timestamp(6));
        a.change_plan(&set, "it.bredband", PlanChange::Year(Some(2027)), Timestamp(9)).unwrap();
        assert_eq!(a.updated, Timestamp(6), "the same again changes nothing");
        a.change_plan(&set, "it.bredband", PlanChange::Target(None), Timestamp(7)).unwrap();
        assert_eq!(a.response("it.bredband").unwrap().plan.target, None, "clearing the target clears its year");
        assert_eq!(parse_year(" 2027 ", 2026), Ok(Some(2027)));
        assert_eq!(parse_year("2026", 2026), Ok(Some(2026)), "this year is still ahead enough");
        assert_eq!(parse_year("", 2026), Ok(None));
        assert_eq!(parse_year("20277", 2026), Err(PlanError::BadYear(20277)));
        // Issue 22, point 4: "nästa år" said "Målåret 0 ligger inte mellan 2000 och 2100", and
        // 2020 was taken as a target.
        assert_eq!(parse_year("nästa år", 2026), Err(PlanError::YearNotANumber("nästa år".into())));
        assert_eq!(parse_year("2020", 2026), Err(PlanError::YearPassed { year: 2020, this_year: 2026 }));
        assert_eq!(parse_year("99999999999999999999", 2026), Err(PlanError::BadYear(u32::MAX)));
        let long = "x".repeat(MAX_RESPONSIBLE_CHARS + 1);
        assert!(matches!(a.change_plan(&set, "it.bredband", PlanChange::Responsible(&long), t), Err(PlanError::TooLong { .. })));
    }

    #[test]
    fn the_plan_lists_open_gaps_grouped_by_responsible_area_or_year() {
        let (set, a) = planned(&[
            ("tjanster.skola.gymnasium", Some("inte"), Some("helt"), Some(2027), "Skolförvaltningen"),
            ("tjanster.omsorg.larm", Some("delvis"), Some("helt"), Some(2028), "Vård- och omsorgsförvaltningen"),
            ("it.bredband", None, Some("delvis"), None, "skolförvaltningen "),
            ("it.tvafaktor", Some("helt"), Some("helt"), Some(2026), "IT-avdelningen"),
            ("tjanster.skola.franvaro", Some("ej_relevant"), Some("helt"), None, "IT-avdelningen"),
            ("verksamhet.skola.utvecklat", Some("inte"), Some("delvis"), Some(2027), ""),
        ]);
        let by_responsible = plan_view(&set, &a, Grouping::Responsible, Lang::Sv);
        assert_eq!((by_responsible.with_target, by_responsible.open, by_responsible.reached, by_responsible.not_relevant), (6, 4, 1, 1));
        let headings: Vec<Option<&str>> = by_responsible.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, vec![Some("Skolförvaltningen"), Some("Vård- och omsorgsförvaltningen"), None]);
        let skola: Vec<&str> = by_responsible.sections[0].rows.iter().map(|r| r.indicator_id.as_str()).collect();
        assert_eq!(skola, vec!["tjanster.skola.gymnasium", "it.bredband"], "one section however it was capitalised");
        let row = &by_responsible.sections[0].rows[0];
        assert_eq!(
            (row.answer.as_deref(), row.target.as_str(), row.year, row.steps),
            (Some("Uppfyller inte"), "Uppfyller helt", Some(2027), Some(2))
        );
        let open_per_area: Vec<(&str, u32, u32)> =
            by_responsible.areas.iter().map(|g| (g.area_id.as_str(), g.with_target, g.open)).collect();
        assert_eq!(open_per_area, vec![("tjanster", 3, 2), ("verksamhet", 1, 1), ("it", 2, 1)]);

        let by_area = plan_view(&set, &a, Grouping::Area, Lang::Sv);
        let headings: Vec<Option<&str>> = by_area.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, vec![Some("Tjänster"), Some("Verksamhet"), Some("IT")]);
        let by_year = plan_view(&set, &a, Grouping::Year, Lang::Sv);
        let headings: Vec<Option<&str>> = by_year.sections.iter().map(|s| s.heading.as_deref()).collect();
        assert_eq!(headings, vec![Some("2027"), Some("2028"), None]);
        assert_eq!(by_year.rows().count(), 4);
    }

    #[test]
    fn a_row_planned_without_a_target_is_shown_apart_and_in_the_csv() {
        // Issue 22, point 4: Ansvarig and Planerad åtgärd without Mål never appeared anywhere.
        let set = sample_with_not_relevant();
        let mut a = new_assessment();
        let t = Timestamp(5);
        a.answer(&set, "it.bredband", Some("delvis"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Responsible("IT-avdelningen"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Action("=Upphandla fiber"), t).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Status(Some(PlanStatus::Pagar)), t).unwrap();
        let view = plan_view(&set, &a, Grouping::Responsible, Lang::Sv);
        assert_eq!(view.open, 0, "no target, no gap");
        let ids: Vec<&str> = view.without_target.iter().map(|r| r.indicator_id.as_str()).collect();
        assert_eq!(ids, vec!["it.bredband"], "a status alone is no plan");
        assert_eq!((view.without_target[0].target.as_str(), view.without_target[0].year), ("", None));
        let columns = ["k", "s", "id", "a", "g", "i", "n", "m", "å", "r", "åt", "st"];
        let csv = crate::files::csv_export::plan_csv(&set, &a, &view, Lang::Sv, &columns);
        assert!(csv.contains(r#""";"";"IT-avdelningen";"'=Upphandla fiber";"#), "the row is in the CSV, target empty, guarded: {csv}");
    }

    #[test]
    fn suggestions_are_what_was_typed_before_most_used_first() {
        let (_, a) = planned(&[
            ("tjanster.skola.gymnasium", None, None, None, "Skolförvaltningen"),
            ("it.bredband", None, None, None, "IT-avdelningen"),
            ("it.tvafaktor", None, None, None, "it-avdelningen"),
            ("tjanster.omsorg.larm", None, None, None, ""),
        ]);
        assert_eq!(responsible_suggestions(&a), vec!["IT-avdelningen", "Skolförvaltningen"]);
    }

    #[test]
    fn a_copy_follows_up_last_years_targets() {
        let (set, last_year) = planned(&[
            ("tjanster.skola.gymnasium", Some("inte"), Some("helt"), Some(2027), "Skola"),
            ("tjanster.skola.franvaro", Some("inte"), Some("delvis"), Some(2026), "Skola"),
            ("tjanster.omsorg.larm", Some("inte"), Some("helt"), Some(2026), "Omsorg"),
            ("it.bredband", Some("delvis"), Some("helt"), Some(2026), "IT"),
            ("it.tvafaktor", Some("delvis"), Some("helt"), None, "IT"),
        ]);
        let mut this_year = last_year.duplicate("a2".into(), "Värdering 2027".into(), Timestamp(100));
        let gym = this_year.response("tjanster.skola.gymnasium").unwrap();
        assert_eq!(gym.plan.target.as_ref().map(|t| t.year), Some(Some(2027)), "targets carry over");
        assert_eq!(gym.plan.responsible, "Skola", "and so does the rest of the plan");
        let t = Timestamp(101);
        this_year.answer(&set, "tjanster.skola.franvaro", Some("helt"), t).unwrap(); // above its target
        this_year.change_plan(&set, "tjanster.omsorg.larm", PlanChange::Year(Some(2028)), t).unwrap(); // moved
                                                                                                       // it.bredband: left as it was, its year has come → missed; it.tvafaktor: no year → missed.
        let view = follow_up_view(&set, &this_year, 2027, Lang::Sv);
        let outcomes: Vec<(&str, FollowUp)> = view.rows.iter().map(|r| (r.indicator_id.as_str(), r.outcome)).collect();
        assert_eq!(
            outcomes,
            vec![
                ("tjanster.skola.gymnasium", FollowUp::Missed),
                ("tjanster.skola.franvaro", FollowUp::Reached),
                ("tjanster.omsorg.larm", FollowUp::Moved),
                ("it.tvafaktor", FollowUp::Missed),
                ("it.bredband", FollowUp::Missed),
            ]
        );
        assert_eq!(follow_up_view(&set, &this_year, 2026, Lang::Sv).count(FollowUp::NotYetDue), 1, "2027's target in 2026");
        assert_eq!((view.count(FollowUp::Reached), view.count(FollowUp::Missed), view.count(FollowUp::Moved), view.total()), (1, 3, 1, 5));
        let franvaro = &view.rows[1];
        assert_eq!(franvaro.earlier_target, "Uppfyller delvis (2026)");
        assert_eq!((franvaro.earlier_answer.as_deref(), franvaro.answer.as_deref()), (Some("Uppfyller inte"), Some("Uppfyller helt")));
        this_year.answer(&set, "it.bredband", Some("ej_relevant"), t).unwrap();
        let view = follow_up_view(&set, &this_year, 2027, Lang::Sv);
        assert_eq!(
            view.rows.iter().find(|r| r.indicator_id == "it.bredband").unwrap().outcome,
            FollowUp::Missed,
            "not relevant is not reached"
        );
        assert!(follow_up_view(&set, &last_year, 2027, Lang::Sv).rows.is_empty(), "the original has nothing to follow up");
    }

    #[test]
    fn carried_plans_keep_what_sources_agree_on() {
        let set = sample_with_not_relevant();
        let plan = |target: &str, responsible: &str, action: &str| Plan {
            target: Some(Target { answer: target.into(), year: Some(2027) }),
            responsible: responsible.into(),
            action: action.into(),
            status: Some(PlanStatus::Planerad),
            earlier: None,
        };
        let one = plan("helt", "IT", "MFA");
        let carried = carried_plan(&set, [(&one, Some("inte"))].into_iter());
        assert_eq!(carried.target, one.target);
        assert_eq!(carried.earlier, Some(EarlierTarget { target: one.target.clone().unwrap(), answer: Some("inte".into()) }));
        let other = plan("delvis", "IT", "E-tjänst");
        let merged = carried_plan(&set, [(&one, Some("inte")), (&other, Some("inte"))].into_iter());
        assert_eq!((merged.target, merged.responsible.as_str(), merged.action.as_str()), (None, "IT", "MFA\nE-tjänst"));
        let off_scale = plan("ja", "IT", "");
        assert_eq!(carried_plan(&set, [(&off_scale, None)].into_iter()).target, None, "a target the new scale lacks is not carried");
    }
}
