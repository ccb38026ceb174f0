//! The article's headline: the first substantial line at the top.

use super::{Context, Extractor, Kind};
use crate::model::Article;
use crate::text::{Document, Words};

pub struct Headline;

/// Lines looked at for a headline.
const TOP_LINES: usize = 6;
/// A headline is a short line of at least this many words...
const MIN_WORDS: usize = 3;
/// ...and at most this many characters.
const MAX_CHARS: usize = 300;

impl Extractor for Headline {
    fn name(&self) -> &'static str {
        "headline"
    }

    fn kind(&self) -> Option<Kind> {
        None
    }

    fn extract(&self, doc: &Document, _: &mut Context, article: &mut Article) {
        if article.title.is_some() {
            return; // the JSONL record gave one
        }
        for line in doc.text.split_inclusive('\n').take(TOP_LINES) {
            let trimmed = line.trim();
            // Both bounds are read only as far as they decide: an article
            // that opens with a long paragraph is not counted through.
            let short = trimmed.chars().nth(MAX_CHARS).is_none();
            if short
                && Words::new(trimmed)
                    .filter(|w| trimmed[w.clone()].chars().any(crate::text::is_alphabetic))
                    .nth(MIN_WORDS - 1)
                    .is_some()
            {
                article.title = Some(trimmed.to_string());
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str) -> Option<String> {
        let doc = Document::new(text.to_string());
        let mut a = Article::new("x");
        Headline.extract(&doc, &mut Context::default(), &mut a);
        a.title
    }

    #[test]
    fn breadcrumbs_are_skipped() {
        assert_eq!(
            title("  2. আন্তর্জাতিক\n\nট্রাম্পের সঙ্গে বৈঠকের আগে পুতিন ও কিমের ফোনালাপ\n\nআন্তর্জাতিক ডেস্ক"),
            Some("ট্রাম্পের সঙ্গে বৈঠকের আগে পুতিন ও কিমের ফোনালাপ".into())
        );
    }

    #[test]
    fn a_headline_is_three_words_to_three_hundred_characters() {
        // 300 characters exactly (Bengali letters, three bytes each) is short enough.
        let line = format!("{} {} গ", "ক".repeat(148), "খ".repeat(149));
        assert_eq!(line.chars().count(), 300);
        assert_eq!(title(&format!("{line}\nপাঠ")).as_deref(), Some(line.as_str()));
        assert_eq!(title(&format!("{line}ঘ\nপাঠ")), None, "301 characters");
        assert_eq!(title("ক খ\nপাঠ"), None, "two words");
        // A paragraph first: the next short line of three words is taken.
        let text = format!("{}\nপুতিন ও ট্রাম্প\n", "শব্দ ".repeat(100));
        assert_eq!(title(&text).as_deref(), Some("পুতিন ও ট্রাম্প"));
    }

    #[test]
    fn first_line_headline() {
        assert_eq!(
            title("मियामी में होगी अहम बैठक\nपाठ"),
            Some("मियामी में होगी अहम बैठक".into())
        );
        assert_eq!(title("ok\n"), None);
    }
}
