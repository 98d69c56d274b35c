//! What the answering page prints beside each indicator and how it names and renders its groups,
//! decided here so the page only shows it.

use crate::sets::indicator_set::{Indicator, IndicatorSet};

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

/// The id of a group's section on the answering page, and the fragment that links to it (the
/// overview's "answer these" links, the page's own group navigation).
pub fn group_anchor(area_id: &str, group_id: &str) -> String {
    format!("grupp-{area_id}-{group_id}")
}

/// Indicators the answering page renders at once: more than a tall screen holds, so the groups
/// rendered after the following paints appear below what the user sees.
pub const FIRST_SCREEN_INDICATORS: usize = 16;

/// How many groups (in set order, of `sizes` indicators each) the answering page renders at
/// once: enough for [`FIRST_SCREEN_INDICATORS`], at least one, and at least up to and including
/// the group at `linked` (the one the address's fragment points at), so nothing above it moves.
pub fn groups_rendered_first(sizes: &[usize], linked: Option<usize>) -> usize {
    let mut before = 0;
    let screen = sizes
        .iter()
        .take_while(|n| {
            let enough = before >= FIRST_SCREEN_INDICATORS;
            before += **n;
            !enough
        })
        .count();
    screen.max(linked.map_or(0, |i| i + 1)).max(1).min(sizes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_render_fills_a_screen_and_reaches_the_linked_group() {
        // 5 + 5 + 5 = 15 < 16, so the fourth group is needed; the fifth is not.
        assert_eq!(groups_rendered_first(&[5, 5, 5, 5, 5, 5], None), 4);
        assert_eq!(groups_rendered_first(&[20, 5], None), 1, "one big group fills the screen");
        assert_eq!(groups_rendered_first(&[5, 5, 5, 5, 5, 5], Some(5)), 6, "a link to the last group renders all before it");
        assert_eq!(groups_rendered_first(&[5, 5, 5, 5, 5, 5], Some(1)), 4, "a link above the screen's end changes nothing");
        assert_eq!(groups_rendered_first(&[2, 2], None), 2, "a short set is rendered whole");
        assert_eq!(groups_rendered_first(&[0, 0], None), 2);
        assert_eq!(groups_rendered_first(&[], None), 0);
        assert_eq!(groups_rendered_first(&[3], Some(7)), 1, "a stale link cannot ask for more than there is");
    }

    #[test]
    fn group_anchors_name_area_and_group() {
        assert_eq!(group_anchor("tjanster", "skola"), "grupp-tjanster-skola");
    }
    use crate::sets::indicator_set::tests::sample;
    use crate::sets::indicator_set::Source;

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
