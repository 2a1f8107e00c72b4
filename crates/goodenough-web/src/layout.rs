//! The shared layout: landmarks (header, nav, main, footer), a skip link,
//! "Help now" in the header on every page, the main menu and the sign-out
//! button.
//!
//! The main menu is one list in the markup; the stylesheet shows it as a
//! bottom tab bar on a phone ([`TABS`] and "More") and as a side menu on a
//! wide screen (every entry). The entries that do not fit the tab bar are in
//! [`MORE`], listed on the `/more` page.

use maud::{html, Markup, DOCTYPE};

use crate::auth::SessionUser;

/// The tab bar's destinations on a phone, in order: (path, label). The fifth
/// tab is always "More" (`/more`). Keep this at four.
pub const TABS: &[(&str, &str)] = &[
    ("/today", "Today"),
    ("/checkin", "Check-in"),
    ("/thoughts", "Thoughts"),
    ("/progress", "Progress"),
];

/// Every other destination, in order: on a phone they are on the `/more`
/// page, on a wide screen in the side menu below the tabs. New menu entries
/// go here (entries for one role only: see [`more_for`]).
pub const MORE: &[(&str, &str)] = &[
    ("/programme", "Programme"),
    ("/wins", "Wins"),
    ("/noes", "Boundaries"),
    ("/experiments", "Experiments"),
    ("/assessments", "Awareness"),
    ("/joy", "Joy"),
    ("/reviews", "Reviews"),
    ("/your-coach", "Your coach"),
    ("/data", "Data"),
    ("/settings", "Settings"),
];

/// The "More" entries this person sees: [`MORE`], plus any entry that only
/// some roles have (add those here, after the shared ones).
pub fn more_for(user: &SessionUser) -> Vec<(&'static str, &'static str)> {
    let mut entries = MORE.to_vec();
    if user.role == goodenough_store::Role::Coach {
        entries.push(("/clients", "Clients"));
        entries.push(("/content", "Your content"));
    }
    if user.role == goodenough_store::Role::Admin {
        entries.push(("/admin", "Accounts"));
    }
    entries
}

/// The label of a menu path, if it is one.
pub fn label_of(path: &str) -> Option<&'static str> {
    TABS.iter()
        .chain(MORE)
        .chain(&[
            ("/clients", "Clients"),
            ("/content", "Your content"),
            ("/admin", "Accounts"),
        ])
        .find(|(p, _)| *p == path)
        .map(|(_, l)| *l)
}

/// Light and dark colour of the header, also the browser's theme colour.
pub const THEME_LIGHT: &str = "#f0eee8";
/// See [`THEME_LIGHT`].
pub const THEME_DARK: &str = "#1f2428";

/// The hidden CSRF field every POST form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(crate::csrf::FIELD) value=(token); }
}

fn head(title: &str, practice: Option<&str>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover";
            meta name="color-scheme" content="light dark";
            meta name="theme-color" media="(prefers-color-scheme: light)" content=(THEME_LIGHT);
            meta name="theme-color" media="(prefers-color-scheme: dark)" content=(THEME_DARK);
            title {
                (title) " · goodenough"
                @if let Some(name) = practice { " · " (name) }
            }
            link rel="manifest" href="/manifest.webmanifest";
            link rel="icon" href="/favicon.svg" type="image/svg+xml";
            link rel="icon" href="/favicon.ico" sizes="48x48";
            link rel="apple-touch-icon" href="/assets/icons/icon-192.png";
            link rel="stylesheet" href="/assets/app.css";
            script src="/assets/app.js" defer {}
        }
    }
}

fn footer() -> Markup {
    html! {
        footer.site-footer {
            p {
                "goodenough is a private coaching and self-help companion that builds skills for everyday stress and perfectionistic habits. It is not therapy and does not diagnose anything. "
                a href="/help-now" { "Where to get help now" } "."
            }
        }
    }
}

/// The line drawing of a tab (24×24, drawn with the text colour).
fn icon(path: &str) -> Markup {
    let d = match path {
        "/today" => "M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4M16 12a4 4 0 1 1-8 0a4 4 0 1 1 8 0z",
        "/checkin" => "M20 14.5A8.5 8.5 0 0 1 9.5 4A8.5 8.5 0 1 0 20 14.5z",
        "/thoughts" => "M4 5h16v11H10l-5 4v-4H4z",
        "/progress" => "M4 4v16h16M8 15l3.5-4 3 2.5L19 8",
        _ => "M5 12h.01M12 12h.01M19 12h.01",
    };
    // The three dots of "More" need a thicker pen to be seen.
    let width = if d.ends_with("h.01") { "3.5" } else { "2" };
    html! {
        svg.icon viewBox="0 0 24 24" aria-hidden="true" focusable="false" {
            path d=(d) stroke-width=(width) {}
        }
    }
}

/// One menu link, marked `aria-current="page"` when it is the page shown.
fn nav_link(path: &str, label: &str, current: &str, tab: bool) -> Markup {
    html! {
        @if path == current {
            a href=(path) aria-current="page" { @if tab { (icon(path)) } span { (label) } }
        } @else {
            a href=(path) { @if tab { (icon(path)) } span { (label) } }
        }
    }
}

/// A page for a signed-in person. `current` is the menu path to mark.
pub fn page(user: &SessionUser, title: &str, current: &str, body: Markup) -> Markup {
    let more = more_for(user);
    let in_more = current == "/more" || more.iter().any(|(p, _)| *p == current);
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, user.practice_name.as_deref()))
            body.signed-in {
                a.skip-link href="#main" { "Skip to content" }
                header.site-header {
                    a.brand href="/today" {
                        "goodenough"
                        @if let Some(name) = &user.practice_name {
                            span.practice-name { (name) }
                        }
                    }
                    @if current == "/help-now" {
                        a.help-now href="/help-now" aria-current="page" { "Help now" }
                    } @else {
                        a.help-now href="/help-now" { "Help now" }
                    }
                    form.signout method="post" action="/logout" {
                        (csrf_field(&user.csrf))
                        button type="submit" { "Sign out" }
                    }
                }
                nav.site-nav aria-label="Main" {
                    ul {
                        @for (path, label) in TABS {
                            li.tab { (nav_link(path, label, current, true)) }
                        }
                        @for (path, label) in &more {
                            li.more-entry { (nav_link(path, label, current, false)) }
                        }
                        li.tab.more-tab {
                            @if current == "/more" {
                                a href="/more" aria-current="page" { (icon("/more")) span { "More" } }
                            } @else if in_more {
                                // The page shown is one of "More"'s: the tab
                                // looks chosen (the side menu marks the page).
                                a.in-more href="/more" { (icon("/more")) span { "More" } }
                            } @else {
                                a href="/more" { (icon("/more")) span { "More" } }
                            }
                        }
                    }
                }
                main #main tabindex="-1" { (body) }
                (footer())
            }
        }
    }
}

/// A page without the menu (sign-in, setup, errors, offline): the header
/// still has "Help now".
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title, None))
            body {
                a.skip-link href="#main" { "Skip to content" }
                header.site-header {
                    a.brand href="/" { "goodenough" }
                    a.help-now href="/help-now" { "Help now" }
                }
                main #main tabindex="-1" { (body) }
                (footer())
            }
        }
    }
}

/// A status message (`role="status"`), or an alert for errors.
pub fn notice(kind: &str, text: &str) -> Markup {
    let role = if kind == "error" { "alert" } else { "status" };
    html! { p class={"notice " (kind)} role=(role) { (text) } }
}

/// Text with line breaks kept, escaped.
pub fn multiline(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}
