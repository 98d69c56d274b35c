//! The merged state of a shared assessment on one device: one register per field of each
//! indicator (and per fact of the assessment), each holding every value it was ever set to.
//!
//! The value with the latest [`Stamp`] is the register's current one; every other value stays in
//! its history with its author and stamp, so nothing anyone typed is silently gone. A register is
//! a set of entries ordered by stamp, so applying the same changes in any order, any number of
//! times, gives the same replica on every device (property-tested below).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::answers::assessment::{Assessment, KommunRef, Response};
use crate::answers::plan::Target as PlanTargetValue;
use crate::answers::timestamp::Timestamp;
use crate::sets::indicator_set::IndicatorSet;
use crate::sync::change::{Change, Envelope, Field, MetaField, Refusal, Target, Value, MAX_AUTHOR_CHARS};
use crate::sync::clock::{Clock, Stamp};
use crate::sync::diff::Edit;

/// Replaced values kept per register. The oldest beyond this are forgotten, which keeps a
/// snapshot bounded; "oldest" is by stamp, so every device forgets the same ones.
pub const MAX_HISTORY_PER_REGISTER: usize = 100;
/// The snapshot format this code writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;
/// The server keeps snapshots up to 2 MiB of ciphertext; a decrypted one larger than this is refused.
pub const MAX_SNAPSHOT_BYTES: usize = 2 * 1024 * 1024;

/// One value a register was set to: by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub stamp: Stamp,
    pub author: String,
    pub value: Value,
}

/// One register: its values in stamp order, the current one last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    entries: Vec<Entry>,
}

impl Register {
    /// The value that won: the one with the latest stamp.
    pub fn current(&self) -> &Entry {
        self.entries.last().expect("a register holds at least one entry")
    }

    /// The values it replaced, oldest first.
    pub fn replaced(&self) -> &[Entry] {
        &self.entries[..self.entries.len() - 1]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// What applying one change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// It is the register's value now.
    Won,
    /// A later value was already there: it went into the history.
    History,
    /// Already applied (the same change arrived twice): nothing changed.
    Duplicate,
    /// Older than the [`MAX_HISTORY_PER_REGISTER`] values kept: not kept (on any device).
    Forgotten,
}

/// A change that was refused, and why. Reported to the user, never applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedChange {
    pub author: String,
    pub change: Change,
    pub reason: Refusal,
}

impl fmt::Display for RefusedChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "change by {:?} to {:?} refused: {}", self.author, self.change.target, self.reason)
    }
}

/// What applying an envelope did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyReport {
    /// Registers whose current value changed (what the view should refresh).
    pub changed: Vec<Target>,
    /// Changes kept in history only, already known, or forgotten.
    pub unchanged: usize,
    pub refused: Vec<RefusedChange>,
    /// Set by [`Replica::receive`] when the sender's clock is more than a day ahead of ours:
    /// the author and by how much (the app may tell the user that device's clock is wrong).
    pub clock_ahead: Option<(String, u64)>,
}

/// One entry of an indicator's history or of "since you last looked".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen<'a> {
    pub target: &'a Target,
    pub entry: &'a Entry,
    /// Whether it is still the register's value (false: someone changed it again since).
    pub current: bool,
}

/// The merged state of one shared assessment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Replica {
    registers: BTreeMap<Target, Register>,
}

fn order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    // Equal stamps only come from a broken or hostile device; the tie still breaks the same
    // way everywhere.
    a.stamp.cmp(&b.stamp).then_with(|| a.author.cmp(&b.author)).then_with(|| {
        let json = |v: &Value| serde_json::to_string(v).expect("a value always serializes");
        json(&a.value).cmp(&json(&b.value))
    })
}

impl Replica {
    pub fn new() -> Replica {
        Replica::default()
    }

    /// Applies one change by `author`, after checking it against the set as a local edit would
    /// be checked ([`Change::check`]). The latest stamp wins; an older one goes to the history.
    pub fn apply(&mut self, set: &IndicatorSet, author: &str, change: &Change) -> Result<Applied, Refusal> {
        if author.chars().count() > MAX_AUTHOR_CHARS {
            return Err(Refusal::AuthorTooLong);
        }
        change.check(set)?;
        Ok(self.insert(author, change))
    }

    fn insert(&mut self, author: &str, change: &Change) -> Applied {
        let entry = Entry { stamp: change.stamp.clone(), author: author.to_string(), value: change.value.clone() };
        let Some(register) = self.registers.get_mut(&change.target) else {
            self.registers.insert(change.target.clone(), Register { entries: vec![entry] });
            return Applied::Won;
        };
        let at = match register.entries.binary_search_by(|e| order(e, &entry)) {
            Ok(_) => return Applied::Duplicate,
            Err(at) => at,
        };
        register.entries.insert(at, entry);
        let won = at == register.entries.len() - 1;
        if register.entries.len() > MAX_HISTORY_PER_REGISTER + 1 {
            register.entries.remove(0);
            if at == 0 {
                return Applied::Forgotten;
            }
        }
        if won {
            Applied::Won
        } else {
            Applied::History
        }
    }

    /// Applies every change of an envelope; refused ones are reported and the rest applied.
    pub fn apply_envelope(&mut self, set: &IndicatorSet, envelope: &Envelope) -> ApplyReport {
        let mut report = ApplyReport::default();
        for change in &envelope.changes {
            match self.apply(set, &envelope.author, change) {
                Ok(Applied::Won) => report.changed.push(change.target.clone()),
                Ok(_) => report.unchanged += 1,
                Err(reason) => report.refused.push(RefusedChange { author: envelope.author.clone(), change: change.clone(), reason }),
            }
        }
        report
    }

    /// [`Replica::apply_envelope`] for an envelope from another device, moving this device's
    /// clock past every stamp in it (bounded, see [`Clock::observe`]): what the app calls for
    /// everything the server sends.
    pub fn receive(&mut self, set: &IndicatorSet, envelope: &Envelope, clock: &mut Clock, physical_ms: u64) -> ApplyReport {
        let mut report = self.apply_envelope(set, envelope);
        for change in &envelope.changes {
            if let crate::sync::clock::Observed::Clamped { ahead_ms } = clock.observe(&change.stamp, physical_ms) {
                report.clock_ahead = Some((envelope.author.clone(), ahead_ms));
            }
        }
        report
    }

    /// Stamps local edits (from [`crate::sync::diff()`]), each after the value it replaces (see
    /// [`Clock::tick_past`]), applies them, and returns the envelope to send. All or nothing:
    /// if any edit is refused, none is applied and the clock has only moved forward.
    pub fn record(
        &mut self,
        set: &IndicatorSet,
        author: &str,
        edits: Vec<Edit>,
        clock: &mut Clock,
        physical_ms: u64,
    ) -> Result<Envelope, Box<RefusedChange>> {
        let changes: Vec<Change> = edits
            .into_iter()
            .map(|(target, value)| {
                let stamp = clock.tick_past(physical_ms, self.registers.get(&target).map(|r| &r.current().stamp));
                Change { stamp, target, value }
            })
            .collect();
        for change in &changes {
            let refused = |reason| Box::new(RefusedChange { author: author.to_string(), change: change.clone(), reason });
            if author.chars().count() > MAX_AUTHOR_CHARS {
                return Err(refused(Refusal::AuthorTooLong));
            }
            change.check(set).map_err(refused)?;
        }
        for change in &changes {
            self.insert(author, change);
        }
        Ok(Envelope::new(author, changes))
    }

    pub fn register(&self, target: &Target) -> Option<&Register> {
        self.registers.get(target)
    }

    pub fn registers(&self) -> impl Iterator<Item = (&Target, &Register)> {
        self.registers.iter()
    }

    fn of_indicator(&self, indicator_id: &str) -> impl Iterator<Item = (&Target, &Register)> + '_ {
        let from = Target::indicator(indicator_id, Field::ALL[0]);
        let id = indicator_id.to_string();
        self.registers.range(from..).take_while(move |(t, _)| t.indicator_id() == Some(id.as_str()))
    }

    /// Every value of the indicator's registers that was replaced, oldest first, with author
    /// and stamp: "what did it say before, and who changed it".
    pub fn history(&self, indicator_id: &str) -> Vec<Seen<'_>> {
        let mut seen: Vec<Seen<'_>> = self
            .of_indicator(indicator_id)
            .flat_map(|(target, r)| r.replaced().iter().map(move |entry| Seen { target, entry, current: false }))
            .collect();
        seen.sort_by(|a, b| order(a.entry, b.entry));
        seen
    }

    /// Who changed the indicator last, and when.
    pub fn last_change(&self, indicator_id: &str) -> Option<(&str, &Stamp)> {
        self.of_indicator(indicator_id).map(|(_, r)| r.current()).max_by(|a, b| order(a, b)).map(|e| (e.author.as_str(), &e.stamp))
    }

    /// The latest stamp of anything: what the app remembers as "where I last looked".
    pub fn latest(&self) -> Option<&Stamp> {
        self.registers.values().map(|r| &r.current().stamp).max()
    }

    /// Changes by other devices stamped after `seen` (everything when `None`), oldest first:
    /// "since you last looked". Stamps order changes, not arrival: a change made offline
    /// before `seen` and received later is not listed (the app can list by arrival instead).
    pub fn changed_since(&self, seen: Option<&Stamp>, except_device: &str) -> Vec<Seen<'_>> {
        let mut out: Vec<Seen<'_>> = self
            .registers
            .iter()
            .flat_map(|(target, r)| {
                let last = r.entries.len() - 1;
                r.entries.iter().enumerate().map(move |(i, entry)| Seen { target, entry, current: i == last })
            })
            .filter(|s| seen.is_none_or(|seen| s.entry.stamp > *seen) && s.entry.stamp.device != except_device)
            .collect();
        out.sort_by(|a, b| order(a.entry, b.entry));
        out
    }

    /// Changes by other devices that arrived after the server's `seen_seq`, in order of
    /// arrival (`arrivals`: the server's seq of each received change's stamp, as this device
    /// kept them): a change from a device with a wrong clock is listed where it arrived.
    /// Arrivals whose entry was forgotten (bounded history) are skipped.
    pub fn arrived_since(&self, arrivals: &[(u64, Stamp)], seen_seq: u64, except_device: &str) -> Vec<Seen<'_>> {
        let mut wanted: Vec<(u64, &Stamp)> =
            arrivals.iter().filter(|(seq, s)| *seq > seen_seq && s.device != except_device).map(|(seq, s)| (*seq, s)).collect();
        wanted.sort();
        // A change that arrived twice (a resend) is listed where it first arrived.
        let mut first = std::collections::BTreeSet::new();
        wanted.retain(|(_, s)| first.insert(*s));
        let mut by_stamp: BTreeMap<&Stamp, Vec<Seen<'_>>> = BTreeMap::new();
        for (target, r) in &self.registers {
            let last = r.entries.len() - 1;
            for (i, entry) in r.entries.iter().enumerate() {
                if wanted.iter().any(|(_, s)| *s == &entry.stamp) {
                    by_stamp.entry(&entry.stamp).or_default().push(Seen { target, entry, current: i == last });
                }
            }
        }
        wanted.iter().flat_map(|(_, s)| by_stamp.get(s).cloned().unwrap_or_default()).collect()
    }

    /// Merges a snapshot (another device's whole replica, or this browser's stored one) into
    /// this replica: every entry applied as a change, so merging is idempotent, commutes with
    /// changes and other snapshots, and never replaces what is here (an edit made before the
    /// stored replica was loaded stays). Refused entries are reported.
    pub fn merge(&mut self, set: &IndicatorSet, snapshot: &Snapshot) -> ApplyReport {
        let mut report = ApplyReport::default();
        for Authored { author, change } in &snapshot.entries {
            match self.apply(set, author, change) {
                Ok(Applied::Won) => report.changed.push(change.target.clone()),
                Ok(_) => report.unchanged += 1,
                Err(reason) => report.refused.push(RefusedChange { author: author.clone(), change: change.clone(), reason }),
            }
        }
        report
    }

    fn current(&self, target: &Target) -> Option<&Entry> {
        self.registers.get(target).map(Register::current)
    }

    /// The assessment the registers say, laid over `base` (this device's assessment: its id,
    /// created time and anything no register covers). Times are the stamps' wall times.
    pub fn to_assessment(&self, base: &Assessment) -> Assessment {
        let mut a = base.clone();
        for field in MetaField::ALL {
            let Some(entry) = self.current(&Target::Meta(field)) else { continue };
            a.meta_updated = a.meta_updated.max(entry.stamp.time());
            match (field, &entry.value) {
                (MetaField::Title, Value::Text(t)) => a.title = t.clone(),
                (MetaField::Population, Value::Number(n)) => a.population = Some(*n),
                (MetaField::Population, _) => a.population = None,
                (MetaField::Approval, Value::Text(t)) => a.approval = Some(t.clone()),
                (MetaField::Approval, _) => a.approval = None,
                (MetaField::Kommun, Value::Text(code)) => {
                    if let Some(k) = crate::kommuner::kommun::by_code(code) {
                        a.kommun = KommunRef { code: k.code.clone(), name: k.name.clone() };
                    }
                }
                _ => {}
            }
        }
        let mut at: Option<(&str, Response)> = None;
        for (target, register) in &self.registers {
            let Target::Indicator { id, field } = target else { continue };
            if at.as_ref().is_none_or(|(current, _)| *current != id.as_str()) {
                let next = (id.as_str(), a.responses.get(id).cloned().unwrap_or_default());
                finish_response(&mut a, at.replace(next));
            }
            let (_, response) = at.as_mut().expect("set just above");
            let entry = register.current();
            response.updated = response.updated.max(entry.stamp.time());
            set_field(response, *field, &entry.value);
        }
        finish_response(&mut a, at);
        a.updated = a.updated.max(a.meta_updated);
        a
    }

    /// A new assessment from the registers alone, for a device that joined by link: `None`
    /// until the share's set and kommun have arrived (the first envelope of a share has them).
    pub fn new_assessment(&self, id: String, now: Timestamp) -> Option<Assessment> {
        let set = match &self.current(&Target::Meta(MetaField::Set))?.value {
            Value::Set(r) => r.clone(),
            _ => return None,
        };
        let code = self.current(&Target::Meta(MetaField::Kommun))?.value.as_text()?;
        let kommun = crate::kommuner::kommun::by_code(code)?;
        let base = Assessment {
            id,
            title: String::new(),
            kommun: KommunRef { code: kommun.code.clone(), name: kommun.name.clone() },
            population: None,
            set,
            created: now,
            updated: Timestamp(0),
            meta_updated: Timestamp(0),
            approval: None,
            responses: BTreeMap::new(),
            exported_at: None,
        };
        Some(self.to_assessment(&base))
    }

    /// Everything this replica holds, for the server's snapshot (and for keeping it in the
    /// browser): restoring it gives an equal replica.
    pub fn snapshot(&self) -> Snapshot {
        let entries = self
            .registers
            .iter()
            .flat_map(|(target, r)| {
                r.entries.iter().map(move |e| Authored {
                    author: e.author.clone(),
                    change: Change { stamp: e.stamp.clone(), target: target.clone(), value: e.value.clone() },
                })
            })
            .collect();
        Snapshot { v: SNAPSHOT_VERSION, entries }
    }
}

fn finish_response(a: &mut Assessment, done: Option<(&str, Response)>) {
    if let Some((id, response)) = done {
        a.updated = a.updated.max(response.updated);
        a.responses.insert(id.to_string(), response);
    }
}

fn set_field(response: &mut Response, field: Field, value: &Value) {
    let text = || value.as_text().map(str::to_string);
    match field {
        Field::Answer => response.answer = text(),
        Field::Comment => response.comment = text().unwrap_or_default(),
        Field::Evidence => response.evidence = text(),
        Field::Review => {
            response.review = match value {
                Value::Review(r) => Some(r.clone()),
                _ => None,
            }
        }
        Field::PlanTarget => match text() {
            Some(answer) => {
                let year = response.plan.target.as_ref().and_then(|t| t.year);
                response.plan.target = Some(PlanTargetValue { answer, year });
            }
            None => response.plan.target = None,
        },
        Field::PlanYear => {
            if let Some(target) = &mut response.plan.target {
                target.year = match value {
                    Value::Year(y) => Some(*y),
                    _ => None,
                };
            }
        }
        Field::PlanResponsible => response.plan.responsible = text().unwrap_or_default(),
        Field::PlanAction => response.plan.action = text().unwrap_or_default(),
        Field::PlanStatus => {
            response.plan.status = match value {
                Value::Status(s) => Some(*s),
                _ => None,
            }
        }
        Field::PlanEarlier => {
            response.plan.earlier = match value {
                Value::Earlier(e) => Some(e.clone()),
                _ => None,
            }
        }
    }
}

/// A change with its author: one entry of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authored {
    pub author: String,
    pub change: Change,
}

/// A whole replica as JSON: what the app encrypts for `PUT …/snapshot` and keeps locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub v: u32,
    pub entries: Vec<Authored>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    #[error("the snapshot is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the snapshot is not readable: {0}")]
    Unreadable(String),
    #[error("snapshot format {0} is not one this app reads ({SNAPSHOT_VERSION})")]
    UnsupportedVersion(u32),
}

impl Snapshot {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot always serializes")
    }

    pub fn parse(json: &str) -> Result<Snapshot, SnapshotError> {
        if json.len() > MAX_SNAPSHOT_BYTES {
            return Err(SnapshotError::TooLarge { size: json.len(), limit: MAX_SNAPSHOT_BYTES });
        }
        let snapshot: Snapshot = serde_json::from_str(json).map_err(|e| SnapshotError::Unreadable(e.to_string()))?;
        if snapshot.v != SNAPSHOT_VERSION {
            return Err(SnapshotError::UnsupportedVersion(snapshot.v));
        }
        Ok(snapshot)
    }

    /// The replica it holds, every entry checked as a change from another device would be.
    pub fn restore(&self, set: &IndicatorSet) -> (Replica, Vec<RefusedChange>) {
        let mut replica = Replica::new();
        let mut refused = Vec::new();
        for Authored { author, change } in &self.entries {
            if let Err(reason) = replica.apply(set, author, change) {
                refused.push(RefusedChange { author: author.clone(), change: change.clone(), reason });
            }
        }
        (replica, refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::assessment::{AssessmentError, ResponseChange};
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::clock::Observed;
    use crate::sync::diff::{diff, initial_edits};
    use proptest::prelude::*;

    const HOUR: u64 = 3_600_000;
    const NOW: u64 = 1_800_000_000_000;

    fn answer(id: &str, key: Option<&str>, stamp: Stamp) -> Change {
        Change { stamp, target: Target::indicator(id, Field::Answer), value: Value::text_or_empty(key) }
    }

    fn stamp(wall_ms: u64, counter: u32, device: &str) -> Stamp {
        Stamp { wall_ms, counter, device: device.into() }
    }

    #[test]
    fn the_latest_stamp_wins_and_the_replaced_value_stays_with_its_author() {
        let set = sample();
        let mut r = Replica::new();
        assert_eq!(r.apply(&set, "Anna", &answer("it.bredband", Some("delvis"), stamp(10, 0, "a"))), Ok(Applied::Won));
        assert_eq!(r.apply(&set, "Bo", &answer("it.bredband", Some("helt"), stamp(20, 0, "b"))), Ok(Applied::Won));
        assert_eq!(r.apply(&set, "Cia", &answer("it.bredband", Some("inte"), stamp(15, 0, "c"))), Ok(Applied::History));
        assert_eq!(r.apply(&set, "Cia", &answer("it.bredband", Some("inte"), stamp(15, 0, "c"))), Ok(Applied::Duplicate));
        assert_eq!(r.to_assessment(&new_assessment()).answer_of("it.bredband"), Some("helt"));
        let history: Vec<(&str, &Value)> = r.history("it.bredband").iter().map(|s| (s.entry.author.as_str(), &s.entry.value)).collect();
        assert_eq!(history, vec![("Anna", &Value::Text("delvis".into())), ("Cia", &Value::Text("inte".into()))]);
        assert_eq!(r.last_change("it.bredband"), Some(("Bo", &stamp(20, 0, "b"))));
        assert_eq!(r.last_change("it.tvafaktor"), None);
    }

    #[test]
    fn a_refused_change_is_reported_and_leaves_no_trace() {
        let set = sample();
        let mut r = Replica::new();
        let envelope = Envelope::new(
            "Bo",
            vec![
                answer("it.bredband", Some("helt"), stamp(1, 0, "b")),
                answer("finns.inte", Some("helt"), stamp(2, 0, "b")),
                answer("it.tvafaktor", Some("kanske"), stamp(3, 0, "b")),
            ],
        );
        let report = r.apply_envelope(&set, &envelope);
        assert_eq!(report.changed, vec![Target::indicator("it.bredband", Field::Answer)]);
        assert_eq!(report.refused.len(), 2);
        assert_eq!(report.refused[0].reason, Refusal::Invalid(AssessmentError::UnknownIndicator("finns.inte".into())));
        assert_eq!(
            report.refused[0].to_string(),
            "change by \"Bo\" to Indicator { id: \"finns.inte\", field: Answer } refused: unknown indicator \"finns.inte\""
        );
        assert!(matches!(report.refused[1].reason, Refusal::Invalid(AssessmentError::UnknownAnswer { .. })));
        assert_eq!(r.registers().count(), 1);
    }

    #[test]
    fn skewed_clocks_order_seen_edits_causally_and_concurrent_ones_alike_everywhere() {
        let set = sample();
        let base = new_assessment();
        // Device "slow" runs an hour behind, "fast" an hour ahead of the real time.
        let (mut slow, mut fast) = (Clock::new("slow"), Clock::new("fast"));
        let (mut on_slow, mut on_fast) = (Replica::new(), Replica::new());
        let first = on_fast
            .record(&set, "Fia", vec![(Target::indicator("it.bredband", Field::Answer), Value::Text("inte".into()))], &mut fast, NOW + HOUR)
            .unwrap();
        assert_eq!(on_slow.receive(&set, &first, &mut slow, NOW - HOUR).clock_ahead, None, "two hours apart is no wrong clock");
        // Slow saw it and changes it a minute later: its edit must win, though its clock says earlier.
        let second = on_slow
            .record(
                &set,
                "Sam",
                vec![(Target::indicator("it.bredband", Field::Answer), Value::Text("helt".into()))],
                &mut slow,
                NOW - HOUR + 60_000,
            )
            .unwrap();
        on_fast.apply_envelope(&set, &second);
        for r in [&on_slow, &on_fast] {
            assert_eq!(r.to_assessment(&base).answer_of("it.bredband"), Some("helt"));
            assert_eq!(r.last_change("it.bredband").map(|(a, _)| a), Some("Sam"));
            assert_eq!(r.history("it.bredband")[0].entry.author, "Fia");
        }
        // Both edit the comment offline at the same real time; each then gets the other's.
        let c = |text: &str| vec![(Target::indicator("it.bredband", Field::Comment), Value::Text(text.into()))];
        let from_slow = on_slow.record(&set, "Sam", c("långsam"), &mut slow, NOW + 120_000 - HOUR).unwrap();
        let from_fast = on_fast.record(&set, "Fia", c("snabb"), &mut fast, NOW + 120_000 + HOUR).unwrap();
        on_slow.apply_envelope(&set, &from_fast);
        on_fast.apply_envelope(&set, &from_slow);
        assert_eq!(on_slow, on_fast, "the same replica on both");
        assert_eq!(on_slow.to_assessment(&base), on_fast.to_assessment(&base));
        let comment = &on_slow.register(&Target::indicator("it.bredband", Field::Comment)).unwrap();
        assert_eq!(comment.replaced().len(), 1, "the losing comment is kept in the history");
    }

    #[test]
    fn a_device_with_next_years_clock_cannot_keep_its_value_over_later_edits() {
        let set = sample();
        let mut wrong = Clock::new("wrong");
        let mut right = Clock::new("right");
        let mut r = Replica::new();
        let bad = r
            .record(
                &set,
                "Ulf",
                vec![(Target::indicator("it.bredband", Field::Answer), Value::Text("inte".into()))],
                &mut wrong,
                NOW + 365 * 24 * HOUR,
            )
            .unwrap();
        let mut elsewhere = Replica::new();
        assert_eq!(elsewhere.receive(&set, &bad, &mut right, NOW).clock_ahead, Some(("Ulf".to_string(), 365 * 24 * HOUR)));
        assert_eq!(right.observe(&bad.changes[0].stamp, NOW), Observed::Clamped { ahead_ms: 365 * 24 * HOUR });
        r.record(&set, "Eva", vec![(Target::indicator("it.bredband", Field::Answer), Value::Text("helt".into()))], &mut right, NOW + 1)
            .unwrap();
        assert_eq!(r.to_assessment(&new_assessment()).answer_of("it.bredband"), Some("helt"), "an edit made after seeing it wins");
        assert!(right.tick(NOW + 2).wall_ms <= NOW + 2 + crate::sync::clock::MAX_AHEAD_MS, "and the clock stayed near the real time");
    }

    #[test]
    fn local_edits_through_change_response_round_trip_through_the_replica() {
        let set = sample();
        let mut clock = Clock::new("d1");
        let mut r = Replica::new();
        let mut local = new_assessment();
        let share = r.record(&set, "Anna", initial_edits(&local), &mut clock, NOW).unwrap();
        assert_eq!(share.set_ref(), Some(&local.set));
        let before = local.clone();
        local.answer(&set, "it.bredband", Some("delvis"), Timestamp(NOW as i64)).unwrap();
        local
            .change(
                &set,
                "it.bredband",
                ResponseChange::Plan(crate::answers::plan::PlanChange::Target(Some("helt"))),
                Timestamp(NOW as i64),
            )
            .unwrap();
        local
            .change(&set, "it.bredband", ResponseChange::Plan(crate::answers::plan::PlanChange::Year(Some(2027))), Timestamp(NOW as i64))
            .unwrap();
        local.rename("Delad värdering", Timestamp(NOW as i64)).unwrap();
        let sent = r.record(&set, "Anna", diff(&before, &local), &mut clock, NOW + 5).unwrap();
        assert_eq!(sent.changes.len(), 4);
        // Another device joining by link builds the same assessment from the envelopes alone.
        let mut joined = Replica::new();
        for e in [&share, &sent] {
            let e = Envelope::parse(&e.to_json()).unwrap();
            assert!(joined.apply_envelope(&set, &e).refused.is_empty());
        }
        let theirs = joined.new_assessment("x".into(), Timestamp(0)).unwrap();
        assert_eq!(theirs.title, "Delad värdering");
        assert_eq!((theirs.kommun.name.as_str(), theirs.population, &theirs.set), ("Örebro", Some(160_000), &local.set));
        let response = theirs.response("it.bredband").unwrap();
        assert_eq!(response.answer.as_deref(), Some("delvis"));
        assert_eq!(response.plan.target.as_ref().map(|t| (t.answer.as_str(), t.year)), Some(("helt", Some(2027))));
        // A refused local edit leaves the replica as it was.
        let kept = r.clone();
        let refused = r
            .record(&set, "Anna", vec![(Target::indicator("nope", Field::Comment), Value::Text("x".into()))], &mut clock, NOW + 6)
            .unwrap_err();
        assert_eq!(refused.reason, Refusal::Invalid(AssessmentError::UnknownIndicator("nope".into())));
        assert_eq!(r, kept);
    }

    #[test]
    fn since_you_last_looked_lists_what_others_did_after_that_point() {
        let set = sample();
        let mut r = Replica::new();
        r.apply(&set, "Jag", &answer("it.bredband", Some("helt"), stamp(10, 0, "me"))).unwrap();
        r.apply(&set, "Bo", &answer("it.tvafaktor", Some("inte"), stamp(11, 0, "bo"))).unwrap();
        let looked = r.latest().cloned().unwrap();
        r.apply(&set, "Bo", &answer("it.bredband", Some("delvis"), stamp(12, 0, "bo"))).unwrap();
        r.apply(&set, "Bo", &answer("it.bredband", Some("inte"), stamp(13, 0, "bo"))).unwrap();
        r.apply(&set, "Jag", &answer("it.tvafaktor", Some("helt"), stamp(14, 0, "me"))).unwrap();
        let since: Vec<(&str, &Value, bool)> =
            r.changed_since(Some(&looked), "me").iter().map(|s| (s.entry.author.as_str(), &s.entry.value, s.current)).collect();
        assert_eq!(since, vec![("Bo", &Value::Text("delvis".into()), false), ("Bo", &Value::Text("inte".into()), true)]);
        assert_eq!(r.changed_since(None, "me").len(), 3);
    }

    #[test]
    fn a_snapshot_restores_an_equal_replica_and_checks_what_it_restores() {
        let set = sample();
        let mut r = Replica::new();
        r.apply(&set, "Anna", &answer("it.bredband", Some("helt"), stamp(10, 0, "a"))).unwrap();
        r.apply(&set, "Bo", &answer("it.bredband", None, stamp(11, 0, "b"))).unwrap();
        let json = r.snapshot().to_json();
        let (restored, refused) = Snapshot::parse(&json).unwrap().restore(&set);
        assert_eq!((restored, refused), (r.clone(), vec![]));
        let tampered = json.replace("it.bredband", "it.finns-inte");
        assert_eq!(Snapshot::parse(&tampered).unwrap().restore(&set).1.len(), 2);
        assert_eq!(Snapshot::parse(&json.replacen("\"v\":1", "\"v\":2", 1)), Err(replica_error(2)));
        assert!(matches!(Snapshot::parse("[]"), Err(SnapshotError::Unreadable(_))));
    }

    #[test]
    fn since_you_last_looked_by_arrival_lists_a_wrong_clocks_change_where_it_arrived() {
        let set = sample();
        let mut r = Replica::new();
        // Bo's clock is a year behind: his change, arriving last (seq 3), is stamped first.
        let year = 365 * 24 * HOUR;
        let arrivals = [(1, stamp(NOW, 0, "me")), (2, stamp(NOW + 1, 0, "cia")), (3, stamp(NOW - year, 0, "bo"))];
        r.apply(&set, "Jag", &answer("it.bredband", Some("helt"), arrivals[0].1.clone())).unwrap();
        r.apply(&set, "Cia", &answer("it.tvafaktor", Some("inte"), arrivals[1].1.clone())).unwrap();
        let seen_stamp = r.latest().cloned();
        let seen_seq = 2;
        r.apply(&set, "Bo", &answer("it.bredband", Some("delvis"), arrivals[2].1.clone())).unwrap();
        // By stamp, Bo's change is before what was seen and never shows.
        assert!(r.changed_since(seen_stamp.as_ref(), "me").is_empty());
        let since: Vec<(&str, bool)> =
            r.arrived_since(&arrivals, seen_seq, "me").iter().map(|s| (s.entry.author.as_str(), s.current)).collect();
        assert_eq!(since, vec![("Bo", false)]);
        // In arrival order, not stamp order; own changes and duplicates left out.
        let mut twice = arrivals.to_vec();
        twice.push((4, arrivals[1].1.clone()));
        let all: Vec<&str> = r.arrived_since(&twice, 0, "me").iter().map(|s| s.entry.author.as_str()).collect();
        assert_eq!(all, vec!["Cia", "Bo"]);
    }

    #[test]
    fn loading_the_stored_replica_after_a_local_edit_merges_and_keeps_the_edit() {
        let set = sample();
        // Stored in the browser: a remote answer for it.bredband.
        let mut stored = Replica::new();
        stored.apply(&set, "Bo", &answer("it.bredband", Some("helt"), stamp(NOW, 0, "bo"))).unwrap();
        let stored_json = stored.snapshot().to_json();
        // The session starts: the user answers it.tvafaktor before the stored replica is read.
        let before = new_assessment();
        let mut after = before.clone();
        after.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(NOW as i64)).unwrap();
        let mut clock = Clock::new("me");
        let mut live = Replica::new();
        let envelope = live.record(&set, "Jag", diff(&before, &after), &mut clock, NOW + 5).unwrap();
        assert_eq!(envelope.changes.len(), 1);
        // Loading merges the stored replica, never replaces the live one.
        let report = live.merge(&set, &Snapshot::parse(&stored_json).unwrap());
        assert_eq!(report.changed, vec![Target::indicator("it.bredband", Field::Answer)]);
        let merged = live.to_assessment(&after);
        assert_eq!(merged.answer_of("it.tvafaktor"), Some("inte"));
        assert_eq!(merged.answer_of("it.bredband"), Some("helt"));
        // Twice is the same as once.
        let again = live.clone();
        live.merge(&set, &Snapshot::parse(&stored_json).unwrap());
        assert_eq!(live, again);
    }

    fn replica_error(v: u32) -> SnapshotError {
        SnapshotError::UnsupportedVersion(v)
    }

    #[test]
    fn history_is_bounded_and_forgets_the_same_oldest_values_everywhere() {
        let set = sample();
        let changes: Vec<Change> =
            (0..(MAX_HISTORY_PER_REGISTER as u64 + 5)).map(|i| answer("it.bredband", Some("helt"), stamp(i, 0, "a"))).collect();
        let mut forward = Replica::new();
        let mut backward = Replica::new();
        for c in &changes {
            forward.apply(&set, "A", c).unwrap();
        }
        let mut outcomes = Vec::new();
        for c in changes.iter().rev() {
            outcomes.push(backward.apply(&set, "A", c).unwrap());
        }
        assert_eq!(forward, backward);
        assert_eq!(forward.history("it.bredband").len(), MAX_HISTORY_PER_REGISTER);
        assert_eq!(outcomes.iter().filter(|o| **o == Applied::Forgotten).count(), 4);
    }

    fn arb_change() -> impl Strategy<Value = (usize, Change)> {
        let ids = ["it.bredband", "it.tvafaktor", "tjanster.omsorg.larm", "okänd"];
        let values = prop_oneof![
            Just((Field::Answer, Value::Empty)),
            prop::sample::select(vec!["helt", "delvis", "inte", "ja"]).prop_map(|k| (Field::Answer, Value::Text(k.into()))),
            "[a-zå ]{0,6}".prop_map(|t| (Field::Comment, Value::Text(t))),
            prop::sample::select(vec!["helt", "delvis"]).prop_map(|k| (Field::PlanTarget, Value::Text(k.into()))),
            (1990u16..2110).prop_map(|y| (Field::PlanYear, Value::Year(y))),
        ];
        (0usize..2, prop::sample::select(ids.to_vec()), values, 0u64..8, 0u32..2, prop::sample::select(vec!["a", "b", "c"])).prop_map(
            |(author, id, (field, value), wall, counter, device)| {
                (author, Change { stamp: stamp(NOW + wall, counter, device), target: Target::indicator(id, field), value })
            },
        )
    }

    type ByAuthor = Vec<(usize, Change)>;

    fn changes_and_reorder() -> impl Strategy<Value = (ByAuthor, ByAuthor)> {
        prop::collection::vec(arb_change(), 0..40).prop_flat_map(|changes| {
            let n = changes.len().max(1);
            (Just(changes.clone()), prop::collection::vec(0..n, 0..10), Just(changes).prop_shuffle()).prop_map(
                |(changes, dups, mut shuffled)| {
                    // Some changes arrive twice (a resend after a dropped connection).
                    for d in dups.into_iter().filter(|d| *d < changes.len()) {
                        shuffled.push(changes[d].clone());
                    }
                    (changes, shuffled)
                },
            )
        })
    }

    proptest! {
        #[test]
        fn any_order_and_any_repetition_give_the_same_replica((changes, reordered) in changes_and_reorder()) {
            let set = sample();
            let authors = ["Anna", "Bo"];
            let run = |list: &[(usize, Change)]| {
                let mut r = Replica::new();
                let mut refused = 0;
                for (author, change) in list {
                    if r.apply(&set, authors[*author], change).is_err() {
                        refused += 1;
                    }
                }
                (r, refused)
            };
            let (one, refused_one) = run(&changes);
            let (other, _) = run(&reordered);
            prop_assert_eq!(&one, &other);
            prop_assert_eq!(one.to_assessment(&new_assessment()), other.to_assessment(&new_assessment()));
            // Nothing accepted is lost: every distinct accepted change is in some register.
            let kept: usize = one.registers().map(|(_, r)| r.entries().len()).sum();
            let mut distinct: Vec<(usize, &Change)> = changes.iter().filter(|(a, c)| c.check(&set).is_ok() && !authors[*a].is_empty()).map(|(a, c)| (*a, c)).collect();
            distinct.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
            distinct.dedup();
            prop_assert_eq!(kept, distinct.len());
            prop_assert_eq!(changes.len() - refused_one, changes.iter().filter(|(_, c)| c.check(&set).is_ok()).count());
            // Each register's value is its latest-stamped entry.
            for (target, register) in one.registers() {
                let latest = changes.iter().filter(|(_, c)| &c.target == target && c.check(&set).is_ok()).map(|(_, c)| &c.stamp).max();
                prop_assert_eq!(Some(&register.current().stamp), latest);
            }
            // And the snapshot of either restores to the same.
            prop_assert_eq!(Snapshot::parse(&other.snapshot().to_json()).unwrap().restore(&set).0, one);
        }
    }

    proptest! {
        #[test]
        fn a_snapshot_and_changes_in_any_order_give_the_same_replica(
            (changes, reordered) in changes_and_reorder(),
            cut in 0usize..40,
            snapshot_at in 0usize..60,
        ) {
            let set = sample();
            let authors = ["Anna", "Bo"];
            let mut all = Replica::new();
            for (a, c) in &changes {
                let _ = all.apply(&set, authors[*a], c);
            }
            // One device snapshots what it had after the first `cut` changes …
            let mut writer = Replica::new();
            for (a, c) in changes.iter().take(cut) {
                let _ = writer.apply(&set, authors[*a], c);
            }
            let snapshot = Snapshot::parse(&writer.snapshot().to_json()).unwrap();
            // … another receives every change (reordered, some twice) with the snapshot anywhere
            // among them, and the snapshot again at the end.
            let mut reader = Replica::new();
            let at = snapshot_at.min(reordered.len());
            for (a, c) in &reordered[..at] {
                let _ = reader.apply(&set, authors[*a], c);
            }
            reader.merge(&set, &snapshot);
            for (a, c) in &reordered[at..] {
                let _ = reader.apply(&set, authors[*a], c);
            }
            prop_assert_eq!(&reader, &all);
            reader.merge(&set, &snapshot);
            prop_assert_eq!(&reader, &all);
            // A fresh device from the snapshot plus only the changes after the cut: the same.
            let mut fresh = Replica::new();
            fresh.merge(&set, &snapshot);
            for (a, c) in changes.iter().skip(cut) {
                let _ = fresh.apply(&set, authors[*a], c);
            }
            prop_assert_eq!(&fresh, &all);
        }
    }

    /// One step of two devices working on one share: an edit of one register, with or without
    /// first receiving everything the other device sent.
    fn arb_steps() -> impl Strategy<Value = Vec<(usize, usize, usize, bool)>> {
        prop::collection::vec((0usize..2, 0usize..2, 0usize..3, any::<bool>()), 1..30)
    }

    proptest! {
        #[test]
        fn devices_with_skewed_clocks_converge_and_an_edit_made_after_seeing_all_wins(
            skews in (-400i64 * 24..400 * 24, -400i64 * 24..400 * 24),
            steps in arb_steps(),
        ) {
            let set = sample();
            let ids = ["it.bredband", "it.tvafaktor"];
            let keys = ["helt", "delvis", "inte"];
            let skew = [skews.0 * HOUR as i64, skews.1 * HOUR as i64];
            let mut clocks = [Clock::new("a"), Clock::new("b")];
            let mut replicas = [Replica::new(), Replica::new()];
            let mut sent: [Vec<Envelope>; 2] = [vec![], vec![]];
            // Edits are numbered; per register the numbers of its edits, per device the ones it has seen.
            let mut edits_of: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            let mut seen: [Vec<usize>; 2] = [vec![], vec![]];
            let mut made_by: [Vec<usize>; 2] = [vec![], vec![]];
            // Per register: the last edit's value and whether its device had seen every earlier edit of it.
            let mut last: BTreeMap<&str, (&str, bool)> = BTreeMap::new();
            for (t, (device, id, key, sync_first)) in steps.into_iter().enumerate() {
                let other = 1 - device;
                let physical = (NOW as i64 + t as i64 * 60_000 + skew[device]) as u64;
                if sync_first {
                    for e in &sent[other] {
                        for c in &e.changes {
                            clocks[device].observe(&c.stamp, physical);
                        }
                        prop_assert!(replicas[device].apply_envelope(&set, e).refused.is_empty());
                    }
                    let theirs = made_by[other].clone();
                    seen[device].extend(theirs);
                }
                let causal = edits_of.get(ids[id]).is_none_or(|earlier| earlier.iter().all(|n| seen[device].contains(n)));
                let edit = vec![(Target::indicator(ids[id], Field::Answer), Value::Text(keys[key].into()))];
                let e = replicas[device].record(&set, "x", edit, &mut clocks[device], physical).unwrap();
                sent[device].push(e);
                edits_of.entry(ids[id]).or_default().push(t);
                seen[device].push(t);
                made_by[device].push(t);
                last.insert(ids[id], (keys[key], causal));
            }
            for device in 0..2 {
                for e in &sent[1 - device] {
                    replicas[device].apply_envelope(&set, e);
                }
            }
            prop_assert_eq!(&replicas[0], &replicas[1]);
            let merged = replicas[0].to_assessment(&new_assessment());
            prop_assert_eq!(&merged, &replicas[1].to_assessment(&new_assessment()));
            for (id, (key, causal)) in last {
                if causal {
                    prop_assert_eq!(merged.answer_of(id), Some(key), "the last edit of {} was made after seeing all others", id);
                }
            }
        }
    }
}
