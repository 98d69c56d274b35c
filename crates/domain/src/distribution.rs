//! The numbers the UI shows: progress, and how answers spread over the scale per group, per
//! area and in total.

use crate::assessment::Assessment;
use crate::indicator_set::{Group, IndicatorSet};

/// Counts per scale option (in the scale's order) plus the unanswered ones.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Distribution {
    pub counts: Vec<u32>,
    pub unanswered: u32,
}

impl Distribution {
    pub fn empty(options: usize) -> Self {
        Distribution { counts: vec![0; options], unanswered: 0 }
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum::<u32>() + self.unanswered
    }

    pub fn answered(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Share of all indicators (answered or not) with the option at `index`, 0–1.
    pub fn share(&self, index: usize) -> f64 {
        let total = self.total();
        if total == 0 {
            0.0
        } else {
            f64::from(self.counts.get(index).copied().unwrap_or(0)) / f64::from(total)
        }
    }

    pub fn add(&mut self, other: &Distribution) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.unanswered += other.unanswered;
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

pub fn group_distribution(set: &IndicatorSet, group: &Group, assessment: &Assessment) -> Distribution {
    let mut d = Distribution::empty(set.scale.options.len());
    for indicator in &group.indicators {
        match assessment.answer_of(&indicator.id).and_then(|key| set.option_index(key)) {
            Some(i) => d.counts[i] += 1,
            None => d.unanswered += 1,
        }
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
    use crate::assessment::tests::new_assessment;
    use crate::indicator_set::tests::sample;
    use crate::timestamp::Timestamp;
    use proptest::prelude::*;

    #[test]
    fn counts_per_group_area_and_total() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.omsorg.larm", Some("inte"), Timestamp(1)).unwrap();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(1)).unwrap();
        let s = summarize(&set, &a);
        assert_eq!(s.group("tjanster", "skola").unwrap(), &Distribution { counts: vec![1, 0, 0], unanswered: 1 });
        assert_eq!(s.area("tjanster").unwrap(), &Distribution { counts: vec![1, 0, 1], unanswered: 1 });
        assert_eq!(s.total, Distribution { counts: vec![1, 1, 1], unanswered: 3 });
        assert!((s.total.share(0) - 1.0 / 6.0).abs() < 1e-9);
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
