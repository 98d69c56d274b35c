//! `blomlada-indicators validate <dir>`: checks an `indicators/` directory — the index, every
//! set version and every concordance it lists — with the same domain validators the app and
//! the server use. Prints every error with its file and JSON path and exits 1 if there was
//! any; otherwise prints a short summary.

use std::path::Path;
use std::process::ExitCode;

use blomlada_domain::concordance::MappingKind;
use blomlada_domain::indicator_files::IndicatorFiles;

const USAGE: &str = "usage: blomlada-indicators validate <indicators-directory>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["validate", dir] => validate(dir),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn validate(dir: &str) -> ExitCode {
    let root = Path::new(dir);
    let label = if dir.ends_with('/') { dir.to_string() } else { format!("{dir}/") };
    let files = IndicatorFiles::load(&label, |path| std::fs::read_to_string(root.join(path)).map_err(|e| e.to_string()));

    if !files.errors.is_empty() {
        for error in &files.errors {
            eprintln!("{error}");
        }
        eprintln!("{} error(s) in {label}", files.errors.len());
        return ExitCode::FAILURE;
    }

    let Some(catalog) = &files.catalog else {
        eprintln!("{label}index.json did not load");
        return ExitCode::FAILURE;
    };
    println!("{label}index.json: {} set(s), default {}/{}", catalog.sets.len(), catalog.default.set, catalog.default.version);
    for (set_ref, set) in &files.sets {
        let groups: usize = set.areas.iter().map(|a| a.groups.len()).sum();
        let with_reference = set.placed().filter(|p| p.indicator.reference.is_some()).count();
        let file = catalog.version(set_ref).map(|v| v.file.as_str()).unwrap_or("?");
        println!(
            "{label}{file}: {}/{} — {} areas, {} groups, {} indicators, {} with reference shares",
            set_ref.set,
            set_ref.version,
            set.areas.len(),
            groups,
            set.indicator_count(),
            with_reference
        );
    }
    for (file, c) in &files.concordances {
        let counts = c.counts();
        let kinds: Vec<String> = MappingKind::ALL.iter().filter_map(|k| counts.get(k).map(|n| format!("{n} {k}"))).collect();
        let comparable = c.comparable_pairs(&c.from, &c.to).map(|p| p.count()).unwrap_or(0);
        println!("{label}{file}: {} {}→{} — {}; {comparable} comparable", c.set, c.from, c.to, kinds.join(", "));
    }
    println!("OK");
    ExitCode::SUCCESS
}
