//! How far each förvaltning has come with what it was handed: answered out of total, for the
//! strategist's overview ("Socialförvaltningen 7 av 12").

use serde::{Deserialize, Serialize};

use super::groups::{indicators_of, GroupRef};
use crate::answers::assessment::Assessment;
use crate::sets::indicator_set::IndicatorSet;

/// The longest förvaltning name a hand-out carries (as a hand-out link's `namn=`).
pub const MAX_RECIPIENT_CHARS: usize = 200;
/// The most groups one hand-out names (as a hand-out link's `del=`).
pub const MAX_HANDOUT_GROUPS: usize = 200;

/// Groups assigned to one förvaltning (by link or by file). The app keeps these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub recipient: String,
    pub groups: Vec<GroupRef>,
}

impl Assignment {
    /// Which förvaltning this is, for "the same one handed parts again": its name trimmed and in
    /// lower case (" Skola" and "skola" are one förvaltning).
    pub fn key(&self) -> String {
        self.recipient.trim().to_lowercase()
    }
}

/// One förvaltning's progress: indicators of its groups with an answer, of all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub recipient: String,
    pub groups: Vec<GroupRef>,
    pub answered: u32,
    pub total: u32,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.answered == self.total
    }
}

/// Progress per assignment, in the order given. Groups the set lacks count as nothing (an
/// assignment kept from before a set change must not break the overview).
pub fn progress(set: &IndicatorSet, assessment: &Assessment, assignments: &[Assignment]) -> Vec<Progress> {
    assignments
        .iter()
        .map(|a| {
            let ids = indicators_of(set, &a.groups);
            let answered = ids.iter().filter(|id| assessment.answer_of(id).is_some()).count();
            Progress { recipient: a.recipient.clone(), groups: a.groups.clone(), answered: answered as u32, total: ids.len() as u32 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn progress_counts_answered_indicators_of_the_assigned_groups() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.comment(&set, "tjanster.skola.franvaro", "bara kommentar", Timestamp(1)).unwrap();
        a.answer(&set, "it.bredband", Some("inte"), Timestamp(1)).unwrap();
        let assignments = vec![
            Assignment {
                recipient: "Utbildningsförvaltningen".into(),
                groups: vec![GroupRef::new("tjanster", "skola"), GroupRef::new("verksamhet", "skola")],
            },
            Assignment { recipient: "IT-avdelningen".into(), groups: vec![GroupRef::new("it", "it")] },
            Assignment { recipient: "Borttagen".into(), groups: vec![GroupRef::new("finns", "inte")] },
        ];
        let p = progress(&set, &a, &assignments);
        let summary: Vec<(&str, u32, u32, bool)> = p.iter().map(|p| (p.recipient.as_str(), p.answered, p.total, p.is_done())).collect();
        assert_eq!(summary, vec![("Utbildningsförvaltningen", 1, 3, false), ("IT-avdelningen", 1, 2, false), ("Borttagen", 0, 0, true)]);
    }
}
