//! Brotli (`.br`, quality 11) and gzip (`.gz`, level 9) copies beside every built file worth
//! compressing: too slow to do per request at these levels, done once here. The server sends
//! them with Content-Encoding (tower-http's ServeDir `precompressed_br`/`precompressed_gzip`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

/// Text and WASM; images and fonts in compressed formats gain nothing.
const COMPRESSIBLE: &[&str] = &["wasm", "js", "mjs", "css", "json", "svg", "webmanifest", "txt", "csv", "xml"];

pub struct Compressed {
    /// (file, raw size, brotli size)
    pub files: Vec<(PathBuf, usize, usize)>,
}

impl Compressed {
    pub fn brotli_of(&self, name: &str) -> Option<usize> {
        self.files.iter().find(|(p, _, _)| p.file_name().is_some_and(|n| n == name)).map(|(_, _, br)| *br)
    }
}

/// index.html is left out: the server reads and sends it itself (it hashes its inline scripts).
fn wanted(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n != "index.html")
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e))
}

pub fn dir(dir: &Path) -> Result<Compressed> {
    let files = crate::assets::files_under(dir)?;
    let mut done = Vec::new();
    for file in files.into_iter().filter(|f| wanted(f)) {
        let data = std::fs::read(&file)?;
        let br = brotli(&data)?;
        let gz = gzip(&data)?;
        // A copy that saves nothing only costs the server a lookup.
        if br.len() < data.len() {
            std::fs::write(with_suffix(&file, "br"), &br)?;
        }
        if gz.len() < data.len() {
            std::fs::write(with_suffix(&file, "gz"), &gz)?;
        }
        done.push((file, data.len(), br.len().min(data.len())));
    }
    Ok(Compressed { files: done })
}

pub fn brotli(data: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, size_hint: data.len(), ..Default::default() };
    let mut out = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

pub fn gzip(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::best());
    encoder.write_all(data)?;
    Ok(encoder.finish()?)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn copies_decompress_to_the_file_and_only_where_they_help() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        std::fs::create_dir_all(d.join("indicators")).unwrap();
        let json = "{\"indicator\": \"Kommunen erbjuder e-tjänster\"}\n".repeat(200);
        std::fs::write(d.join("indicators/set.json"), &json).unwrap();
        std::fs::write(d.join("index.html"), "<html>".repeat(100)).unwrap();
        std::fs::write(d.join("tiny.js"), "x").unwrap();
        std::fs::write(d.join("photo.png"), vec![0u8; 4096]).unwrap();
        let done = dir(d).unwrap();
        assert_eq!(done.files.len(), 2, "set.json and tiny.js are compressible");

        let mut from_br = Vec::new();
        brotli::Decompressor::new(std::fs::File::open(d.join("indicators/set.json.br")).unwrap(), 4096).read_to_end(&mut from_br).unwrap();
        assert_eq!(from_br, json.as_bytes());
        let mut from_gz = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(d.join("indicators/set.json.gz")).unwrap()).read_to_string(&mut from_gz).unwrap();
        assert_eq!(from_gz, json);
        assert!(std::fs::metadata(d.join("indicators/set.json.br")).unwrap().len() < 200);

        // A one-byte file gains nothing; index.html and images are never compressed here.
        for not in ["tiny.js.br", "tiny.js.gz", "index.html.br", "index.html.gz", "photo.png.br"] {
            assert!(!d.join(not).exists(), "{not}");
        }
    }
}
