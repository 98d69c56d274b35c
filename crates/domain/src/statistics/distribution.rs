//! The numbers the UI shows: progress, and how answers spread over the scale per group, per
//! area and in total.

use crate::answers::assessment::Assessment;
use crate::sets::indicator_set::{Group, IndicatorSet};
use crate::statistics::share_row::ShareRow;

/// Counts per scale option (in the scale's order) plus the unanswered ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Distribution {
    pub counts: Vec<u32>,
    pub unanswered: u32,
    /// How many of `counts` are answers that do not count ("Ej relevant för oss"): they are
    /// shown with their number but left out of every share.
    pub not_counted: u32,
}

impl Distribution {
    pub fn empty(options: usize) -> Self {
        Distribution { counts: vec![0; options], unanswered: 0, not_counted: 0 }
    }

    /// Adds one indicator's answer; keys off the scale count as unanswered.
    pub fn record(&mut self, set: &IndicatorSet, answer: Option<&str>) {
        match answer.and_then(|key| set.option_index(key)) {
            Some(i) => {
                self.counts[i] += 1;
                if !set.scale.options[i].counts {
                    self.not_counted += 1;
                }
            }
            None => self.unanswered += 1,
        }
    }

    /// The indicators the shares are taken over: all but those answered "not relevant".
    pub fn base(&self) -> u32 {
        self.total() - self.not_counted
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum::<u32>() + self.unanswered
    }

    pub fn answered(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The row every surface shows ([`ShareRow`]); `counting` is the scale's
    /// ([`IndicatorSet::counting`]).
    pub fn row(&self, counting: &[bool]) -> ShareRow {
        ShareRow::new(&self.counts, counting, &[], self.unanswered)
    }

    pub fn add(&mut self, other: &Distribution) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.unanswered += other.unanswered;
        self.not_counted += other.not_counted;
    }

    pub fn is_complete(&self) -> bool {
        self.unanswered == 0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    pub id: String,
    pub distribution: Distribution,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary {
    pub id: String,
    pub distribution: Distribution,
    pub groups: Vec<GroupSummary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub total: Distribution,
    pub areas: Vec<AreaSummary>,
}

impl Summary {
    pub fn group(&self, area_id: &str, group_id: &str) -> Option<&Distribution> {
        let area = self.areas.iter().find(|a| a.id == area_id)?;
        Some(&area.groups.iter().find(|g| g.id == group_id)?.distribution)
    }

    pub fn area(&self, area_id: &str) -> Option<&Distribution> {
        Some(&self.areas.iter().find(|a| a.id == area_id)?.distribution)
    }
}

/// `counts[index]` over `base`, 0–1; 0 with nothing to share over (or no such option). The one
/// division behind every share of counted answers, here and in [`crate::statistics::comparison`].
pub(crate) fn share_of(counts: &[u32], index: usize, base: u32) -> f64 {
    if base == 0 {
        0.0
    } else {
        f64::from(counts.get(index).copied().unwrap_or(0)) / f64::from(base)
    }
}

pub fn group_distribution(set: &IndicatorSet, group: &Group, assessment: &Assessment) -> Distribution {
    let mut d = Distribution::empty(set.scale.options.len());
    for indicator in &group.indicators {
        d.record(set, assessment.answer_of(&indicator.id));
    }
    d
}

/// Distributions for every group and area of `set`, and the total. Answers to indicators the
/// set does not have are ignored; answers with keys off the scale count as unanswered.
pub fn summarize(set: &IndicatorSet, assessment: &Assessment) -> Summary {
    let mut total = Distribution::empty(set.scale.options.len());
    let areas = set
        .areas
        .iter()
        .map(|area| {
            let mut area_dist = Distribution::empty(set.scale.options.len());
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let distribution = group_distribution(set, group, assessment);
                    area_dist.add(&distribution);
                    GroupSummary { id: group.id.clone(), distribution }
                })
                .collect();
            total.add(&area_dist);
            AreaSummary { id: area.id.clone(), distribution: area_dist, groups }
        })
        .collect();
    Summary { total, areas }
}

/// The first unanswered indicator after `after` in reading order, wrapping around.
pub fn next_unanswered<'a>(set: &'a IndicatorSet, assessment: &Assessment, after: Option<&str>) -> Option<&'a str> {
    let ids: Vec<&str> = set.placed().map(|p| p.indicator.id.as_str()).collect();
    let start = after.and_then(|a| ids.iter().position(|id| *id == a)).map_or(0, |i| i + 1);
    let is_open = |id: &&&str| assessment.answer_of(id).and_then(|k| set.option(k)).is_none();
    ids[start..].iter().chain(ids[..start].iter()).find(is_open).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;
    use proptest::prelude::*;

    #[test]
    fn counts_per_group_area_and_total() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.omsorg.larm", Some("inte"), Timestamp(1)).unwrap();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(1)).unwrap();
        let s = summarize(&set, &a);
        assert_eq!(s.group("tjanster", "skola").unwrap(), &Distribution { counts: vec![1, 0, 0], unanswered: 1, not_counted: 0 });
        assert_eq!(s.area("tjanster").unwrap(), &Distribution { counts: vec![1, 0, 1], unanswered: 1, not_counted: 0 });
        assert_eq!(s.total, Distribution { counts: vec![1, 1, 1], unanswered: 3, not_counted: 0 });
        assert_eq!(s.total.row(&set.counting()).percent(0), Some(34), "1 of the 3 answered, a third each: the extra point to the best");
    }

    #[test]
    fn not_relevant_answers_are_counted_but_left_out_of_the_shares() {
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "it.tvafaktor", Some("ej_relevant"), Timestamp(1)).unwrap();
        let it = summarize(&set, &a).area("it").unwrap().clone();
        assert_eq!(it, Distribution { counts: vec![1, 0, 0, 1], unanswered: 0, not_counted: 1 });
        assert_eq!((it.answered(), it.base()), (2, 1), "n says both answered; the share is of the one that counts");
        assert_eq!(it.row(&set.counting()).percent(0), Some(100), "helt is 100 % of what counts, not 50 %");
        let total = summarize(&set, &a).total;
        assert_eq!((total.total(), total.base(), total.not_counted), (6, 5, 1));
        assert_eq!(total.row(&set.counting()).percent(0), Some(100), "the unanswered are out of the base too");
        // The same base as the comparison's tallies.
        let t = crate::statistics::comparison::Tally { results: 1, counts: total.counts.clone(), not_counted: total.not_counted };
        assert_eq!(t.row(&set.counting()), ShareRow { unanswered: 0, ..total.row(&set.counting()) });
        assert_eq!(next_unanswered(&set, &a, Some("it.tvafaktor")), Some("tjanster.skola.gymnasium"), "not relevant is an answer");
    }

    #[test]
    fn next_unanswered_wraps_and_ends() {
        let set = sample();
        let mut a = new_assessment();
        assert_eq!(next_unanswered(&set, &a, None), Some("tjanster.skola.gymnasium"));
        a.answer(&set, "tjanster.skola.franvaro", Some("helt"), Timestamp(1)).unwrap();
        assert_eq!(next_unanswered(&set, &a, Some("tjanster.skola.gymnasium")), Some("tjanster.omsorg.larm"));
        assert_eq!(next_unanswered(&set, &a, Some("it.bredband")), Some("tjanster.skola.gymnasium"));
        for p in set.placed() {
            a.answer(&set, &p.indicator.id, Some("inte"), Timestamp(2)).unwrap();
        }
        assert_eq!(next_unanswered(&set, &a, None), None);
    }

    proptest! {
        #[test]
        fn distributions_always_sum_to_the_indicator_count(
            answers in proptest::collection::vec(proptest::option::of(0usize..3), 6)
        ) {
            let set = sample();
            let keys: Vec<String> = set.scale_keys().map(str::to_string).collect();
            let mut a = new_assessment();
            for (p, answer) in set.placed().zip(&answers) {
                a.answer(&set, &p.indicator.id, answer.map(|k| keys[k].as_str()), Timestamp(1)).unwrap();
            }
            let s = summarize(&set, &a);
            prop_assert_eq!(s.total.total() as usize, set.indicator_count());
            for (area, area_summary) in set.areas.iter().zip(&s.areas) {
                let n: usize = area.groups.iter().map(|g| g.indicators.len()).sum();
                prop_assert_eq!(area_summary.distribution.total() as usize, n);
                for (group, gs) in area.groups.iter().zip(&area_summary.groups) {
                    prop_assert_eq!(gs.distribution.total() as usize, group.indicators.len());
                }
            }
            prop_assert_eq!(s.total.unanswered as usize, answers.iter().filter(|a| a.is_none()).count());
        }
    }
}
