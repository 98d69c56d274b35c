//! What keeps a result from being published: one rule, which the app's publish page words for
//! the person publishing and the server enforces on `POST /api/v1/published` (issue 21: each
//! had its own copy of the checks).

use crate::files::result_file::{ResultFile, ResultFileError};
use crate::sets::indicator_set::IndicatorSet;

#[derive(Debug, Clone, PartialEq)]
pub enum PublishProblem {
    /// The file breaks a rule of its format or set.
    Invalid(ResultFileError),
    /// A published result is compared by size group, so it needs the kommun's population.
    MissingPopulation,
    /// Every indicator needs an answer; these (ids, reading order) have none.
    Incomplete { unanswered: Vec<String>, indicators: usize },
}

/// Everything that keeps `file` from being published against `set`; empty when it may be.
pub fn publish_problems(file: &ResultFile, set: &IndicatorSet) -> Vec<PublishProblem> {
    let mut problems: Vec<PublishProblem> = file.check(set).into_iter().map(PublishProblem::Invalid).collect();
    if file.population.is_none() {
        problems.push(PublishProblem::MissingPopulation);
    }
    let unanswered = file.unanswered(set);
    if !unanswered.is_empty() {
        problems.push(PublishProblem::Incomplete {
            unanswered: unanswered.into_iter().map(str::to_string).collect(),
            indicators: set.indicator_count(),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn a_complete_result_with_a_population_may_be_published() {
        let set = sample();
        let mut a = new_assessment();
        for p in set.placed() {
            a.answer(&set, &p.indicator.id, Some("helt"), Timestamp(1)).unwrap();
        }
        let mut file = ResultFile::for_publishing(&a, "0.1.0", false);
        file.population = Some(160_000);
        assert_eq!(publish_problems(&file, &set), vec![]);
        file.population = None;
        assert_eq!(publish_problems(&file, &set), vec![PublishProblem::MissingPopulation]);
    }

    #[test]
    fn unanswered_indicators_are_named_in_reading_order() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        let mut file = ResultFile::for_publishing(&a, "0.1.0", false);
        file.population = Some(1);
        let problems = publish_problems(&file, &set);
        let [PublishProblem::Incomplete { unanswered, indicators }] = problems.as_slice() else { panic!("{problems:?}") };
        assert_eq!((unanswered.len(), *indicators), (5, 6));
        assert_eq!(unanswered[0], "tjanster.skola.franvaro");
    }
}
