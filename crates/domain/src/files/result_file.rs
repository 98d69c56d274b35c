//! The result file: what export writes, import reads and publishing sends. Version 2.
//!
//! Reading one never trusts it: every problem is reported with what is wrong, and the caller
//! only ever gets a fully checked result or a list of errors.
//!
//! Versions: 1 had answers, comments, evidence links and review marks; 2 adds each answer's
//! plan (target, responsible, action, status, earlier target). A file of version 1 is read
//! forever: it is migrated to 2 on reading, which keeps everything it says (it has no plans).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answers::assessment::{
    is_plausible_population, Assessment, KommunRef, Response, Review, MAX_COMMENT_CHARS, MAX_EVIDENCE_CHARS, MAX_POPULATION,
    MAX_TITLE_CHARS,
};
use crate::answers::free_text::{forbidden_char, Lines};
use crate::answers::plan::{check_plan, Plan};
use crate::answers::timestamp::Timestamp;
use crate::answers::web_link::{normalise_link, LinkError};
use crate::kommuner::kommun;
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

pub const RESULT_FORMAT: &str = "blomlada-result";
/// The version this app writes.
pub const RESULT_FORMAT_VERSION: u32 = 2;
/// The oldest version this app reads (and migrates).
pub const OLDEST_RESULT_FORMAT_VERSION: u32 = 1;
/// Larger files are refused before they are parsed.
pub const MAX_RESULT_BYTES: usize = 1_000_000;
/// Short machine-written fields: the app's version, a set version, an answer key.
pub const MAX_KEY_CHARS: usize = 40;
/// Indicator ids (the indicator files allow 120).
pub const MAX_ID_CHARS: usize = 120;
/// Earlier answers one carried-over answer may name (a concordance maps a few onto one).
pub const MAX_EARLIER_ANSWERS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultFile {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    pub set: SetRef,
    pub kommun: KommunRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    pub title: String,
    pub created: Timestamp,
    pub updated: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<String>,
    #[serde(default)]
    pub answers: BTreeMap<String, ResultAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultAnswer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// An answer carried over from another set version that still waits for a look.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// Since format version 2.
    #[serde(default, skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
}

/// One thing wrong with a result file. The app words these in Swedish; `Display` is for logs,
/// the server's API and the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResultFileError {
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file is not a Blomlådan result file (format {0:?})")]
    NotAResultFile(Option<String>),
    #[error("the file has no format_version")]
    MissingFormatVersion,
    #[error("format version {0} is not supported (this app reads {OLDEST_RESULT_FORMAT_VERSION} to {RESULT_FORMAT_VERSION})")]
    UnsupportedFormatVersion(u32),
    #[error("the file's structure is wrong at {path}: {message}")]
    BadShape { path: String, message: String },
    #[error("unknown indicator set {set} version {version}")]
    UnknownSet { set: String, version: String },
    #[error("unknown kommun code {0:?}")]
    UnknownKommun(String),
    #[error("kommun code {code} is {expected}, not {given:?}")]
    KommunNameMismatch { code: String, expected: String, given: String },
    #[error("population must be 1 to {MAX_POPULATION}")]
    BadPopulation,
    #[error("unknown indicator {0:?} for this set version")]
    UnknownIndicator(String),
    #[error("indicator {indicator:?}: answer {answer:?} is not on the scale (allowed: {allowed})")]
    BadAnswer { indicator: String, answer: String, allowed: String },
    #[error("{field} is longer than {limit} characters")]
    TooLong { field: String, limit: usize },
    #[error("{field} contains the character U+{code:04X}, which is not allowed (control characters and bidirectional overrides)")]
    BadCharacter { field: String, code: u32 },
    #[error("indicator {indicator:?}: evidence link {problem}")]
    BadEvidenceLink { indicator: String, problem: LinkError },
    #[error("indicator {indicator:?}: plan: {problem}")]
    BadPlan { indicator: String, problem: crate::answers::plan::PlanError },
}

impl ResultFile {
    /// The answers and evidence links only (both public already on a kommun's page), without
    /// comments, review marks and plans: what comparing in the browser needs.
    pub fn answers_only(&self) -> ResultFile {
        let mut slim = self.clone();
        for answer in slim.answers.values_mut() {
            *answer = ResultAnswer { answer: answer.answer.clone(), evidence: answer.evidence.clone(), ..Default::default() };
        }
        slim.answers.retain(|_, a| a.answer.is_some());
        slim
    }

    pub fn from_assessment(a: &Assessment, app_version: &str) -> ResultFile {
        ResultFile {
            format: RESULT_FORMAT.to_string(),
            format_version: RESULT_FORMAT_VERSION,
            app_version: app_version.to_string(),
            set: a.set.clone(),
            kommun: a.kommun.clone(),
            population: a.population,
            title: a.title.clone(),
            created: a.created,
            updated: a.updated,
            approval: a.approval.clone(),
            answers: a
                .responses
                .iter()
                .filter(|(_, r)| !r.is_empty())
                .map(|(id, r)| {
                    (
                        id.clone(),
                        ResultAnswer {
                            answer: r.answer.clone(),
                            comment: Some(r.comment.clone()).filter(|c| !c.is_empty()),
                            evidence: r.evidence.clone(),
                            review: r.review.clone(),
                            plan: r.plan.clone(),
                        },
                    )
                })
                .collect(),
        }
    }

    /// The file to publish: answers, comments and links as always; of the plans only the
    /// targets, and only when the kommun chose to publish them (off by default).
    pub fn for_publishing(a: &Assessment, app_version: &str, include_targets: bool) -> ResultFile {
        let mut file = ResultFile::from_assessment(a, app_version);
        file.keep_public_plans(include_targets);
        file
    }

    /// Drops every plan part that is not public: all of it, or all but the targets.
    pub fn keep_public_plans(&mut self, include_targets: bool) {
        for answer in self.answers.values_mut() {
            answer.plan = if include_targets { answer.plan.public_part() } else { Plan::default() };
        }
        self.answers
            .retain(|_, a| a.answer.is_some() || a.comment.is_some() || a.evidence.is_some() || a.review.is_some() || !a.plan.is_empty());
    }

    /// How many answers carry a target.
    pub fn target_count(&self) -> usize {
        self.answers.values().filter(|a| a.plan.target.is_some()).count()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a result file always serializes")
    }

    /// A new assessment holding this result, stamped `now` so it merges as fresh edits.
    pub fn to_assessment(&self, id: String, now: Timestamp) -> Assessment {
        Assessment {
            id,
            title: self.title.clone(),
            kommun: self.kommun.clone(),
            population: self.population,
            set: self.set.clone(),
            created: self.created,
            updated: now,
            meta_updated: now,
            approval: self.approval.clone(),
            responses: self
                .answers
                .iter()
                .map(|(id, r)| {
                    (
                        id.clone(),
                        Response {
                            answer: r.answer.clone(),
                            comment: r.comment.clone().unwrap_or_default(),
                            evidence: r.evidence.clone(),
                            review: r.review.clone(),
                            plan: r.plan.clone(),
                            updated: now,
                        },
                    )
                })
                .collect(),
            exported_at: None,
        }
    }

    /// Reads and checks a result file. `find_set` resolves the set version it names (the
    /// caller decides where sets come from). Every problem found is returned.
    pub fn parse<'s>(
        bytes: &[u8],
        find_set: impl Fn(&SetRef) -> Option<&'s IndicatorSet>,
    ) -> Result<(ResultFile, &'s IndicatorSet), Vec<ResultFileError>> {
        let file = Self::parse_unchecked(bytes)?;
        let Some(set) = find_set(&file.set) else {
            return Err(vec![ResultFileError::UnknownSet { set: file.set.set.clone(), version: file.set.version.clone() }]);
        };
        let errors = file.check(set);
        if errors.is_empty() {
            Ok((file, set))
        } else {
            Err(errors)
        }
    }

    /// Reads the envelope and shape only; `check` does the rest.
    pub fn parse_unchecked(bytes: &[u8]) -> Result<ResultFile, Vec<ResultFileError>> {
        if bytes.len() > MAX_RESULT_BYTES {
            return Err(vec![ResultFileError::TooLarge { size: bytes.len(), limit: MAX_RESULT_BYTES }]);
        }
        // Notepad and friends put a byte order mark before JSON they save; it says nothing.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| vec![ResultFileError::NotJson(e.to_string())])?;
        let format = value.get("format").and_then(|f| f.as_str());
        if format != Some(RESULT_FORMAT) {
            return Err(vec![ResultFileError::NotAResultFile(value.get("format").map(|f| f.to_string().trim_matches('"').to_string()))]);
        }
        let value = match value.get("format_version").and_then(|v| v.as_u64()) {
            None => return Err(vec![ResultFileError::MissingFormatVersion]),
            Some(1) => migrate_v1(value)?,
            Some(v) if v == u64::from(RESULT_FORMAT_VERSION) => value,
            Some(v) => return Err(vec![ResultFileError::UnsupportedFormatVersion(v.min(u64::from(u32::MAX)) as u32)]),
        };
        let mut file: ResultFile = crate::files::json_path::from_value(&value)
            .map_err(|e| vec![ResultFileError::BadShape { path: e.path, message: e.error.to_string() }])?;
        // Links are kept as browsers read them; one that is no link stays as it is for
        // `check` to name.
        for answer in file.answers.values_mut() {
            if let Some(normal) = answer.evidence.as_deref().and_then(|link| normalise_link(link).ok()) {
                answer.evidence = Some(normal);
            }
        }
        Ok(file)
    }

    /// Everything that must hold against the set version the file names.
    pub fn check(&self, set: &IndicatorSet) -> Vec<ResultFileError> {
        let mut errors = Vec::new();
        if set.id != self.set.set || set.version != self.set.version {
            errors.push(ResultFileError::UnknownSet { set: self.set.set.clone(), version: self.set.version.clone() });
            return errors;
        }
        match kommun::by_code(&self.kommun.code) {
            None => errors.push(ResultFileError::UnknownKommun(self.kommun.code.clone())),
            Some(k) if k.name != self.kommun.name => errors.push(ResultFileError::KommunNameMismatch {
                code: k.code.clone(),
                expected: k.name.clone(),
                given: self.kommun.name.clone(),
            }),
            Some(_) => {}
        }
        if self.population.is_some_and(|p| !is_plausible_population(p)) {
            errors.push(ResultFileError::BadPopulation);
        }
        // Every free text: bounded, and without characters that change how text around it
        // reads (crate::answers::free_text). Ids and keys are checked against the set further down.
        let mut text = |field: &dyn Fn() -> String, value: &str, limit: usize, lines: Lines| {
            if value.chars().count() > limit {
                errors.push(ResultFileError::TooLong { field: field(), limit });
            } else if let Some(c) = forbidden_char(value, lines) {
                errors.push(ResultFileError::BadCharacter { field: field(), code: u32::from(c) });
            }
        };
        text(&|| "app_version".into(), &self.app_version, MAX_KEY_CHARS, Lines::One);
        text(&|| "title".into(), &self.title, MAX_TITLE_CHARS, Lines::One);
        if let Some(approval) = &self.approval {
            text(&|| "approval".into(), approval, MAX_TITLE_CHARS, Lines::One);
        }
        for (id, answer) in &self.answers {
            if let Some(comment) = &answer.comment {
                text(&|| format!("comment of {id}"), comment, MAX_COMMENT_CHARS, Lines::Many);
            }
            if let Some(review) = &answer.review {
                text(&|| format!("review of {id}"), &review.from_version, MAX_KEY_CHARS, Lines::One);
                for earlier in review.earlier.iter().take(MAX_EARLIER_ANSWERS) {
                    text(&|| format!("review of {id}"), &earlier.indicator, MAX_ID_CHARS, Lines::One);
                    text(&|| format!("review of {id}"), earlier.answer.as_deref().unwrap_or_default(), MAX_KEY_CHARS, Lines::One);
                    text(&|| format!("comment of {id}"), &earlier.comment, MAX_COMMENT_CHARS, Lines::Many);
                }
            }
            // Their lengths are the plan's rule (check_plan); their characters are checked here.
            text(&|| format!("responsible of {id}"), &answer.plan.responsible, usize::MAX, Lines::One);
            text(&|| format!("action of {id}"), &answer.plan.action, usize::MAX, Lines::Many);
            if let Some(earlier) = &answer.plan.earlier {
                text(&|| format!("plan of {id}"), earlier.answer.as_deref().unwrap_or_default(), MAX_KEY_CHARS, Lines::One);
            }
        }
        for (id, answer) in &self.answers {
            if answer.review.as_ref().is_some_and(|r| r.earlier.len() > MAX_EARLIER_ANSWERS) {
                errors.push(ResultFileError::BadShape {
                    path: format!("answers.{id}.review.earlier"),
                    message: format!("more than {MAX_EARLIER_ANSWERS} earlier answers"),
                });
            }
        }
        let too_long = |field: &str, text: &str, limit: usize| {
            (text.chars().count() > limit).then(|| ResultFileError::TooLong { field: field.to_string(), limit })
        };
        for (id, answer) in &self.answers {
            if !set.contains(id) {
                errors.push(ResultFileError::UnknownIndicator(id.clone()));
                continue;
            }
            if let Some(key) = &answer.answer {
                if set.option(key).is_none() {
                    errors.push(ResultFileError::BadAnswer {
                        indicator: id.clone(),
                        answer: key.clone(),
                        allowed: set.scale_keys().collect::<Vec<_>>().join(", "),
                    });
                }
            }
            if let Some(link) = &answer.evidence {
                errors.extend(too_long(&format!("evidence of {id}"), link, MAX_EVIDENCE_CHARS));
                if let Err(problem) = normalise_link(link) {
                    errors.push(ResultFileError::BadEvidenceLink { indicator: id.clone(), problem });
                }
            }
            if let Err(problem) = check_plan(set, &answer.plan) {
                errors.push(ResultFileError::BadPlan { indicator: id.clone(), problem });
            }
        }
        errors
    }

    /// Indicators of `set` without an answer; publishing needs none.
    pub fn unanswered<'s>(&self, set: &'s IndicatorSet) -> Vec<&'s str> {
        set.placed().map(|p| p.indicator.id.as_str()).filter(|id| self.answers.get(*id).and_then(|a| a.answer.as_ref()).is_none()).collect()
    }
}

/// Version 1 → 2: the same file with the new number. Version 1 had no plans, so a "plan" in
/// one is a mistake (or a hand-edited file) and named as such rather than taken in.
fn migrate_v1(mut value: serde_json::Value) -> Result<serde_json::Value, Vec<ResultFileError>> {
    if let Some(answers) = value.get("answers").and_then(|a| a.as_object()) {
        let with_plan: Vec<ResultFileError> = answers
            .iter()
            .filter(|(_, a)| a.get("plan").is_some())
            .map(|(id, _)| ResultFileError::BadShape {
                path: format!("answers.{id}.plan"),
                message: "plans need format_version 2 (this file says 1)".to_string(),
            })
            .collect();
        if !with_plan.is_empty() {
            return Err(with_plan);
        }
    }
    value["format_version"] = serde_json::json!(2);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::sets::indicator_set::tests::sample;

    fn filled() -> (IndicatorSet, Assessment) {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(5)).unwrap();
        a.comment(&set, "it.bredband", "Antagen av KF; \"citat\" <b>fet</b>", Timestamp(6)).unwrap();
        a.evidence(&set, "it.bredband", "https://orebro.se/bredband", Timestamp(6)).unwrap();
        a.comment(&set, "it.tvafaktor", "Bara kommentar", Timestamp(7)).unwrap();
        a.set_approval("KS 2026-03-04 § 41", Timestamp(8)).unwrap();
        (set, a)
    }

    fn parse_errors(json: &str, set: &IndicatorSet) -> Vec<ResultFileError> {
        ResultFile::parse(json.as_bytes(), |r| (r.set == set.id && r.version == set.version).then_some(set)).unwrap_err()
    }

    #[test]
    fn round_trip_keeps_everything_said() {
        let (set, a) = filled();
        let json = ResultFile::from_assessment(&a, "0.1.0").to_json();
        let (file, found) = ResultFile::parse(json.as_bytes(), |_| Some(&set)).unwrap();
        assert_eq!(found.id, "test");
        let back = file.to_assessment("new".into(), Timestamp(99));
        assert_eq!(back.answer_of("it.bredband"), Some("helt"));
        assert_eq!(back.response("it.bredband").unwrap().comment, a.response("it.bredband").unwrap().comment);
        assert_eq!(back.response("it.bredband").unwrap().evidence.as_deref(), Some("https://orebro.se/bredband"));
        assert_eq!(back.response("it.tvafaktor").unwrap().comment, "Bara kommentar");
        assert_eq!(back.approval.as_deref(), Some("KS 2026-03-04 § 41"));
        assert_eq!((back.kommun.clone(), back.population, back.title.clone()), (a.kommun.clone(), a.population, a.title.clone()));
        assert_eq!(ResultFile::from_assessment(&back, "0.1.0").answers, ResultFile::from_assessment(&a, "0.1.0").answers);
    }

    #[test]
    fn each_kind_of_bad_file_is_named() {
        let (set, a) = filled();
        let good = ResultFile::from_assessment(&a, "0.1.0").to_json();
        assert!(matches!(parse_errors("hej", &set)[..], [ResultFileError::NotJson(_)]));
        assert_eq!(parse_errors("{\"format\": \"excel\"}", &set), vec![ResultFileError::NotAResultFile(Some("excel".into()))]);
        assert_eq!(parse_errors(&good.replace("\"format_version\": 2,", ""), &set), vec![ResultFileError::MissingFormatVersion]);
        assert_eq!(
            parse_errors(&good.replace("\"format_version\": 2", "\"format_version\": 3"), &set),
            vec![ResultFileError::UnsupportedFormatVersion(3)]
        );
        assert_eq!(
            parse_errors(&good.replace("\"version\": \"1\"", "\"version\": \"1999\""), &set),
            vec![ResultFileError::UnknownSet { set: "test".into(), version: "1999".into() }]
        );
        assert_eq!(
            parse_errors(&good.replace("it.tvafaktor", "it.okand"), &set),
            vec![ResultFileError::UnknownIndicator("it.okand".into())]
        );
        assert!(matches!(
            &parse_errors(&good.replace("\"helt\"", "\"ja\""), &set)[..],
            [ResultFileError::BadAnswer { indicator, answer, .. }] if indicator == "it.bredband" && answer == "ja"
        ));
        assert_eq!(parse_errors(&good.replace("\"1880\"", "\"1899\""), &set), vec![ResultFileError::UnknownKommun("1899".into())]);
        assert!(matches!(
            &parse_errors(&good.replace("\"1880\"", "\"1881\""), &set)[..],
            [ResultFileError::KommunNameMismatch { expected, .. }] if expected == "Kumla"
        ));
        assert!(matches!(&parse_errors(&good.replace("\"title\"", "\"titel\""), &set)[..], [ResultFileError::BadShape { .. }]));
        let huge = format!("{}{}", good, " ".repeat(MAX_RESULT_BYTES));
        assert!(matches!(parse_errors(&huge, &set)[..], [ResultFileError::TooLarge { .. }]));
        assert_eq!(
            parse_errors(&good.replace("https://orebro.se/bredband", "javascript:alert(1)"), &set),
            vec![ResultFileError::BadEvidenceLink { indicator: "it.bredband".into(), problem: LinkError::NotWeb }]
        );
    }

    fn good_file() -> (IndicatorSet, serde_json::Value) {
        let (set, a) = filled();
        (set, serde_json::from_str(&ResultFile::from_assessment(&a, "0.1.0").to_json()).unwrap())
    }

    fn errors_of(value: &serde_json::Value, set: &IndicatorSet) -> Vec<ResultFileError> {
        parse_errors(&value.to_string(), set)
    }

    #[test]
    fn every_free_text_is_bounded_and_named() {
        let (set, good) = good_file();
        let mut v = good.clone();
        v["app_version"] = "x".repeat(100_000).into();
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::TooLong { field: "app_version".into(), limit: MAX_KEY_CHARS }]);
        let mut v = good.clone();
        v["answers"]["it.bredband"]["review"] =
            serde_json::json!({"reason": "reworded", "from_version": "y".repeat(100_000), "earlier": []});
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::TooLong { field: "review of it.bredband".into(), limit: MAX_KEY_CHARS }]);
        let mut v = good.clone();
        v["answers"]["it.bredband"]["review"] = serde_json::json!({"reason": "reworded", "from_version": "2014",
            "earlier": [{"indicator": "z".repeat(MAX_ID_CHARS + 1)}]});
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::TooLong { field: "review of it.bredband".into(), limit: MAX_ID_CHARS }]);
        let mut v = good;
        let many: Vec<_> = (0..=MAX_EARLIER_ANSWERS).map(|i| serde_json::json!({"indicator": format!("a.{i}")})).collect();
        v["answers"]["it.bredband"]["review"] = serde_json::json!({"reason": "reworded", "from_version": "2014", "earlier": many});
        assert!(
            matches!(&errors_of(&v, &set)[..], [ResultFileError::BadShape { path, .. }] if path == "answers.it.bredband.review.earlier")
        );
    }

    #[test]
    fn control_and_bidi_characters_are_refused_naming_the_field() {
        let (set, good) = good_file();
        let bad = |path: &[&str], text: &str| {
            let mut v = good.clone();
            let mut at = &mut v;
            for p in path {
                at = &mut at[*p];
            }
            *at = text.into();
            errors_of(&v, &set)
        };
        let code = |field: &str, c: char| vec![ResultFileError::BadCharacter { field: field.into(), code: u32::from(c) }];
        assert_eq!(bad(&["app_version"], "0.1.0\u{0}"), code("app_version", '\u{0}'));
        assert_eq!(bad(&["title"], "Värdering\u{1b}[2J"), code("title", '\u{1b}'));
        assert_eq!(bad(&["title"], "rad\nrad"), code("title", '\n'));
        assert_eq!(bad(&["approval"], "KS \u{202e}14 §"), code("approval", '\u{202e}'));
        assert_eq!(bad(&["answers", "it.bredband", "comment"], "a\u{2066}b"), code("comment of it.bredband", '\u{2066}'));
        assert_eq!(bad(&["answers", "it.bredband", "comment"], "a\u{9b}b"), code("comment of it.bredband", '\u{9b}'));
        let mut v = good.clone();
        v["answers"]["it.bredband"]["comment"] = "rad ett\nrad\ttvå".into();
        assert!(ResultFile::parse(v.to_string().as_bytes(), |_| Some(&set)).is_ok(), "newline and tab are text in a comment");
        let e = &bad(&["answers", "it.bredband", "comment"], "\u{202e}")[0];
        assert_eq!(
            e.to_string(),
            "comment of it.bredband contains the character U+202E, which is not allowed (control characters and bidirectional overrides)"
        );
    }

    #[test]
    fn plan_texts_refuse_control_characters_too() {
        let (set, a) = planned();
        let good: serde_json::Value = serde_json::from_str(&ResultFile::from_assessment(&a, "0.1.0").to_json()).unwrap();
        let mut v = good.clone();
        v["answers"]["it.tvafaktor"]["plan"]["responsible"] = "IT\u{85}".into();
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::BadCharacter { field: "responsible of it.tvafaktor".into(), code: 0x85 }]);
        let mut v = good;
        v["answers"]["it.tvafaktor"]["plan"]["action"] = "Inför\u{7}".into();
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::BadCharacter { field: "action of it.tvafaktor".into(), code: 7 }]);
    }

    #[test]
    fn evidence_links_are_normalised_and_user_names_refused() {
        let (set, good) = good_file();
        let mut v = good.clone();
        v["answers"]["it.bredband"]["evidence"] = "https://kommun.se@evil.example/".into();
        let errors = errors_of(&v, &set);
        assert_eq!(errors, vec![ResultFileError::BadEvidenceLink { indicator: "it.bredband".into(), problem: LinkError::UserInfo }]);
        assert!(errors[0].to_string().contains("user name"), "{}", errors[0]);
        let mut v = good;
        v["answers"]["it.bredband"]["evidence"] = "HTTPS://Orebro.se/a<b>\"c".into();
        let (file, _) = ResultFile::parse(v.to_string().as_bytes(), |_| Some(&set)).unwrap();
        assert_eq!(file.answers["it.bredband"].evidence.as_deref(), Some("https://orebro.se/a%3Cb%3E%22c"));
    }

    #[test]
    fn population_is_bounded_to_what_a_kommun_can_have() {
        let (set, good) = good_file();
        let mut v = good;
        v["population"] = u32::MAX.into();
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::BadPopulation]);
        v["population"] = (MAX_POPULATION + 1).into();
        assert_eq!(errors_of(&v, &set), vec![ResultFileError::BadPopulation]);
        v["population"] = MAX_POPULATION.into();
        assert!(ResultFile::parse(v.to_string().as_bytes(), |_| Some(&set)).is_ok());
        assert_eq!(ResultFileError::BadPopulation.to_string(), "population must be 1 to 10000000");
    }

    #[test]
    fn whatever_is_typed_exports_to_a_file_that_reads_back() {
        use crate::answers::plan::PlanChange;
        let (set, mut a) = planned();
        let nasty = "a\u{202e}b\u{0}c\td\ne\u{85}";
        a.rename(nasty, Timestamp(20)).unwrap();
        a.set_approval(nasty, Timestamp(20)).unwrap();
        a.comment(&set, "it.bredband", nasty, Timestamp(20)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Responsible(nasty), Timestamp(20)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Action(nasty), Timestamp(20)).unwrap();
        assert_eq!(a.title, "abc d e");
        assert_eq!(a.response("it.bredband").unwrap().comment, "abc\td\ne");
        let json = ResultFile::from_assessment(&a, "0.1.0").to_json();
        assert!(ResultFile::parse(json.as_bytes(), |_| Some(&set)).is_ok());
    }

    #[test]
    fn review_marks_and_markup_in_comments_round_trip_untouched() {
        use crate::answers::assessment::{EarlierAnswer, ReviewReason};
        let (set, mut a) = filled();
        let markup = "<script>alert(1)</script><img src=x onerror=alert(2)> & \"citat\"";
        a.comment(&set, "it.tvafaktor", markup, Timestamp(9)).unwrap();
        a.responses.get_mut("it.bredband").unwrap().review = Some(Review {
            reason: ReviewReason::Reworded,
            from_version: "2014".into(),
            earlier: vec![EarlierAnswer { indicator: "it.bredband.gammal".into(), answer: Some("helt".into()), comment: "förr".into() }],
        });
        let json = ResultFile::from_assessment(&a, "0.1.0").to_json();
        let (file, _) = ResultFile::parse(json.as_bytes(), |_| Some(&set)).unwrap();
        let back = file.to_assessment("b".into(), Timestamp(99));
        assert_eq!(back.response("it.tvafaktor").unwrap().comment, markup, "markup is data, kept as written");
        assert_eq!(back.response("it.bredband").unwrap().review, a.response("it.bredband").unwrap().review);
        assert_eq!(back.exported_at, None);
        // A file without review marks (the common case) has no trace of the field.
        assert!(!ResultFile::from_assessment(&filled().1, "0.1.0").to_json().contains("review"));
    }

    #[test]
    fn a_json_value_that_is_no_object_is_no_result_file() {
        let set = sample();
        assert_eq!(parse_errors("[1, 2]", &set), vec![ResultFileError::NotAResultFile(None)]);
        assert_eq!(parse_errors("{}", &set), vec![ResultFileError::NotAResultFile(None)]);
        assert!(matches!(parse_errors("", &set)[..], [ResultFileError::NotJson(_)]));
        assert!(matches!(parse_errors("\u{feff}{", &set)[..], [ResultFileError::NotJson(_)]));
    }

    #[test]
    fn a_byte_order_mark_before_the_json_is_allowed() {
        let (set, a) = filled();
        let json = format!("\u{feff}{}", ResultFile::from_assessment(&a, "0.1.0").to_json());
        assert!(ResultFile::parse(json.as_bytes(), |_| Some(&set)).is_ok());
    }

    #[test]
    fn unanswered_lists_what_publishing_still_needs() {
        let (set, a) = filled();
        let file = ResultFile::from_assessment(&a, "0.1.0");
        assert_eq!(file.unanswered(&set).len(), set.indicator_count() - 1);
    }

    fn planned() -> (IndicatorSet, Assessment) {
        use crate::answers::plan::{PlanChange, PlanStatus};
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let (_, mut a) = filled();
        a.answer(&set, "it.tvafaktor", Some("inte"), Timestamp(9)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Target(Some("helt")), Timestamp(10)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Year(Some(2027)), Timestamp(10)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Responsible("IT-avdelningen"), Timestamp(10)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Action("Inför MFA för alla konton"), Timestamp(10)).unwrap();
        a.change_plan(&set, "it.tvafaktor", PlanChange::Status(Some(PlanStatus::Pagar)), Timestamp(10)).unwrap();
        a.answer(&set, "tjanster.skola.franvaro", Some("ej_relevant"), Timestamp(11)).unwrap();
        (set, a)
    }

    #[test]
    fn plans_and_not_relevant_answers_round_trip_in_version_2() {
        let (set, a) = planned();
        let json = ResultFile::from_assessment(&a, "0.1.0").to_json();
        assert!(json.contains("\"format_version\": 2") && json.contains("\"ej_relevant\""));
        let (file, _) = ResultFile::parse(json.as_bytes(), |_| Some(&set)).unwrap();
        let back = file.to_assessment("b".into(), Timestamp(99));
        assert_eq!(back.response("it.tvafaktor").unwrap().plan, a.response("it.tvafaktor").unwrap().plan);
        assert_eq!(back.answer_of("tjanster.skola.franvaro"), Some("ej_relevant"));
    }

    #[test]
    fn a_version_1_file_is_read_and_migrated_keeping_everything() {
        let (set, a) = filled();
        let v2 = ResultFile::from_assessment(&a, "0.1.0").to_json();
        let v1 = v2.replace("\"format_version\": 2", "\"format_version\": 1");
        let (file, _) = ResultFile::parse(v1.as_bytes(), |_| Some(&set)).unwrap();
        assert_eq!(file.format_version, 2);
        assert_eq!(file, ResultFile::parse(v2.as_bytes(), |_| Some(&set)).unwrap().0, "nothing lost or changed but the number");
        // A version 1 file that has a plan was not written by any Blomlådan: named, not taken in.
        let (_, planned) = planned();
        let v1_with_plan =
            ResultFile::from_assessment(&planned, "0.1.0").to_json().replace("\"format_version\": 2", "\"format_version\": 1");
        assert!(matches!(
            &parse_errors(&v1_with_plan, &set)[..],
            [ResultFileError::BadShape { path, .. }] if path == "answers.it.tvafaktor.plan"
        ));
    }

    #[test]
    fn broken_plans_are_named_per_indicator() {
        let (set, a) = planned();
        let good = ResultFile::from_assessment(&a, "0.1.0").to_json();
        let not_counting = good.replace("\"answer\": \"helt\",\n", "\"answer\": \"ej_relevant\",\n");
        let errors = ResultFile::parse(not_counting.as_bytes(), |_| Some(&set)).map(|_| ()).unwrap_err();
        assert!(
            errors.iter().any(|e| matches!(e, ResultFileError::BadPlan { indicator, .. } if indicator == "it.tvafaktor")),
            "{errors:?}"
        );
        let bad_year = good.replace("\"year\": 2027", "\"year\": 207");
        let errors = ResultFile::parse(bad_year.as_bytes(), |_| Some(&set)).map(|_| ()).unwrap_err();
        assert_eq!(errors[0].to_string(), "indicator \"it.tvafaktor\": plan: target year 207 is outside 2000–2100");
        let bad_status = good.replace("\"pagar\"", "\"snart\"");
        let errors = ResultFile::parse(bad_status.as_bytes(), |_| Some(&set)).map(|_| ()).unwrap_err();
        assert!(matches!(&errors[..], [ResultFileError::BadShape { path, .. }] if path.contains("status")), "{errors:?}");
    }

    #[test]
    fn publishing_leaves_plans_out_unless_targets_are_chosen() {
        let (_, a) = planned();
        let without = ResultFile::for_publishing(&a, "0.1.0", false);
        assert!(without.answers.values().all(|x| x.plan.is_empty()));
        assert_eq!(without.answers.len(), ResultFile::from_assessment(&a, "0.1.0").answers.len(), "answers stay");
        let with = ResultFile::for_publishing(&a, "0.1.0", true);
        let plan = &with.answers["it.tvafaktor"].plan;
        assert_eq!(plan.target.as_ref().map(|t| (t.answer.as_str(), t.year)), Some(("helt", Some(2027))));
        assert!(plan.responsible.is_empty() && plan.action.is_empty() && plan.status.is_none(), "only the target is public");
        assert_eq!(with.target_count(), 1);
    }
}
