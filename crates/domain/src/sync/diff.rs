//! Which registers one local edit changed: the app keeps editing through
//! [`crate::answers::assessment::change_response`] (one rule for every edit) and sends only what differs.
//! The result is unstamped; [`crate::sync::Replica::record`] stamps it so that each new value is
//! stamped after the one it replaces.

use crate::answers::assessment::{Assessment, Response};
use crate::sync::change::{Field, MetaField, Target, Value};

/// A register and its new value, not yet stamped.
pub type Edit = (Target, Value);

/// The value a response holds in one register (what [`crate::sync::Replica`] stores for it).
pub fn field_value(response: &Response, field: Field) -> Value {
    let text = |t: &str| if t.is_empty() { Value::Empty } else { Value::Text(t.to_string()) };
    match field {
        Field::Answer => Value::text_or_empty(response.answer.as_deref()),
        Field::Comment => text(&response.comment),
        Field::Evidence => Value::text_or_empty(response.evidence.as_deref()),
        Field::Review => response.review.clone().map_or(Value::Empty, Value::Review),
        Field::PlanTarget => Value::text_or_empty(response.plan.target.as_ref().map(|t| t.answer.as_str())),
        Field::PlanYear => response.plan.target.as_ref().and_then(|t| t.year).map_or(Value::Empty, Value::Year),
        Field::PlanResponsible => text(&response.plan.responsible),
        Field::PlanAction => text(&response.plan.action),
        Field::PlanStatus => response.plan.status.map_or(Value::Empty, Value::Status),
        Field::PlanEarlier => response.plan.earlier.clone().map_or(Value::Empty, Value::Earlier),
    }
}

/// The value an assessment holds in one meta register.
pub fn meta_value(assessment: &Assessment, field: MetaField) -> Value {
    match field {
        MetaField::Title => Value::Text(assessment.title.clone()),
        MetaField::Population => assessment.population.map_or(Value::Empty, Value::Number),
        MetaField::Approval => Value::text_or_empty(assessment.approval.as_deref()),
        MetaField::Kommun => Value::Text(assessment.kommun.code.clone()),
        MetaField::Set => Value::Set(assessment.set.clone()),
    }
}

/// The registers of one indicator that differ between two versions of its response (`None`:
/// nothing said), in [`Field::ALL`] order. The `updated` times are not compared: they are the
/// local view of when, the stamps are the shared one.
pub fn diff_response(indicator_id: &str, before: Option<&Response>, after: Option<&Response>) -> Vec<Edit> {
    let blank = Response::default();
    let (before, after) = (before.unwrap_or(&blank), after.unwrap_or(&blank));
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let value = field_value(after, field);
            (value != field_value(before, field)).then(|| (Target::indicator(indicator_id, field), value))
        })
        .collect()
}

/// Every register that differs between two versions of an assessment: meta facts first, then
/// indicators in id order.
pub fn diff(before: &Assessment, after: &Assessment) -> Vec<Edit> {
    let mut edits: Vec<Edit> = MetaField::ALL
        .into_iter()
        .filter_map(|field| {
            let value = meta_value(after, field);
            (value != meta_value(before, field)).then_some((Target::Meta(field), value))
        })
        .collect();
    let ids: std::collections::BTreeSet<&String> = before.responses.keys().chain(after.responses.keys()).collect();
    for id in ids {
        edits.extend(diff_response(id, before.responses.get(id), after.responses.get(id)));
    }
    edits
}

/// Everything an assessment holds, as edits of an empty share: what sharing it first sends
/// (meta facts including the set version, then every said response).
pub fn initial_edits(assessment: &Assessment) -> Vec<Edit> {
    let mut edits: Vec<Edit> = MetaField::ALL.into_iter().map(|field| (Target::Meta(field), meta_value(assessment, field))).collect();
    for (id, response) in &assessment.responses {
        edits.extend(diff_response(id, None, Some(response)));
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::assessment::{change_response, ResponseChange};
    use crate::answers::plan::PlanChange;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn one_edit_gives_the_registers_it_changed() {
        let set = sample();
        let before = Response { answer: Some("helt".into()), comment: "gammal".into(), ..Response::default() };
        let after = change_response(&set, "it.bredband", &before, ResponseChange::Answer(Some("delvis")), Timestamp(9)).unwrap().unwrap();
        assert_eq!(
            diff_response("it.bredband", Some(&before), Some(&after)),
            vec![(Target::indicator("it.bredband", Field::Answer), Value::Text("delvis".into()))]
        );
        let planned = change_response(&set, "it.bredband", &after, ResponseChange::Plan(PlanChange::Target(Some("helt"))), Timestamp(10))
            .unwrap()
            .unwrap();
        let planned = change_response(&set, "it.bredband", &planned, ResponseChange::Plan(PlanChange::Year(Some(2027))), Timestamp(11))
            .unwrap()
            .unwrap();
        assert_eq!(
            diff_response("it.bredband", Some(&after), Some(&planned)),
            vec![
                (Target::indicator("it.bredband", Field::PlanTarget), Value::Text("helt".into())),
                (Target::indicator("it.bredband", Field::PlanYear), Value::Year(2027)),
            ]
        );
        assert_eq!(
            diff_response("it.bredband", Some(&before), None),
            vec![
                (Target::indicator("it.bredband", Field::Answer), Value::Empty),
                (Target::indicator("it.bredband", Field::Comment), Value::Empty)
            ],
            "a removed response clears what it said"
        );
        assert!(
            diff_response("it.bredband", Some(&before), Some(&Response { updated: Timestamp(99), ..before.clone() })).is_empty(),
            "a new time alone is no change"
        );
    }

    #[test]
    fn assessment_diffs_cover_meta_facts_and_every_indicator() {
        let set = sample();
        let before = new_assessment();
        let mut after = before.clone();
        after.rename("Nytt namn", Timestamp(5)).unwrap();
        after.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(5)).unwrap();
        after.comment(&set, "tjanster.omsorg.larm", "ok", Timestamp(5)).unwrap();
        assert_eq!(
            diff(&before, &after),
            vec![
                (Target::Meta(MetaField::Title), Value::Text("Nytt namn".into())),
                (Target::indicator("it.tvafaktor", Field::Answer), Value::Text("inte".into())),
                (Target::indicator("tjanster.omsorg.larm", Field::Comment), Value::Text("ok".into())),
            ]
        );
        assert!(diff(&after, &after).is_empty());
        let initial = initial_edits(&after);
        assert_eq!(initial.len(), MetaField::ALL.len() + 2);
        assert!(initial.contains(&(Target::Meta(MetaField::Set), Value::Set(after.set.clone()))));
    }
}
