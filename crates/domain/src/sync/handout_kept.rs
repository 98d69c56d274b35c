//! What a browser keeps about an assessment's hand-outs, stored next to the assessment under a
//! key of its own: the strategist's assignments (progress per förvaltning on the overview), and
//! in a förvaltning's browser the hand-out it answers (which groups the answering page shows,
//! and the file its answers go back in).
//!
//! A key of its own rather than a field in the assessment's envelope: the assessment's saved
//! format, its merging between tabs and every file made from it stay as they were, and an
//! assessment saved before hand-outs existed simply has no entry, which reads as "nothing
//! handed out".

use serde::{Deserialize, Serialize};

use crate::answers::saved::SavedError;
use crate::sync::handout::HandoutFile;
use crate::sync::progress::Assignment;

pub const HANDOUT_STORAGE_FORMAT: u32 = 1;
/// Assignments kept per assessment; handing out more drops the oldest.
pub const MAX_ASSIGNMENTS: usize = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptHandouts {
    /// Who was handed which groups, in the order handed out; one entry per förvaltning.
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// The hand-out this assessment was opened from (a förvaltning's copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<HandoutFile>,
}

impl KeptHandouts {
    /// Records a hand-out: a förvaltning handed parts again (same name, ignoring case and
    /// spaces around it) gets the new groups in place of the old.
    pub fn remember(&mut self, assignment: Assignment) {
        let same = |a: &Assignment| a.key() == assignment.key();
        match self.assignments.iter_mut().find(|a| same(a)) {
            Some(existing) => *existing = assignment,
            None => self.assignments.push(assignment),
        }
        let over = self.assignments.len().saturating_sub(MAX_ASSIGNMENTS);
        self.assignments.drain(..over);
    }

    pub fn is_empty(&self) -> bool {
        self.assignments.is_empty() && self.received.is_none()
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    storage_format: u32,
    handouts: &'a KeptHandouts,
}

#[derive(Deserialize)]
struct EnvelopeHead {
    storage_format: u32,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    handouts: KeptHandouts,
}

pub fn encode(kept: &KeptHandouts) -> String {
    serde_json::to_string(&EnvelopeOut { storage_format: HANDOUT_STORAGE_FORMAT, handouts: kept }).expect("hand-outs always serialize")
}

/// What storage holds for an assessment; no entry (`None`) is nothing handed out.
pub fn decode(raw: Option<&str>) -> Result<KeptHandouts, SavedError> {
    let Some(raw) = raw else { return Ok(KeptHandouts::default()) };
    let head: EnvelopeHead = serde_json::from_str(raw).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    if head.storage_format > HANDOUT_STORAGE_FORMAT {
        return Err(SavedError::NewerFormat(head.storage_format));
    }
    if head.storage_format == 0 {
        return Err(SavedError::Unreadable("storage_format 0 is not a format".into()));
    }
    let envelope: EnvelopeIn = serde_json::from_str(raw).map_err(|e| SavedError::Unreadable(e.to_string()))?;
    Ok(envelope.handouts)
}

/// Just whom a förvaltning's copy was handed to and which groups: what its answering page needs.
/// Reads the same entry as [`decode`] but passes over the file's answers, so the answering page
/// (in the app's first module) carries no decoder for them. `None`: no hand-out received, or an
/// entry that cannot be read (the hand-out pages say why).
pub fn decode_received(raw: Option<&str>) -> Option<Assignment> {
    #[derive(Deserialize)]
    struct Envelope {
        storage_format: u32,
        handouts: Handouts,
    }
    #[derive(Deserialize)]
    struct Handouts {
        #[serde(default)]
        received: Option<Received>,
    }
    #[derive(Deserialize)]
    struct Received {
        recipient: String,
        groups: Vec<crate::sync::groups::GroupRef>,
    }
    let envelope: Envelope = serde_json::from_str(raw?).ok()?;
    if envelope.storage_format == 0 || envelope.storage_format > HANDOUT_STORAGE_FORMAT {
        return None;
    }
    envelope.handouts.received.map(|r| Assignment { recipient: r.recipient, groups: r.groups })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::handout::{export, GroupRef};

    fn assignment(recipient: &str, group: &str) -> Assignment {
        Assignment { recipient: recipient.into(), groups: vec![GroupRef::new("tjanster", group)] }
    }

    #[test]
    fn assignments_and_a_received_handout_round_trip() {
        let set = sample();
        let a = new_assessment();
        let mut kept = KeptHandouts::default();
        assert!(kept.is_empty());
        kept.remember(assignment("Utbildningsförvaltningen", "skola"));
        kept.remember(assignment("Socialförvaltningen", "omsorg"));
        kept.received = Some(export(&a, &set, &[GroupRef::new("it", "it")], "IT", Timestamp(3), "0").unwrap());
        let raw = encode(&kept);
        assert!(raw.starts_with("{\"storage_format\":1,"));
        assert_eq!(decode_received(Some(&raw)), kept.received.as_ref().map(HandoutFile::assignment));
        assert_eq!(decode(Some(&raw)), Ok(kept.clone()));
        kept.received = None;
        assert_eq!(decode_received(Some(&encode(&kept))), None);
        assert_eq!(decode_received(None), None);
        assert_eq!(decode_received(Some("{")), None);
        assert_eq!(decode_received(Some(&raw.replacen("\"storage_format\":1", "\"storage_format\":2", 1))), None, "newer");
    }

    #[test]
    fn handing_out_to_the_same_forvaltning_again_replaces_its_groups() {
        let mut kept = KeptHandouts::default();
        kept.remember(assignment("Utbildningsförvaltningen", "skola"));
        kept.remember(assignment("IT", "omsorg"));
        kept.remember(assignment(" utbildningsförvaltningen ", "omsorg"));
        let summary: Vec<(&str, &str)> = kept.assignments.iter().map(|a| (a.recipient.as_str(), a.groups[0].group.as_str())).collect();
        assert_eq!(summary, vec![(" utbildningsförvaltningen ", "omsorg"), ("IT", "omsorg")]);
        for i in 0..MAX_ASSIGNMENTS + 5 {
            kept.remember(assignment(&format!("F{i}"), "skola"));
        }
        assert_eq!(kept.assignments.len(), MAX_ASSIGNMENTS);
        assert_eq!(kept.assignments.last().unwrap().recipient, format!("F{}", MAX_ASSIGNMENTS + 4), "the oldest go first");
    }

    #[test]
    fn an_assessment_saved_before_handouts_loads_with_nothing_handed_out() {
        // Exactly what the app wrote before hand-outs existed: the assessment's envelope, no
        // hand-out entry beside it.
        let older = r#"{"storage_format":2,"assessment":{"id":"a1","title":"Örebro – test","kommun":{"code":"1880","name":"Örebro"},"population":null,"set":{"set":"test","version":"1"},"created":"2026-11-01T08:00:00Z","updated":"2026-11-02T09:30:00Z","meta_updated":"2026-11-01T08:00:00Z","approval":null,"responses":{"it.bredband":{"answer":"helt","comment":"","evidence":null,"review":null,"updated":"2026-11-02T09:30:00Z"}},"exported_at":null}}"#;
        let a = crate::answers::saved::decode(older).expect("older saved data still loads");
        assert_eq!(a.answer_of("it.bredband"), Some("helt"));
        assert_eq!(decode(None), Ok(KeptHandouts::default()));
        // An entry written before `received` existed, or by a browser that never received one.
        assert_eq!(decode(Some(r#"{"storage_format":1,"handouts":{}}"#)), Ok(KeptHandouts::default()));
    }

    #[test]
    fn newer_and_broken_entries_are_told_apart() {
        assert_eq!(decode(Some(r#"{"storage_format":2,"handouts":{}}"#)), Err(SavedError::NewerFormat(2)));
        assert!(matches!(decode(Some("{")), Err(SavedError::Unreadable(_))));
        assert!(matches!(decode(Some(r#"{"storage_format":0,"handouts":{}}"#)), Err(SavedError::Unreadable(_))));
        assert!(matches!(decode(Some(r#"{"storage_format":1,"handouts":{"assignments":3}}"#)), Err(SavedError::Unreadable(_))));
    }
}
