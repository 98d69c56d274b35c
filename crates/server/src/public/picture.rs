//! The flower box for the public pages and the embeddable picture: the domain's layout drawn
//! by `blomlada-flowerbox`'s one drawing function, as SVG (plotters' SVG backend) or PNG
//! (plotters' bitmap backend with DejaVu Sans embedded, so no system font is needed).

use std::sync::Once;

use blomlada_domain::flowerbox::{layout, layout_portrait, Heading, Layout, Options, Values};
use blomlada_domain::{IndicatorSet, Lang};
use blomlada_flowerbox::plotters::prelude::*;

/// The layout of one picture, in the landscape arrangement the app shows on wide screens.
pub fn flower_layout(set: &IndicatorSet, values: Values<'_>, lang: Lang, heading: Option<Heading>) -> Layout {
    layout(set, values, &Options { lang, heading })
}

/// The same picture in the portrait arrangement, for narrow screens.
pub fn flower_layout_narrow(set: &IndicatorSet, values: Values<'_>, lang: Lang, heading: Option<Heading>) -> Layout {
    layout_portrait(set, values, &Options { lang, heading })
}

/// The picture as a standalone SVG file (for download and embedding).
pub fn svg_file(layout: &Layout) -> String {
    blomlada_flowerbox::svg(layout)
}

static FONTS: Once = Once::new();

fn register_fonts() {
    FONTS.call_once(|| {
        let family = blomlada_flowerbox::FONT_FAMILY;
        if blomlada_flowerbox::plotters::style::register_font(family, FontStyle::Normal, dejavu::sans::regular()).is_err()
            || blomlada_flowerbox::plotters::style::register_font(family, FontStyle::Bold, dejavu::sans::bold()).is_err()
        {
            tracing::error!("the embedded DejaVu font could not be read; PNG pictures will lack text");
        }
    });
}

/// The picture as a PNG `scale` times the layout's size (1.0: 1200 px wide).
pub fn png(layout: &Layout, scale: f64) -> Result<Vec<u8>, String> {
    register_fonts();
    let (w, h) = ((layout.width * scale).round() as u32, (layout.height * scale).ceil() as u32);
    let mut rgb = vec![255u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        blomlada_flowerbox::draw(&root, layout).map_err(|e| format!("drawing the PNG failed: {e}"))?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Best);
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
