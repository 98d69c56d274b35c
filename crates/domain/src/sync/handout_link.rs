//! Hand-outs by link, kept in the shared assessment itself: making one is a change in the
//! encrypted log ([`Target::Handout`]), so every editor's overview lists it with the
//! förvaltning's progress, not only the browser of the strategist who made the link.

use crate::sync::change::{Target, Value};
use crate::sync::diff::Edit;
use crate::sync::progress::Assignment;
use crate::sync::replica::Replica;

/// The edit that records a link hand-out (for [`Replica::record`]); the förvaltning's name is
/// trimmed, and handing the same förvaltning out again replaces its groups.
pub fn handout_edit(assignment: &Assignment) -> Edit {
    let assignment = Assignment { recipient: assignment.recipient.trim().to_string(), groups: assignment.groups.clone() };
    (Target::Handout { recipient: assignment.key() }, Value::Assignment(assignment))
}

/// The link hand-outs of a shared assessment, in the order they were first made (by stamp, so
/// every device lists them alike); withdrawn ones are left out.
pub fn shared_handouts(replica: &Replica) -> Vec<Assignment> {
    let mut out: Vec<(&crate::sync::Stamp, &Assignment)> = replica
        .registers()
        .filter(|(target, _)| matches!(target, Target::Handout { .. }))
        .filter_map(|(_, register)| match &register.current().value {
            Value::Assignment(a) => Some((&register.entries()[0].stamp, a)),
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(b.0));
    out.into_iter().map(|(_, a)| a.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::change::{Change, Envelope, Refusal};
    use crate::sync::clock::{Clock, Stamp};
    use crate::sync::groups::GroupRef;
    use crate::sync::replica::Snapshot;

    const NOW: u64 = 1_780_000_000_000;

    fn skola(recipient: &str) -> Assignment {
        Assignment { recipient: recipient.into(), groups: vec![GroupRef::new("tjanster", "skola"), GroupRef::new("verksamhet", "skola")] }
    }

    #[test]
    fn a_link_handout_travels_to_every_editor_and_a_new_one_to_the_same_forvaltning_replaces_it() {
        let set = sample();
        let (mut anna, mut bo) = (Clock::new("a"), Clock::new("b"));
        let mut here = Replica::new();
        let first = here.record(&set, "Anna", vec![handout_edit(&skola(" Utbildningsförvaltningen "))], &mut anna, NOW).unwrap();
        let it = Assignment { recipient: "IT".into(), groups: vec![GroupRef::new("it", "it")] };
        let second = here.record(&set, "Anna", vec![handout_edit(&it)], &mut anna, NOW + 1).unwrap();
        // Another editor, through JSON as the envelopes travel.
        let mut there = Replica::new();
        for e in [&second, &first] {
            assert!(there.apply_envelope(&set, &Envelope::parse(&e.to_json()).unwrap()).refused.is_empty());
        }
        let names = |r: &Replica| shared_handouts(r).into_iter().map(|a| (a.recipient, a.groups.len())).collect::<Vec<_>>();
        assert_eq!(names(&there), vec![("Utbildningsförvaltningen".to_string(), 2), ("IT".to_string(), 1)], "in the order made");
        assert_eq!(names(&here), names(&there));
        // The other editor hands "utbildningsförvaltningen" just one group: it replaces the first.
        let again = Assignment { recipient: "utbildningsförvaltningen".into(), groups: vec![GroupRef::new("tjanster", "skola")] };
        let third = there.record(&set, "Bo", vec![handout_edit(&again)], &mut bo, NOW + 5).unwrap();
        here.apply_envelope(&set, &third);
        assert_eq!(names(&here), vec![("utbildningsförvaltningen".to_string(), 1), ("IT".to_string(), 1)]);
        // Nothing of it is an answer, and it survives a snapshot.
        assert!(here.to_assessment(&crate::answers::assessment::tests::new_assessment()).responses.is_empty());
        let (restored, refused) = Snapshot::parse(&here.snapshot().to_json()).unwrap().restore(&set);
        assert!(refused.is_empty());
        assert_eq!(shared_handouts(&restored), shared_handouts(&here));
        // Withdrawn (an empty value): no longer listed.
        let withdraw = (Target::Handout { recipient: "it".into() }, Value::Empty);
        here.record(&set, "Anna", vec![withdraw], &mut anna, NOW + 9).unwrap();
        assert_eq!(names(&here), vec![("utbildningsförvaltningen".to_string(), 1)]);
    }

    #[test]
    fn a_handout_a_link_could_not_make_is_refused() {
        let set = sample();
        let refused = |recipient: &str, value: Value| {
            Change {
                stamp: Stamp { wall_ms: NOW, counter: 0, device: "d".into() },
                target: Target::Handout { recipient: recipient.into() },
                value,
            }
            .check(&set)
            .unwrap_err()
        };
        let (target, value) = handout_edit(&skola("Skola"));
        let Target::Handout { recipient } = target else { panic!("a hand-out target") };
        assert_eq!(recipient, "skola");
        assert!(matches!(refused("annan", value.clone()), Refusal::BadHandout(m) if m.contains("filed under")));
        assert!(matches!(refused("", Value::Empty), Refusal::BadHandout(_)));
        assert!(matches!(refused(&"x".repeat(201), Value::Empty), Refusal::BadHandout(_)));
        let unknown = Assignment { recipient: "skola".into(), groups: vec![GroupRef::new("finns", "inte")] };
        assert!(matches!(refused("skola", Value::Assignment(unknown)), Refusal::BadHandout(m) if m.contains("finns/inte")));
        let none = Assignment { recipient: "skola".into(), groups: vec![] };
        assert!(matches!(refused("skola", Value::Assignment(none)), Refusal::BadHandout(_)));
        let bidi = Assignment { recipient: "sk\u{202e}ola".into(), groups: vec![GroupRef::new("it", "it")] };
        assert_eq!(refused("sk\u{202e}ola", Value::Assignment(bidi)), Refusal::BadCharacter { code: 0x202e });
        assert!(matches!(refused("skola", Value::Text("x".into())), Refusal::WrongKind { .. }));
    }

    #[test]
    fn envelopes_written_before_handouts_existed_read_as_before() {
        // Exactly what the app sent before link hand-outs were kept in the log.
        let older = r#"{"v":1,"author":"Anna","changes":[{"stamp":{"wall_ms":5,"counter":0,"device":"a"},"target":{"indicator":{"id":"it.bredband","field":"answer"}},"value":{"text":"helt"}},{"stamp":{"wall_ms":5,"counter":1,"device":"a"},"target":{"meta":"title"},"value":{"text":"Örebro"}}]}"#;
        let e = Envelope::parse(older).unwrap();
        assert_eq!(e.changes.len(), 2);
        let mut r = Replica::new();
        assert!(r.apply_envelope(&sample(), &e).refused.is_empty());
        assert!(shared_handouts(&r).is_empty());
        // And the new change's JSON names its kind plainly.
        let json = Envelope::new("Anna", vec![]).to_json();
        assert!(json.starts_with("{\"v\":1"));
        let (target, value) = handout_edit(&skola("IT"));
        let c = Change { stamp: Stamp { wall_ms: 1, counter: 0, device: "a".into() }, target, value };
        assert!(serde_json::to_string(&c)
            .unwrap()
            .contains(r#""target":{"handout":{"recipient":"it"}},"value":{"assignment":{"recipient":"IT","#));
    }
}
