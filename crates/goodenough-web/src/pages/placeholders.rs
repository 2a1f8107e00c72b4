//! Menu entries whose pages are still to come. When a page group takes one
//! over, remove its path here (two routes on one path would panic at start).

use axum::extract::OriginalUri;
use axum::routing::get;
use maud::{html, Markup};

use super::layout::{label_of, page};
use super::Viewer;

/// Paths still waiting for their page.
pub const PENDING: &[&str] = &[];

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    let mut r = crate::pages::Pages::new();
    for path in PENDING {
        r = r.route(path, get(placeholder));
    }
    r
}

async fn placeholder(viewer: Viewer, OriginalUri(uri): OriginalUri) -> Markup {
    let path = uri.path();
    let label = label_of(path).unwrap_or("This page");
    page(
        &viewer,
        label,
        path,
        html! {
            h1 { (label) }
            p { "This page is not in the web app yet. The command line already has it: run " code { "goodenough --help" } " to see how." }
        },
    )
}
