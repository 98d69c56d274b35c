//! Draws Blomlådan's flower box with plotters.
//!
//! All geometry is decided in `blomlada_domain::flowerbox`; [`draw`] is the one drawing
//! function and only walks the layout's primitives, scaled to the backend's size. The web app
//! calls it with plotters-canvas's `CanvasBackend`; [`to_svg`] calls it with plotters' SVG
//! backend for export and print.
#![forbid(unsafe_code)]

use blomlada_domain::flowerbox::{Align, Color, Layout, Point, Prim, Rect};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use blomlada_domain::flowerbox;
/// The plotters this crate draws with, for callers that make their own backend (the canvas).
pub use plotters;

/// The font family of every label; the same on canvas and in SVG.
pub const FONT_FAMILY: &str = "sans-serif";

/// Draws `layout` scaled to fit `root` (keeping its proportions, centred).
pub fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, layout: &Layout) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_with_font_scale(root, layout, 1.0)
}

/// [`draw`] with text sizes multiplied by `font_scale`: plotters' SVG backend writes a font
/// size of `size / 1.24` while the canvas backend writes `size` px, so SVG export passes 1.24
/// to look the same as the screen.
pub fn draw_with_font_scale<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    font_scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    draw_prims(root, layout, font_scale)?;
    root.present()?;
    Ok(())
}

/// Draws the layout's primitives, in order, over what is there.
fn draw_prims<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    font_scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (scale, dx, dy) = fit(layout, root.dim_in_pixel());
    let map = |p: &Point| -> (i32, i32) { ((p.x * scale + dx).round() as i32, (p.y * scale + dy).round() as i32) };

    for prim in &layout.prims {
        match prim {
            Prim::Fill { points, color, .. } => {
                let pts: Vec<(i32, i32)> = points.iter().map(map).collect();
                root.draw(&Polygon::new(pts, ShapeStyle { color: rgba(*color), filled: true, stroke_width: 0 }))?;
            }
            Prim::Line { points, color, width, closed } => {
                let mut pts: Vec<(i32, i32)> = points.iter().map(map).collect();
                if *closed {
                    if let Some(first) = pts.first().copied() {
                        pts.push(first);
                    }
                }
                let stroke_width = (width * scale).round().max(1.0) as u32;
                root.draw(&PathElement::new(pts, ShapeStyle { color: rgba(*color), filled: false, stroke_width }))?;
            }
            Prim::Text(label) => {
                let size = label.size * scale * font_scale;
                let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), size, if label.bold { FontStyle::Bold } else { FontStyle::Normal });
                let h_pos = match label.align {
                    Align::Start => HPos::Left,
                    Align::Middle => HPos::Center,
                    Align::End => HPos::Right,
                };
                let color = rgba(label.color);
                let style = TextStyle::from(font).color(&color).pos(Pos::new(h_pos, VPos::Center));
                root.draw(&Text::new(label.text.clone(), map(&label.at), style))?;
            }
        }
    }
    Ok(())
}

/// What must be redrawn to go from one picture to the next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Redraw {
    /// Nothing drawn differs.
    Nothing,
    /// Only this rectangle (layout units) differs: repaint it (see [`draw_region`]).
    Region(Rect),
    /// The picture changed shape (size, number or kind of primitives): draw it all.
    Whole,
}

/// Compares two layouts primitive by primitive. An answer changes the colour (and pattern) of
/// one petal, bar or tile and the captions that count it; the box, soil, grass, labels and
/// legend stay, and are not redrawn. Primitives are compared in drawing order: past the common
/// beginning and end, each one that the other layout does not have counts.
pub fn redraw_between(old: &Layout, new: &Layout) -> Redraw {
    if old.width != new.width || old.height != new.height {
        return Redraw::Whole;
    }
    let (a, b) = (&old.prims, &new.prims);
    let mut region: Option<Rect> = None;
    let mut add = |p: &Prim| {
        let r = bounds(p);
        region = Some(region.map_or(r, |u| union(u, r)));
    };
    // Walk both in step; where they part, find the nearest point where they meet again (an
    // answer adds or removes a few pattern strokes), and count what lies between as changed.
    const LOOKAHEAD: usize = 16;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let resync = (1..=LOOKAHEAD).find_map(|d| {
            (0..=d).find_map(|k| {
                let (di, dj) = (k, d - k);
                (i + di < a.len() && j + dj < b.len() && a[i + di] == b[j + dj]).then_some((di, dj))
            })
        });
        let (di, dj) = resync.unwrap_or((1, 1));
        a[i..i + di].iter().for_each(&mut add);
        b[j..j + dj].iter().for_each(&mut add);
        i += di;
        j += dj;
    }
    a[i..].iter().chain(&b[j..]).for_each(&mut add);
    match region {
        None => Redraw::Nothing,
        // A change over much of the picture (a new language) is drawn whole.
        Some(r) if r.w * r.h > old.width * old.height / 2.0 => Redraw::Whole,
        Some(r) => Redraw::Region(r),
    }
}

/// The pixel rectangle `(x, y, w, h)` that `region` (layout units) covers when the layout is
/// drawn into `size` pixels by [`draw`], rounded outwards and kept inside.
pub fn pixel_rect(layout: &Layout, size: (u32, u32), region: Rect) -> (i32, i32, i32, i32) {
    let (scale, dx, dy) = fit(layout, size);
    let x0 = ((region.x * scale + dx).floor() as i32).max(0);
    let y0 = ((region.y * scale + dy).floor() as i32).max(0);
    let x1 = (((region.x + region.w) * scale + dx).ceil() as i32).min(size.0 as i32);
    let y1 = (((region.y + region.h) * scale + dy).ceil() as i32).min(size.1 as i32);
    (x0, y0, (x1 - x0).max(0), (y1 - y0).max(0))
}

/// Repaints `region` of a picture [`draw`] made before: clears it and draws, in order, every
/// primitive that reaches into it. The caller clips the backend to [`pixel_rect`] (the
/// primitives are drawn whole), so the rest of the picture is left as it was.
pub fn draw_region<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &Layout,
    region: Rect,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, y, w, h) = pixel_rect(layout, root.dim_in_pixel(), region);
    root.draw(&Rectangle::new(
        [(x, y), (x + w, y + h)],
        ShapeStyle { color: RGBAColor(255, 255, 255, 1.0), filled: true, stroke_width: 0 },
    ))?;
    let mut only = layout.clone();
    only.prims.retain(|p| overlaps(bounds(p), region));
    draw_prims(root, &only, 1.0)?;
    root.present()?;
    Ok(())
}

fn fit(layout: &Layout, (w, h): (u32, u32)) -> (f64, f64, f64) {
    let scale = (f64::from(w) / layout.width).min(f64::from(h) / layout.height);
    let dx = (f64::from(w) - layout.width * scale) / 2.0;
    let dy = (f64::from(h) - layout.height * scale) / 2.0;
    (scale, dx, dy)
}

/// A primitive's extent in layout units, generous for text (whose width only the font knows)
/// and for line widths and anti-aliasing.
fn bounds(prim: &Prim) -> Rect {
    let of_points = |points: &[Point], pad: f64| {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        if points.is_empty() {
            return Rect::new(0.0, 0.0, 0.0, 0.0);
        }
        Rect::new(x0 - pad, y0 - pad, x1 - x0 + 2.0 * pad, y1 - y0 + 2.0 * pad)
    };
    match prim {
        Prim::Fill { points, .. } => of_points(points, 2.0),
        Prim::Line { points, width, .. } => of_points(points, width + 2.0),
        Prim::Text(label) => {
            let width = label.text.chars().count() as f64 * label.size * if label.bold { 0.75 } else { 0.7 } + 4.0;
            let height = label.size * 1.5 + 4.0;
            let x = match label.align {
                Align::Start => label.at.x - 2.0,
                Align::Middle => label.at.x - width / 2.0,
                Align::End => label.at.x - width + 2.0,
            };
            Rect::new(x, label.at.y - height / 2.0, width, height)
        }
    }
}

fn union(a: Rect, b: Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Rect::new(x, y, (a.x + a.w).max(b.x + b.w) - x, (a.y + a.h).max(b.y + b.h) - y)
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn rgba(c: Color) -> RGBAColor {
    RGBAColor(c.r, c.g, c.b, c.a)
}

/// The layout as a standalone SVG document shown at `width`×`height` (drawn at twice that
/// resolution for finer lines), with a `<title>` and a `<desc>` holding the text alternative.
pub fn to_svg(layout: &Layout, width: u32, height: u32) -> String {
    let (w2, h2) = (width * 2, height * 2);
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (w2, h2)).into_drawing_area();
        // Writing to a String cannot fail.
        let _ = draw_with_font_scale(&root, layout, 1.24);
    }
    let open = format!(r#"<svg width="{w2}" height="{h2}" viewBox="0 0 {w2} {h2}" xmlns="http://www.w3.org/2000/svg">"#);
    let title = layout
        .prims
        .iter()
        .find_map(|p| match p {
            Prim::Text(l) if l.bold && l.size >= 20.0 => Some(l.text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "Blomlåda".to_string());
    let replacement = format!(
        r#"<svg width="{width}" height="{height}" viewBox="0 0 {w2} {h2}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="fb-title fb-desc">
<title id="fb-title">{}</title>
<desc id="fb-desc">{}</desc>"#,
        escape(&title),
        escape(&layout.alt_text)
    );
    if buf.contains(&open) {
        buf.replacen(&open, &replacement, 1)
    } else {
        buf
    }
}

/// [`to_svg`] at the layout's own size.
pub fn svg(layout: &Layout) -> String {
    to_svg(layout, layout.width.round() as u32, layout.height.ceil() as u32)
}

/// Characters a `data:image/svg+xml` URL must escape: all but letters, digits and the marks
/// that are safe inside an attribute value and a URL (`"`, `<`, `>`, `#`, `%` and spaces are not).
const DATA_URL_ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/')
    .remove(b':')
    .remove(b'=')
    .remove(b',')
    .remove(b';')
    .remove(b'(')
    .remove(b')')
    .remove(b'\'')
    .remove(b'!')
    .remove(b'*');

/// An SVG document as a `data:` URL for an `<img src>` (the report and the plan show the flower
/// box as an image, so it prints and copies like one).
pub fn svg_data_url(svg: &str) -> String {
    format!("data:image/svg+xml;charset=utf-8,{}", utf8_percent_encode(svg, DATA_URL_ESCAPED))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_url_escapes_what_would_end_the_attribute_or_the_url_and_keeps_the_rest() {
        let url = svg_data_url(r##"<svg a="1"><text>Å 50 % #1</text></svg>"##);
        assert_eq!(url, "data:image/svg+xml;charset=utf-8,%3Csvg%20a=%221%22%3E%3Ctext%3E%C3%85%2050%20%25%20%231%3C/text%3E%3C/svg%3E");
        let decoded =
            percent_encoding::percent_decode_str(url.trim_start_matches("data:image/svg+xml;charset=utf-8,")).decode_utf8().unwrap();
        assert_eq!(decoded, r##"<svg a="1"><text>Å 50 % #1</text></svg>"##);
    }
}
