//! How an assessment is kept in browser storage: an envelope with a format number, so that a
//! newer app's data is recognised and never overwritten by an older one.
//!
//! Formats: 1 held answers, comments, links and review marks; 2 adds each response's plan
//! (target, responsible, action, status). An older app would drop plans it cannot read and
//! then save over them, so format 2 is refused by it as "newer". Format 1 data migrates by
//! reading: it has no plans, and everything else it says is kept as it is.

use serde::{Deserialize, Serialize};

use crate::answers::assessment::Assessment;

pub const STORAGE_FORMAT: u32 = 2;

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    storage_format: u32,
    assessment: &'a Assessment,
}

#[derive(Deserialize)]
struct EnvelopeHead {
    storage_format: u32,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    assessment: Assessment,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SavedError {
    #[error("saved data is unreadable: {0}")]
    Unreadable(String),
    #[error("saved data is in format {0}, newer than this app reads ({STORAGE_FORMAT})")]
    NewerFormat(u32),
}

pub fn encode(assessment: &Assessment) -> String {
    serde_json::to_string(&EnvelopeOut { storage_format: STORAGE_FORMAT, assessment }).expect("an assessment always serializes")
}

pub fn decode(raw: &str) -> Result<Assessment, SavedError> {
    let head: EnvelopeHead = serde_json::from_str(raw).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    if head.storage_format > STORAGE_FORMAT {
        return Err(SavedError::NewerFormat(head.storage_format));
    }
    if head.storage_format == 0 {
        return Err(SavedError::Unreadable("storage_format 0 is not a format".into()));
    }
    let envelope: EnvelopeIn = serde_json::from_str(raw).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    Ok(envelope.assessment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn round_trips() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(5)).unwrap();
        a.comment(&set, "it.bredband", "<script>alert(1)</script>", Timestamp(5)).unwrap();
        assert_eq!(decode(&encode(&a)).unwrap(), a);
    }

    #[test]
    fn format_1_data_migrates_keeping_everything_and_plans_round_trip() {
        use crate::answers::plan::PlanChange;
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(5)).unwrap();
        a.comment(&set, "it.bredband", "Strategi 2019", Timestamp(5)).unwrap();
        a.answer(&set, "it.tvafaktor", Some("ej_relevant"), Timestamp(5)).unwrap();
        // What the app of format 1 wrote: no plans, the number 1.
        let v1 = encode(&a).replacen("\"storage_format\":2", "\"storage_format\":1", 1);
        assert!(v1.starts_with("{\"storage_format\":1,"));
        let migrated = decode(&v1).unwrap();
        assert_eq!(migrated, a, "nothing lost");
        assert!(encode(&migrated).starts_with("{\"storage_format\":2,"), "saved again in format 2");
        a.change_plan(&set, "it.bredband", PlanChange::Target(Some("helt")), Timestamp(6)).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Action("Ny strategi"), Timestamp(6)).unwrap();
        assert_eq!(decode(&encode(&a)).unwrap(), a);
    }

    #[test]
    fn newer_and_broken_data_are_told_apart() {
        let a = new_assessment();
        let newer = encode(&a).replacen("\"storage_format\":2", "\"storage_format\":7", 1);
        assert_eq!(decode(&newer), Err(SavedError::NewerFormat(7)));
        assert!(matches!(decode("{\"storage_format\":1,\"assessment\":{\"id\":3}}"), Err(SavedError::Unreadable(_))));
        assert!(matches!(decode("not json"), Err(SavedError::Unreadable(_))));
        assert!(matches!(decode(""), Err(SavedError::Unreadable(_))));
    }
}

/// What to write when saving `ours` over what storage holds now (another tab may have written
/// since we read): a merge of both, or nothing at all if the stored data can't be read.
#[derive(Debug, Clone, PartialEq, Eq)]
// One value made per save and taken apart at once: boxing the assessment would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Reconciled {
    /// Write this. `absorbed_other` is true when it holds changes made elsewhere.
    Write { merged: Assessment, absorbed_other: bool },
    /// Leave storage alone: its content is unreadable or newer, and must never be overwritten.
    Refuse(SavedError),
}

pub fn reconcile(ours: &Assessment, stored: Option<&str>) -> Reconciled {
    let Some(raw) = stored else {
        return Reconciled::Write { merged: ours.clone(), absorbed_other: false };
    };
    match decode(raw) {
        Ok(theirs) if theirs.id == ours.id => {
            let merged = ours.merge(&theirs);
            let absorbed_other = merged.responses != ours.responses
                || merged.title != ours.title
                || merged.population != ours.population
                || merged.approval != ours.approval;
            Reconciled::Write { merged, absorbed_other }
        }
        Ok(_) => Reconciled::Refuse(SavedError::Unreadable("the stored assessment has another id".into())),
        Err(e) => Reconciled::Refuse(e),
    }
}

/// A fingerprint of a stored entry. A tab keeps the one of what it last wrote (or took in from
/// another tab), so that saving can tell "storage still holds what we know" from "another tab
/// wrote since" without parsing the entry on every save.
pub fn fingerprint(raw: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    // SipHash with fixed keys: the same text gives the same number in every tab and run.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut hasher);
    hasher.finish()
}

/// [`reconcile`] for a tab that knows what it last wrote or read (`last_seen`, a
/// [`fingerprint`]): when storage still holds exactly that, `ours` already contains it and is
/// written as it is, unparsed; anything else (another tab's write, a removed, corrupt or newer
/// entry) goes through the full check and merge.
pub fn reconcile_known(ours: &Assessment, stored: Option<&str>, last_seen: Option<u64>) -> Reconciled {
    match stored {
        Some(raw) if last_seen == Some(fingerprint(raw)) => Reconciled::Write { merged: ours.clone(), absorbed_other: false },
        _ => reconcile(ours, stored),
    }
}

#[cfg(test)]
mod reconcile_tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn saving_merges_what_another_tab_wrote() {
        let set = sample();
        let base = new_assessment();
        let mut other_tab = base.clone();
        other_tab.answer(&set, "it.bredband", Some("helt"), Timestamp(10)).unwrap();
        let mut ours = base.clone();
        ours.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(11)).unwrap();
        match reconcile(&ours, Some(&encode(&other_tab))) {
            Reconciled::Write { merged, absorbed_other } => {
                assert!(absorbed_other);
                assert_eq!(merged.answer_of("it.bredband"), Some("helt"));
                assert_eq!(merged.answer_of("it.tvafaktor"), Some("inte"));
            }
            other => panic!("expected a write, got {other:?}"),
        }
        assert_eq!(reconcile(&ours, None), Reconciled::Write { merged: ours.clone(), absorbed_other: false });
        assert!(matches!(reconcile(&ours, Some(&encode(&ours))), Reconciled::Write { absorbed_other: false, .. }));
    }

    #[test]
    fn unreadable_or_newer_storage_is_never_overwritten() {
        let ours = new_assessment();
        assert!(matches!(reconcile(&ours, Some("{broken")), Reconciled::Refuse(SavedError::Unreadable(_))));
        let newer = encode(&ours).replacen("\"storage_format\":2", "\"storage_format\":3", 1);
        assert_eq!(reconcile(&ours, Some(&newer)), Reconciled::Refuse(SavedError::NewerFormat(3)));
    }

    #[test]
    fn what_this_tab_wrote_last_is_written_over_without_a_merge() {
        let set = sample();
        let base = new_assessment();
        let ours_before = encode(&base);
        let mut ours = base.clone();
        ours.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(11)).unwrap();
        let seen = Some(fingerprint(&ours_before));
        assert_eq!(reconcile_known(&ours, Some(&ours_before), seen), Reconciled::Write { merged: ours.clone(), absorbed_other: false });
        // Another tab wrote since: its answer is merged in, as without a fingerprint.
        let mut other_tab = base.clone();
        other_tab.answer(&set, "it.bredband", Some("helt"), Timestamp(12)).unwrap();
        match reconcile_known(&ours, Some(&encode(&other_tab)), seen) {
            Reconciled::Write { merged, absorbed_other: true } => {
                assert_eq!(merged.answer_of("it.bredband"), Some("helt"));
                assert_eq!(merged.answer_of("it.tvafaktor"), Some("inte"));
            }
            other => panic!("expected a merge, got {other:?}"),
        }
    }

    #[test]
    fn a_fingerprint_never_lets_broken_or_newer_storage_be_overwritten() {
        let ours = new_assessment();
        let seen = Some(fingerprint(&encode(&ours)));
        assert!(matches!(reconcile_known(&ours, Some("{broken"), seen), Reconciled::Refuse(SavedError::Unreadable(_))));
        let newer = encode(&ours).replacen("\"storage_format\":2", "\"storage_format\":3", 1);
        assert_eq!(reconcile_known(&ours, Some(&newer), seen), Reconciled::Refuse(SavedError::NewerFormat(3)));
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint(&encode(&ours)), fingerprint(&encode(&ours.clone())));
    }
}
