//! The compare page's tables of shares side by side, ready to show: this assessment beside a
//! selection of published results, or beside another of the same kommun's assessments. Rows are
//! laid out by the set's areas and groups and matched to their numbers by id, never by position,
//! and every cell is a [`ShareRow`]'s text, so the page formats nothing itself.

use crate::answers::assessment::Assessment;
use crate::sets::indicator_set::IndicatorSet;
use crate::statistics::comparison::{Comparison, Tally};
use crate::statistics::distribution::{Distribution, Summary};
use crate::statistics::over_time::{OverTime, Sides};
use crate::statistics::share_row::{ShareRow, DASH};
use crate::text::Lang;

/// Which level of the set a row stands for (the page styles area rows apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLevel {
    Area,
    Group,
    Total,
}

/// One row: a title, one cell per scale option on each side, and the count in the last column
/// (results in the selection, or indicators compared over time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideBySideRow {
    pub level: RowLevel,
    pub title: String,
    pub left: Vec<String>,
    pub right: Vec<String>,
    pub count: u32,
}

/// An area's row followed by its groups' rows (one `tbody` on the page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRows {
    pub area: SideBySideRow,
    pub groups: Vec<SideBySideRow>,
}

/// A whole two-sided table: the scale's labels (the column headings on each side), the areas'
/// rows and the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SideBySide {
    pub option_labels: Vec<String>,
    pub areas: Vec<AreaRows>,
    pub total: SideBySideRow,
}

/// This assessment's summary beside the selection's tallies; the count is the selection's n.
pub fn beside_selection(set: &IndicatorSet, mine: &Summary, theirs: &Comparison, lang: Lang) -> SideBySide {
    let counting = set.counting();
    let empty_mine = Distribution::empty(set.scale.options.len());
    let empty_theirs = Tally::empty(set.scale.options.len());
    let row = |level, title: String, d: Option<&Distribution>, t: Option<&Tally>| {
        let t = t.unwrap_or(&empty_theirs);
        SideBySideRow {
            level,
            title,
            left: texts(&d.unwrap_or(&empty_mine).row(&counting), lang),
            right: texts(&t.row(&counting), lang),
            count: t.results,
        }
    };
    laid_out(set, lang, |level, title, area, group| match (level, group) {
        (RowLevel::Total, _) => row(level, title, Some(&mine.total), Some(&theirs.total)),
        (_, Some(g)) => row(level, title, mine.group(area, g), theirs.group(area, g)),
        (_, None) => row(level, title, mine.area(area), theirs.area(area)),
    })
}

/// This assessment beside another over the indicators they share; the count is how many were
/// compared, and a row with none compared shows dashes on both sides.
pub fn over_time_table(set: &IndicatorSet, o: &OverTime, lang: Lang) -> SideBySide {
    let counting = set.counting();
    let empty = Sides { current: Distribution::empty(set.scale.options.len()), other: Distribution::empty(set.scale.options.len()) };
    let row = |level, title: String, sides: Option<&Sides>| {
        let sides = sides.unwrap_or(&empty);
        let cells = |d: &Distribution| {
            if sides.indicators() == 0 {
                vec![DASH.to_string(); set.scale.options.len()]
            } else {
                texts(&d.row(&counting), lang)
            }
        };
        SideBySideRow { level, title, left: cells(&sides.current), right: cells(&sides.other), count: sides.indicators() }
    };
    laid_out(set, lang, |level, title, area, group| {
        let area_sides = o.areas.iter().find(|a| a.id == area);
        match (level, group) {
            (RowLevel::Total, _) => row(level, title, Some(&o.total)),
            (_, Some(g)) => row(level, title, area_sides.and_then(|a| a.groups.iter().find(|x| x.id == g)).map(|x| &x.sides)),
            (_, None) => row(level, title, area_sides.map(|a| &a.sides)),
        }
    })
}

/// The set's areas and groups in reading order, each row made by `row(level, title, area id,
/// group id)`; the total's title is empty (the page names it).
fn laid_out(set: &IndicatorSet, lang: Lang, row: impl Fn(RowLevel, String, &str, Option<&str>) -> SideBySideRow) -> SideBySide {
    let areas = set
        .areas
        .iter()
        .map(|area| AreaRows {
            area: row(RowLevel::Area, area.title.get(lang).to_string(), &area.id, None),
            groups: area
                .groups
                .iter()
                .map(|group| row(RowLevel::Group, group.title.get(lang).to_string(), &area.id, Some(&group.id)))
                .collect(),
        })
        .collect();
    SideBySide {
        option_labels: set.scale.options.iter().map(|o| o.label.get(lang).to_string()).collect(),
        areas,
        total: row(RowLevel::Total, String::new(), "", None),
    }
}

fn texts(row: &ShareRow, lang: Lang) -> Vec<String> {
    (0..row.cells.len()).map(|i| row.text(i, false, lang)).collect()
}

/// One indicator on the compare page: my answer's label (`None`: not answered), the share of
/// the selection answering the best option, and the selection's n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorBeside {
    pub id: String,
    pub text: String,
    pub answer: Option<String>,
    pub best_share: String,
    pub count: u32,
}

/// The compare page's table by indicator, with the label of the option its share column is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByIndicator {
    pub best_label: String,
    pub rows: Vec<IndicatorBeside>,
}

pub fn by_indicator(set: &IndicatorSet, theirs: &Comparison, mine: Option<&Assessment>, lang: Lang) -> ByIndicator {
    let counting = set.counting();
    let best = set.best_option().unwrap_or(0);
    let empty = Tally::empty(set.scale.options.len());
    let rows = set
        .placed()
        .map(|p| {
            let id = &p.indicator.id;
            let tally = theirs.indicator(id).unwrap_or(&empty);
            IndicatorBeside {
                id: id.clone(),
                text: p.indicator.text.get(lang).to_string(),
                answer: mine.and_then(|a| a.answer_of(id)).and_then(|key| set.option(key)).map(|o| o.label.get(lang).to_string()),
                best_share: tally.row(&counting).text(best, false, lang),
                count: tally.results,
            }
        })
        .collect();
    ByIndicator { best_label: set.scale.options.get(best).map(|o| o.label.get(lang).to_string()).unwrap_or_default(), rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::KommunRef;
    use crate::answers::timestamp::Timestamp;
    use crate::files::result_file::{ResultAnswer, ResultFile, RESULT_FORMAT, RESULT_FORMAT_VERSION};
    use crate::sets::catalog::SetRef;
    use crate::sets::indicator_set::tests::sample_with_not_relevant;
    use crate::statistics::comparison::{compare, Selection};
    use crate::statistics::distribution::summarize;
    use crate::statistics::over_time::over_time;

    fn assessment(set: &IndicatorSet, answers: &[Option<&str>]) -> Assessment {
        let mut a = Assessment::new(
            "a".into(),
            "Vår".into(),
            "2480",
            None,
            SetRef { set: set.id.clone(), version: set.version.clone() },
            Timestamp(1),
        )
        .unwrap();
        for (p, answer) in set.placed().zip(answers) {
            a.answer(set, &p.indicator.id, *answer, Timestamp(2)).unwrap();
        }
        a
    }

    fn result(set: &IndicatorSet, code: &str, answers: &[Option<&str>]) -> ResultFile {
        ResultFile {
            format: RESULT_FORMAT.into(),
            format_version: RESULT_FORMAT_VERSION,
            app_version: "test".into(),
            set: SetRef { set: set.id.clone(), version: set.version.clone() },
            kommun: KommunRef { code: code.into(), name: code.into() },
            population: None,
            title: "R".into(),
            created: Timestamp(0),
            updated: Timestamp(1),
            approval: None,
            answers: set
                .placed()
                .zip(answers)
                .filter_map(|(p, a)| a.map(|k| (p.indicator.id.clone(), ResultAnswer { answer: Some(k.into()), ..Default::default() })))
                .collect(),
        }
    }

    /// Every row's cells are the domain's ShareRow for that area or group, wherever the
    /// comparison happens to list it.
    #[test]
    fn rows_are_matched_by_id_not_by_position() {
        let set = sample_with_not_relevant();
        let mine = assessment(&set, &[Some("helt"), Some("ej_relevant"), Some("inte"), None, Some("delvis"), Some("helt")]);
        let results = [
            result(&set, "1880", &[Some("helt"), Some("helt"), Some("inte"), Some("delvis"), Some("ej_relevant"), None]),
            result(&set, "0180", &[Some("inte"), Some("delvis"), Some("helt"), Some("helt"), Some("helt"), Some("inte")]),
        ];
        let mut theirs = compare(&set, results.iter(), &Selection::All);
        let in_order = beside_selection(&set, &summarize(&set, &mine), &theirs, Lang::Sv);
        theirs.areas.reverse();
        for a in &mut theirs.areas {
            a.groups.reverse();
        }
        let reordered = beside_selection(&set, &summarize(&set, &mine), &theirs, Lang::Sv);
        assert_eq!(in_order, reordered);

        let counting = set.counting();
        let summary = summarize(&set, &mine);
        for (area, rows) in set.areas.iter().zip(&in_order.areas) {
            assert_eq!(rows.area.title, area.title.sv);
            assert_eq!(rows.area.left, texts(&summary.area(&area.id).unwrap().row(&counting), Lang::Sv));
            assert_eq!(rows.area.right, texts(&theirs.area(&area.id).unwrap().row(&counting), Lang::Sv));
            assert_eq!(rows.area.count, 2);
            for (group, row) in area.groups.iter().zip(&rows.groups) {
                assert_eq!(row.level, RowLevel::Group);
                assert_eq!(row.right, texts(&theirs.group(&area.id, &group.id).unwrap().row(&counting), Lang::Sv));
            }
        }
        assert_eq!(in_order.total.left, texts(&summary.total.row(&counting), Lang::Sv));
        assert_eq!(in_order.option_labels.len(), set.scale.options.len());
    }

    #[test]
    fn the_table_of_one_assessment_counts_ej_relevant_apart() {
        let set = sample_with_not_relevant();
        let mine = assessment(&set, &[Some("helt"), Some("ej_relevant"), Some("inte"), Some("helt"), Some("ej_relevant"), Some("helt")]);
        let theirs = compare(&set, [].iter(), &Selection::All);
        let table = beside_selection(&set, &summarize(&set, &mine), &theirs, Lang::Sv);
        // 3 helt, 1 inte of 4 counted; ej relevant a count of 2; nothing published: dashes, n 0.
        assert_eq!(table.total.left, ["75\u{a0}%", "0\u{a0}%", "25\u{a0}%", "2"]);
        assert_eq!(table.total.right, [DASH, DASH, DASH, "0"]);
        assert_eq!(table.total.count, 0);
    }

    #[test]
    fn over_time_rows_without_compared_indicators_are_dashes() {
        let set = sample_with_not_relevant();
        let now = assessment(&set, &[Some("helt"), Some("helt"), Some("inte"), Some("delvis"), Some("helt"), Some("inte")]);
        let before = assessment(&set, &[Some("inte"), Some("inte"), Some("inte"), Some("inte"), Some("inte"), Some("inte")]);
        let mut o = over_time(&set, &now, &before, None).unwrap();
        let table = over_time_table(&set, &o, Lang::Sv);
        assert_eq!(table.total.count, 6);
        assert_eq!(table.total.right, ["0\u{a0}%", "0\u{a0}%", "100\u{a0}%", "0"]);
        // An area none of whose indicators were comparable.
        let first = o.areas[0].id.clone();
        o.areas.retain(|a| a.id != first);
        let table = over_time_table(&set, &o, Lang::Sv);
        assert_eq!(table.areas[0].area.left, [DASH; 4]);
        assert_eq!(table.areas[0].area.count, 0);
    }

    #[test]
    fn by_indicator_names_my_answer_and_the_best_options_share() {
        let set = sample_with_not_relevant();
        let mine = assessment(&set, &[Some("delvis"), None, None, None, None, None]);
        let results = [
            result(&set, "1880", &[Some("helt"), None, None, None, None, None]),
            result(&set, "0180", &[Some("inte"), None, None, None, None, None]),
        ];
        let theirs = compare(&set, results.iter(), &Selection::All);
        let table = by_indicator(&set, &theirs, Some(&mine), Lang::Sv);
        assert_eq!(table.best_label, set.scale.options[set.best_option().unwrap()].label.sv);
        assert_eq!(table.rows.len(), set.indicator_count());
        let first = &table.rows[0];
        assert_eq!(first.answer.as_deref(), Some(set.option("delvis").unwrap().label.sv.as_str()));
        assert_eq!(first.best_share, "50\u{a0}%");
        assert_eq!(first.count, 2);
        assert_eq!(table.rows[1].answer, None);
        assert_eq!(table.rows[1].best_share, DASH);
    }
}
