//! People no gazetteer lists, found from context: a title or role before the
//! name (`পররাষ্ট্রমন্ত্রী X Y`, `Dr. X`), a reporting word after it (`X Y
//! বলেন`, `X Y ने कहा`) or before it (`said X Y`), a photo credit (`(এপি
//! ছবি/X Y)`), and a list that continues after a named person (`X, Y Z ও W
//! V`). A name is two to four name-like words; after an honorific one is
//! enough. A bare title with no name after it (`ইউক্রেনের প্রেসিডেন্ট বলেন`)
//! yields nothing.

use std::cell::RefCell;
use std::ops::Range;

use super::{
    CueMatch, Found, Mention, Overlaps, Slots, Via, Who, covered_with_cues, covered_with_room, overlaps_any, words_in,
};
use crate::lexicon::entities::{Cue, EntityLexicon};
use crate::lexicon::memo::IdMemo;
use crate::lexicon::word::WordLists;
use crate::text::bytes::has_ascii_digit;
use crate::text::numbers::WordId;
use crate::text::{Document, Script, indic_script_at, is_word_char, script_of, word_end, word_start};

/// Most words a name takes.
const MAX_WORDS: usize = 4;

/// Bytes around a credit word searched for its brackets.
const CREDIT_REACH: usize = 600;

/// The cues (in text order) that start at `at`.
fn cues_at(cues: &[CueMatch], at: usize) -> &[CueMatch] {
    crate::text::starting_within(cues, |c| c.range.start, at..at + 1)
}

pub(super) fn context_people(
    doc: &Document,
    lex: &EntityLexicon,
    traits: &WordTraits,
    cues: &[CueMatch],
    found: &mut Vec<Found>,
) {
    let text = doc.norm_text();
    // Cue words and blocked phrases are never part of a name. The names
    // this adds go in too: room for a few before the list grows.
    let mut cover = covered_with_cues(found, cues, 16);
    let mut slots = Slots::of(found);
    let mut add =
        |found: &mut Vec<Found>, cover: &mut Vec<Range<usize>>, words: &[Range<usize>], role: Option<String>| {
            let Some((mention, key)) = mention_of(text, lex, words) else {
                return;
            };
            if overlaps_any(cover, &mention.range) || mention.range.is_empty() {
                return;
            }
            let pos = cover.partition_point(|c| c.start < mention.range.start);
            cover.insert(pos, mention.range.clone());
            let i = slots.add(found, Who::Pattern(key), true, mention);
            found[i].role = found[i].role.take().or(role);
        };
    let mut credit_segments: rustc_hash::FxHashSet<Range<usize>> = Default::default();
    for c in cues {
        match c.cue {
            Cue::Title { role } => {
                // Titles chain (`শংকরাচার্য স্বামী X`): the last one reads the name.
                let next = past_spaces(text, c.range.end);
                if cues_at(cues, next).iter().any(|k| matches!(k.cue, Cue::Title { .. })) {
                    continue;
                }
                let words = trim_common_tail(text, lex, cues, name_words_after(doc, c.range.end, lex, &cover));
                // One word is a name after an honorific, or after a role
                // when a reporting word follows (`প্রোফেসর X বলেন`).
                let enough = if role && !speech_follows(text, &words, cues) {
                    2
                } else {
                    1
                };
                if words.len() >= enough {
                    let role_text = role.then(|| doc.text[doc.orig_range(c.range.clone())].to_string());
                    add(found, &mut cover, &words, role_text);
                }
            }
            Cue::Speech(side) => {
                if side.after() {
                    let words = name_words_before(doc, c.range.start, lex, &cover);
                    if words.len() >= 2 {
                        add(found, &mut cover, &words, None);
                    }
                }
                if side.before() {
                    let words = trim_common_tail(text, lex, cues, name_words_after(doc, c.range.end, lex, &cover));
                    if words.len() >= 2 {
                        add(found, &mut cover, &words, None);
                    }
                }
            }
            Cue::Credit => {
                let Some(seg) = credit_segment(doc, c.range.clone()) else {
                    continue;
                };
                if !credit_segments.insert(seg.clone()) {
                    continue;
                }
                for part in text[seg.clone()].split(['/', ',', ';', ':', '|', '–']) {
                    let start = seg.start + (part.as_ptr() as usize - text[seg.clone()].as_ptr() as usize);
                    let end = start + part.len();
                    // A part is a name, or a credit word and a name (`Photo by X Y`).
                    let last_cue = crate::text::starting_within(cues, |k| k.range.start, start..end)
                        .iter()
                        .filter(|k| k.cue == Cue::Credit && k.range.end <= end)
                        .map(|k| k.range.end)
                        .max();
                    let words = match last_cue {
                        Some(cue_end) => name_words_after(doc, cue_end, lex, &cover),
                        None => words_in(text, start..end),
                    };
                    // Without a credit word the whole part is the name; after
                    // one, the name may be followed by more (`by X Y in Dhaka`).
                    let whole = last_cue.is_some() || words.last().is_some_and(|w| text[w.end..end].trim().is_empty());
                    if whole
                        && (2..=MAX_WORDS).contains(&words.len())
                        && words.iter().all(|w| w.end <= end && name_like(doc, w, lex, &cover))
                    {
                        add(found, &mut cover, &words, None);
                    }
                }
            }
            Cue::Block => {}
        }
    }
    for run in name_runs(text, doc.words(), traits, &cover) {
        add(found, &mut cover, &run, None);
    }
    lists(doc, lex, cues, found, &mut cover, &mut add);
}

/// Runs of two to four name-like Bengali or Devanagari words, none of them
/// common, at least one a known word of people's names (`মকবুল হোসেন`,
/// `राम प्रसाद शर्मा`): a name without a title.
fn name_runs(
    text: &str,
    words: &[Range<usize>],
    traits: &WordTraits,
    cover: &[Range<usize>],
) -> Vec<Vec<Range<usize>>> {
    let mut runs = Vec::new();
    let mut run: Vec<Range<usize>> = Vec::new();
    // Whether a word of the run is a known word of names, as its traits say.
    let mut named = false;
    let mut covers = Overlaps::new(cover);
    // The run is emptied, not taken: it keeps its room for the next, and
    // only the few runs kept are copied.
    let mut flush = |run: &mut Vec<Range<usize>>, named: &mut bool| {
        if (2..=MAX_WORDS).contains(&run.len()) && *named {
            runs.push(run.clone());
        }
        run.clear();
        *named = false;
    };
    // Every word is asked: what it is comes from its traits, the gaps
    // between words are read off the bytes, not sliced.
    let bytes = text.as_bytes();
    for (w, word_traits) in words.iter().cloned().zip(traits.traits.iter().copied()) {
        // The cheapest test first: most words are common, and a common
        // word ends the run whatever else holds of it.
        if !word_traits.has(Traits::UNCOMMON) {
            if !run.is_empty() {
                flush(&mut run, &mut named);
            }
            continue;
        }
        let native = word_traits.indic.is_some();
        let joined = run.last().is_none_or(|p| {
            let gap = &bytes[p.end..w.start];
            gap == b" " || (gap == b". " && is_abbreviation(text, Some(p)))
        });
        if !joined {
            flush(&mut run, &mut named);
        }
        if !native {
            flush(&mut run, &mut named);
            continue;
        }
        let fits = (word_traits.has(Traits::NAME_LIKE) && !covers.any(&w)) || is_abbreviation(text, Some(&w));
        if !fits {
            flush(&mut run, &mut named);
            continue;
        }
        run.push(w.clone());
        named |= word_traits.has(Traits::NAME_WORD);
        // A case ending closes the name; so does the longest name.
        if (word_traits.case_stem as usize) < w.len() || run.len() == MAX_WORDS {
            flush(&mut run, &mut named);
        }
    }
    flush(&mut run, &mut named);
    runs
}

/// Names that follow a person in a list: `X, Y Z ও W V`.
fn lists(
    doc: &Document,
    lex: &EntityLexicon,
    cues: &[CueMatch],
    found: &mut Vec<Found>,
    cover: &mut Vec<Range<usize>>,
    add: &mut impl FnMut(&mut Vec<Found>, &mut Vec<Range<usize>>, &[Range<usize>], Option<String>),
) {
    let text = doc.norm_text();
    let mut ends: Vec<usize> = found
        .iter()
        .filter(|f| f.person)
        .flat_map(|f| f.mentions.iter().map(|m| m.range.end))
        .collect();
    ends.sort_unstable();
    for start in ends {
        let mut p = start;
        let sentence_end = doc.sentence_at(p.saturating_sub(1)).end.max(p);
        while let Some((next, joined)) = list_separator(doc, p, lex) {
            p = skip_title(text, next, cues);
            let i = cover.partition_point(|c| c.start < p);
            if let Some(known) = cover.get(i).filter(|c| c.start == p) {
                p = known.end;
                continue;
            }
            let words = trim_common_tail(text, lex, cues, name_words_after(doc, p, lex, cover));
            if words.len() < 2 || words.last().is_none_or(|w| w.end > sentence_end) {
                break;
            }
            let end = words.last().map_or(p, |w| w.end);
            // The last item of a list (after `ও`, `और`, `and`) may end the clause.
            if !joined && !ends_list_item(text, end, lex, cues) {
                break;
            }
            add(found, cover, &words, None);
            p = end;
        }
    }
}

/// Drop common words and words in a locative case from the end of a name
/// (`মন্ত্রী X Y সরকারের` is `X Y`), unless a word that is never a name or a reporting word follows
/// them (`वाशिंगटन सुंदर ने`): there the name ended on its own.
fn trim_common_tail(
    text: &str,
    lex: &EntityLexicon,
    cues: &[CueMatch],
    mut words: Vec<Range<usize>>,
) -> Vec<Range<usize>> {
    let Some(last) = words.last() else { return words };
    let at = past_spaces(text, last.end);
    let next = &text[at..word_end(text, at)];
    let bounded = (at > last.end && !next.is_empty() && lex.is_not_name(next))
        || cues_at(cues, at).iter().any(|c| matches!(c.cue, Cue::Speech(_)));
    if bounded {
        return words;
    }
    while let Some(last) = words.last() {
        let word = &text[last.clone()];
        if lex.is_common(word) || lex.is_common(lex.strip_suffix(word, 2)) || lex.is_locative(word) {
            words.pop();
        } else {
            break;
        }
    }
    words
}

/// Whether a reporting word follows the last of `words`.
fn speech_follows(text: &str, words: &[Range<usize>], cues: &[CueMatch]) -> bool {
    let Some(last) = words.last() else { return false };
    let at = past_spaces(text, last.end);
    cues_at(cues, at)
        .iter()
        .any(|c| matches!(c.cue, Cue::Speech(side) if side.after()))
}

/// After a list item: a comma, a joining word, the end of a clause or a
/// reporting word.
fn ends_list_item(text: &str, end: usize, lex: &EntityLexicon, cues: &[CueMatch]) -> bool {
    let at = past_spaces(text, end);
    match text[at..].chars().next() {
        None => true,
        Some(',' | '।' | '.' | ')' | ';' | '\n' | '?' | '!') => true,
        Some(c) if is_word_char(c) => {
            lex.is_join(&text[at..word_end(text, at)])
                || cues_at(cues, at).iter().any(|k| matches!(k.cue, Cue::Speech(_)))
        }
        _ => false,
    }
}

/// The position after a list separator (a comma or joining word) at `p`,
/// and whether it held a joining word.
fn list_separator(doc: &Document, p: usize, lex: &EntityLexicon) -> Option<(usize, bool)> {
    let text = doc.norm_text();
    let mut at = past_spaces(text, p);
    let mut seen = false;
    if text.as_bytes().get(at) == Some(&b',') {
        at += 1;
        seen = true;
    }
    let word_at = past_spaces(text, at);
    // One of the article's words, most often, whose end is known.
    let end = doc
        .word_starting_at(word_at)
        .map_or_else(|| word_end(text, word_at), |k| doc.words()[k].end);
    let joined = end > word_at && lex.is_join(&text[word_at..end]);
    if joined {
        at = end;
        seen = true;
    }
    seen.then(|| (past_spaces(text, at), joined))
}

/// Where the spaces from `at` end: read as bytes, a space being one.
fn past_spaces(text: &str, at: usize) -> usize {
    at + text.as_bytes()[at..].iter().take_while(|&&b| b == b' ').count()
}

/// Skip a title cue starting at `p`.
fn skip_title(text: &str, p: usize, cues: &[CueMatch]) -> usize {
    match cues_at(cues, p).iter().find(|c| matches!(c.cue, Cue::Title { .. })) {
        Some(c) => past_spaces(text, c.range.end),
        None => p,
    }
}

/// The paragraph inside the parentheses around a credit word, or from the
/// credit word to the end of a short line.
fn credit_segment(doc: &Document, cue: Range<usize>) -> Option<Range<usize>> {
    let text = doc.norm_text();
    // A credit's brackets hold a line or two of names: looked for that far.
    let line_start = doc
        .line_start(cue.start)
        .max(text.floor_char_boundary(cue.start.saturating_sub(CREDIT_REACH)));
    let line_end = doc
        .line_end(cue.end)
        .min(text.floor_char_boundary(cue.end + CREDIT_REACH));
    // Brackets are searched for as bytes, many at a time: an ASCII byte is
    // never part of another character, and most lines hold none.
    let bytes = text.as_bytes();
    let open = memchr::memrchr(b'(', &bytes[line_start..cue.start]).map(|i| line_start + i);
    let close = memchr::memchr(b')', &bytes[cue.end..line_end]).map(|i| cue.end + i);
    match (open, close) {
        (Some(o), Some(c)) if memchr::memchr(b')', &bytes[o + 1..cue.start]).is_none() => Some(o + 1..c),
        _ if line_end - cue.start <= 120 => Some(cue.start..line_end),
        _ => None,
    }
}

/// Up to four name-like words right after `pos` (spaces between them only,
/// or an initial's full stop); a word carrying a case ending ends the name.
fn name_words_after(doc: &Document, pos: usize, lex: &EntityLexicon, cover: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = doc.norm_text();
    let mut words = Vec::new();
    let mut p = pos;
    while words.len() < MAX_WORDS {
        let rest = &text[p..];
        // Spaces and full stops are single bytes: the gap is read as bytes.
        let gap = rest.bytes().take_while(|&b| b == b' ' || b == b'.').count();
        let dotted = rest.as_bytes()[..gap].contains(&b'.');
        if dotted && !is_initial(text, words.last()) && !is_abbreviation(text, words.last()) {
            break;
        }
        if words.is_empty() && dotted {
            break;
        }
        let start = p + gap;
        // One of the article's words (most often) ends where it was found
        // to, and its traits are kept by its number; else it is read off
        // the text.
        let at = doc.word_starting_at(start);
        let end = at.map_or_else(|| word_end(text, start), |k| doc.words()[k].end);
        if end == start {
            break;
        }
        let w = start..end;
        // What the lists say of the word, read once (from the thread's
        // memo when it is one of the article's words).
        let t = traits(lex, &text[w.clone()], at.map(|k| doc.word_numbers().get(k)));
        let name_like = t.free_name_word(&w, cover);
        if (!name_like && !is_initial(text, Some(&w)) && !is_abbreviation(text, Some(&w))) || t.has(Traits::LOCATIVE) {
            break;
        }
        words.push(w);
        p = end;
        // A case ending closes the name.
        if (t.case_stem as usize) < end - start {
            break;
        }
    }
    // A name does not end in an initial.
    while words.last().is_some_and(|w| is_initial(text, Some(w))) {
        words.pop();
    }
    words
}

/// Up to four name-like words right before `pos`, in text order.
fn name_words_before(doc: &Document, pos: usize, lex: &EntityLexicon, cover: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = doc.norm_text();
    let mut words = Vec::new();
    let mut p = pos;
    while words.len() < MAX_WORDS {
        let before = text[..p].trim_end_matches([' ', '.']);
        if before.len() == p && p != pos {
            break;
        }
        let end = before.len();
        // One of the article's words, as after a cue, or read off the text.
        let at = doc.word_ending_at(end);
        let start = at.map_or_else(|| word_start(text, end), |k| doc.words()[k].start);
        if start == end {
            break;
        }
        let w = start..end;
        let word = &text[w.clone()];
        // Walking back from a reporting word, a common word or one with a
        // case ending is where the speaker's name cannot be.
        let abbreviated = text.as_bytes()[end..p].contains(&b'.');
        let abbreviation = abbreviated && is_abbreviation(text, Some(&w));
        let t = traits(lex, word, at.map(|k| doc.word_numbers().get(k)));
        if !(t.free_name_word(&w, cover) || abbreviation)
            || t.has(Traits::COMMON)
            || (t.case_stem as usize) < word.len()
            || (abbreviated && !abbreviation)
        {
            break;
        }
        words.push(w);
        p = start;
    }
    words.reverse();
    words
}

/// A word that is an abbreviation a name may hold (`মো.` for Mohammad).
fn is_abbreviation(text: &str, w: Option<&Range<usize>>) -> bool {
    w.is_some_and(|w| {
        text.as_bytes().get(w.end) == Some(&b'.') && crate::lexicon::abbreviations().contains(&text[w.clone()])
    })
}

/// A single capital Latin letter (an initial).
fn is_initial(text: &str, w: Option<&Range<usize>>) -> bool {
    w.is_some_and(|w| {
        let s = &text[w.clone()];
        s.len() == 1 && s.bytes().all(|b| b.is_ascii_uppercase())
    })
}

/// Whether the word could be part of a person's name.
fn name_like(doc: &Document, w: &Range<usize>, lex: &EntityLexicon, cover: &[Range<usize>]) -> bool {
    !overlaps_any(cover, w) && word_traits(doc, w, lex).has(Traits::NAME_LIKE)
}

impl Traits {
    /// Whether the word `w` of these traits could be part of a person's
    /// name ([`name_like`]) for traits already read.
    fn free_name_word(&self, w: &Range<usize>, cover: &[Range<usize>]) -> bool {
        self.has(Self::NAME_LIKE) && !overlaps_any(cover, w)
    }
}

/// The [`Traits`] of the word `w` of `doc` (a whole word or a piece).
fn word_traits(doc: &Document, w: &Range<usize>, lex: &EntityLexicon) -> Traits {
    traits(lex, &doc.norm_text()[w.clone()], doc.word_id(w))
}

/// What the name patterns ask of a word alone: its stems' lengths, its
/// script and a bit for each thing the lists say of it. Twelve bytes: a
/// pass over every word of an article reads them, and every byte more
/// was paid for in each (round 31).
#[derive(Debug, Clone, Copy)]
struct Traits {
    /// Its length less a case ending of two letters or more: shorter than
    /// the word when it carries one, which closes a name.
    case_stem: u32,
    /// The length of its stem less one case ending.
    stem: u32,
    /// The bits of [`Traits::NAME_LIKE`] and the rest.
    flags: u8,
    /// The script it begins in, when Bengali or Devanagari
    /// ([`indic_script_at`]): asked of every word, by the runs of names
    /// and by the tagger choosing a sentence's model.
    indic: Option<Script>,
}

impl Traits {
    /// It may be a word of a name: no digit, never a non-name (nor its
    /// stems), a capitalised Latin word or a native word of two letters or
    /// more that is no finite verb.
    const NAME_LIKE: u8 = 1;
    /// Neither it nor its stem is a common word, and it is no locative.
    const UNCOMMON: u8 = 1 << 1;
    /// It is a common word ([`EntityLexicon::is_common`]).
    const COMMON: u8 = 1 << 2;
    /// It is a locative.
    const LOCATIVE: u8 = 1 << 3;
    /// It (or its stem) says that the word before it is a place.
    const PLACE_CUE: u8 = 1 << 4;
    /// Its stem ends the way place names end.
    const PLACE_ENDING: u8 = 1 << 5;
    /// It is never a name ([`EntityLexicon::is_not_name`]).
    const NOT_NAME: u8 = 1 << 6;
    /// It (or its stem) is a known word of people's names
    /// ([`EntityLexicon::is_name_word`]).
    const NAME_WORD: u8 = 1 << 7;

    #[inline]
    fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

thread_local! {
    /// Each thread's [`Traits`] by word number.
    static TRAITS: RefCell<IdMemo<usize, Traits>> = const { RefCell::new(IdMemo::new()) };
}

/// The [`Traits`] of `word`: each thread works them out once per word
/// (`id`), for the people and the places found from context.
fn traits(lex: &EntityLexicon, word: &str, id: Option<WordId>) -> Traits {
    match id {
        Some(id) => TRAITS.with_borrow_mut(|memo| {
            memo.with(
                lex as *const EntityLexicon as usize,
                id,
                || traits_of(lex, word, WordLists::of_number(lex, word, id)),
                |t| *t,
            )
        }),
        // A word the stages did not number (cut by a cue or a mark): rare.
        None => traits_of(lex, word, WordLists::of(lex, word)),
    }
}

/// The [`Traits`] of `word`, worked out.
fn traits_of(lex: &EntityLexicon, word: &str, lists: WordLists) -> Traits {
    let case_stem = &word[..lists.case_stem as usize];
    let facts = lists.facts;
    // The facts' `not_name` is the word's or its stem's.
    let name_like = !(has_ascii_digit(word.as_bytes()) || facts.not_name || lex.is_not_name(case_stem))
        && word.chars().next().is_some_and(|first| match script_of(first) {
            Script::Latin => first.is_uppercase() && word.len() >= 2,
            Script::Bengali | Script::Devanagari => {
                word.chars().filter(|&c| crate::text::is_letter(c)).nth(1).is_some() && !lists.finite_verb
            }
            Script::Other => false,
        });
    let flags = [
        (name_like, Traits::NAME_LIKE),
        // The facts' stem is the word itself when it has no ending.
        (!facts.common && !facts.common_stem && !facts.locative, Traits::UNCOMMON),
        (facts.common, Traits::COMMON),
        (facts.locative, Traits::LOCATIVE),
        (facts.place_cue, Traits::PLACE_CUE),
        (facts.place_ending, Traits::PLACE_ENDING),
        (lex.is_not_name(word), Traits::NOT_NAME),
        (facts.name_word, Traits::NAME_WORD),
    ]
    .into_iter()
    .fold(0, |flags, (holds, flag)| if holds { flags | flag } else { flags });
    Traits {
        case_stem: lists.case_stem,
        stem: lists.stem,
        flags,
        indic: indic_script_at(word.as_bytes(), 0),
    }
}

/// The [`Traits`] of every word of an article, in order: the thread's
/// memo is checked once for them all, and the passes over the words that
/// ask (runs of names, places, short forms) read them by index.
pub(super) struct WordTraits {
    traits: Vec<Traits>,
    /// The words that carry a place cue or a place name's ending, in
    /// order: the few where places found from context are looked for.
    place_marked: Vec<u32>,
}

impl WordTraits {
    pub(super) fn of(doc: &Document, lex: &EntityLexicon) -> WordTraits {
        let (text, numbers) = (doc.norm_text(), doc.word_numbers());
        let mut place_marked = Vec::new();
        let traits = TRAITS.with_borrow_mut(|memo| {
            memo.serve(lex as *const EntityLexicon as usize, numbers.numbering());
            let words = doc.words();
            words
                .iter()
                .zip(numbers.indices(0..words.len()))
                .enumerate()
                // A new word's traits are worked out; the rest only read.
                .map(|(i, (w, &number))| {
                    let t = match memo.get(number) {
                        Some(&known) => known,
                        None => {
                            let (word, id) = (&text[w.clone()], numbers.get(i));
                            memo.read(
                                number,
                                || traits_of(lex, word, WordLists::of_number(lex, word, id)),
                                |t| *t,
                            )
                        }
                    };
                    // Noted as they are read, not found by another pass.
                    if t.has(Traits::PLACE_CUE) || t.has(Traits::PLACE_ENDING) {
                        place_marked.push(i as u32);
                    }
                    t
                })
                .collect()
        });
        WordTraits { traits, place_marked }
    }

    /// The length of word `i` less one case ending, as
    /// [`EntityLexicon::strip_suffix`] gives it.
    pub(super) fn stem_len(&self, i: usize) -> usize {
        self.traits[i].stem as usize
    }

    /// The length of word `i` less a case ending of two letters or more.
    pub(super) fn case_stem_len(&self, i: usize) -> usize {
        self.traits[i].case_stem as usize
    }

    /// Whether word `i` is a locative.
    pub(super) fn locative(&self, i: usize) -> bool {
        self.traits[i].has(Traits::LOCATIVE)
    }

    /// Whether word `i` is never a name.
    pub(super) fn not_name(&self, i: usize) -> bool {
        self.traits[i].has(Traits::NOT_NAME)
    }

    /// The script word `i` begins in, when Bengali or Devanagari.
    pub(super) fn indic_script(&self, i: usize) -> Option<Script> {
        self.traits[i].indic
    }
}

/// The mention of a name made of `words`, and its key (the normalised name).
fn mention_of(text: &str, lex: &EntityLexicon, words: &[Range<usize>]) -> Option<(Mention, String)> {
    let first = words.first()?;
    let last = words.last()?;
    let stem_len = lex.strip_suffix(&text[last.clone()], 2).len();
    let stem = first.start..last.start + stem_len;
    let key = text[stem.clone()].to_string();
    Some((
        Mention {
            range: first.start..last.end,
            stem,
            via: Via::Pattern,
        },
        key,
    ))
}

/// Places no gazetteer lists: a word before a word that says it is a place
/// (`কালিয়াকৈর উপজেলার`, `मंगलम गांव`), or a word that ends the way place
/// names end (`শিবগঞ্জে`, `अहमदनगर`). Neither may be a common word.
pub(super) fn context_places(
    doc: &Document,
    lex: &EntityLexicon,
    traits: &WordTraits,
    cues: &[CueMatch],
    found: &mut Vec<Found>,
) {
    let text = doc.norm_text();
    let mut cover = covered_with_room(found, cues.len());
    cover.extend(cues.iter().map(|c| c.range.clone()));
    super::make_cover(&mut cover);
    let mut new: Vec<(String, Mention)> = Vec::new();
    let words = doc.words();
    // Only a place cue or a place name's ending starts a look: the few
    // words that carry one are visited, not every word.
    for i in traits.place_marked.iter().map(|&i| i as usize) {
        let word_traits = traits.traits[i];
        let (w, prev) = (words[i].clone(), i.checked_sub(1).map(|j| words[j].clone()));
        let candidate = |r: &Range<usize>| {
            let s = &text[r.clone()];
            let first = s.chars().next();
            let script_ok = first.is_some_and(|c| match script_of(c) {
                Script::Latin => c.is_uppercase(),
                Script::Bengali | Script::Devanagari => true,
                Script::Other => false,
            });
            script_ok
                && s.chars().filter(|&c| crate::text::is_letter(c)).nth(1).is_some()
                && !overlaps_any(&cover, r)
                && !has_ascii_digit(s.as_bytes())
                && !lex.is_not_name(s)
                && !lex.is_common(s)
                && !lex.is_common(lex.strip_suffix(s, 1))
                && !lex.is_name_word(s)
        };
        // A cue word after a place name.
        if word_traits.has(Traits::PLACE_CUE)
            && let Some(p) = prev.clone()
            && text[p.end..w.start] == *" "
            && candidate(&p)
            && lex.strip_suffix(&text[p.clone()], 1).len() == p.len()
        {
            new.push((
                text[p.clone()].to_string(),
                Mention {
                    range: p.clone(),
                    stem: p,
                    via: Via::Pattern,
                },
            ));
        } else {
            // A word with a place name's ending.
            if word_traits.has(Traits::PLACE_ENDING) && candidate(&w) {
                let stem = w.start..w.start + word_traits.stem as usize;
                let m = Mention {
                    range: w.clone(),
                    stem: stem.clone(),
                    via: Via::Pattern,
                };
                new.push((text[stem].to_string(), m));
            }
        }
    }
    // Most articles have none: no table of what is taken is built for them.
    if new.is_empty() {
        return;
    }
    let mut taken: rustc_hash::FxHashSet<Range<usize>> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(cover.len() + new.len(), Default::default());
    taken.extend(found.iter().flat_map(|f| &f.mentions).map(|k| k.range.clone()));
    let mut slots = Slots::of(found);
    for (key, m) in new {
        if taken.insert(m.range.clone()) {
            slots.add(found, Who::Pattern(key), false, m);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::entities::entity_lexicon;

    #[test]
    fn a_words_traits_say_what_the_lists_say_in_twelve_bytes() {
        assert!(std::mem::size_of::<Traits>() <= 12);
        let lex = entity_lexicon();
        let doc = Document::new("মোহাম্মদ রহিম বলেন, ঢাকায় সরকারের নেতারা এবং Putin ও मोदी जी ने कहा।".to_string());
        let traits = WordTraits::of(&doc, lex);
        let mut seen = [0; 4];
        for (i, w) in doc.words().iter().enumerate() {
            let word = &doc.norm_text()[w.clone()];
            let t = traits.traits[i];
            assert_eq!(t.has(Traits::NAME_WORD), lex.is_name_word(word), "{word}");
            assert_eq!(t.has(Traits::COMMON), lex.is_common(word), "{word}");
            assert_eq!(t.has(Traits::NOT_NAME), lex.is_not_name(word), "{word}");
            assert_eq!(t.has(Traits::PLACE_CUE), lex.is_place_cue(word), "{word}");
            for (k, holds) in [
                t.has(Traits::NAME_WORD),
                t.has(Traits::COMMON),
                t.has(Traits::NOT_NAME),
                t.has(Traits::NAME_LIKE),
            ]
            .into_iter()
            .enumerate()
            {
                seen[k] += usize::from(holds);
            }
        }
        // Each bit is set for some words and clear for others.
        let n = doc.words().len();
        assert!(seen.iter().all(|&k| k > 0 && k < n), "{seen:?} of {n}");
    }
}
