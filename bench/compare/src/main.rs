//! `bench-compare compare SET.json [N]`: native timing of the comparison (JSON on stdout).
//! `bench-compare results SET.json DIR [N]`: writes N result files (DIR/KOD.json) to publish.

use std::time::Instant;

use blomlada_bench_compare::{synthetic_results, Bench};
use blomlada_domain::IndicatorSet;

fn stats(mut ms: Vec<f64>) -> serde_json::Value {
    ms.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
    serde_json::json!({"runs": ms.len(), "median_ms": at(0.5), "p95_ms": at(0.95), "min_ms": ms[0], "max_ms": ms[ms.len() - 1]})
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> serde_json::Value {
    for _ in 0..5 {
        std::hint::black_box(f());
    }
    stats(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: bench-compare compare SET.json [N] | bench-compare results SET.json DIR [N]";
    let set_json = std::fs::read_to_string(args.get(2).expect(usage)).expect("set file readable");
    match args.get(1).map(String::as_str) {
        Some("compare") => {
            let n = args.get(3).map(|n| n.parse().expect("N is a number")).unwrap_or(290);
            let bench = Bench::new(&set_json, n).expect("bench data");
            let json = bench.results_json();
            let out = serde_json::json!({
                "results": bench.results(),
                "indicators": bench.indicators(),
                "compare_all": time(200, || bench.compare_all()),
                "compare_size_group": time(200, || bench.compare_size_group()),
                "parse_and_compare": time(50, || bench.parse_and_compare(&json)),
            });
            println!("{out}");
        }
        Some("results") => {
            let dir = std::path::PathBuf::from(args.get(3).expect(usage));
            let n = args.get(4).map(|n| n.parse().expect("N is a number")).unwrap_or(290);
            let set = IndicatorSet::parse(&set_json, "set.json").expect("valid set");
            std::fs::create_dir_all(&dir).expect("output directory");
            for r in synthetic_results(&set, n) {
                let code = r["kommun"]["code"].as_str().unwrap().to_string();
                std::fs::write(dir.join(format!("{code}.json")), serde_json::to_string_pretty(&r).unwrap()).unwrap();
            }
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
