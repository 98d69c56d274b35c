//! The 2D canvas's clip region, so a repaint of one part of the flower box leaves the rest of
//! the canvas untouched.

use wasm_bindgen::JsCast;

/// Runs `draw` with the canvas's drawing clipped to the pixel rectangle `(x, y, w, h)`.
pub fn with_clip<R>(canvas: &web_sys::HtmlCanvasElement, (x, y, w, h): (i32, i32, i32, i32), draw: impl FnOnce() -> R) -> R {
    let context = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    if let Some(ctx) = &context {
        ctx.save();
        ctx.begin_path();
        ctx.rect(f64::from(x), f64::from(y), f64::from(w), f64::from(h));
        ctx.clip();
    }
    let result = draw();
    if let Some(ctx) = &context {
        ctx.restore();
    }
    result
}
