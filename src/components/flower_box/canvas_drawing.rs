//! Drawing the layout on the canvas when it changes: the whole picture the first time and when
//! its shape changes, otherwise only the region that differs (an answer repaints its petal, bar
//! or tile and the captions counting it; box, labels and legend stay).

use std::sync::Arc;

use blomlada_domain::flowerbox::Layout;
use blomlada_flowerbox::plotters::prelude::IntoDrawingArea;
use blomlada_flowerbox::Redraw;
use leptos::html;
use leptos::prelude::*;

/// The canvas backing store is at least twice the layout size, so the picture stays sharp on
/// high-density displays, when zoomed and when printed.
fn backing_scale() -> f64 {
    crate::browser::document::device_pixel_ratio().clamp(2.0, 3.0)
}

/// Keeps the canvas drawn; the signal counts the draws (tests and benchmarks wait on it).
pub(super) fn draw_on_change(laid_out: Memo<Arc<Layout>>, canvas_ref: NodeRef<html::Canvas>) -> RwSignal<u32> {
    let drawn = RwSignal::new(0u32);
    let on_canvas = StoredValue::new(None::<(Arc<Layout>, (u32, u32))>);
    Effect::new(move |_| {
        let l = laid_out.get();
        let Some(canvas) = canvas_ref.get() else { return };
        let scale = backing_scale();
        let size = ((l.width * scale).round() as u32, (l.height * scale).round() as u32);
        let redraw = on_canvas.with_value(|before| match before {
            Some((old, old_size)) if *old_size == size && canvas.width() == size.0 => blomlada_flowerbox::redraw_between(old, &l),
            _ => Redraw::Whole,
        });
        let ok = match redraw {
            Redraw::Nothing => false,
            Redraw::Region(region) => {
                let pixels = blomlada_flowerbox::pixel_rect(&l, size, region);
                crate::browser::canvas::with_clip(&canvas, pixels, || {
                    plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
                        .is_some_and(|backend| blomlada_flowerbox::draw_region(&backend.into_drawing_area(), &l, region).is_ok())
                })
            }
            Redraw::Whole => {
                canvas.set_width(size.0);
                canvas.set_height(size.1);
                plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone())
                    .is_some_and(|backend| blomlada_flowerbox::draw(&backend.into_drawing_area(), &l).is_ok())
            }
        };
        on_canvas.set_value(Some((l, size)));
        if ok {
            drawn.update(|n| *n += 1);
        }
    });
    drawn
}
