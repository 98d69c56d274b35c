//! From set + values to a [`Layout`]: where everything goes.

use std::f64::consts::PI;

use super::geometry::{ellipse, hatch, pt, rounded_rect, PetalShape, Point, Rect};
use super::input::{indicator_shares, Shares, Values};
use super::palette::{scenery, Color, Paint, Palette, Pattern, Tone};
use super::placement::{BarRow, FlowerRows, SoilPlan, BAR_HEIGHT, CAPTION_SIZE, LINE};
use super::text::{count_of, n_is, short_option, text_width, unanswered_label, words, wrap};
use super::{
    Align, Bar, FillRole, Flower, HitTarget, Label, Layout, LegendEntry, Mode, Options, Petal, Piece, Prim, TableRow, TableSection, Tally,
    TargetKind, Tile, WIDTH,
};
use crate::language::number_format::{integer, whole_percent};
use crate::language::text::Lang;
use crate::sets::indicator_set::{Area, AreaRole, Group, Indicator, IndicatorSet};
use crate::statistics::share_row::{Cell, ShareRow};

const MARGIN: f64 = 40.0;

/// Lays out the flower box for `values` (one assessment or aggregated shares) of `set`.
pub fn layout(set: &IndicatorSet, values: Values<'_>, options: &Options) -> Layout {
    Builder::new(set, values, options).build()
}

/// Below this many CSS pixels of width the landscape picture's labels get too small to read
/// (a 1200-unit picture on a 390 px phone shows 14-unit text at under 5 px): use the portrait.
pub const PORTRAIT_BELOW: f64 = 700.0;

/// The portrait arrangement's width in layout units.
pub const PORTRAIT_WIDTH: f64 = 520.0;

/// The flower box for narrow screens: the flowers in rows of three, the grass bars numbered
/// with their names and counts listed under the box, the legend wrapped; the same numbers,
/// targets and text alternative as [`layout`].
pub fn layout_portrait(set: &IndicatorSet, values: Values<'_>, options: &Options) -> Layout {
    let mut b = Builder::new(set, values, options);
    b.width = PORTRAIT_WIDTH;
    b.portrait = true;
    b.build()
}

/// [`layout`] or [`layout_portrait`], chosen from the width the picture will be shown at (CSS
/// pixels).
pub fn layout_for_width(set: &IndicatorSet, values: Values<'_>, options: &Options, shown_width: f64) -> Layout {
    if shown_width < PORTRAIT_BELOW {
        layout_portrait(set, values, options)
    } else {
        layout(set, values, options)
    }
}

/// One indicator's answer in words ("Uppfyller delvis") or its shares ("helt 81 %, …").
pub fn describe_indicator(set: &IndicatorSet, values: Values<'_>, indicator_id: &str, lang: Lang) -> String {
    let options = Options { lang, heading: None };
    let b = Builder::new(set, values, &options);
    b.indicator_summary(&b.shares(indicator_id))
}

struct Builder<'a> {
    set: &'a IndicatorSet,
    values: Values<'a>,
    lang: Lang,
    options: &'a Options,
    palette: Palette,
    aggregate: bool,
    /// Tones bottom-to-top / base-to-tip: best option first, unanswered last.
    order: Vec<Tone>,
    prims: Vec<Prim>,
    /// Layout units across: [`WIDTH`], or [`PORTRAIT_WIDTH`].
    width: f64,
    /// Flowers in rows of three (`placement::PORTRAIT_PER_ROW`), bars numbered and named under the box.
    portrait: bool,
}

impl<'a> Builder<'a> {
    fn new(set: &'a IndicatorSet, values: Values<'a>, options: &'a Options) -> Self {
        // Counting options best first, then those that do not count ("ej relevant").
        let mut idx: Vec<usize> = (0..set.scale.options.len()).collect();
        idx.sort_by(|a, b| {
            let (oa, ob) = (&set.scale.options[*a], &set.scale.options[*b]);
            ob.counts.cmp(&oa.counts).then(ob.score.partial_cmp(&oa.score).unwrap_or(std::cmp::Ordering::Equal)).then(a.cmp(b))
        });
        let order = idx.into_iter().map(Tone::Option).chain([Tone::Unanswered]).collect();
        Builder {
            set,
            values,
            lang: options.lang,
            options,
            palette: Palette::for_scale(&set.scale),
            aggregate: matches!(values, Values::Aggregate(_)),
            order,
            prims: Vec::new(),
            width: WIDTH,
            portrait: false,
        }
    }

    fn groups(&self, role: AreaRole) -> Vec<(&'a Area, &'a Group)> {
        self.set.areas.iter().filter(|a| a.role == role).flat_map(|a| a.groups.iter().map(move |g| (a, g))).collect()
    }

    fn shares(&self, indicator_id: &str) -> Shares {
        indicator_shares(self.set, self.values, indicator_id)
    }

    fn share_of_tone(shares: &Shares, tone: Tone) -> f64 {
        match tone {
            Tone::Option(i) => shares.options.get(i).copied().unwrap_or(0.0),
            Tone::Unanswered => shares.unanswered,
        }
    }

    /// The tone a single answer shows (the largest share; ties to the better option).
    fn main_tone(&self, shares: &Shares) -> Tone {
        let mut best = (Tone::Unanswered, -1.0);
        for &tone in &self.order {
            let s = Self::share_of_tone(shares, tone);
            if s > best.1 + 1e-12 {
                best = (tone, s);
            }
        }
        best.0
    }

    fn tally(&self, group: &Group) -> Tally {
        let mut t = Tally::empty(self.set.scale.options.len());
        for ind in &group.indicators {
            t.add_shares(&self.shares(&ind.id));
        }
        t
    }

    fn text(&mut self, text: impl Into<String>, at: Point, size: f64, bold: bool, color: Color, align: Align) {
        self.prims.push(Prim::Text(Label { text: text.into(), at, size, bold, color, align }));
    }

    fn fill(&mut self, points: Vec<Point>, color: Color) {
        self.prims.push(Prim::Fill { points, color, role: FillRole::Decor });
    }

    fn line(&mut self, points: Vec<Point>, color: Color, width: f64, closed: bool) {
        self.prims.push(Prim::Line { points, color, width, closed });
    }

    /// Fill, pattern and edge of one piece.
    fn paint_piece(&mut self, piece: &Piece, role: FillRole, small: bool) {
        let paint = piece.paint;
        self.prims.push(Prim::Fill { points: piece.polygon.clone(), color: paint.fill, role });
        self.pattern(&piece.polygon, paint, small);
        let width = if paint.pattern == Pattern::Outline { 1.6 } else { 1.1 };
        self.line(piece.polygon.clone(), paint.edge, width, true);
    }

    fn pattern(&mut self, polygon: &[Point], paint: Paint, small: bool) {
        let gap = if small { 4.5 } else { 5.5 };
        let angles: &[f64] = match paint.pattern {
            Pattern::Hatch => &[PI / 4.0],
            Pattern::Cross => &[PI / 4.0, -PI / 4.0],
            Pattern::Level => &[0.0],
            Pattern::Solid | Pattern::Outline => &[],
        };
        for &angle in angles {
            for (a, b) in hatch(polygon, angle, gap * if paint.pattern == Pattern::Cross { 1.25 } else { 1.0 }, 0.8) {
                self.line(vec![a, b], paint.ink, 1.3, false);
            }
        }
    }

    /// Splits a rectangle bottom-up by shares, in tone order.
    fn rect_pieces(&self, r: Rect, shares: &Shares) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut y = r.bottom();
        for &tone in &self.order {
            let s = Self::share_of_tone(shares, tone);
            if s < 0.005 {
                continue;
            }
            let h = r.h * s;
            let part = Rect::new(r.x, (y - h).max(r.y), r.w, h.min(y - r.y));
            y -= h;
            pieces.push(Piece { tone, share: s, polygon: part.corners(), paint: self.palette.paint(tone) });
        }
        pieces
    }

    fn reported(&self) -> Vec<bool> {
        match self.values {
            Values::Aggregate(agg) => match &agg.reported_keys {
                Some(keys) => self.set.scale.options.iter().map(|o| keys.contains(&o.key)).collect(),
                None => vec![true; self.set.scale.options.len()],
            },
            Values::Single(_) => vec![true; self.set.scale.options.len()],
        }
    }

    /// The name of the rest in this picture.
    fn rest_label(&self) -> String {
        if self.reported().iter().all(|r| *r) {
            unanswered_label(self.aggregate, self.lang).to_string()
        } else {
            words(self.lang).unreported.to_string()
        }
    }

    /// The numbers a table row, caption or text alternative shows for `tally`: the one
    /// [`ShareRow`] of every surface.
    fn row(&self, tally: &Tally) -> ShareRow {
        tally.row(&self.set.counting(), &self.reported())
    }

    /// A group in words, e.g. "3 av 7 helt, 2 delvis, 1 ej relevant, 2 ej besvarade" or
    /// "helt 48 %, delvis 30 %, inte 22 % (n = 141); ej relevant 4". Starts with the caption's
    /// own numbers, so a label and the hover text under it never disagree.
    fn group_summary(&self, tally: &Tally) -> String {
        let lang = self.lang;
        let row = self.row(tally);
        let best = self.set.best_option();
        let mut parts = Vec::new();
        if self.aggregate {
            if tally.with_data() == 0 {
                return words(lang).no_data_short.to_string();
            }
            for &tone in &self.order {
                let Tone::Option(i) = tone else { continue };
                let word = short_option(&self.set.scale.options[i], lang);
                match row.cells[i] {
                    Cell::Share { percent, .. } if percent > 0 => parts.push(format!("{word} {}", row.text(i, false, lang))),
                    Cell::Count(n) if n > 0 => parts.push(format!("{word} {}", row.text(i, false, lang))),
                    _ => {}
                }
            }
            if let Some(rest) = row.rest_percent().filter(|p| *p > 0) {
                parts.push(format!("{} {}", self.rest_label().to_lowercase(), whole_percent(rest, lang)));
            }
            let mut s = parts.join(", ");
            if let Some(n) = tally.n {
                s.push_str(&format!(" ({})", n_is(n, lang)));
            }
            if tally.no_data > 0 {
                s.push_str(&format!("; {} {} {}", words(lang).no_data_for, tally.no_data, words(lang).indicators));
            }
            s
        } else {
            if let Some(best) = best.filter(|_| row.has_data()) {
                parts.push(count_of(row.count(best).unwrap_or(0), row.base, &self.set.scale.options[best], lang));
            }
            for &tone in &self.order {
                match tone {
                    Tone::Option(i) if Some(i) == best && row.has_data() => {}
                    Tone::Option(i) => {
                        let k = row.count(i).unwrap_or(0);
                        if k > 0 {
                            parts.push(format!("{k} {}", short_option(&self.set.scale.options[i], lang)));
                        }
                    }
                    Tone::Unanswered => {
                        let k = row.unanswered;
                        if k > 0 {
                            let word =
                                if k == 1 { unanswered_label(false, lang).to_lowercase() } else { words(lang).unanswered_many.to_string() };
                            parts.push(format!("{k} {word}"));
                        }
                    }
                }
            }
            parts.join(", ")
        }
    }

    /// "7 av 11 helt" or "58 % helt · n = 141": the best option's count of the counted
    /// answers, or its percentage of the [`ShareRow`] — the same number the tables show.
    fn caption(&self, tally: &Tally) -> String {
        let Some(i) = self.set.best_option() else { return String::new() };
        let option = &self.set.scale.options[i];
        let row = self.row(tally);
        if self.aggregate {
            if tally.with_data() == 0 {
                return words(self.lang).no_data_short.to_string();
            }
            let mut s = format!("{} {}", row.text(i, false, self.lang), short_option(option, self.lang));
            if let Some(n) = tally.n {
                s.push_str(&format!(" · {}", n_is(n, self.lang)));
            }
            s
        } else if !row.has_data() {
            self.group_summary(tally)
        } else {
            count_of(row.count(i).unwrap_or(0), row.base, option, self.lang)
        }
    }

    fn indicator_summary(&self, shares: &Shares) -> String {
        if self.aggregate {
            let mut t = Tally::empty(self.set.scale.options.len());
            t.add_shares(shares);
            self.group_summary(&t)
        } else {
            match self.main_tone(shares) {
                Tone::Option(i) => self.set.scale.options[i].label.get(self.lang).to_string(),
                Tone::Unanswered => unanswered_label(false, self.lang).to_string(),
            }
        }
    }

    /// The title and subtitle at the top; returns where the picture below them starts.
    fn heading(&mut self) -> f64 {
        let mut top = 22.0;
        if let Some(h) = &self.options.heading {
            let title = wrap(&h.title, 26.0, true, self.width - 2.0 * MARGIN, 1).concat();
            self.text(title, pt(MARGIN, 36.0), 26.0, true, scenery::TEXT, Align::Start);
            top = 58.0;
            if let Some(sub) = &h.subtitle {
                let sub = wrap(sub, 15.0, false, self.width - 2.0 * MARGIN, 1).concat();
                self.text(sub, pt(MARGIN, 66.0), 15.0, false, scenery::TEXT_MUTED, Align::Start);
                top = 86.0;
            }
        }

        top
    }

    /// Blades of grass along the box's rim, from `left` to `right` at `rim_top`.
    fn grass_blades(&mut self, left: f64, right: f64, rim_top: f64) {
        let (box_left, box_right) = (left, right);
        let mut x = box_left + 14.0;
        let mut k = 0u32;
        while x < box_right - 14.0 {
            let h = 12.0 + f64::from((k * 7) % 5) * 3.5;
            let lean = f64::from((k * 3) % 5) - 2.0;
            self.fill(vec![pt(x - 4.0, rim_top), pt(x + lean * 2.0, rim_top - h), pt(x + 4.0, rim_top)], scenery::GRASS);
            x += 9.0;
            k += 1;
        }
    }

    /// A stem from each flower's centre down to the rim, and a pair of leaves per stem position
    /// below the last row's cards.
    fn stems_and_leaves(&mut self, centres: &[Point], card_bottom: f64, rim_top: f64) {
        let mut leafed: Vec<f64> = Vec::new();
        for &at in centres {
            let cx = at.x;
            self.line(vec![at, pt(cx, rim_top + 2.0)], scenery::STEM, 5.0, false);
            // One pair of leaves per stem position, below the last row's cards.
            if leafed.iter().any(|x| (x - cx).abs() < 1.0) {
                continue;
            }
            leafed.push(cx);
            let span = rim_top - card_bottom;
            for (side, t) in [(-1.0, 0.42), (1.0, 0.68)] {
                let ly = card_bottom + span * t;
                let leaf = ellipse(pt(cx + side * 19.0, ly - 6.0), 19.0, 6.5, side * -0.5, 20);
                self.fill(leaf.clone(), scenery::LEAF);
                self.line(vec![pt(cx, ly), pt(cx + side * 32.0, ly - 13.0)], scenery::STEM.with_alpha(0.6), 1.0, false);
            }
        }
    }

    /// A bar's painted parts: in aggregate mode one piece per share of the column; for one
    /// assessment one cell per indicator, best first from the bottom, so it reads as shares and
    /// can still be counted.
    fn bar_pieces(&mut self, group: &Group, column: Rect, tally: &Tally) -> Vec<Piece> {
        if self.aggregate {
            let shares = Shares {
                options: (0..self.set.scale.options.len()).map(|i| tally.share(i)).collect(),
                unanswered: tally.unanswered_share(),
                n: tally.n,
            };
            let pieces = self.rect_pieces(column, &shares);
            for p in &pieces {
                self.paint_piece(
                    p,
                    FillRole::Indicator(group.indicators.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(" ")),
                    false,
                );
            }
            pieces
        } else {
            // One cell per indicator, sorted best first from the bottom: the stack reads as
            // shares and can still be counted.
            let mut cells: Vec<(usize, &str, Tone)> = group
                .indicators
                .iter()
                .map(|ind| {
                    let tone = self.main_tone(&self.shares(&ind.id));
                    (self.order.iter().position(|t| *t == tone).unwrap_or(usize::MAX), ind.id.as_str(), tone)
                })
                .collect();
            cells.sort_by_key(|c| c.0);
            let h = BAR_HEIGHT / cells.len().max(1) as f64;
            let mut pieces = Vec::new();
            for (ci, (_, id, tone)) in cells.iter().enumerate() {
                let r = Rect::new(column.x, column.bottom() - (ci as f64 + 1.0) * h, column.w, h);
                let piece = Piece { tone: *tone, share: 1.0, polygon: r.corners(), paint: self.palette.paint(*tone) };
                self.paint_piece(&piece, FillRole::Indicator((*id).to_string()), h < 12.0);
                pieces.push(piece);
            }
            pieces
        }
    }

    /// A petal's painted parts: one per share from its base out (many results), or the whole
    /// petal in its answer's paint (one assessment).
    fn petal_pieces(&mut self, id: &str, shape: &PetalShape, shares: &Shares, outline: &[Point]) -> Vec<Piece> {
        let mut pieces = Vec::new();
        if self.aggregate {
            let mut cum = 0.0;
            for &tone in &self.order.clone() {
                let s = Self::share_of_tone(shares, tone);
                if s < 0.005 {
                    continue;
                }
                let s0 = if cum <= 0.0 { 0.0 } else { shape.cut_for_share(cum) };
                cum += s;
                let s1 = if cum >= 0.995 { 1.0 } else { shape.cut_for_share(cum) };
                let piece = Piece { tone, share: s, polygon: shape.outline(s0, s1), paint: self.palette.paint(tone) };
                self.paint_piece(&piece, FillRole::Indicator(id.to_string()), true);
                pieces.push(piece);
            }
            self.line(outline.to_vec(), scenery::TEXT.with_alpha(0.55), 1.0, true);
        } else {
            let tone = self.main_tone(shares);
            let piece = Piece { tone, share: 1.0, polygon: outline.to_vec(), paint: self.palette.paint(tone) };
            self.paint_piece(&piece, FillRole::Indicator(id.to_string()), false);
            pieces.push(piece);
        }
        pieces
    }

    fn build(mut self) -> Layout {
        let flower_groups = self.groups(AreaRole::Flowers);
        let bar_groups = self.groups(AreaRole::Bars);
        let tile_groups = self.groups(AreaRole::Tiles);
        self.fill(Rect::new(0.0, 0.0, self.width, 10.0).corners(), scenery::BACKGROUND); // resized below
        let top = self.heading();
        let lang = self.lang;
        let names: Vec<&str> = flower_groups.iter().map(|(_, g)| g.title.get(lang)).collect();
        let rows = FlowerRows::new(&names, top, self.width, self.portrait);
        let names: Vec<&str> = bar_groups.iter().map(|(_, g)| g.title.get(lang)).collect();
        let bar_row = BarRow::new(&names, &rows, self.width, self.portrait);
        let (box_left, box_right) = (28.0, self.width - 28.0);

        self.grass_blades(box_left, box_right, bar_row.rim_top);
        let centres: Vec<Point> = (0..flower_groups.len()).map(|i| rows.at(i)).collect();
        self.stems_and_leaves(&centres, rows.card_bottom(), bar_row.rim_top);
        // Flowers come first in reading order, then bars, then tiles.
        let mut bar_targets = Vec::new();
        let bars = self.bars(&bar_groups, &bar_row, &mut bar_targets);
        let mut targets = Vec::new();
        let flowers = self.flowers(&flower_groups, &rows, &mut targets);
        targets.append(&mut bar_targets);

        self.rim(&bars, &bar_row, box_left, box_right);
        let tile_names: Vec<&str> = tile_groups
            .iter()
            .map(|(area, group)| if tile_groups.len() == 1 { area.title.get(lang) } else { group.title.get(lang) })
            .collect();
        let soil = SoilPlan::new(&tile_groups, &tile_names, bar_row.rim_bottom(), box_left, box_right, self.portrait);
        self.box_front(&soil, box_left, box_right);
        let tiles = self.tiles(&tile_groups, &soil, &mut targets);

        let mut y = soil.box_bottom() + 30.0;
        if self.portrait {
            self.names_under_box(&bars, &soil, &tile_names, &mut y);
        }
        self.aggregate_line(&mut y);
        let legend = self.legend_swatches(&mut y);
        self.area_keys(&mut y);
        self.finish(y, flowers, bars, tiles, legend, targets)
    }

    /// The layout with its numbers, once everything is drawn down to `y`.
    fn finish(
        mut self,
        y: f64,
        flowers: Vec<Flower>,
        bars: Vec<Bar>,
        tiles: Vec<Tile>,
        legend: Vec<LegendEntry>,
        targets: Vec<HitTarget>,
    ) -> Layout {
        let height = (y + 6.0).ceil();
        if let Some(Prim::Fill { points, .. }) = self.prims.first_mut() {
            *points = Rect::new(0.0, 0.0, self.width, height).corners();
        }
        let (table, total) = self.numbers();
        let reported = self.reported();
        let alt_text = self.alt_text(&total, &table);
        let mode = match self.values {
            Values::Single(_) => Mode::Single,
            Values::Aggregate(agg) => Mode::Aggregate { n: agg.n, label: agg.label.as_ref().map(|l| l.get(self.lang).to_string()) },
        };
        let unanswered_label = self.rest_label();
        Layout {
            width: self.width,
            height,
            mode,
            flowers,
            bars,
            tiles,
            legend,
            targets,
            table,
            total_shares: self.row(&total),
            total,
            reported,
            unanswered_label,
            alt_text,
            prims: self.prims,
        }
    }

    /// A hit target for a flower or a bar: the whole group.
    fn group_target(&self, kind: TargetKind, rect: Rect, area: &Area, group: &Group, tally: &Tally) -> HitTarget {
        let name = group.title.get(self.lang).to_string();
        HitTarget {
            kind,
            rect,
            area_id: area.id.clone(),
            group_id: group.id.clone(),
            indicator_id: None,
            name: name.clone(),
            group_name: name,
            summary: self.group_summary(tally),
        }
    }

    /// The bars (the grass), each on its track with its hit target.
    fn bars(&mut self, groups: &[(&Area, &Group)], row: &BarRow, targets: &mut Vec<HitTarget>) -> Vec<Bar> {
        let mut bars = Vec::new();
        for (bi, (area, group)) in groups.iter().enumerate() {
            let cx = row.centers[bi];
            let column = Rect::new(cx - row.width / 2.0, row.top, row.width, BAR_HEIGHT);
            let tally = self.tally(group);
            self.fill(column.corners(), scenery::TRACK);
            let pieces = self.bar_pieces(group, column, &tally);
            self.line(column.corners(), scenery::WOOD_DARK.with_alpha(0.7), 1.2, true);
            let caption = self.caption(&tally);
            let hit = Rect::new(cx - row.spacing / 2.0 + 2.0, row.top - 4.0, row.spacing - 4.0, row.rim_bottom() - row.top + 4.0);
            targets.push(self.group_target(TargetKind::Bar, hit, area, group, &tally));
            bars.push(Bar {
                area_id: area.id.clone(),
                group_id: group.id.clone(),
                name: group.title.get(self.lang).to_string(),
                column,
                pieces,
                tally,
                caption,
                hit,
            });
        }
        bars
    }

    /// The flowers: petals around a heart, and a card with the name and count under each.
    fn flowers(&mut self, groups: &[(&Area, &Group)], rows: &FlowerRows, targets: &mut Vec<HitTarget>) -> Vec<Flower> {
        let mut flowers = Vec::new();
        let tip = rows.tip;
        let heart = (tip * 0.25).max(10.0);
        for (fi, (area, group)) in groups.iter().enumerate() {
            let center = rows.at(fi);
            let petals = self.petals(group, center, tip, heart);
            self.fill(ellipse(center, heart, heart, 0.0, 28), scenery::HEART);
            self.line(ellipse(center, heart, heart, 0.0, 28), scenery::HEART_EDGE, 1.2, true);
            let tally = self.tally(group);
            let caption = self.caption(&tally);
            let card = self.flower_card(center, rows, &rows.name_lines[fi], &caption);
            let hit =
                Rect::new(center.x - rows.slot / 2.0 + 2.0, center.y - tip - 2.0, rows.slot - 4.0, card.bottom() - (center.y - tip) + 4.0);
            targets.push(self.group_target(TargetKind::Flower, hit, area, group, &tally));
            flowers.push(Flower {
                area_id: area.id.clone(),
                group_id: group.id.clone(),
                name: group.title.get(self.lang).to_string(),
                center,
                radius: tip,
                petals,
                tally,
                caption,
                hit,
            });
        }
        flowers
    }

    /// One petal per indicator, evenly round the heart, the first pointing up.
    fn petals(&mut self, group: &Group, center: Point, tip: f64, heart: f64) -> Vec<Petal> {
        let n = group.indicators.len().max(1);
        let r0 = heart * 0.55;
        let len = tip - r0;
        let widest = r0 + len * PetalShape::WIDEST;
        let half_width = (len * 0.3).min(0.9 * widest * (PI / n as f64).min(PI / 2.0).sin());
        let mut petals = Vec::new();
        for (pi, ind) in group.indicators.iter().enumerate() {
            let angle = -PI / 2.0 + 2.0 * PI * pi as f64 / n as f64;
            let shape = PetalShape { center, angle, r0, r1: tip, half_width };
            let shares = self.shares(&ind.id);
            let outline = shape.outline(0.0, 1.0);
            let pieces = self.petal_pieces(&ind.id, &shape, &shares, &outline);
            petals.push(Petal { indicator_id: ind.id.clone(), angle, shares, outline, pieces });
        }
        petals
    }

    /// The card under a flower: its name's lines and its count; returns the card.
    fn flower_card(&mut self, center: Point, rows: &FlowerRows, lines: &[String], caption: &str) -> Rect {
        let card_top = center.y + rows.tip + 10.0;
        let card = Rect::new(center.x - rows.slot * 0.45, card_top, rows.slot * 0.9, rows.card_h);
        self.fill(rounded_rect(card, 8.0), scenery::TAG);
        self.line(rounded_rect(card, 8.0), scenery::TAG_EDGE, 1.0, true);
        let block_h = lines.len() as f64 * LINE + LINE;
        let mut y = card_top + (rows.card_h - block_h) / 2.0 + LINE / 2.0;
        for l in lines {
            self.text(l.clone(), pt(center.x, y), CAPTION_SIZE, true, scenery::TEXT, Align::Middle);
            y += LINE;
        }
        self.text(caption.to_string(), pt(center.x, y), CAPTION_SIZE, false, scenery::TEXT_MUTED, Align::Middle);
        card
    }

    /// The box's rim, with each bar's name (its number in portrait) and count.
    fn rim(&mut self, bars: &[Bar], row: &BarRow, box_left: f64, box_right: f64) {
        let rim = Rect::new(box_left, row.rim_top, box_right - box_left, row.rim_h);
        self.fill(rounded_rect(rim, 5.0), scenery::WOOD_LIGHT);
        self.line(rounded_rect(rim, 5.0), scenery::WOOD_DARK, 1.5, true);
        for (bi, bar) in bars.iter().enumerate() {
            let caption = bar.caption.split(" · ").next().unwrap_or_default().to_string();
            let widest =
                row.labels[bi].iter().map(|l| text_width(l, 13.0, true)).chain([text_width(&caption, 13.0, false)]).fold(0.0, f64::max);
            let cx = row.centers[bi].clamp(box_left + 10.0 + widest / 2.0, box_right - 10.0 - widest / 2.0);
            let mut y = row.rim_top + 14.0;
            for l in &row.labels[bi] {
                self.text(l.clone(), pt(cx, y), 13.0, true, scenery::WOOD_TEXT, Align::Middle);
                y += 16.0;
            }
            if !self.portrait {
                self.text(caption, pt(cx, y), 13.0, false, scenery::WOOD_TEXT, Align::Middle);
            }
        }
    }

    /// The box's front under the rim, and the soil in it.
    fn box_front(&mut self, soil: &SoilPlan, box_left: f64, box_right: f64) {
        let (rim_bottom, box_bottom) = (soil.rim_bottom, soil.box_bottom());
        let body = vec![
            pt(box_left + 10.0, rim_bottom),
            pt(box_right - 10.0, rim_bottom),
            pt(box_right - 26.0, box_bottom),
            pt(box_left + 26.0, box_bottom),
        ];
        self.fill(body.clone(), scenery::WOOD);
        for gy in [rim_bottom + 6.0, box_bottom - 6.0] {
            self.line(vec![pt(box_left + 24.0, gy), pt(box_right - 24.0, gy)], scenery::WOOD_DARK.with_alpha(0.35), 1.0, false);
        }
        self.line(body, scenery::WOOD_DARK, 1.5, true);
        self.fill(rounded_rect(soil.rect, 10.0), scenery::SOIL);
    }

    /// The tiles in the soil, a block per group under its caption.
    fn tiles(&mut self, groups: &[(&Area, &Group)], soil: &SoilPlan, targets: &mut Vec<HitTarget>) -> Vec<Tile> {
        let mut tiles = Vec::new();
        let tiles_x0 = soil.rect.x + 18.0;
        let soil_top = soil.rect.y;
        for block in &soil.blocks {
            let (area, group) = groups[block.group];
            let bx = tiles_x0 + block.x;
            let used = block.cols as f64 * (block.size + block.gap) - block.gap;
            let tx = bx + ((block.w - used) / 2.0).max(0.0);
            let widest = block.caption.iter().map(|l| text_width(l, 13.0, true)).fold(0.0, f64::max);
            let cap_x = tx.min(bx + block.w - widest).max(bx);
            for (li, line) in block.caption.iter().enumerate() {
                self.text(line.clone(), pt(cap_x, soil_top + 20.0 + li as f64 * 16.0), 13.0, true, scenery::SOIL_TEXT, Align::Start);
            }
            for (ti, ind) in group.indicators.iter().enumerate() {
                let (col, row) = (ti % block.cols, ti / block.cols);
                let r = Rect::new(
                    tx + col as f64 * (block.size + block.gap),
                    soil_top + soil.caption_h + row as f64 * (block.size + block.gap),
                    block.size,
                    block.size,
                );
                let tile = self.tile(area, group, ind, r, block.size < 24.0);
                targets.push(HitTarget {
                    kind: TargetKind::Tile,
                    rect: r,
                    area_id: area.id.clone(),
                    group_id: group.id.clone(),
                    indicator_id: Some(ind.id.clone()),
                    name: ind.text.get(self.lang).to_string(),
                    group_name: group.title.get(self.lang).to_string(),
                    summary: self.indicator_summary(&tile.shares),
                });
                tiles.push(tile);
            }
        }
        tiles
    }

    /// One tile: a single tone for one assessment, the shares side by side for many.
    fn tile(&mut self, area: &Area, group: &Group, ind: &Indicator, r: Rect, small: bool) -> Tile {
        let shares = self.shares(&ind.id);
        let pieces = if self.aggregate {
            self.rect_pieces(r, &shares)
        } else {
            let tone = self.main_tone(&shares);
            vec![Piece { tone, share: 1.0, polygon: r.corners(), paint: self.palette.paint(tone) }]
        };
        for p in &pieces {
            self.paint_piece(p, FillRole::Indicator(ind.id.clone()), small);
        }
        if self.aggregate {
            self.line(r.corners(), scenery::SOIL_TEXT.with_alpha(0.7), 1.0, true);
        }
        Tile { area_id: area.id.clone(), group_id: group.id.clone(), indicator_id: ind.id.clone(), rect: r, shares, pieces }
    }

    /// Portrait: the bars' names and counts by the numbers on the rim, and the tile groups'
    /// names by their letters in the soil.
    fn names_under_box(&mut self, bars: &[Bar], soil: &SoilPlan, tile_names: &[&str], y: &mut f64) {
        let mut lines: Vec<String> = bars
            .iter()
            .enumerate()
            .map(|(bi, bar)| format!("{} {}: {}", bi + 1, bar.name, bar.caption.split(" · ").next().unwrap_or_default()))
            .collect();
        if soil.lettered {
            lines.extend(soil.letters.iter().zip(tile_names).map(|(letter, name)| format!("{letter} {name}")));
        }
        for line in &lines {
            for l in wrap(line, 13.0, false, self.width - 2.0 * MARGIN, 2) {
                self.text(l, pt(MARGIN, *y), 13.0, false, scenery::TEXT, Align::Start);
                *y += 18.0;
            }
        }
        if !bars.is_empty() || soil.lettered {
            *y += 14.0;
        }
    }

    /// For many results: "Andelar bland n = 12 resultat: …".
    fn aggregate_line(&mut self, y: &mut f64) {
        let lang = self.lang;
        if let Values::Aggregate(agg) = self.values {
            let mut line = format!("{} {} {}", words(lang).shares_among, n_is(agg.n, lang), words(lang).results);
            if let Some(label) = &agg.label {
                line.push_str(&format!(": {}", label.get(lang)));
            }
            self.text(line, pt(self.width / 2.0, *y), 14.0, true, scenery::TEXT, Align::Middle);
            *y += 28.0;
        }
    }

    /// The legend's swatches, in lines that fit (one line in landscape), each centred, from
    /// `y` down; `y` ends below the last line.
    fn legend_swatches(&mut self, y: &mut f64) -> Vec<LegendEntry> {
        let lang = self.lang;
        let reported = self.reported();
        let entries: Vec<(Tone, String)> = self
            .order
            .iter()
            .filter(|tone| !matches!(tone, Tone::Option(i) if !reported[*i]))
            .map(|&tone| {
                let label = match tone {
                    Tone::Option(i) => self.set.scale.options[i].label.get(lang).to_string(),
                    Tone::Unanswered => self.rest_label(),
                };
                (tone, label)
            })
            .collect();
        let (sw, sh, gap) = (34.0, 22.0, 30.0);
        // Entries in lines that fit (one line in landscape), each line centred.
        let entry_w = |l: &str| sw + 8.0 + text_width(l, 14.0, false);
        let mut lines: Vec<Vec<(Tone, String)>> = vec![Vec::new()];
        let mut used = 0.0;
        for (tone, label) in entries {
            let w = entry_w(&label);
            let current = lines.last_mut().expect("a line");
            if !current.is_empty() && used + gap + w > self.width - 2.0 * MARGIN {
                lines.push(vec![(tone, label)]);
                used = w;
            } else {
                used += if current.is_empty() { w } else { gap + w };
                current.push((tone, label));
            }
        }
        let mut legend = Vec::new();
        for (li, line) in lines.into_iter().enumerate() {
            if li > 0 {
                *y += 30.0;
            }
            let total_w: f64 = line.iter().map(|(_, l)| entry_w(l)).sum::<f64>() + gap * (line.len() as f64 - 1.0);
            let mut x = (self.width - total_w) / 2.0;
            for (tone, label) in line {
                let swatch = Rect::new(x, *y - sh / 2.0, sw, sh);
                let paint = self.palette.paint(tone);
                let piece = Piece { tone, share: 1.0, polygon: swatch.corners(), paint };
                self.paint_piece(&piece, FillRole::Decor, false);
                self.text(label.clone(), pt(x + sw + 8.0, *y), 14.0, false, scenery::TEXT, Align::Start);
                x += sw + 8.0 + text_width(&label, 14.0, false) + gap;
                legend.push(LegendEntry { tone, label, paint, swatch });
            }
        }
        legend
    }

    /// Which part of the picture is which area ("Blommorna: …"), one line if it fits.
    fn area_keys(&mut self, y: &mut f64) {
        let lang = self.lang;
        *y += 30.0;
        let keys: Vec<String> = [
            (AreaRole::Flowers, words(lang).flowers_key),
            (AreaRole::Bars, words(lang).bars_key),
            (AreaRole::Tiles, words(lang).tiles_key),
        ]
        .iter()
        .filter_map(|(role, key)| {
            let titles: Vec<&str> = self.set.areas.iter().filter(|a| a.role == *role).map(|a| a.title.get(lang)).collect();
            (!titles.is_empty()).then(|| format!("{key}: {}", titles.join(", ")))
        })
        .collect();
        // One line if it fits, else one line per key.
        let joined = keys.join("   ·   ");
        let key_lines = if text_width(&joined, 13.0, false) <= self.width - 2.0 * MARGIN {
            vec![joined]
        } else {
            keys.iter().flat_map(|k| wrap(k, 13.0, false, self.width - 2.0 * MARGIN, 2)).collect()
        };
        for l in key_lines {
            self.text(l, pt(self.width / 2.0, *y), 13.0, false, scenery::TEXT_MUTED, Align::Middle);
            *y += 20.0;
        }
    }

    /// The numbers beside the picture: a section per area with a row per group, and the total.
    fn numbers(&self) -> (Vec<TableSection>, Tally) {
        let lang = self.lang;
        let k = self.set.scale.options.len();
        let mut total = Tally::empty(k);
        let mut table = Vec::new();
        for area in &self.set.areas {
            let mut area_total = Tally::empty(k);
            let rows: Vec<TableRow> = area
                .groups
                .iter()
                .map(|g| {
                    let tally = self.tally(g);
                    area_total.add(&tally);
                    let shares = self.row(&tally);
                    TableRow { group_id: g.id.clone(), name: g.title.get(lang).to_string(), tally, shares }
                })
                .collect();
            total.add(&area_total);
            table.push(TableSection {
                area_id: area.id.clone(),
                title: area.title.get(lang).to_string(),
                role: area.role,
                rows,
                total_shares: self.row(&area_total),
                total: area_total,
            });
        }
        (table, total)
    }

    fn alt_text(&self, total: &Tally, table: &[TableSection]) -> String {
        let lang = self.lang;
        let w = words(lang);
        let mut s = String::from(w.picture);
        if let Some(h) = &self.options.heading {
            s.push_str(&format!(": {}", h.title));
            if let Some(sub) = &h.subtitle {
                s.push_str(&format!(", {sub}"));
            }
        }
        s.push_str(". ");
        if let Values::Aggregate(agg) = self.values {
            s.push_str(&format!("{} {} {}", w.shares_among, n_is(agg.n, lang), w.results));
            if let Some(label) = &agg.label {
                s.push_str(&format!(" ({})", label.get(lang)));
            }
            s.push_str(". ");
        }
        s.push_str(&format!("{} {} {}: {}.", w.total, integer(total.indicators.into(), lang), w.indicators, self.group_summary(total)));
        for section in table {
            let key = match section.role {
                AreaRole::Flowers => w.flowers_key,
                AreaRole::Bars => w.bars_key,
                AreaRole::Tiles => w.tiles_key,
            };
            let groups: Vec<String> = section.rows.iter().map(|r| format!("{} {}", r.name, self.caption(&r.tally))).collect();
            s.push_str(&format!(" {key} ({}): {}.", section.title, groups.join("; ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::language::text::Lang;
    use crate::sets::indicator_set::tests::sample;
    use crate::sets::indicator_set::Group;

    fn opts() -> Options {
        Options { lang: Lang::Sv, heading: Some(Heading { title: "Örebro kommun".into(), subtitle: Some("Värdering 2026".into()) }) }
    }

    #[test]
    fn one_petal_per_indicator_of_each_flower_group() {
        let set = sample();
        let a = new_assessment();
        let l = layout(&set, Values::Single(&a), &opts());
        let groups: Vec<&Group> = set.areas.iter().filter(|a| a.role == AreaRole::Flowers).flat_map(|a| &a.groups).collect();
        assert_eq!(l.flowers.len(), groups.len());
        for (f, g) in l.flowers.iter().zip(groups) {
            assert_eq!(f.group_id, g.id);
            let ids: Vec<&str> = f.petals.iter().map(|p| p.indicator_id.as_str()).collect();
            let expected: Vec<&str> = g.indicators.iter().map(|i| i.id.as_str()).collect();
            assert_eq!(ids, expected);
        }
    }

    #[test]
    fn petals_have_area_even_when_a_flower_has_one() {
        let set = sample();
        let l = layout(&set, Values::Single(&new_assessment()), &opts());
        assert_eq!(l.flowers[1].petals.len(), 1);
        for f in &l.flowers {
            let min = f.petals.iter().map(|p| geometry::area(&p.outline).abs()).fold(f64::INFINITY, f64::min);
            assert!(min > 300.0, "{} has a petal of area {min}", f.group_id);
        }
    }

    #[test]
    fn unanswered_assessment_draws_everything_grey() {
        let set = sample();
        let a = new_assessment();
        let l = layout(&set, Values::Single(&a), &opts());
        let grey = palette::unanswered_paint();
        let pieces = l
            .flowers
            .iter()
            .flat_map(|f| f.petals.iter().flat_map(|p| &p.pieces))
            .chain(l.bars.iter().flat_map(|b| &b.pieces))
            .chain(l.tiles.iter().flat_map(|t| &t.pieces));
        let mut count = 0;
        for p in pieces {
            assert_eq!(p.tone, Tone::Unanswered);
            assert_eq!(p.paint, grey);
            count += 1;
        }
        assert_eq!(count, set.indicator_count());
        assert_eq!(l.flowers[0].caption, "2 ej besvarade", "no share of nothing answered");
        for (_, _, color) in l.indicator_fills() {
            assert_eq!(color, palette::UNANSWERED_FILL);
        }
    }

    #[test]
    fn colours_follow_answers() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.skola.franvaro", Some("delvis"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.omsorg.larm", Some("inte"), Timestamp(1)).unwrap();
        a.answer(&set, "it.bredband", Some("helt"), Timestamp(1)).unwrap();
        let l = layout(&set, Values::Single(&a), &opts());
        let petal = |id: &str| l.flowers.iter().flat_map(|f| &f.petals).find(|p| p.indicator_id == id).unwrap();
        assert_eq!(petal("tjanster.skola.gymnasium").pieces[0].paint.fill, palette::GREEN);
        assert_eq!(petal("tjanster.skola.franvaro").pieces[0].paint.fill, palette::AMBER);
        assert_eq!(petal("tjanster.skola.franvaro").pieces[0].paint.pattern, Pattern::Hatch);
        assert_eq!(petal("tjanster.omsorg.larm").pieces[0].paint.fill, palette::RED);
        assert_eq!(petal("tjanster.omsorg.larm").pieces[0].paint.pattern, Pattern::Cross);
        let tile = l.tiles.iter().find(|t| t.indicator_id == "it.bredband").unwrap();
        assert_eq!(tile.pieces[0].paint.fill, palette::GREEN);
        assert_eq!(l.flowers[0].caption, "1 av 2 helt");
        assert_eq!(l.total.count(0), 2);
        assert!(l.alt_text.contains("Totalt 6 indikatorer: 2 av 4 helt, 1 delvis, 1 inte, 2 ej besvarade."), "{}", l.alt_text);
        // Hatch and cross lines are drawn for delvis and inte.
        let lines = l.prims.iter().filter(|p| matches!(p, Prim::Line { closed: false, .. })).count();
        assert!(lines > 10);
    }

    #[test]
    fn aggregate_shares_sum_to_one_everywhere() {
        let set = sample();
        let mut agg = Aggregate::default();
        for (i, answer) in [Some("helt"), Some("delvis"), None, Some("inte"), Some("helt")].into_iter().enumerate() {
            let mut a = new_assessment();
            for p in set.placed().skip(i % 3) {
                a.answer(&set, &p.indicator.id, answer, Timestamp(1)).unwrap();
            }
            agg.add(&set, &a);
        }
        let l = layout(&set, Values::Aggregate(&agg), &opts());
        assert_eq!(l.mode, Mode::Aggregate { n: 5, label: None });
        for s in l.flowers.iter().flat_map(|f| f.petals.iter().map(|p| &p.shares)).chain(l.tiles.iter().map(|t| &t.shares)) {
            assert!((s.sum() - 1.0).abs() < 1e-9, "{s:?}");
            assert_eq!(s.n, Some(5));
        }
        for t in l.flowers.iter().map(|f| &f.tally).chain(l.bars.iter().map(|b| &b.tally)).chain([&l.total]) {
            let sum: f64 = (0..3).map(|i| t.share(i)).sum::<f64>() + t.unanswered_share();
            assert!((sum - 1.0).abs() < 1e-9);
        }
        for p in l.flowers.iter().flat_map(|f| &f.petals) {
            let sum: f64 = p.pieces.iter().map(|x| x.share).sum();
            assert!((sum - 1.0).abs() < 0.02, "pieces cover the petal: {sum}");
        }
        assert!(l.flowers[0].caption.contains("n\u{a0}=\u{a0}5"), "{}", l.flowers[0].caption);
    }

    #[test]
    fn reference_view_of_the_2016_shares() {
        let set = sample();
        let agg = Aggregate::from_reference(&set).unwrap();
        let l = layout(&set, Values::Aggregate(&agg), &opts());
        let gym = l.flowers[0].petals.iter().find(|p| p.indicator_id == "tjanster.skola.gymnasium").unwrap();
        assert_eq!(gym.pieces[0].tone, Tone::Option(0));
        assert!((gym.pieces[0].share - 114.0 / 141.0).abs() < 1e-9);
        assert!(l.alt_text.contains("Riket 2016"), "{}", l.alt_text);
        // Indicators the report gives no share for are left out of the group's share.
        assert_eq!(l.flowers[0].caption, "81\u{a0}% helt · n\u{a0}=\u{a0}141");
        assert_eq!(l.flowers[0].tally.no_data, 1);
        // The report gives only "helt": the legend and the rest say so.
        assert_eq!(l.reported, vec![true, false, false]);
        assert_eq!(l.legend.len(), 2);
        assert_eq!(l.unanswered_label, "Övriga svar eller ingen uppgift");
    }

    #[test]
    fn targets_cover_flowers_bars_and_tiles_and_do_not_overlap_within_a_kind() {
        let set = sample();
        let a = new_assessment();
        let l = layout(&set, Values::Single(&a), &opts());
        let kinds: Vec<TargetKind> = l.targets.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, vec![TargetKind::Flower, TargetKind::Flower, TargetKind::Bar, TargetKind::Tile, TargetKind::Tile]);
        let c = l.flowers[1].center;
        assert_eq!(l.target_at(c).unwrap().group_id, "omsorg");
        for t in &l.targets {
            assert!(t.rect.x >= 0.0 && t.rect.right() <= l.width && t.rect.bottom() <= l.height, "{t:?}");
        }
        for (i, a) in l.targets.iter().enumerate() {
            for b in &l.targets[i + 1..] {
                let overlap =
                    a.rect.x < b.rect.right() && b.rect.x < a.rect.right() && a.rect.y < b.rect.bottom() && b.rect.y < a.rect.bottom();
                assert!(!(overlap && a.kind == b.kind), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn indicators_are_described_in_words() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "it.bredband", Some("delvis"), Timestamp(1)).unwrap();
        assert_eq!(describe_indicator(&set, Values::Single(&a), "it.bredband", Lang::Sv), "Uppfyller delvis");
        assert_eq!(describe_indicator(&set, Values::Single(&a), "it.tvafaktor", Lang::En), "Not answered");
        let agg = Aggregate::from_reference(&set).unwrap();
        let text = describe_indicator(&set, Values::Aggregate(&agg), "tjanster.skola.gymnasium", Lang::Sv);
        assert_eq!(text, "helt 81\u{a0}%, övriga svar eller ingen uppgift 19\u{a0}% (n\u{a0}=\u{a0}141)");
        assert_eq!(describe_indicator(&set, Values::Aggregate(&agg), "tjanster.skola.franvaro", Lang::Sv), "Ingen uppgift");
    }

    /// The eBlomlådan 2014 set: six flowers, seven bars, three tile groups.
    fn eblomlada() -> crate::sets::indicator_set::IndicatorSet {
        crate::sets::indicator_set::IndicatorSet::parse(include_str!("../../../../indicators/eblomlada/2014.json"), "2014.json").unwrap()
    }

    #[test]
    fn portrait_puts_six_flowers_in_two_rows_of_three_within_its_width() {
        let set = eblomlada();
        let a = new_assessment();
        let l = layout_portrait(&set, Values::Single(&a), &opts());
        assert_eq!(l.width, PORTRAIT_WIDTH);
        assert_eq!(l.flowers.len(), 6);
        let mut rows: Vec<f64> = l.flowers.iter().map(|f| f.center.y).collect();
        rows.dedup();
        assert_eq!(rows.len(), 2, "two rows");
        assert!(l.flowers[..3].iter().all(|f| f.center.y == rows[0]) && l.flowers[3..].iter().all(|f| f.center.y == rows[1]));
        // Nothing drawn or chosen outside the picture, no two flowers' or bars' areas overlap.
        for t in &l.targets {
            assert!(t.rect.x >= 0.0 && t.rect.right() <= l.width + 1e-9 && t.rect.bottom() <= l.height, "{t:?}");
        }
        for (i, a) in l.targets.iter().enumerate() {
            for b in &l.targets[i + 1..] {
                let overlap =
                    a.rect.x < b.rect.right() && b.rect.x < a.rect.right() && a.rect.y < b.rect.bottom() && b.rect.y < a.rect.bottom();
                assert!(!(overlap && a.kind == b.kind), "{a:?} overlaps {b:?}");
            }
        }
        for p in &l.prims {
            if let Prim::Text(label) = p {
                let w = text::text_width(&label.text, label.size, label.bold);
                let (left, right) = match label.align {
                    Align::Start => (label.at.x, label.at.x + w),
                    Align::Middle => (label.at.x - w / 2.0, label.at.x + w / 2.0),
                    Align::End => (label.at.x - w, label.at.x),
                };
                assert!(left >= 0.0 && right <= l.width, "{:?} runs outside ({left:.0}–{right:.0})", label.text);
            }
        }
        // The rim names the bars by number; their names and counts follow under the box.
        let texts: Vec<&str> = l.prims.iter().filter_map(|p| if let Prim::Text(t) = p { Some(t.text.as_str()) } else { None }).collect();
        assert!(texts.contains(&"1") && texts.contains(&"7"));
        assert!(texts.iter().any(|t| t.starts_with("1 Kommunövergripande")), "{texts:?}");
        // Same numbers and words as the landscape picture.
        let wide = layout(&set, Values::Single(&a), &opts());
        assert_eq!(l.table, wide.table);
        assert_eq!(l.alt_text, wide.alt_text);
        assert_eq!(l.targets.len(), wide.targets.len());
    }

    #[test]
    fn the_width_chooses_the_arrangement() {
        let set = eblomlada();
        let a = new_assessment();
        assert_eq!(layout_for_width(&set, Values::Single(&a), &opts(), 390.0).width, PORTRAIT_WIDTH);
        assert_eq!(layout_for_width(&set, Values::Single(&a), &opts(), 1000.0), layout(&set, Values::Single(&a), &opts()));
    }

    #[test]
    fn english_labels() {
        let set = sample();
        let a = new_assessment();
        let l = layout(&set, Values::Single(&a), &Options { lang: Lang::En, heading: None });
        assert_eq!(l.flowers[0].caption, "2 not answered");
        assert!(l.legend.iter().any(|e| e.label == "Not answered"));
    }

    #[test]
    fn not_relevant_is_drawn_apart_with_its_own_legend_entry_and_left_out_of_the_caption() {
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.skola.franvaro", Some("ej_relevant"), Timestamp(1)).unwrap();
        let l = layout(&set, Values::Single(&a), &opts());
        let petal = &l.flowers[0].petals[1];
        assert_eq!((petal.pieces[0].tone, petal.pieces[0].paint.pattern), (Tone::Option(3), Pattern::Level));
        assert_eq!(l.flowers[0].caption, "1 av 1 helt", "the indicator that does not apply is not counted against the kommun");
        let labels: Vec<&str> = l.legend.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, vec!["Uppfyller helt", "Uppfyller delvis", "Uppfyller inte", "Ej relevant för oss", "Ej besvarad"]);
        assert_eq!(l.legend[3].paint, palette::not_counted_paint());
        assert!(l.alt_text.contains("1 ej relevant för oss") || l.alt_text.to_lowercase().contains("ej relevant"), "{}", l.alt_text);
    }

    #[test]
    fn a_flowers_label_its_hover_text_and_its_table_row_give_the_same_numbers() {
        // Issue 21, observation 2: the label said "3 av 7 helt" and the hover text under it
        // "3 av 8 helt" (the one answered "ej relevant" was left out of one, not the other).
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.answer(&set, "tjanster.skola.franvaro", Some("ej_relevant"), Timestamp(1)).unwrap();
        let l = layout(&set, Values::Single(&a), &opts());
        let flower = &l.flowers[0];
        let hover = l.targets.iter().find(|t| t.group_id == flower.group_id && t.kind == TargetKind::Flower).unwrap();
        assert_eq!(flower.caption, "1 av 1 helt");
        assert!(hover.summary.starts_with(&flower.caption), "{} / {}", flower.caption, hover.summary);
        assert!(hover.summary.contains("1 ej relevant"), "{}", hover.summary);
        let row = l.table.iter().flat_map(|s| &s.rows).find(|r| r.group_id == flower.group_id).unwrap();
        assert_eq!((row.shares.count(0), row.shares.base, row.shares.percent(0)), (Some(1), 1, Some(100)));
        assert!(l.alt_text.contains(&format!("{} 1 av 1 helt", flower.name)), "{}", l.alt_text);
    }

    #[test]
    fn an_aggregates_caption_is_its_table_rows_percentage() {
        // Issue 21, observation 3: the picture said 48 % helt, the table under it 46 % (the
        // caption divided by every indicator with data, the table by the counted answers).
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let mut agg = Aggregate { n: 3, label: None, indicators: Default::default(), reported_keys: None };
        for (id, counts) in [
            ("tjanster.skola.gymnasium", vec![("helt", 2), ("ej_relevant", 1)]),
            ("tjanster.skola.franvaro", vec![("delvis", 1), ("helt", 1)]),
        ] {
            let counts = counts.into_iter().map(|(k, c)| (k.to_string(), c)).collect();
            agg.indicators.insert(id.to_string(), IndicatorShares { n: 3, counts });
        }
        let l = layout(&set, Values::Aggregate(&agg), &opts());
        let flower = &l.flowers[0];
        let row = l.table.iter().flat_map(|s| &s.rows).find(|r| r.group_id == flower.group_id).unwrap();
        // 3 helt, 1 delvis of 4 counted answers (1 ej relevant, 1 without an answer).
        assert_eq!((row.shares.base, row.shares.percent(0), row.shares.percent(1), row.shares.count(3)), (4, Some(75), Some(25), Some(1)));
        assert!(flower.caption.starts_with("75\u{a0}% helt"), "{}", flower.caption);
    }
}
