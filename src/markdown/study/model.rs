//! What the study passes find in a guide: its questions, practice sets and
//! FAQ entries.

use serde::{Deserialize, Serialize};

/// An interview question and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    /// The heading's anchor (`q-what-is-a-generator`).
    pub id: String,
    /// The question without its `Q:` prefix, as plain text (a formula
    /// as its TeX source).
    pub title: String,
    /// The same, as HTML (a formula as MathML).
    pub title_html: String,
    /// The answer's first paragraph, as HTML.
    pub short_answer: String,
    /// The same, as plain text (exports, search).
    pub short_answer_text: String,
    /// Where the whole answer lies in the page's HTML (`Rendered::html`);
    /// see [`Rendered::answer_html`](crate::markdown::Rendered::answer_html). A range,
    /// not a copy: answers are most of a guide.
    #[serde(skip)]
    pub answer: std::ops::Range<usize>,
    /// The question's line in the `.md` file.
    pub line: usize,
}

/// A `{.practice}` set of multiple-choice questions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PracticeSet {
    /// The id of the heading that starts the set.
    pub id: String,
    /// The set's heading text.
    pub title: String,
    /// Its questions, in order.
    pub questions: Vec<PracticeQuestion>,
}

/// One multiple-choice question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PracticeQuestion {
    /// `SET-ID-N`: stable while the set keeps its heading and order.
    pub id: String,
    /// The question, as HTML.
    pub stem: String,
    /// The options, in order.
    pub options: Vec<PracticeOption>,
    /// Shown after answering, as HTML.
    pub explanation: Option<String>,
    /// More than one correct option.
    pub multiple: bool,
    /// Short hash of the content, so stored answers of an edited question
    /// are not reused.
    pub hash: String,
    /// The question's line in the `.md` file.
    pub line: usize,
}

impl PracticeQuestion {
    /// The places (from 0) of its right options.
    pub fn correct_options(&self) -> Vec<usize> {
        let right = self.options.iter().enumerate().filter(|(_, o)| o.correct);
        right.map(|(i, _)| i).collect()
    }
}

/// One option of a practice question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PracticeOption {
    /// The option, as HTML.
    pub html: String,
    /// Whether it is a right answer (`[x]`).
    pub correct: bool,
    /// Shown when the reader picks this option.
    pub feedback: Option<String>,
}

/// One question of an FAQ and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaqEntry {
    /// The question heading's anchor.
    pub id: String,
    /// The question, as plain text.
    pub question: String,
    /// The question, as HTML.
    pub question_html: String,
    /// The answer, as HTML.
    pub answer: String,
    /// The question's line in the `.md` file.
    pub line: usize,
}

/// Everything a guide teaches and tests.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Study {
    /// Interview questions (`Q:` headings).
    pub questions: Vec<Question>,
    /// Practice sets.
    pub practice: Vec<PracticeSet>,
    /// FAQ entries.
    pub faq: Vec<FaqEntry>,
}

impl Study {
    /// Practice questions in all the sets.
    pub fn practice_count(&self) -> usize {
        self.practice.iter().map(|s| s.questions.len()).sum()
    }
}

/// Interface strings the pass writes into guide pages.
#[derive(Debug, Clone)]
pub struct StudyText {
    /// "Practice {n} questions".
    pub practice_link: String,
    /// "Practice 1 question".
    pub practice_link_one: String,
}

impl Default for StudyText {
    fn default() -> Self {
        StudyText {
            practice_link: "Practice {n} questions".into(),
            practice_link_one: "Practice 1 question".into(),
        }
    }
}
