//! Skips a build whose inputs have not changed since the last one, so `make run` on a warm
//! machine starts in seconds: wasm-bindgen, wasm-opt on every chunk and brotli take minutes and
//! give the same bytes for the same inputs.
//!
//! The inputs are everything the output is made from: the module cargo linked, `index.html`,
//! each file or directory it names with `data-trunk`, the service worker's source, the build
//! options, and xtask itself (a changed build step changes the output). The record lives beside
//! the intermediate files in the target directory (not in `dist/`, which the server serves), and
//! names the `index.html` it belongs to, so a `dist/` removed or built by something else is built
//! again.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

/// SHA-256 of every input, fed in a fixed order with lengths and names, so moving a byte from
/// one input to another also changes it.
pub struct Inputs(Sha256);

impl Inputs {
    pub fn new() -> Self {
        let mut hasher = Sha256::new();
        hasher.update(b"xtask build fingerprint v1\0");
        Inputs(hasher)
    }

    pub fn value(&mut self, name: &str, bytes: &[u8]) {
        self.0.update((name.len() as u64).to_le_bytes());
        self.0.update(name.as_bytes());
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// A file's bytes under its path relative to `root`.
    pub fn file(&mut self, root: &Path, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        self.value(&relative(root, path), &bytes);
        Ok(())
    }

    /// Every file under `dir`, in name order (directory listings come in any order).
    pub fn tree(&mut self, root: &Path, dir: &Path) -> Result<()> {
        let mut files = Vec::new();
        collect(dir, &mut files).with_context(|| format!("listing {}", dir.display()))?;
        files.sort();
        for file in files {
            self.file(root, &file)?;
        }
        Ok(())
    }

    pub fn finish(self) -> String {
        self.0.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned()
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect(&entry.path(), files)?;
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}

/// What was built last time: the inputs' fingerprint and the `index.html` it wrote (which names
/// every hashed file of that build).
pub struct Record {
    path: PathBuf,
}

impl Record {
    /// The record for builds into `dist` (one per output directory).
    pub fn for_dist(work_dir: &Path, dist: &Path) -> Self {
        let key = crate::assets::content_hash(&[dist.to_string_lossy().as_bytes()]);
        Record { path: work_dir.join(format!("fingerprint-{key}")) }
    }

    /// True when `dist` holds what a build of these inputs wrote.
    pub fn is_current(&self, dist: &Path, inputs: &str) -> bool {
        let (Ok(recorded), Ok(index)) = (std::fs::read_to_string(&self.path), std::fs::read(dist.join("index.html"))) else {
            return false;
        };
        recorded == Self::line(inputs, &index)
    }

    pub fn save(&self, dist: &Path, inputs: &str) -> Result<()> {
        let index = std::fs::read(dist.join("index.html")).context("reading the built index.html")?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&self.path, Self::line(inputs, &index)).with_context(|| format!("writing {}", self.path.display()))
    }

    /// Drops the record before a build starts, so a build that fails half-way is never taken
    /// for the last good one.
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    fn line(inputs: &str, index: &[u8]) -> String {
        format!("inputs {inputs}\nindex.html {}\n", crate::assets::content_hash(&[index]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fingerprint(root: &Path) -> String {
        let mut inputs = Inputs::new();
        inputs.tree(root, &root.join("indicators")).unwrap();
        inputs.file(root, &root.join("index.html")).unwrap();
        inputs.finish()
    }

    #[test]
    fn any_changed_byte_or_name_changes_the_fingerprint() {
        let root = tempfile::tempdir().unwrap();
        let root = root.path();
        std::fs::create_dir_all(root.join("indicators/sets")).unwrap();
        std::fs::write(root.join("indicators/sets/a.json"), "{}").unwrap();
        std::fs::write(root.join("indicators/b.json"), "[]").unwrap();
        std::fs::write(root.join("index.html"), "<html>").unwrap();
        let first = fingerprint(root);
        assert_eq!(first, fingerprint(root), "the same inputs give the same fingerprint");

        std::fs::write(root.join("indicators/sets/a.json"), "{ }").unwrap();
        let edited = fingerprint(root);
        assert_ne!(first, edited);

        std::fs::rename(root.join("indicators/b.json"), root.join("indicators/c.json")).unwrap();
        assert_ne!(edited, fingerprint(root), "a renamed file is a changed input");
    }

    #[test]
    fn bytes_moved_between_inputs_change_the_fingerprint() {
        let mut one = Inputs::new();
        one.value("a", b"xy");
        one.value("b", b"");
        let mut two = Inputs::new();
        two.value("a", b"x");
        two.value("b", b"y");
        assert_ne!(one.finish(), two.finish());
    }

    #[test]
    fn a_record_holds_only_while_dist_is_what_it_built() {
        let work = tempfile::tempdir().unwrap();
        let dist = work.path().join("dist");
        let record = Record::for_dist(work.path(), &dist);
        assert!(!record.is_current(&dist, "abc"), "nothing built yet");

        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "built").unwrap();
        record.save(&dist, "abc").unwrap();
        assert!(record.is_current(&dist, "abc"));
        assert!(!record.is_current(&dist, "abd"), "other inputs");

        std::fs::write(dist.join("index.html"), "built by something else").unwrap();
        assert!(!record.is_current(&dist, "abc"), "dist/ changed under it");

        std::fs::write(dist.join("index.html"), "built").unwrap();
        record.forget();
        assert!(!record.is_current(&dist, "abc"), "a build that started and did not finish");

        record.save(&dist, "abc").unwrap();
        std::fs::remove_dir_all(&dist).unwrap();
        assert!(!record.is_current(&dist, "abc"), "dist/ removed");
        assert!(!Record::for_dist(work.path(), &work.path().join("other")).is_current(&dist, "abc"));
    }
}
