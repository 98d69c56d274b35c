//! The flower box (blomlådan): the product's signature picture, as pure geometry.
//!
//! [`layout`] turns an indicator set and either one assessment or aggregated shares into a
//! [`Layout`] in abstract units: every flower, petal, bar, tile, label and legend entry with
//! its place, paint and the indicator or group it stands for, plus hit areas for interaction,
//! a text alternative and the numbers for a table. Drawing it (canvas, SVG) is a thin loop over
//! [`Layout::prims`] elsewhere; everything that can be tested without a screen is tested here.
//!
//! The picture: a planter box seen from the front. One flower per group of the `flowers` area
//! grows from it, one petal per indicator, coloured by answer. The grass along the top of the
//! box is one stacked bar per group of the `bars` area (helt at the bottom). The soil (front
//! of the box) holds one tile per indicator of the `tiles` area. In aggregate mode a petal,
//! bar or tile is split by the shares of each answer among many results.

pub mod geometry;
pub mod input;
mod layout;
pub mod palette;
mod placement;
pub mod targets;
pub mod text;

pub use geometry::{Point, Rect};
pub use input::{Aggregate, IndicatorShares, Shares, Values};
pub use layout::{describe_indicator, layout, layout_for_width, layout_portrait, PORTRAIT_BELOW, PORTRAIT_WIDTH};
pub use palette::{Color, Paint, Palette, Pattern, Tone};

use crate::sets::indicator_set::AreaRole;
use crate::statistics::share_row::ShareRow;

/// The width of every layout, in abstract units; the height follows from the content.
pub const WIDTH: f64 = 1200.0;

/// How the caller wants the picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    pub lang: crate::language::text::Lang,
    /// Printed at the top, e.g. "Örebro kommun" and "Värdering 2026 · eBlomlådan 2014 · 2026-11-23".
    pub heading: Option<Heading>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Heading {
    pub title: String,
    pub subtitle: Option<String>,
}

/// One assessment, or shares among `n` results.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Single,
    Aggregate { n: u32, label: Option<String> },
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub mode: Mode,
    pub flowers: Vec<Flower>,
    pub bars: Vec<Bar>,
    pub tiles: Vec<Tile>,
    pub legend: Vec<LegendEntry>,
    /// What can be chosen (flowers, bars, tiles), in reading order, with their hit areas.
    pub targets: Vec<HitTarget>,
    /// The numbers of the picture, per area and group: the table beside it.
    pub table: Vec<TableSection>,
    /// Totals over the whole set.
    pub total: Tally,
    /// What the table shows for the totals.
    pub total_shares: ShareRow,
    /// Per scale option: whether the values report it (false for answers a reference leaves out;
    /// show those as unknown, not as 0 %).
    pub reported: Vec<bool>,
    /// The name of the rest: "Ej besvarad", "Inget svar eller ingen uppgift" or, when some
    /// answers are unreported, "Övriga svar eller ingen uppgift".
    pub unanswered_label: String,
    /// The picture in words (totals first), for `aria-label`/`<desc>`.
    pub alt_text: String,
    /// Everything to draw, back to front.
    pub prims: Vec<Prim>,
}

/// A drawing primitive in layout units.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// A filled polygon. `role` says whether it is an indicator's shape (for tests and export).
    Fill {
        points: Vec<Point>,
        color: Color,
        role: FillRole,
    },
    /// A polyline (closed: an outline).
    Line {
        points: Vec<Point>,
        color: Color,
        width: f64,
        closed: bool,
    },
    Text(Label),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FillRole {
    /// Scenery, cards, legend swatches.
    Decor,
    /// The shape (or a share-part of it) standing for these indicators.
    Indicator(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// One line of text, vertically centred on `at`.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub at: Point,
    pub size: f64,
    pub bold: bool,
    pub color: Color,
    pub align: Align,
}

/// Counts per scale option (in the scale's order) and unanswered. For a single assessment they
/// are whole numbers of indicators; in aggregate mode, sums of the indicators' shares, so that
/// `share(i)` is the mean share over the group's indicators.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tally {
    pub options: Vec<f64>,
    pub unanswered: f64,
    pub indicators: u32,
    /// Indicators without any data (aggregate mode: no result or reference covers them). They
    /// are left out of the shares.
    pub no_data: u32,
    /// The largest number of results behind any of the indicators (aggregate mode).
    pub n: Option<u32>,
}

impl Tally {
    pub fn empty(options: usize) -> Tally {
        Tally { options: vec![0.0; options], ..Tally::default() }
    }

    pub fn add_shares(&mut self, shares: &Shares) {
        self.indicators += 1;
        if shares.n == Some(0) {
            self.no_data += 1;
            return;
        }
        for (t, s) in self.options.iter_mut().zip(&shares.options) {
            *t += s;
        }
        self.unanswered += shares.unanswered;
        self.n = match (self.n, shares.n) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn add(&mut self, other: &Tally) {
        for (t, s) in self.options.iter_mut().zip(&other.options) {
            *t += s;
        }
        self.unanswered += other.unanswered;
        self.indicators += other.indicators;
        self.no_data += other.no_data;
        self.n = match (self.n, other.n) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    /// Indicators the shares are taken over (those with data).
    pub fn with_data(&self) -> u32 {
        self.indicators - self.no_data
    }

    /// Share 0–1 of option `i` over the indicators with data.
    pub fn share(&self, i: usize) -> f64 {
        if self.with_data() == 0 {
            0.0
        } else {
            self.options.get(i).copied().unwrap_or(0.0) / f64::from(self.with_data())
        }
    }

    /// Share 0–1 not answered (or, with no data at all, 1).
    pub fn unanswered_share(&self) -> f64 {
        if self.with_data() == 0 {
            if self.indicators == 0 {
                0.0
            } else {
                1.0
            }
        } else {
            self.unanswered / f64::from(self.with_data())
        }
    }

    /// The row every surface shows for this tally ([`ShareRow`]): in aggregate mode the
    /// shares summed here are turned back into answers of the `n` results (every indicator of
    /// an aggregate has the same n), so the percentages are those of the comparison's tables.
    pub fn row(&self, counting: &[bool], reported: &[bool]) -> ShareRow {
        let per = f64::from(self.n.unwrap_or(1).max(1));
        let whole = |v: f64| (v * per).round().max(0.0) as u32;
        let counts: Vec<u32> = self.options.iter().map(|v| whole(*v)).collect();
        ShareRow::new(&counts, counting, reported, whole(self.unanswered))
    }

    /// Whole count of option `i` (single mode).
    pub fn count(&self, i: usize) -> u32 {
        self.options.get(i).copied().unwrap_or(0.0).round() as u32
    }
}

/// A painted part of a shape: the whole shape for a single answer, one share in aggregate mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub tone: Tone,
    pub share: f64,
    pub polygon: Vec<Point>,
    pub paint: Paint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flower {
    pub area_id: String,
    pub group_id: String,
    pub name: String,
    pub center: Point,
    pub radius: f64,
    pub petals: Vec<Petal>,
    pub tally: Tally,
    /// "7 av 12 helt" (single) or "58 % helt · n = 141" (aggregate).
    pub caption: String,
    pub hit: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Petal {
    pub indicator_id: String,
    /// Radians, screen coordinates (0 = right, −π/2 = up).
    pub angle: f64,
    pub shares: Shares,
    pub outline: Vec<Point>,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub area_id: String,
    pub group_id: String,
    pub name: String,
    /// The full column (100 %).
    pub column: Rect,
    /// Bottom to top: best option first, unanswered last. Single mode: one piece per indicator.
    pub pieces: Vec<Piece>,
    pub tally: Tally,
    pub caption: String,
    pub hit: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub area_id: String,
    pub group_id: String,
    pub indicator_id: String,
    pub rect: Rect,
    pub shares: Shares,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub tone: Tone,
    pub label: String,
    pub paint: Paint,
    pub swatch: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Flower,
    Bar,
    Tile,
}

/// Something the user can choose: it leads to its indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct HitTarget {
    pub kind: TargetKind,
    pub rect: Rect,
    pub area_id: String,
    pub group_id: String,
    /// Set for tiles (one indicator each).
    pub indicator_id: Option<String>,
    /// The group's name, or the indicator's text for a tile.
    pub name: String,
    /// The group's name for a tile's group; equal to `name` for flowers and bars.
    pub group_name: String,
    /// Counts or shares in words, e.g. "7 av 12 helt, 2 delvis, 1 inte, 2 ej besvarade".
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableSection {
    pub area_id: String,
    pub title: String,
    pub role: AreaRole,
    pub rows: Vec<TableRow>,
    pub total: Tally,
    /// What the table shows for the area's total.
    pub total_shares: ShareRow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub group_id: String,
    pub name: String,
    pub tally: Tally,
    /// What the table shows for this group: the numbers of its caption, too.
    pub shares: ShareRow,
}

impl Layout {
    /// The target under a point in layout units (last drawn wins), for pointer interaction.
    pub fn target_at(&self, p: Point) -> Option<&HitTarget> {
        self.targets.iter().rev().find(|t| t.rect.contains(p))
    }

    /// The pieces of every indicator's shape (petals, bar pieces, tiles), with the indicator ids.
    pub fn indicator_fills(&self) -> impl Iterator<Item = (&str, &[Point], Color)> {
        self.prims.iter().filter_map(|p| match p {
            Prim::Fill { points, color, role: FillRole::Indicator(id) } => Some((id.as_str(), points.as_slice(), *color)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tallys_row_counts_the_answers_behind_its_shares() {
        // 10 indicators, 2 without data; of the 8: 4 helt, 1 delvis, 1 ej relevant, 2
        // unanswered. The row's base is the 5 counted answers.
        let t = Tally { options: vec![4.0, 1.0, 0.0, 1.0], unanswered: 2.0, indicators: 10, no_data: 2, n: None };
        let row = t.row(&[true, true, true, false], &[]);
        assert_eq!((row.base, row.percent(0), row.count(3), row.unanswered), (5, Some(80), Some(1), 2));
        // In aggregate mode the tally sums shares: 3 results, one indicator with 2 helt, 1 inte.
        let t = Tally { options: vec![2.0 / 3.0, 0.0, 1.0 / 3.0, 0.0], unanswered: 0.0, indicators: 1, no_data: 0, n: Some(3) };
        let row = t.row(&[true, true, true, false], &[]);
        assert_eq!((row.base, row.count(0), row.percent(0)), (3, Some(2), Some(67)));
    }
}
