//! From picture to plan: what a plan is and its rules, and the views of it (gap, action plan,
//! follow-up a year later).

pub mod plan;
pub mod plan_view;
