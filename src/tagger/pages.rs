//! The built-in models' weights in large pages. The tagger reads four to
//! six rows of a model's 4 MiB of weights for each word, each anywhere in
//! them: spread over a thousand of the binary's own 4 KiB pages, a read
//! often misses the processor's table of recent pages (its TLB) as well
//! as its caches. On Linux a model's weights are copied, once it has
//! tagged a while (`SENTENCES_IN_PLACE`), into memory the kernel is asked
//! to back with 2 MiB pages, two of which hold a model (some 3% less CPU
//! time, docs/speed-log.md round 15); elsewhere they are read in place.

use super::file::Row;

/// The size of a large page on x86-64 and on most ARM64 kernels.
#[cfg(target_os = "linux")]
const LARGE_PAGE: usize = 2 << 20;

/// `rows` copied into memory in large pages where the kernel grants them,
/// or `None` (not Linux, no memory): the caller reads them in place. The
/// copy lives as long as the process, as the binary's bytes do, and is
/// made once: the same rows asked for again are the same copy.
#[cfg(target_os = "linux")]
pub fn in_large_pages(rows: &'static [Row]) -> Option<&'static [Row]> {
    type Copies = Vec<((usize, usize), &'static [Row])>;
    static COPIES: std::sync::Mutex<Copies> = std::sync::Mutex::new(Vec::new());
    let mut copies = COPIES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = (rows.as_ptr() as usize, rows.len());
    if let Some(&(_, copy)) = copies.iter().find(|(k, _)| *k == key) {
        return Some(copy);
    }
    let copy = copy_to_large_pages(rows)?;
    copies.push((key, copy));
    Some(copy)
}

#[cfg(target_os = "linux")]
fn copy_to_large_pages(rows: &'static [Row]) -> Option<&'static [Row]> {
    let size = std::mem::size_of_val(rows);
    if size < LARGE_PAGE {
        return None;
    }
    let span = size.next_multiple_of(LARGE_PAGE);
    // One page more than needed, so that a whole number of them starts at
    // a large page's boundary within the mapping; the rest is never
    // touched, so never given memory.
    let len = span + LARGE_PAGE;
    // SAFETY: an anonymous private mapping of `len` bytes, checked for
    // failure; `start..start + span` lies inside it, is page-aligned, and
    // nothing else refers to it. It is written once, here, before a shared
    // reference to it exists, and never unmapped, so the `'static` slice
    // stays valid. A `Row` is plain `i16`s, aligned to 2, and any bytes are
    // a valid one.
    unsafe {
        let map = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if map == libc::MAP_FAILED {
            return None;
        }
        let start = (map as usize).next_multiple_of(LARGE_PAGE) as *mut u8;
        // Advice only: refused or not granted, the copy works in small pages.
        libc::madvise(start.cast(), span, libc::MADV_HUGEPAGE);
        std::ptr::copy_nonoverlapping(rows.as_ptr().cast::<u8>(), start, size);
        Some(std::slice::from_raw_parts(start.cast::<Row>(), rows.len()))
    }
}

#[cfg(not(target_os = "linux"))]
pub fn in_large_pages(_rows: &'static [Row]) -> Option<&'static [Row]> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_holds_the_same_weights() {
        let rows: &'static [Row] = Vec::leak(
            (0..(1 << 18))
                .map(|i: i32| [i as i16, (i as i16).wrapping_neg(), 0, 1, 2, 3, 4, 5])
                .collect(),
        );
        let copy = in_large_pages(rows).unwrap_or(rows);
        assert_eq!(copy, rows);
        // Copied once, however often asked.
        assert_eq!(in_large_pages(rows).unwrap_or(rows).as_ptr(), copy.as_ptr());
        #[cfg(target_os = "linux")]
        assert_eq!(copy.as_ptr() as usize % LARGE_PAGE, 0);
        // Too small to gain from large pages: read in place.
        assert!(in_large_pages(&rows[..16]).is_none());
    }
}
