//! The target view of the flower box: every petal, bar cell and tile whose indicator has a
//! target gets an outline in the target's colour, drawn in the target's line style (solid for
//! the best option, dashed between, dotted for the worst, as the fills are solid, hatched and
//! cross-hatched), so that "now" and "target" stand side by side. A legend line explains the
//! outlines, the text alternative says how many targets there are and how many are above the
//! answer, and [`target_table`] gives the table beside the picture its target and gap columns.
//!
//! It works on a finished single-assessment [`Layout`] of any arrangement: it finds each
//! indicator's shape among the layout's fills, so the base drawing stays as it is.

use super::geometry::{pt, Point, Rect};
use super::palette::{scenery, Color, Palette, Pattern, Tone};
use super::text::text_width;
use super::{Align, FillRole, Label, Layout, Mode, Prim, WIDTH};
use crate::answers::assessment::Assessment;
use crate::answers::plan::{rank, target_options};
use crate::language::text::Lang;
use crate::plans::plan_view::{gap, Gap};
use crate::sets::indicator_set::{AreaRole, IndicatorSet};

/// Line width of a target outline, in layout units.
pub const OUTLINE_WIDTH: f64 = 3.2;

/// The line style of a target outline: the fill pattern's counterpart.
pub fn dash_of(pattern: Pattern) -> Option<(f64, f64)> {
    match pattern {
        Pattern::Solid => None,
        Pattern::Hatch => Some((8.0, 4.0)),
        _ => Some((2.5, 3.5)),
    }
}

/// Adds the target view to `layout` (one assessment's picture): outlines, a legend line and
/// the sentence about targets in the text alternative. A layout of many results is left as
/// it is (targets belong to one assessment).
pub fn add_targets(layout: &mut Layout, set: &IndicatorSet, assessment: &Assessment, lang: Lang) {
    if layout.mode != Mode::Single {
        return;
    }
    let palette = Palette::for_scale(&set.scale);
    let mut outlines: Vec<Prim> = Vec::new();
    let mut drawn = std::collections::HashSet::new();
    for prim in &layout.prims {
        let Prim::Fill { points, role: FillRole::Indicator(id), .. } = prim else { continue };
        if !drawn.insert(id.clone()) {
            continue;
        }
        let Some(target) = assessment.response(id).and_then(|r| r.plan.target.as_ref()) else { continue };
        let Some(index) = set.option_index(&target.answer).filter(|_| rank(set, &target.answer).is_some()) else { continue };
        let paint = palette.paint(Tone::Option(index));
        outlines.extend(styled_outline(points, target_ink(paint.edge), paint.pattern));
    }
    layout.prims.extend(outlines);

    // A legend line below everything: one swatch per option a target can be.
    let y = layout.height + 16.0;
    let heading = words(lang).legend;
    let entries: Vec<(usize, String)> =
        target_options(set).into_iter().map(|i| (i, set.scale.options[i].label.get(lang).to_string())).collect();
    let (sw, sh, gap_x) = (34.0, 22.0, 30.0);
    let total_w = text_width(heading, 14.0, true)
        + 12.0
        + entries.iter().map(|(_, l)| sw + 8.0 + text_width(l, 14.0, false)).sum::<f64>()
        + gap_x * (entries.len() as f64 - 1.0).max(0.0);
    let mut x = ((WIDTH - total_w) / 2.0).max(8.0);
    layout.prims.push(text(heading, pt(x, y), true));
    x += text_width(heading, 14.0, true) + 12.0;
    for (index, label) in entries {
        let paint = palette.paint(Tone::Option(index));
        let swatch = Rect::new(x, y - sh / 2.0, sw, sh);
        layout.prims.push(Prim::Fill { points: swatch.corners(), color: scenery::BACKGROUND, role: FillRole::Decor });
        layout.prims.extend(styled_outline(&swatch.corners(), target_ink(paint.edge), paint.pattern));
        layout.prims.push(text(&label, pt(x + sw + 8.0, y), false));
        x += sw + 8.0 + text_width(&label, 14.0, false) + gap_x;
    }
    layout.height = (y + sh / 2.0 + 14.0).ceil();
    if let Some(Prim::Fill { points, .. }) = layout.prims.first_mut() {
        *points = Rect::new(0.0, 0.0, WIDTH, layout.height).corners();
    }
    layout.alt_text.push(' ');
    layout.alt_text.push_str(&alt_sentence(set, assessment, lang));
}

fn text(s: &str, at: Point, bold: bool) -> Prim {
    Prim::Text(Label { text: s.to_string(), at, size: 14.0, bold, color: scenery::TEXT, align: Align::Start })
}

/// The light line under every target outline: the outlines are dark, and on the soil's dark
/// brown a dark outline alone could not be seen (issue 22). On the casing the outline keeps
/// ≥ 3:1 (WCAG 1.4.11), and the casing keeps it against every ground of the picture.
pub const CASING: Color = scenery::BACKGROUND;
const CASING_WIDTH: f64 = OUTLINE_WIDTH + 3.0;

/// A target's outline: its option's edge colour, darker, so that amber keeps 3:1 on the grass.
pub fn target_ink(edge: Color) -> Color {
    edge.darker(0.35)
}

/// The closed outline of `points` on its casing, solid or cut into dashes.
fn styled_outline(points: &[Point], color: Color, pattern: Pattern) -> Vec<Prim> {
    let mut ring: Vec<Point> = points.to_vec();
    if let Some(first) = points.first() {
        ring.push(*first);
    }
    let casing = Prim::Line { points: ring.clone(), color: CASING, width: CASING_WIDTH, closed: false };
    let lines = match dash_of(pattern) {
        None => vec![Prim::Line { points: ring, color, width: OUTLINE_WIDTH, closed: false }],
        Some((on, off)) => {
            dashes(&ring, on, off).into_iter().map(|d| Prim::Line { points: d, color, width: OUTLINE_WIDTH, closed: false }).collect()
        }
    };
    std::iter::once(casing).chain(lines).collect()
}

/// Cuts a polyline into dashes `on` long with gaps `off` long, measured along it.
fn dashes(line: &[Point], on: f64, off: f64) -> Vec<Vec<Point>> {
    let mut out = Vec::new();
    let mut current: Vec<Point> = Vec::new();
    let mut drawing = true;
    let mut left = on;
    for w in line.windows(2) {
        let (mut a, b) = (w[0], w[1]);
        let mut len = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
        while len > 1e-9 {
            let step = left.min(len);
            let t = step / len;
            let next = pt(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
            if drawing {
                if current.is_empty() {
                    current.push(a);
                }
                current.push(next);
            }
            left -= step;
            len -= step;
            a = next;
            if left <= 1e-9 {
                if drawing && current.len() > 1 {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
                drawing = !drawing;
                left = if drawing { on } else { off };
            }
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}

struct Words {
    legend: &'static str,
    targets: &'static str,
    of: &'static str,
    have_target: &'static str,
    above: &'static str,
    reached: &'static str,
    /// The forms for exactly one: "1 är nådd", "1 is reached".
    above_one: &'static str,
    reached_one: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Sv => Words {
            legend: "Mål (kontur):",
            targets: "Mål",
            of: "av",
            have_target: "indikatorer har ett mål",
            above: "ligger över nuvarande svar",
            reached: "är nådda",
            above_one: "ligger över nuvarande svar",
            reached_one: "är nådd",
        },
        Lang::En => Words {
            legend: "Target (outline):",
            targets: "Targets",
            of: "of",
            have_target: "indicators have a target",
            above: "are above the current answer",
            reached: "are reached",
            above_one: "is above the current answer",
            reached_one: "is reached",
        },
    }
}

/// "Mål: 12 av 40 indikatorer har ett mål; 9 ligger över nuvarande svar, 3 är nådda."
fn alt_sentence(set: &IndicatorSet, assessment: &Assessment, lang: Lang) -> String {
    let w = words(lang);
    let (mut with_target, mut open, mut reached) = (0, 0, 0);
    for p in set.placed() {
        match gap(set, assessment.response(&p.indicator.id)) {
            Gap::NoTarget => continue,
            Gap::Open { .. } => open += 1,
            Gap::Reached => reached += 1,
            Gap::NotRelevant => {}
        }
        with_target += 1;
    }
    format!(
        "{}: {with_target} {} {} {}; {open} {}, {reached} {}.",
        w.targets,
        w.of,
        set.indicator_count(),
        w.have_target,
        if open == 1 { w.above_one } else { w.above },
        if reached == 1 { w.reached_one } else { w.reached }
    )
}

/// One row of the table's target columns: a group of indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    pub area_id: String,
    pub group_id: String,
    pub name: String,
    pub role: AreaRole,
    pub indicators: u32,
    /// Per option of the scale (in its order): how many indicators have it as target.
    pub targets: Vec<u32>,
    pub with_target: u32,
    pub reached: u32,
    /// Targets above the answer: the gap.
    pub open: u32,
}

/// The target and gap columns of the table beside the picture, one row per group.
pub fn target_table(set: &IndicatorSet, assessment: &Assessment, lang: Lang) -> Vec<TargetRow> {
    let mut rows = Vec::new();
    for area in &set.areas {
        for group in &area.groups {
            let mut row = TargetRow {
                area_id: area.id.clone(),
                group_id: group.id.clone(),
                name: group.title.get(lang).to_string(),
                role: area.role,
                indicators: group.indicators.len() as u32,
                targets: vec![0; set.scale.options.len()],
                with_target: 0,
                reached: 0,
                open: 0,
            };
            for indicator in &group.indicators {
                let response = assessment.response(&indicator.id);
                let g = gap(set, response);
                if g == Gap::NoTarget {
                    continue;
                }
                row.with_target += 1;
                if let Some(i) = response.and_then(|r| r.plan.target.as_ref()).and_then(|t| set.option_index(&t.answer)) {
                    row.targets[i] += 1;
                }
                match g {
                    Gap::Reached => row.reached += 1,
                    Gap::Open { .. } => row.open += 1,
                    _ => {}
                }
            }
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::plan::PlanChange;
    use crate::answers::timestamp::Timestamp;
    use crate::flowerbox::{layout, Aggregate, Options, Values};
    use crate::sets::indicator_set::tests::sample_with_not_relevant;

    fn with_two_targets() -> (IndicatorSet, Assessment) {
        let set = sample_with_not_relevant();
        let mut a = new_assessment();
        let t = Timestamp(1);
        a.answer(&set, "tjanster.skola.gymnasium", Some("inte"), t).unwrap();
        a.change_plan(&set, "tjanster.skola.gymnasium", PlanChange::Target(Some("helt")), t).unwrap();
        a.answer(&set, "it.bredband", Some("helt"), t).unwrap();
        a.change_plan(&set, "it.bredband", PlanChange::Target(Some("delvis")), t).unwrap();
        (set, a)
    }

    fn outlines_in(layout: &Layout, from: usize, color: super::super::palette::Color) -> usize {
        layout.prims[from..]
            .iter()
            .filter(|p| matches!(p, Prim::Line { color: c, width, .. } if *c == color && *width == OUTLINE_WIDTH))
            .count()
    }

    #[test]
    fn each_target_is_an_outline_in_its_colour_and_line_style_with_a_legend_and_words() {
        let (set, a) = with_two_targets();
        let base = layout(&set, Values::Single(&a), &Options::default());
        let mut l = base.clone();
        add_targets(&mut l, &set, &a, Lang::Sv);
        let palette = Palette::for_scale(&set.scale);
        let helt = target_ink(palette.paint(Tone::Option(0)).edge);
        let delvis = target_ink(palette.paint(Tone::Option(1)).edge);
        let n = base.prims.len();
        assert_eq!(l.prims[1..n], base.prims[1..n], "the picture itself is unchanged (only the background grows)");
        // Helt is solid: one closed line around the petal, and one around its legend swatch,
        // each on its light casing.
        assert_eq!(outlines_in(&l, n, helt), 2);
        assert_eq!(outlines_in(&l, n, CASING), 0, "the casing is wider than an outline");
        let casings = l.prims[n..]
            .iter()
            .filter(|p| matches!(p, Prim::Line { color, width, .. } if *color == CASING && *width == CASING_WIDTH))
            .count();
        assert_eq!(casings, 5, "one casing per outline: the petal, the tile and the three legend swatches");
        // Delvis is dashed: many short lines around the tile and the swatch.
        assert!(outlines_in(&l, n, delvis) > 8);
        assert!(l.height > base.height, "room for the legend line");
        let texts: Vec<&str> =
            l.prims[n..].iter().filter_map(|p| if let Prim::Text(t) = p { Some(t.text.as_str()) } else { None }).collect();
        assert_eq!(texts, vec!["Mål (kontur):", "Uppfyller helt", "Uppfyller delvis", "Uppfyller inte"], "never \"ej relevant\"");
        assert!(l.alt_text.ends_with("Mål: 2 av 6 indikatorer har ett mål; 1 ligger över nuvarande svar, 1 är nådd."), "{}", l.alt_text);
    }

    #[test]
    fn many_results_have_no_targets_to_show() {
        let (set, a) = with_two_targets();
        let mut agg = Aggregate::default();
        agg.add(&set, &a);
        let before = layout(&set, Values::Aggregate(&agg), &Options::default());
        let mut after = before.clone();
        add_targets(&mut after, &set, &a, Lang::Sv);
        assert_eq!(after, before);
    }

    #[test]
    fn the_table_counts_targets_and_gaps_per_group() {
        let (set, a) = with_two_targets();
        let rows = target_table(&set, &a, Lang::Sv);
        let skola = rows.iter().find(|r| r.area_id == "tjanster" && r.group_id == "skola").unwrap();
        assert_eq!((skola.indicators, skola.with_target, skola.open, skola.reached, skola.targets.clone()), (2, 1, 1, 0, vec![1, 0, 0, 0]));
        let it = rows.iter().find(|r| r.area_id == "it").unwrap();
        assert_eq!((it.with_target, it.open, it.reached, it.targets.clone()), (1, 0, 1, vec![0, 1, 0, 0]));
    }

    #[test]
    fn every_target_outline_stands_out_three_to_one_on_every_ground() {
        // Issue 22, point 4: the outlines on the soil's tiles could not be seen (a dark edge on
        // dark brown, about 1.1:1). What meets the ground is the casing (or, with none, the
        // outline); the outline meets the casing.
        let set = crate::sets::indicator_set::tests::sample_with_not_relevant();
        let palette = Palette::for_scale(&set.scale);
        // What an indicator's shape sits on: petals on the page, bars in their white track over
        // the grass, tiles on the soil (no shape touches the box's planks).
        let grounds = [scenery::SOIL, scenery::BACKGROUND, scenery::GRASS, scenery::TRACK];
        for index in target_options(&set) {
            let paint = palette.paint(Tone::Option(index));
            let prims = styled_outline(&[pt(0.0, 0.0), pt(10.0, 0.0), pt(10.0, 10.0)], target_ink(paint.edge), paint.pattern);
            let colors: Vec<(Color, f64)> =
                prims.iter().filter_map(|p| if let Prim::Line { color, width, .. } = p { Some((*color, *width)) } else { None }).collect();
            let (outer, outline) = (colors[0], colors[colors.len() - 1]);
            assert!(outer.1 > outline.1, "the outermost line is the widest: it meets the ground");
            for ground in grounds {
                let ratio = outer.0.contrast_ratio(&ground).max(if outer.0 == outline.0 { 0.0 } else { outline.0.contrast_ratio(&ground) });
                assert!(ratio >= 3.0, "option {index} on {ground:?}: {ratio:.2}");
            }
            if outer.0 != outline.0 {
                assert!(outline.0.contrast_ratio(&outer.0) >= 3.0, "option {index}: outline on its casing");
            }
        }
        assert!((Color::rgb(0, 0, 0).contrast_ratio(&Color::rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn dashes_follow_the_line() {
        let square = [pt(0.0, 0.0), pt(10.0, 0.0), pt(10.0, 10.0)];
        let d = dashes(&square, 4.0, 2.0);
        assert_eq!(d[0], vec![pt(0.0, 0.0), pt(4.0, 0.0)]);
        assert_eq!(d[1], vec![pt(6.0, 0.0), pt(10.0, 0.0)]);
        assert_eq!(d[2], vec![pt(10.0, 2.0), pt(10.0, 6.0)]);
        assert_eq!(d.len(), 4);
    }
}
