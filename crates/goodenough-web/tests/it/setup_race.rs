//! Two setup forms posted at the same instant: exactly one account is
//! created; the other browser is told, in a sentence, that someone else
//! finished first, and gets no session.

use goodenough_web::testing::TestServer;
use reqwest::StatusCode;

const PW: &str = "correct horse battery";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_setups_at_once_create_one_account() {
    let srv = TestServer::start().await;
    let mut a = srv.client();
    let mut b = srv.client();
    // Both browsers have the setup form open.
    assert_eq!(a.get("/setup").await.status, StatusCode::OK);
    assert_eq!(b.get("/setup").await.status, StatusCode::OK);

    let fields_a = [
        ("display_name", "Alex"),
        ("email", "alex@example.org"),
        ("password", PW),
    ];
    let fields_b = [
        ("display_name", "Sam"),
        ("email", "sam@example.org"),
        ("password", PW),
    ];
    let (pa, pb) = tokio::join!(
        a.post_form("/setup", &fields_a),
        b.post_form("/setup", &fields_b)
    );

    assert_eq!(srv.state.store.account_count().await.expect("count"), 1);
    let (won, lost, lost_email) = if pa.path() == "/today" {
        (&pa, &pb, "sam@example.org")
    } else {
        (&pb, &pa, "alex@example.org")
    };
    assert_eq!(won.status, StatusCode::OK, "{}", won.body);
    assert_eq!(won.path(), "/today");
    // Both passed the quick "no account yet" look before either finished
    // hashing its password; the store's check is what turned one away.
    assert_eq!(lost.status, StatusCode::CONFLICT, "{}", lost.body);
    assert!(
        lost.body
            .contains("Another account was created a moment before yours"),
        "{}",
        lost.body
    );
    assert!(lost.body.contains("href=\"/login\""));
    assert_eq!(
        srv.state
            .store
            .account_by_email(lost_email)
            .await
            .expect("lookup"),
        None
    );

    // The loser is not signed in; the winner is.
    let (loser, winner) = if pa.path() == "/today" {
        (&mut b, &mut a)
    } else {
        (&mut a, &mut b)
    };
    assert_eq!(loser.get("/today").await.path(), "/login");
    assert_eq!(winner.get("/today").await.path(), "/today");
    // And the setup page is closed now.
    assert_eq!(srv.client().get("/setup").await.path(), "/login");
}
