//! Joy's use cases: a refused block leaves nothing behind.

use goodenough_app::{joy, Actor, App, AppError};
use goodenough_core::joy::parse_weekly;

use crate::denied::{now, store_with_a_person};

#[tokio::test]
async fn a_block_without_a_title_is_refused_before_its_new_hobby_is_created() {
    let (_dir, store, person) = store_with_a_person().await;
    let app = App::new(
        store,
        std::sync::Arc::new(goodenough_app::Catalogues::shipped()),
    );
    let mine = app.scope(Actor::person(&person), &person, now());
    let new = joy::NewBlock {
        title: "   ".into(),
        weekly: parse_weekly("sat 10:00-12:00").expect("a weekly time"),
        hobby: Some("watercolours".into()),
    };
    match joy::add_block(&mine, new).await {
        Err(AppError::Invalid(e)) => assert!(e.to_string().contains("block title"), "{e}"),
        other => panic!("an empty title was not refused: {other:?}"),
    }
    assert!(
        joy::hobbies(&mine).await.expect("hobbies").is_empty(),
        "the refused block created its hobby"
    );
    assert!(joy::blocks(&mine).await.expect("blocks").is_empty());

    let new = joy::NewBlock {
        title: "painting".into(),
        weekly: parse_weekly("sat 10:00-12:00").expect("a weekly time"),
        hobby: Some("Watercolours".into()),
    };
    let added = joy::add_block(&mine, new).await.expect("a block");
    let hobbies = joy::hobbies(&mine).await.expect("hobbies");
    assert_eq!(hobbies.len(), 1);
    assert_eq!(
        added.block.hobby_id.as_deref(),
        Some(hobbies[0].id.as_str())
    );
    // 2026-03-10 is a Tuesday: the first Saturday is the 14th.
    assert_eq!(added.next.to_string(), "2026-03-14");
}
