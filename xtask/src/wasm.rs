//! The app's WASM module: cargo builds it (linked with its relocations), `wasm_split_cli_support`
//! splits it at the app's `#[wasm_split]` points into a first module and lazily loaded chunks,
//! wasm-bindgen (the library, the version the app's Cargo.lock pins) writes the JS glue for the
//! first module, npm binaryen's wasm-opt shrinks the first module and every chunk.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// What the browser loads: the JS glue and the module it instantiates, and the chunks the app
/// loads when a page needs them.
pub struct Module {
    pub js: Vec<u8>,
    pub wasm: Vec<u8>,
    pub split: Split,
}

/// The chunks and the JS module that loads them (it imports the glue's `initSync` to share the
/// first module's memory and table). Names are as the splitter wrote them, before hashing.
pub struct Split {
    pub loader_js: Vec<u8>,
    /// (file name such as `split_compare.wasm` or `chunk_3.wasm`, content)
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// The loader's name as the first module imports it and as the splitter writes it.
pub const SPLIT_LOADER: &str = "__wasm_split.js";

/// binaryen's version that works with this wasm-bindgen (Debian's 108 breaks the app at load).
const WASM_OPT_VERSION: &str = "version_132";

/// How to shrink the module. The product is always built without names; keeping them is for
/// measuring (`bench/click_profile.mjs` compares two builds, as it does split and unsplit ones:
/// see [`cargo_build`]).
pub struct Options<'a> {
    /// wasm-opt's `-O` level (index.html's `data-wasm-opt`).
    pub opt_level: &'a str,
    /// Keeps function names (wasm-opt `-g`), so a profiler names the app's functions.
    pub keep_names: bool,
}

/// Splits, binds and shrinks `raw`, the module [`cargo_build`] linked.
pub fn build(root: &Path, bin: &str, raw: &Path, options: &Options) -> Result<Module> {
    let out = work_dir(root).join("wasm-bindgen");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    let split_dir = out.join("split");
    let main = split_dir.join(format!("{bin}.wasm"));
    let input = std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
    let main_module = format!("./{bin}.js");
    let link_name = format!("./{SPLIT_LOADER}");
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input);
        options.output_dir = &split_dir;
        options.main_out_path = &main;
        options.main_module = &main_module;
        options.link_name = &link_name;
        options
    })
    .map_err(|e| anyhow::anyhow!("{e:?}"))
    .with_context(|| format!("splitting {}", raw.display()))?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&main)
        .out_name(bin)
        .web(true)?
        .typescript(false)
        .keep_lld_exports(true)
        .demangle(false)
        .generate(&out)
        .with_context(|| format!("wasm-bindgen on {}", main.display()))?;
    if out.join("snippets").exists() {
        bail!("wasm-bindgen wrote JS snippets ({}); xtask does not copy them yet", out.join("snippets").display());
    }
    let bindgen_wasm = out.join(format!("{bin}_bg.wasm"));
    let optimized = out.join(format!("{bin}_opt.wasm"));
    let mut jobs = vec![(bindgen_wasm, optimized.clone())];
    let mut names = Vec::new();
    for path in &split.split_modules {
        let name = path.file_name().and_then(|n| n.to_str()).context("chunk file name")?.to_string();
        jobs.push((path.clone(), out.join(&name)));
        names.push(name);
    }
    wasm_opt_all(root, &jobs, options)?;
    let mut chunks = Vec::new();
    for name in names {
        let bytes = std::fs::read(out.join(&name))?;
        chunks.push((name, bytes));
    }
    chunks.sort();
    let loader_js = std::fs::read(split_dir.join(SPLIT_LOADER)).context("the splitter wrote no loader")?;
    Ok(Module { js: std::fs::read(out.join(format!("{bin}.js")))?, wasm: std::fs::read(&optimized)?, split: Split { loader_js, chunks } })
}

/// wasm-bindgen (web target, no TypeScript) for a module other than the app's: what `make bench`
/// needs for its comparison bench, without installing wasm-bindgen-cli.
pub fn bindgen(input: &Path, out: &Path) -> Result<()> {
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .web(true)?
        .typescript(false)
        .generate(out)
        .with_context(|| format!("wasm-bindgen on {}", input.display()))
}

/// Where xtask keeps its intermediate files (and [`crate::fingerprint`] its record).
pub fn work_dir(root: &Path) -> PathBuf {
    target_dir(root).join("xtask")
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).map_or_else(|| root.join("target"), |d| root.join(d))
}

/// `cargo rustc --release --features split` (without the feature when `split` is false: one
/// module, no chunks) for
/// wasm32, linking the app with `--emit-relocs` (the splitter reads the relocations); returns the
/// module cargo reports having written. Only the app's own crate gets the link argument, so its
/// dependencies are compiled once for every build of the app. It builds in a target directory of its own (`target/app`): cargo locks a target directory for
/// the whole build, and `make run`/`make test` compile the server in `target/` at the same time
/// (the two release builds' single-threaded LTO steps then overlap; nothing else in `target/` is a
/// release build for wasm32, so nothing is compiled twice).
pub fn cargo_build(root: &Path, bin: &str, split: bool) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .arg("rustc")
        .arg("--target-dir")
        .arg(target_dir(root).join("app"))
        .args(["--release", "--locked", "--target", "wasm32-unknown-unknown", "--bin", bin])
        .args(if split { &["--features", "split"][..] } else { &[] })
        .args(["--message-format", "json-render-diagnostics"])
        .args(["--", "-C", "link-arg=--emit-relocs"])
        .stderr(Stdio::inherit())
        .output()
        .context("running cargo")?;
    if !output.status.success() {
        bail!("cargo build of the app failed");
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == bin)
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f.as_str().map(PathBuf::from))
        .find(|f| f.extension().is_some_and(|e| e == "wasm"))
        .context("cargo built no .wasm for the app")
}

/// wasm-opt on every (input, output) pair, as many at once as the machine has cores (the first
/// module takes longest, so it goes first).
fn wasm_opt_all(root: &Path, jobs: &[(PathBuf, PathBuf)], options: &Options) -> Result<()> {
    let program = wasm_opt_program(root)?;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len().max(1));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    while let Some((input, output)) = jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                        wasm_opt(&program, input, output, options)?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().map_err(|_| anyhow::anyhow!("a wasm-opt worker panicked"))?)
    })
}

/// The wasm-opt to run: the one in node_modules (npm binaryen), else the one on PATH, refusing
/// any other version than [`WASM_OPT_VERSION`].
fn wasm_opt_program(root: &Path) -> Result<PathBuf> {
    let local = root.join("node_modules/.bin/wasm-opt");
    let program = if local.exists() { local } else { PathBuf::from("wasm-opt") };
    let version = Command::new(&program)
        .arg("--version")
        .output()
        .with_context(|| format!("running {} (npm ci installs binaryen 132)", program.display()))?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.contains(WASM_OPT_VERSION) {
        bail!(
            "{} is {}, not binaryen {WASM_OPT_VERSION} (run npm ci; see TOOLCHAIN.md on Debian's binaryen)",
            program.display(),
            version.trim()
        );
    }
    Ok(program)
}

/// Runs `program` (wasm-opt) with `-O<level>` (and `-g` to keep names).
fn wasm_opt(program: &Path, input: &Path, output: &Path, options: &Options) -> Result<()> {
    let run = Command::new(program)
        .arg(format!("--output={}", output.display()))
        .arg(format!("-O{}", options.opt_level))
        .args(options.keep_names.then_some("-g"))
        .arg(input)
        .output()
        .with_context(|| format!("running {}", program.display()))?;
    // The splitter's chunks carry a name subsection binaryen does not know; it says so once per
    // chunk and drops it (names are stripped anyway). Everything else it says is passed on.
    let said = String::from_utf8_lossy(&run.stderr);
    for line in said.lines().filter(|l| !l.starts_with("warning: unknown name subsection")) {
        eprintln!("{line}");
    }
    if !run.status.success() {
        bail!("wasm-opt failed on {}", input.display());
    }
    Ok(())
}
