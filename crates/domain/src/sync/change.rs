//! What travels between devices: a [`Change`] sets one register (one field of one indicator, or
//! one fact about the assessment) to a value, stamped by a [`Stamp`]; an [`Envelope`] carries the
//! changes of one user action with the author's name. The envelope's JSON is what the app
//! encrypts, so everything here round-trips through serde.
//!
//! A remote change is checked exactly as a local one would be ([`Change::check`], through
//! [`change_response`] and [`check_plan`]): a change naming an unknown indicator, an answer off
//! the scale or an overlong text is refused and reported, never applied.

use serde::{Deserialize, Serialize};

use crate::answers::assessment::{change_response, AssessmentError, Response, ResponseChange, Review, MAX_TITLE_CHARS};
use crate::answers::free_text::{forbidden_char, Lines};
use crate::answers::plan::{check_plan, EarlierTarget, Plan, PlanError, PlanStatus, Target as PlanTargetValue, TARGET_YEARS};
use crate::answers::timestamp::Timestamp;
use crate::answers::web_link::{normalise_link, LinkError};
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;
use crate::sync::clock::{Stamp, MAX_DEVICE_CHARS};
use crate::sync::progress::{Assignment, MAX_HANDOUT_GROUPS, MAX_RECIPIENT_CHARS};

/// The envelope format this code writes and reads.
pub const ENVELOPE_VERSION: u32 = 1;
/// "Anna, socialförvaltningen": a name, not an essay.
pub const MAX_AUTHOR_CHARS: usize = 200;
/// One user action is a handful of changes; a larger batch is split (see [`Envelope::split`]).
pub const MAX_CHANGES_PER_ENVELOPE: usize = 500;
/// A decrypted envelope larger than this is refused before it is parsed.
pub const MAX_ENVELOPE_BYTES: usize = 64 * 1024;
/// The largest envelope JSON the server takes as one change: it takes 32 KiB of ciphertext
/// bytes, i.e. nonce (12) + ciphertext (as long as the JSON) + tag (16). Pass this to
/// [`Envelope::split`].
pub const MAX_SENT_ENVELOPE_BYTES: usize = 32 * 1024 - 12 - 16;

/// One field of one indicator's response: the unit that merges (one register each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Answer,
    Comment,
    Evidence,
    Review,
    PlanTarget,
    PlanYear,
    PlanResponsible,
    PlanAction,
    PlanStatus,
    /// The target carried over from last year's assessment (extension of the contract: without
    /// it a shared copy of a duplicated assessment would lose "was the target reached?").
    PlanEarlier,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Answer,
        Field::Comment,
        Field::Evidence,
        Field::Review,
        Field::PlanTarget,
        Field::PlanYear,
        Field::PlanResponsible,
        Field::PlanAction,
        Field::PlanStatus,
        Field::PlanEarlier,
    ];
}

/// Facts about the whole assessment, each merged on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaField {
    Title,
    Population,
    Approval,
    Kommun,
    /// The set version the share answers (extension of the contract): the first envelope of a
    /// share carries it, so a device joining by link knows which set to load, and a change
    /// naming another version is refused.
    Set,
}

impl MetaField {
    pub const ALL: [MetaField; 5] = [MetaField::Title, MetaField::Population, MetaField::Approval, MetaField::Kommun, MetaField::Set];
}

/// Which register a change sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Indicator {
        id: String,
        field: Field,
    },
    Meta(MetaField),
    /// Groups handed to a förvaltning by link (extension of the contract), one register per
    /// förvaltning: `recipient` is its name as [`Assignment::key`] makes it, so handing the same
    /// förvaltning other groups replaces its groups, and two editors handing out to different
    /// förvaltningar at once both keep theirs. Every editor of the share sees the hand-outs
    /// (the strategist's overview shows their progress). Envelopes written before this variant
    /// existed never hold it, so they read as before.
    Handout {
        recipient: String,
    },
}

impl Target {
    pub fn indicator(id: &str, field: Field) -> Target {
        Target::Indicator { id: id.to_string(), field }
    }

    /// The indicator this register belongs to, if any.
    pub fn indicator_id(&self) -> Option<&str> {
        match self {
            Target::Indicator { id, .. } => Some(id),
            Target::Meta(_) | Target::Handout { .. } => None,
        }
    }
}

/// A register's new value. `Empty` clears (no answer, no link, no target …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    Empty,
    /// Answer keys, comments, links, names, target answers, titles, kommun codes.
    Text(String),
    Year(u16),
    Number(u32),
    Status(PlanStatus),
    Review(Review),
    Earlier(EarlierTarget),
    Set(SetRef),
    /// A link hand-out: the förvaltning's name as typed, and its groups.
    Assignment(Assignment),
}

impl Value {
    /// `Empty` for `None`, the text otherwise.
    pub fn text_or_empty(text: Option<&str>) -> Value {
        text.map_or(Value::Empty, |t| Value::Text(t.to_string()))
    }

    /// The text, for text-valued registers (`None` when empty or not text).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Value::Empty => "empty",
            Value::Text(_) => "text",
            Value::Year(_) => "year",
            Value::Number(_) => "number",
            Value::Status(_) => "status",
            Value::Review(_) => "review",
            Value::Earlier(_) => "earlier",
            Value::Set(_) => "set",
            Value::Assignment(_) => "assignment",
        }
    }
}

/// One register set to one value at one stamp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub stamp: Stamp,
    pub target: Target,
    pub value: Value,
}

/// Why a change was refused: the same reasons a local edit is refused for, plus the ones only a
/// file or another device can produce.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{0}")]
    Invalid(#[from] AssessmentError),
    #[error("a {kind} value does not fit {target}")]
    WrongKind { target: String, kind: &'static str },
    #[error("the change is for set {set} version {version}, not this one")]
    OtherSet { set: String, version: String },
    #[error("device id {0:?} is empty or longer than {MAX_DEVICE_CHARS} characters")]
    BadDevice(String),
    #[error("author name is longer than {MAX_AUTHOR_CHARS} characters")]
    AuthorTooLong,
    /// A text a local edit could not have made (crate::answers::free_text): it would be refused in
    /// every result file exported from it.
    /// A link hand-out that a hand-out link could not have made.
    #[error("the hand-out is not one: {0}")]
    BadHandout(String),
    #[error("the text contains the character U+{code:04X}, which is not allowed (control characters and bidirectional overrides)")]
    BadCharacter { code: u32 },
}

impl From<PlanError> for Refusal {
    fn from(e: PlanError) -> Refusal {
        Refusal::Invalid(AssessmentError::Plan(e))
    }
}

impl Change {
    /// The first character of the change's text that its field may not hold: comments and
    /// actions are multi-line, every other text one line.
    fn forbidden_char(&self) -> Option<char> {
        let lines = match self.target {
            Target::Indicator { field: Field::Comment | Field::PlanAction, .. } => Lines::Many,
            _ => Lines::One,
        };
        match &self.value {
            Value::Text(text) => forbidden_char(text, lines),
            Value::Review(review) => forbidden_char(&review.from_version, Lines::One).or_else(|| {
                review
                    .earlier
                    .iter()
                    .find_map(|e| forbidden_char(&e.indicator, Lines::One).or_else(|| forbidden_char(&e.comment, Lines::Many)))
            }),
            Value::Assignment(a) => forbidden_char(&a.recipient, Lines::One),
            _ => None,
        }
    }

    /// Checks the change against the set with the rules a local edit goes through. Depends on
    /// nothing but the change and the set, so every device refuses the same changes.
    pub fn check(&self, set: &IndicatorSet) -> Result<(), Refusal> {
        if self.stamp.device.is_empty() || self.stamp.device.chars().count() > MAX_DEVICE_CHARS {
            return Err(Refusal::BadDevice(self.stamp.device.chars().take(MAX_DEVICE_CHARS).collect()));
        }
        if let Some(c) = self.forbidden_char() {
            return Err(Refusal::BadCharacter { code: u32::from(c) });
        }
        let wrong = || Refusal::WrongKind { target: format!("{:?}", self.target), kind: self.value.kind() };
        match &self.target {
            Target::Meta(field) => check_meta(set, *field, &self.value, wrong),
            Target::Handout { recipient } => check_handout(set, recipient, &self.value, wrong),
            Target::Indicator { id, field } => {
                // A real edit of an empty response: checks the indicator and the value.
                let blank = Response::default();
                let edit = |change: ResponseChange<'_>| change_response(set, id, &blank, change, Timestamp(0)).map(|_| ());
                let plan = |plan: Plan| -> Result<(), Refusal> {
                    edit(ResponseChange::Reviewed)?;
                    Ok(check_plan(set, &plan)?)
                };
                match (field, &self.value) {
                    (Field::Answer, Value::Empty) => Ok(edit(ResponseChange::Answer(None))?),
                    (Field::Answer, Value::Text(key)) => Ok(edit(ResponseChange::Answer(Some(key)))?),
                    (Field::Comment, Value::Empty) => Ok(edit(ResponseChange::Comment(""))?),
                    (Field::Comment, Value::Text(text)) => Ok(edit(ResponseChange::Comment(text))?),
                    (Field::Evidence, Value::Empty) => Ok(edit(ResponseChange::Evidence(""))?),
                    // A web link written exactly as the edit would have stored it (normalised).
                    (Field::Evidence, Value::Text(link)) => match normalise_link(link) {
                        Ok(normal) if normal == *link => Ok(edit(ResponseChange::Evidence(link))?),
                        Ok(_) => Err(Refusal::Invalid(AssessmentError::BadEvidenceLink(LinkError::Malformed("not normalised".into())))),
                        Err(e) => Err(Refusal::Invalid(AssessmentError::BadEvidenceLink(e))),
                    },
                    (Field::Review, Value::Empty) => Ok(edit(ResponseChange::Reviewed)?),
                    (Field::Review, Value::Review(review)) => {
                        let limit = crate::answers::assessment::MAX_COMMENT_CHARS;
                        for earlier in &review.earlier {
                            edit(ResponseChange::Comment(&earlier.comment))?;
                            if let Some(key) = &earlier.answer {
                                if set.option(key).is_none() {
                                    return Err(Refusal::Invalid(AssessmentError::UnknownAnswer {
                                        answer: key.clone(),
                                        allowed: set.scale_keys().collect::<Vec<_>>().join(", "),
                                    }));
                                }
                            }
                            if earlier.indicator.chars().count() > limit {
                                return Err(Refusal::Invalid(AssessmentError::TooLong(limit)));
                            }
                        }
                        Ok(edit(ResponseChange::Reviewed)?)
                    }
                    (Field::PlanTarget, Value::Empty) => plan(Plan::default()),
                    (Field::PlanTarget, Value::Text(key)) => {
                        plan(Plan { target: Some(PlanTargetValue { answer: key.clone(), year: None }), ..Plan::default() })
                    }
                    (Field::PlanYear, Value::Empty) => plan(Plan::default()),
                    (Field::PlanYear, Value::Year(year)) if TARGET_YEARS.contains(year) => plan(Plan::default()),
                    (Field::PlanYear, Value::Year(year)) => Err(PlanError::BadYear(u32::from(*year)).into()),
                    (Field::PlanResponsible, Value::Empty) => plan(Plan::default()),
                    (Field::PlanResponsible, Value::Text(text)) => plan(Plan { responsible: text.clone(), ..Plan::default() }),
                    (Field::PlanAction, Value::Empty) => plan(Plan::default()),
                    (Field::PlanAction, Value::Text(text)) => plan(Plan { action: text.clone(), ..Plan::default() }),
                    (Field::PlanStatus, Value::Empty | Value::Status(_)) => plan(Plan::default()),
                    (Field::PlanEarlier, Value::Empty) => plan(Plan::default()),
                    (Field::PlanEarlier, Value::Earlier(earlier)) => {
                        if let Some(key) = &earlier.answer {
                            edit(ResponseChange::Answer(Some(key)))?;
                        }
                        plan(Plan { earlier: Some(earlier.clone()), ..Plan::default() })
                    }
                    _ => Err(wrong()),
                }
            }
        }
    }
}

/// A link hand-out names an existing förvaltning register and only groups of the set, within
/// the bounds a hand-out link has; `Empty` withdraws it.
fn check_handout(set: &IndicatorSet, recipient: &str, value: &Value, wrong: impl Fn() -> Refusal) -> Result<(), Refusal> {
    let assignment = match value {
        Value::Empty => None,
        Value::Assignment(a) => Some(a),
        _ => return Err(wrong()),
    };
    let bad = |why: String| Err(Refusal::BadHandout(why));
    if recipient.is_empty() || recipient.chars().count() > MAX_RECIPIENT_CHARS || recipient != recipient.trim() {
        return bad(format!("the förvaltning's name is empty or longer than {MAX_RECIPIENT_CHARS} characters"));
    }
    if let Some(c) = forbidden_char(recipient, Lines::One) {
        return Err(Refusal::BadCharacter { code: u32::from(c) });
    }
    let Some(a) = assignment else { return Ok(()) };
    if a.key() != recipient {
        return bad(format!("the hand-out to {:?} is filed under {recipient:?}", a.recipient));
    }
    if a.groups.is_empty() || a.groups.len() > MAX_HANDOUT_GROUPS {
        return bad(format!("a hand-out holds 1 to {MAX_HANDOUT_GROUPS} groups, not {}", a.groups.len()));
    }
    if let Some(g) =
        a.groups.iter().find(|g| !set.areas.iter().any(|area| area.id == g.area && area.groups.iter().any(|x| x.id == g.group)))
    {
        return bad(format!("the set has no group {}", g.key()));
    }
    Ok(())
}

fn check_meta(set: &IndicatorSet, field: MetaField, value: &Value, wrong: impl Fn() -> Refusal) -> Result<(), Refusal> {
    let too_long = |text: &str| {
        if text.chars().count() > MAX_TITLE_CHARS {
            Err(Refusal::Invalid(AssessmentError::TooLong(MAX_TITLE_CHARS)))
        } else {
            Ok(())
        }
    };
    match (field, value) {
        (MetaField::Title, Value::Text(title)) => too_long(title),
        (MetaField::Approval, Value::Empty) => Ok(()),
        (MetaField::Approval, Value::Text(approval)) if !approval.is_empty() => too_long(approval),
        (MetaField::Population, Value::Empty) => Ok(()),
        (MetaField::Population, Value::Number(n)) if !crate::answers::assessment::is_plausible_population(*n) => {
            Err(Refusal::Invalid(AssessmentError::BadPopulation))
        }
        (MetaField::Population, Value::Number(_)) => Ok(()),
        (MetaField::Kommun, Value::Text(code)) => match crate::kommuner::kommun::by_code(code) {
            Some(_) => Ok(()),
            None => Err(Refusal::Invalid(AssessmentError::UnknownKommun(code.chars().take(MAX_TITLE_CHARS).collect()))),
        },
        (MetaField::Set, Value::Set(r)) if r.set == set.id && r.version == set.version => Ok(()),
        (MetaField::Set, Value::Set(r)) => Err(Refusal::OtherSet {
            set: r.set.chars().take(MAX_TITLE_CHARS).collect(),
            version: r.version.chars().take(MAX_TITLE_CHARS).collect(),
        }),
        _ => Err(wrong()),
    }
}

/// What one user action sent: who made it and the changes it made. The JSON of this is the
/// plaintext the app encrypts for the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always [`ENVELOPE_VERSION`] when written by this code.
    pub v: u32,
    /// The name the device chose, e.g. "Anna, socialförvaltningen". Inside the encryption.
    pub author: String,
    pub changes: Vec<Change>,
}

/// Why a decrypted envelope could not be read at all (its changes are then not looked at).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the change is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the change is not readable: {0}")]
    Unreadable(String),
    #[error("change format {0} is newer than this app reads ({ENVELOPE_VERSION})")]
    NewerVersion(u32),
    #[error("the change holds {0} changes; the limit is {MAX_CHANGES_PER_ENVELOPE}")]
    TooManyChanges(usize),
    #[error("author name is longer than {MAX_AUTHOR_CHARS} characters")]
    AuthorTooLong,
}

impl Envelope {
    pub fn new(author: &str, changes: Vec<Change>) -> Envelope {
        Envelope { v: ENVELOPE_VERSION, author: author.to_string(), changes }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("an envelope always serializes")
    }

    /// Reads a decrypted envelope, bounded in size, count and author length.
    pub fn parse(json: &str) -> Result<Envelope, EnvelopeError> {
        if json.len() > MAX_ENVELOPE_BYTES {
            return Err(EnvelopeError::TooLarge { size: json.len(), limit: MAX_ENVELOPE_BYTES });
        }
        #[derive(Deserialize)]
        struct Head {
            v: u32,
        }
        let head: Head = serde_json::from_str(json).map_err(|e| EnvelopeError::Unreadable(e.to_string()))?;
        if head.v > ENVELOPE_VERSION {
            return Err(EnvelopeError::NewerVersion(head.v));
        }
        let envelope: Envelope = serde_json::from_str(json).map_err(|e| EnvelopeError::Unreadable(e.to_string()))?;
        if envelope.v == 0 {
            return Err(EnvelopeError::Unreadable("change format 0 is not a format".into()));
        }
        if envelope.changes.len() > MAX_CHANGES_PER_ENVELOPE {
            return Err(EnvelopeError::TooManyChanges(envelope.changes.len()));
        }
        if envelope.author.chars().count() > MAX_AUTHOR_CHARS {
            return Err(EnvelopeError::AuthorTooLong);
        }
        Ok(envelope)
    }

    /// The set version this envelope names, if it carries one (the first envelope of a share
    /// does): a device joining by link loads that set before applying anything.
    pub fn set_ref(&self) -> Option<&SetRef> {
        self.changes.iter().find_map(|c| match (&c.target, &c.value) {
            (Target::Meta(MetaField::Set), Value::Set(r)) => Some(r),
            _ => None,
        })
    }

    /// Splits many changes (sharing an assessment, resolving a hand-out) into envelopes whose
    /// JSON stays within `max_bytes` (a change larger than that on its own travels alone) and
    /// [`MAX_CHANGES_PER_ENVELOPE`], so each fits the server's limit for one change.
    pub fn split(author: &str, changes: Vec<Change>, max_bytes: usize) -> Vec<Envelope> {
        let overhead = Envelope::new(author, Vec::new()).to_json().len();
        let mut out = Vec::new();
        let mut current = Vec::new();
        let mut size = overhead;
        for change in changes {
            let len = serde_json::to_string(&change).expect("a change always serializes").len() + 1;
            if !current.is_empty() && (size + len > max_bytes || current.len() == MAX_CHANGES_PER_ENVELOPE) {
                out.push(Envelope::new(author, std::mem::take(&mut current)));
                size = overhead;
            }
            size += len;
            current.push(change);
        }
        if !current.is_empty() {
            out.push(Envelope::new(author, current));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::{EarlierAnswer, ReviewReason, MAX_COMMENT_CHARS};
    use crate::sets::indicator_set::tests::{sample, sample_with_not_relevant};
    use proptest::prelude::*;

    fn stamp(wall_ms: u64) -> Stamp {
        Stamp { wall_ms, counter: 0, device: "d1".into() }
    }

    fn change(target: Target, value: Value) -> Change {
        Change { stamp: stamp(1), target, value }
    }

    fn every_kind_of_change() -> Vec<Change> {
        let review = Review {
            reason: ReviewReason::Reworded,
            from_version: "2014".into(),
            earlier: vec![EarlierAnswer { indicator: "x".into(), answer: Some("helt".into()), comment: "å".into() }],
        };
        let ind = |field| Target::indicator("it.bredband", field);
        vec![
            change(ind(Field::Answer), Value::Text("helt".into())),
            change(ind(Field::Answer), Value::Empty),
            change(ind(Field::Comment), Value::Text("Antagen 2019 – \"ja\" <b>".into())),
            change(ind(Field::Evidence), Value::Text("https://orebro.se/x".into())),
            change(ind(Field::Review), Value::Review(review)),
            change(ind(Field::PlanTarget), Value::Text("helt".into())),
            change(ind(Field::PlanYear), Value::Year(2027)),
            change(ind(Field::PlanResponsible), Value::Text("IT-enheten".into())),
            change(ind(Field::PlanAction), Value::Text("Ny strategi".into())),
            change(ind(Field::PlanStatus), Value::Status(PlanStatus::Pagar)),
            change(
                ind(Field::PlanEarlier),
                Value::Earlier(EarlierTarget {
                    target: PlanTargetValue { answer: "helt".into(), year: Some(2025) },
                    answer: Some("inte".into()),
                }),
            ),
            change(Target::Meta(MetaField::Title), Value::Text("Örebro 2026".into())),
            change(Target::Meta(MetaField::Population), Value::Number(160_000)),
            change(Target::Meta(MetaField::Approval), Value::Empty),
            change(Target::Meta(MetaField::Kommun), Value::Text("1880".into())),
            change(Target::Meta(MetaField::Set), Value::Set(SetRef { set: "test".into(), version: "1".into() })),
            change(
                Target::Handout { recipient: "vård och omsorg".into() },
                Value::Assignment(Assignment {
                    recipient: "Vård och omsorg".into(),
                    groups: vec![crate::sync::groups::GroupRef::new("tjanster", "skola")],
                }),
            ),
        ]
    }

    #[test]
    fn every_kind_of_change_passes_the_checks_and_round_trips_in_an_envelope() {
        let set = sample();
        let changes = every_kind_of_change();
        for c in &changes {
            assert_eq!(c.check(&set), Ok(()), "{c:?}");
        }
        let envelope = Envelope::new("Anna, socialförvaltningen", changes);
        let json = envelope.to_json();
        assert_eq!(Envelope::parse(&json), Ok(envelope.clone()));
        assert_eq!(envelope.set_ref(), Some(&SetRef { set: "test".into(), version: "1".into() }));
        assert!(json.contains(r#""target":{"indicator":{"id":"it.bredband","field":"answer"}},"value":{"text":"helt"}"#), "{json}");
    }

    #[test]
    fn a_remote_change_is_refused_for_what_a_local_edit_is_refused_for() {
        let set = sample();
        let refused = |target: Target, value: Value| change(target, value).check(&set).unwrap_err();
        assert_eq!(
            refused(Target::indicator("nope", Field::Answer), Value::Text("helt".into())),
            Refusal::Invalid(AssessmentError::UnknownIndicator("nope".into()))
        );
        assert_eq!(
            refused(Target::indicator("nope", Field::PlanAction), Value::Text("x".into())),
            Refusal::Invalid(AssessmentError::UnknownIndicator("nope".into()))
        );
        assert!(matches!(
            refused(Target::indicator("it.bredband", Field::Answer), Value::Text("ja".into())),
            Refusal::Invalid(AssessmentError::UnknownAnswer { .. })
        ));
        assert_eq!(
            refused(Target::indicator("it.bredband", Field::Comment), Value::Text("x".repeat(MAX_COMMENT_CHARS + 1))),
            Refusal::Invalid(AssessmentError::TooLong(MAX_COMMENT_CHARS))
        );
        assert_eq!(
            refused(Target::indicator("it.bredband", Field::Evidence), Value::Text("javascript:alert(1)".into())),
            Refusal::Invalid(AssessmentError::BadEvidenceLink(LinkError::NotWeb))
        );
        assert!(matches!(
            refused(Target::indicator("it.bredband", Field::Evidence), Value::Text(" https://x.se/".into())),
            Refusal::Invalid(AssessmentError::BadEvidenceLink(_))
        ));
        assert_eq!(
            refused(Target::indicator("it.bredband", Field::Evidence), Value::Text("https://x.se@evil.example/".into())),
            Refusal::Invalid(AssessmentError::BadEvidenceLink(LinkError::UserInfo))
        );
        assert!(change(Target::indicator("it.bredband", Field::Evidence), Value::Text("https://x.se/".into())).check(&set).is_ok());
        assert_eq!(
            refused(Target::indicator("it.bredband", Field::Comment), Value::Text("a\u{202e}b".into())),
            Refusal::BadCharacter { code: 0x202e }
        );
        assert_eq!(refused(Target::Meta(MetaField::Title), Value::Text("a\nb".into())), Refusal::BadCharacter { code: 0x0a });
        assert!(change(Target::indicator("it.bredband", Field::Comment), Value::Text("a\nb".into())).check(&set).is_ok());
        assert_eq!(refused(Target::Meta(MetaField::Population), Value::Number(u32::MAX)), Refusal::Invalid(AssessmentError::BadPopulation));
        assert_eq!(
            refused(Target::indicator("it.bredband", Field::PlanYear), Value::Year(20277)),
            Refusal::from(PlanError::BadYear(20277))
        );
        let not_relevant = sample_with_not_relevant();
        assert_eq!(
            change(Target::indicator("it.bredband", Field::PlanTarget), Value::Text("ej_relevant".into())).check(&not_relevant),
            Err(Refusal::from(PlanError::TargetDoesNotCount("ej_relevant".into())))
        );
        assert!(matches!(
            refused(Target::indicator("it.bredband", Field::Answer), Value::Year(2027)),
            Refusal::WrongKind { kind: "year", .. }
        ));
        assert_eq!(refused(Target::Meta(MetaField::Population), Value::Number(0)), Refusal::Invalid(AssessmentError::BadPopulation));
        assert_eq!(
            refused(Target::Meta(MetaField::Kommun), Value::Text("9999".into())),
            Refusal::Invalid(AssessmentError::UnknownKommun("9999".into()))
        );
        assert_eq!(
            refused(Target::Meta(MetaField::Set), Value::Set(SetRef { set: "test".into(), version: "2".into() })),
            Refusal::OtherSet { set: "test".into(), version: "2".into() }
        );
        let mut no_device = change(Target::Meta(MetaField::Approval), Value::Empty);
        no_device.stamp.device = String::new();
        assert_eq!(no_device.check(&set), Err(Refusal::BadDevice(String::new())));
    }

    #[test]
    fn broken_newer_or_oversized_envelopes_are_told_apart() {
        assert!(matches!(Envelope::parse("not json"), Err(EnvelopeError::Unreadable(_))));
        assert_eq!(Envelope::parse(r#"{"v":2,"author":"a","changes":[],"new":1}"#), Err(EnvelopeError::NewerVersion(2)));
        assert!(matches!(Envelope::parse(r#"{"v":0,"author":"a","changes":[]}"#), Err(EnvelopeError::Unreadable(_))));
        let long = Envelope::new(&"x".repeat(MAX_AUTHOR_CHARS + 1), vec![]).to_json();
        assert_eq!(Envelope::parse(&long), Err(EnvelopeError::AuthorTooLong));
        let big = " ".repeat(MAX_ENVELOPE_BYTES + 1);
        assert_eq!(Envelope::parse(&big), Err(EnvelopeError::TooLarge { size: MAX_ENVELOPE_BYTES + 1, limit: MAX_ENVELOPE_BYTES }));
        let many =
            Envelope::new("a", vec![change(Target::Meta(MetaField::Approval), Value::Empty); MAX_CHANGES_PER_ENVELOPE + 1]).to_json();
        assert_eq!(Envelope::parse(&many), Err(EnvelopeError::TooManyChanges(MAX_CHANGES_PER_ENVELOPE + 1)));
    }

    #[test]
    fn many_changes_split_into_envelopes_that_each_fit() {
        let changes: Vec<Change> = (0..40)
            .map(|i| Change { stamp: stamp(i), ..change(Target::indicator("it.bredband", Field::Comment), Value::Text("x".repeat(300))) })
            .collect();
        let envelopes = Envelope::split("Anna", changes.clone(), 2_000);
        assert!(envelopes.len() > 1);
        for e in &envelopes {
            assert!(e.to_json().len() <= 2_000, "{}", e.to_json().len());
        }
        assert_eq!(envelopes.into_iter().flat_map(|e| e.changes).collect::<Vec<_>>(), changes, "nothing lost, order kept");
    }

    #[test]
    fn one_change_with_the_longest_comment_of_four_byte_characters_fits_what_the_server_takes() {
        // The worst a single change can be: a change cannot be split, so it must fit whole.
        let comment = "😀".repeat(MAX_COMMENT_CHARS);
        let stamp = Stamp { wall_ms: u64::MAX, counter: u32::MAX, device: "d".repeat(MAX_DEVICE_CHARS) };
        let c = Change { stamp, target: Target::indicator("it.bredband", Field::Comment), value: Value::Text(comment) };
        let envelopes = Envelope::split(&"ö".repeat(MAX_AUTHOR_CHARS), vec![c.clone(), c.clone(), c], MAX_SENT_ENVELOPE_BYTES);
        assert!(envelopes.len() >= 2, "three such changes do not fit one envelope");
        assert!(envelopes.iter().all(|e| e.to_json().len() <= MAX_SENT_ENVELOPE_BYTES));
        assert_eq!(envelopes.iter().map(|e| e.changes.len()).sum::<usize>(), 3);
        assert_eq!(MAX_SENT_ENVELOPE_BYTES, 32_740);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof!["\\PC{0,40}", "[\\x00-\\x1f\"\\\\<>&]{0,10}"]
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Empty),
            arb_text().prop_map(Value::Text),
            any::<u16>().prop_map(Value::Year),
            any::<u32>().prop_map(Value::Number),
            prop::sample::select(PlanStatus::ALL.to_vec()).prop_map(Value::Status),
            (arb_text(), proptest::option::of(arb_text()), arb_text()).prop_map(|(from_version, answer, comment)| Value::Review(Review {
                reason: ReviewReason::FreshAnswer,
                from_version,
                earlier: vec![EarlierAnswer { indicator: "i".into(), answer, comment }],
            })),
            (arb_text(), proptest::option::of(any::<u16>()), proptest::option::of(arb_text())).prop_map(|(answer, year, was)| {
                Value::Earlier(EarlierTarget { target: PlanTargetValue { answer, year }, answer: was })
            }),
            (arb_text(), arb_text()).prop_map(|(set, version)| Value::Set(SetRef { set, version })),
            (arb_text(), arb_text(), arb_text()).prop_map(|(recipient, area, group)| Value::Assignment(Assignment {
                recipient,
                groups: vec![crate::sync::groups::GroupRef { area, group }],
            })),
        ]
    }

    fn arb_target() -> impl Strategy<Value = Target> {
        prop_oneof![
            (arb_text(), prop::sample::select(Field::ALL.to_vec())).prop_map(|(id, field)| Target::Indicator { id, field }),
            prop::sample::select(MetaField::ALL.to_vec()).prop_map(Target::Meta),
            arb_text().prop_map(|recipient| Target::Handout { recipient }),
        ]
    }

    proptest! {
        #[test]
        fn every_envelope_round_trips_through_json(
            author in arb_text(),
            changes in prop::collection::vec((any::<u64>(), any::<u32>(), arb_text(), arb_target(), arb_value()), 0..8),
        ) {
            let changes: Vec<Change> = changes
                .into_iter()
                .map(|(wall_ms, counter, device, target, value)| Change { stamp: Stamp { wall_ms, counter, device }, target, value })
                .collect();
            let envelope = Envelope::new(&author, changes);
            prop_assert_eq!(Envelope::parse(&envelope.to_json()), Ok(envelope));
        }
    }
}
