//! Comparisons and tests of the short byte strings words are, without a
//! call to the C library or a loop a byte: most words are a few letters of
//! three bytes, and a call's overhead (and the registers it spills) costs
//! more than the comparison.

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
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const TOPS: u64 = u64::from_le_bytes([0x80; 8]);
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
}
