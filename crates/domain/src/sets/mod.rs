//! Indicator sets and their rules: what a set is, the catalog of sets and versions, how a set
//! file is validated (errors that name the spot), the concordance between two versions, and
//! the texts a set carries in Swedish and English.

pub mod catalog;
pub mod concordance;
pub mod indicator_files;
pub mod indicator_set;
pub mod text;
pub mod validation;
