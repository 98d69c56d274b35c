//! The name of every file Blomlådan hands out: `blomlada-` and what it is, each part folded to
//! a slug (`Örebro` → `orebro`), then the extension. One rule, so the app's pages never write
//! a file name by hand (issue 21 found six that did).

use crate::catalog::SetRef;

/// `blomlada-` followed by the slugs of the non-empty `parts`, joined by `-`, and `.extension`.
pub fn download_name(parts: &[&str], extension: &str) -> String {
    let slugs: Vec<String> = parts.iter().map(|p| slug(p)).filter(|p| !p.is_empty()).collect();
    let stem = std::iter::once("blomlada").chain(slugs.iter().map(String::as_str)).collect::<Vec<_>>().join("-");
    format!("{stem}.{extension}")
}

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

/// What a flower-box picture shows, which names its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureName {
    parts: Vec<String>,
}

/// A picture's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureFile {
    Png,
    Svg,
    /// "Nuläge och mål": the picture with the targets drawn on it.
    TargetSvg,
}

impl PictureName {
    /// One assessment (or a reference: its label as `subject`) on a day:
    /// `blomlada-orebro-eblomlada-2026-2026-12-05.png`.
    pub fn of(subject: &str, set: &SetRef, date: &str) -> PictureName {
        PictureName { parts: vec![subject.into(), set.set.clone(), set.version.clone(), date.into()] }
    }

    /// A comparison's selection: `blomlada-urval-orebro-lan-eblomlada-2026.svg`.
    pub fn of_selection(selection_label: &str, set: &SetRef) -> PictureName {
        PictureName { parts: vec!["urval".into(), selection_label.into(), set.set.clone(), set.version.clone()] }
    }

    pub fn file_name(&self, file: PictureFile) -> String {
        let mut parts: Vec<&str> = self.parts.iter().map(String::as_str).collect();
        let extension = match file {
            PictureFile::Png => "png",
            PictureFile::Svg => "svg",
            PictureFile::TargetSvg => {
                parts.push("mal");
                "svg"
            }
        };
        download_name(&parts, extension)
    }
}

/// What a browser held under `key` and could not read, saved before anything replaces it:
/// `blomlada-assessment-7f3a.json` for the key `blomlada.assessment.7f3a`.
pub fn unreadable_storage_name(key: &str) -> String {
    let key = key.strip_prefix("blomlada.").unwrap_or(key);
    download_name(&[&key.replace('.', "-")], "json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> SetRef {
        SetRef { set: "eblomlada".into(), version: "2026".into() }
    }

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
    fn pictures_are_named_by_what_they_show() {
        let orebro = PictureName::of("Örebro", &set(), "2026-12-05");
        assert_eq!(orebro.file_name(PictureFile::Png), "blomlada-orebro-eblomlada-2026-2026-12-05.png");
        assert_eq!(orebro.file_name(PictureFile::Svg), "blomlada-orebro-eblomlada-2026-2026-12-05.svg");
        assert_eq!(orebro.file_name(PictureFile::TargetSvg), "blomlada-orebro-eblomlada-2026-2026-12-05-mal.svg");
        let selection = PictureName::of_selection("Örebro län", &set());
        assert_eq!(selection.file_name(PictureFile::Svg), "blomlada-urval-orebro-lan-eblomlada-2026.svg");
    }

    #[test]
    fn empty_and_hostile_parts_leave_no_gaps_or_paths() {
        assert_eq!(download_name(&["", "../../etc", "???"], "json"), "blomlada-etc.json");
        assert_eq!(PictureName::of("", &set(), "2026-12-05").file_name(PictureFile::Png), "blomlada-eblomlada-2026-2026-12-05.png");
    }

    #[test]
    fn unreadable_storage_keeps_its_key_in_the_name() {
        assert_eq!(unreadable_storage_name("blomlada.assessment.7f3a"), "blomlada-assessment-7f3a.json");
        assert_eq!(unreadable_storage_name("other.key"), "blomlada-other-key.json");
    }
}
