//! The vocabularies of dates and events are looked for only at word starts:
//! the longest entry the text begins with there. A byte trie answers that
//! in one walk and builds in well under a millisecond; an Aho-Corasick
//! automaton (which also finds matches that start anywhere) spent some
//! 10 ms of every start-up on failure transitions these look-ups never take.

/// A trie of byte strings, ASCII letters compared without case.
#[derive(Debug)]
pub struct PrefixTrie {
    /// Where each node's edges are in `labels` and `targets`, sorted by byte:
    /// `edges[i]..edges[i + 1]`.
    edges: Vec<u32>,
    labels: Vec<u8>,
    targets: Vec<u32>,
    /// The entry that ends at each node (the first added, when several
    /// differ only in case).
    entry: Vec<u32>,
    /// Where the nodes of many edges (the first bytes of most entries) have
    /// their child for each byte in `dense`: a step is then one look-up.
    dense_at: Vec<u32>,
    dense: Vec<u32>,
}

/// Edges from which a node's children are kept by byte.
const DENSE_EDGES: usize = 8;

const NONE: u32 = u32::MAX;

impl Default for PrefixTrie {
    /// The trie of no entries.
    fn default() -> Self {
        PrefixTrie::new(std::iter::empty::<&[u8]>())
    }
}

impl PrefixTrie {
    /// A trie of `entries`, numbered in order.
    pub fn new<I, S>(entries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut entry = vec![NONE];
        for (id, e) in entries.into_iter().enumerate() {
            let mut node = 0;
            for &b in e.as_ref() {
                let b = b.to_ascii_lowercase();
                node = match children[node].iter().find(|(c, _)| *c == b) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = children.len();
                        children[node].push((b, next as u32));
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
            dense_at: Vec::with_capacity(children.len()),
            dense: Vec::new(),
        };
        for mut out in children {
            out.sort_unstable_by_key(|&(b, _)| b);
            trie.edges.push(trie.labels.len() as u32);
            if out.len() > DENSE_EDGES {
                trie.dense_at.push(trie.dense.len() as u32);
                let at = trie.dense.len();
                trie.dense.resize(at + 256, NONE);
                for &(b, next) in &out {
                    trie.dense[at + usize::from(b)] = next;
                }
            } else {
                trie.dense_at.push(NONE);
            }
            for (b, next) in out {
                trie.labels.push(b);
                trie.targets.push(next);
            }
        }
        trie.edges.push(trie.labels.len() as u32);
        trie
    }

    #[inline]
    fn next(&self, node: u32, b: u8) -> Option<u32> {
        let b = b.to_ascii_lowercase();
        let node = node as usize;
        let dense = self.dense_at[node];
        if dense != NONE {
            return Some(self.dense[dense as usize + usize::from(b)]).filter(|&n| n != NONE);
        }
        // Most nodes past the first bytes have one or two edges.
        let (from, to) = (self.edges[node] as usize, self.edges[node + 1] as usize);
        let at = self.labels[from..to].iter().position(|&l| l == b)?;
        Some(self.targets[from + at])
    }

    /// The longest entry that `text[start..]` begins with: its number and
    /// where it ends.
    pub fn longest_at(&self, text: &[u8], start: usize) -> Option<(usize, usize)> {
        let mut node = 0;
        let mut found = None;
        for (i, &b) in text.get(start..)?.iter().enumerate() {
            let Some(next) = self.next(node, b) else { break };
            node = next;
            let e = self.entry[node as usize];
            if e != NONE {
                found = Some((e as usize, start + i + 1));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_entry_at_a_position_is_found() {
        let trie = PrefixTrie::new(["জুন", "জুলাই", "জু", "May", "may", "Monday", "a.m."]);
        let at = |s: &str, start: usize| trie.longest_at(s.as_bytes(), start);
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
        assert_eq!(PrefixTrie::default().longest_at(b"May", 0), None);
    }
}
