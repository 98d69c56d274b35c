//! The flower box's own words, in Swedish and English. Option names come from the set's scale.

use crate::language::number_format::integer;
use crate::language::text::Lang;
use crate::sets::indicator_set::ScaleOption;

pub(crate) struct Words {
    pub unanswered: &'static str,
    /// In counts above one: "2 ej besvarade".
    pub unanswered_many: &'static str,
    pub no_data: &'static str,
    pub flowers_key: &'static str,
    pub bars_key: &'static str,
    pub tiles_key: &'static str,
    pub picture: &'static str,
    pub total: &'static str,
    pub indicators: &'static str,
    pub shares_among: &'static str,
    pub results: &'static str,
    pub no_data_short: &'static str,
    pub unreported: &'static str,
    pub no_data_for: &'static str,
}

pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Sv => &Words {
            unanswered: "Ej besvarad",
            unanswered_many: "ej besvarade",
            no_data: "Inget svar eller ingen uppgift",
            flowers_key: "Blommorna",
            bars_key: "Gräset",
            tiles_key: "Jorden",
            picture: "Blomlåda",
            total: "Totalt",
            indicators: "indikatorer",
            shares_among: "Andelar bland",
            results: "resultat",
            no_data_short: "Ingen uppgift",
            unreported: "Övriga svar eller ingen uppgift",
            no_data_for: "ingen uppgift för",
        },
        Lang::En => &Words {
            unanswered: "Not answered",
            unanswered_many: "not answered",
            no_data: "No answer or no data",
            flowers_key: "Flowers",
            bars_key: "Grass",
            tiles_key: "Soil",
            picture: "Flower box",
            total: "In total",
            indicators: "indicators",
            shares_among: "Shares among",
            results: "results",
            no_data_short: "No data",
            unreported: "Other answers or no data",
            no_data_for: "no data for",
        },
    }
}

/// A short word for an option in running text: "helt", "delvis", "inte" (en: "fully met" …);
/// for other scales the option's label.
pub fn short_option(option: &ScaleOption, lang: Lang) -> String {
    match (option.key.as_str(), lang) {
        ("helt", Lang::Sv) => "helt".into(),
        ("delvis", Lang::Sv) => "delvis".into(),
        ("inte", Lang::Sv) => "inte".into(),
        ("helt", Lang::En) => "fully met".into(),
        ("delvis", Lang::En) => "partly met".into(),
        ("inte", Lang::En) => "not met".into(),
        ("ej_relevant", Lang::Sv) => "ej relevant".into(),
        ("ej_relevant", Lang::En) => "not relevant".into(),
        _ => option.label.get(lang).to_string(),
    }
}

/// "7 av 12 helt" / "7 of 12 fully met".
pub fn count_of(k: u32, n: u32, option: &ScaleOption, lang: Lang) -> String {
    let word = short_option(option, lang);
    match lang {
        Lang::Sv => format!("{} av {} {word}", integer(k.into(), lang), integer(n.into(), lang)),
        Lang::En => format!("{} of {} {word}", integer(k.into(), lang), integer(n.into(), lang)),
    }
}

/// "n = 141".
pub fn n_is(n: u32, lang: Lang) -> String {
    format!("n\u{a0}=\u{a0}{}", integer(n.into(), lang))
}

/// The name of "no answer" in this mode.
pub fn unanswered_label(aggregate: bool, lang: Lang) -> &'static str {
    if aggregate {
        words(lang).no_data
    } else {
        words(lang).unanswered
    }
}

/// Rough text width for a sans-serif face, used to wrap labels before drawing.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let per_char: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ' ' | '\u{a0}' | '(' | ')' | ':' | '1' | 'I' => 0.33,
            'm' | 'w' | 'M' | 'W' | '%' => 0.85,
            c if c.is_uppercase() => 0.68,
            c if c.is_ascii_digit() => 0.56,
            _ => 0.55,
        })
        .sum();
    per_char * size * if bold { 1.06 } else { 1.0 }
}

/// Greedy word wrap to `max_width`; at most `max_lines`, the last shortened with "…".
pub fn wrap(text: &str, size: f64, bold: bool, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(&candidate, size, bold) <= max_width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines && max_lines > 0 {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while !last.is_empty() && text_width(&format!("{last}…"), size, bold) > max_width {
            let cut = last.rfind(' ').unwrap_or(last.len().saturating_sub(last.chars().last().map_or(1, char::len_utf8)));
            last.truncate(cut);
        }
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_group_names() {
        let lines = wrap("Kulturintresserade, fritidsutövare och besökare", 14.0, false, 170.0, 3);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 14.0, false) <= 170.0));
        let cut = wrap("ett två tre fyra fem sex sju åtta nio tio elva tolv", 14.0, false, 60.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
    }
}
