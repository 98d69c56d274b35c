//! My own assessments over time: this browser's other assessments of the same kommun, side by
//! side with the current one per area and group.
//!
//! Within one set version every indicator is compared. Across versions only the comparable
//! indicators of the concordance (`same` and `reworded`) are, and both sides are counted over
//! those alone, so the shares speak of the same questions; the caller says "N av M indikatorer
//! jämförbara" with [`OverTime::comparable`] and [`OverTime::of`].

use std::collections::BTreeMap;

use crate::answers::assessment::Assessment;
use crate::sets::concordance::Comparable;
use crate::sets::indicator_set::IndicatorSet;
use crate::statistics::distribution::Distribution;

/// The current assessment's and the other's answers over the same (comparable) indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    pub current: Distribution,
    pub other: Distribution,
}

impl Sides {
    fn empty(options: usize) -> Sides {
        Sides { current: Distribution::empty(options), other: Distribution::empty(options) }
    }

    fn add(&mut self, other: &Sides) {
        self.current.add(&other.current);
        self.other.add(&other.other);
    }

    /// How many indicators were compared here.
    pub fn indicators(&self) -> u32 {
        self.current.total()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSides {
    pub id: String,
    pub sides: Sides,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaSides {
    pub id: String,
    pub sides: Sides,
    pub groups: Vec<GroupSides>,
}

/// The comparison of two assessments, laid out by the current assessment's set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverTime {
    /// Indicators compared.
    pub comparable: usize,
    /// Indicators of the current set version.
    pub of: usize,
    pub total: Sides,
    pub areas: Vec<AreaSides>,
}

/// Compares `other` with `current` (which answers `set`).
///
/// When both answer the same set version, every indicator is compared and `pairs` is not
/// needed. Across versions `pairs` must be the concordance's comparable pairs read from the
/// other's version to the current one (`comparable_pairs(other_version, current_version)`);
/// without them, or for another indicator set, there is nothing to compare and the answer is
/// `None`. Answers off the current scale count as unanswered.
pub fn over_time(set: &IndicatorSet, current: &Assessment, other: &Assessment, pairs: Option<&Comparable>) -> Option<OverTime> {
    if other.set.set != set.id || current.set.set != set.id || current.set.version != set.version {
        return None;
    }
    // Current indicator id → the other's indicator id.
    let partner: BTreeMap<&str, &str> = if other.set.version == set.version {
        set.placed().map(|p| (p.indicator.id.as_str(), p.indicator.id.as_str())).collect()
    } else {
        pairs?.pairs.iter().filter(|p| set.contains(&p.to)).map(|p| (p.to.as_str(), p.from.as_str())).collect()
    };

    let options = set.scale.options.len();
    let count = |d: &mut Distribution, answer: Option<&str>| d.record(set, answer);
    let mut total = Sides::empty(options);
    let areas = set
        .areas
        .iter()
        .map(|area| {
            let mut area_sides = Sides::empty(options);
            let groups = area
                .groups
                .iter()
                .map(|group| {
                    let mut sides = Sides::empty(options);
                    for indicator in &group.indicators {
                        let Some(their_id) = partner.get(indicator.id.as_str()) else { continue };
                        count(&mut sides.current, current.answer_of(&indicator.id));
                        count(&mut sides.other, other.answer_of(their_id));
                    }
                    area_sides.add(&sides);
                    GroupSides { id: group.id.clone(), sides }
                })
                .collect();
            total.add(&area_sides);
            AreaSides { id: area.id.clone(), sides: area_sides, groups }
        })
        .collect();
    Some(OverTime { comparable: partner.len(), of: set.indicator_count(), total, areas })
}

/// This browser's other assessments of the same kommun and indicator set (any version), newest
/// first by last change.
pub fn others_of_same_kommun<'a>(current: &Assessment, all: &'a [Assessment]) -> Vec<&'a Assessment> {
    let mut out: Vec<&Assessment> =
        all.iter().filter(|a| a.id != current.id && a.kommun.code == current.kommun.code && a.set.set == current.set.set).collect();
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::catalog::SetRef;
    use crate::sets::concordance::Concordance;

    /// Area `a` with groups `g1` and `g2`, area `b` with group `g3`.
    fn set(version: &str, groups: [&[&str]; 3]) -> IndicatorSet {
        let inds = |ids: &[&str]| {
            ids.iter()
                .map(|id| format!(r#"{{"id": "{id}", "text": {{"sv": "{id}"}}, "source": {{"ref": "s", "locator": "x"}}}}"#))
                .collect::<Vec<_>>()
                .join(",")
        };
        let json = format!(
            r#"{{"format": 1, "id": "t", "version": "{version}", "title": {{"sv": "T"}},
              "scale": {{"options": [{{"key": "helt", "label": {{"sv": "Helt"}}, "score": 1}},
                                     {{"key": "delvis", "label": {{"sv": "Delvis"}}, "score": 0.5}},
                                     {{"key": "inte", "label": {{"sv": "Inte"}}, "score": 0}}]}},
              "sources": {{"s": {{"file": "f", "title": "S"}}}},
              "areas": [{{"id": "a", "role": "tiles", "title": {{"sv": "A"}}, "groups": [
                          {{"id": "g1", "title": {{"sv": "G1"}}, "indicators": [{}]}},
                          {{"id": "g2", "title": {{"sv": "G2"}}, "indicators": [{}]}}]}},
                        {{"id": "b", "role": "tiles", "title": {{"sv": "B"}}, "groups": [
                          {{"id": "g3", "title": {{"sv": "G3"}}, "indicators": [{}]}}]}}]}}"#,
            inds(groups[0]),
            inds(groups[1]),
            inds(groups[2])
        );
        IndicatorSet::parse(&json, "t.json").unwrap()
    }

    fn v1() -> IndicatorSet {
        set("1", [&["a", "b"], &["c", "d", "e"], &["g"]])
    }

    fn v2() -> IndicatorSet {
        set("2", [&["a", "b2", "c1"], &["c2", "f"], &["h", "g"]])
    }

    const CONC: &str = r#"{"format": 1, "set": "t", "from": "1", "to": "2", "mappings": [
        {"kind": "same", "from": ["a"], "to": ["a"]},
        {"kind": "reworded", "from": ["b"], "to": ["b2"], "note": "why"},
        {"kind": "split", "from": ["c"], "to": ["c1", "c2"]},
        {"kind": "merged", "from": ["d", "e"], "to": ["f"]},
        {"kind": "same", "from": ["g"], "to": ["g"]},
        {"kind": "new", "from": [], "to": ["h"], "note": "source"}]}"#;

    fn assessment(id: &str, kommun: &str, set: &IndicatorSet, updated: i64, answers: &[(&str, &str)]) -> Assessment {
        let set_ref = SetRef { set: set.id.clone(), version: set.version.clone() };
        let mut a = Assessment::new(id.into(), format!("Värdering {id}"), kommun, None, set_ref, Timestamp(0)).unwrap();
        for (ind, key) in answers {
            a.answer(set, ind, Some(key), Timestamp(updated)).unwrap();
        }
        a
    }

    fn dist(counts: [u32; 3], unanswered: u32) -> Distribution {
        Distribution { counts: counts.to_vec(), unanswered, not_counted: 0 }
    }

    #[test]
    fn same_version_compares_every_indicator() {
        let s = v2();
        let now = assessment("nu", "1880", &s, 2, &[("a", "helt"), ("b2", "helt"), ("c1", "delvis"), ("f", "inte"), ("h", "helt")]);
        let then = assessment("da", "1880", &s, 1, &[("a", "delvis"), ("b2", "inte"), ("c2", "inte")]);
        let o = over_time(&s, &now, &then, None).unwrap();
        assert_eq!((o.comparable, o.of), (7, 7));
        let g1 = &o.areas[0].groups[0].sides;
        assert_eq!(g1.current, dist([2, 1, 0], 0));
        assert_eq!(g1.other, dist([0, 1, 1], 1));
        let g2 = &o.areas[0].groups[1].sides;
        assert_eq!((g2.current.clone(), g2.other.clone()), (dist([0, 0, 1], 1), dist([0, 0, 1], 1)));
        assert_eq!(o.areas[0].sides.current, dist([2, 1, 1], 1));
        assert_eq!(o.areas[1].sides.other, dist([0, 0, 0], 2));
        assert_eq!(o.total.current, dist([3, 1, 1], 2));
        assert_eq!(o.total.other, dist([0, 1, 2], 4));
        assert_eq!(o.total.indicators(), 7);
        assert_eq!(o.total.current.row(&[true; 3]).percent(0), Some(60), "3 helt of the 5 answered");
    }

    #[test]
    fn across_versions_only_comparable_indicators_count() {
        let (old, new) = (v1(), v2());
        let conc = Concordance::parse(CONC, "c.json").unwrap();
        conc.validate("c.json", &old, &new).unwrap();
        let pairs = conc.comparable_pairs("1", "2").unwrap();
        // a (same), b→b2 (reworded), g (same): 3 of v2's 7.
        let now = assessment("nu", "1880", &new, 2, &[("a", "helt"), ("b2", "delvis"), ("c1", "helt"), ("f", "helt"), ("g", "inte")]);
        let then = assessment("da", "1880", &old, 1, &[("a", "inte"), ("b", "helt"), ("c", "helt"), ("d", "helt")]);
        let o = over_time(&new, &now, &then, Some(&pairs)).unwrap();
        assert_eq!((o.comparable, o.of), (3, 7));
        // g1: a and b2 only (c1 came from a split): now helt + delvis, then inte + helt.
        let g1 = &o.areas[0].groups[0].sides;
        assert_eq!((g1.current.clone(), g1.other.clone()), (dist([1, 1, 0], 0), dist([1, 0, 1], 0)));
        // g2 (c2 split, f merged): nothing comparable.
        assert_eq!(o.areas[0].groups[1].sides.indicators(), 0);
        // g3: g (same) – now inte, then unanswered; h is new.
        let g3 = &o.areas[1].groups[0].sides;
        assert_eq!((g3.current.clone(), g3.other.clone()), (dist([0, 0, 1], 0), dist([0, 0, 0], 1)));
        assert_eq!(o.total.current, dist([1, 1, 1], 0));
        assert_eq!(o.total.other, dist([1, 0, 1], 1));

        // Read backwards: the old version as the current one.
        let back = conc.comparable_pairs("2", "1").unwrap();
        let o = over_time(&old, &then, &now, Some(&back)).unwrap();
        assert_eq!((o.comparable, o.of), (3, 6));
        assert_eq!(o.total.current, dist([1, 0, 1], 1));
        assert_eq!(o.total.other, dist([1, 1, 1], 0));
    }

    #[test]
    fn nothing_to_compare_without_a_concordance_or_across_sets() {
        let (old, new) = (v1(), v2());
        let now = assessment("nu", "1880", &new, 2, &[]);
        let then = assessment("da", "1880", &old, 1, &[]);
        assert_eq!(over_time(&new, &now, &then, None), None);
        let mut other_set = then.clone();
        other_set.set.set = "annan".into();
        other_set.set.version = "2".into();
        assert_eq!(over_time(&new, &now, &other_set, None), None);
    }

    #[test]
    fn others_are_the_same_kommun_and_set_newest_first() {
        let (old, new) = (v1(), v2());
        let now = assessment("nu", "1880", &new, 5, &[("a", "helt")]);
        let older = assessment("aa", "1880", &old, 1, &[("a", "helt")]);
        let newer = assessment("bb", "1880", &new, 3, &[("a", "helt")]);
        let kumla = assessment("cc", "1881", &new, 4, &[("a", "helt")]);
        let mut other_set = assessment("dd", "1880", &new, 4, &[("a", "helt")]);
        other_set.set.set = "annan".into();
        let all = vec![older.clone(), now.clone(), kumla, newer.clone(), other_set];
        let ids: Vec<&str> = others_of_same_kommun(&now, &all).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["bb", "aa"]);
    }
}
