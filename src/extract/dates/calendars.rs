//! Other calendars South Asian papers print, converted to Gregorian.

use jiff::ToSpan;
use jiff::civil::{Date, date};

/// Bangladesh's revised Bengali calendar (2019): 1 Boishakh is 14 April;
/// Boishakh to Ashwin have 31 days, Kartik to Magh and Choitro 30, Falgun 29
/// (30 when its Gregorian year is a leap year). Year Y starts in Gregorian
/// year Y + 593.
pub fn bengali_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    let start = Date::new((year + 593) as i16, 4, 14).ok()?;
    let leap_falgun = start.year() as i32 + 1;
    let falgun_days = if jiff::civil::date(leap_falgun as i16, 1, 1).in_leap_year() {
        30
    } else {
        29
    };
    let lengths: [i32; 12] = [31, 31, 31, 31, 31, 31, 30, 30, 30, 30, falgun_days, 30];
    if day as i32 > lengths[month as usize - 1] {
        return None;
    }
    let before: i32 = lengths[..month as usize - 1].iter().sum();
    start.checked_add((before + day as i32 - 1).days()).ok()
}

/// The arithmetic (tabular) Islamic calendar with the civil epoch
/// (16 July 622 Julian); papers that follow moon sighting may differ by a day.
pub fn hijri_to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || year < 1 {
        return None;
    }
    let (y, m, d) = (year as i64, month as i64, day as i64);
    let jdn = d + ((29.5 * (m - 1) as f64).ceil() as i64) + (y - 1) * 354 + (3 + 11 * y) / 30 + 1_948_439;
    // Julian day number 2440588 is 1970-01-01.
    let epoch = date(1970, 1, 1);
    epoch.checked_add((jdn - 2_440_588).days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bengali_calendar_dates() {
        assert_eq!(bengali_to_gregorian(1432, 1, 1), Some(date(2025, 4, 14)));
        assert_eq!(bengali_to_gregorian(1432, 7, 20), Some(date(2025, 11, 5)));
        assert_eq!(bengali_to_gregorian(1432, 9, 6), Some(date(2025, 12, 21)));
        assert_eq!(bengali_to_gregorian(1432, 12, 30), Some(date(2026, 4, 13)));
        assert_eq!(bengali_to_gregorian(1430, 11, 30), Some(date(2024, 3, 14))); // Falgun in a leap year
        assert_eq!(bengali_to_gregorian(1431, 11, 30), None);
    }

    #[test]
    fn hijri_dates() {
        assert_eq!(hijri_to_gregorian(1447, 1, 1), Some(date(2025, 6, 27)));
        assert_eq!(hijri_to_gregorian(1446, 10, 1), Some(date(2025, 3, 31)));
        assert_eq!(hijri_to_gregorian(1446, 13, 1), None);
    }
}
