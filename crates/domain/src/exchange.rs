//! Moving assessments in and out of the browser: file names for exports, and the rules of
//! import (what counts as "already here", what a copy is called).

use crate::assessment::{Assessment, KommunRef};
use crate::catalog::SetRef;

/// Lowercase ASCII letters, digits and single dashes: "Upplands Väsby" → "upplands-vasby".
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => "o",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' | 'ù' | 'û' => "u",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'æ' => "ae",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if folded == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(folded);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `blomlada-orebro-eblomlada-2026-2026-11-23.json`: kommun, set, version, the day of export.
/// `date` is `YYYY-MM-DD` (see `Timestamp::date_iso`), `extension` without the dot.
pub fn export_file_name(kommun: &KommunRef, set: &SetRef, date: &str, extension: &str) -> String {
    let parts = [slug(&kommun.name), slug(&set.set), slug(&set.version), slug(date)];
    let stem = std::iter::once("blomlada").chain(parts.iter().map(String::as_str).filter(|p| !p.is_empty())).collect::<Vec<_>>().join("-");
    format!("{stem}.{extension}")
}

/// An assessment already in this browser that an imported one would be taken for: the same
/// kommun, set version and title (a result file carries no browser id). Importing then asks.
pub fn find_conflict<'a>(existing: &'a [Assessment], incoming: &Assessment) -> Option<&'a Assessment> {
    existing.iter().find(|a| {
        a.id == incoming.id
            || (a.kommun.code == incoming.kommun.code && a.set == incoming.set && a.title.trim() == incoming.title.trim())
    })
}

/// A title for an imported copy that no assessment here has yet: "Titel (kopia)", "Titel (kopia 2)", …
pub fn copy_title(existing: &[Assessment], title: &str, suffix: &str) -> String {
    let taken = |t: &str| existing.iter().any(|a| a.title.trim() == t);
    let first = format!("{} {suffix}", title.trim());
    if !taken(&first) {
        return first;
    }
    let inner = suffix.trim_end_matches(')');
    (2..)
        .map(|n| if inner.len() < suffix.len() { format!("{} {inner} {n})", title.trim()) } else { format!("{first} {n}") })
        .find(|t| !taken(t))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::tests::new_assessment;
    use crate::timestamp::Timestamp;

    #[test]
    fn slugs_fold_swedish_letters_and_spaces() {
        assert_eq!(slug("Örebro"), "orebro");
        assert_eq!(slug("Upplands Väsby"), "upplands-vasby");
        assert_eq!(slug("Malung-Sälen"), "malung-salen");
        assert_eq!(slug("Dals-Ed"), "dals-ed");
        assert_eq!(slug("Håbo"), "habo");
        assert_eq!(slug("  Öckerö  "), "ockero");
        assert_eq!(slug("Årjäng / Töreboda!"), "arjang-toreboda");
        assert_eq!(slug("eblomlada"), "eblomlada");
        assert_eq!(slug("2026-11-23"), "2026-11-23");
        assert_eq!(slug("<script>"), "script");
        assert_eq!(slug("???"), "");
    }

    #[test]
    fn every_kommun_has_a_plain_slug() {
        for k in crate::kommun::all() {
            let s = slug(&k.name);
            assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{} → {s}", k.name);
        }
    }

    #[test]
    fn file_names_name_kommun_set_version_and_date() {
        let a = new_assessment();
        let set = SetRef { set: "eblomlada".into(), version: "2026".into() };
        let date = Timestamp::parse_rfc3339("2026-11-23T10:00:00Z").unwrap().date_iso(60);
        assert_eq!(export_file_name(&a.kommun, &set, &date, "json"), "blomlada-orebro-eblomlada-2026-2026-11-23.json");
        assert_eq!(export_file_name(&a.kommun, &set, &date, "csv"), "blomlada-orebro-eblomlada-2026-2026-11-23.csv");
    }

    #[test]
    fn the_same_kommun_set_and_title_is_a_conflict() {
        let a = new_assessment();
        let mut incoming = a.clone();
        incoming.id = "other".into();
        let existing = vec![a.clone()];
        assert_eq!(find_conflict(&existing, &incoming).map(|x| x.id.as_str()), Some("a1"));
        incoming.title = "Värdering 2027".into();
        assert!(find_conflict(&existing, &incoming).is_none());
        incoming.title = a.title.clone();
        incoming.set.version = "2".into();
        assert!(find_conflict(&existing, &incoming).is_none(), "another set version is another assessment");
        let mut same_id = incoming.clone();
        same_id.id = "a1".into();
        assert!(find_conflict(&existing, &same_id).is_some());
    }

    #[test]
    fn copies_get_a_free_title() {
        let mut a = new_assessment();
        let mut existing = vec![a.clone()];
        assert_eq!(copy_title(&existing, &a.title, "(kopia)"), "Värdering 2026 (kopia)");
        a.title = "Värdering 2026 (kopia)".into();
        existing.push(a.clone());
        assert_eq!(copy_title(&existing, "Värdering 2026", "(kopia)"), "Värdering 2026 (kopia 2)");
        a.title = "Värdering 2026 (kopia 2)".into();
        a.updated = Timestamp(3);
        existing.push(a);
        assert_eq!(copy_title(&existing, "Värdering 2026", "(kopia)"), "Värdering 2026 (kopia 3)");
        assert_eq!(copy_title(&existing, "Värdering 2026", "copy"), "Värdering 2026 copy");
    }
}
