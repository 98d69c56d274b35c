//! The 290 kommuner with SCB's codes and län, and the size groups they fall in by population:
//! who can answer, and whom a result is compared with.

pub mod kommun;
pub mod size_group;
