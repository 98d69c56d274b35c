//! What a free-text field may hold. Texts from a result file end up in HTML pages, CSV files
//! and JSON for every reader, so characters that change how the text around them is shown are
//! refused: control characters (C0 and C1; in multi-line fields line breaks (LF, CR) and tab
//! are text) and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
//! text read differently from what it says ("Trojan Source").

/// Whether a field is one line (a title, a name) or may hold paragraphs (a comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// The first character of `text` that a field of this kind may not hold.
pub fn forbidden_char(text: &str, lines: Lines) -> Option<char> {
    text.chars().find(|&c| is_forbidden(c, lines))
}

pub fn is_forbidden(c: char, lines: Lines) -> bool {
    match c {
        '\n' | '\r' | '\t' => lines == Lines::One,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` as typed, made fit for its field: in a one-line field a tab or line break becomes a
/// space (a cell pasted from a spreadsheet), every other forbidden character is dropped (it
/// shows as nothing anyway). What a person types can then always be exported and published.
pub fn clean(text: &str, lines: Lines) -> std::borrow::Cow<'_, str> {
    if forbidden_char(text, lines).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' | '\r' if lines == Lines::One => Some(' '),
            c if is_forbidden(c, lines) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_found() {
        assert_eq!(forbidden_char("Örebro – 2026 § 41 \"citat\" <b>", Lines::One), None);
        assert_eq!(forbidden_char("rad ett\nrad\ttvå", Lines::Many), None);
        assert_eq!(forbidden_char("rad ett\nrad två", Lines::One), Some('\n'));
        assert_eq!(forbidden_char("a\u{0}b", Lines::Many), Some('\u{0}'));
        assert_eq!(forbidden_char("a\u{1b}[31mb", Lines::Many), Some('\u{1b}'));
        assert_eq!(forbidden_char("a\r\nb", Lines::Many), None, "a Windows line break");
        assert_eq!(forbidden_char("a\rb", Lines::One), Some('\r'));
        assert_eq!(forbidden_char("a\u{7f}", Lines::Many), Some('\u{7f}'));
        assert_eq!(forbidden_char("a\u{85}", Lines::Many), Some('\u{85}'));
        assert_eq!(forbidden_char("abc\u{202e}fed", Lines::Many), Some('\u{202e}'));
        assert_eq!(forbidden_char("\u{2066}x", Lines::One), Some('\u{2066}'));
        assert_eq!(forbidden_char("\u{2069}", Lines::One), Some('\u{2069}'));
        // Marks that only hint at direction, and joiners used in real scripts, are text.
        assert_eq!(forbidden_char("\u{200e}\u{200f}\u{200d}", Lines::One), None);
    }

    #[test]
    fn typed_text_is_cleaned_to_fit_its_field() {
        assert_eq!(clean("Värdering 2026", Lines::One), "Värdering 2026");
        assert_eq!(clean("Värdering\t2026\r\n", Lines::One), "Värdering 2026  ");
        assert_eq!(clean("a\u{202e}b\u{0}c\u{85}", Lines::One), "abc");
        assert_eq!(clean("rad\n\trad\r\n\u{1b}", Lines::Many), "rad\n\trad\r\n");
        for lines in [Lines::One, Lines::Many] {
            let cleaned = clean("x\u{2066}\n\u{7f}\ty", lines);
            assert_eq!(forbidden_char(&cleaned, lines), None);
        }
    }
}
