//! The shared layout: landmarks (header, nav, main, footer), a skip link,
//! the main menu with "Help now" always in view, and the sign-out button.

use maud::{html, Markup, DOCTYPE};

use crate::auth::SessionUser;

/// The menu entries, in order: (path, label).
pub const NAV: &[(&str, &str)] = &[
    ("/today", "Today"),
    ("/programme", "Programme"),
    ("/checkin", "Check-in"),
    ("/thoughts", "Thoughts"),
    ("/wins", "Wins"),
    ("/noes", "Boundaries"),
    ("/experiments", "Experiments"),
    ("/assessments", "Awareness"),
    ("/joy", "Joy"),
    ("/reviews", "Reviews"),
    ("/progress", "Progress"),
    ("/data", "Data"),
    ("/settings", "Settings"),
];

/// Light and dark colour of the header, also the browser's theme colour.
pub const THEME_LIGHT: &str = "#f0eee8";
/// See [`THEME_LIGHT`].
pub const THEME_DARK: &str = "#1f2428";

/// The hidden CSRF field every POST form carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(crate::csrf::FIELD) value=(token); }
}

fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="color-scheme" content="light dark";
            meta name="theme-color" media="(prefers-color-scheme: light)" content=(THEME_LIGHT);
            meta name="theme-color" media="(prefers-color-scheme: dark)" content=(THEME_DARK);
            title { (title) " · goodenough" }
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

/// A page for a signed-in person. `current` is the menu path to mark.
pub fn page(user: &SessionUser, title: &str, current: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip-link href="#main" { "Skip to content" }
                header.site-header {
                    a.brand href="/today" { "goodenough" }
                    nav aria-label="Main" {
                        ul {
                            @for (path, label) in NAV {
                                li {
                                    @if *path == current {
                                        a href=(path) aria-current="page" { (label) }
                                    } @else {
                                        a href=(path) { (label) }
                                    }
                                }
                            }
                            li { a.help-now href="/help-now" { "Help now" } }
                        }
                    }
                    form.signout method="post" action="/logout" {
                        (csrf_field(&user.csrf))
                        button type="submit" { "Sign out" }
                    }
                }
                main #main tabindex="-1" { (body) }
                (footer())
            }
        }
    }
}

/// A page without the menu (sign-in, setup, errors, offline).
pub fn bare(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(title))
            body {
                a.skip-link href="#main" { "Skip to content" }
                header.site-header {
                    a.brand href="/" { "goodenough" }
                    nav aria-label="Main" {
                        ul { li { a.help-now href="/help-now" { "Help now" } } }
                    }
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
