//! `/more`: every menu entry that is not in the phone's tab bar, Help now,
//! and signing out. On a wide screen the side menu lists the same entries.

use axum::routing::get;
use maud::{html, Markup};

use super::layout::{csrf_field, more_for, page};
use super::Viewer;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new().route("/more", get(more))
}

async fn more(viewer: Viewer) -> Markup {
    let entries = more_for(&viewer);
    page(
        &viewer,
        "More",
        "/more",
        html! {
            h1 { "More" }
            ul.more-list {
                @for (path, label) in &entries {
                    li { a href=(path) { (label) } }
                }
                li { a.help-now href="/help-now" { "Help now" } }
            }
            form.signout-more method="post" action="/logout" {
                (csrf_field(&viewer.csrf))
                button.secondary type="submit" { "Sign out" }
            }
        },
    )
}
