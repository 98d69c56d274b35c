//! Draws Blomlådan's flower box with plotters.
//!
//! All geometry is decided in `blomlada_domain::flowerbox`; [`draw`] is the one drawing
//! function and only walks the layout's primitives, scaled to the backend's size. The web app
//! calls it with plotters-canvas's `CanvasBackend`; [`to_svg`] calls it with plotters' SVG
//! backend for export and print.
#![forbid(unsafe_code)]

use blomlada_domain::flowerbox::{Align, Color, Layout, Point, Prim};
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
    let (w, h) = root.dim_in_pixel();
    let scale = (f64::from(w) / layout.width).min(f64::from(h) / layout.height);
    let dx = (f64::from(w) - layout.width * scale) / 2.0;
    let dy = (f64::from(h) - layout.height * scale) / 2.0;
    let map = |p: &Point| -> (i32, i32) { ((p.x * scale + dx).round() as i32, (p.y * scale + dy).round() as i32) };

    root.fill(&WHITE)?;
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
    root.present()?;
    Ok(())
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
