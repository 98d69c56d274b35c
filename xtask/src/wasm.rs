//! The app's WASM module: cargo builds it, wasm-bindgen (the library, the version the app's
//! Cargo.lock pins) writes the JS glue, npm binaryen's wasm-opt shrinks it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// What the browser loads: the JS glue and the module it instantiates.
pub struct Module {
    pub js: Vec<u8>,
    pub wasm: Vec<u8>,
}

/// binaryen's version that works with this wasm-bindgen (Debian's 108 breaks the app at load).
const WASM_OPT_VERSION: &str = "version_132";

pub fn build(root: &Path, bin: &str, opt_level: &str) -> Result<Module> {
    let raw = cargo_build(root, bin)?;
    let out = target_dir(root).join("xtask").join("wasm-bindgen");
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&raw)
        .out_name(bin)
        .web(true)?
        .typescript(false)
        .generate(&out)
        .with_context(|| format!("wasm-bindgen on {}", raw.display()))?;
    if out.join("snippets").exists() {
        bail!("wasm-bindgen wrote JS snippets ({}); xtask does not copy them yet", out.join("snippets").display());
    }
    let bindgen_wasm = out.join(format!("{bin}_bg.wasm"));
    let optimized = out.join(format!("{bin}_opt.wasm"));
    wasm_opt(root, &bindgen_wasm, &optimized, opt_level)?;
    Ok(Module { js: std::fs::read(out.join(format!("{bin}.js")))?, wasm: std::fs::read(&optimized)? })
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).map_or_else(|| root.join("target"), |d| root.join(d))
}

/// `cargo build --release` for wasm32; returns the module cargo reports having written.
fn cargo_build(root: &Path, bin: &str) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(root)
        .args(["build", "--release", "--locked", "--target", "wasm32-unknown-unknown", "--bin", bin])
        .args(["--message-format", "json-render-diagnostics"])
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

/// Runs wasm-opt `-O<level>`: the one in node_modules (npm binaryen), else the one on PATH,
/// refusing any other version than [`WASM_OPT_VERSION`].
fn wasm_opt(root: &Path, input: &Path, output: &Path, level: &str) -> Result<()> {
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
    let status = Command::new(&program)
        .arg(format!("--output={}", output.display()))
        .arg(format!("-O{level}"))
        .arg(input)
        .status()
        .with_context(|| format!("running {}", program.display()))?;
    if !status.success() {
        bail!("wasm-opt failed on {}", input.display());
    }
    Ok(())
}
