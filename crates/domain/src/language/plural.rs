//! The plural rule of Swedish and English counts: one form for exactly 1, the other for every
//! other number (0 included: "0 kommuner", "0 indicators"). Texts pass both forms, so a count is
//! never written "1 kommuner" by hand (issue 22).

/// `one` for 1, `many` otherwise.
pub fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// "1 kommun", "3 kommuner".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "kommun", "kommuner"), "1 kommun");
        assert_eq!(count(0, "kommun", "kommuner"), "0 kommuner");
        assert_eq!(count(21, "indikator", "indikatorer"), "21 indikatorer");
        assert_eq!(plural(1, "är nådd", "är nådda"), "är nådd");
        assert_eq!(plural(2, "is", "are"), "are");
    }
}
