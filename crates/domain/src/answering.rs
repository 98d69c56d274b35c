//! What the answering page prints beside each indicator, decided here so the page only shows it.

use crate::indicator_set::{Indicator, IndicatorSet};

/// The short source line under an indicator: the source's short name and where in it, e.g.
/// "SKL 2016, Figur 4 (s. 16)". A phone shows a hundred of these; the full titles stand in the
/// report. The short name is the title up to its first colon (the publisher), or the whole
/// title when it has none, followed by the source's year when the title does not hold it.
pub fn source_line(set: &IndicatorSet, indicator: &Indicator) -> String {
    let locator = indicator.source.locator.trim();
    let Some(source) = set.sources.get(&indicator.source.source) else {
        return locator.to_string();
    };
    let short = source.title.split_once(':').map_or(source.title.as_str(), |(head, _)| head).trim();
    let name = match source.year {
        Some(year) if !short.contains(&year.to_string()) => format!("{short} {year}"),
        _ => short.to_string(),
    };
    if locator.is_empty() {
        name
    } else {
        format!("{name}, {locator}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator_set::tests::sample;
    use crate::indicator_set::Source;

    #[test]
    fn the_source_line_names_publisher_year_and_place() {
        let mut set = sample();
        let placed = set.placed().next().expect("the sample has indicators");
        let mut indicator = placed.indicator.clone();
        let key = indicator.source.source.clone();
        set.sources.insert(
            key.clone(),
            Source { file: "002.txt".into(), title: "SKL: Kommunernas digitalisering – hur är läget 2016?".into(), year: Some(2016) },
        );
        indicator.source.locator = "Figur 4 (s. 16)".into();
        assert_eq!(source_line(&set, &indicator), "SKL 2016, Figur 4 (s. 16)");

        set.sources
            .insert(key.clone(), Source { file: "003.txt".into(), title: "Det digitala mötet (principerna 13–23)".into(), year: None });
        assert_eq!(source_line(&set, &indicator), "Det digitala mötet (principerna 13–23), Figur 4 (s. 16)");

        set.sources.insert(key.clone(), Source { file: "x.txt".into(), title: "Enkät 2020: frågorna".into(), year: Some(2020) });
        indicator.source.locator = " ".into();
        assert_eq!(source_line(&set, &indicator), "Enkät 2020", "the year is not said twice");

        set.sources.remove(&key);
        indicator.source.locator = "Tabell 7".into();
        assert_eq!(source_line(&set, &indicator), "Tabell 7", "an unknown source still shows where");
    }
}
