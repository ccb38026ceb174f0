//! What the examples tests share: every example of a language must pass,
//! and there must be enough of them.

/// Assert that `run(lang)` found at least `min` examples and no failure.
pub fn check(lang: &str, min: usize, run: fn(&str) -> (usize, Vec<String>)) {
    let (n, failures) = run(lang);
    assert!(n >= min, "{lang}: only {n} examples");
    assert!(
        failures.is_empty(),
        "{lang}: {} of {n} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
