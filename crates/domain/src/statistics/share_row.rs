//! One row of shares, ready to show: the one rule behind every percentage Blomlådan shows.
//!
//! Each surface (the app's tables and summary, the compare page, the report, the public pages,
//! the pictures' captions and text alternatives) used to divide by its own base, so one result
//! read 100 % helt in the app and 67 % on `/resultat` (issue 21). Now every surface builds a
//! [`ShareRow`] and formats what it holds:
//! - a percentage is of the answers that count: answered, *ej relevant* left out;
//! - *ej relevant* and the unanswered are shown as counts, never as shares;
//! - the percentages of a row are whole numbers that add up to 100 (largest remainders);
//! - no data is a dash, not 0 %;
//! - when a source reports only some answers (the 2016 report gives only *helt*), the reported
//!   ones are shares of every result and the rest are unknown ([`Basis::AllResults`]).
//!
//! [`basis_sentence`] is the sentence that stands beside every table and says what the
//! percentages are of.

use crate::language::number_format::{integer, whole_percent};
use crate::language::text::Lang;
use crate::statistics::rounded_shares::whole_percentages;

/// One option's cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Not known: no answer counts yet, or the source does not report this answer. A dash.
    Unknown,
    /// An answer that does not count (*ej relevant*): its number, no share.
    Count(u32),
    /// A counted answer: its number and its whole percentage of the row's base.
    Share { count: u32, percent: u8 },
}

/// What a row's percentages are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The answers that count: answered, *ej relevant* left out.
    CountedAnswers,
    /// Every result, because the source reports only some answers.
    AllResults,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    /// Per scale option, in the scale's order.
    pub cells: Vec<Cell>,
    /// Not answered (indicators for one assessment, answers for many).
    pub unanswered: u32,
    /// What the percentages are of (see [`ShareRow::basis`]).
    pub base: u32,
    pub basis: Basis,
}

impl ShareRow {
    /// The row for `counts` per option (in the scale's order), with `counting` from the scale
    /// ([`crate::IndicatorSet::counting`]) and `reported` saying which answers the source gives
    /// (all `true` for published results and assessments).
    pub fn new(counts: &[u32], counting: &[bool], reported: &[bool], unanswered: u32) -> ShareRow {
        let is_counting = |i: usize| counting.get(i).copied().unwrap_or(false);
        let is_reported = |i: usize| reported.get(i).copied().unwrap_or(true);
        let every_counted_reported = (0..counts.len()).all(|i| !is_counting(i) || is_reported(i));
        let (basis, base) = if every_counted_reported {
            (Basis::CountedAnswers, (0..counts.len()).filter(|&i| is_counting(i)).map(|i| counts[i]).sum())
        } else {
            (Basis::AllResults, counts.iter().sum::<u32>() + unanswered)
        };
        let percents: Vec<u8> = match basis {
            Basis::CountedAnswers => {
                let counted: Vec<u64> = (0..counts.len()).map(|i| if is_counting(i) { u64::from(counts[i]) } else { 0 }).collect();
                whole_percentages(&counted).into_iter().map(|p| p as u8).collect()
            }
            // Only some answers are known: each is rounded alone, as the rest is not shown.
            Basis::AllResults => counts.iter().map(|&c| rounded_percent(c, base)).collect(),
        };
        let cells = (0..counts.len())
            .map(|i| {
                if !is_reported(i) {
                    Cell::Unknown
                } else if !is_counting(i) {
                    Cell::Count(counts[i])
                } else if base == 0 {
                    Cell::Unknown
                } else {
                    Cell::Share { count: counts[i], percent: percents[i] }
                }
            })
            .collect();
        ShareRow { cells, unanswered, base, basis }
    }

    /// Whether anything counts: without it every share is a dash.
    pub fn has_data(&self) -> bool {
        self.base > 0
    }

    /// The whole percentage of option `i`, if it has one.
    pub fn percent(&self, i: usize) -> Option<u8> {
        match self.cells.get(i) {
            Some(Cell::Share { percent, .. }) => Some(*percent),
            _ => None,
        }
    }

    /// The rest's percentage where it is one ([`Basis::AllResults`]: the results the source
    /// gives no answer for); under [`Basis::CountedAnswers`] the unanswered are a count.
    pub fn rest_percent(&self) -> Option<u8> {
        (self.basis == Basis::AllResults && self.base > 0).then(|| rounded_percent(self.unanswered, self.base))
    }

    /// The rest's cell: a percentage where it is one ([`ShareRow::rest_percent`]), else the
    /// count of the unanswered.
    pub fn rest_text(&self, lang: Lang) -> String {
        match self.rest_percent() {
            Some(p) => whole_percent(p, lang),
            None if self.basis == Basis::AllResults => DASH.to_string(),
            None => integer(u64::from(self.unanswered), lang),
        }
    }

    /// The exact share 0–1 of option `i` (for sorting; show [`ShareRow::percent`]).
    pub fn exact_share(&self, i: usize) -> Option<f64> {
        match self.cells.get(i) {
            Some(Cell::Share { count, .. }) if self.base > 0 => Some(f64::from(*count) / f64::from(self.base)),
            _ => None,
        }
    }

    /// The count of option `i` (shares and counts alike).
    pub fn count(&self, i: usize) -> Option<u32> {
        match self.cells.get(i) {
            Some(Cell::Share { count, .. }) | Some(Cell::Count(count)) => Some(*count),
            _ => None,
        }
    }

    /// The cell's text: "4 (80 %)" with counts (one assessment), "80 %" without (many results),
    /// the bare count for an answer that does not count, and "–" for no data.
    pub fn text(&self, i: usize, with_counts: bool, lang: Lang) -> String {
        match self.cells.get(i) {
            None | Some(Cell::Unknown) => DASH.to_string(),
            Some(Cell::Count(n)) => integer(u64::from(*n), lang),
            Some(Cell::Share { count, percent }) if with_counts => {
                format!("{} ({})", integer(u64::from(*count), lang), whole_percent(*percent, lang))
            }
            Some(Cell::Share { percent, .. }) => whole_percent(*percent, lang),
        }
    }
}

/// What a table shows for no data.
pub const DASH: &str = "–";

fn rounded_percent(count: u32, base: u32) -> u8 {
    if base == 0 {
        0
    } else {
        ((u64::from(count) * 200 + u64::from(base)) / (2 * u64::from(base))).min(100) as u8
    }
}

/// The sentence that stands beside a table of shares and says what they are of. `aggregate`:
/// the row counts answers from many results rather than one assessment's indicators.
pub fn basis_sentence(basis: Basis, aggregate: bool, lang: Lang) -> &'static str {
    match (basis, aggregate, lang) {
        (Basis::CountedAnswers, false, Lang::Sv) => {
            "Procent av de besvarade indikatorerna, ej relevant borträknade. Ej relevant och ej besvarade står som antal."
        }
        (Basis::CountedAnswers, false, Lang::En) => {
            "Percent of the indicators answered, not relevant left out. Not relevant and not answered are given as counts."
        }
        (Basis::CountedAnswers, true, Lang::Sv) => {
            "Procent av alla svar från kommunerna i urvalet, ej relevant borträknade (ej relevant står som antal svar)."
        }
        (Basis::CountedAnswers, true, Lang::En) => {
            "Percent of all answers from the municipalities selected, not relevant left out (not relevant is given as a count of answers)."
        }
        (Basis::AllResults, _, Lang::Sv) => "Procent av alla kommuner i källan. Källan anger bara vissa svar; övriga står som streck.",
        (Basis::AllResults, _, Lang::En) => {
            "Percent of all municipalities in the source. The source gives only some answers; the others are shown as a dash."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HDIE: [bool; 4] = [true, true, true, false];
    const ALL: [bool; 4] = [true; 4];

    #[test]
    fn not_relevant_is_a_count_and_out_of_the_base() {
        // Umeå's Allmänheten: 8 helt, 4 ej relevant. 100 % helt, 4 ej relevant (issue 21,
        // observation 1: the public list said 67 % helt and 33 % ej relevant).
        let row = ShareRow::new(&[8, 0, 0, 4], &HDIE, &ALL, 0);
        assert_eq!(row.base, 8);
        assert_eq!(
            row.cells,
            vec![
                Cell::Share { count: 8, percent: 100 },
                Cell::Share { count: 0, percent: 0 },
                Cell::Share { count: 0, percent: 0 },
                Cell::Count(4)
            ]
        );
        assert_eq!(row.text(0, false, Lang::Sv), "100\u{a0}%");
        assert_eq!(row.text(3, false, Lang::Sv), "4");
    }

    #[test]
    fn the_unanswered_are_out_of_the_base_too() {
        // The summary's "4 (80 %)" of 6 with one unanswered: 4 of the 5 answered.
        let row = ShareRow::new(&[4, 1, 0, 0], &HDIE, &ALL, 1);
        assert_eq!((row.base, row.unanswered), (5, 1));
        assert_eq!(row.text(0, true, Lang::Sv), "4 (80\u{a0}%)");
        assert_eq!(row.text(1, true, Lang::En), "1 (20%)");
    }

    #[test]
    fn a_row_adds_up_to_100() {
        // 1, 1, 1 of 3: 33 + 33 + 33 alone would read 99 %.
        let row = ShareRow::new(&[1, 1, 1, 2], &HDIE, &ALL, 0);
        let sum: u32 = (0..4).filter_map(|i| row.percent(i)).map(u32::from).sum();
        assert_eq!(sum, 100);
        for counts in [[5u32, 3, 0, 1], [2, 2, 3, 0], [13, 7, 9, 4], [1, 5, 1, 0]] {
            let row = ShareRow::new(&counts, &HDIE, &ALL, 3);
            assert_eq!((0..4).filter_map(|i| row.percent(i)).map(u32::from).sum::<u32>(), 100, "{counts:?}");
        }
    }

    #[test]
    fn no_data_is_a_dash_not_zero() {
        let row = ShareRow::new(&[0, 0, 0, 0], &HDIE, &ALL, 6);
        assert!(!row.has_data());
        assert_eq!(row.text(0, true, Lang::Sv), DASH);
        assert_eq!(row.percent(0), None);
        assert_eq!(row.text(3, true, Lang::Sv), "0", "a count stays a count");
        // Everything answered "ej relevant": nothing counts, still no share.
        let row = ShareRow::new(&[0, 0, 0, 3], &HDIE, &ALL, 0);
        assert_eq!((row.text(0, false, Lang::Sv), row.text(3, false, Lang::Sv)), (DASH.to_string(), "3".to_string()));
    }

    #[test]
    fn a_source_with_only_helt_gives_shares_of_every_result() {
        // The 2016 report: 81 % of 141 kommuner helt; delvis and inte not given.
        let reported = [true, false, false, false];
        let row = ShareRow::new(&[114, 0, 0, 0], &HDIE, &reported, 27);
        assert_eq!((row.basis, row.base), (Basis::AllResults, 141));
        assert_eq!(row.percent(0), Some(81));
        assert_eq!(row.cells[1], Cell::Unknown);
        assert_eq!(row.rest_percent(), Some(19));
        assert_eq!(ShareRow::new(&[1, 0, 0, 0], &HDIE, &ALL, 1).rest_percent(), None, "a count where answers count");
        assert!(basis_sentence(row.basis, true, Lang::Sv).contains("bara vissa svar"));
    }

    #[test]
    fn the_exact_share_sorts_and_the_percent_shows() {
        let row = ShareRow::new(&[2, 1, 0, 0], &HDIE, &ALL, 0);
        assert!((row.exact_share(0).unwrap() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(row.percent(0), Some(67));
        assert_eq!(row.count(3), Some(0));
    }
}
