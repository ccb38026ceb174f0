//! The vocabularies of dates and events are looked for only at word starts:
//! the longest entry the text begins with there. A trie answers that in one
//! walk and builds in well under a millisecond; an Aho-Corasick automaton
//! (which also finds matches that start anywhere) spent some 10 ms of every
//! start-up on failure transitions these look-ups never take. It steps a
//! character at a time, not a byte: a Bengali or Devanagari letter is three
//! bytes, and most look-ups end within the first two letters.

use std::cell::RefCell;
use std::ops::Range;
use std::thread::LocalKey;

use super::memo::IdMemo;
use crate::text::is_word_char;
use crate::text::numbers::WordNumbers;

/// A trie of strings, ASCII letters compared without case.
#[derive(Debug)]
pub struct PrefixTrie {
    /// Where each node's edges are in `labels` and `targets`, sorted by
    /// character: `edges[i]..edges[i + 1]`.
    edges: Vec<u32>,
    labels: Vec<u32>,
    targets: Vec<u32>,
    /// The entry that ends at each node (the first added, when several
    /// differ only in case).
    entry: Vec<u32>,
    /// The root's child for each character below [`ROOT_DENSE`] (the
    /// first letters of nearly every entry): the first step is one look-up.
    root: Vec<u32>,
}

/// Characters up to the end of the Bengali block.
const ROOT_DENSE: u32 = 0xA00;

const NONE: u32 = u32::MAX;

impl Default for PrefixTrie {
    /// The trie of no entries.
    fn default() -> Self {
        PrefixTrie::new(std::iter::empty::<&str>())
    }
}

/// The character at `text[i..]` (ASCII lowercased) and its length in bytes;
/// `i` is a character boundary of a `str`, so the bytes are well formed.
#[inline]
fn char_at(text: &[u8], i: usize) -> Option<(u32, usize)> {
    let b0 = *text.get(i)?;
    let cont = |k: usize| text.get(i + k).map(|&b| u32::from(b & 0x3F));
    Some(match b0 {
        0..0x80 => (u32::from(b0.to_ascii_lowercase()), 1),
        0xC0..0xE0 => ((u32::from(b0 & 0x1F) << 6) | cont(1)?, 2),
        0xE0..0xF0 => ((u32::from(b0 & 0x0F) << 12) | (cont(1)? << 6) | cont(2)?, 3),
        _ => (
            (u32::from(b0 & 0x07) << 18) | (cont(1)? << 12) | (cont(2)? << 6) | cont(3)?,
            4,
        ),
    })
}

impl PrefixTrie {
    /// A trie of `entries`, numbered in order.
    pub fn new<I, S>(entries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut children: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        let mut entry = vec![NONE];
        for (id, e) in entries.into_iter().enumerate() {
            let mut node = 0;
            for c in e.as_ref().chars() {
                let c = u32::from(c.to_ascii_lowercase());
                node = match children[node].iter().find(|(l, _)| *l == c) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = children.len();
                        children[node].push((c, next as u32));
                        children.push(Vec::new());
                        entry.push(NONE);
                        next
                    }
                };
            }
            if node != 0 && entry[node] == NONE {
                entry[node] = id as u32;
            }
        }
        let mut trie = PrefixTrie {
            edges: Vec::with_capacity(children.len() + 1),
            labels: Vec::new(),
            targets: Vec::new(),
            entry,
            root: vec![NONE; ROOT_DENSE as usize],
        };
        for &(c, next) in &children[0] {
            if c < ROOT_DENSE {
                trie.root[c as usize] = next;
            }
        }
        for mut out in children {
            out.sort_unstable_by_key(|&(c, _)| c);
            trie.edges.push(trie.labels.len() as u32);
            for (c, next) in out {
                trie.labels.push(c);
                trie.targets.push(next);
            }
        }
        trie.edges.push(trie.labels.len() as u32);
        trie
    }

    #[inline]
    fn next(&self, node: u32, c: u32) -> Option<u32> {
        if node == 0 && c < ROOT_DENSE {
            return Some(self.root[c as usize]).filter(|&n| n != NONE);
        }
        let node = node as usize;
        let (from, to) = (self.edges[node] as usize, self.edges[node + 1] as usize);
        let labels = &self.labels[from..to];
        // Most nodes past the first letter have one or two edges.
        let at = if labels.len() <= 8 {
            labels.iter().position(|&l| l == c)?
        } else {
            labels.binary_search(&c).ok()?
        };
        Some(self.targets[from + at])
    }

    /// Whether an edge of `node` is a character that no word holds
    /// ([`is_word_char`]): whether an entry goes on past a word that ends
    /// at `node`.
    fn goes_past_words(&self, node: u32) -> bool {
        let node = node as usize;
        self.labels[self.edges[node] as usize..self.edges[node + 1] as usize]
            .iter()
            .any(|&c| char::from_u32(c).is_some_and(|c| !is_word_char(c)))
    }

    /// The longest entry that `text[start..]` begins with: its number and
    /// where it ends. `None` too when `start` is not a character boundary.
    pub fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        if !text.is_char_boundary(start) {
            return None;
        }
        self.walk(0, text, start, None).1
    }

    /// Walk from `node` over `text[i..]`: the node reached at its end
    /// (`NONE` if the walk ended before), and the last entry passed, else
    /// `found`.
    #[inline]
    fn walk(
        &self,
        mut node: u32,
        text: &str,
        mut i: usize,
        mut found: Option<(usize, usize)>,
    ) -> (u32, Option<(usize, usize)>) {
        let bytes = text.as_bytes();
        while let Some((c, len)) = char_at(bytes, i) {
            let Some(next) = self.next(node, c) else {
                return (NONE, found);
            };
            node = next;
            i += len;
            let e = self.entry[node as usize];
            if e != NONE {
                found = Some((e as usize, i));
            }
        }
        (node, found)
    }

    /// [`PrefixTrie::longest_at`] at the start of each of `words` (numbered
    /// `numbers`), listed only for the words where an entry starts and
    /// those `also` asks for (with `None`), in order: most words start
    /// none, and a caller then visits only the few that do. The walk over
    /// each word is remembered in `memo` (news repeats its words, and most
    /// walks end inside the word), the memo borrowed once for them all.
    pub fn longest_at_words(
        &self,
        memo: &'static LocalKey<RefCell<WalkMemo>>,
        text: &str,
        words: &[Range<usize>],
        numbers: &WordNumbers,
        also: impl Fn(&Range<usize>) -> bool,
    ) -> Vec<WordHit> {
        memo.with_borrow_mut(|m| {
            m.serve(self.owner(), numbers.numbering());
            // News has an entry of the date or event vocabulary every six
            // to ten words, and a word after a mark every few: room for
            // one in two, seldom grown.
            let mut hits = Vec::with_capacity(words.len() / 2);
            // Words and their numbers side by side: no index checked a word.
            for (i, (w, &number)) in words.iter().zip(numbers.indices(0..words.len())).enumerate() {
                // Most words were walked before: the walk is worked out
                // out of line for those that were not.
                let walk = match m.get(number) {
                    Some(walk) => *walk,
                    None => self.remember_walk(m, &text[w.clone()], number),
                };
                let found = self.finish(walk, text, w);
                if found.is_some() || also(w) {
                    hits.push(WordHit { word: i, found });
                }
            }
            hits
        })
    }

    /// What tells this trie's walks from another's in a [`WalkMemo`].
    fn owner(&self) -> usize {
        self as *const PrefixTrie as usize
    }

    /// The longest entry at the start of the word `text[word]`, given
    /// the walk over the word: on in the text if it left the word inside
    /// the trie.
    #[inline]
    fn finish(&self, walk: WordWalk, text: &str, word: &Range<usize>) -> Option<(usize, usize)> {
        let found = walk.found.map(|(e, len)| (e as usize, word.start + len as usize));
        if walk.node == NONE {
            return found;
        }
        self.walk(walk.node, text, word.end, found).1
    }

    /// The walk over `word`, number `index` of the numbering `memo`
    /// serves, worked out and remembered.
    #[cold]
    #[inline(never)]
    fn remember_walk(&self, memo: &mut WalkMemo, word: &str, index: u32) -> WordWalk {
        memo.read(index, || self.walk_word(word), |walk| *walk)
    }

    /// The walk over `word` from the root.
    fn walk_word(&self, word: &str) -> WordWalk {
        let (node, found) = self.walk(0, word, 0, None);
        WordWalk {
            // A word ends before a character that is no word's: a node
            // with no edge for one ends the walk at the word.
            node: if node != NONE && self.goes_past_words(node) {
                node
            } else {
                NONE
            },
            found: found.map(|(e, len)| (e as u32, len as u32)),
        }
    }
}

/// A word of [`PrefixTrie::longest_at_words`]: its index among the words,
/// and the longest entry at its start with the entry's end, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHit {
    pub word: usize,
    pub found: Option<(usize, usize)>,
}

/// A walk over one word: the node it reached at the word's end (`NONE`
/// when it ended inside), and the longest entry within the word (its
/// number and length).
#[derive(Debug, Clone, Copy)]
pub struct WordWalk {
    node: u32,
    found: Option<(u32, u32)>,
}

/// The walks of one thread over the words it has read, for one trie.
pub type WalkMemo = IdMemo<usize, WordWalk>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_entry_at_a_position_is_found() {
        let trie = PrefixTrie::new(["জুন", "জুলাই", "জু", "May", "may", "Monday", "a.m."]);
        let at = |s: &str, start: usize| trie.longest_at(s, start);
        assert_eq!(at("জুলাইয়ে", 0), Some((1, "জুলাই".len())));
        assert_eq!(at("জুনের", 0), Some((0, "জুন".len())));
        assert_eq!(at("জুতা", 0), Some((2, "জু".len())));
        // ASCII letters in any case; of two entries that differ only in
        // case, the first.
        assert_eq!(at("on MAY 5", 3), Some((3, 6)));
        assert_eq!(at("MONDAY", 0), Some((5, 6)));
        assert_eq!(at("at 9 A.M.", 5), Some((6, 9)));
        assert_eq!(at("Mon", 0), None);
        assert_eq!(at("xMay", 0), None);
        assert_eq!(at("May", 9), None);
        assert_eq!(PrefixTrie::default().longest_at("May", 0), None);
        // Inside a letter is no start.
        assert_eq!(at("জুন", 1), None);
    }

    #[test]
    fn first_letters_beyond_the_table_and_nodes_of_many_edges() {
        // Twelve entries share `ক`, so its children are searched in order.
        let many: Vec<String> = "অআইঈউঊঋএঐওঔক".chars().map(|c| format!("ক{c}")).collect();
        let mut entries = vec!["年".to_string(), "–পর".to_string(), "😀x".to_string()];
        entries.extend(many);
        let trie = PrefixTrie::new(&entries);
        assert_eq!(trie.longest_at("年内", 0), Some((0, "年".len())));
        assert_eq!(trie.longest_at("এক –পরে", "এক ".len()), Some((1, "এক –পর".len())));
        assert_eq!(trie.longest_at("😀xy", 0), Some((2, "😀x".len())));
        for (k, e) in entries.iter().enumerate().skip(3) {
            assert_eq!(trie.longest_at(e, 0), Some((k, e.len())), "{e}");
        }
        assert_eq!(trie.longest_at("কখ", 0), None);
    }

    #[test]
    fn a_walk_remembered_by_word_ends_where_the_full_walk_does() {
        thread_local! {
            static MEMO: RefCell<WalkMemo> = const { RefCell::new(WalkMemo::new()) };
        }
        // Entries that go on past a word's end (by a space, a full stop, a
        // hyphen, a dash) and ones that go on only within a word.
        let trie = PrefixTrie::new([
            "জুন",
            "জুলাই",
            "জু",
            "next week",
            "next",
            "a.m.",
            "কাল",
            "কালকে",
            "e-mail",
            "মে–জুন",
        ]);
        let texts = [
            "জুলাইয়ে জুন",
            "next week and next month",
            "at 9 a.m. কাল",
            "কালকে জু",
            "nextweek next",
            "an e-mail, e-mails, e mail",
            "মে–জুনে মে-জুন মে",
        ];
        for text in texts {
            let words: Vec<_> = crate::text::Words::new(text).collect();
            let numbers = crate::text::numbers::WordNumbers::of(text, &words);
            // Twice: the second time from the memo.
            for _ in 0..2 {
                let want: Vec<WordHit> = (0..words.len())
                    .filter_map(|i| {
                        let found = trie.longest_at(text, words[i].start)?;
                        Some(WordHit {
                            word: i,
                            found: Some(found),
                        })
                    })
                    .collect();
                assert_eq!(
                    trie.longest_at_words(&MEMO, text, &words, &numbers, |_| false),
                    want,
                    "{text}"
                );
                // Every word asked for is listed, with or without an entry.
                let all = trie.longest_at_words(&MEMO, text, &words, &numbers, |_| true);
                assert_eq!(all.len(), words.len());
                for (i, hit) in all.iter().enumerate() {
                    assert_eq!(
                        *hit,
                        WordHit {
                            word: i,
                            found: trie.longest_at(text, words[i].start)
                        }
                    );
                }
            }
        }
        let text = "next week";
        let words: Vec<_> = crate::text::Words::new(text).collect();
        let numbers = crate::text::numbers::WordNumbers::of(text, &words);
        assert_eq!(
            trie.longest_at_words(&MEMO, text, &words, &numbers, |_| false),
            [WordHit {
                word: 0,
                found: Some((3, text.len()))
            }]
        );
    }
}
