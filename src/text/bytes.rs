//! Comparisons and tests of the short byte strings words are, without a
//! call to the C library or a loop a byte: most words are a few letters of
//! three bytes, and a call's overhead (and the registers it spills) costs
//! more than the comparison.

/// One in each byte of eight: a byte value times it is that value in each.
pub const ONES: u64 = u64::from_le_bytes([0x01; 8]);

/// The top bit of each byte of eight.
pub const TOPS: u64 = u64::from_le_bytes([0x80; 8]);

/// Whether `a` and `b` are the same bytes. Up to 32 bytes are compared as
/// loads of one to eight bytes a side, overlapping where the length is not
/// a multiple (one to three bytes: the first, middle and last); longer
/// ones by their last eight bytes, then as slices.
#[inline(always)]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("eight bytes"));
    let half = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("four bytes"));
    match n {
        0 => true,
        1..4 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..8 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        // A longer one (a name of several words) differs most often in
        // its last word: those bytes first, before a call compares all.
        _ => word(a, n - 8) == word(b, n - 8) && a == b,
    }
}

/// Whether `text` begins with `prefix`, compared as [`same_bytes`].
#[inline(always)]
pub fn starts_with_bytes(text: &[u8], prefix: &[u8]) -> bool {
    text.len() >= prefix.len() && same_bytes(&text[..prefix.len()], prefix)
}

/// Whether `bytes` hold an ASCII digit, tested eight bytes at a time (the
/// last eight overlapping the ones before): a byte is a digit when, less
/// `0`, it is below ten, and a lane below ten borrows into its top bit.
#[inline]
pub fn has_ascii_digit(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().any(u8::is_ascii_digit);
    }
    // Bytes `0`..`9` become 0..9, and no other byte does: the flip of the
    // bits of `0` maps `0x30..=0x3F` to 0..15 and every other byte past 15.
    // A lane below ten, less ten, borrows and sets its top bit where its
    // own is clear; a lane of ten or more does not, and a borrow runs only
    // from a lane below ten, so the test is exact for the word as a whole.
    let below_ten = |i: usize| {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes")) ^ (ONES * u64::from(b'0'));
        x.wrapping_sub(ONES * 10) & !x & TOPS != 0
    };
    (0..n - 8).step_by(8).any(below_ten) || below_ten(n - 8)
}

/// Of eight ASCII bytes (none with its top bit set), the lanes that hold a
/// letter and those that hold a word character (a letter or a digit), each
/// as its top bit. A lane plus a constant carries into its top bit where
/// the byte is at least the constant's complement, and no lane carries into
/// the next, as ASCII plus the largest constant added stays below 0x100.
#[inline(always)]
pub fn ascii_letters_and_words(x: u64) -> (u64, u64) {
    debug_assert_eq!(x & TOPS, 0);
    // Upper case folded to lower: `A`..`Z` become `a`..`z`, and no other
    // byte does.
    let lower = x | (ONES * 0x20);
    let at_least = |v: u64, b: u8| v + ONES * u64::from(0x80 - b);
    let letters = at_least(lower, b'a') & !at_least(lower, b'z' + 1) & TOPS;
    let digits = at_least(x, b'0') & !at_least(x, b'9' + 1) & TOPS;
    (letters, letters | digits)
}

/// How many of eight lanes have their top bit set in `lanes` (no other
/// bits set): a multiplication sums them into the top byte, where this
/// build, for any x86-64, has no single instruction to count bits.
#[inline(always)]
pub fn count_lanes(lanes: u64) -> usize {
    ((lanes >> 7).wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digit_is_found_wherever_it_is_and_no_other_byte_counts() {
        // Every byte value at every place of strings of every length to
        // twenty, among letters of Bengali (three bytes each) and Latin.
        let filler: Vec<u8> = "অআabকz:ঠ/".bytes().cycle().take(20).collect();
        for n in 0..=filler.len() {
            let base = &filler[..n];
            assert!(!has_ascii_digit(base), "{n}");
            for k in 0..n {
                for b in 0..=255u8 {
                    let mut v = base.to_vec();
                    v[k] = b;
                    assert_eq!(has_ascii_digit(&v), v.iter().any(u8::is_ascii_digit), "{n} {k} {b}");
                }
            }
        }
        assert!(has_ascii_digit("ঢাকা-১২ 2025".as_bytes()));
        assert!(!has_ascii_digit("রাজধানী ঢাকায় ২৫ জন".as_bytes()));
    }

    #[test]
    fn the_same_as_comparing_slices_at_every_length_and_difference() {
        let a: Vec<u8> = (0..40u8).map(|i| i.wrapping_mul(37).wrapping_add(11)).collect();
        for n in 0..=a.len() {
            let x = &a[..n];
            assert!(same_bytes(x, x), "{n}");
            // One byte changed, at each place.
            for k in 0..n {
                let mut y = x.to_vec();
                y[k] ^= 0x40;
                assert!(!same_bytes(x, &y), "{n} {k}");
            }
            // Another length.
            assert!(!same_bytes(x, &a[..n.saturating_sub(1)]) || n == 0);
            assert!(starts_with_bytes(&a, x));
            assert!(!starts_with_bytes(x, &a) || n == a.len());
        }
    }

    #[test]
    fn ascii_lanes_are_classed_and_counted_as_byte_tests_say() {
        // Every ASCII byte in every lane, among others that vary.
        for b in 0..0x80u8 {
            for k in 0..8 {
                let mut lanes: [u8; 8] = std::array::from_fn(|j| (j as u8).wrapping_mul(29).wrapping_add(b) & 0x7F);
                lanes[k] = b;
                let (letters, words) = ascii_letters_and_words(u64::from_le_bytes(lanes));
                for (j, c) in lanes.iter().enumerate() {
                    let top = 0x80u64 << (8 * j);
                    assert_eq!(letters & top != 0, c.is_ascii_alphabetic(), "{b} {k} {j}");
                    assert_eq!(words & top != 0, c.is_ascii_alphanumeric(), "{b} {k} {j}");
                }
                assert_eq!(letters & !TOPS, 0);
                assert_eq!(words & !TOPS, 0);
                assert_eq!(
                    count_lanes(letters),
                    lanes.iter().filter(|c| c.is_ascii_alphabetic()).count()
                );
                assert_eq!(
                    count_lanes(words),
                    lanes.iter().filter(|c| c.is_ascii_alphanumeric()).count()
                );
            }
        }
        assert_eq!(count_lanes(TOPS), 8);
        assert_eq!(count_lanes(0), 0);
    }
}
