//! `xtask build`: builds Blomlådan's web app into `dist/` without Trunk.
//!
//! Steps, in order (each in its own module):
//! 1. `cargo build --release --target wasm32-unknown-unknown` of the app ([`wasm`]),
//! 2. wasm-bindgen as a library, then npm binaryen's wasm-opt ([`wasm`]),
//! 3. content-hashed names, the files `index.html` names with `data-trunk` links copied or
//!    rewritten, `index.html` written ([`page`], [`assets`]),
//! 4. the service worker with the precache list of what was built ([`service_worker`]),
//! 5. brotli and gzip copies of every file worth compressing ([`precompress`]).
//!
//! Steps 2–5 are skipped when nothing they read has changed since the last build ([`fingerprint`]).
//!
//! Everything is written to a staging directory beside `dist/`, which then replaces `dist/` in
//! two renames, so a server reading `dist/` never sees half a build.

mod assets;
mod chunks;
mod fingerprint;
mod page;
mod precompress;
mod service_worker;
mod wasm;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};

const USAGE: &str = "usage: xtask build [--dist <dir>] [--no-split] [--keep-names]
       xtask bindgen <module.wasm> <out-dir>
build: the app into dist/ (run from anywhere; paths are relative to the repository). For measuring
only: --no-split builds one module without lazily loaded chunks, --keep-names keeps function names.
bindgen: JS glue for another wasm32 module (make bench's comparison): web target, no TypeScript.";

fn main() {
    if let Err(e) = run(std::env::args().skip(1).collect()) {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Build { dist: PathBuf, split: bool, keep_names: bool },
    Bindgen { input: PathBuf, out: PathBuf },
    Help,
}

fn run(args: Vec<String>) -> Result<()> {
    let root = repository_root();
    match parse(&root, args)? {
        Command::Build { dist, split, keep_names } => build(&root, &dist, split, keep_names),
        Command::Bindgen { input, out } => wasm::bindgen(&input, &out),
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
    }
}

/// `args` without the program name; `--dist` is relative to `root`.
fn parse(root: &Path, args: Vec<String>) -> Result<Command> {
    let mut args = args.into_iter();
    let command = match args.next().as_deref() {
        Some("build") => {
            let (mut dist, mut split, mut keep_names) = (root.join("dist"), true, false);
            while let Some(arg) = args.next() {
                match arg.as_str() {
                    "--dist" => dist = root.join(args.next().context("--dist needs a directory")?),
                    "--no-split" => split = false,
                    "--keep-names" => keep_names = true,
                    other => bail!("unknown argument {other:?}\n{USAGE}"),
                }
            }
            Command::Build { dist, split, keep_names }
        }
        Some("bindgen") => Command::Bindgen {
            input: args.next().context("bindgen needs a .wasm file")?.into(),
            out: args.next().context("bindgen needs an output directory")?.into(),
        },
        Some("-h" | "--help") => Command::Help,
        other => bail!("unknown command {other:?}\n{USAGE}"),
    };
    if let Some(extra) = args.next() {
        bail!("unexpected argument {extra:?}\n{USAGE}");
    }
    Ok(command)
}

/// The repository: the nearest directory from the current one upwards that holds
/// xtask/Cargo.toml (a second checkout can use the same binary), else the one it was built in.
fn repository_root() -> PathBuf {
    let here = std::env::current_dir().ok();
    here.iter()
        .flat_map(|d| d.ancestors())
        .find(|d| d.join("xtask/Cargo.toml").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf())
}

fn build(root: &Path, dist: &Path, split: bool, keep_names: bool) -> Result<()> {
    let started = Instant::now();
    let template = std::fs::read_to_string(root.join("index.html")).context("reading index.html")?;
    let links = page::trunk_links(&template)?;
    let rust = links.iter().find(|l| l.rel == "rust").context("index.html has no <link data-trunk rel=\"rust\">")?;
    let bin = rust.attr("data-bin").unwrap_or("blomlada").to_string();
    let opt_level = rust.attr("data-wasm-opt").unwrap_or("z").to_string();

    let raw = wasm::cargo_build(root, &bin, split)?;
    let inputs = inputs(root, &links, &raw, &opt_level, split, keep_names)?;
    let record = fingerprint::Record::for_dist(&wasm::work_dir(root), dist);
    if record.is_current(dist, &inputs) {
        println!(
            "xtask: {} is up to date (nothing it is built from changed), checked in {:.1} s",
            dist.display(),
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    record.forget();

    // Beside dist/ (same file system, so it can be renamed into place); removed on failure.
    let parent = dist.parent().context("dist has a parent directory")?;
    std::fs::create_dir_all(parent)?;
    let staging = tempfile::Builder::new().prefix(".dist-stage-").tempdir_in(parent)?;
    let stage = staging.path().to_path_buf();

    let module = wasm::build(root, &bin, &raw, &wasm::Options { opt_level: &opt_level, keep_names })?;
    let names = chunks::write(&stage, &bin, &module)?;
    let mut outputs = Vec::new();
    for link in &links {
        outputs.push(match link.rel.as_str() {
            "rust" => page::Output::Module(names.clone()),
            "css" => page::Output::Stylesheet(assets::copy_hashed(root, &stage, link.required("href")?)?),
            "copy-dir" => {
                assets::copy_dir(root, &stage, link.required("href")?)?;
                page::Output::Nothing
            }
            "copy-file" => {
                assets::copy_file(root, &stage, link.required("href")?)?;
                page::Output::Nothing
            }
            other => bail!("index.html: data-trunk rel=\"{other}\" is not supported by xtask"),
        });
    }
    std::fs::write(stage.join("index.html"), page::render(&template, &links, &outputs))?;
    let sw = service_worker::write(&stage, &root.join("pwa/service-worker.js"))?;
    let compressed = precompress::dir(&stage)?;

    replace_dir(&staging.keep(), dist)?;
    record.save(dist, &inputs)?;
    println!(
        "xtask: built {} in {:.1} s: {} ({} KB raw, {} KB brotli) and {} chunks ({} KB brotli), service worker cache {} with {} files, {} files precompressed",
        dist.display(),
        started.elapsed().as_secs_f64(),
        names.wasm,
        module.wasm.len() / 1024,
        compressed.brotli_of(&names.wasm).map_or(0, |b| b / 1024),
        names.chunks.len(),
        names.chunks.iter().filter_map(|c| compressed.brotli_of(c)).sum::<usize>() / 1024,
        sw.cache,
        sw.precached,
        compressed.files.len(),
    );
    Ok(())
}

/// The fingerprint of everything a build reads: xtask itself, the options, the linked module,
/// `index.html`, what its `data-trunk` links name, and the service worker's source.
fn inputs(root: &Path, links: &[page::TrunkLink], raw: &Path, opt_level: &str, split: bool, keep_names: bool) -> Result<String> {
    let mut inputs = fingerprint::Inputs::new();
    let xtask = std::env::current_exe().context("finding xtask's own binary")?;
    inputs.value("xtask", &std::fs::read(&xtask).with_context(|| format!("reading {}", xtask.display()))?);
    inputs.value("options", format!("-O{opt_level} split={split} keep_names={keep_names}").as_bytes());
    inputs.value("module", &std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?);
    inputs.file(root, &root.join("index.html"))?;
    inputs.file(root, &root.join("pwa/service-worker.js"))?;
    for href in links.iter().filter_map(|l| l.attr("href")) {
        let path = root.join(href);
        if path.is_dir() {
            inputs.tree(root, &path)?;
        } else {
            inputs.file(root, &path)?;
        }
    }
    Ok(inputs.finish())
}

/// `stage` becomes `dist` in two renames (the old one is removed afterwards).
fn replace_dir(stage: &Path, dist: &Path) -> Result<()> {
    let old = dist.with_file_name(format!(".{}-old", dist.file_name().and_then(|n| n.to_str()).unwrap_or("dist")));
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    if dist.exists() {
        std::fs::rename(dist, &old).with_context(|| format!("moving {} aside", dist.display()))?;
    }
    std::fs::rename(stage, dist).with_context(|| format!("moving the build to {}", dist.display()))?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn build_is_split_and_nameless_unless_asked() {
        let root = Path::new("/repo");
        assert_eq!(parse(root, args("build")).unwrap(), Command::Build { dist: "/repo/dist".into(), split: true, keep_names: false });
        assert_eq!(
            parse(root, args("build --keep-names --dist /tmp/one --no-split")).unwrap(),
            Command::Build { dist: "/tmp/one".into(), split: false, keep_names: true }
        );
        assert_eq!(
            parse(root, args("build --dist out")).unwrap(),
            Command::Build { dist: "/repo/out".into(), split: true, keep_names: false }
        );
    }

    #[test]
    fn bindgen_takes_exactly_a_module_and_a_directory() {
        let root = Path::new("/repo");
        assert_eq!(parse(root, args("bindgen a.wasm pkg")).unwrap(), Command::Bindgen { input: "a.wasm".into(), out: "pkg".into() });
        assert!(parse(root, args("bindgen a.wasm")).unwrap_err().to_string().contains("output directory"));
        assert!(parse(root, args("bindgen a.wasm pkg more")).unwrap_err().to_string().contains("unexpected argument"));
    }

    #[test]
    fn mistakes_name_what_was_wrong() {
        let root = Path::new("/repo");
        assert!(parse(root, args("build --dist")).unwrap_err().to_string().contains("--dist needs a directory"));
        assert!(parse(root, args("build --fast")).unwrap_err().to_string().contains("\"--fast\""));
        assert!(parse(root, args("deploy")).unwrap_err().to_string().contains("unknown command"));
        assert_eq!(parse(root, args("--help")).unwrap(), Command::Help);
    }
}
