//! What a result file makes public, ready to show before it is sent: the counts the publish
//! page states and every indicator's answer, comment and link in the reader's words.

use crate::files::result_file::ResultFile;
use crate::sets::indicator_set::IndicatorSet;
use crate::text::Lang;

/// One indicator as it will be public; `answer` is `None` while unanswered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicAnswer {
    pub text: String,
    pub answer: Option<String>,
    pub comment: String,
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicPreview {
    pub answered: usize,
    pub indicators: usize,
    pub comments: usize,
    pub links: usize,
    pub targets: usize,
    pub answers: Vec<PublicAnswer>,
}

pub fn public_preview(file: &ResultFile, set: &IndicatorSet, lang: Lang) -> PublicPreview {
    let answers = set
        .placed()
        .map(|p| {
            let a = file.answers.get(&p.indicator.id);
            PublicAnswer {
                text: p.indicator.text.get(lang).to_string(),
                answer: a.and_then(|a| a.answer.as_deref()).map(|k| set.option(k).map_or(k.to_string(), |o| o.label.get(lang).to_string())),
                comment: a.and_then(|a| a.comment.clone()).unwrap_or_default(),
                link: a.and_then(|a| a.evidence.clone()).unwrap_or_default(),
            }
        })
        .collect();
    PublicPreview {
        answered: set.indicator_count() - file.unanswered(set).len(),
        indicators: set.indicator_count(),
        comments: file.answers.values().filter(|a| a.comment.is_some()).count(),
        links: file.answers.values().filter(|a| a.evidence.is_some()).count(),
        targets: file.target_count(),
        answers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::assessment::tests::new_assessment;
    use crate::answers::timestamp::Timestamp;
    use crate::sets::indicator_set::tests::sample;

    #[test]
    fn the_preview_counts_and_words_what_becomes_public() {
        let set = sample();
        let mut a = new_assessment();
        a.answer(&set, "tjanster.skola.gymnasium", Some("helt"), Timestamp(1)).unwrap();
        a.comment(&set, "tjanster.skola.gymnasium", "Sedan 2025.", Timestamp(1)).unwrap();
        a.evidence(&set, "tjanster.skola.franvaro", "https://example.se/x", Timestamp(1)).unwrap();
        let file = ResultFile::for_publishing(&a, "0.1.0", false);
        let p = public_preview(&file, &set, Lang::Sv);
        assert_eq!((p.answered, p.indicators, p.comments, p.links, p.targets), (1, 6, 1, 1, 0));
        assert_eq!(p.answers.len(), 6);
        assert_eq!(p.answers[0].answer.as_deref(), Some(set.option("helt").unwrap().label.sv.as_str()));
        assert_eq!(p.answers[0].comment, "Sedan 2025.");
        assert_eq!((p.answers[1].answer.as_ref(), p.answers[1].link.as_str()), (None, "https://example.se/x"));
    }
}
