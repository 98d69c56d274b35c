//! The 290 kommuner with SCB's four-digit codes (CC0, from SCB's code list).

use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kommun {
    /// SCB's code, always four digits and kept as a string: "0180".
    pub code: String,
    pub name: String,
    pub lan_code: String,
    pub lan: String,
    /// Lowercased name, and the same with å/ä/ö folded to a/a/o, for search.
    search_name: String,
    folded_name: String,
}

const KOMMUNER_CSV: &str = include_str!("../../kommuner.csv");

/// All kommuner in SCB code order.
pub fn all() -> &'static [Kommun] {
    static ALL: OnceLock<Vec<Kommun>> = OnceLock::new();
    ALL.get_or_init(|| {
        KOMMUNER_CSV
            .lines()
            .skip(1)
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                let mut fields = line.split(',');
                let mut next = || fields.next().unwrap_or_default().trim().to_string();
                let (code, name, lan_code, lan) = (next(), next(), next(), next());
                let search_name = name.to_lowercase();
                let folded_name = fold(&search_name);
                Kommun { code, name, lan_code, lan, search_name, folded_name }
            })
            .collect()
    })
}

pub fn by_code(code: &str) -> Option<&'static Kommun> {
    all().iter().find(|k| k.code == code)
}

/// Every län as (code, name), in code order.
pub fn lan_list() -> Vec<(&'static str, &'static str)> {
    let mut lans: Vec<(&str, &str)> = all().iter().map(|k| (k.lan_code.as_str(), k.lan.as_str())).collect();
    lans.dedup();
    lans
}

/// Kommuner matching what a person typed: case-insensitive, å/ä/ö-aware, and forgiving of a
/// keyboard without them ("goteborg" finds Göteborg). Names that start with the query come first.
pub fn search(query: &str) -> Vec<&'static Kommun> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return all().iter().collect();
    }
    let folded_query = fold(&query);
    let mut hits: Vec<(u8, &Kommun)> = all()
        .iter()
        .filter_map(|k| {
            let rank = if k.search_name.starts_with(&query) {
                0
            } else if k.folded_name.starts_with(&folded_query) {
                1
            } else if k.search_name.contains(&query) || k.code == query {
                2
            } else if k.folded_name.contains(&folded_query) {
                3
            } else {
                return None;
            };
            Some((rank, k))
        })
        .collect();
    hits.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| a.name.cmp(&b.name)));
    hits.into_iter().map(|(_, k)| k).collect()
}

fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_290_kommuner_with_four_digit_codes() {
        assert_eq!(all().len(), 290);
        assert!(all().iter().all(|k| k.code.len() == 4 && k.code.bytes().all(|b| b.is_ascii_digit())));
        assert_eq!(by_code("0180").unwrap().name, "Stockholm");
        assert_eq!(lan_list().len(), 21);
    }

    #[test]
    fn search_handles_swedish_letters_and_case() {
        assert_eq!(search("öre")[0].name, "Örebro");
        assert_eq!(search("ÖRE")[0].name, "Örebro");
        assert_eq!(search("göteborg")[0].name, "Göteborg");
        assert_eq!(search("goteborg")[0].name, "Göteborg");
        assert_eq!(search("malmö")[0].name, "Malmö");
        assert!(search("xyzzy").is_empty());
        assert_eq!(search("  ").len(), 290);
    }

    #[test]
    fn prefix_matches_rank_before_inner_matches() {
        let names: Vec<&str> = search("borg").iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names[0], "Borgholm");
        assert!(names.contains(&"Göteborg") && names.contains(&"Vänersborg"));
    }
}
