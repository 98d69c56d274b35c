//! The public result pages' rules: which kommuner a listing shows and in what order, the *helt*
//! share per area, and what changed between two publications of the same kommun.
//!
//! The server renders these as HTML; keeping the rules here lets them be tested on the host
//! and keeps the pages free of arithmetic.

use std::cmp::Ordering;

use crate::files::result_file::ResultFile;
use crate::kommuner::kommun;
use crate::kommuner::size_group::SizeGroup;
use crate::sets::indicator_set::{Area, IndicatorSet};
use crate::statistics::distribution::Distribution;
use crate::statistics::share_row::ShareRow;

/// One published result as the listing needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'r> {
    pub result: &'r ResultFile,
    pub population: u32,
    /// When it was published (RFC 3339, UTC).
    pub published_at: String,
}

/// One row of `/resultat`.
#[derive(Debug, Clone, PartialEq)]
pub struct ListingRow {
    pub code: String,
    pub name: String,
    pub lan_code: String,
    pub lan: String,
    pub size_group: SizeGroup,
    /// `2026-11-23`: the day it was published.
    pub date: String,
    /// Per area of the set, in the set's order: its answers as a row of shares; the listing
    /// shows the best option's (*helt*).
    pub areas: Vec<ShareRow>,
}

/// The column a listing is sorted by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Kommun,
    Lan,
    SizeGroup,
    Date,
    /// The *helt* share of the area with this id.
    Area(String),
}

impl SortKey {
    /// The key as it stands in a URL: `kommun`, `lan`, `size`, `date`, `area-<id>`.
    pub fn key(&self) -> String {
        match self {
            SortKey::Kommun => "kommun".into(),
            SortKey::Lan => "lan".into(),
            SortKey::SizeGroup => "size".into(),
            SortKey::Date => "date".into(),
            SortKey::Area(id) => format!("area-{id}"),
        }
    }

    /// Reads [`SortKey::key`]; unknown keys and unknown areas fall back to the default (a sort
    /// order is a preference, not data worth an error page).
    pub fn parse(text: &str, set: &IndicatorSet) -> SortKey {
        match text {
            "lan" => SortKey::Lan,
            "size" => SortKey::SizeGroup,
            "date" => SortKey::Date,
            _ => match text.strip_prefix("area-") {
                Some(id) if set.areas.iter().any(|a| a.id == id) => SortKey::Area(id.to_string()),
                _ => SortKey::Kommun,
            },
        }
    }
}

/// Which results a listing shows and how they are ordered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListingQuery {
    pub lan: Option<String>,
    pub size_group: Option<SizeGroup>,
    pub sort: SortKey,
    pub descending: bool,
}

impl ListingQuery {
    /// The query as it stands in a listing's URL (`lan=18&size=from100k&sort=date&order=desc`),
    /// written from what was understood, never from what was sent: a page that carries its
    /// query along (the language switch) shows nothing a visitor made up. Defaults are left out.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lan) = &self.lan {
            parts.push(format!("lan={lan}"));
        }
        if let Some(g) = self.size_group {
            parts.push(format!("size={}", g.key()));
        }
        if self.sort != SortKey::default() {
            parts.push(format!("sort={}", self.sort.key()));
        }
        if self.descending {
            parts.push("order=desc".to_string());
        }
        parts.join("&")
    }
}

/// `result`'s answers over `area`'s indicators as the row every surface shows: `/resultat`,
/// the kommun page and the app's tables give the same numbers for the same result.
pub fn area_row(set: &IndicatorSet, area: &Area, result: &ResultFile) -> ShareRow {
    let mut d = Distribution::empty(set.scale.options.len());
    for indicator in area.groups.iter().flat_map(|g| &g.indicators) {
        d.record(set, result.answers.get(&indicator.id).and_then(|a| a.answer.as_deref()));
    }
    d.row(&set.counting())
}

/// The rows of a listing: the entries of `set`'s version that `query` takes, sorted. Ties are
/// broken by kommun code so the order is stable.
pub fn listing(set: &IndicatorSet, entries: &[Entry<'_>], query: &ListingQuery) -> Vec<ListingRow> {
    let mut rows: Vec<ListingRow> = entries
        .iter()
        .filter(|e| e.result.set.set == set.id && e.result.set.version == set.version)
        .filter_map(|e| {
            let k = kommun::by_code(&e.result.kommun.code)?;
            Some(ListingRow {
                code: k.code.clone(),
                name: k.name.clone(),
                lan_code: k.lan_code.clone(),
                lan: k.lan.clone(),
                size_group: SizeGroup::of_population(e.population),
                date: e.published_at.chars().take(10).collect(),
                areas: set.areas.iter().map(|a| area_row(set, a, e.result)).collect(),
            })
        })
        .filter(|r| query.lan.as_ref().is_none_or(|l| *l == r.lan_code))
        .filter(|r| query.size_group.is_none_or(|g| g == r.size_group))
        .collect();
    let area_index = |id: &str| set.areas.iter().position(|a| a.id == id);
    rows.sort_by(|a, b| {
        let primary = match &query.sort {
            SortKey::Kommun => swedish_cmp(&a.name, &b.name),
            SortKey::Lan => swedish_cmp(&a.lan, &b.lan).then_with(|| swedish_cmp(&a.name, &b.name)),
            SortKey::SizeGroup => a.size_group.cmp(&b.size_group),
            SortKey::Date => a.date.cmp(&b.date),
            SortKey::Area(id) => match area_index(id) {
                // By the exact share of the best option; no data sorts below 0 %.
                Some(i) => {
                    let best = |r: &ListingRow| set.best_option().and_then(|o| r.areas[i].exact_share(o)).unwrap_or(-1.0);
                    best(a).partial_cmp(&best(b)).unwrap_or(Ordering::Equal)
                }
                None => Ordering::Equal,
            },
        };
        let primary = if query.descending { primary.reverse() } else { primary };
        primary.then_with(|| a.code.cmp(&b.code))
    });
    rows
}

/// The address of the public results (`kommun: None`) or of one kommun's page, in the language
/// the reader chose: Swedish is the pages' default, English is asked for with `?lang=en` (issue
/// 22: the app's English reader landed on Swedish pages).
pub fn public_page_path(kommun: Option<&str>, lang: crate::language::text::Lang) -> String {
    let path = match kommun {
        Some(code) => format!("/resultat/{code}"),
        None => "/resultat".to_string(),
    };
    match lang {
        crate::language::text::Lang::Sv => path,
        other => format!("{path}?lang={}", other.code()),
    }
}

/// Compares names in Swedish alphabetical order: å, ä, ö after z (in that order), case-blind.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    fn weight(c: char) -> (u32, u32) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match lower {
            'å' => ('z' as u32 + 1, 0),
            'ä' | 'æ' => ('z' as u32 + 2, 0),
            'ö' | 'ø' => ('z' as u32 + 3, 0),
            'é' | 'è' => ('e' as u32, 1),
            'ü' => ('y' as u32, 1),
            other => (other as u32, 0),
        }
    }
    let wa = a.chars().map(weight);
    let wb = b.chars().map(weight);
    wa.clone().map(|w| w.0).cmp(wb.clone().map(|w| w.0)).then_with(|| wa.map(|w| w.1).cmp(wb.map(|w| w.1)))
}

/// One indicator whose answer differs between two publications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub indicator_id: String,
    /// The earlier answer key (None: not answered).
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The answers that changed from `earlier` to `later`, in `set`'s reading order. Only for two
/// results of the same set version (`set`'s); otherwise None: across versions answers are
/// compared through a concordance, which the history does not attempt.
pub fn changed_answers(set: &IndicatorSet, earlier: &ResultFile, later: &ResultFile) -> Option<Vec<Change>> {
    let same = |r: &ResultFile| r.set.set == set.id && r.set.version == set.version;
    if !same(earlier) || !same(later) {
        return None;
    }
    let answer = |r: &ResultFile, id: &str| r.answers.get(id).and_then(|a| a.answer.clone());
    Some(
        set.placed()
            .filter_map(|p| {
                let id = &p.indicator.id;
                let (before, after) = (answer(earlier, id), answer(later, id));
                (before != after).then(|| Change { indicator_id: id.clone(), before, after })
            })
            .collect(),
    )
}

/// A public evidence link worth linking to, normalised ([`crate::answers::web_link::normalise_link`]).
/// Anything else (`javascript:`, a user name before the host, garbage) is shown as nothing.
pub fn public_link(link: Option<&str>) -> Option<String> {
    crate::answers::web_link::normalise_link(link?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::KommunRef;
    use crate::answers::timestamp::Timestamp;
    use crate::files::result_file::{ResultAnswer, RESULT_FORMAT, RESULT_FORMAT_VERSION};
    use crate::sets::catalog::SetRef;
    use crate::sets::indicator_set::tests::sample;

    /// Answers in the sample set's reading order: gymnasium, franvaro, larm (flowers: tjanster),
    /// utvecklat (bars), tvafaktor, bredband (tiles: it).
    fn result(code: &str, answers: [Option<&str>; 6]) -> ResultFile {
        let set = sample();
        ResultFile {
            format: RESULT_FORMAT.into(),
            format_version: RESULT_FORMAT_VERSION,
            app_version: "test".into(),
            set: SetRef { set: set.id.clone(), version: set.version.clone() },
            kommun: KommunRef { code: code.into(), name: kommun::by_code(code).unwrap().name.clone() },
            population: Some(1000),
            title: "T".into(),
            created: Timestamp(1),
            updated: Timestamp(2),
            approval: None,
            answers: set
                .placed()
                .zip(answers)
                .filter_map(|(p, a)| a.map(|a| (p.indicator.id.clone(), ResultAnswer { answer: Some(a.into()), ..Default::default() })))
                .collect(),
        }
    }

    fn entry<'a>(r: &'a ResultFile, population: u32, date: &str) -> Entry<'a> {
        Entry { result: r, population, published_at: format!("{date}T10:00:00Z") }
    }

    #[test]
    fn helt_share_per_area_counted_by_hand() {
        let set = sample();
        // tjanster: 3 indicators, 2 helt → 67 %; verksamhet: 1, delvis → 0 %; it: 2, 1 helt → 50 %.
        let r = result("1880", [Some("helt"), Some("delvis"), Some("helt"), Some("delvis"), Some("helt"), Some("inte")]);
        let helt: Vec<Option<u8>> = set.areas.iter().map(|a| area_row(&set, a, &r).percent(0)).collect();
        assert_eq!(helt, vec![Some(67), Some(0), Some(50)]);
        // Unanswered indicators are out of the base: one of tjanster's left open, 2 of 2 helt.
        let r = result("1880", [Some("helt"), None, Some("helt"), Some("delvis"), Some("helt"), Some("inte")]);
        assert_eq!(area_row(&set, &set.areas[0], &r).percent(0), Some(100));
    }

    #[test]
    fn not_relevant_is_out_of_the_listings_share_as_in_the_apps_tables() {
        // Issue 21, observation 1: 8 helt and 4 ej relevant read 67 % helt on /resultat and
        // 100 % in the app. Both are the ShareRow of the same counts now.
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut r = result("1880", [Some("helt"); 6]);
        r.answers.get_mut("it.tvafaktor").unwrap().answer = Some("ej_relevant".into());
        let it = set.areas.iter().find(|a| a.id == "it").unwrap();
        let row = area_row(&set, it, &r);
        assert_eq!((row.percent(0), row.count(3)), (Some(100), Some(1)));
    }

    #[test]
    fn listing_filters_by_lan_and_size_group_and_sorts() {
        let set = sample();
        let orebro = result("1880", [Some("helt"); 6]);
        let kumla = result("1881", [Some("inte"); 6]);
        let stockholm = result("0180", [Some("delvis"), Some("helt"), None, None, None, None]);
        let entries =
            vec![entry(&orebro, 160_000, "2026-03-01"), entry(&kumla, 22_000, "2026-02-01"), entry(&stockholm, 980_000, "2026-01-01")];

        let all = listing(&set, &entries, &ListingQuery::default());
        let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["Kumla", "Stockholm", "Örebro"], "Ö sorts after the rest");
        assert_eq!(all[2].date, "2026-03-01");
        assert_eq!(all[2].size_group, SizeGroup::From100k);

        let orebro_lan = listing(&set, &entries, &ListingQuery { lan: Some("18".into()), ..Default::default() });
        assert_eq!(orebro_lan.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["1881", "1880"]);

        let big = listing(&set, &entries, &ListingQuery { size_group: Some(SizeGroup::From100k), ..Default::default() });
        assert_eq!(big.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["0180", "1880"]);

        let by_services =
            listing(&set, &entries, &ListingQuery { sort: SortKey::Area("tjanster".into()), descending: true, ..Default::default() });
        assert_eq!(by_services.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["1880", "0180", "1881"]);

        let by_date = listing(&set, &entries, &ListingQuery { sort: SortKey::Date, ..Default::default() });
        assert_eq!(ListingQuery::default().to_query(), "");
        let full = ListingQuery { lan: Some("18".into()), size_group: Some(SizeGroup::From100k), sort: SortKey::Date, descending: true };
        assert_eq!(full.to_query(), format!("lan=18&size={}&sort=date&order=desc", SizeGroup::From100k.key()));
        assert_eq!(by_date.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["0180", "1881", "1880"]);
    }

    #[test]
    fn sort_keys_round_trip_and_unknown_ones_fall_back() {
        let set = sample();
        for key in [SortKey::Kommun, SortKey::Lan, SortKey::SizeGroup, SortKey::Date, SortKey::Area("it".into())] {
            assert_eq!(SortKey::parse(&key.key(), &set), key);
        }
        assert_eq!(SortKey::parse("area-nope", &set), SortKey::Kommun);
        assert_eq!(SortKey::parse("<script>", &set), SortKey::Kommun);
    }

    #[test]
    fn changed_answers_in_reading_order_and_only_within_a_version() {
        let set = sample();
        let before = result("1880", [Some("delvis"), Some("helt"), None, Some("inte"), Some("helt"), Some("helt")]);
        let after = result("1880", [Some("helt"), Some("helt"), Some("inte"), Some("inte"), Some("helt"), Some("delvis")]);
        let changes = changed_answers(&set, &before, &after).unwrap();
        let ids: Vec<&str> = changes.iter().map(|c| c.indicator_id.as_str()).collect();
        assert_eq!(ids, vec!["tjanster.skola.gymnasium", "tjanster.omsorg.larm", "it.bredband"]);
        assert_eq!(changes[0].before.as_deref(), Some("delvis"));
        assert_eq!(changes[0].after.as_deref(), Some("helt"));
        assert_eq!(changes[1].before, None);
        let mut other = after.clone();
        other.set.version = "1999".into();
        assert_eq!(changed_answers(&set, &before, &other), None);
    }

    #[test]
    fn only_web_links_are_public_links() {
        assert_eq!(public_link(Some(" https://orebro.se/x ")).as_deref(), Some("https://orebro.se/x"));
        assert_eq!(public_link(Some("https://kommun.se@evil.example/")), None);
        assert_eq!(public_link(Some("javascript:alert(1)")), None);
        assert_eq!(public_link(Some("http://")), None);
        assert_eq!(public_link(Some("https://a.se/ b")), None);
        assert_eq!(public_link(None), None);
    }

    #[test]
    fn public_pages_are_linked_in_the_readers_language() {
        use crate::language::text::Lang;
        assert_eq!(public_page_path(None, Lang::Sv), "/resultat");
        assert_eq!(public_page_path(None, Lang::En), "/resultat?lang=en");
        assert_eq!(public_page_path(Some("1880"), Lang::En), "/resultat/1880?lang=en");
        assert_eq!(public_page_path(Some("1880"), Lang::Sv), "/resultat/1880");
    }

    #[test]
    fn swedish_order() {
        let mut names = vec!["Örebro", "Ale", "Åre", "Älmhult", "Borås", "Eda", "Ydre"];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(names, vec!["Ale", "Borås", "Eda", "Ydre", "Åre", "Älmhult", "Örebro"]);
    }
}
