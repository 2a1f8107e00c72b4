//! Lists a person can read (wins, setbacks, thought records): human dates
//! ("Tue 3 Dec"), cards grouped by month, newest first, a search over the
//! texts (`?q=`) and "Show more" as a plain link (`?limit=`), so none of it
//! needs JavaScript.
//!
//! It only shapes what a use case has already returned; it never reads the
//! store and never decides what a person may see.

use chrono::NaiveDate;
use maud::{html, Markup};

/// How many items a list shows at first, and how many more "Show more" adds.
pub const STEP: usize = 30;

/// The most a `?limit=` can ask for (a typed huge number is no error).
const MOST: usize = 100_000;

/// A date as people say it: "Tue 3 Dec".
pub fn human_date(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// A month heading: "December 2026".
pub fn month_label(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

/// The search words and how many items to show, from the query string.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The search words as typed (trimmed); empty when not searching.
    pub q: String,
    /// How many items to show.
    pub limit: usize,
}

impl Listing {
    /// From `?q=` and `?limit=`; a missing or unusable limit is [`STEP`].
    pub fn new(q: Option<&str>, limit: Option<&str>) -> Listing {
        let limit = limit
            .and_then(|l| l.trim().parse::<usize>().ok())
            .map_or(STEP, |l| l.clamp(STEP, MOST));
        Listing {
            q: q.unwrap_or_default().trim().to_string(),
            limit,
        }
    }

    /// Whether a search was asked for.
    pub fn searching(&self) -> bool {
        !self.q.is_empty()
    }

    /// Whether any of the texts holds the search words (case-insensitive);
    /// always true when not searching.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        if !self.searching() {
            return true;
        }
        let wanted = self.q.to_lowercase();
        texts
            .into_iter()
            .any(|t| t.to_lowercase().contains(&wanted))
    }

    /// `path` with this search and a larger limit, then `anchor`.
    fn more_href(&self, path: &str, anchor: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.searching() {
            query.append_pair("q", &self.q);
        }
        query.append_pair("limit", &(self.limit + STEP).to_string());
        format!("{path}?{}#{anchor}", query.finish())
    }
}

/// One month of a list: its heading and its items, each with its place in
/// the whole list (from 1; a card's id, so "Show more" can jump to the
/// first new one).
pub type Month<'a, T> = (String, Vec<(usize, &'a T)>);

/// Items (already newest first) grouped under their month, in order.
pub fn by_month<T>(items: &[T], date: impl Fn(&T) -> NaiveDate) -> Vec<Month<'_, T>> {
    let mut groups: Vec<Month<'_, T>> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = month_label(date(item));
        match groups.last_mut() {
            Some((last, list)) if *last == label => list.push((i + 1, item)),
            _ => groups.push((label, vec![(i + 1, item)])),
        }
    }
    groups
}

/// The search box: a GET form to `action`, labelled `label`.
pub fn search_form(action: &str, id: &str, label: &str, l: &Listing) -> Markup {
    html! {
        form.search method="get" action=(action) role="search" {
            label for=(id) { (label) }
            div.search-row {
                input id=(id) type="search" name="q" value=(l.q) autocomplete="off";
                button type="submit" { "Search" }
            }
        }
    }
}

/// What a search found: "3 of 40 wins match “walk”" or "No wins match
/// “walk”", each with a link that clears the search.
pub fn search_result(l: &Listing, found: usize, total: usize, what: &str, clear: &str) -> Markup {
    html! {
        @if l.searching() {
            p.search-result role="status" {
                @if found == 0 {
                    "No " (what) " match “" (l.q) "”. "
                } @else {
                    (found) " of " (total) " " (what) " match “" (l.q) "”. "
                }
                a href=(clear) { "Clear the search" }
            }
        }
    }
}

/// "Showing 30 of 74. Show more" when some are left out; the link opens the
/// page at the first card not shown yet (`{prefix}-31`).
pub fn show_more(l: &Listing, shown: usize, total: usize, path: &str, prefix: &str) -> Markup {
    html! {
        @if shown < total {
            p.show-more {
                "Showing " (shown) " of " (total) ". "
                a href=(l.more_href(path, &format!("{prefix}-{}", shown + 1))) { "Show more" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        goodenough_core::text::parse_date(s).expect("test date")
    }

    #[test]
    fn dates_read_like_speech() {
        assert_eq!(human_date(d("2024-12-03")), "Tue 3 Dec");
        assert_eq!(month_label(d("2024-12-03")), "December 2024");
    }

    #[test]
    fn limit_and_search_words() {
        let l = Listing::new(Some("  Walk "), Some("60"));
        assert_eq!((l.q.as_str(), l.limit), ("Walk", 60));
        assert!(l.matches(["took a long WALK"]));
        assert!(!l.matches(["stayed in"]));
        assert_eq!(Listing::new(None, Some("x")).limit, STEP);
        assert_eq!(Listing::new(None, Some("3")).limit, STEP);
        assert!(Listing::new(Some(" "), None).matches(["anything"]));
        assert_eq!(
            l.more_href("/wins", "win-61"),
            "/wins?q=Walk&limit=90#win-61"
        );
    }

    #[test]
    fn months_keep_their_order() {
        let days = [d("2024-12-03"), d("2024-12-01"), d("2024-11-30")];
        let groups = by_month(&days, |x| *x);
        let labels: Vec<&str> = groups.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(labels, ["December 2024", "November 2024"]);
        assert_eq!(groups[0].1.len(), 2);
        assert_eq!(groups[1].1[0].0, 3, "places count across months");
    }
}
