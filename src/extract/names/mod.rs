//! People and places. One pass of the name index finds gazetteer names and
//! context cues; ambiguous names are resolved by the article's other places;
//! cues find people no gazetteer lists; short forms and sound-alike
//! spellings join the entities already found. The [`People`] and [`Places`]
//! stages share that analysis through the [`Context`].

mod links;
mod model;
mod patterns;
mod people;
mod places;
mod resolve;

use std::ops::Range;
use std::sync::Arc;

pub use people::People;
pub use places::Places;

use crate::gazetteer::NameIndex;
use crate::gazetteer::index::NameMatch;
use crate::lexicon::entities::{Cue, EntityLexicon, entity_lexicon};
use crate::lexicon::events::EventCue;
use crate::model::{DateMention, Source};
use crate::tagger::Taggers;
use crate::text::Document;

use super::Context;

/// Who an entity is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    /// A gazetteer entry.
    Entry(u32),
    /// A person found from context, by the normalised text of their name.
    Pattern(String),
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Gazetteer,
    Adjective,
    ShortForm,
    Sound,
    Pattern,
    /// Tagged by the statistical model.
    Model,
}

/// One mention: the whole word(s) as printed (`পুতিনের`) and the name
/// within it (`পুতিন`), as normalised byte ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub stem: Range<usize>,
    pub via: Via,
}

/// A person or place of the article with its mentions in text order.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub who: Who,
    pub person: bool,
    pub mentions: Vec<Mention>,
    /// The title or role printed before a pattern person's name.
    pub role: Option<String>,
}

/// A cue matched in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct CueMatch {
    pub range: Range<usize>,
    pub cue: Cue,
}

impl Found {
    /// How the entity was found: from a list, from context, or by the
    /// tagger alone.
    pub fn source(&self) -> Source {
        match self.who {
            Who::Entry(_) => Source::Gazetteer,
            Who::Pattern(_)
                if self.mentions.iter().any(|m| m.via == Via::Model)
                    && self.mentions.iter().all(|m| m.via != Via::Pattern) =>
            {
                Source::Model
            }
            Who::Pattern(_) => Source::Pattern,
        }
    }
}

/// Everything the name analysis found in one article.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub found: Vec<Found>,
    pub cues: Vec<CueMatch>,
    /// The event vocabulary's cues, when the tagger needed them (an event
    /// trigger is no name): kept for the events stage.
    pub event_cues: Option<Vec<EventCue>>,
}

impl Names {
    /// The analysis of `doc`, computed once per article; `dates` are the
    /// article's (no name is part of a date).
    pub fn of<'a>(ctx: &'a mut Context, doc: &Document, setup: &NameSetup, dates: &[DateMention]) -> &'a Names {
        ctx.names.get_or_insert_with(|| {
            let dates: Vec<Range<usize>> = dates.iter().map(|d| d.span.norm.clone()).collect();
            Arc::new(analyse(doc, &setup.index, entity_lexicon(), setup.tagger, &dates))
        })
    }

    /// The analysis of `doc` as a shared handle, for a stage that also
    /// needs the context.
    pub fn shared(ctx: &mut Context, doc: &Document, setup: &NameSetup, dates: &[DateMention]) -> Arc<Names> {
        Names::of(ctx, doc, setup, dates);
        ctx.names.clone().unwrap_or_default()
    }
}

/// What the name stages look names up in: the name index, and the tagger
/// unless `--no-model` switched it off.
#[derive(Debug, Clone)]
pub struct NameSetup {
    pub index: Arc<NameIndex>,
    pub tagger: Option<&'static Taggers>,
}

/// Run the whole analysis: the rules, then the tagger for names they
/// missed, then the joins of short forms and sound-alike spellings.
pub fn analyse(
    doc: &Document,
    index: &NameIndex,
    lex: &EntityLexicon,
    tagger: Option<&Taggers>,
    dates: &[Range<usize>],
) -> Names {
    let traits = patterns::WordTraits::of(doc, lex);
    let mut names = rules(doc, index, lex, &traits);
    if let Some(tagger) = tagger {
        model::add_mentions(doc, index, lex, tagger, dates, &traits, &mut names);
    }
    links::merge_partial_names(doc, &mut names.found);
    links::join_words(doc, index, lex, &traits, &mut names.found);
    for f in &mut names.found {
        f.mentions.sort_by_key(|m| m.range.start);
        f.mentions.dedup_by(|a, b| a.range == b.range);
    }
    names
        .found
        .sort_by_key(|f| f.mentions.first().map_or(usize::MAX, |m| m.range.start));
    names
}

/// What the rules find: gazetteer names, cues, and the people and places
/// found from context (what the tagger is trained and run on).
pub fn rule_mentions(doc: &Document, index: &NameIndex, lex: &EntityLexicon) -> Names {
    rules(doc, index, lex, &patterns::WordTraits::of(doc, lex))
}

/// [`rule_mentions`], given the traits of the article's words.
fn rules(doc: &Document, index: &NameIndex, lex: &EntityLexicon, traits: &patterns::WordTraits) -> Names {
    let text = doc.norm_text();
    let matches = index.find_in_words(text, doc.words(), doc.word_numbers(), lex);
    let mut names = Names::default();
    // Each match is a cue or an entity's: neither list is grown.
    names.cues.reserve(matches.len());
    let mut entity_matches: Vec<NameMatch> = Vec::with_capacity(matches.len());
    for m in matches {
        let cue = index.targets(m.pattern).iter().find_map(|t| match t {
            crate::gazetteer::Target::Cue(c) => Some(*c),
            _ => None,
        });
        match cue {
            Some(cue) if cue == Cue::Block || !has_entry(index, m.pattern) => names.cues.push(CueMatch {
                range: m.start..m.end,
                cue,
            }),
            _ => entity_matches.push(m),
        }
    }
    resolve::gazetteer_mentions(doc, index, lex, &entity_matches, &names.cues, &mut names.found);
    resolve::merge_towns_into_regions(index, &mut names.found);
    patterns::context_people(doc, lex, traits, &names.cues, &mut names.found);
    patterns::context_places(doc, lex, traits, &names.cues, &mut names.found);
    names
}

fn has_entry(index: &NameIndex, pattern: u32) -> bool {
    index
        .targets(pattern)
        .iter()
        .any(|t| matches!(t, crate::gazetteer::Target::Entry { .. }))
}

/// The word ranges of `text[range]`, in order.
fn words_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    crate::text::Words::from(&text[..range.end], range.start).collect()
}

/// Every mention range found so far, as a cover ([`make_cover`]).
fn covered(found: &[Found]) -> Vec<Range<usize>> {
    let mut v = covered_with_room(found, 0);
    make_cover(&mut v);
    v
}

/// The mentions' ranges of [`covered`], not yet a cover, with room for
/// `extra` more: a caller adds its own and makes them one cover.
fn covered_with_room(found: &[Found], extra: usize) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = Vec::with_capacity(found.iter().map(|f| f.mentions.len()).sum::<usize>() + extra);
    v.extend(found.iter().flat_map(|f| f.mentions.iter().map(|m| m.range.clone())));
    v
}

/// Where no new name may stand, as a cover ([`make_cover`]): every
/// mention found so far and every cue, but an honorific, which may be part
/// of a name (`নাসিমা বেগম`). `extra`: room for ranges the caller adds.
fn covered_with_cues(found: &[Found], cues: &[CueMatch], extra: usize) -> Vec<Range<usize>> {
    let mut ranges = unsorted_cover(found, cues, extra);
    make_cover(&mut ranges);
    ranges
}

/// [`covered_with_cues`], not yet made a cover ([`make_cover`]).
fn unsorted_cover(found: &[Found], cues: &[CueMatch], extra: usize) -> Vec<Range<usize>> {
    let mut cover = covered_with_room(found, cues.len() + extra);
    cover.extend(
        cues.iter()
            .filter(|c| c.cue != Cue::Title { role: false })
            .map(|c| c.range.clone()),
    );
    cover
}

/// Sort ranges by start, in place, and those of one start by end, so that
/// of a short range and a longer one from the same place the short one
/// comes first, whatever order they were gathered in: the order of one key
/// of both ends. The few dozen ranges of an article are sorted as plain
/// integers, each range's ends packed into one word when they fit (an
/// article under 4 GiB): some 3,000 instructions for the 49 ranges of the
/// average cover, packing and unpacking them included, against 4,400 for
/// the ranges sorted by a key, and more for a sort by start alone or a
/// stable sort.
fn sort_ranges(ranges: &mut [Range<usize>]) {
    // A thread's keys serve article after article.
    thread_local! {
        static KEYS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let packed = KEYS.with_borrow_mut(|keys| {
        keys.clear();
        let mut high = 0;
        keys.extend(ranges.iter().map(|r| {
            high |= (r.start as u64 | r.end as u64) >> 32;
            (r.start as u64) << 32 | (r.end as u64 & 0xFFFF_FFFF)
        }));
        if high != 0 {
            return false;
        }
        keys.sort_unstable();
        for (r, &k) in ranges.iter_mut().zip(keys.iter()) {
            *r = (k >> 32) as usize..(k & 0xFFFF_FFFF) as usize;
        }
        true
    });
    if !packed {
        ranges.sort_unstable_by_key(|r| (r.start as u128) << 64 | r.end as u128);
    }
}

/// Make `ranges` a cover, as [`overlaps_any`] and [`Overlaps`] read one:
/// sorted ([`sort_ranges`]), and those that overlap merged into one, so
/// that every range ends before the next starts. Of ranges that nest or
/// overlap (a cue inside a mention, a trigger across a name's end), a
/// search by end could otherwise stop past a short one and before the
/// long one that holds the range asked about.
fn make_cover(ranges: &mut Vec<Range<usize>>) {
    sort_ranges(ranges);
    ranges.dedup_by(|next, kept| {
        let overlaps = next.start < kept.end;
        if overlaps {
            kept.end = kept.end.max(next.end);
        }
        overlaps
    });
}

/// Whether `r` overlaps a range of `sorted`, a cover ([`make_cover`]).
fn overlaps_any(sorted: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = sorted.partition_point(|c| c.end <= r.start);
    sorted.get(i).is_some_and(|c| c.start < r.end)
}

/// [`overlaps_any`] for ranges asked in text order, of a cover
/// ([`make_cover`]): a cursor that only moves forward, so a pass over
/// every word of an article is linear.
struct Overlaps<'a> {
    sorted: &'a [Range<usize>],
    next: usize,
}

impl<'a> Overlaps<'a> {
    fn new(sorted: &'a [Range<usize>]) -> Self {
        Overlaps { sorted, next: 0 }
    }

    /// Whether `r` overlaps a range; `r` starts no earlier than the last asked.
    fn any(&mut self, r: &Range<usize>) -> bool {
        while self.sorted.get(self.next).is_some_and(|c| c.end <= r.start) {
            self.next += 1;
        }
        self.sorted.get(self.next).is_some_and(|c| c.start < r.end)
    }
}

/// Where each entity is in a list of found entities, so that a mention is
/// added in constant time however many entities an article names. The
/// table holds indices and compares the entities' own keys: no key is
/// copied.
struct Slots(hashbrown::HashTable<usize>);

fn who_hash(who: &Who) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(who)
}

impl Slots {
    fn of(found: &[Found]) -> Self {
        Slots::with_room(found, 0)
    }

    /// [`Slots::of`], with room for `extra` entities more without growing.
    fn with_room(found: &[Found], extra: usize) -> Self {
        let mut slots = hashbrown::HashTable::with_capacity(found.len() + extra);
        for (i, f) in found.iter().enumerate() {
            let hash = who_hash(&f.who);
            if slots.find(hash, |&j: &usize| found[j].who == f.who).is_none() {
                slots.insert_unique(hash, i, |&j| who_hash(&found[j].who));
            }
        }
        Slots(slots)
    }

    /// Add a mention to the entity `who`, creating it if needed; its index.
    fn add(&mut self, found: &mut Vec<Found>, who: Who, person: bool, mention: Mention) -> usize {
        let hash = who_hash(&who);
        if let Some(&i) = self.0.find(hash, |&j| found[j].who == who) {
            found[i].mentions.push(mention);
            return i;
        }
        let i = found.len();
        // Room for the few mentions an entity most often has: it is seldom grown.
        let mut mentions = Vec::with_capacity(4);
        mentions.push(mention);
        found.push(Found {
            who,
            person,
            mentions,
            role: None,
        });
        self.0.insert_unique(hash, i, |&j| who_hash(&found[j].who));
        i
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Kinds;
    use crate::model::{Article, Source};
    use crate::scan::{ScanOptions, extract_text};

    #[test]
    fn ranges_sort_by_start_then_end_whether_or_not_their_ends_fit_a_packed_key() {
        use super::sort_ranges;
        let mut small = vec![30..40, 3..20, 3..5, 0..0, 3..3];
        sort_ranges(&mut small);
        assert_eq!(small, [0..0, 3..3, 3..5, 3..20, 30..40]);
        // Past 4 GiB the ranges are sorted by a key of both ends instead.
        #[cfg(target_pointer_width = "64")]
        {
            let far = 1usize << 33;
            let mut large = vec![far + 1..far + 9, 3..20, far..far + 5, 3..5, far..far + 2];
            sort_ranges(&mut large);
            assert_eq!(large, [3..5, 3..20, far..far + 2, far..far + 5, far + 1..far + 9]);
        }
    }

    #[test]
    fn a_range_overlapping_a_longer_one_from_the_same_start_is_found_whatever_their_order() {
        use super::{overlaps_any, sort_ranges};
        for mut cover in [vec![3..20, 3..5, 30..40], vec![3..5, 3..20, 30..40]] {
            sort_ranges(&mut cover);
            assert_eq!(cover, [3..5, 3..20, 30..40]);
            assert!(overlaps_any(&cover, &(10..12)));
            assert!(overlaps_any(&cover, &(4..6)));
            assert!(!overlaps_any(&cover, &(21..25)));
            assert!(overlaps_any(&cover, &(25..31)));
        }
    }

    #[test]
    fn a_cover_finds_a_range_inside_one_that_an_earlier_one_nests_in() {
        use super::{make_cover, overlaps_any};
        // A mention with a cue inside it and a trigger across its end,
        // and one apart; gathered in any order.
        for mut ranges in [
            vec![10..40, 12..15, 38..45, 60..70],
            vec![60..70, 38..45, 12..15, 10..40],
            vec![12..15, 60..70, 10..40, 38..45],
        ] {
            make_cover(&mut ranges);
            assert_eq!(ranges, [10..45, 60..70]);
            // Past the cue's end, inside the mention.
            assert!(overlaps_any(&ranges, &(20..25)));
            assert!(overlaps_any(&ranges, &(42..50)));
            assert!(!overlaps_any(&ranges, &(45..60)));
            assert!(!overlaps_any(&ranges, &(0..10)));
            assert!(overlaps_any(&ranges, &(69..80)));
        }
    }

    fn scan(text: &str) -> Article {
        let opts = ScanOptions {
            only: Kinds::ALL,
            ..Default::default()
        };
        extract_text(text, "t.txt", &opts)
    }

    fn mentions_of(a: &Article, name: &str) -> Vec<String> {
        a.people
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.mentions.iter().map(|m| m.text.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_spelling_no_list_has_joins_the_person_it_sounds_like() {
        let a = scan("ভ্লাদিমির পুতিন মস্কোয় ছিলেন। পরে পুতীনের দপ্তর জানায়।");
        assert_eq!(a.people.len(), 1, "{:?}", a.people);
        assert_eq!(mentions_of(&a, "Vladimir Putin"), vec!["ভ্লাদিমির পুতিন", "পুতীনের"]);
    }

    #[test]
    fn a_surname_joins_the_full_name_but_not_another_name() {
        let a = scan("অখিলেশ যাদব ও ডিম্পল যাদব মৈনপুরীতে ভোট দেন। পরে যাদব বলেন, জয় হবে।");
        // `যাদব` alone could be either of them, so it joins neither.
        assert_eq!(mentions_of(&a, "Akhilesh Yadav"), vec!["অখিলেশ যাদব"]);
        assert!(
            a.people
                .iter()
                .any(|p| p.source == Source::Pattern && p.native == "ডিম্পল যাদব"),
            "{:?}",
            a.people
        );
    }

    #[test]
    fn a_first_name_spelled_another_way_joins_the_surname() {
        let a = scan("ভোলোদিমির জেলেনস্কি কিয়েভে ফিরেছেন।");
        assert_eq!(mentions_of(&a, "Volodymyr Zelensky"), vec!["ভোলোদিমির জেলেনস্কি"]);
    }

    #[test]
    fn ambiguous_places_follow_the_article() {
        let a = scan("লাহোরে সমাবেশ হয়। পাঞ্জাবের মুখ্যমন্ত্রী বক্তব্য দেন।");
        assert!(a.places.iter().any(|p| p.name == "Punjab, Pakistan"), "{:?}", a.places);
        let a = scan("অমৃতসরে সমাবেশ হয়। পাঞ্জাবের মুখ্যমন্ত্রী বক্তব্য দেন।");
        assert!(
            a.places
                .iter()
                .any(|p| p.name == "Punjab" && p.country.as_deref() == Some("IN"))
        );
        let a = scan("Officials in Washington said the talks would resume.");
        assert_eq!(a.places[0].name, "Washington, D.C.");
    }

    #[test]
    fn offsets_point_at_the_original_text() {
        // য় written as one code point (U+09DF) in the text, two in the data.
        let text = "আলাস্কা\u{09DF} বৈঠক। ট্রাম্পের সঙ্গে পুতিন।";
        let a = scan(text);
        let chars: Vec<char> = text.chars().collect();
        for m in a
            .places
            .iter()
            .flat_map(|p| &p.mentions)
            .chain(a.people.iter().flat_map(|p| &p.mentions))
        {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
        assert_eq!(a.places[0].mentions[0].text, "আলাস্কা\u{09DF}");
    }

    #[test]
    fn a_bare_title_is_not_a_person() {
        let a = scan("ইউক্রেনের প্রেসিডেন্ট বলেন, আলোচনা চলবে।");
        assert!(a.people.is_empty(), "{:?}", a.people);
        assert_eq!(a.places[0].name, "Ukraine");
    }
}
