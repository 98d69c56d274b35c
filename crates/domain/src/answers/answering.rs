//! What the answering page prints beside each indicator and how it names and renders its groups,
//! decided here so the page only shows it.

use crate::language::text::Lang;
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

/// Indicators the answering page builds in one task. At 4× CPU (a mid-range phone) one costs
/// about 5 ms to build (`bench/mount.mjs`), so a slice of six stays near the 50 ms at which a
/// task starts to block input; the next slice follows the next paint.
pub const INDICATORS_PER_SLICE: usize = 6;

/// How many indicators (in set order; the groups hold `sizes` each) the answering page builds
/// with its frame: none, so the frame (title, progress, group list) is a task of its own and the
/// first slice follows its paint; or, when the address's fragment points at the group at
/// `linked`, every indicator before it and its first, so the group's heading is there to scroll
/// to and what is added later comes below it.
pub fn indicators_rendered_first(sizes: &[usize], linked: Option<usize>) -> usize {
    let total: usize = sizes.iter().sum();
    let through_linked = linked.filter(|&i| i < sizes.len()).map_or(0, |i| sizes[..i].iter().sum::<usize>() + 1);
    through_linked.min(total)
}

/// How many indicators are built after one more slice, of `total`.
pub fn next_slice(built: usize, total: usize) -> usize {
    (built + INDICATORS_PER_SLICE).min(total)
}

/// The group an indicator's accessible name ends with, when another indicator of the set has
/// the same text: 35 indicators of eBlomlådan 2026 share six texts across the verksamhetsområde
/// groups, and a screen reader listing the fields heard the same name up to six times. Sighted
/// users see the group's heading above; only the name gets it.
pub fn name_suffix(set: &IndicatorSet, indicator_id: &str, lang: Lang) -> Option<String> {
    let placed = set.find(indicator_id)?;
    let text = placed.indicator.text.get(lang);
    let shared = set.placed().any(|p| p.indicator.id != indicator_id && p.indicator.text.get(lang) == text);
    shared.then(|| placed.group.title.get(lang).to_string())
}

/// What a key pressed on an indicator's answer does: digits pick the scale's options in order,
/// Delete and Backspace clear the answer. Keys that type text are never taken elsewhere: the
/// page listens on the answer's radio buttons only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKey {
    Choose(usize),
    Clear,
}

impl AnswerKey {
    /// `key` as `KeyboardEvent.key` names it; `options` is the scale's length.
    pub fn from_key(key: &str, options: usize) -> Option<AnswerKey> {
        match key {
            "Delete" | "Backspace" => Some(AnswerKey::Clear),
            digit => {
                let n: usize = digit.parse().ok().filter(|_| digit.len() == 1)?;
                (1..=options).contains(&n).then(|| AnswerKey::Choose(n - 1))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_keys_pick_options_and_delete_clears() {
        assert_eq!(AnswerKey::from_key("1", 4), Some(AnswerKey::Choose(0)));
        assert_eq!(AnswerKey::from_key("4", 4), Some(AnswerKey::Choose(3)));
        assert_eq!(AnswerKey::from_key("4", 3), None, "no fourth option in 2014's scale");
        assert_eq!(AnswerKey::from_key("0", 4), None);
        assert_eq!(AnswerKey::from_key("Delete", 4), Some(AnswerKey::Clear));
        assert_eq!(AnswerKey::from_key("Backspace", 3), Some(AnswerKey::Clear));
        assert_eq!(AnswerKey::from_key("a", 4), None);
        assert_eq!(AnswerKey::from_key("ArrowDown", 4), None);
        assert_eq!(AnswerKey::from_key("12", 20), None);
    }

    #[test]
    fn only_indicators_sharing_a_text_get_their_group_in_the_name() {
        let mut set = crate::sets::indicator_set::tests::sample();
        assert_eq!(name_suffix(&set, "tjanster.skola.gymnasium", Lang::Sv), None);
        // The same text in two groups, as the verksamhetsområde groups of 2026 have.
        let text = set.areas[0].groups[0].indicators[0].text.clone();
        set.areas[0].groups[1].indicators[0].text = text;
        assert_eq!(name_suffix(&set, "tjanster.skola.gymnasium", Lang::Sv).as_deref(), Some("Barn och elever"));
        assert_eq!(name_suffix(&set, "tjanster.omsorg.larm", Lang::Sv).as_deref(), Some("Äldre"));
        assert_eq!(name_suffix(&set, "tjanster.skola.franvaro", Lang::Sv), None);
        assert_eq!(name_suffix(&set, "no.such", Lang::Sv), None);
    }

    #[test]
    fn the_frame_comes_first_unless_a_link_points_at_a_group() {
        assert_eq!(indicators_rendered_first(&[5, 5, 5, 5, 5, 5], None), 0, "the frame first, then slices");
        assert_eq!(indicators_rendered_first(&[20, 5], None), 0);
        assert_eq!(
            indicators_rendered_first(&[5, 5, 5, 5, 5, 5], Some(5)),
            26,
            "a link to the last group builds all before it and its first"
        );
        assert_eq!(indicators_rendered_first(&[2, 2, 2, 2, 2], Some(1)), 3, "a link to a group: through its first indicator");
        assert_eq!(indicators_rendered_first(&[0, 0], None), 0);
        assert_eq!(indicators_rendered_first(&[], None), 0);
        assert_eq!(indicators_rendered_first(&[3], Some(7)), 0, "a stale link asks for nothing");
        assert_eq!(next_slice(0, 124), INDICATORS_PER_SLICE);
        assert_eq!(next_slice(120, 124), 124, "the last slice stops at the end");
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
