//! The plan as pages show it: the gap between answer and target, the action plan grouped by
//! responsible, area or year, and the follow-up a year later. What a plan is and its rules live
//! with the response that holds it ([`crate::answers::plan`]).

pub mod plan_view;
