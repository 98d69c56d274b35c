//! Where the flower box's parts stand, before anything is painted: the flowers' rows, the bars'
//! row and the rim under it, the soil and its tile blocks. Pure geometry from counts and names.

use super::geometry::{pt, Point, Rect};
use super::text::wrap;
use crate::sets::indicator_set::{Area, Group};

const FLOWER_ROW_MARGIN: f64 = 90.0;
const PETAL_TIP: f64 = 84.0;
pub(super) const BAR_HEIGHT: f64 = 150.0;
pub(super) const CAPTION_SIZE: f64 = 14.5;
pub(super) const LINE: f64 = 18.0;
/// Flowers per row on a phone's portrait picture.
pub(super) const PORTRAIT_PER_ROW: usize = 3;

/// The flowers: one row in landscape, rows of [`PORTRAIT_PER_ROW`] in portrait, a short last
/// row centred; each flower has a slot, petals up to `tip` and a card of `card_h` under it.
pub(super) struct FlowerRows {
    count: usize,
    per_row: usize,
    pub slot: f64,
    pub row_x0: f64,
    pub tip: f64,
    pub name_lines: Vec<Vec<String>>,
    pub card_h: f64,
    row_h: f64,
    rows: usize,
    top: f64,
    width: f64,
}

impl FlowerRows {
    pub fn new(names: &[&str], top: f64, width: f64, portrait: bool) -> FlowerRows {
        let nf = names.len().max(1);
        let per_row = if portrait { PORTRAIT_PER_ROW.min(nf) } else { nf };
        let row_margin = if portrait { 16.0 } else { FLOWER_ROW_MARGIN };
        let slot = ((width - 2.0 * row_margin) / per_row as f64).min(260.0);
        let tip = PETAL_TIP.min(slot * 0.49);
        let name_lines: Vec<Vec<String>> = names.iter().map(|n| wrap(n, CAPTION_SIZE, true, slot * 0.9 - 12.0, 3)).collect();
        let max_lines = name_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let card_h = 10.0 + max_lines as f64 * LINE + LINE + 8.0;
        FlowerRows {
            count: names.len(),
            per_row,
            slot,
            row_x0: (width - slot * per_row as f64) / 2.0,
            tip,
            name_lines,
            card_h,
            row_h: 2.0 * tip + 10.0 + card_h + 18.0,
            rows: nf.div_ceil(per_row),
            top,
            width,
        }
    }

    /// Where flower `i` stands: its centre.
    pub fn at(&self, i: usize) -> Point {
        let (row, col) = (i / self.per_row, i % self.per_row);
        let in_row = (self.count - row * self.per_row).min(self.per_row);
        let x0 = (self.width - self.slot * in_row as f64) / 2.0;
        pt(x0 + (col as f64 + 0.5) * self.slot, self.top + self.tip + 6.0 + row as f64 * self.row_h)
    }

    /// The bottom of the last row's cards.
    pub fn card_bottom(&self) -> f64 {
        let cy = self.top + self.tip + 6.0 + (self.rows - 1) as f64 * self.row_h;
        cy + self.tip + 10.0 + self.card_h
    }
}

/// The bars under the flowers (between their stems when there is one more bar than flowers),
/// and the rim under them that names them.
pub(super) struct BarRow {
    pub centers: Vec<f64>,
    pub spacing: f64,
    pub width: f64,
    /// Each bar's name in lines; in portrait its number (the names follow under the box).
    pub labels: Vec<Vec<String>>,
    pub top: f64,
    pub rim_top: f64,
    pub rim_h: f64,
}

impl BarRow {
    pub fn new(names: &[&str], flowers: &FlowerRows, width: f64, portrait: bool) -> BarRow {
        let nb = names.len();
        let (centers, spacing): (Vec<f64>, f64) = if nb == flowers.count + 1 && flowers.count > 0 && !portrait {
            ((0..nb).map(|i| flowers.row_x0 + i as f64 * flowers.slot).collect(), flowers.slot)
        } else if nb > 0 {
            let margin = if portrait { 44.0 } else { 70.0 };
            let s = (width - 2.0 * margin) / nb as f64;
            ((0..nb).map(|i| margin + (i as f64 + 0.5) * s).collect(), s)
        } else {
            (Vec::new(), flowers.slot)
        };
        let labels: Vec<Vec<String>> = if portrait {
            (1..=nb).map(|n| vec![n.to_string()]).collect()
        } else {
            names.iter().map(|n| wrap(n, 13.0, true, spacing * 0.96, 2)).collect()
        };
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(0);
        let top = flowers.card_bottom() + 18.0;
        BarRow {
            centers,
            spacing,
            width: (spacing * if portrait { 0.6 } else { 0.42 }).min(64.0),
            labels,
            top,
            rim_top: top + BAR_HEIGHT,
            rim_h: if nb == 0 { 26.0 } else { 12.0 + (label_lines as f64 + 1.0) * 16.0 + 4.0 },
        }
    }

    pub fn rim_bottom(&self) -> f64 {
        self.rim_top + self.rim_h
    }
}

/// The soil under the rim and the tile blocks in it. In portrait, side-by-side groups are too
/// narrow for their names: letters stand in the soil and the names follow under the box.
pub(super) struct SoilPlan {
    pub rim_bottom: f64,
    pub rect: Rect,
    pub blocks: Vec<TileBlock>,
    pub caption_h: f64,
    pub letters: Vec<String>,
    pub lettered: bool,
}

impl SoilPlan {
    pub fn new(groups: &[(&Area, &Group)], names: &[&str], rim_bottom: f64, box_left: f64, box_right: f64, portrait: bool) -> SoilPlan {
        let soil_w = box_right - box_left - 68.0;
        let letters: Vec<String> = (0..groups.len()).map(|i| char::from(b'A' + (i % 26) as u8).to_string()).collect();
        let lettered = portrait && groups.len() > 1;
        let captions: Vec<&str> = if lettered { letters.iter().map(String::as_str).collect() } else { names.to_vec() };
        let (blocks, caption_h, soil_h) = plan_tiles(groups, &captions, soil_w - 36.0);
        SoilPlan { rim_bottom, rect: Rect::new(box_left + 34.0, rim_bottom + 12.0, soil_w, soil_h), blocks, caption_h, letters, lettered }
    }

    pub fn box_bottom(&self) -> f64 {
        self.rect.y + self.rect.h + 16.0
    }
}

pub(super) struct TileBlock {
    pub group: usize,
    pub caption: Vec<String>,
    pub x: f64,
    pub w: f64,
    pub cols: usize,
    pub size: f64,
    pub gap: f64,
}

/// Places the tile groups side by side as blocks of equal-sized square tiles, as large as fits
/// in about 150 units of height, each under its caption (up to two lines). Returns the blocks,
/// the captions' height and the soil's height.
fn plan_tiles(groups: &[(&Area, &Group)], captions: &[&str], width: f64) -> (Vec<TileBlock>, f64, f64) {
    if groups.is_empty() {
        return (Vec::new(), 0.0, 60.0);
    }
    let counts: Vec<usize> = groups.iter().map(|(_, g)| g.indicators.len().max(1)).collect();
    let total: usize = counts.iter().sum();
    let group_gap = 28.0;
    let usable = width - group_gap * (groups.len() as f64 - 1.0);
    let max_h = 150.0;
    let mut size: f64 = 56.0;
    loop {
        let gap = (size * 0.16).max(3.0);
        let mut rows_max = 0;
        let mut blocks = Vec::new();
        let mut x = 0.0;
        for (gi, &n) in counts.iter().enumerate() {
            let w = usable * n as f64 / total as f64;
            let cols = (((w + gap) / (size + gap)).floor() as usize).clamp(1, n);
            let rows = n.div_ceil(cols);
            rows_max = rows_max.max(rows);
            let caption = wrap(captions.get(gi).copied().unwrap_or_default(), 13.0, true, w, 2);
            blocks.push(TileBlock { group: gi, caption, x, w, cols, size, gap });
            x += w + group_gap;
        }
        let h = rows_max as f64 * (size + gap) - gap;
        if h <= max_h || size <= 10.0 {
            let lines = blocks.iter().map(|b| b.caption.len()).max().unwrap_or(1).max(1);
            let caption_h = 20.0 + lines as f64 * 16.0;
            return (blocks, caption_h, caption_h + h + 16.0);
        }
        size -= 1.0;
    }
}
