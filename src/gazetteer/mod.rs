//! Known people and places: the built-in gazetteers (`data/gazetteer/`,
//! compiled in) merged with a user's own files (`--gazetteer`), and the
//! index that finds all of their names in one pass.

pub mod index;
pub mod romanize;
pub mod sound;
mod user;

use std::path::Path;

use rustc_hash::FxHashMap;

pub use index::{NameIndex, Target};
pub use user::GazetteerError;

/// Whether an entry is a person or a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Person,
    Place,
}

/// One person or place, with every surface it may be written as.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    /// A Wikidata QID, `geonames:N` or `local:slug`.
    pub id: String,
    /// The canonical English name.
    pub name: String,
    /// A person's role.
    pub role: Option<String>,
    /// A place's kind (`country`, `city`, ...); empty for people.
    pub place_kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Every surface, the English name included.
    pub names: Vec<String>,
    /// A place's nationality adjectives (mentions of the place).
    pub adjectives: Vec<String>,
}

/// People and places, in file order (built-in first): earlier entries win
/// ties between equally likely readings of a name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_id: FxHashMap<String, usize>,
}

static PEOPLE_TSV: &str = include_str!("../../data/gazetteer/people.tsv");
static PLACES_TSV: &str = include_str!("../../data/gazetteer/places.tsv");

impl Gazetteer {
    /// The built-in people and places.
    pub fn builtin() -> Self {
        let people = user::parse_tsv_rows(PEOPLE_TSV, "data/gazetteer/people.tsv", Some(EntryKind::Person));
        let places = user::parse_tsv_rows(PLACES_TSV, "data/gazetteer/places.tsv", Some(EntryKind::Place));
        let n = people.len() + places.len();
        let mut g = Gazetteer {
            entries: Vec::with_capacity(n),
            by_id: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        };
        for entry in people.into_iter().chain(places) {
            // The built-in data is checked by tests; a bad row is a build defect.
            g.add(entry.unwrap_or_else(|e| panic!("bad built-in gazetteer: {e}")));
        }
        g
    }

    /// Add the entries of a user file (TSV or JSON, see the README). Every
    /// good entry is added; the bad ones come back, each with its line.
    pub fn add_file(&mut self, path: &Path) -> Result<usize, Vec<GazetteerError>> {
        let (entries, errors) = user::read_file(path);
        let n = entries.len();
        for e in entries {
            self.add(e);
        }
        if errors.is_empty() { Ok(n) } else { Err(errors) }
    }

    /// Add an entry; one whose id is already known adds its names to it.
    pub fn add(&mut self, entry: Entry) {
        if let Some(&i) = self.by_id.get(&entry.id) {
            let known = &mut self.entries[i];
            for n in entry.names {
                if !known.names.contains(&n) {
                    known.names.push(n);
                }
            }
            for a in entry.adjectives {
                if !known.adjectives.contains(&a) {
                    known.adjectives.push(a);
                }
            }
            known.role = known.role.take().or(entry.role);
            return;
        }
        self.by_id.insert(entry.id.clone(), self.entries.len());
        self.entries.push(entry);
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    pub fn count(&self, kind: EntryKind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }
}

/// `local:` plus a slug of `name`.
pub fn local_id(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    format!("local:{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_counts_meet_the_brief() {
        let g = Gazetteer::builtin();
        assert!(g.count(EntryKind::Person) >= 500);
        let kind_count = |k: &str| g.entries.iter().filter(|e| e.place_kind == k).count();
        assert_eq!(kind_count("country"), 249);
        assert!(kind_count("city") >= 5000);
        assert!(kind_count("region") >= 150);
        let putin = g.get("Q7747").unwrap();
        assert_eq!(putin.name, "Vladimir Putin");
        assert!(putin.names.iter().any(|n| n == "পুতিন"));
        let russia = g.entries.iter().find(|e| e.name == "Russia").unwrap();
        assert_eq!(russia.country.as_deref(), Some("RU"));
        assert!(russia.adjectives.iter().any(|a| a == "রুশ"));
        assert!(russia.lat.is_some());
    }

    #[test]
    fn slugs() {
        assert_eq!(local_id("Ben Kartis"), "local:ben-kartis");
        assert_eq!(local_id("  Jane  O'Doe "), "local:jane-o-doe");
    }
}
