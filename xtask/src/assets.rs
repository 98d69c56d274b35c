//! Files beside index.html: stylesheets under content-hashed names (the module's are in
//! [`crate::chunks`]), and directories and files copied as they are (Trunk's `copy-dir` and `copy-file`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

/// 16 hex digits of SHA-256: the form the server recognises as a hashed, immutable name
/// (`name-<hex>.ext`, see `is_hashed_asset` in crates/server/src/web.rs).
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// `style/main.css` → `main-<hash>.css` at the top of `stage`; returns that name.
pub fn copy_hashed(root: &Path, stage: &Path, href: &str) -> Result<String> {
    let source = root.join(href);
    let bytes = std::fs::read(&source).with_context(|| format!("reading {}", source.display()))?;
    let stem = source.file_stem().and_then(|s| s.to_str()).context("file name")?;
    let name = match source.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!("{stem}-{}.{ext}", content_hash(&[&bytes])),
        None => format!("{stem}-{}", content_hash(&[&bytes])),
    };
    std::fs::write(stage.join(&name), bytes)?;
    Ok(name)
}

/// `pwa/icon.svg` → `icon.svg` at the top of `stage`.
pub fn copy_file(root: &Path, stage: &Path, href: &str) -> Result<()> {
    let source = root.join(href);
    let name = source.file_name().context("file name")?;
    std::fs::copy(&source, stage.join(name)).with_context(|| format!("copying {}", source.display()))?;
    Ok(())
}

/// `indicators` → `stage/indicators`, recursively.
pub fn copy_dir(root: &Path, stage: &Path, href: &str) -> Result<()> {
    let source = root.join(href);
    let name = source.file_name().context("directory name")?;
    copy_tree(&source, &stage.join(name)).with_context(|| format!("copying {}", source.display()))
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            out.extend(files_under(&entry.path())?);
        } else {
            out.push(entry.path());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sixteen_hex_digits_and_follow_the_content() {
        let a = content_hash(&[b"a", b"b"]);
        assert_eq!(a.len(), 16);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(a, content_hash(&[b"ab"]));
        assert_ne!(a, content_hash(&[b"ac"]));
        // sha256("") starts e3b0c442 98fc1c14.
        assert_eq!(content_hash(&[]), "e3b0c44298fc1c14");
    }

    #[test]
    fn stylesheets_get_hashed_names() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let stage = dir.join("stage");
        std::fs::create_dir_all(stage.clone()).unwrap();
        std::fs::create_dir_all(dir.join("style")).unwrap();
        std::fs::write(dir.join("style/main.css"), "body{}").unwrap();
        let css = copy_hashed(dir, &stage, "style/main.css").unwrap();
        assert_eq!(css, format!("main-{}.css", content_hash(&[b"body{}"])));
        assert_eq!(std::fs::read_to_string(stage.join(css)).unwrap(), "body{}");
    }

    #[test]
    fn directories_and_files_are_copied_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let stage = dir.join("stage");
        std::fs::create_dir_all(dir.join("indicators/set/deep")).unwrap();
        std::fs::create_dir_all(dir.join("pwa")).unwrap();
        std::fs::write(dir.join("indicators/index.json"), "{}").unwrap();
        std::fs::write(dir.join("indicators/set/deep/1.json"), "[1]").unwrap();
        std::fs::write(dir.join("pwa/icon.svg"), "<svg/>").unwrap();
        copy_dir(dir, &stage, "indicators").unwrap();
        copy_file(dir, &stage, "pwa/icon.svg").unwrap();
        assert_eq!(std::fs::read_to_string(stage.join("indicators/set/deep/1.json")).unwrap(), "[1]");
        assert_eq!(std::fs::read_to_string(stage.join("indicators/index.json")).unwrap(), "{}");
        assert_eq!(std::fs::read_to_string(stage.join("icon.svg")).unwrap(), "<svg/>");
    }
}
