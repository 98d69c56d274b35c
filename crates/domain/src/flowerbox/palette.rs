//! Colours and patterns. Colour is never the only code: every answer option also has its own
//! pattern (solid, hatched, cross-hatched) and "not answered" is an outline on a pale fill.

use crate::sets::indicator_set::Scale;

/// An sRGB colour with opacity 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f64,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 1.0 }
    }

    pub const fn with_alpha(self, a: f64) -> Color {
        Color { a, ..self }
    }

    /// WCAG 2.1's relative luminance (opacity left out).
    pub fn luminance(&self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// WCAG 2.1's contrast ratio, 1–21 (non-text contrast, 1.4.11, asks 3:1).
    pub fn contrast_ratio(&self, other: &Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `#rrggbb` (opacity left out), as CSS and SVG write it.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The colour a share `t` (0–1) of the way to black.
    pub fn darker(self, t: f64) -> Color {
        self.mix(Color::rgb(0, 0, 0), t)
    }

    fn mix(self, other: Color, t: f64) -> Color {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Color { r: m(self.r, other.r), g: m(self.g, other.g), b: m(self.b, other.b), a: 1.0 }
    }
}

/// The second code beside colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// The best option (helt): plain fill.
    Solid,
    /// Options between best and worst (delvis): diagonal lines.
    Hatch,
    /// The worst option (inte): crossed diagonal lines.
    Cross,
    /// Not answered / no data: pale fill with an outline only.
    Outline,
    /// An answer that does not count ("Ej relevant för oss"): horizontal lines on blue-grey,
    /// unlike every answer on the scale's order.
    Level,
}

/// How a shape is painted: fill, the pattern's line colour, and the edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub fill: Color,
    pub pattern: Pattern,
    pub ink: Color,
    pub edge: Color,
}

/// Which answer a shape (or a part of it) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tone {
    /// The option at this index of the set's scale.
    Option(usize),
    Unanswered,
}

pub const GREEN: Color = Color::rgb(0x2e, 0x7d, 0x32);
pub const AMBER: Color = Color::rgb(0xf5, 0xb0, 0x1a);
pub const RED: Color = Color::rgb(0xc6, 0x28, 0x28);
pub const UNANSWERED_FILL: Color = Color::rgb(0xf4, 0xf4, 0xf2);
pub const UNANSWERED_EDGE: Color = Color::rgb(0x8a, 0x8a, 0x8a);
pub const NOT_COUNTED_FILL: Color = Color::rgb(0xc3, 0xd3, 0xe6);
pub const NOT_COUNTED_INK: Color = Color::rgb(0x3b, 0x55, 0x7a);

/// Colours of the scenery: sky, wood, soil, stems.
pub mod scenery {
    use super::Color;
    pub const BACKGROUND: Color = Color::rgb(0xff, 0xff, 0xff);
    pub const TEXT: Color = Color::rgb(0x1f, 0x1f, 0x1f);
    pub const TEXT_MUTED: Color = Color::rgb(0x4a, 0x4a, 0x4a);
    pub const WOOD: Color = Color::rgb(0xc8, 0x9b, 0x64);
    pub const WOOD_LIGHT: Color = Color::rgb(0xe2, 0xc2, 0x96);
    pub const WOOD_DARK: Color = Color::rgb(0x7a, 0x52, 0x2c);
    pub const WOOD_TEXT: Color = Color::rgb(0x2b, 0x1a, 0x0c);
    pub const SOIL: Color = Color::rgb(0x4e, 0x34, 0x25);
    pub const SOIL_TEXT: Color = Color::rgb(0xf7, 0xec, 0xde);
    pub const STEM: Color = Color::rgb(0x4f, 0x7f, 0x2a);
    pub const LEAF: Color = Color::rgb(0x7c, 0xae, 0x45);
    pub const GRASS: Color = Color::rgb(0x9c, 0xc7, 0x5e);
    pub const HEART: Color = Color::rgb(0xf6, 0xd3, 0x5b);
    pub const HEART_EDGE: Color = Color::rgb(0xa8, 0x7a, 0x12);
    pub const TAG: Color = Color::rgb(0xff, 0xff, 0xff);
    pub const TAG_EDGE: Color = Color::rgb(0xb8, 0xb8, 0xb0);
    pub const TRACK: Color = Color::rgb(0xff, 0xff, 0xff);
}

/// The paints for one set's scale: one per option (in the scale's order) plus unanswered.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub options: Vec<Paint>,
    pub unanswered: Paint,
}

impl Palette {
    /// Green for the best score, amber in the middle, red for the worst; the best option is
    /// solid, the worst cross-hatched, all between hatched. Works for 3-step and other scales.
    /// An option that does not count is blue-grey with horizontal lines.
    pub fn for_scale(scale: &Scale) -> Palette {
        let counted = || scale.options.iter().filter(|o| o.counts).map(|o| o.score);
        let best = counted().fold(f64::NEG_INFINITY, f64::max);
        let worst = counted().fold(f64::INFINITY, f64::min);
        let options = scale
            .options
            .iter()
            .map(|option| {
                let score = option.score;
                if !option.counts {
                    return not_counted_paint();
                }
                let fill = if score >= 0.5 { AMBER.mix(GREEN, (score - 0.5) * 2.0) } else { RED.mix(AMBER, score * 2.0) };
                let pattern = if score == best {
                    Pattern::Solid
                } else if score == worst {
                    Pattern::Cross
                } else {
                    Pattern::Hatch
                };
                let ink = match pattern {
                    Pattern::Cross => Color::rgb(0xff, 0xff, 0xff).with_alpha(0.85),
                    _ => Color::rgb(0x5c, 0x3b, 0x00).with_alpha(0.8),
                };
                let edge = fill.mix(Color::rgb(0, 0, 0), 0.45);
                Paint { fill, pattern, ink, edge }
            })
            .collect();
        Palette { options, unanswered: unanswered_paint() }
    }

    pub fn paint(&self, tone: Tone) -> Paint {
        match tone {
            Tone::Option(i) => self.options.get(i).copied().unwrap_or(self.unanswered),
            Tone::Unanswered => self.unanswered,
        }
    }
}

pub fn not_counted_paint() -> Paint {
    Paint { fill: NOT_COUNTED_FILL, pattern: Pattern::Level, ink: NOT_COUNTED_INK.with_alpha(0.8), edge: NOT_COUNTED_INK }
}

pub fn unanswered_paint() -> Paint {
    Paint { fill: UNANSWERED_FILL, pattern: Pattern::Outline, ink: UNANSWERED_EDGE, edge: UNANSWERED_EDGE }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn three_step_scale_is_green_amber_red_with_distinct_patterns() {
        let p = Palette::for_scale(&sample().scale);
        assert_eq!(p.options[0].fill, GREEN);
        assert_eq!(p.options[1].fill, AMBER);
        assert_eq!(p.options[2].fill, RED);
        let patterns: Vec<Pattern> = p.options.iter().map(|o| o.pattern).chain([p.unanswered.pattern]).collect();
        assert_eq!(patterns, vec![Pattern::Solid, Pattern::Hatch, Pattern::Cross, Pattern::Outline]);
    }

    #[test]
    fn an_answer_that_does_not_count_has_its_own_paint_and_leaves_the_others_as_they_were() {
        let p = Palette::for_scale(&crate::sets::indicator_set::tests::sample_with_not_relevant().scale);
        let patterns: Vec<Pattern> = p.options.iter().map(|o| o.pattern).collect();
        assert_eq!(patterns, vec![Pattern::Solid, Pattern::Hatch, Pattern::Cross, Pattern::Level]);
        assert_eq!((p.options[2].fill, p.options[3].fill), (RED, NOT_COUNTED_FILL), "score 0 but not \"inte\"");
    }
}
