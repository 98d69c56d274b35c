//! What the flower box shows: one assessment's answers, or the shares among many results.

use std::collections::BTreeMap;

use crate::answers::assessment::Assessment;
use crate::language::text::Localized;
use crate::sets::indicator_set::IndicatorSet;

/// How many of `n` results gave each answer to one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IndicatorShares {
    pub n: u32,
    /// Per scale key. Results that did not answer (or keys the scale lacks) are simply absent:
    /// what is missing up to `n` counts as "no answer".
    pub counts: BTreeMap<String, u32>,
}

/// Shares among many results (all published, a size group, a chosen list, or a reference).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregate {
    /// How many results were aggregated.
    pub n: u32,
    /// What they are, e.g. "Riket 2016 (141 kommuner)" or "Kommuner 10 000–19 999".
    pub label: Option<Localized>,
    /// Per indicator id; an indicator without an entry has no data.
    pub indicators: BTreeMap<String, IndicatorShares>,
    /// The answer keys the source reports, where it reports only some (the 2016 report gives
    /// only "helt"); `None` when every key is counted. Unreported answers are not zero: they sit
    /// in the rest with "no answer".
    pub reported_keys: Option<Vec<String>>,
}

impl Aggregate {
    /// The reference shares the set file carries (e.g. the 2016 report's "riket, 141 kommuner"),
    /// or `None` when the set has no reference. Percentages become counts of the reference's n;
    /// answers the source does not give stay "no data".
    pub fn from_reference(set: &IndicatorSet) -> Option<Aggregate> {
        let info = set.reference.as_ref()?;
        let n = info.n;
        let indicators: BTreeMap<String, IndicatorShares> = set
            .placed()
            .filter_map(|p| {
                let reference = p.indicator.reference.as_ref()?;
                let counts: BTreeMap<String, u32> = reference
                    .iter()
                    .filter_map(|(key, percent)| {
                        let percent = (*percent)?;
                        Some((key.clone(), ((f64::from(percent.min(100)) * f64::from(n)) / 100.0).round() as u32))
                    })
                    .collect();
                if counts.is_empty() {
                    return None;
                }
                Some((p.indicator.id.clone(), IndicatorShares { n, counts }))
            })
            .collect();
        let mut keys: Vec<String> = Vec::new();
        for option in &set.scale.options {
            if indicators.values().any(|s: &IndicatorShares| s.counts.contains_key(&option.key)) {
                keys.push(option.key.clone());
            }
        }
        let reported_keys = (keys.len() < set.scale.options.len()).then_some(keys);
        Some(Aggregate { n, label: Some(info.label.clone()), indicators, reported_keys })
    }

    /// Adds one result's answers (an assessment or a published result read as one).
    pub fn add(&mut self, set: &IndicatorSet, assessment: &Assessment) {
        self.n += 1;
        for p in set.placed() {
            let entry = self.indicators.entry(p.indicator.id.clone()).or_default();
            entry.n += 1;
            if let Some(key) = assessment.answer_of(&p.indicator.id).filter(|k| set.option(k).is_some()) {
                *entry.counts.entry(key.to_string()).or_default() += 1;
            }
        }
    }
}

/// The input of the layout.
#[derive(Debug, Clone, Copy)]
pub enum Values<'a> {
    /// One assessment: each petal and tile has one answer (or none).
    Single(&'a Assessment),
    /// Many results: each petal, bar and tile shows shares, with n.
    Aggregate(&'a Aggregate),
}

/// Shares 0–1 per scale option (in the scale's order) and the rest (no answer / no data); they
/// sum to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    pub options: Vec<f64>,
    pub unanswered: f64,
    /// How many results stand behind the shares (`None` for a single assessment).
    pub n: Option<u32>,
}

impl Shares {
    pub fn sum(&self) -> f64 {
        self.options.iter().sum::<f64>() + self.unanswered
    }
}

/// One indicator's value: its answer's option index, or shares.
pub(crate) fn indicator_shares(set: &IndicatorSet, values: Values<'_>, indicator_id: &str) -> Shares {
    let k = set.scale.options.len();
    match values {
        Values::Single(a) => {
            let mut options = vec![0.0; k];
            match a.answer_of(indicator_id).and_then(|key| set.option_index(key)) {
                Some(i) => {
                    options[i] = 1.0;
                    Shares { options, unanswered: 0.0, n: None }
                }
                None => Shares { options, unanswered: 1.0, n: None },
            }
        }
        Values::Aggregate(agg) => {
            let Some(s) = agg.indicators.get(indicator_id).filter(|s| s.n > 0) else {
                return Shares { options: vec![0.0; k], unanswered: 1.0, n: Some(0) };
            };
            let n = f64::from(s.n);
            let mut options: Vec<f64> =
                set.scale.options.iter().map(|o| f64::from(s.counts.get(&o.key).copied().unwrap_or(0)) / n).collect();
            // Counts above n (bad input) are scaled down so that the shares still sum to 1.
            let answered: f64 = options.iter().sum();
            if answered > 1.0 {
                options.iter_mut().for_each(|x| *x /= answered);
            }
            let unanswered = (1.0 - options.iter().sum::<f64>()).max(0.0);
            Shares { options, unanswered, n: Some(s.n) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn reference_percentages_become_counts_of_n() {
        let set = sample();
        let agg = Aggregate::from_reference(&set).unwrap();
        assert_eq!(agg.n, 141);
        assert_eq!(agg.reported_keys, Some(vec!["helt".to_string()]));
        let gym = &agg.indicators["tjanster.skola.gymnasium"];
        assert_eq!(gym.counts["helt"], 114);
        let shares = indicator_shares(&set, Values::Aggregate(&agg), "tjanster.skola.gymnasium");
        assert_eq!(crate::language::number_format::percent(shares.options[0], crate::language::text::Lang::Sv), "81\u{a0}%");
        assert!((shares.sum() - 1.0).abs() < 1e-9);
        let none = indicator_shares(&set, Values::Aggregate(&agg), "tjanster.skola.franvaro");
        assert_eq!((none.unanswered, none.n), (1.0, Some(0)));
    }
}
