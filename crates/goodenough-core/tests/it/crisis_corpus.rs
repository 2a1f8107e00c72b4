//! The crisis detector measured against its corpus
//! (`content/safety/corpus/`): every positive must show the help message,
//! and at most 5% of the negatives may. Run with `-- --nocapture` to see the
//! figures (docs/safety.md).

use goodenough_core::safety::SafetyRules;

const POSITIVE: &str = include_str!("../../../../content/safety/corpus/positive.txt");
const NEGATIVE: &str = include_str!("../../../../content/safety/corpus/negative.txt");
const KNOWN_MISSES: &str = include_str!("../../../../content/safety/corpus/known-misses.txt");

/// The phrases of a corpus file: one a line, `#` comments and blank lines left out.
fn phrases(src: &str) -> Vec<&str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn rules() -> SafetyRules {
    SafetyRules::shipped().expect("the shipped safety rules load")
}

#[test]
fn the_corpus_is_big_enough_and_has_no_line_in_two_files() {
    let pos = phrases(POSITIVE);
    let neg = phrases(NEGATIVE);
    let known = phrases(KNOWN_MISSES);
    println!(
        "corpus: {} positives, {} negatives, {} known misses",
        pos.len(),
        neg.len(),
        known.len()
    );
    assert!(pos.len() >= 320, "only {} positives", pos.len());
    assert!(neg.len() >= 320, "only {} negatives", neg.len());
    let twice: Vec<&&str> = pos
        .iter()
        .chain(&known)
        .filter(|p| neg.contains(p))
        .chain(known.iter().filter(|k| pos.contains(k)))
        .collect();
    assert!(twice.is_empty(), "lines in two corpus files: {twice:?}");
}

/// Not a pass mark: the known misses are there to keep the figures honest.
/// A line the rules now catch belongs in positive.txt.
#[test]
fn known_misses_are_reported_and_none_is_already_caught() {
    let rules = rules();
    let known = phrases(KNOWN_MISSES);
    let caught: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| rules.matches([*k]))
        .collect();
    println!(
        "known misses: {} (the rules catch {} of them)",
        known.len(),
        caught.len()
    );
    assert!(
        caught.is_empty(),
        "the rules now catch these known misses; move them to positive.txt:\n  {}",
        caught.join("\n  ")
    );
}

#[test]
fn every_positive_shows_help() {
    let rules = rules();
    let pos = phrases(POSITIVE);
    let missed: Vec<&str> = pos
        .iter()
        .copied()
        .filter(|p| !rules.matches([*p]))
        .collect();
    let caught = pos.len() - missed.len();
    println!(
        "recall: {caught}/{} positives ({:.1}%)",
        pos.len(),
        100.0 * caught as f64 / pos.len() as f64
    );
    assert!(
        missed.is_empty(),
        "{} of {} positives were missed (recall must be 100%):\n  {}",
        missed.len(),
        pos.len(),
        missed.join("\n  ")
    );
}

#[test]
fn false_alarms_on_negatives_stay_at_or_below_five_percent() {
    let rules = rules();
    let neg = phrases(NEGATIVE);
    let alarms: Vec<&str> = neg
        .iter()
        .copied()
        .filter(|n| rules.matches([*n]))
        .collect();
    let rate = 100.0 * alarms.len() as f64 / neg.len() as f64;
    println!(
        "false alarms: {}/{} negatives ({rate:.1}%)\n  {}",
        alarms.len(),
        neg.len(),
        alarms.join("\n  ")
    );
    assert!(
        alarms.len() * 20 <= neg.len(),
        "{} of {} negatives ({rate:.1}%) show help; the limit is 5%:\n  {}",
        alarms.len(),
        neg.len(),
        alarms.join("\n  ")
    );
}

#[test]
fn a_phrase_is_caught_among_other_texts_and_none_is_not() {
    let rules = rules();
    assert!(rules.matches(["Walked the dog", "", "i dont want to be here anymore"]));
    assert!(!rules.matches(["Walked the dog", "", "my battery died"]));
    assert!(!rules.matches(std::iter::empty::<&str>()));
}
