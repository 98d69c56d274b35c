//! An indicator's earlier values in a shared assessment (issue 20 part 2), as the answering page
//! lists them: every replaced value per field, with who set it and when, newest first, so
//! nothing anyone typed is silently gone. The page renders the rows; the words for a value
//! (an answer's label, a status, a year) are made here, in both languages.

use crate::answers::plan::PlanStatus;
use crate::answers::timestamp::Timestamp;
use crate::language::text::{Lang, Localized};
use crate::sets::indicator_set::IndicatorSet;
use crate::sync::change::{Field, Target, Value};
use crate::sync::replica::Replica;

/// Rows listed per indicator; older ones are counted ([`HistoryView::older`]), and stay in the
/// replica (and its snapshots) all the same.
pub const MAX_HISTORY_ROWS: usize = 50;

/// What a replaced value said.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Nothing: no answer, an emptied comment, no target …
    Empty,
    /// Words in both languages: an answer's label, a text as typed, a year, a status.
    Said(Localized),
    /// The carried-over answer was marked as needing a look.
    NeedsReview,
}

/// One replaced value.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub field: Field,
    pub shown: Shown,
    pub author: String,
    pub at: Timestamp,
}

/// An indicator's replaced values, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HistoryView {
    pub rows: Vec<HistoryRow>,
    /// Replaced values older than the rows listed.
    pub older: usize,
}

impl HistoryView {
    /// How many values were replaced in all.
    pub fn count(&self) -> usize {
        self.rows.len() + self.older
    }
}

fn both(sv: String, en: String) -> Localized {
    let en = (en != sv).then_some(en);
    Localized { sv, en }
}

fn answer_label(set: &IndicatorSet, key: &str) -> Localized {
    set.option(key).map_or_else(|| both(key.to_string(), key.to_string()), |o| o.label.clone())
}

fn status_label(status: PlanStatus) -> Localized {
    both(status.label(Lang::Sv).to_string(), status.label(Lang::En).to_string())
}

/// A value in words; `field` tells an answer key from a text.
pub fn shown(set: &IndicatorSet, field: Field, value: &Value) -> Shown {
    match (field, value) {
        (_, Value::Empty) => Shown::Empty,
        (Field::Answer | Field::PlanTarget, Value::Text(key)) => Shown::Said(answer_label(set, key)),
        (_, Value::Text(text)) => Shown::Said(both(text.clone(), text.clone())),
        (_, Value::Year(year)) => Shown::Said(both(year.to_string(), year.to_string())),
        (_, Value::Number(n)) => Shown::Said(both(n.to_string(), n.to_string())),
        (_, Value::Status(status)) => Shown::Said(status_label(*status)),
        (_, Value::Review(_)) => Shown::NeedsReview,
        (_, Value::Earlier(earlier)) => {
            let label = answer_label(set, &earlier.target.answer);
            let year = earlier.target.year.map(|y| format!(" {y}")).unwrap_or_default();
            Shown::Said(both(format!("{}{year}", label.sv), format!("{}{year}", label.get(Lang::En))))
        }
        (_, Value::Set(r)) => Shown::Said(both(format!("{} {}", r.set, r.version), format!("{} {}", r.set, r.version))),
        (_, Value::Assignment(a)) => Shown::Said(both(a.recipient.clone(), a.recipient.clone())),
    }
}

/// The indicator's replaced values, newest first, at most [`MAX_HISTORY_ROWS`].
pub fn history_view(set: &IndicatorSet, replica: &Replica, indicator_id: &str) -> HistoryView {
    let seen = replica.history(indicator_id);
    let older = seen.len().saturating_sub(MAX_HISTORY_ROWS);
    let rows = seen
        .iter()
        .rev()
        .take(MAX_HISTORY_ROWS)
        .filter_map(|s| match s.target {
            Target::Indicator { field, .. } => Some(HistoryRow {
                field: *field,
                shown: shown(set, *field, &s.entry.value),
                author: s.entry.author.clone(),
                at: s.entry.stamp.time(),
            }),
            _ => None,
        })
        .collect();
    HistoryView { rows, older }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::{Review, ReviewReason};
    use crate::sets::indicator_set::tests::sample;
    use crate::sync::change::Change;
    use crate::sync::clock::Stamp;

    fn put(r: &mut Replica, author: &str, wall_ms: u64, field: Field, value: Value) {
        let change = Change {
            stamp: Stamp { wall_ms, counter: 0, device: author.to_lowercase() },
            target: Target::indicator("it.bredband", field),
            value,
        };
        r.apply(&sample(), author, &change).unwrap();
    }

    fn said(sv: &str) -> Shown {
        Shown::Said(Localized { sv: sv.into(), en: None })
    }

    #[test]
    fn every_replaced_value_of_every_field_is_listed_newest_first_with_who_and_when() {
        let set = sample();
        let mut r = Replica::new();
        put(&mut r, "Anna", 10, Field::Answer, Value::Text("helt".into()));
        put(&mut r, "Bo", 20, Field::Answer, Value::Text("inte".into()));
        put(&mut r, "Anna", 30, Field::Answer, Value::Text("delvis".into()));
        put(&mut r, "Bo", 15, Field::Comment, Value::Text("Bos text".into()));
        put(&mut r, "Anna", 25, Field::Comment, Value::Empty);
        put(&mut r, "Bo", 12, Field::Evidence, Value::Text("https://x.se/".into()));
        put(&mut r, "Anna", 13, Field::Evidence, Value::Text("https://y.se/".into()));
        put(&mut r, "Bo", 14, Field::PlanStatus, Value::Status(PlanStatus::Pagar));
        put(&mut r, "Anna", 16, Field::PlanStatus, Value::Status(PlanStatus::Klar));
        let review = Review { reason: ReviewReason::Reworded, from_version: "0".into(), earlier: vec![] };
        put(&mut r, "Bo", 5, Field::Review, Value::Review(review));
        put(&mut r, "Anna", 6, Field::Review, Value::Empty);
        let view = history_view(&set, &r, "it.bredband");
        let rows: Vec<(Field, &Shown, &str, i64)> = view.rows.iter().map(|h| (h.field, &h.shown, h.author.as_str(), h.at.0)).collect();
        let helt = set.option("helt").unwrap().label.clone();
        let inte = set.option("inte").unwrap().label.clone();
        let pagar =
            Shown::Said(Localized { sv: PlanStatus::Pagar.label(Lang::Sv).into(), en: Some(PlanStatus::Pagar.label(Lang::En).into()) });
        assert_eq!(
            rows,
            vec![
                (Field::Answer, &Shown::Said(inte), "Bo", 20),
                (Field::Comment, &said("Bos text"), "Bo", 15),
                (Field::PlanStatus, &pagar, "Bo", 14),
                (Field::Evidence, &said("https://x.se/"), "Bo", 12),
                (Field::Answer, &Shown::Said(helt), "Anna", 10),
                (Field::Review, &Shown::NeedsReview, "Bo", 5),
            ]
        );
        assert_eq!((view.count(), view.older), (6, 0));
        // The current values are not history; another indicator has none.
        assert!(!view.rows.iter().any(|h| h.shown == said("https://y.se/")));
        assert_eq!(history_view(&set, &r, "it.tvafaktor"), HistoryView::default());
    }

    #[test]
    fn a_long_history_lists_the_newest_and_counts_the_rest() {
        let set = sample();
        let mut r = Replica::new();
        for i in 0..(MAX_HISTORY_ROWS as u64 + 8) {
            put(&mut r, "Anna", i, Field::Comment, Value::Text(format!("v{i}")));
        }
        let view = history_view(&set, &r, "it.bredband");
        assert_eq!((view.rows.len(), view.older), (MAX_HISTORY_ROWS, 7));
        assert_eq!(view.rows[0].shown, said(&format!("v{}", MAX_HISTORY_ROWS + 6)), "the newest replaced value first");
        assert_eq!(view.count(), MAX_HISTORY_ROWS + 7);
    }

    #[test]
    fn values_in_words_in_both_languages() {
        let set = sample();
        let earlier = crate::answers::plan::EarlierTarget {
            target: crate::answers::plan::Target { answer: "helt".into(), year: Some(2025) },
            answer: None,
        };
        let Shown::Said(words) = shown(&set, Field::PlanEarlier, &Value::Earlier(earlier)) else { panic!("words") };
        assert_eq!(words.sv, format!("{} 2025", set.option("helt").unwrap().label.sv));
        assert_eq!(shown(&set, Field::PlanYear, &Value::Year(2027)), said("2027"));
        assert_eq!(shown(&set, Field::Answer, &Value::Text("okänd".into())), said("okänd"));
        assert_eq!(shown(&set, Field::Comment, &Value::Empty), Shown::Empty);
    }
}
