//! Synthetic published results (every kommun, every indicator answered, seeded so every run
//! sees the same data) and the comparison the app computes over them.

use blomlada_domain::comparison::{compare, Selection};
use blomlada_domain::kommun;
use blomlada_domain::result_file::ResultFile;
use blomlada_domain::size_group::SizeGroup;
use blomlada_domain::IndicatorSet;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

/// A small deterministic generator (xorshift64*), so the data needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` complete result files for `set`, one per kommun in SCB order (n ≤ 290), as JSON values.
pub fn synthetic_results(set: &IndicatorSet, n: usize) -> Vec<Value> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let keys: Vec<&str> = set.scale_keys().collect();
    kommun::all()
        .iter()
        .take(n)
        .map(|k| {
            // Larger kommuner are further along, a little.
            let population = 2_500 + rng.below(200_000) as u32 * (1 + (rng.below(10) == 0) as u32 * 4);
            let lead = (population / 60_000) as u64;
            let answers: serde_json::Map<String, Value> = set
                .placed()
                .map(|p| {
                    let roll = rng.below(10) + lead;
                    let key = if roll >= 6 { keys[0] } else if roll >= 3 { keys[1 % keys.len()] } else { keys[keys.len() - 1] };
                    let mut a = json!({"answer": key});
                    if rng.below(5) == 0 {
                        a["comment"] = json!("Beslutat i KS, införs under året.");
                    }
                    (p.indicator.id.clone(), a)
                })
                .collect();
            json!({
                "format": "blomlada-result", "format_version": 1, "app_version": "bench",
                "set": {"set": set.id, "version": set.version},
                "kommun": {"code": k.code, "name": k.name},
                "population": population,
                "title": format!("Värdering {}", set.version),
                "created": "2026-02-01T08:00:00Z", "updated": "2026-03-01T08:00:00Z",
                "answers": answers,
            })
        })
        .collect()
}

/// The set and its results, parsed once; each call of a `compare_*` method is one comparison.
#[wasm_bindgen]
pub struct Bench {
    set: IndicatorSet,
    results: Vec<ResultFile>,
    results_json: String,
}

#[wasm_bindgen]
impl Bench {
    #[wasm_bindgen(constructor)]
    pub fn new(set_json: &str, n: usize) -> Result<Bench, String> {
        let set = IndicatorSet::parse(set_json, "set.json").map_err(|e| e.to_string())?;
        let values = synthetic_results(&set, n);
        let results = values
            .iter()
            .map(|v| ResultFile::parse(v.to_string().as_bytes(), |_| Some(&set)).map(|(f, _)| f))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{e:?}"))?;
        let results_json = Value::Array(values).to_string();
        Ok(Bench { set, results, results_json })
    }

    pub fn results(&self) -> usize {
        self.results.len()
    }

    pub fn indicators(&self) -> usize {
        self.set.indicator_count()
    }

    /// The results as one JSON array, as the app fetches them.
    pub fn results_json(&self) -> String {
        self.results_json.clone()
    }

    /// All results against the whole country; returns n.
    pub fn compare_all(&self) -> usize {
        compare(&self.set, self.results.iter(), &Selection::All).n()
    }

    /// One size group; returns n.
    pub fn compare_size_group(&self) -> usize {
        compare(&self.set, self.results.iter(), &Selection::SizeGroup(SizeGroup::From20kTo50k)).n()
    }

    /// Reads the results from JSON first (as after a fetch), then compares them all; returns n.
    pub fn parse_and_compare(&self, json: &str) -> usize {
        let files: Vec<ResultFile> = serde_json::from_str(json).expect("bench results are valid");
        compare(&self.set, files.iter(), &Selection::All).n()
    }
}
