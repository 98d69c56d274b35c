//! Comparing published results: which results a selection takes (all, a size group, a län, a
//! chosen list of kommuner) and how their answers spread over the scale per indicator, group,
//! area and in total.
//!
//! The server's statistics and the app's Jämför page run this same code, so the numbers agree
//! wherever they are shown.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::files::result_file::ResultFile;
use crate::flowerbox::{Aggregate, IndicatorShares};
use crate::kommuner::kommun;
use crate::kommuner::size_group::SizeGroup;
use crate::language::text::Localized;
use crate::sets::catalog::SetRef;
use crate::sets::indicator_set::IndicatorSet;

/// Which published results to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Selection {
    #[default]
    All,
    SizeGroup(SizeGroup),
    /// A län by its two-digit SCB code ("18" = Örebro län).
    Lan(String),
    /// A chosen list of kommun codes, kept sorted and without duplicates.
    Kommuner(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectionError {
    #[error("unknown selection {0:?} (use all, size-group:KEY, lan:CODE or kommuner:CODE,CODE,…)")]
    Unknown(String),
    #[error("unknown size group {0:?}")]
    UnknownSizeGroup(String),
    #[error("unknown län code {0:?}")]
    UnknownLan(String),
    #[error("unknown kommun code {0:?}")]
    UnknownKommun(String),
    #[error("the list of kommuner is empty")]
    EmptyList,
}

impl Selection {
    /// Reads the form used in URLs and the API: `all`, `size-group:from-10k-to-20k`, `lan:18`,
    /// `kommuner:1880,0180`. An empty text means `all`.
    pub fn parse(text: &str) -> Result<Selection, SelectionError> {
        let text = text.trim();
        if text.is_empty() || text == "all" {
            return Ok(Selection::All);
        }
        let Some((kind, value)) = text.split_once(':') else {
            return Err(SelectionError::Unknown(text.to_string()));
        };
        match kind {
            "size-group" => {
                SizeGroup::from_key(value).map(Selection::SizeGroup).ok_or_else(|| SelectionError::UnknownSizeGroup(value.to_string()))
            }
            "lan" => {
                if kommun::lan_list().iter().any(|(code, _)| *code == value) {
                    Ok(Selection::Lan(value.to_string()))
                } else {
                    Err(SelectionError::UnknownLan(value.to_string()))
                }
            }
            "kommuner" => {
                let codes: Vec<String> = value.split(',').map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect();
                Selection::kommuner(codes)
            }
            _ => Err(SelectionError::Unknown(text.to_string())),
        }
    }

    /// A list selection; every code must be a known kommun.
    pub fn kommuner(codes: impl IntoIterator<Item = String>) -> Result<Selection, SelectionError> {
        let mut codes: Vec<String> = codes.into_iter().collect();
        if let Some(bad) = codes.iter().find(|c| kommun::by_code(c).is_none()) {
            return Err(SelectionError::UnknownKommun(bad.clone()));
        }
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            return Err(SelectionError::EmptyList);
        }
        Ok(Selection::Kommuner(codes))
    }

    /// Whether a kommun with this code and population belongs to the selection. A size group
    /// needs the population; without one a result is in no size group.
    pub fn includes(&self, kommun_code: &str, population: Option<u32>) -> bool {
        match self {
            Selection::All => true,
            Selection::SizeGroup(group) => population.is_some_and(|p| SizeGroup::of_population(p) == *group),
            Selection::Lan(lan) => kommun::by_code(kommun_code).is_some_and(|k| &k.lan_code == lan),
            Selection::Kommuner(codes) => codes.binary_search_by(|c| c.as_str().cmp(kommun_code)).is_ok(),
        }
    }

    pub fn includes_result(&self, result: &ResultFile) -> bool {
        self.includes(&result.kommun.code, result.population)
    }

    /// What the selection is, in Swedish: "Alla", "20 000–49 999 invånare", "Örebro län",
    /// "3 valda kommuner".
    pub fn label_sv(&self) -> String {
        match self {
            Selection::All => "Alla kommuner".to_string(),
            Selection::SizeGroup(g) => format!("Kommuner med {}", g.label_sv()),
            Selection::Lan(code) => lan_name(code).unwrap_or(code).to_string(),
            Selection::Kommuner(codes) if codes.len() == 1 => {
                kommun::by_code(&codes[0]).map_or_else(|| codes[0].clone(), |k| k.name.clone())
            }
            Selection::Kommuner(codes) => format!("{} valda kommuner", codes.len()),
        }
    }

    pub fn label_en(&self) -> String {
        match self {
            Selection::All => "All municipalities".to_string(),
            Selection::SizeGroup(g) => format!("Municipalities with {}", g.label_en()),
            Selection::Lan(code) => lan_name(code).unwrap_or(code).to_string(),
            Selection::Kommuner(codes) if codes.len() == 1 => {
                kommun::by_code(&codes[0]).map_or_else(|| codes[0].clone(), |k| k.name.clone())
            }
            Selection::Kommuner(codes) => format!("{} chosen municipalities", codes.len()),
        }
    }
}

fn lan_name(code: &str) -> Option<&'static str> {
    kommun::lan_list().into_iter().find(|(c, _)| *c == code).map(|(_, name)| name)
}

/// The URL/API form; `Selection::parse` reads it back.
impl fmt::Display for Selection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Selection::All => write!(f, "all"),
            Selection::SizeGroup(g) => write!(f, "size-group:{}", g.key()),
            Selection::Lan(code) => write!(f, "lan:{code}"),
            Selection::Kommuner(codes) => write!(f, "kommuner:{}", codes.join(",")),
        }
    }
}

impl Serialize for Selection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Selection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Selection::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// How answers spread over the scale.
///
/// For an indicator, `results` is how many results answered it and `counts` how many chose
/// each option. For a group, an area or the total, `counts` adds up the answers to all its
/// indicators and `results` is how many results answered at least one of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub results: u32,
    /// Per scale option, in the scale's order.
    pub counts: Vec<u32>,
    /// How many of `counts` are answers that do not count ("Ej relevant för oss"): counted in
    /// n, left out of the shares.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_counted: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Tally {
    pub fn empty(options: usize) -> Tally {
        Tally { results: 0, counts: vec![0; options], not_counted: 0 }
    }

    /// Answers counted (over all indicators the tally covers), "not relevant" included.
    pub fn answered(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// Share of the answered (leaving out "not relevant") with the option at `index`, 0–1; the
    /// shares of the counting options sum to 1 when anything was answered, and are all 0
    /// otherwise. An option that does not count has no share: show its count.
    pub fn share(&self, index: usize) -> f64 {
        crate::statistics::distribution::share_of(&self.counts, index, self.answered() - self.not_counted)
    }

    /// The row every surface shows ([`ShareRow`]): the same shares, as whole percentages that
    /// add up to 100. Unanswered is not known here (a result need not answer everything).
    pub fn row(&self, counting: &[bool]) -> crate::statistics::share_row::ShareRow {
        crate::statistics::share_row::ShareRow::new(&self.counts, counting, &[], 0)
    }

    pub fn shares(&self) -> Vec<f64> {
        (0..self.counts.len()).map(|i| self.share(i)).collect()
    }

    fn add_counts(&mut self, other: &Tally) {
        for (mine, theirs) in self.counts.iter_mut().zip(&other.counts) {
            *mine += theirs;
        }
        self.not_counted += other.not_counted;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorTally {
    pub id: String,
    pub area: String,
    pub group: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTally {
    pub id: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaTally {
    pub id: String,
    pub tally: Tally,
    pub groups: Vec<GroupTally>,
}

/// The spread of answers among the results a selection takes, for one set version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub set: SetRef,
    pub selection: Selection,
    /// The scale's keys, in the order of every `counts`.
    pub scale: Vec<String>,
    /// The kommuner whose results were counted, in code order; its length is the selection's n.
    pub kommuner: Vec<String>,
    pub total: Tally,
    pub areas: Vec<AreaTally>,
    /// Every indicator of the set, in reading order.
    pub indicators: Vec<IndicatorTally>,
}

impl Comparison {
    /// How many results were counted.
    pub fn n(&self) -> usize {
        self.kommuner.len()
    }

    /// The kommuner a chosen list names that have no result here, by name in the list's order:
    /// "2 valda kommuner (n = 1)" must say which one has no data (issue 22).
    pub fn chosen_without_result(&self) -> Vec<String> {
        let Selection::Kommuner(codes) = &self.selection else { return Vec::new() };
        codes
            .iter()
            .filter(|c| !self.kommuner.contains(c))
            .map(|c| kommun::by_code(c).map_or_else(|| c.clone(), |k| k.name.clone()))
            .collect()
    }

    pub fn indicator(&self, id: &str) -> Option<&Tally> {
        self.indicators.iter().find(|i| i.id == id).map(|i| &i.tally)
    }

    pub fn area(&self, area_id: &str) -> Option<&Tally> {
        self.areas.iter().find(|a| a.id == area_id).map(|a| &a.tally)
    }

    pub fn group(&self, area_id: &str, group_id: &str) -> Option<&Tally> {
        let area = self.areas.iter().find(|a| a.id == area_id)?;
        area.groups.iter().find(|g| g.id == group_id).map(|g| &g.tally)
    }

    /// The index of a scale key in `counts`.
    pub fn option_index(&self, key: &str) -> Option<usize> {
        self.scale.iter().position(|k| k == key)
    }
}

/// Tallies the results of `set`'s version that `selection` takes.
///
/// Results for other set versions are skipped. The caller passes current results; should a
/// kommun still appear twice, only its latest (by `updated`, then by order) counts. Answers to
/// indicators the set lacks are ignored, and answers off the scale count as unanswered.
pub fn compare<'r>(set: &IndicatorSet, results: impl IntoIterator<Item = &'r ResultFile>, selection: &Selection) -> Comparison {
    let latest = taken(set, results, selection);

    let options = set.scale.options.len();
    let mut total = Tally::empty(options);
    let mut indicators = Vec::with_capacity(set.indicator_count());
    let mut areas = Vec::with_capacity(set.areas.len());
    // Per result: whether it answered anything in the current group / area / set.
    let mut in_total = vec![false; latest.len()];
    for area in &set.areas {
        let mut area_tally = Tally::empty(options);
        let mut in_area = vec![false; latest.len()];
        let mut groups = Vec::with_capacity(area.groups.len());
        for group in &area.groups {
            let mut group_tally = Tally::empty(options);
            let mut in_group = vec![false; latest.len()];
            for indicator in &group.indicators {
                let mut tally = Tally::empty(options);
                for (i, result) in latest.values().enumerate() {
                    let answer = result.answers.get(&indicator.id).and_then(|a| a.answer.as_deref());
                    if let Some(index) = answer.and_then(|key| set.option_index(key)) {
                        tally.counts[index] += 1;
                        if !set.scale.options[index].counts {
                            tally.not_counted += 1;
                        }
                        tally.results += 1;
                        in_group[i] = true;
                    }
                }
                group_tally.add_counts(&tally);
                indicators.push(IndicatorTally { id: indicator.id.clone(), area: area.id.clone(), group: group.id.clone(), tally });
            }
            group_tally.results = count_true(&in_group);
            area_tally.add_counts(&group_tally);
            merge_flags(&mut in_area, &in_group);
            groups.push(GroupTally { id: group.id.clone(), tally: group_tally });
        }
        area_tally.results = count_true(&in_area);
        total.add_counts(&area_tally);
        merge_flags(&mut in_total, &in_area);
        areas.push(AreaTally { id: area.id.clone(), tally: area_tally, groups });
    }
    total.results = count_true(&in_total);

    Comparison {
        set: SetRef { set: set.id.clone(), version: set.version.clone() },
        selection: selection.clone(),
        scale: set.scale_keys().map(str::to_string).collect(),
        kommuner: latest.keys().map(|k| k.to_string()).collect(),
        total,
        areas,
        indicators,
    }
}

/// The results `selection` takes for `set`'s version, one per kommun (the latest), by code.
fn taken<'r>(
    set: &IndicatorSet,
    results: impl IntoIterator<Item = &'r ResultFile>,
    selection: &Selection,
) -> BTreeMap<&'r str, &'r ResultFile> {
    let mut latest: BTreeMap<&str, &ResultFile> = BTreeMap::new();
    for r in results {
        if r.set.set != set.id || r.set.version != set.version || !selection.includes_result(r) {
            continue;
        }
        match latest.get(r.kommun.code.as_str()) {
            Some(earlier) if earlier.updated > r.updated => {}
            _ => {
                latest.insert(r.kommun.code.as_str(), r);
            }
        }
    }
    latest
}

impl Comparison {
    /// The same numbers as the flower box's aggregate input: per indicator, n is every result
    /// counted and the counts are its answers (what is missing up to n is "no answer").
    pub fn aggregate(&self, label: Option<Localized>) -> Aggregate {
        let n = self.n() as u32;
        let indicators = self
            .indicators
            .iter()
            .map(|i| {
                let counts = self.scale.iter().zip(&i.tally.counts).filter(|(_, c)| **c > 0).map(|(key, c)| (key.clone(), *c)).collect();
                (i.id.clone(), IndicatorShares { n, counts })
            })
            .collect();
        Aggregate { n, label, indicators, reported_keys: None }
    }
}

/// A kommun that gave a certain answer to an indicator, with its public evidence link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fulfiller {
    pub code: String,
    pub name: String,
    /// Only `http(s)://` links; anything else is left out.
    pub evidence: Option<String>,
}

/// "Vilka uppfyller?": per indicator of `set`, the kommuner among the results `selection`
/// takes that answered `key` (normally the scale's first option, *helt*), in code order. Only
/// indicators with at least one such kommun have an entry.
pub fn answering<'r>(
    set: &IndicatorSet,
    results: impl IntoIterator<Item = &'r ResultFile>,
    selection: &Selection,
    key: &str,
) -> BTreeMap<String, Vec<Fulfiller>> {
    let latest = taken(set, results, selection);
    let mut out: BTreeMap<String, Vec<Fulfiller>> = BTreeMap::new();
    for p in set.placed() {
        let id = &p.indicator.id;
        for r in latest.values() {
            let Some(answer) = r.answers.get(id) else { continue };
            if answer.answer.as_deref() != Some(key) {
                continue;
            }
            let evidence = answer.evidence.as_deref().and_then(|l| crate::answers::web_link::normalise_link(l).ok());
            out.entry(id.clone()).or_default().push(Fulfiller { code: r.kommun.code.clone(), name: r.kommun.name.clone(), evidence });
        }
    }
    out
}

fn count_true(flags: &[bool]) -> u32 {
    flags.iter().filter(|f| **f).count() as u32
}

fn merge_flags(into: &mut [bool], from: &[bool]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a |= *b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::KommunRef;
    use crate::answers::timestamp::Timestamp;
    use crate::files::result_file::{ResultAnswer, RESULT_FORMAT, RESULT_FORMAT_VERSION};
    use crate::sets::indicator_set::tests::sample;

    /// A result for the sample set; `answers` lists keys in the set's reading order
    /// (gymnasium, franvaro, larm, utvecklat, tvafaktor, bredband), `None` = unanswered.
    fn result(code: &str, population: Option<u32>, updated: i64, answers: [Option<&str>; 6]) -> ResultFile {
        let set = sample();
        ResultFile {
            format: RESULT_FORMAT.into(),
            format_version: RESULT_FORMAT_VERSION,
            app_version: "test".into(),
            set: SetRef { set: "test".into(), version: "1".into() },
            kommun: KommunRef { code: code.into(), name: kommun::by_code(code).unwrap().name.clone() },
            population,
            title: format!("Värdering {code}"),
            created: Timestamp(0),
            updated: Timestamp(updated),
            approval: None,
            answers: set
                .placed()
                .zip(answers)
                .filter_map(|(p, a)| a.map(|key| (p.indicator.id.clone(), ResultAnswer { answer: Some(key.into()), ..Default::default() })))
                .collect(),
        }
    }

    /// Four results, worked through by hand below.
    ///
    /// | kommun          | län | pop.    | gymn.  | frånv. | larm   | utv.   | tvåf.  | bredb. |
    /// |-----------------|-----|---------|--------|--------|--------|--------|--------|--------|
    /// | 1880 Örebro     | 18  | 160 000 | helt   | helt   | delvis | inte   | helt   | delvis |
    /// | 1881 Kumla      | 18  | 22 000  | helt   | delvis | inte   | inte   | –      | helt   |
    /// | 0180 Stockholm  | 01  | 980 000 | delvis | –      | –      | helt   | helt   | helt   |
    /// | 2582 Boden      | 25  | 28 000  | inte   | inte   | helt   | delvis | delvis | inte   |
    fn four() -> Vec<ResultFile> {
        let (h, d, i) = (Some("helt"), Some("delvis"), Some("inte"));
        vec![
            result("1880", Some(160_000), 1, [h, h, d, i, h, d]),
            result("1881", Some(22_000), 1, [h, d, i, i, None, h]),
            result("0180", Some(980_000), 1, [d, None, None, h, h, h]),
            result("2582", Some(28_000), 1, [i, i, h, d, d, i]),
        ]
    }

    const EPS: f64 = 1e-12;

    #[test]
    fn all_four_by_hand() {
        let set = sample();
        let c = compare(&set, &four(), &Selection::All);
        assert_eq!(c.n(), 4);
        assert_eq!(c.kommuner, vec!["0180", "1880", "1881", "2582"]);
        assert_eq!(c.scale, vec!["helt", "delvis", "inte"]);

        // Gymnasium: helt, helt, delvis, inte → 2/1/1 of 4.
        let gym = c.indicator("tjanster.skola.gymnasium").unwrap();
        assert_eq!(gym, &Tally { results: 4, counts: vec![2, 1, 1], not_counted: 0 });
        assert!((gym.share(0) - 0.5).abs() < EPS && (gym.share(1) - 0.25).abs() < EPS);
        // Frånvaro: helt, delvis, –, inte → n = 3, each a third.
        let franvaro = c.indicator("tjanster.skola.franvaro").unwrap();
        assert_eq!(franvaro, &Tally { results: 3, counts: vec![1, 1, 1], not_counted: 0 });
        assert!((franvaro.share(2) - 1.0 / 3.0).abs() < EPS);

        // Group skola (gymnasium + frånvaro): 3 helt, 2 delvis, 2 inte; all four answered something.
        assert_eq!(c.group("tjanster", "skola").unwrap(), &Tally { results: 4, counts: vec![3, 2, 2], not_counted: 0 });
        // Group omsorg (larm): delvis, inte, –, helt → Stockholm answered nothing there.
        assert_eq!(c.group("tjanster", "omsorg").unwrap(), &Tally { results: 3, counts: vec![1, 1, 1], not_counted: 0 });
        // Area tjänster = skola + omsorg.
        let tjanster = c.area("tjanster").unwrap();
        assert_eq!(tjanster, &Tally { results: 4, counts: vec![4, 3, 3], not_counted: 0 });
        assert!((tjanster.share(0) - 0.4).abs() < EPS);
        // Verksamhet (utvecklat): inte, inte, helt, delvis.
        assert_eq!(c.area("verksamhet").unwrap(), &Tally { results: 4, counts: vec![1, 1, 2], not_counted: 0 });
        // IT: tvåfaktor helt, –, helt, delvis; bredband delvis, helt, helt, inte.
        assert_eq!(c.indicator("it.tvafaktor").unwrap(), &Tally { results: 3, counts: vec![2, 1, 0], not_counted: 0 });
        assert_eq!(c.area("it").unwrap(), &Tally { results: 4, counts: vec![4, 2, 1], not_counted: 0 });
        // Total: 24 cells, 3 unanswered → 21 answers: 9 helt, 6 delvis, 6 inte.
        assert_eq!(c.total, Tally { results: 4, counts: vec![9, 6, 6], not_counted: 0 });
        let shares = c.total.shares();
        assert!((shares[0] - 9.0 / 21.0).abs() < EPS);
        assert!((shares.iter().sum::<f64>() - 1.0).abs() < EPS);
    }

    #[test]
    fn not_relevant_counts_in_n_but_not_in_the_shares() {
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let (h, i, x) = (Some("helt"), Some("inte"), Some("ej_relevant"));
        let results = [result("1880", None, 1, [h, x, None, None, h, i]), result("1881", None, 1, [x, x, None, None, i, i])];
        let c = compare(&set, &results, &Selection::All);
        let gym = c.indicator("tjanster.skola.gymnasium").unwrap();
        assert_eq!(gym, &Tally { results: 2, counts: vec![1, 0, 0, 1], not_counted: 1 });
        assert!((gym.share(0) - 1.0).abs() < EPS, "the kommun without the service does not lower the share");
        let franvaro = c.indicator("tjanster.skola.franvaro").unwrap();
        assert_eq!((franvaro.results, franvaro.share(0)), (2, 0.0), "n = 2 answered, none of it counts");
        assert_eq!(c.total.not_counted, 3);
        assert!((c.total.shares()[..3].iter().sum::<f64>() - 1.0).abs() < EPS);
    }

    #[test]
    fn selections_filter_by_lan_size_and_list() {
        let set = sample();
        let results = four();

        // Örebro län (18): Örebro and Kumla.
        let lan = compare(&set, &results, &Selection::parse("lan:18").unwrap());
        assert_eq!(lan.kommuner, vec!["1880", "1881"]);
        assert_eq!(lan.indicator("tjanster.skola.gymnasium").unwrap(), &Tally { results: 2, counts: vec![2, 0, 0], not_counted: 0 });
        // Örebro 3 helt 2 delvis 1 inte; Kumla 2 helt 1 delvis 2 inte.
        assert_eq!(lan.total, Tally { results: 2, counts: vec![5, 3, 3], not_counted: 0 });

        // 20 000–49 999: Kumla and Boden.
        let size = compare(&set, &results, &Selection::SizeGroup(SizeGroup::From20kTo50k));
        assert_eq!(size.kommuner, vec!["1881", "2582"]);
        assert_eq!(size.indicator("it.bredband").unwrap(), &Tally { results: 2, counts: vec![1, 0, 1], not_counted: 0 });
        // Kumla 2 helt 1 delvis 2 inte; Boden (inte, inte, helt, delvis, delvis, inte) 1/2/3.
        assert_eq!(size.total, Tally { results: 2, counts: vec![3, 3, 5], not_counted: 0 });

        // 100 000 or more: Örebro and Stockholm.
        let big = compare(&set, &results, &Selection::parse("size-group:from-100k").unwrap());
        assert_eq!(big.kommuner, vec!["0180", "1880"]);
        // Stockholm answered nothing in omsorg; Örebro did.
        assert_eq!(big.group("tjanster", "omsorg").unwrap(), &Tally { results: 1, counts: vec![0, 1, 0], not_counted: 0 });

        // A chosen list, with a kommun that has not published.
        let list = compare(&set, &results, &Selection::parse("kommuner:2582,0180,0114").unwrap());
        assert_eq!(list.kommuner, vec!["0180", "2582"]);
        assert_eq!(list.indicator("tjanster.skola.franvaro").unwrap(), &Tally { results: 1, counts: vec![0, 0, 1], not_counted: 0 });

        // Nobody: n = 0 and every share 0.
        let none = compare(&set, &results, &Selection::parse("lan:03").unwrap());
        assert_eq!(none.n(), 0);
        assert_eq!(none.total, Tally { results: 0, counts: vec![0, 0, 0], not_counted: 0 });
        assert_eq!(none.total.shares(), vec![0.0, 0.0, 0.0]);
    }

    #[test]
    fn other_versions_off_scale_answers_and_duplicates() {
        let set = sample();
        let mut results = four();
        let mut other_version = results[0].clone();
        other_version.set.version = "2".into();
        other_version.kommun = KommunRef { code: "0114".into(), name: "Upplands Väsby".into() };
        results.push(other_version);
        // A newer result from Örebro replaces the older; an off-scale key counts as unanswered.
        let mut newer = result("1880", Some(160_000), 5, [Some("inte"); 6]);
        newer.answers.get_mut("it.bredband").unwrap().answer = Some("ja".into());
        results.insert(0, newer);

        let c = compare(&set, &results, &Selection::All);
        assert_eq!(c.kommuner, vec!["0180", "1880", "1881", "2582"]);
        assert_eq!(c.indicator("tjanster.skola.gymnasium").unwrap(), &Tally { results: 4, counts: vec![1, 1, 2], not_counted: 0 });
        assert_eq!(c.indicator("it.bredband").unwrap(), &Tally { results: 3, counts: vec![2, 0, 1], not_counted: 0 });
    }

    #[test]
    fn aggregate_carries_the_comparison_numbers_to_the_flower_box() {
        use crate::flowerbox::{layout, Options, Values};
        let set = sample();
        let lan = compare(&set, &four(), &Selection::parse("lan:18").unwrap());
        let agg = lan.aggregate(Some(Localized { sv: "Urvalet".into(), en: None }));
        assert_eq!(agg.n, 2);
        assert_eq!(agg.indicators.len(), set.indicator_count());
        // Gymnasium: both helt.
        let gym = &agg.indicators["tjanster.skola.gymnasium"];
        assert_eq!((gym.n, gym.counts.get("helt").copied(), gym.counts.get("delvis")), (2, Some(2), None));
        // Tvåfaktor: Örebro helt, Kumla unanswered → n stays 2, the rest is "no answer".
        let tva = &agg.indicators["it.tvafaktor"];
        assert_eq!((tva.n, tva.counts.len(), tva.counts["helt"]), (2, 1, 1));

        // The same as adding the two results one by one.
        let mut by_hand = crate::flowerbox::Aggregate { label: agg.label.clone(), ..Default::default() };
        for r in four().iter().filter(|r| r.kommun.code.starts_with("18")) {
            by_hand.add(&set, &r.to_assessment("x".into(), crate::answers::timestamp::Timestamp(0)));
        }
        assert_eq!(by_hand, agg);

        // The flower box's table: the IT area has tvåfaktor (½ helt, ½ none) and bredband
        // (Örebro delvis, Kumla helt) → mean shares helt ½, delvis ¼, none ¼; n = 2.
        let l = layout(&set, Values::Aggregate(&agg), &Options::default());
        let it = l.table.iter().find(|t| t.area_id == "it").unwrap();
        assert!((it.total.share(0) - 0.5).abs() < EPS && (it.total.share(1) - 0.25).abs() < EPS);
        assert!((it.total.unanswered_share() - 0.25).abs() < EPS);
        assert_eq!(it.total.n, Some(2));
        assert_eq!(l.total.n, Some(2));

        // Nobody selected: an empty aggregate, every indicator without data.
        let none = compare(&set, &four(), &Selection::parse("lan:03").unwrap()).aggregate(None);
        assert_eq!(none.n, 0);
        assert!(none.indicators.values().all(|s| s.n == 0));
    }

    #[test]
    fn who_answers_helt_with_their_links() {
        let set = sample();
        let mut results = four();
        results[0].answers.get_mut("tjanster.skola.gymnasium").unwrap().evidence = Some("https://orebro.se/gymnasiet".into());
        // A link that is not http(s) is never passed on.
        results[1].answers.get_mut("tjanster.skola.gymnasium").unwrap().evidence = Some("javascript:alert(1)".into());
        // Evidence on an answer other than helt does not make it count.
        results[2].answers.get_mut("tjanster.skola.gymnasium").unwrap().evidence = Some("https://stockholm.se/".into());

        let all = answering(&set, &results, &Selection::All, "helt");
        assert_eq!(
            all["tjanster.skola.gymnasium"],
            vec![
                Fulfiller { code: "1880".into(), name: "Örebro".into(), evidence: Some("https://orebro.se/gymnasiet".into()) },
                Fulfiller { code: "1881".into(), name: "Kumla".into(), evidence: None },
            ]
        );
        // Utvecklat: only Stockholm; larm: only Boden.
        let codes = |id: &str| all.get(id).map(|v| v.iter().map(|f| f.code.as_str()).collect::<Vec<_>>()).unwrap_or_default();
        assert_eq!(codes("verksamhet.skola.utvecklat"), vec!["0180"]);
        assert_eq!(codes("tjanster.omsorg.larm"), vec!["2582"]);
        assert_eq!(codes("it.tvafaktor"), vec!["0180", "1880"]);
        // Every entry agrees with the comparison's helt count.
        let c = compare(&set, &results, &Selection::All);
        for i in &c.indicators {
            assert_eq!(all.get(&i.id).map_or(0, Vec::len), i.tally.counts[0] as usize, "{}", i.id);
        }

        // The selection applies: Örebro län has no one answering helt on larm.
        let lan = answering(&set, &results, &Selection::parse("lan:18").unwrap(), "helt");
        assert!(!lan.contains_key("tjanster.omsorg.larm"));
        assert_eq!(lan["tjanster.skola.gymnasium"].len(), 2);
        // Another key works too.
        let delvis = answering(&set, &results, &Selection::All, "delvis");
        assert_eq!(delvis["tjanster.skola.gymnasium"][0].code, "0180");
    }

    #[test]
    fn a_chosen_kommun_without_a_result_is_named() {
        let set = sample();
        let results = four();
        let chosen = Selection::kommuner(["1880".to_string(), "0114".to_string()]).unwrap();
        let c = compare(&set, &results, &chosen);
        let with_results: Vec<&str> = c.kommuner.iter().map(String::as_str).collect();
        assert!(with_results.contains(&"1880") && !with_results.contains(&"0114"), "{with_results:?}");
        assert_eq!(c.chosen_without_result(), vec!["Upplands Väsby".to_string()]);
        assert_eq!(compare(&set, &results, &Selection::All).chosen_without_result(), Vec::<String>::new());
    }

    #[test]
    fn size_groups_need_a_population() {
        let set = sample();
        let results = vec![result("1881", None, 1, [Some("helt"); 6])];
        assert_eq!(compare(&set, &results, &Selection::SizeGroup(SizeGroup::From20kTo50k)).n(), 0);
        assert_eq!(compare(&set, &results, &Selection::All).n(), 1);
    }

    #[test]
    fn selection_text_round_trips_and_names_errors() {
        for text in ["all", "size-group:under-10k", "lan:18", "kommuner:0180,1880"] {
            assert_eq!(Selection::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Selection::parse("").unwrap(), Selection::All);
        assert_eq!(Selection::parse("kommuner:1880, 0180,1880").unwrap(), Selection::Kommuner(vec!["0180".into(), "1880".into()]));
        assert_eq!(Selection::parse("lan:99"), Err(SelectionError::UnknownLan("99".into())));
        assert_eq!(Selection::parse("size-group:huge"), Err(SelectionError::UnknownSizeGroup("huge".into())));
        assert_eq!(Selection::parse("kommuner:1899"), Err(SelectionError::UnknownKommun("1899".into())));
        assert_eq!(Selection::parse("kommuner:"), Err(SelectionError::EmptyList));
        assert_eq!(Selection::parse("alla"), Err(SelectionError::Unknown("alla".into())));
        assert_eq!(Selection::parse("lan:18").unwrap().label_sv(), "Örebro län");
        assert_eq!(Selection::parse("kommuner:1880").unwrap().label_sv(), "Örebro");
        let json = serde_json::to_string(&Selection::parse("lan:18").unwrap()).unwrap();
        assert_eq!(json, "\"lan:18\"");
        assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), Selection::Lan("18".into()));
    }
}
