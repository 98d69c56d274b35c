//! sw.js from pwa/service-worker.js: the precache list is every file this build wrote (so it
//! cannot go stale) and the cache name is derived from every file's content (so a new build
//! replaces the old cache, and an unchanged build keeps it).

use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

pub struct Written {
    pub cache: String,
    pub precached: usize,
}

/// Not precached: documentation and schemas beside the indicator files, the list of released
/// ids (tools read it, the app does not), and index.html itself, which leads the list instead.
fn precached(path: &str) -> bool {
    path != "/index.html" && !path.ends_with(".md") && !path.starts_with("/indicators/schema/") && path != "/indicators/released-ids.json"
}

pub fn write(stage: &Path, template: &Path) -> Result<Written> {
    let template = std::fs::read_to_string(template).with_context(|| format!("reading {}", template.display()))?;
    let files = crate::assets::files_under(stage)?;
    let mut entries = Vec::with_capacity(files.len());
    for file in &files {
        let url = url_of(stage, file);
        if url != "/sw.js" {
            entries.push((url, std::fs::read(file)?));
        }
    }
    let (text, version, precached) = render(&template, &entries);
    std::fs::write(stage.join("sw.js"), text)?;
    Ok(Written { cache: format!("blomlada-{version}"), precached })
}

/// The service worker's text, its version and how many URLs it precaches, from the built files
/// as (URL, content) pairs.
pub fn render(template: &str, files: &[(String, Vec<u8>)]) -> (String, String, usize) {
    let mut files: Vec<&(String, Vec<u8>)> = files.iter().collect();
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut lines = String::new();
    for (url, content) in &files {
        let digest: String = Sha256::digest(content).iter().map(|b| format!("{b:02x}")).collect();
        lines.push_str(&format!("{url} {digest}\n"));
    }
    let version: String = Sha256::digest(lines.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
    let urls: Vec<&str> =
        std::iter::once("/index.html").chain(files.iter().map(|(url, _)| url.as_str()).filter(|url| precached(url))).collect();
    let list = format!("[\n{}\n]", urls.iter().map(|u| format!("  \"{u}\",")).collect::<Vec<_>>().join("\n"));
    let text = template.replace("__PRECACHE__", &list).replace("__VERSION__", &version);
    (text, version, urls.len())
}

fn url_of(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file);
    format!("/{}", relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "const CACHE = 'blomlada-__VERSION__';\nconst PRECACHE = __PRECACHE__;\n";

    fn files() -> Vec<(String, Vec<u8>)> {
        [
            ("/index.html", "<html>"),
            ("/blomlada-0123456789abcdef_bg.wasm", "wasm"),
            ("/indicators/index.json", "{}"),
            ("/indicators/README.md", "# docs"),
            ("/indicators/schema/set.schema.json", "{}"),
            ("/indicators/released-ids.json", "[]"),
            ("/icon.svg", "<svg/>"),
        ]
        .iter()
        .map(|(u, c)| (u.to_string(), c.as_bytes().to_vec()))
        .collect()
    }

    #[test]
    fn precache_list_holds_the_app_and_its_data_but_not_docs() {
        let (text, version, count) = render(TEMPLATE, &files());
        assert_eq!(version.len(), 16);
        assert_eq!(count, 4);
        assert_eq!(
            text,
            format!(
                "const CACHE = 'blomlada-{version}';\nconst PRECACHE = [\n  \"/index.html\",\n  \"/blomlada-0123456789abcdef_bg.wasm\",\n  \
                 \"/icon.svg\",\n  \"/indicators/index.json\",\n];\n"
            )
        );
    }

    #[test]
    fn the_cache_name_follows_every_file_and_nothing_else() {
        let (_, version, _) = render(TEMPLATE, &files());
        let mut reordered = files();
        reordered.reverse();
        assert_eq!(render(TEMPLATE, &reordered).1, version);
        let mut changed = files();
        changed[4].1 = b"{\"changed\": true}".to_vec();
        assert_ne!(render(TEMPLATE, &changed).1, version, "even a file that is not precached changes the version");
    }

    #[test]
    fn written_from_the_staged_files() {
        let tmp = tempfile::tempdir().unwrap();
        let stage = tmp.path().join("stage");
        std::fs::create_dir_all(stage.join("indicators")).unwrap();
        std::fs::write(stage.join("index.html"), "<html>").unwrap();
        std::fs::write(stage.join("indicators/index.json"), "{}").unwrap();
        std::fs::write(tmp.path().join("sw-template.js"), TEMPLATE).unwrap();
        let written = write(&stage, &tmp.path().join("sw-template.js")).unwrap();
        assert_eq!(written.precached, 2);
        let text = std::fs::read_to_string(stage.join("sw.js")).unwrap();
        assert!(text.contains(&format!("const CACHE = '{}';", written.cache)), "{text}");
        assert!(text.contains("\"/indicators/index.json\","));
        // Writing again (sw.js now exists) gives the same cache: sw.js is not part of it.
        assert_eq!(write(&stage, &tmp.path().join("sw-template.js")).unwrap().cache, written.cache);
    }
}
