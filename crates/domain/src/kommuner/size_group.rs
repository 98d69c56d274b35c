//! Kommun size groups by population, as in SKL's 2016 report.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SizeGroup {
    Under10k,
    From10kTo20k,
    From20kTo50k,
    From50kTo100k,
    From100k,
}

impl SizeGroup {
    pub const ALL: [SizeGroup; 5] =
        [SizeGroup::Under10k, SizeGroup::From10kTo20k, SizeGroup::From20kTo50k, SizeGroup::From50kTo100k, SizeGroup::From100k];

    pub fn of_population(population: u32) -> SizeGroup {
        match population {
            0..=9_999 => SizeGroup::Under10k,
            10_000..=19_999 => SizeGroup::From10kTo20k,
            20_000..=49_999 => SizeGroup::From20kTo50k,
            50_000..=99_999 => SizeGroup::From50kTo100k,
            _ => SizeGroup::From100k,
        }
    }

    /// Stable key used in URLs and the API (`under-10k`, …).
    pub fn key(self) -> &'static str {
        match self {
            SizeGroup::Under10k => "under-10k",
            SizeGroup::From10kTo20k => "from-10k-to-20k",
            SizeGroup::From20kTo50k => "from-20k-to-50k",
            SizeGroup::From50kTo100k => "from-50k-to-100k",
            SizeGroup::From100k => "from-100k",
        }
    }

    pub fn from_key(key: &str) -> Option<SizeGroup> {
        SizeGroup::ALL.into_iter().find(|g| g.key() == key)
    }

    /// The band as the report writes it: "10 000–19 999 invånare".
    pub fn label_sv(self) -> &'static str {
        match self {
            SizeGroup::Under10k => "under 10 000 invånare",
            SizeGroup::From10kTo20k => "10 000–19 999 invånare",
            SizeGroup::From20kTo50k => "20 000–49 999 invånare",
            SizeGroup::From50kTo100k => "50 000–99 999 invånare",
            SizeGroup::From100k => "100 000 invånare eller fler",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            SizeGroup::Under10k => "under 10,000 inhabitants",
            SizeGroup::From10kTo20k => "10,000–19,999 inhabitants",
            SizeGroup::From20kTo50k => "20,000–49,999 inhabitants",
            SizeGroup::From50kTo100k => "50,000–99,999 inhabitants",
            SizeGroup::From100k => "100,000 inhabitants or more",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges_follow_the_report() {
        assert_eq!(SizeGroup::of_population(9_999), SizeGroup::Under10k);
        assert_eq!(SizeGroup::of_population(10_000), SizeGroup::From10kTo20k);
        assert_eq!(SizeGroup::of_population(49_999), SizeGroup::From20kTo50k);
        assert_eq!(SizeGroup::of_population(50_000), SizeGroup::From50kTo100k);
        assert_eq!(SizeGroup::of_population(100_000), SizeGroup::From100k);
        for g in SizeGroup::ALL {
            assert_eq!(SizeGroup::from_key(g.key()), Some(g));
        }
    }
}
