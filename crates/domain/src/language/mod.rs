//! Swedish and English: texts that exist in both, and numbers written each language's way.

pub mod number_format;
pub mod plural;
pub mod text;
