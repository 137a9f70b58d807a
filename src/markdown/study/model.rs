//! What the study passes find in a guide: its questions, practice sets and
//! FAQ entries.

use serde::Serialize;

/// An interview question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    /// The question without its `Q:` prefix, as plain text.
    pub title: String,
    /// The answer's first paragraph, as HTML.
    pub short_answer: String,
    /// The same, as plain text (exports, search).
    pub short_answer_text: String,
    /// Where the whole answer lies in the page's HTML (`Rendered::html`);
    /// see [`Rendered::answer_html`](crate::markdown::Rendered::answer_html). A range,
    /// not a copy: answers are most of a guide.
    #[serde(skip)]
    pub answer: std::ops::Range<usize>,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeSet {
    /// The id of the heading that starts the set.
    pub id: String,
    pub title: String,
    pub questions: Vec<PracticeQuestion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeQuestion {
    /// `SET-ID-N`: stable while the set keeps its heading and order.
    pub id: String,
    pub stem: String,
    pub options: Vec<PracticeOption>,
    pub explanation: Option<String>,
    /// More than one correct option.
    pub multiple: bool,
    /// Short hash of the content, so stored answers of an edited question
    /// are not reused.
    pub hash: String,
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct PracticeOption {
    pub html: String,
    pub correct: bool,
    /// Shown when the reader picks this option.
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FaqEntry {
    pub id: String,
    pub question: String,
    pub question_html: String,
    pub answer: String,
    pub line: usize,
}

/// Everything a guide teaches and tests.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub questions: Vec<Question>,
    pub practice: Vec<PracticeSet>,
    pub faq: Vec<FaqEntry>,
}

impl Study {
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
