//! Texts that exist in Swedish and, usually, English.

use serde::{Deserialize, Serialize};

/// The UI languages. Swedish is the original; English is a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text with a mandatory Swedish original and an optional English translation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub sv: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Localized {
    /// The text in `lang`, falling back to Swedish where no translation exists.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => self.en.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&self.sv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_swedish_when_missing_or_blank() {
        let only_sv = Localized { sv: "Skola".into(), en: None };
        assert_eq!(only_sv.get(Lang::En), "Skola");
        let blank_en = Localized { sv: "Skola".into(), en: Some("  ".into()) };
        assert_eq!(blank_en.get(Lang::En), "Skola");
        let both = Localized { sv: "Skola".into(), en: Some("School".into()) };
        assert_eq!(both.get(Lang::En), "School");
        assert_eq!(both.get(Lang::Sv), "Skola");
    }
}
