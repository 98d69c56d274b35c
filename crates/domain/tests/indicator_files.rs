//! The files under `indicators/` as shipped: they validate with the domain's own validators,
//! released versions keep their ids and texts, the concordances cover both versions, and
//! answers carry over between the real versions as the concordance says.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use blomlada_domain::assessment::{Response, ReviewReason};
use blomlada_domain::carry_over::{carry_over, CarryOutcome};
use blomlada_domain::catalog::SetRef;
use blomlada_domain::concordance::{Concordance, MappingKind};
use blomlada_domain::indicator_files::IndicatorFiles;
use blomlada_domain::plan::{Plan, PlanStatus, Target};
use blomlada_domain::{IndicatorSet, Timestamp};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../indicators")
}

fn load() -> IndicatorFiles {
    let root = dir();
    IndicatorFiles::load("indicators/", |path| std::fs::read_to_string(root.join(path)).map_err(|e| e.to_string()))
}

fn loaded() -> IndicatorFiles {
    let files = load();
    if let Err(errors) = files.result() {
        panic!("indicators/ does not validate:\n{errors}");
    }
    files
}

fn set(files: &IndicatorFiles, version: &str) -> IndicatorSet {
    files.sets[&SetRef { set: "eblomlada".into(), version: version.into() }].clone()
}

fn concordance(files: &IndicatorFiles) -> Concordance {
    files.concordance_between("eblomlada", "2014", "2026").expect("a 2014–2026 concordance").clone()
}

fn json_files(root: &Path, under: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(under).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_file_validates_and_every_file_is_listed() {
    let files = loaded();
    let catalog = files.catalog.as_ref().unwrap();
    assert_eq!(catalog.default, SetRef { set: "eblomlada".into(), version: "2026".into() }, "2026 is the default");
    assert!(files.sets.contains_key(&SetRef { set: "eblomlada".into(), version: "2014".into() }));

    let mut listed: HashSet<String> = ["index.json".to_string(), "released-ids.json".to_string()].into_iter().collect();
    for s in &catalog.sets {
        listed.extend(s.versions.iter().map(|v| v.file.clone()));
        listed.extend(s.concordances.iter().map(|c| c.file.clone()));
    }
    let mut found = Vec::new();
    json_files(&dir(), &dir(), &mut found);
    for file in found {
        if let Some(schema) = file.strip_prefix("schema/") {
            let text = std::fs::read_to_string(dir().join(&file)).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("schema/{schema}: {e}"));
            assert_eq!(value["$schema"], "https://json-schema.org/draft/2020-12/schema", "schema/{schema}");
            continue;
        }
        assert!(listed.contains(&file), "indicators/{file} is not listed in index.json, so nothing validates or uses it");
    }
}

#[test]
fn ids_are_unique_and_well_formed_in_every_version() {
    let files = loaded();
    for (r, set) in &files.sets {
        let mut seen = HashSet::new();
        for p in set.placed() {
            let id = &p.indicator.id;
            assert!(seen.insert(id.clone()), "{}/{}: {id} twice", r.set, r.version);
            assert!(
                id.starts_with(&format!("{}.{}.", p.area.id, p.group.id)),
                "{}/{}: {id} is not area.group.slug ({}.{})",
                r.set,
                r.version,
                p.area.id,
                p.group.id
            );
        }
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Registry {
    format: u32,
    /// set → version → indicator id → Swedish text
    released: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>,
}

/// A released version is a promise: saved and published results name its ids, and an answer
/// means what the text said. So its ids never disappear and its Swedish texts never change; a
/// change of meaning is a new id in a new version, recorded in the concordance.
#[test]
fn released_versions_keep_their_ids_and_texts() {
    let files = loaded();
    let text = std::fs::read_to_string(dir().join("released-ids.json")).unwrap();
    let registry: Registry = serde_json::from_str(&text).expect("released-ids.json reads");
    assert_eq!(registry.format, 1);
    assert!(registry.released.contains_key("eblomlada"));
    let mut problems = Vec::new();
    for (set_id, versions) in &registry.released {
        for (version, ids) in versions {
            let Some(set) = files.sets.get(&SetRef { set: set_id.clone(), version: version.clone() }) else {
                problems.push(format!("{set_id}/{version} is released but no longer listed in index.json"));
                continue;
            };
            let texts: HashMap<&str, &str> = set.placed().map(|p| (p.indicator.id.as_str(), p.indicator.text.sv.as_str())).collect();
            for (id, registered) in ids {
                match texts.get(id.as_str()) {
                    None => problems.push(format!("{set_id}/{version}: released indicator {id} has disappeared")),
                    Some(now) if now != registered => problems.push(format!(
                        "{set_id}/{version}: the Swedish text of released indicator {id} changed\n  was: {registered}\n  now: {now}\n  (a new meaning needs a new id in a new version)"
                    )),
                    Some(_) => {}
                }
            }
            for id in texts.keys() {
                if !ids.contains_key(*id) {
                    problems.push(format!("{set_id}/{version}: indicator {id} was added to a released version"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_concordance_covers_both_versions_exactly_once() {
    let files = loaded();
    let c = concordance(&files);
    for (version, side) in [("2014", 0), ("2026", 1)] {
        let set = set(&files, version);
        let mut count: HashMap<&str, usize> = HashMap::new();
        for m in &c.mappings {
            for id in if side == 0 { &m.from } else { &m.to } {
                *count.entry(id.as_str()).or_default() += 1;
            }
        }
        for p in set.placed() {
            assert_eq!(count.get(p.indicator.id.as_str()), Some(&1), "{version}: {}", p.indicator.id);
        }
        assert_eq!(count.len(), set.indicator_count(), "{version}: the concordance names only indicators of the set");
    }
    for (i, m) in c.mappings.iter().enumerate() {
        if m.kind != MappingKind::Same {
            assert!(m.note.as_deref().is_some_and(|n| !n.trim().is_empty()), "mappings[{i}] ({}) needs a note saying why", m.kind);
        }
    }
    let comparable = c.comparable_pairs("2014", "2026").unwrap();
    let counts = c.counts();
    assert_eq!(comparable.count(), counts[&MappingKind::Same] + counts[&MappingKind::Reworded]);
    assert_eq!(c.comparable_pairs("2026", "2014").unwrap().count(), comparable.count());
}

#[test]
fn reference_shares_are_percentages_and_groups_fit_their_stated_count() {
    let files = loaded();
    for (r, set) in &files.sets {
        for area in &set.areas {
            for group in &area.groups {
                if let Some(stated) = group.stated_count {
                    assert!(
                        group.indicators.len() as u32 <= stated,
                        "{}/{} {}: {} > {stated}",
                        r.set,
                        r.version,
                        group.id,
                        group.indicators.len()
                    );
                }
                for ind in &group.indicators {
                    for (key, share) in ind.reference.iter().flatten() {
                        assert!(set.option(key).is_some(), "{}: unknown answer key {key}", ind.id);
                        if let Some(p) = share {
                            assert!(*p <= 100, "{}: {key} {p} %", ind.id);
                        }
                    }
                    if let (Some(helt), Some(delvis)) = (
                        ind.reference.as_ref().and_then(|r| r.get("helt").copied().flatten()),
                        ind.reference.as_ref().and_then(|r| r.get("delvis").copied().flatten()),
                    ) {
                        assert!(helt + delvis <= 100, "{}: helt + delvis above 100 %", ind.id);
                    }
                }
            }
        }
    }
    assert!(set(&files, "2026").placed().all(|p| p.indicator.reference.is_none()), "2026 has no reference shares yet");
    assert!(set(&files, "2026").reference.is_none());
}

/// The figures the report states, as a guard against slips when editing 2014.json.
#[test]
fn the_2014_set_carries_the_reports_figures() {
    let files = loaded();
    let s = set(&files, "2014");
    let share = |id: &str, key: &str| -> Option<u32> {
        s.find(id).unwrap_or_else(|| panic!("{id} missing")).indicator.reference.as_ref()?.get(key).copied().flatten()
    };
    for (id, helt, delvis) in [
        ("tjanster.allmanheten.webbsandning", 67, None),
        ("tjanster.kultur-fritid.boka-anlaggningar", 43, None),
        ("tjanster.boende-trafik.vattenmatare", 43, None),
        ("tjanster.foretagare.sommarjobb", 68, None),
        ("tjanster.foretagare.livsmedel", 23, None),
        ("tjanster.barn-elever.gymnasium-antagning", 81, None),
        ("tjanster.barn-elever.grundskola-antagning", 27, None),
        ("tjanster.aldre-omsorg.trygghetslarm", 70, Some(22)),
        ("tjanster.aldre-omsorg.insatser-information", 1, None),
        ("verksamhet.kommunovergripande.regional-agenda", 67, None),
        ("verksamhet.kommunovergripande.e-arkiv", 5, Some(20)),
        ("verksamhet.kommunovergripande.mina-meddelanden", 4, Some(11)),
        ("verksamhet.kommunovergripande.oppna-data", 28, None),
        ("verksamhet.skola.digital-kompetens", 47, None),
        ("verksamhet.naringsliv.anvandbarhet", 8, None),
        ("it.tekniska-forutsattningar.bredbandsstrategi", 77, None),
        ("it.tekniska-forutsattningar.tvafaktor", 53, None),
    ] {
        assert_eq!(share(id, "helt"), Some(helt), "{id} helt");
        assert_eq!(share(id, "delvis"), delvis, "{id} delvis");
    }
    let stated: BTreeMap<&str, u32> = s.areas[0].groups.iter().map(|g| (g.id.as_str(), g.stated_count.unwrap())).collect();
    assert_eq!(stated.values().sum::<u32>(), 65, "the report's 65 service indicators");
    assert_eq!(s.group("verksamhet", "kommunovergripande").unwrap().stated_count, Some(20));
    assert_eq!(s.group("it", "tekniska-forutsattningar").unwrap().stated_count, Some(17));
    // The per-verksamhetsområde questions are the same in every område (Tabell 7–12); Tabell 10
    // has no row for Allmänheten.
    for g in &s.areas[1].groups[1..] {
        let slugs: Vec<&str> = g.indicators.iter().map(|i| i.id.rsplit('.').next().unwrap()).collect();
        let expected: &[&str] = if g.id == "allmanheten" {
            &["utvecklat", "kartlaggning", "anvandbarhet", "ledning-it", "digital-kompetens"]
        } else {
            &["utvecklat", "kartlaggning", "anvandbarhet", "handlaggningstider", "ledning-it", "digital-kompetens"]
        };
        assert_eq!(slugs, expected, "verksamhet.{}", g.id);
    }
    // Fotnot 16: the general "söka jobb" indicator had been removed before this version.
    assert!(s.placed().all(|p| !p.indicator.text.sv.contains("söka jobb")));
}

#[test]
fn every_text_has_an_english_translation() {
    let files = loaded();
    for (r, set) in &files.sets {
        assert!(set.translated_languages.iter().any(|l| l == "en"), "{}/{}", r.set, r.version);
        assert!(set.title.en.is_some() && set.description.as_ref().is_some_and(|d| d.en.is_some()));
        for area in &set.areas {
            assert!(area.title.en.is_some(), "{}: area {}", r.version, area.id);
            for group in &area.groups {
                assert!(group.title.en.is_some(), "{}: group {}", r.version, group.id);
                for ind in &group.indicators {
                    assert!(ind.text.en.as_deref().is_some_and(|t| !t.trim().is_empty()), "{}: {}", r.version, ind.id);
                }
            }
        }
    }
}

fn all_answered(set: &IndicatorSet, answer: &str) -> BTreeMap<String, Response> {
    set.placed()
        .map(|p| {
            let r = Response { answer: Some(answer.into()), updated: Timestamp(1), ..Response::default() };
            (p.indicator.id.clone(), r)
        })
        .collect()
}

#[test]
fn carry_over_2014_to_2026() {
    let files = loaded();
    let (old, new, c) = (set(&files, "2014"), set(&files, "2026"), concordance(&files));
    let counts = c.counts();
    let out = carry_over(&old, &new, &c, &all_answered(&old, "helt")).unwrap();
    assert_eq!(out.indicators.len(), new.indicator_count());
    assert_eq!(out.count(CarryOutcome::Carried), counts[&MappingKind::Same]);
    let split_parts: usize = c.mappings.iter().filter(|m| m.kind == MappingKind::Split).map(|m| m.to.len()).sum();
    assert_eq!(
        out.count(CarryOutcome::CarriedForReview),
        counts[&MappingKind::Reworded] + split_parts + counts[&MappingKind::Merged],
        "reworded, every part of a split, and merges whose sources agree"
    );
    assert_eq!(out.count(CarryOutcome::NeedsAnswer), counts[&MappingKind::New]);
    assert_eq!(out.dropped.len(), counts[&MappingKind::Removed]);
    assert!(out.dropped.iter().any(|d| d.indicator == "tjanster.aldre-omsorg.trygghetslarm"));

    let platform = out.get("tjanster.barn-elever.skolplattform").unwrap();
    assert_eq!((platform.kind, platform.outcome), (MappingKind::Merged, CarryOutcome::CarriedForReview));
    assert_eq!(platform.sources.len(), 4);

    // The school forms answered differently: the merged indicator needs a fresh answer.
    let mut answers = all_answered(&old, "helt");
    answers.get_mut("tjanster.barn-elever.sarskola-utveckling").unwrap().answer = Some("delvis".into());
    let out = carry_over(&old, &new, &c, &answers).unwrap();
    let platform = out.get("tjanster.barn-elever.skolplattform").unwrap();
    assert_eq!(platform.outcome, CarryOutcome::NeedsAnswer);
    assert_eq!(platform.review.as_ref().unwrap().reason, ReviewReason::FreshAnswer);

    // Into an assessment: answers and review marks, all stamped now.
    let responses = out.responses(Timestamp(500));
    assert_eq!(responses["tjanster.allmanheten.e-faktura"].answer.as_deref(), Some("helt"));
    assert!(responses["tjanster.allmanheten.e-faktura"].review.is_none());
    let reworded = &responses["verksamhet.kommunovergripande.digital-post"];
    assert_eq!(reworded.answer.as_deref(), Some("helt"));
    assert_eq!(reworded.review.as_ref().unwrap().reason, ReviewReason::Reworded);
    assert_eq!(reworded.review.as_ref().unwrap().earlier[0].indicator, "verksamhet.kommunovergripande.mina-meddelanden");
    assert!(responses.values().all(|r| r.updated == Timestamp(500)));
    for id in responses.keys() {
        assert!(new.contains(id), "{id} is not a 2026 indicator");
    }
}

#[test]
fn carry_over_2026_back_to_2014() {
    let files = loaded();
    let (old, new, c) = (set(&files, "2014"), set(&files, "2026"), concordance(&files));
    let counts = c.counts();
    let out = carry_over(&new, &old, &c, &all_answered(&new, "delvis")).unwrap();
    assert_eq!(out.indicators.len(), old.indicator_count());
    assert_eq!(out.count(CarryOutcome::Carried), counts[&MappingKind::Same]);
    // Backwards a merge is a split and a split a merge.
    let merged_parts: usize = c.mappings.iter().filter(|m| m.kind == MappingKind::Merged).map(|m| m.from.len()).sum();
    assert_eq!(out.count(CarryOutcome::CarriedForReview), counts[&MappingKind::Reworded] + merged_parts + counts[&MappingKind::Split]);
    assert_eq!(out.count(CarryOutcome::NeedsAnswer), counts[&MappingKind::Removed], "what 2026 retired is new seen from 2026");
    assert_eq!(out.dropped.len(), counts[&MappingKind::New]);
    let trygghetslarm = out.get("tjanster.aldre-omsorg.trygghetslarm").unwrap();
    assert_eq!((trygghetslarm.kind, trygghetslarm.outcome), (MappingKind::New, CarryOutcome::NeedsAnswer));
    let nytta = out.get("verksamhet.kommunovergripande.nyttohemtagning").unwrap();
    assert_eq!((nytta.kind, nytta.outcome, nytta.answer.as_deref()), (MappingKind::Merged, CarryOutcome::CarriedForReview, Some("delvis")));
}

#[test]
fn comparable_pairs_between_the_real_versions() {
    let files = loaded();
    let c = concordance(&files);
    let pairs = c.comparable_pairs("2014", "2026").unwrap();
    assert_eq!(pairs.partner_of("tjanster.allmanheten.mina-sidor"), Some("tjanster.allmanheten.folja-arenden"));
    assert_eq!(pairs.partner_of("tjanster.allmanheten.e-faktura"), Some("tjanster.allmanheten.e-faktura"));
    assert_eq!(pairs.partner_of("tjanster.aldre-omsorg.trygghetslarm"), None, "retired: not comparable");
    assert_eq!(pairs.partner_of("tjanster.barn-elever.grundskola-forum"), None, "merged: not comparable");
}

/// Every indicator of `set` answered `answer` with a target `target` by 2027 and an action.
fn all_planned(set: &IndicatorSet, answer: &str, target: &str) -> BTreeMap<String, Response> {
    all_answered(set, answer)
        .into_iter()
        .map(|(id, mut r)| {
            r.plan = Plan {
                target: Some(Target { answer: target.into(), year: Some(2027) }),
                responsible: "IT-avdelningen".into(),
                action: format!("Åtgärd för {id}"),
                status: Some(PlanStatus::Pagar),
                earlier: None,
            };
            (id, r)
        })
        .collect()
}

#[test]
fn targets_and_actions_carry_over_2014_to_2026_and_no_answer_becomes_not_relevant() {
    let files = loaded();
    let (old, new, c) = (set(&files, "2014"), set(&files, "2026"), concordance(&files));
    assert_eq!(old.scale_keys().collect::<Vec<_>>(), vec!["helt", "delvis", "inte"], "the 2014 set keeps its three options");
    assert!(!new.counts("ej_relevant") && new.option("ej_relevant").is_some(), "2026 declares ej_relevant as not counting");
    let out = carry_over(&old, &new, &c, &all_planned(&old, "inte", "helt")).unwrap();
    assert!(out.indicators.iter().all(|i| i.answer.as_deref() != Some("ej_relevant")), "a 2014 answer never becomes \"ej relevant\"");
    let counts = c.counts();
    let with_target = out.indicators.iter().filter(|i| i.plan.target.is_some()).count();
    let split_parts: usize = c.mappings.iter().filter(|m| m.kind == MappingKind::Split).map(|m| m.to.len()).sum();
    assert_eq!(
        with_target,
        counts[&MappingKind::Same] + counts[&MappingKind::Reworded] + split_parts + counts[&MappingKind::Merged],
        "every indicator with an earlier one gets its target (merges agree here: all targets are the same)"
    );
    let same = out.indicators.iter().find(|i| i.kind == MappingKind::Same).unwrap();
    assert_eq!(same.plan.action, format!("Åtgärd för {}", same.indicator));
    let earlier = same.plan.earlier.as_ref().expect("a carried target is followed up");
    assert_eq!((earlier.target.answer.as_str(), earlier.answer.as_deref()), ("helt", Some("inte")));
    let fresh = out.indicators.iter().find(|i| i.kind == MappingKind::New).unwrap();
    assert!(fresh.plan.is_empty(), "a new indicator has no plan yet");
    let responses = out.responses(Timestamp(9));
    assert!(responses.values().filter(|r| r.plan.target.is_some()).count() == with_target);
}

#[test]
fn not_relevant_in_2026_needs_a_fresh_answer_in_2014() {
    let files = loaded();
    let (old, new, c) = (set(&files, "2014"), set(&files, "2026"), concordance(&files));
    let out = carry_over(&new, &old, &c, &all_answered(&new, "ej_relevant")).unwrap();
    assert_eq!(out.count(CarryOutcome::Carried) + out.count(CarryOutcome::CarriedForReview), 0, "2014 has no such answer");
    assert!(out.indicators.iter().all(|i| i.answer.is_none()));
}
