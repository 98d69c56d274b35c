//! The split module's files under content-hashed names: every chunk gets its own hash, the
//! loader (`__wasm_split.js`) is rewritten to fetch the hashed chunks and to import the hashed
//! JS glue, and the glue is rewritten to import the hashed loader.
//!
//! The glue and the loader import each other, so neither can carry a hash of the other's final
//! text. Both take the hash of the whole (glue, first module, loader with hashed chunk names):
//! any change to any of them renames both, and a chunk's change reaches them through its name.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::assets::content_hash;
use crate::wasm::{Module, SPLIT_LOADER};

/// What was written, by name in `stage` (no leading slash).
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleNames {
    pub js: String,
    pub wasm: String,
    pub loader: String,
    pub chunks: Vec<String>,
}

pub fn write(stage: &Path, bin: &str, module: &Module) -> Result<ModuleNames> {
    let mut loader = String::from_utf8(module.split.loader_js.clone()).context("the split loader is not UTF-8")?;
    let mut chunks = Vec::with_capacity(module.split.chunks.len());
    for (name, bytes) in &module.split.chunks {
        let stem = name.strip_suffix(".wasm").with_context(|| format!("chunk {name} is not a .wasm file"))?;
        let hashed = format!("{stem}-{}.wasm", content_hash(&[bytes]));
        loader = replace_once(&loader, &format!("\"./{name}\""), &format!("\"./{hashed}\""))?;
        std::fs::write(stage.join(&hashed), bytes)?;
        chunks.push(hashed);
    }
    let hash = content_hash(&[&module.js, &module.wasm, loader.as_bytes()]);
    let loader_stem = SPLIT_LOADER.strip_suffix(".js").unwrap_or(SPLIT_LOADER);
    let names = ModuleNames {
        js: format!("{bin}-{hash}.js"),
        wasm: format!("{bin}-{hash}_bg.wasm"),
        loader: format!("{loader_stem}-{hash}.js"),
        chunks,
    };
    let loader = replace_once(&loader, &format!("from \"./{bin}.js\""), &format!("from \"./{}\"", names.js))?;
    let js = String::from_utf8(module.js.clone()).context("the JS glue is not UTF-8")?;
    // Only the import statements: the imports object keeps the module name the WASM file imports.
    let js = js.replace(&format!("from \"./{SPLIT_LOADER}\""), &format!("from \"./{}\"", names.loader));
    // Without split points the glue imports no loader (it is then written but never fetched).
    if !module.split.chunks.is_empty() && !js.contains(&names.loader) {
        bail!("the JS glue does not import ./{SPLIT_LOADER}");
    }
    std::fs::write(stage.join(&names.js), js)?;
    std::fs::write(stage.join(&names.wasm), &module.wasm)?;
    std::fs::write(stage.join(&names.loader), loader)?;
    Ok(names)
}

/// `text` with `from` replaced, which must occur exactly once (a changed splitter output format
/// must fail the build, not ship a loader that fetches files that are not there).
fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => bail!("expected {from} once in the split loader, found it {n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::Split;

    fn module() -> Module {
        Module {
            js: b"import * as import1 from \"./__wasm_split.js\"\nimport * as import2 from \"./__wasm_split.js\"\n\
                  const imports = { \"./__wasm_split.js\": import1 };\n"
                .to_vec(),
            wasm: b"main".to_vec(),
            split: Split {
                loader_js: b"import { initSync } from \"./app.js\";\nfetch(new URL(\"./chunk_1.wasm\", import.meta.url));\n\
                             fetch(new URL(\"./split_plan.wasm\", import.meta.url));\n"
                    .to_vec(),
                chunks: vec![("chunk_1.wasm".into(), b"one".to_vec()), ("split_plan.wasm".into(), b"plan".to_vec())],
            },
        }
    }

    #[test]
    fn chunks_loader_and_glue_get_hashed_names_that_point_at_each_other() {
        let tmp = tempfile::tempdir().unwrap();
        let names = write(tmp.path(), "app", &module()).unwrap();
        let one = format!("chunk_1-{}.wasm", content_hash(&[b"one"]));
        let plan = format!("split_plan-{}.wasm", content_hash(&[b"plan"]));
        assert_eq!(names.chunks, vec![one.clone(), plan.clone()]);
        assert_eq!(std::fs::read(tmp.path().join(&plan)).unwrap(), b"plan");
        let loader = std::fs::read_to_string(tmp.path().join(&names.loader)).unwrap();
        assert!(loader.contains(&format!("new URL(\"./{one}\"")), "{loader}");
        assert!(loader.contains(&format!("from \"./{}\"", names.js)), "{loader}");
        let js = std::fs::read_to_string(tmp.path().join(&names.js)).unwrap();
        assert_eq!(js.matches(&format!("from \"./{}\"", names.loader)).count(), 2, "{js}");
        assert!(js.contains("{ \"./__wasm_split.js\": import1 }"), "the imports object keeps the WASM import's module name: {js}");
        let hash = names.js.strip_prefix("app-").and_then(|n| n.strip_suffix(".js")).unwrap();
        assert_eq!(names.loader, format!("__wasm_split-{hash}.js"));
        assert_eq!(names.wasm, format!("app-{hash}_bg.wasm"));
    }

    #[test]
    fn a_chunk_change_renames_the_first_module_too() {
        let tmp = tempfile::tempdir().unwrap();
        let before = write(tmp.path(), "app", &module()).unwrap();
        let mut changed = module();
        changed.split.chunks[1].1 = b"plan v2".to_vec();
        let after = write(tmp.path(), "app", &changed).unwrap();
        assert_ne!(before.js, after.js);
        assert_ne!(before.loader, after.loader);
        assert_eq!(before.chunks[0], after.chunks[0]);
    }

    #[test]
    fn a_loader_that_does_not_name_a_chunk_fails_the_build() {
        let tmp = tempfile::tempdir().unwrap();
        let mut broken = module();
        broken.split.loader_js = b"import { initSync } from \"./app.js\";\n".to_vec();
        let error = write(tmp.path(), "app", &broken).unwrap_err().to_string();
        assert!(error.contains("chunk_1.wasm"), "{error}");
    }
}
