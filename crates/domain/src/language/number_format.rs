//! Numbers the Swedish way (`6 545 510`, `67 %`) and the English way (`6,545,510`, `67%`).

use crate::language::text::Lang;

/// Thin no-break space: what Swedish typography puts between thousands and before `%`.
const NBSP: char = '\u{a0}';

pub fn integer(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Sv => NBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// A share 0–1 as a whole percentage, rounded half up.
pub fn percent(share: f64, lang: Lang) -> String {
    let p = (share.clamp(0.0, 1.0) * 100.0 + 0.5).floor() as u64;
    match lang {
        Lang::Sv => format!("{p}{NBSP}%"),
        Lang::En => format!("{p}%"),
    }
}

/// A whole percentage already rounded (see [`crate::statistics::share_row`]).
pub fn whole_percent(percent: u8, lang: Lang) -> String {
    match lang {
        Lang::Sv => format!("{percent}{NBSP}%"),
        Lang::En => format!("{percent}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_thousands_and_percent() {
        assert_eq!(integer(6_545_510, Lang::Sv), "6\u{a0}545\u{a0}510");
        assert_eq!(integer(999, Lang::Sv), "999");
        assert_eq!(integer(1_000, Lang::En), "1,000");
        assert_eq!(integer(0, Lang::Sv), "0");
        assert_eq!(percent(0.675, Lang::Sv), "68\u{a0}%");
        assert_eq!(percent(2.0 / 3.0, Lang::En), "67%");
        assert_eq!(percent(0.0, Lang::Sv), "0\u{a0}%");
    }
}
