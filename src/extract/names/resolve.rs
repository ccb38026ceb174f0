//! Gazetteer matches to entities: a name several entries share (Washington
//! the city or the state, Punjab in India or Pakistan, Georgia) goes to the
//! entry whose country the article's other places point to, else to the
//! entry listed first; a name both a person and a place is a person after a
//! title or when written in full.

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use super::{CueMatch, Found, Mention, Slots, Via, Who};
use crate::gazetteer::index::NameMatch;
use crate::gazetteer::{EntryKind, NameIndex, Target};
use crate::lexicon::entities::{Cue, EntityLexicon};
use crate::text::Document;

pub fn gazetteer_mentions(
    doc: &Document,
    index: &NameIndex,
    lex: &EntityLexicon,
    matches: &[NameMatch],
    cues: &[CueMatch],
    found: &mut Vec<Found>,
) {
    let gaz = index.gazetteer();
    // Each match may be a new entity.
    let mut slots = Slots::with_room(found, matches.len());
    let entries = |m: &NameMatch| {
        index.targets(m.pattern).iter().filter_map(|t| match *t {
            Target::Entry { index, adjective } => Some((index, adjective)),
            Target::Cue(_) => None,
        })
    };
    // Countries the article's unambiguous names point to, with weights:
    // counted only once a name is shared by entries of one kind (most
    // names are one entry's, and need no weights to choose).
    let mut countries: Option<HashMap<&str, usize>> = None;
    let count_countries = || {
        let mut countries: HashMap<&str, usize> = HashMap::default();
        for m in matches {
            let mut cs = entries(m).filter_map(|(i, _)| gaz.entries[i as usize].country.as_deref());
            if let Some(first) = cs.next()
                && cs.all(|c| c == first)
            {
                *countries.entry(first).or_default() += 1;
            }
        }
        countries
    };
    let text = doc.norm_text();
    for m in matches {
        let before = cues.partition_point(|c| c.range.end <= m.start);
        let after_title = before > 0 && {
            let c = &cues[before - 1];
            matches!(c.cue, Cue::Title { .. }) && text[c.range.end..m.start].trim().is_empty()
        };
        // (entry, adjective, a person's): each entry read once.
        let listed: SmallVec<[(u32, bool, bool); 2]> = entries(m)
            .map(|(i, adjective)| (i, adjective, gaz.entries[i as usize].kind == EntryKind::Person))
            .collect();
        let (people, places) = (listed.iter().any(|e| e.2), listed.iter().any(|e| !e.2));
        // Whether the name is of two words or more: asked only when it decides.
        let full_name = || text.as_bytes()[m.start..m.stem_end].contains(&b' ');
        let of_people = people && (!places || after_title || full_name());
        let mut candidates = listed
            .iter()
            .filter(|e| e.2 == of_people)
            .map(|&(i, adjective, _)| (i, adjective));
        let best = match (candidates.next(), candidates.next()) {
            (Some(first), Some(second)) => {
                let countries = countries.get_or_insert_with(count_countries);
                [first, second].into_iter().chain(candidates).max_by_key(|(i, _)| {
                    let e = &gaz.entries[*i as usize];
                    let weight = e
                        .country
                        .as_deref()
                        .and_then(|c| countries.get(c))
                        .copied()
                        .unwrap_or(0);
                    // Higher weight wins; among equals the earlier entry.
                    (weight, std::cmp::Reverse(*i))
                })
            }
            (only, _) => only,
        };
        let Some((entry, adjective)) = best else { continue };
        // After a title, a place's name followed by a name-like word is a
        // person's first name (`ऑलराउंडर वाशिंगटन सुंदर`).
        let place = !adjective && gaz.entries[entry as usize].kind == EntryKind::Place;
        if place && after_title && name_follows(text, m, matches, lex) {
            continue;
        }
        // Capitalised name words before a one-word town make it the end of
        // a person's name (`Nusrat Jahan Mitu` is not the town Mitú).
        let town = place && gaz.entries[entry as usize].place_kind == "city";
        if town && !full_name() && capitalized_words_before(text, m.start, lex) >= 2 {
            continue;
        }
        let person = gaz.entries[entry as usize].kind == EntryKind::Person;
        let via = if adjective { Via::Adjective } else { Via::Gazetteer };
        slots.add(
            found,
            Who::Entry(entry),
            person,
            Mention {
                range: m.start..m.end,
                stem: m.start..m.stem_end,
                via,
            },
        );
    }
}

/// Whether a name-like word no other match holds follows `m`.
fn name_follows(text: &str, m: &NameMatch, matches: &[NameMatch], lex: &EntityLexicon) -> bool {
    let Some(rest) = text[m.end..].strip_prefix(' ') else {
        return false;
    };
    let start = text.len() - rest.len();
    let end = crate::text::word_end(text, start);
    let word = &text[start..end];
    let starts_match = matches.iter().any(|n| n.start == start);
    !word.is_empty()
        && !starts_match
        && !lex.is_not_name(word)
        && !lex.is_common(word)
        && word
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase() && !c.is_numeric())
}

/// How many capitalised Latin words that could be names stand right before
/// `pos`, separated by single spaces (up to two).
fn capitalized_words_before(text: &str, pos: usize, lex: &EntityLexicon) -> usize {
    let mut n = 0;
    let mut p = pos;
    while n < 2 {
        let Some(before) = text[..p].strip_suffix(' ') else {
            break;
        };
        let start = crate::text::word_start(text, before.len());
        let word = &before[start..];
        let capital = word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && word.is_ascii();
        if word.len() < 2 || !capital || lex.is_not_name(word) {
            break;
        }
        n += 1;
        p = start;
    }
    n
}

/// A city that shares its name with a region the article also names
/// (`Kursk` and `Kursk Oblast`) is read as that region: news about the region
/// shortens its name.
pub fn merge_towns_into_regions(index: &NameIndex, found: &mut Vec<Found>) {
    let gaz = index.gazetteer();
    let entry = |f: &Found| match f.who {
        Who::Entry(i) if !f.person => Some(&gaz.entries[i as usize]),
        _ => None,
    };
    let mut i = 0;
    while i < found.len() {
        let region = entry(&found[i]).filter(|e| e.place_kind == "city").and_then(|town| {
            found.iter().position(|g| {
                entry(g).is_some_and(|r| {
                    r.place_kind == "region"
                        && r.country == town.country
                        && r.name
                            .strip_prefix(town.name.as_str())
                            .is_some_and(|rest| rest.starts_with(' '))
                })
            })
        });
        match region {
            Some(j) => {
                let moved = std::mem::take(&mut found[i].mentions);
                found[j].mentions.extend(moved);
                found.remove(i);
            }
            None => i += 1,
        }
    }
}
