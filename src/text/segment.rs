//! Sentences and words of the normalised text, by byte scans that allocate
//! nothing per word.

use std::collections::HashSet;
use std::ops::Range;

/// Whether `c` belongs inside a word. Indic vowel signs, viramas and nuktas
/// are not alphanumeric to Rust, but splitting on them breaks conjuncts
/// (`জেলেনস্কি`), so the Bengali and Devanagari letter blocks count whole.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '\u{0964}' | '\u{0965}' | '\u{0970}' => false, // danda, double danda, abbreviation sign
        '\u{0900}'..='\u{097F}' => true,
        '\u{09F2}'..='\u{09FB}' => false, // Bengali currency and fraction signs
        '\u{0980}'..='\u{09FF}' => true,
        '\u{200C}' | '\u{200D}' => true,
        '\u{0300}'..='\u{036F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Word ranges (byte offsets) of a text, in order.
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Self {
        Words { text, pos: 0 }
    }

    /// Words of `text` starting the scan at byte `pos`.
    pub fn from(text: &'a str, pos: usize) -> Self {
        Words { text, pos }
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = next_boundary(self.text, self.pos, true)?;
        let end = next_boundary(self.text, start, false).unwrap_or(self.text.len());
        self.pos = end;
        Some(start..end)
    }
}

/// Words found as a text is written, a character at a time: the ranges
/// [`Words`] finds in the finished text, without a second scan of it.
#[derive(Debug, Default)]
pub struct WordSplit {
    words: Vec<Range<usize>>,
    /// Where the word being written starts.
    start: Option<usize>,
}

impl WordSplit {
    /// A split of a text of `bytes` bytes, sized once for its words: news
    /// has a word every six bytes or more (Bengali and Devanagari letters
    /// are three, English words shorter), so one every five is never grown.
    pub fn for_bytes(bytes: usize) -> Self {
        WordSplit {
            words: Vec::with_capacity(bytes / 5 + 1),
            start: None,
        }
    }

    /// The character written at `pos` is (`word`) or is not a word
    /// character. A character may be written again at a position already
    /// marked (one composed with a mark after it).
    #[inline]
    pub fn mark(&mut self, pos: usize, word: bool) {
        match (self.start, word) {
            (None, true) => self.start = Some(pos),
            (Some(s), false) => {
                if s < pos {
                    self.words.push(s..pos);
                }
                self.start = None;
            }
            _ => {}
        }
    }

    /// Where the split stands: the start of the word being written and how
    /// many words are done.
    #[cfg(test)]
    fn checkpoint(&self) -> (Option<usize>, usize) {
        (self.start, self.words.len())
    }

    /// Undo the marks made at `pos` and after, as if the text ended
    /// before `pos` and were still being written.
    pub fn rewind(&mut self, pos: usize) {
        // The first word the undone marks ended tells whether a word ran
        // into `pos`: one that started before it did.
        let mut earliest = None;
        while self.words.last().is_some_and(|w| w.end >= pos) {
            earliest = self.words.pop().map(|w| w.start);
        }
        self.start = match earliest {
            Some(start) => (start < pos).then_some(start),
            None => self.start.filter(|&start| start < pos),
        };
    }

    /// The words of a text that ends at `end`.
    pub fn finish(mut self, end: usize) -> Vec<Range<usize>> {
        self.mark(end, false);
        self.words
    }
}

/// The first position from `i` whose character is (`word`) or is not a word
/// character; ASCII is tested byte by byte, without decoding.
#[inline]
fn next_boundary(text: &str, mut i: usize, word: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() == word {
                return Some(i);
            }
            i += 1;
        } else if b == 0xE0 && i + 2 < bytes.len() {
            // U+0800–U+0FFF, Devanagari and Bengali among them: read from the bytes.
            if super::normalize::indic_is_word(bytes[i + 1], bytes[i + 2]) == word {
                return Some(i);
            }
            i += 3;
        } else {
            let c = text[i..].chars().next()?;
            if is_word_char(c) == word {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// End of the word that `i` is inside (or `i` itself at a boundary).
#[inline]
pub fn word_end(text: &str, i: usize) -> usize {
    next_boundary(text, i, false).unwrap_or(text.len())
}

/// Start of the word that `i` is inside or ends (or `i` itself at a boundary).
#[inline]
pub fn word_start(text: &str, i: usize) -> usize {
    text[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(o, c)| o + c.len_utf8())
}

/// Whether the word at `start..end` of `text` stands alone: no word character
/// touches it on either side.
#[inline]
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
    let after = text[end..].chars().next().is_none_or(|c| !is_word_char(c));
    before && after
}

/// Longest sentence, in bytes: some 1,300 Bengali or Devanagari letters,
/// longer than any sentence news prints.
pub const MAX_SENTENCE_BYTES: usize = 4000;

/// Sentence ranges (byte offsets into `text`), trimmed of surrounding space.
/// A sentence ends at `।`, `॥`, `?`, `!`, a line break, or a full stop that
/// does not follow an abbreviation, an initial, or sit inside a number or name.
/// `words` are the text's words ([`Words`]): no mark is part of one. The
/// offsets of the line breaks, passed on the way, are written to `breaks`.
pub fn sentences(
    text: &str,
    words: &[Range<usize>],
    abbreviations: &HashSet<String>,
    breaks: &mut Vec<usize>,
) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // Sized once: a sentence of news is rarely under a hundred bytes.
    let mut out = Vec::with_capacity(text.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Range<usize>>, mut s: usize, e: usize| {
        loop {
            // A run of text with no sentence end (a list, a table, junk) is
            // cut at a space: every stage reads a sentence at a time.
            let mut cut = e;
            if e - s > MAX_SENTENCE_BYTES {
                let limit = text.floor_char_boundary(s + MAX_SENTENCE_BYTES);
                cut = text[s..limit].rfind(' ').map_or(limit, |k| s + k + 1);
            }
            let piece = &text[s..cut];
            let trimmed_start = s + (piece.len() - piece.trim_start().len());
            let trimmed_end = s + piece.trim_end().len();
            if trimmed_start < trimmed_end {
                out.push(trimmed_start..trimmed_end);
            }
            if cut == e {
                break;
            }
            s = cut;
        }
    };
    let mut marks = EndMarks::new(bytes, words);
    while let Some(next) = marks.next_from(i) {
        i = next;
        let b = bytes[i];
        let end_here = match b {
            b'\n' => {
                breaks.push(i);
                push(&mut out, start, i);
                start = i + 1;
                i += 1;
                continue;
            }
            b'?' | b'!' => Some(i + 1),
            b'.' if full_stop_ends_sentence(text, i, abbreviations) => Some(i + 1),
            0xE0 if danda_at(bytes, i) => Some(i + 3),
            _ => None,
        };
        match end_here {
            Some(mut e) => {
                // Closing quotes and brackets stay with their sentence.
                while let Some(c) = text[e..].chars().next() {
                    if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                        e += c.len_utf8();
                    } else {
                        break;
                    }
                }
                push(&mut out, start, e);
                start = e;
                i = e;
            }
            None => i += 1,
        }
    }
    push(&mut out, start, text.len());
    out
}

/// Where the marks that may end a sentence are (`\n`, `?`, `!`, `.`, `।`,
/// `॥`). None is a word character, so each lies between two words (or
/// before the first or after the last): only the text between words is
/// read, most often a single space, passed at a glance.
struct EndMarks<'a> {
    bytes: &'a [u8],
    words: &'a [Range<usize>],
    /// The gap being read: the one before word `gap` (after the last word
    /// when it is their number).
    gap: usize,
}

impl<'a> EndMarks<'a> {
    fn new(bytes: &'a [u8], words: &'a [Range<usize>]) -> Self {
        EndMarks { bytes, words, gap: 0 }
    }

    /// The first mark at or after `from`; `from` never goes back.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let bytes = self.bytes;
        let mut start = self.gap.checked_sub(1).map_or(0, |k| self.words[k].end);
        // The gaps before words, a word at a time: most are one space.
        for w in &self.words[self.gap..] {
            let from_here = start.max(from);
            if from_here < w.start
                && !(w.start - from_here == 1 && bytes[from_here] == b' ')
                && let Some(at) = first_mark(&bytes[from_here..w.start])
            {
                return Some(from_here + at);
            }
            start = w.end;
            self.gap += 1;
        }
        // After the last word.
        let from_here = start.max(from);
        let at = first_mark(bytes.get(from_here..)?)?;
        Some(from_here + at)
    }
}

/// Whether `।` or `॥` (U+0964, U+0965) starts at `bytes[i]`.
fn danda_at(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i..i + 3), Some([0xE0, 0xA5, 0xA4 | 0xA5]))
}

/// Where the first mark that may end a sentence is in `gap`.
fn first_mark(gap: &[u8]) -> Option<usize> {
    gap.iter().enumerate().position(|(k, &b)| match b {
        b'\n' | b'?' | b'!' | b'.' => true,
        0xE0 => danda_at(gap, k),
        _ => false,
    })
}

fn full_stop_ends_sentence(text: &str, i: usize, abbreviations: &HashSet<String>) -> bool {
    let next = text[i + 1..].chars().next();
    if next.is_some_and(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '”' | '’' | ')')) {
        return false; // 4.5, jagonews24.com, U.S.A
    }
    let word_start = word_start(text, i);
    let word = &text[word_start..i];
    if word.is_empty() {
        return true;
    }
    let letters = word.chars().filter(|&c| super::is_alphabetic(c)).count();
    let is_initial = letters <= 1 && !word.chars().all(|c| c.is_ascii_digit());
    // `U.S.` ends in a letter preceded by a full stop: an abbreviation too.
    let dotted = word_start > 0 && text.as_bytes()[word_start - 1] == b'.';
    !(is_initial || dotted || abbreviations.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewound_split_is_the_split_of_the_marks_before() {
        // Every sequence of up to eight word / non-word marks, one a byte,
        // rewound at every position.
        for len in 0..=8usize {
            for flags in 0..1u32 << len {
                let word = |k: usize| flags >> k & 1 == 1;
                let split_of = |n: usize| {
                    let mut split = WordSplit::default();
                    (0..n).for_each(|k| split.mark(k, word(k)));
                    split
                };
                for at in 0..=len {
                    let mut rewound = split_of(len);
                    rewound.rewind(at);
                    let fresh = split_of(at);
                    assert_eq!(rewound.checkpoint(), fresh.checkpoint(), "{flags:b} at {at}");
                    assert_eq!(rewound.finish(at), fresh.finish(at), "{flags:b} at {at}");
                }
            }
        }
    }

    #[test]
    fn the_byte_test_of_indic_letters_agrees_with_the_char_test() {
        for code in 0x800..0x1000 {
            let Some(c) = char::from_u32(code) else { continue };
            let mut b = [0; 3];
            c.encode_utf8(&mut b);
            assert_eq!(
                super::super::normalize::indic_is_word(b[1], b[2]),
                is_word_char(c),
                "U+{code:04X}"
            );
        }
    }

    fn abbrevs() -> HashSet<String> {
        ["Mr", "Dr", "ড", "ডা", "डॉ", "Sept", "Jan"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn the_marks_between_words_are_every_mark_of_the_text() {
        // Texts of letters, digits, spaces, marks and other punctuation, in
        // both scripts: the marks found a gap at a time are those a search
        // of every byte finds.
        let alphabet = [
            "ক", "ি", "म", "्", "a", "Z", "7", "৭", " ", " ", ".", "?", "!", "\n", "।", "॥", ",", "\"", "ॐ",
        ];
        for text in crate::text::random_texts(&alphabet, 20_000, 32, 0x9E37_79B9_7F4A_7C15) {
            let want: Vec<usize> = (0..text.len())
                .filter(|&i| {
                    let rest = &text.as_bytes()[i..];
                    matches!(rest[0], b'\n' | b'?' | b'!' | b'.')
                        || rest.starts_with("।".as_bytes())
                        || rest.starts_with("॥".as_bytes())
                })
                .collect();
            let words: Vec<Range<usize>> = Words::new(&text).collect();
            let mut marks = EndMarks::new(text.as_bytes(), &words);
            let mut got = Vec::new();
            let mut from = 0;
            while let Some(at) = marks.next_from(from) {
                got.push(at);
                from = at + 1;
            }
            assert_eq!(got, want, "{text:?}");
        }
    }

    fn sents(text: &str) -> Vec<&str> {
        let words: Vec<Range<usize>> = Words::new(text).collect();
        let mut breaks = Vec::new();
        let found = sentences(text, &words, &abbrevs(), &mut breaks);
        // Every line break is passed on the way.
        let want: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
        assert_eq!(breaks, want, "{text:?}");
        found.into_iter().map(|r| &text[r]).collect()
    }

    fn words(text: &str) -> Vec<&str> {
        Words::new(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn bengali_sentences_end_at_danda() {
        assert_eq!(
            sents("পুতিন বলেন, আলোচনা হবে। ট্রাম্প রাজি? হ্যাঁ!"),
            vec!["পুতিন বলেন, আলোচনা হবে।", "ট্রাম্প রাজি?", "হ্যাঁ!"]
        );
    }

    #[test]
    fn hindi_sentences_end_at_danda() {
        assert_eq!(sents("बैठक होगी। पुतिन ने कहा।"), vec!["बैठक होगी।", "पुतिन ने कहा।"]);
    }

    #[test]
    fn abbreviations_and_numbers_do_not_end_sentences() {
        assert_eq!(
            sents("Mr. Rubio met Dr. Lee on Sept. 6 in the U.S. capital. Costs rose 4.5 percent."),
            vec![
                "Mr. Rubio met Dr. Lee on Sept. 6 in the U.S. capital.",
                "Costs rose 4.5 percent."
            ]
        );
        assert_eq!(sents("ড. আব্দুল মঈন খান বলেন।"), vec!["ড. আব্দুল মঈন খান বলেন।"]);
        assert_eq!(sents("डॉ. शर्मा ने कहा।"), vec!["डॉ. शर्मा ने कहा।"]);
    }

    #[test]
    fn every_kind_of_end_mark_in_any_order() {
        assert_eq!(sents(""), Vec::<&str>::new());
        assert_eq!(sents("।॥\n?"), vec!["।", "॥", "?"]);
        assert_eq!(
            sents("প্রথম॥ দ্বিতীয়। Third? Fourth! Fifth. षष्ठ॥ सातवाँ"),
            vec!["প্রথম॥", "দ্বিতীয়।", "Third?", "Fourth!", "Fifth.", "षष्ठ॥", "सातवाँ"]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_quotes_stay() {
        assert_eq!(
            sents("শিরোনাম\n\n“আলোচনা চলবে।” তিনি বলেন।"),
            vec!["শিরোনাম", "“আলোচনা চলবে।”", "তিনি বলেন।"]
        );
    }

    #[test]
    fn words_keep_conjuncts_and_case_endings() {
        assert_eq!(
            words("ভলোদিমির জেলেনস্কিকে, পুতিনের"),
            vec!["ভলোদিমির", "জেলেনস্কিকে", "পুতিনের"]
        );
        assert_eq!(words("वोलोदिमीर ज़ेलेंस्की ने कहा।"), vec!["वोलोदिमीर", "ज़ेलेंस्की", "ने", "कहा"]);
        assert_eq!(words("ট্রাম্প-পুটিন কল"), vec!["ট্রাম্প", "পুটিন", "কল"]);
        assert_eq!(words("Putin's 2025 visit"), vec!["Putin", "s", "2025", "visit"]);
    }

    #[test]
    fn words_agree_with_a_char_by_char_split() {
        // Every code point of U+0800–U+0FFF (decoded in place), with ASCII,
        // Latin-1 and four-byte characters between them.
        let mut text = String::new();
        for code in 0x800..0x1000 {
            if let Some(c) = char::from_u32(code) {
                text.push(c);
                text.push(match code % 5 {
                    0 => ' ',
                    1 => 'a',
                    2 => 'é',
                    3 => '😀',
                    _ => '।',
                });
            }
        }
        let mut expected = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    expected.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        let words: Vec<_> = Words::new(&text).collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn whole_word_check() {
        let t = "রুশো রুশ";
        let i = t.find("রুশ").unwrap();
        assert!(!is_whole_word(t, i, i + "রুশ".len()));
        let j = t.rfind("রুশ").unwrap();
        assert!(is_whole_word(t, j, t.len()));
    }
}
