//! The shared document every extractor reads: the text as read, its normalised
//! view with the offset map back, its language, sentences and words.

pub mod bytes;
pub mod normalize;
pub mod numbers;
pub mod script;
pub mod segment;
pub mod word_index;

use std::ops::Range;

pub use normalize::{Normalized, normalize_str};
pub use script::{
    INDIC_BLOCK_LEN, Lang, Script, ScriptCounts, indic_block_index, indic_script_at, is_alphabetic, is_letter, is_sign,
    script_of, script_of_span,
};
pub use segment::{Words, is_whole_word, is_word_char, sentences, word_end, word_start};

use crate::lexicon;
use crate::model::Span;
use word_index::WordIndex;

/// Byte to code point offsets in the original text, in O(1) plus a scan of
/// at most one block.
#[derive(Debug, Clone, Default)]
struct CharIndex {
    ascii: bool,
    /// Code points before each 64-byte block: a span's offset counts at
    /// most 63 bytes.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

impl CharIndex {
    fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex {
                ascii: true,
                blocks: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        // One count a block begun, and one for the end.
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(BLOCK) + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += char_starts(chunk) as u32;
        }
        // The end of a text whose length is a whole number of blocks starts a block of its own.
        blocks.push(count);
        CharIndex { ascii: false, blocks }
    }

    fn char_offset(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let base = self.blocks.get(block).copied().unwrap_or(0) as usize;
        base + char_starts(&text.as_bytes()[block * BLOCK..byte])
    }
}

/// How many characters start in `bytes` (bytes that are not UTF-8
/// continuations, `10xxxxxx`). Whole blocks of 64 are a plain count the
/// compiler turns into vector instructions, sixteen bytes at a time; the
/// rest, all of most spans and of most offsets within a block, eight
/// bytes to a register, where the vector loop would leave it to a loop of
/// one byte at a time.
pub fn char_starts(bytes: &[u8]) -> usize {
    let (blocks, rest) = bytes.as_chunks::<64>();
    // A block's count fits a byte: summed in bytes, widened once a block.
    let mut n: usize = blocks
        .iter()
        .map(|block| block.iter().fold(0u8, |n, &b| n + u8::from((b as i8) >= -0x40)) as usize)
        .sum();
    let (words, last) = rest.as_chunks::<8>();
    for word in words {
        let x = u64::from_le_bytes(*word);
        // A continuation has its top bit set and the next one clear.
        n += 8 - bytes::count_lanes(x & !(x << 1) & bytes::TOPS);
    }
    n + last.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The items of `sorted` (in order of `start`) that start within `range`:
/// what a sentence or a window holds, found by binary search.
pub fn starting_within<T>(sorted: &[T], start: impl Fn(&T) -> usize, range: Range<usize>) -> &[T] {
    &sorted[indices_starting_within(sorted, start, range)]
}

/// `count` texts of one to `longest` pieces of `alphabet` each, drawn by a
/// fixed sequence from `seed`: the same texts on every run.
#[cfg(test)]
pub(crate) fn random_texts(alphabet: &[&str], count: usize, longest: usize, mut seed: u64) -> Vec<String> {
    (0..count)
        .map(|_| {
            let len = (seed >> 32) as usize % longest + 1;
            (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect()
        })
        .collect()
}

/// Every pair of character boundaries of `text`, the first no later than
/// the second: the ranges a test asks of an answer between two offsets.
#[cfg(test)]
pub(crate) fn char_ranges(text: &str) -> Vec<(usize, usize)> {
    let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    bounds
        .iter()
        .flat_map(|&from| bounds.iter().filter(move |&&to| to >= from).map(move |&to| (from, to)))
        .collect()
}

/// Where in `sorted` the items that start within `range` are.
pub fn indices_starting_within<T>(sorted: &[T], start: impl Fn(&T) -> usize, range: Range<usize>) -> Range<usize> {
    let from = sorted.partition_point(|x| start(x) < range.start);
    // Those before `from` start before `range.end` too (or the range is
    // empty, and so is the answer): the end is searched for past it.
    let to = from + sorted[from..].partition_point(|x| start(x) < range.end);
    from..to
}

/// One article, ready for the extractors.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text as read (UTF-8 decoded, a leading BOM dropped).
    pub text: String,
    /// The normalised view extractors match against.
    pub norm: Normalized,
    pub lang: Lang,
    /// Sentence ranges in the normalised text.
    pub sentences: Vec<Range<usize>>,
    /// Word ranges in the normalised text, found once for every stage.
    words: Vec<Range<usize>>,
    /// Where an offset falls among `words`.
    word_index: WordIndex,
    /// Offsets of the line breaks of the normalised text.
    line_breaks: Vec<usize>,
    chars: CharIndex,
    /// The words' numbers, for the stages that ask something of each word;
    /// a scan of dates alone numbers none.
    numbers: std::sync::OnceLock<numbers::WordNumbers>,
}

impl Document {
    pub fn new(text: String) -> Self {
        let (norm, words) = Normalized::with_words(&text);
        let lang = norm.letters.lang();
        let mut line_breaks = Vec::new();
        let sentences = sentences(&norm.text, &words, lexicon::abbreviations(), &mut line_breaks);
        let chars = CharIndex::new(&text);
        let word_index = WordIndex::new(&words, norm.text.len());
        Document {
            text,
            norm,
            lang,
            sentences,
            words,
            word_index,
            line_breaks,
            chars,
            numbers: std::sync::OnceLock::new(),
        }
    }

    /// The normalised text.
    #[inline]
    pub fn norm_text(&self) -> &str {
        &self.norm.text
    }

    /// Code point offset of byte `byte` in the original text.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.char_offset(&self.text, byte)
    }

    /// Original byte range of a normalised byte range.
    pub fn orig_range(&self, norm: Range<usize>) -> Range<usize> {
        self.norm.to_orig(norm)
    }

    /// The output span of a normalised byte range: text and code point offsets
    /// in the original text.
    pub fn span(&self, norm: Range<usize>) -> Span {
        let orig = self.orig_range(norm.clone());
        let text = &self.text[orig.clone()];
        // A span is short: its end is counted on from its start, not from
        // the block the end falls in.
        let start = self.char_offset(orig.start);
        Span {
            text: text.into(),
            start,
            end: start + char_starts(text.as_bytes()),
            norm,
        }
    }

    /// Index of the sentence holding normalised offset `pos`.
    pub fn sentence_index(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).map(|_| i)
    }

    /// The sentence holding normalised offset `pos`, or an empty range.
    pub fn sentence_at(&self, pos: usize) -> Range<usize> {
        self.sentence_index(pos).map_or(pos..pos, |i| self.sentences[i].clone())
    }

    /// Start of the line holding normalised offset `pos` (a line break at
    /// `pos` ends the line before it).
    pub fn line_start(&self, pos: usize) -> usize {
        let i = self.line_breaks.partition_point(|&b| b < pos);
        i.checked_sub(1).map_or(0, |k| self.line_breaks[k] + 1)
    }

    /// End of the line holding normalised offset `pos`: the next line break
    /// at or after it, or the end of the text.
    pub fn line_end(&self, pos: usize) -> usize {
        let i = self.line_breaks.partition_point(|&b| b < pos);
        self.line_breaks.get(i).copied().unwrap_or(self.norm.text.len())
    }

    /// Words of the normalised text, in order.
    pub fn words(&self) -> &[Range<usize>] {
        &self.words
    }

    /// The numbers of [`Document::words`], given by the first thread that
    /// asks.
    pub fn word_numbers(&self) -> &numbers::WordNumbers {
        self.numbers
            .get_or_init(|| numbers::WordNumbers::of(&self.norm.text, &self.words))
    }

    /// The index in [`Document::words`] of the word that starts at
    /// normalised offset `start`, if one does.
    #[inline]
    pub fn word_starting_at(&self, start: usize) -> Option<usize> {
        let i = self.first_word_starting_at_or_after(start);
        self.words.get(i).is_some_and(|w| w.start == start).then_some(i)
    }

    /// The index in [`Document::words`] of the word that ends at
    /// normalised offset `end`, if one does.
    #[inline]
    pub fn word_ending_at(&self, end: usize) -> Option<usize> {
        let i = self.first_word_ending_after(end).checked_sub(1)?;
        (self.words[i].end == end).then_some(i)
    }

    /// The number of the word `w` is, when it is one of
    /// [`Document::words`] whole.
    pub fn word_id(&self, w: &Range<usize>) -> Option<numbers::WordId> {
        let i = self.word_starting_at(w.start)?;
        (self.words[i] == *w).then(|| self.word_numbers().get(i))
    }

    /// The words of `norm_text()[from..to]`, a word that either end cuts
    /// cut there too: what [`Words::from`] finds in `&text[..to]` from
    /// `from`, read from the words found once rather than by a new scan.
    pub fn words_between(&self, from: usize, to: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        self.words[self.word_indices_between(from, to)]
            .iter()
            .map(move |w| w.start.max(from)..w.end.min(to))
    }

    /// Where in [`Document::words`] the words of [`Document::words_between`]
    /// are.
    pub fn word_indices_between(&self, from: usize, to: usize) -> Range<usize> {
        if from >= to {
            return 0..0;
        }
        let first = self.first_word_ending_after(from);
        first..self.first_word_starting_at_or_after(to).max(first)
    }

    /// The index in [`Document::words`] of the first word that ends after
    /// normalised offset `pos` (their number if none does).
    #[inline]
    pub fn first_word_ending_after(&self, pos: usize) -> usize {
        self.word_index.ending_by(&self.words, pos)
    }

    /// The index in [`Document::words`] of the first word that starts at
    /// or after normalised offset `pos` (their number if none does).
    #[inline]
    pub fn first_word_starting_at_or_after(&self, pos: usize) -> usize {
        self.word_index.starting_before(&self.words, pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_items_starting_within_a_range_are_those_a_filter_keeps() {
        let starts = [0, 2, 2, 5, 9, 9, 9, 14];
        for from in 0..17 {
            for to in 0..17 {
                let want: Vec<usize> = starts.iter().copied().filter(|s| (from..to).contains(s)).collect();
                assert_eq!(starting_within(&starts, |&s| s, from..to), want, "{from}..{to}");
            }
        }
    }

    #[test]
    fn the_word_starting_or_ending_at_an_offset_is_found_only_there() {
        let doc = Document::new("ঢাকায় আজ, বৈঠক।".to_string());
        let n = doc.norm_text();
        let (today, meeting) = (n.find("আজ").unwrap(), n.find("বৈঠক").unwrap());
        assert_eq!(doc.word_starting_at(0), Some(0));
        assert_eq!(doc.word_starting_at(today), Some(1));
        assert_eq!(doc.word_starting_at(meeting), Some(2));
        assert_eq!(doc.words()[2], meeting..meeting + "বৈঠক".len());
        // Inside a word, at a space or a comma, at the end: none.
        assert_eq!(doc.word_starting_at(3), None);
        assert_eq!(doc.word_starting_at(today - 1), None);
        assert_eq!(doc.word_starting_at(today + "আজ".len()), None);
        assert_eq!(doc.word_starting_at(n.len()), None);
        assert_eq!(doc.word_starting_at(n.len() + 10), None);
        // And the word that ends at one.
        assert_eq!(doc.word_ending_at(today + "আজ".len()), Some(1));
        assert_eq!(doc.word_ending_at(n.len() - "।".len()), Some(2));
        assert_eq!(doc.word_ending_at(today), None);
        assert_eq!(doc.word_ending_at(0), None);
        assert_eq!(doc.word_ending_at(n.len()), None);
        assert_eq!(doc.word_ending_at(n.len() + 10), None);
    }

    #[test]
    fn spans_point_into_the_text_as_read() {
        // Precomposed য় (U+09DF) and Bengali digits: offsets count code points as read.
        let text = "আলাস্কা\u{09DF} ১৫ আগস্ট বৈঠক।".to_string();
        let doc = Document::new(text.clone());
        let n = doc.norm_text();
        let s = n.find("15").unwrap();
        let span = doc.span(s..s + 2);
        assert_eq!(span.text, "১৫");
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[span.start..span.end].iter().collect::<String>(), "১৫");
        let a = n.find("আলাস্কা").unwrap();
        let end = n.find(' ').unwrap();
        let span = doc.span(a..end);
        assert_eq!(span.text, "আলাস্কা\u{09DF}");
        assert_eq!((span.start, span.end), (0, 8));
    }

    #[test]
    fn document_language_and_sentences() {
        let doc = Document::new("मियामी में बैठक होगी। पुतिन ने कहा।".into());
        assert_eq!(doc.lang, Lang::Hi);
        assert_eq!(doc.sentences.len(), 2);
        let pos = doc.norm_text().find("पुतिन").unwrap();
        assert_eq!(doc.sentence_index(pos), Some(1));
        assert_eq!(&doc.norm_text()[doc.sentence_at(pos)], "पुतिन ने कहा।");
    }

    #[test]
    fn the_end_of_a_text_of_whole_blocks() {
        // Found by fuzzing: 256 × 3 bytes, the last character ASCII.
        let text = "ক".repeat(255) + &"x".repeat(3);
        assert_eq!(text.len(), 768);
        let doc = Document::new(text.clone());
        assert_eq!(doc.char_offset(text.len()), 258);
        let span = doc.span(text.len() - 1..text.len());
        assert_eq!((span.start, span.end, span.text.as_str()), (257, 258, "x"));
    }

    #[test]
    fn words_between_are_the_words_a_new_scan_finds() {
        let text = "মস্কোতে বৈঠকে ‘পুতিন’, Trump said: ২৫ জুন।  end";
        let doc = Document::new(text.to_string());
        let n = doc.norm_text();
        let bounds: Vec<usize> = (0..=n.len()).filter(|&i| n.is_char_boundary(i)).collect();
        for &from in &bounds {
            for &to in &bounds {
                let scanned: Vec<Range<usize>> = Words::from(&n[..to], from).collect();
                assert_eq!(doc.words_between(from, to).collect::<Vec<_>>(), scanned, "{from}..{to}");
            }
        }
    }

    #[test]
    fn characters_are_counted_eight_bytes_at_a_time_as_one_at_a_time() {
        // Every byte value at every place of a chunk, and every length up
        // to past a register's, around a block's and two blocks'.
        let one_at_a_time = |b: &[u8]| b.iter().filter(|&&b| (b as i8) >= -0x40).count();
        for value in 0..=255u8 {
            for len in (0..20).chain(60..74).chain(126..131) {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = value;
                    assert_eq!(
                        char_starts(&bytes),
                        one_at_a_time(&bytes),
                        "{value:#x} at {at} of {len}"
                    );
                }
            }
        }
        let text = "ঢাকা, दिल्ली and Zürich 😀".repeat(5);
        assert_eq!(char_starts(text.as_bytes()), text.chars().count());
    }

    #[test]
    fn char_offsets_across_blocks() {
        let text = "ক".repeat(300) + "x";
        let doc = Document::new(text.clone());
        assert_eq!(doc.char_offset(text.len() - 1), 300);
        assert_eq!(doc.char_offset(3 * 100), 100);
    }
}
