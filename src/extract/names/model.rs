//! People and places the tagger finds where the rules found nothing: each
//! sentence is tagged by the model of its script, and a tagged name that
//! touches no mention or cue of the rules becomes a mention of its own
//! entity, which the short-form and sound-alike joins then treat like any
//! other.

use std::ops::Range;

use super::patterns::WordTraits;
use super::{Mention, Names, Overlaps, Slots, Via, Who, make_cover, overlaps_any, unsorted_cover};
use crate::gazetteer::NameIndex;
use crate::lexicon::entities::{Cue, EntityLexicon};
use crate::lexicon::events::{EventWord, event_lexicon};
use crate::tagger::features::{Evidence, WordInfo, mark_evidence};
use crate::tagger::memo::{known_words, with_partials};
use crate::tagger::{Label, NameKind, Partials, Taggers};
use crate::text::bytes::has_ascii_digit;
use crate::text::{Document, Script};

pub fn add_mentions(
    doc: &Document,
    index: &NameIndex,
    lex: &EntityLexicon,
    taggers: &Taggers,
    dates: &[Range<usize>],
    traits: &WordTraits,
    names: &mut Names,
) {
    let text = doc.norm_text();
    let words = doc.words();
    // Sentences and words are both in text order: each sentence's words
    // are found from where the last one's ended, in one pass over them all.
    // A sentence's words are counted by script as they are found.
    let mut next = 0;
    let mut sentences: Vec<(Range<usize>, Script, &crate::tagger::Model)> = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let from = next + words[next..].iter().take_while(|w| w.start < s.start).count();
        let to = from + words[from..].iter().take_while(|w| w.start < s.end).count();
        next = to;
        // A word's script is one of its traits, worked out once a word.
        let mut counts = ScriptCounts::default();
        (from..to).for_each(|k| counts.add(traits.indic_script(k)));
        if let Some(script) = counts.main()
            && let Some(model) = taggers.for_script(script)
        {
            sentences.push((from..to, script, model));
        }
    }
    if sentences.is_empty() {
        return;
    }
    let events = event_lexicon().find(text, words, doc.word_numbers(), lex);
    // A thread's buffers serve article after article (a word's weights are
    // 160 bytes); only the words of the sentences a model tags are read.
    thread_local! {
        static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
    }
    let mut scratch = SCRATCH.take();
    let Scratch {
        infos,
        partials,
        labels,
        margins,
    } = &mut scratch;
    // Not cleared: `known_words` writes every word of the tagged sentences,
    // and no other word is read (the weights are read from the thread's
    // memo; `partials` holds only those of words it does not keep).
    if infos.len() < words.len() {
        infos.resize(words.len(), WordInfo::default());
        partials.resize(words.len(), Partials::default());
    }
    for (range, script, model) in &sentences {
        let r = range.clone();
        known_words(
            model,
            *script,
            index,
            doc,
            r.clone(),
            &mut infos[r.clone()],
            &mut partials[r.clone()],
        );
    }
    mark_evidence(
        doc,
        &Evidence {
            found: &names.found,
            cues: &names.cues,
            events: &events,
            dates,
        },
        &mut infos[..words.len()],
    );
    // Neither another mention, nor a cue, nor an event's trigger, nor a date.
    let mut cover = unsorted_cover(&names.found, &names.cues, events.len() + dates.len());
    cover.extend(
        events
            .iter()
            .filter(|e| matches!(e.word, EventWord::Trigger(_)))
            .map(|e| e.start..e.end),
    );
    cover.extend(dates.iter().cloned());
    make_cover(&mut cover);
    let honorifics: Vec<Range<usize>> = names
        .cues
        .iter()
        .filter(|c| c.cue == Cue::Title { role: false })
        .map(|c| c.range.clone())
        .collect();
    let mut new: Vec<(Who, bool, Mention)> = Vec::new();
    // A sentence whose every word the model would score is covered already
    // (a headline's name, a dateline's place and date) is not tagged: any
    // name it labelled would begin at a covered word, and be dropped below.
    let mut covers = Overlaps::new(&cover);
    for (range, script, model) in sentences {
        if scored_all_covered(&words[range.clone()], &infos[range.clone()], &mut covers) {
            continue;
        }
        with_partials(script, doc, range.clone(), &partials[range.clone()], |known| {
            model.tag_partials(&infos[range.clone()], known, labels, margins);
        });
        let mut i = 0;
        while i < labels.len() {
            let Some(kind) = labels[i].kind() else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < labels.len() && labels[j] == Label::of(kind, false) {
                j += 1;
            }
            let at = range.start + i;
            let name_words = &words[at..range.start + j];
            // As sure of every word as the model's least margin for its kind.
            let sure = margins[i..j].iter().copied().min().unwrap_or(0) >= model.min_margin(kind);
            i = j;
            if kind == NameKind::Organisation || !sure {
                continue;
            }
            // A model knows the words of its own script only (`War` in a
            // Hindi headline is no place).
            let own_script = (at..at + name_words.len()).all(|k| traits.indic_script(k) == Some(script));
            // An honorific alone (`বেগম`, `श्री`) is no name.
            let honorific = name_words.iter().all(|w| overlaps_any(&honorifics, w));
            if own_script
                && !honorific
                && let Some(m) = mention(text, name_words, at, traits, kind == NameKind::Person)
                && !overlaps_any(&cover, &m.range)
            {
                new.push((
                    Who::Pattern(text[m.stem.clone()].to_string()),
                    kind == NameKind::Person,
                    m,
                ));
            }
        }
    }
    // A rare huge article's buffers are not kept for the rest of the corpus.
    if scratch.partials.capacity() <= KEEP_WORDS {
        SCRATCH.set(scratch);
    }
    let mut slots = Slots::of(&names.found);
    for (who, person, m) in new {
        slots.add(&mut names.found, who, person, m);
    }
    names.event_cues = Some(events);
}

/// Whether every word of a sentence (`words`, their features `infos`)
/// that the model would score overlaps the cover `covers` reads, asked in
/// text order. A name the model labels begins at such a word (the rest
/// are outside without a look), so it would overlap the cover and be
/// dropped: the sentence need not be tagged.
fn scored_all_covered(words: &[Range<usize>], infos: &[WordInfo], covers: &mut Overlaps) -> bool {
    words.iter().zip(infos).all(|(w, info)| info.outside() || covers.any(w))
}

/// The most words whose buffers a thread keeps for the next article.
const KEEP_WORDS: usize = 1 << 14;

/// What tagging an article writes and reads again, kept by each thread.
#[derive(Default)]
struct Scratch {
    infos: Vec<WordInfo>,
    partials: Vec<Partials>,
    labels: Vec<Label>,
    margins: Vec<i32>,
}

/// The script most of `words` begin in (Bengali or Devanagari: the scripts
/// models are trained for).
#[cfg(test)]
fn main_script(text: &str, words: &[Range<usize>]) -> Option<Script> {
    let mut counts = ScriptCounts::default();
    words
        .iter()
        .for_each(|w| counts.add(crate::text::indic_script_at(text.as_bytes(), w.start)));
    counts.main()
}

/// How many words of a sentence begin in each script.
#[derive(Default)]
struct ScriptCounts {
    bengali: usize,
    devanagari: usize,
    other: usize,
}

impl ScriptCounts {
    /// Count a word that begins in `script` ([`indic_script_at`]): a
    /// sentence's every word is asked.
    #[inline]
    fn add(&mut self, script: Option<Script>) {
        match script {
            Some(Script::Bengali) => self.bengali += 1,
            Some(Script::Devanagari) => self.devanagari += 1,
            _ => self.other += 1,
        }
    }

    /// The script most words begin in, if Bengali or Devanagari (none for
    /// no words).
    fn main(&self) -> Option<Script> {
        let (bengali, devanagari, other) = (self.bengali, self.devanagari, self.other);
        if bengali > devanagari && bengali >= other {
            Some(Script::Bengali)
        } else if devanagari > bengali && devanagari >= other {
            Some(Script::Devanagari)
        } else {
            None
        }
    }
}

/// The mention of tagged words, when they read as one name: joined by
/// spaces only, no digits, no word that is never a name. A case ending
/// closes a name (`কিমের ফোনালাপ` is Kim's phone call): the name stops at
/// the first word that carries one. The last word loses a case ending of
/// two letters or more (`রহমানের`), or a locative one (`গাজীপুরে`) for a place.
fn mention(text: &str, words: &[Range<usize>], at: usize, traits: &WordTraits, person: bool) -> Option<Mention> {
    let closed = (0..words.len())
        .position(|k| traits.case_stem_len(at + k) < words[k].len())
        .map_or(words.len(), |k| k + 1);
    let words = &words[..closed];
    let (first, last) = (words.first()?, words.last()?);
    let joined = words.windows(2).all(|p| text[p[0].end..p[1].start] == *" ");
    let plain = words.iter().enumerate().all(|(k, w)| {
        let word = &text[w.clone()];
        !has_ascii_digit(word.as_bytes()) && !traits.not_name(at + k) && word.chars().nth(1).is_some()
    });
    if !joined || !plain {
        return None;
    }
    // One letter may end a place's name as well as follow it (`ইসলামপুর`):
    // only a locative one is taken off.
    let last_at = at + closed - 1;
    let stem_len = if !person && traits.locative(last_at) {
        traits.stem_len(last_at)
    } else {
        traits.case_stem_len(last_at)
    };
    Some(Mention {
        range: first.start..last.end,
        stem: first.start..last.start + stem_len,
        via: Via::Model,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::script_of;

    #[test]
    fn a_sentence_script_is_that_of_its_words_first_characters() {
        // Every character of the Indic blocks and around them, first in a
        // word, counted as `script_of` says.
        for code in (0x80..0x1000).chain([0x1F600]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("{c}x");
            let want = match script_of(c) {
                s @ (Script::Bengali | Script::Devanagari) => Some(s),
                _ => None,
            };
            let word = 0..text.len();
            assert_eq!(main_script(&text, std::slice::from_ref(&word)), want, "U+{code:04X}");
        }
        let text = "ঢাকায় मोदी ও";
        let words: Vec<_> = crate::text::Words::new(text).collect();
        assert_eq!(main_script(text, &words), Some(Script::Bengali));
        assert_eq!(main_script("a b", &[0..1, 2..3]), None);
    }

    #[test]
    fn a_words_traits_tell_the_script_it_begins_in() {
        let lex = crate::lexicon::entities::entity_lexicon();
        let doc = Document::new("ঢাকায় मोदी ও Putin ১২ তারিখে। ৳ ঢাকায়".to_string());
        let traits = WordTraits::of(&doc, lex);
        let scripts: Vec<_> = (0..doc.words().len()).map(|i| traits.indic_script(i)).collect();
        let (bn, hi) = (Some(Script::Bengali), Some(Script::Devanagari));
        // `১২` is read as `12`; a word seen twice has the same traits.
        assert_eq!(scripts, [bn, hi, bn, None, None, bn, bn]);
        // As the word's first bytes say, for any text.
        let alphabet = ["ক", "ি", "क", "ा", "x", " ", "।", "১", "\u{200C}", "্"];
        for text in crate::text::random_texts(&alphabet, 300, 12, 5) {
            let doc = Document::new(text);
            let traits = WordTraits::of(&doc, lex);
            for (i, w) in doc.words().iter().enumerate() {
                let bytes = doc.norm_text().as_bytes();
                assert_eq!(traits.indic_script(i), crate::text::indic_script_at(bytes, w.start));
            }
        }
    }

    #[test]
    fn a_sentence_whose_scored_words_are_all_covered_is_not_tagged() {
        use crate::tagger::features::word_infos;
        let lex = crate::lexicon::entities::entity_lexicon();
        let index = crate::gazetteer::NameIndex::builtin();
        let doc = Document::new("প্রধানমন্ত্রী শেখ হাসিনা বলেন। সভায় এলেন অর্কপ্রভ।".to_string());
        let names = super::super::rule_mentions(&doc, &index, lex);
        let evidence = Evidence {
            found: &names.found,
            cues: &names.cues,
            events: &[],
            dates: &[],
        };
        let infos = word_infos(&doc, &index, lex, &evidence);
        let mut cover = unsorted_cover(&names.found, &names.cues, 0);
        make_cover(&mut cover);
        let (text, words) = (doc.norm_text(), doc.words());
        // Whether the model would score a word, and whether the cover holds it.
        let word = |s: &str| {
            let k = words.iter().position(|w| &text[w.clone()] == s).unwrap();
            (!infos[k].outside(), overlaps_any(&cover, &words[k]))
        };
        // The rules find the name after the title: its words are scored and
        // covered; the title and `বলেন` (said) are cues, never scored.
        assert_eq!(word("শেখ"), (true, true));
        assert_eq!(word("হাসিনা"), (true, true));
        assert_eq!(word("বলেন"), (false, true));
        // A name no rule knows is scored and not covered.
        assert_eq!(word("অর্কপ্রভ"), (true, false));
        let mut covers = Overlaps::new(&cover);
        let sentences: Vec<_> = doc
            .sentences
            .iter()
            .map(|s| doc.word_indices_between(s.start, s.end))
            .collect();
        let skipped: Vec<bool> = sentences
            .iter()
            .map(|r| scored_all_covered(&words[r.clone()], &infos[r.clone()], &mut covers))
            .collect();
        assert_eq!(skipped, [true, false]);
    }

    #[test]
    fn tagged_words_make_a_mention_only_when_they_read_as_a_name() {
        let lex = crate::lexicon::entities::entity_lexicon();
        let doc = Document::new("আব্দুল করিমের ছেলে 12 বলেন তিনি".to_string());
        let (text, words) = (doc.norm_text(), doc.words());
        let traits = WordTraits::of(&doc, lex);
        // Words `at..at + n` of the text, as tagged.
        let tagged = |at: usize, n: usize| mention(text, &words[at..at + n], at, &traits, true);
        let m = tagged(0, 2).unwrap();
        assert_eq!(&text[m.range.clone()], "আব্দুল করিমের");
        assert_eq!(&text[m.stem.clone()], "আব্দুল করিম");
        assert!(tagged(3, 1).is_none());
        let m = tagged(1, 2).unwrap();
        assert_eq!(&text[m.range.clone()], "করিমের");
        assert!(tagged(4, 1).is_none());
        // `তিনি` (he) is never a name.
        assert!(lex.is_not_name("তিনি") && tagged(5, 1).is_none());
    }

    #[test]
    fn remembered_weights_tag_as_the_full_features_do() {
        use crate::tagger::features::word_infos;
        let lex = crate::lexicon::entities::entity_lexicon();
        let index = crate::gazetteer::NameIndex::builtin();
        let taggers = Taggers::builtin();
        let texts = [
            "ঢাকার গাজীপুরে সোমবার আব্দুল করিমের সঙ্গে বৈঠক করেন প্রধানমন্ত্রী শেখ হাসিনা। তিনি বলেন, আলোচনা চলবে।",
            "नई दिल्ली में मंगलवार को प्रधानमंत्री नरेंद्र मोदी ने रमेश कुमार से मुलाकात की। उन्होंने कहा कि बातचीत जारी रहेगी।",
        ];
        for text in texts {
            let doc = Document::new(text.to_string());
            let (text, words) = (doc.norm_text(), doc.words());
            let names = super::super::rule_mentions(&doc, &index, lex);
            let events = event_lexicon().find(text, words, doc.word_numbers(), lex);
            let day = ["সোমবার", "मंगलवार"].into_iter().find(|d| text.contains(d)).unwrap();
            let dates = [text.find(day).map(|i| i..i + day.len()).unwrap()];
            let evidence = Evidence {
                found: &names.found,
                cues: &names.cues,
                events: &events,
                dates: &dates,
            };
            let full = word_infos(&doc, &index, lex, &evidence);
            let script = script_of(text.chars().next().unwrap());
            let model = taggers.for_script(script).unwrap();
            // Twice: worked out, then remembered.
            for _ in 0..2 {
                let mut infos = vec![WordInfo::default(); words.len()];
                let mut partials = vec![Partials::default(); words.len()];
                known_words(model, script, &index, &doc, 0..words.len(), &mut infos, &mut partials);
                mark_evidence(&doc, &evidence, &mut infos);
                let (mut buf, mut want, mut want_margins) =
                    (crate::tagger::features::FeatureBuf::default(), Vec::new(), Vec::new());
                model.tag_with_margins(&full, &mut buf, &mut want, &mut want_margins);
                let (mut got, mut got_margins) = (Vec::new(), Vec::new());
                with_partials(script, &doc, 0..words.len(), &partials, |known| {
                    model.tag_partials(&infos, known, &mut got, &mut got_margins);
                });
                // The same from the weights copied out.
                let copied: Vec<Partials> = with_partials(script, &doc, 0..words.len(), &partials, |known| {
                    (0..words.len())
                        .map(|k| *crate::tagger::PartialsOf::get(known, k).unwrap())
                        .collect()
                });
                let (mut again, mut again_margins) = (Vec::new(), Vec::new());
                model.tag_partials(&infos, copied.as_slice(), &mut again, &mut again_margins);
                assert_eq!((&again, &again_margins), (&got, &got_margins));
                assert_eq!(got, want);
                assert_eq!(got_margins, want_margins);
                assert!(want.iter().any(|l| l.kind() == Some(NameKind::Person)), "{want:?}");
            }
        }
    }
}
