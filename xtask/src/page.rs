//! index.html: the source file names what to build with Trunk's `<link data-trunk …>` tags (so
//! the same file still works with `trunk serve` for live reloading); the built file has each
//! tag replaced by what the browser needs: the module's preloads and loader, the hashed
//! stylesheet, nothing for copied files. Everything else in the file is kept byte for byte
//! (the first paint, and any inline script, whose hash the server puts in its CSP).

use anyhow::{Context, Result};

use crate::chunks::ModuleNames;

/// One `<link data-trunk …>` tag: where it stands in the file and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct TrunkLink {
    pub start: usize,
    pub end: usize,
    pub rel: String,
    pub attrs: Vec<(String, String)>,
}

impl TrunkLink {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn required(&self, name: &str) -> Result<&str> {
        self.attr(name).with_context(|| format!("index.html: <link data-trunk rel=\"{}\"> has no {name}", self.rel))
    }
}

/// What replaces a tag in the built file.
pub enum Output {
    Module(ModuleNames),
    Stylesheet(String),
    Nothing,
}

/// Every `<link … data-trunk …>` in `html`, in order.
pub fn trunk_links(html: &str) -> Result<Vec<TrunkLink>> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = lower[from..].find("<link").map(|i| i + from) {
        let end = lower[start..].find('>').map(|i| i + start + 1).context("index.html: a <link> tag is not closed")?;
        let attrs = attributes(&html[start + "<link".len()..end - 1]);
        if attrs.iter().any(|(n, _)| n == "data-trunk") {
            let rel = attrs.iter().find(|(n, _)| n == "rel").map(|(_, v)| v.clone()).context("index.html: a data-trunk link has no rel")?;
            found.push(TrunkLink { start, end, rel, attrs });
        }
        from = end;
    }
    Ok(found)
}

/// `name="value"`, `name='value'`, `name=value` and bare `name` (value ""); names lower-cased.
fn attributes(inside: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = inside.trim_end_matches('/').trim();
    while !rest.is_empty() {
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let stop = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..stop], &after[stop..])
                }
            };
            rest = next.trim_start();
            value.to_string()
        } else {
            String::new()
        };
        if !name.is_empty() && name != "/" {
            attrs.push((name, value));
        }
    }
    attrs
}

/// The built index.html: each link replaced by its output; a tag that leaves nothing takes its
/// line with it.
pub fn render(html: &str, links: &[TrunkLink], outputs: &[Output]) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let mut at = 0;
    for (link, output) in links.iter().zip(outputs) {
        let indent_start = html[..link.start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &html[indent_start..link.start];
        let alone = indent.trim().is_empty() && html[link.end..].starts_with('\n');
        match output {
            Output::Nothing if alone => {
                out.push_str(&html[at..indent_start]);
                at = link.end + 1;
                continue;
            }
            _ => out.push_str(&html[at..link.start]),
        }
        match output {
            // No preload of the module: on a slow connection it would share the bandwidth with
            // the stylesheet that the first paint waits for. The loader asks for it after that paint.
            Output::Module(names) => out.push_str(&format!("<script type=\"module\">{}</script>", loader(names))),
            Output::Stylesheet(name) => out.push_str(&format!("<link rel=\"stylesheet\" href=\"/{name}\">")),
            Output::Nothing => {}
        }
        at = link.end;
    }
    out.push_str(&html[at..]);
    out
}

/// The inline module script that starts the app (the server hashes it into its CSP). It lets
/// the browser paint index.html's first paint once before it fetches the module and the app
/// replaces the first paint: when the module arrives quickly (a fast network, a warm cache) the
/// app would otherwise mount before any frame, and the largest paint would wait for the module
/// after all. A hidden tab paints no frames, so it waits at most 50 ms. (The small JS glue is
/// imported at once.)
pub fn loader(names: &ModuleNames) -> String {
    format!(
        "import init from '/{}'; await new Promise((go) => {{ requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 50); }}); \
         await init({{ module_or_path: '/{}' }});",
        names.js, names.wasm
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n  <title>Blomlådan</title>\n  \
        <link data-trunk rel=\"rust\" data-bin=\"blomlada\" data-wasm-opt=\"z\" />\n  \
        <link data-trunk rel=\"css\" href=\"style/main.css\" />\n  \
        <link data-trunk rel='copy-dir' href=indicators>\n  \
        <link data-trunk rel=\"copy-file\" href=\"pwa/icon.svg\" />\n  \
        <link rel=\"icon\" href=\"/icon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n  <h1 data-first-paint>Mina värderingar</h1>\n  \
        <script>if (location.pathname !== '/') x();</script>\n</body>\n</html>\n";

    fn names() -> ModuleNames {
        ModuleNames {
            js: "blomlada-0123456789abcdef.js".into(),
            wasm: "blomlada-0123456789abcdef_bg.wasm".into(),
            loader: "__wasm_split-0123456789abcdef.js".into(),
            chunks: Vec::new(),
        }
    }

    #[test]
    fn trunk_links_are_found_with_their_attributes() {
        let links = trunk_links(SOURCE).unwrap();
        assert_eq!(links.iter().map(|l| l.rel.as_str()).collect::<Vec<_>>(), ["rust", "css", "copy-dir", "copy-file"]);
        assert_eq!(links[0].attr("data-bin"), Some("blomlada"));
        assert_eq!(links[0].attr("data-wasm-opt"), Some("z"));
        assert_eq!(links[0].attr("data-trunk"), Some(""));
        assert_eq!(links[1].attr("href"), Some("style/main.css"));
        assert_eq!(links[2].attr("href"), Some("indicators"));
        assert_eq!(&SOURCE[links[3].start..links[3].end], "<link data-trunk rel=\"copy-file\" href=\"pwa/icon.svg\" />");
        assert!(links[1].required("data-bin").unwrap_err().to_string().contains("rel=\"css\"> has no data-bin"));
    }

    #[test]
    fn the_built_page_loads_the_hashed_files_and_keeps_everything_else() {
        let links = trunk_links(SOURCE).unwrap();
        let outputs = [Output::Module(names()), Output::Stylesheet("main-fedcba9876543210.css".into()), Output::Nothing, Output::Nothing];
        let html = render(SOURCE, &links, &outputs);
        assert!(!html.contains("data-trunk"), "{html}");
        assert!(html.contains(
            "  <script type=\"module\">import init from '/blomlada-0123456789abcdef.js'; \
             await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 50); }); \
             await init({ module_or_path: '/blomlada-0123456789abcdef_bg.wasm' });</script>\n"
        ));
        assert!(html.contains("  <link rel=\"stylesheet\" href=\"/main-fedcba9876543210.css\">\n  <link rel=\"icon\""), "{html}");
        // Copied files leave no empty lines; the rest is untouched.
        assert!(!html.contains("\n  \n"), "{html}");
        let body = &SOURCE[SOURCE.find("<link rel=\"icon\"").unwrap()..];
        assert!(html.ends_with(body));
    }
}
