//! The versioned indicator set (`indikatoruppsättning`): areas → groups → indicators, with the
//! answer scale declared in the file so that sets with other scales load too.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::language::text::Localized;
use crate::sets::validation::{is_valid_id, parse_json, Collector, ValidationErrors};

/// The set-file format this code reads.
pub const SET_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSet {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Localized>,
    /// Languages whose texts are translations rather than originals.
    #[serde(default)]
    pub translated_languages: Vec<String>,
    pub scale: Scale,
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
    /// What the per-indicator reference shares describe, e.g. "Riket 2016 (141 kommuner)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ReferenceInfo>,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub options: Vec<ScaleOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleOption {
    pub key: String,
    pub label: Localized,
    /// 1.0 for fully met down to 0.0 for not met. Not used for an option that does not count.
    pub score: f64,
    /// False for an answer such as "Ej relevant för oss": it is recorded and shown, but left
    /// out of every share and never a target, so a kommun without a service is not marked down.
    #[serde(default = "counts_by_default", skip_serializing_if = "is_true")]
    pub counts: bool,
}

fn counts_by_default() -> bool {
    true
}

fn is_true(value: &bool) -> bool {
    *value
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub file: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceInfo {
    pub label: Localized,
    pub n: u32,
    pub source: String,
}

/// Where an area is drawn in the flower box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AreaRole {
    /// Digitala välfärdstjänster: one flower per group, one petal per indicator.
    Flowers,
    /// Verksamhetsutveckling: one stacked bar per group (the grass).
    Bars,
    /// IT som möjliggörare: one tile per indicator (the soil).
    Tiles,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub role: AreaRole,
    pub title: Localized,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: Localized,
    /// How many indicators the source says the group has; may exceed the ones it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_count: Option<u32>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub text: Localized,
    pub source: SourceRef,
    /// Reference shares in percent per answer key (e.g. `{"helt": 81}`), where the source gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<BTreeMap<String, Option<u32>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    #[serde(rename = "ref")]
    pub source: String,
    pub locator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An indicator with the area and group it sits in.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub area: &'a Area,
    pub group: &'a Group,
    pub indicator: &'a Indicator,
}

impl IndicatorSet {
    /// Parses and validates a set file; `file` names it in every error.
    pub fn parse(json: &str, file: &str) -> Result<IndicatorSet, ValidationErrors> {
        let set: IndicatorSet = parse_json(json, file)?;
        set.validate(file)?;
        Ok(set)
    }

    /// Checks what JSON's shape alone cannot: ids, emptiness, references between parts.
    pub fn validate(&self, file: &str) -> Result<(), ValidationErrors> {
        let mut c = Collector::new(file);
        self.check_header(&mut c);
        let keys = self.check_scale(&mut c);
        self.check_sources(&mut c);
        if self.areas.is_empty() {
            c.push("areas", "the set has no areas");
        }
        let mut area_ids = HashMap::new();
        let mut indicator_ids: HashMap<&str, String> = HashMap::new();
        for (ai, area) in self.areas.iter().enumerate() {
            let apath = format!("areas[{ai}]");
            if !is_valid_id(&area.id) {
                c.push(format!("{apath}.id"), format!("area id {:?} is not a valid id", area.id));
            }
            if let Some(first) = area_ids.insert(area.id.as_str(), ai) {
                c.push(format!("{apath}.id"), format!("area id {:?} duplicates areas[{first}]", area.id));
            }
            check_text(&mut c, &format!("{apath}.title"), &area.title);
            if area.groups.is_empty() {
                c.push(format!("{apath}.groups"), format!("area {:?} has no groups", area.id));
            }
            let mut group_ids = HashMap::new();
            for (gi, group) in area.groups.iter().enumerate() {
                let gpath = format!("{apath}.groups[{gi}]");
                if let Some(first) = group_ids.insert(group.id.as_str(), gi) {
                    c.push(format!("{gpath}.id"), format!("group id {:?} duplicates {apath}.groups[{first}]", group.id));
                }
                check_group(&mut c, &gpath, group);
                for (ii, ind) in group.indicators.iter().enumerate() {
                    let ipath = format!("{gpath}.indicators[{ii}]");
                    if let Some(first) = indicator_ids.insert(ind.id.as_str(), ipath.clone()) {
                        c.push(format!("{ipath}.id"), format!("duplicate indicator id {:?} (first at {first})", ind.id));
                    }
                    self.check_indicator(&mut c, &ipath, ind, &keys);
                }
            }
        }
        c.finish(())
    }

    fn check_header(&self, c: &mut Collector) {
        if self.format != SET_FORMAT {
            c.push("format", format!("format version {} is not supported (this app reads {SET_FORMAT})", self.format));
        }
        if !is_valid_id(&self.id) {
            c.push("id", format!("set id {:?} must be lowercase letters, digits, '.', '-' or '_'", self.id));
        }
        if self.version.trim().is_empty() {
            c.push("version", "version is empty");
        }
        check_text(c, "title", &self.title);
        for (i, lang) in self.translated_languages.iter().enumerate() {
            if lang != "en" && lang != "sv" {
                c.push(format!("translated_languages[{i}]"), format!("unknown language {lang:?}"));
            }
        }
    }

    /// The scale's checks; returns its keys (indicators' reference shares name them).
    fn check_scale(&self, c: &mut Collector) -> HashMap<&str, usize> {
        if self.scale.options.is_empty() {
            c.push("scale.options", "the answer scale has no options");
        } else if !self.scale.options.iter().any(|o| o.counts) {
            c.push("scale.options", "every option has \"counts\": false; at least one answer must count");
        }
        let mut keys = HashMap::new();
        for (i, option) in self.scale.options.iter().enumerate() {
            let path = format!("scale.options[{i}]");
            if !is_valid_id(&option.key) {
                c.push(format!("{path}.key"), format!("answer key {:?} must be lowercase letters or digits", option.key));
            }
            if let Some(first) = keys.insert(option.key.as_str(), i) {
                c.push(format!("{path}.key"), format!("answer key {:?} duplicates scale.options[{first}]", option.key));
            }
            check_text(c, &format!("{path}.label"), &option.label);
            if !(0.0..=1.0).contains(&option.score) {
                c.push(format!("{path}.score"), format!("score {} is outside 0–1", option.score));
            }
        }
        keys
    }

    fn check_sources(&self, c: &mut Collector) {
        for (key, source) in &self.sources {
            if source.file.trim().is_empty() || source.title.trim().is_empty() {
                c.push(format!("sources.{key}"), "a source needs a file and a title");
            }
        }
        if let Some(reference) = &self.reference {
            check_text(c, "reference.label", &reference.label);
            if !self.sources.contains_key(&reference.source) {
                c.push("reference.source", format!("unknown source {:?}", reference.source));
            }
        }
    }

    fn check_indicator(&self, c: &mut Collector, ipath: &str, ind: &Indicator, keys: &HashMap<&str, usize>) {
        if !is_valid_id(&ind.id) {
            c.push(format!("{ipath}.id"), format!("indicator id {:?} must be lowercase letters, digits, '.', '-' or '_'", ind.id));
        }
        check_text(c, &format!("{ipath}.text"), &ind.text);
        if !self.sources.contains_key(&ind.source.source) {
            c.push(format!("{ipath}.source.ref"), format!("unknown source {:?}", ind.source.source));
        }
        if ind.source.locator.trim().is_empty() {
            c.push(format!("{ipath}.source.locator"), "source locator (figure, table or section) is empty");
        }
        let Some(reference) = &ind.reference else { return };
        for (key, percent) in reference {
            if !keys.contains_key(key.as_str()) {
                c.push(format!("{ipath}.reference.{key}"), format!("unknown answer key {key:?}"));
            }
            if let Some(p) = percent.filter(|p| *p > 100) {
                c.push(format!("{ipath}.reference.{key}"), format!("share {p} % is outside 0–100"));
            }
        }
        if self.reference.is_none() {
            c.push(format!("{ipath}.reference"), "reference shares need a top-level \"reference\" saying what they describe");
        }
    }

    /// "eBlomlådan 2026": the title, with the version unless the title already says it.
    pub fn name(&self, lang: crate::language::text::Lang) -> String {
        let title = self.title.get(lang);
        if title.contains(&self.version) {
            title.to_string()
        } else {
            format!("{title} {}", self.version)
        }
    }

    pub fn scale_keys(&self) -> impl Iterator<Item = &str> {
        self.scale.options.iter().map(|o| o.key.as_str())
    }

    pub fn option(&self, key: &str) -> Option<&ScaleOption> {
        self.scale.options.iter().find(|o| o.key == key)
    }

    pub fn option_index(&self, key: &str) -> Option<usize> {
        self.scale.options.iter().position(|o| o.key == key)
    }

    /// Whether an answer with this key counts in shares (false for "ej relevant" and for keys
    /// the scale lacks).
    pub fn counts(&self, key: &str) -> bool {
        self.option(key).is_some_and(|o| o.counts)
    }

    /// The scale's best option: the counting one with the highest score, the first on ties
    /// (*helt*). The one rule behind every "andel helt", caption and sort by best share.
    pub fn best_option(&self) -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, o) in self.scale.options.iter().enumerate().filter(|(_, o)| o.counts) {
            if best.is_none_or(|(_, score)| o.score > score) {
                best = Some((i, o.score));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Per option in the scale's order: whether it counts in shares.
    pub fn counting(&self) -> Vec<bool> {
        self.scale.options.iter().map(|o| o.counts).collect()
    }

    /// Every indicator in reading order, with its area and group.
    pub fn placed(&self) -> impl Iterator<Item = Placed<'_>> {
        self.areas.iter().flat_map(|area| {
            area.groups.iter().flat_map(move |group| group.indicators.iter().map(move |indicator| Placed { area, group, indicator }))
        })
    }

    pub fn find(&self, indicator_id: &str) -> Option<Placed<'_>> {
        self.placed().find(|p| p.indicator.id == indicator_id)
    }

    pub fn contains(&self, indicator_id: &str) -> bool {
        self.find(indicator_id).is_some()
    }

    pub fn indicator_count(&self) -> usize {
        self.areas.iter().flat_map(|a| &a.groups).map(|g| g.indicators.len()).sum()
    }

    pub fn group(&self, area_id: &str, group_id: &str) -> Option<&Group> {
        self.areas.iter().find(|a| a.id == area_id)?.groups.iter().find(|g| g.id == group_id)
    }
}

fn check_group(c: &mut Collector, gpath: &str, group: &Group) {
    if !is_valid_id(&group.id) {
        c.push(format!("{gpath}.id"), format!("group id {:?} is not a valid id", group.id));
    }
    check_text(c, &format!("{gpath}.title"), &group.title);
    if group.indicators.is_empty() {
        c.push(format!("{gpath}.indicators"), format!("group {:?} has no indicators", group.id));
    }
    if let Some(stated) = group.stated_count.filter(|stated| group.indicators.len() as u32 > *stated) {
        c.push(format!("{gpath}.stated_count"), format!("group has {} indicators but the source states {stated}", group.indicators.len()));
    }
}

fn check_text(c: &mut Collector, path: &str, text: &Localized) {
    if text.sv.trim().is_empty() {
        c.push(format!("{path}.sv"), "Swedish text is empty");
    }
    if let Some(en) = &text.en {
        if en.trim().is_empty() {
            c.push(format!("{path}.en"), "English text is empty (leave it out instead)");
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small but complete set in the real format, shared by the domain's unit tests.
    pub(crate) const SAMPLE: &str = r#"{
      "format": 1, "id": "test", "version": "1",
      "title": {"sv": "Testuppsättning", "en": "Test set"},
      "translated_languages": ["en"],
      "scale": {"options": [
        {"key": "helt", "label": {"sv": "Uppfyller helt", "en": "Fully met"}, "score": 1.0},
        {"key": "delvis", "label": {"sv": "Uppfyller delvis", "en": "Partly met"}, "score": 0.5},
        {"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0}]},
      "sources": {"skl2016": {"file": "002.txt", "title": "SKL 2016", "year": 2016}},
      "reference": {"label": {"sv": "Riket 2016"}, "n": 141, "source": "skl2016"},
      "areas": [
        {"id": "tjanster", "role": "flowers", "title": {"sv": "Tjänster"}, "groups": [
          {"id": "skola", "title": {"sv": "Barn och elever"}, "stated_count": 16, "indicators": [
            {"id": "tjanster.skola.gymnasium", "text": {"sv": "Antagning till gymnasium"}, "source": {"ref": "skl2016", "locator": "Figur 12"}, "reference": {"helt": 81}},
            {"id": "tjanster.skola.franvaro", "text": {"sv": "Frånvaroanmälan"}, "source": {"ref": "skl2016", "locator": "Figur 12"}}]},
          {"id": "omsorg", "title": {"sv": "Äldre"}, "indicators": [
            {"id": "tjanster.omsorg.larm", "text": {"sv": "Digitala trygghetslarm"}, "source": {"ref": "skl2016", "locator": "Figur 14"}, "reference": {"helt": 70}}]}]},
        {"id": "verksamhet", "role": "bars", "title": {"sv": "Verksamhet"}, "groups": [
          {"id": "skola", "title": {"sv": "Skola"}, "indicators": [
            {"id": "verksamhet.skola.utvecklat", "text": {"sv": "Utvecklat verksamheten"}, "source": {"ref": "skl2016", "locator": "Tabell 7"}, "reference": {"helt": 43}}]}]},
        {"id": "it", "role": "tiles", "title": {"sv": "IT"}, "groups": [
          {"id": "it", "title": {"sv": "IT"}, "indicators": [
            {"id": "it.tvafaktor", "text": {"sv": "Tvåfaktorsautentisering"}, "source": {"ref": "skl2016", "locator": "Figur 20"}},
            {"id": "it.bredband", "text": {"sv": "Bredbandsstrategi"}, "source": {"ref": "skl2016", "locator": "Figur 19"}}]}]}
      ]}"#;

    pub(crate) fn sample() -> IndicatorSet {
        IndicatorSet::parse(SAMPLE, "sample.json").expect("sample set is valid")
    }

    /// [`sample`] whose scale also has "ej_relevant", an answer that does not count.
    pub(crate) fn sample_with_not_relevant() -> IndicatorSet {
        let json = SAMPLE.replace(
            r#"{"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0}]}"#,
            r#"{"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0},
               {"key": "ej_relevant", "label": {"sv": "Ej relevant för oss", "en": "Not relevant for us"}, "score": 0.0, "counts": false}]}"#,
        );
        IndicatorSet::parse(&json, "sample.json").expect("sample set with ej_relevant is valid")
    }

    fn errors_of(json: &str) -> Vec<String> {
        IndicatorSet::parse(json, "x.json").unwrap_err().0.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn the_name_says_the_version_once() {
        let mut set = sample();
        assert_eq!(set.name(crate::language::text::Lang::Sv), "Testuppsättning 1");
        set.title.sv = "eBlomlådan 2026".into();
        set.version = "2026".into();
        assert_eq!(set.name(crate::language::text::Lang::Sv), "eBlomlådan 2026");
    }

    #[test]
    fn sample_loads_with_places() {
        let set = sample();
        assert_eq!(set.indicator_count(), 6);
        let p = set.find("verksamhet.skola.utvecklat").unwrap();
        assert_eq!(p.area.id, "verksamhet");
        assert_eq!(p.group.id, "skola");
        assert_eq!(set.option_index("inte"), Some(2));
    }

    #[test]
    fn duplicate_indicator_ids_name_both_places() {
        let json = SAMPLE.replace("tjanster.skola.franvaro", "tjanster.skola.gymnasium");
        let errors = errors_of(&json);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0],
            "x.json: areas[0].groups[0].indicators[1].id: duplicate indicator id \"tjanster.skola.gymnasium\" (first at areas[0].groups[0].indicators[0])"
        );
    }

    #[test]
    fn empty_text_is_named_by_path() {
        let json = SAMPLE.replace("\"Frånvaroanmälan\"", "\"  \"");
        assert_eq!(errors_of(&json), vec!["x.json: areas[0].groups[0].indicators[1].text.sv: Swedish text is empty"]);
    }

    #[test]
    fn unknown_answer_key_in_reference_is_named() {
        let json = SAMPLE.replace("{\"helt\": 70}", "{\"hel\": 70}");
        assert_eq!(errors_of(&json), vec!["x.json: areas[0].groups[1].indicators[0].reference.hel: unknown answer key \"hel\""]);
    }

    #[test]
    fn share_above_100_is_refused() {
        let json = SAMPLE.replace("{\"helt\": 70}", "{\"helt\": 170}");
        assert!(errors_of(&json)[0].contains("share 170 % is outside 0–100"));
    }

    #[test]
    fn empty_groups_and_areas_are_refused() {
        let start = SAMPLE.find("[\n            {\"id\": \"it.tvafaktor\"").unwrap();
        let end = SAMPLE[start..].find("]}]}").unwrap() + start;
        let json = format!("{}[]{}", &SAMPLE[..start], &SAMPLE[end + 1..]);
        assert_eq!(errors_of(&json), vec!["x.json: areas[2].groups[0].indicators: group \"it\" has no indicators"]);

        let no_areas = r#"{"format": 1, "id": "t", "version": "1", "title": {"sv": "T"},
            "scale": {"options": [{"key": "ja", "label": {"sv": "Ja"}, "score": 1}]}, "areas": []}"#;
        assert_eq!(errors_of(no_areas), vec!["x.json: areas: the set has no areas"]);
    }

    #[test]
    fn shape_errors_carry_the_json_path() {
        let json = SAMPLE.replace("\"role\": \"tiles\"", "\"role\": \"trees\"");
        let errors = errors_of(&json);
        assert!(errors[0].starts_with("x.json: areas[2].role: unknown variant `trees`"), "{errors:?}");
        let errors = errors_of("{\"format\": 1, ");
        assert!(errors[0].starts_with("x.json: not valid JSON"), "{errors:?}");
    }

    #[test]
    fn newer_format_is_named() {
        let json = SAMPLE.replacen("\"format\": 1", "\"format\": 2", 1);
        assert_eq!(errors_of(&json), vec!["x.json: format: format version 2 is not supported (this app reads 1)"]);
    }

    #[test]
    fn an_option_may_be_declared_as_not_counting_but_not_all_of_them() {
        let with_not_relevant = SAMPLE.replace(
            r#"{"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0}]}"#,
            r#"{"key": "inte", "label": {"sv": "Uppfyller inte", "en": "Not met"}, "score": 0.0},
               {"key": "ej_relevant", "label": {"sv": "Ej relevant för oss"}, "score": 0.0, "counts": false}]}"#,
        );
        let set = IndicatorSet::parse(&with_not_relevant, "x.json").unwrap();
        assert_eq!(set.counting(), vec![true, true, true, false]);
        assert!(set.counts("helt") && !set.counts("ej_relevant") && !set.counts("okänd"));
        assert!(!serde_json::to_string(&sample()).unwrap().contains("counts"), "counting options say nothing");
        let none_count = SAMPLE
            .replace("\"score\": 1.0}", "\"score\": 1.0, \"counts\": false}")
            .replace("\"score\": 0.5}", "\"score\": 0.5, \"counts\": false}");
        let none_count = none_count.replace("\"score\": 0.0}]}", "\"score\": 0.0, \"counts\": false}]}");
        assert_eq!(
            errors_of(&none_count),
            vec!["x.json: scale.options: every option has \"counts\": false; at least one answer must count"]
        );
    }

    #[test]
    fn stated_count_below_known_is_refused() {
        let json = SAMPLE.replace("\"stated_count\": 16", "\"stated_count\": 1");
        assert_eq!(errors_of(&json), vec!["x.json: areas[0].groups[0].stated_count: group has 2 indicators but the source states 1"]);
    }
}
