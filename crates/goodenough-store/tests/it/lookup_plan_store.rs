//! The look-up every signed-in request makes (a session, or an API token,
//! with its person) reads one person however many the store holds. Checked
//! on PostgreSQL by the plan itself: `EXPLAIN ANALYZE` of the store's own
//! statements, counting the rows of `persons` each one reads. (SQLite looks
//! the person up by key; its run checks only that each look-up finds its
//! person.)

use crate::support;

use chrono::Utc;
use goodenough_core::Settings;
use goodenough_store::accounts::lookup;
use goodenough_store::{ApiTokenRow, Backend, Role, SessionRow, Store};

/// People in the store: enough that PostgreSQL keeps `persons` on more
/// pages than a scan of the whole table would be cheaper than its index.
const PEOPLE: usize = 400;
/// Of them, signed in before the planner's statistics were last taken.
const SIGNED_IN: usize = 40;
/// The session of the person whose id sorts last; their token's hash is
/// this with `-token`.
const LAST: &str = "session-of-the-last";

/// `person` signs in (session `key`) and makes an API token (hash
/// `key-token`).
async fn signs_in(store: &dyn Store, person: &str, key: &str) {
    let now = Utc::now();
    store
        .create_session(&SessionRow {
            token_hash: key.to_owned(),
            person_id: person.to_owned(),
            csrf_token: "csrf".into(),
            created_at: now,
            last_seen_at: now,
            device: None,
            mfa_pending: false,
        })
        .await
        .expect("session");
    store
        .create_api_token(
            &ApiTokenRow {
                id: format!("{key}-id"),
                person_id: person.to_owned(),
                name: "phone".into(),
                created_at: now,
                last_used_at: None,
            },
            &format!("{key}-token"),
        )
        .await
        .expect("token");
}

/// Makes `PEOPLE` accounts, the first `SIGNED_IN` of them signed in with a
/// token. Returns their ids in key order.
async fn people(store: &dyn Store) -> Vec<String> {
    let settings = Settings::defaults("Europe/Berlin");
    let mut ids = Vec::with_capacity(PEOPLE);
    for i in 0..PEOPLE {
        let id = store
            .create_account(
                &format!("person{i}@example.org"),
                "hash",
                Role::Client,
                &settings,
            )
            .await
            .expect("account");
        ids.push(id);
    }
    ids.sort();
    // The first people signed in (the operator, the coaches, the first
    // clients), as in a practice that has been running for a while.
    for (i, person) in ids.iter().enumerate().take(SIGNED_IN) {
        signs_in(store, person, &format!("session-{i}")).await;
    }
    ids
}

/// The person whose id sorts last signs in and makes a token (the worst case
/// of a walk along the key). Returns that person's id.
async fn the_last_signs_in(store: &dyn Store, ids: &[String]) -> String {
    let last = ids.last().expect("people").clone();
    signs_in(store, &last, LAST).await;
    last
}

/// Each look-up finds the last person.
async fn lookups_find_their_person(store: &dyn Store, last: &str) {
    let backend = store.backend();
    let signed_in = store
        .session_with_account(LAST)
        .await
        .expect("session with account")
        .expect("found");
    assert_eq!(signed_in.account.person_id, last, "{backend:?}");
    let session = store.session(LAST).await.expect("session").expect("found");
    assert_eq!(session.person_id, last, "{backend:?}");
    let token = store
        .use_api_token_known(&format!("{LAST}-token"), Utc::now())
        .await
        .expect("token use")
        .expect("found");
    assert_eq!(token.person, last, "{backend:?}");
}

/// Rows of `persons` a text plan (`EXPLAIN (ANALYZE, COSTS OFF, TIMING
/// OFF)`) says were read: each scan of `persons` counts the rows it
/// returned on every loop and the rows its filter removed.
fn persons_rows_read(plan: &[String]) -> u64 {
    let number_after = |line: &str, key: &str| -> Option<u64> {
        let rest = &line[line.find(key)? + key.len()..];
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    };
    let mut read = 0;
    let mut in_persons_scan = false;
    for line in plan {
        if line.contains("Scan") || line.contains("->") {
            in_persons_scan = line.contains(" on persons");
            if in_persons_scan {
                let rows = number_after(line, "actual rows=").unwrap_or(0);
                let loops = number_after(line, "loops=").unwrap_or(1);
                read += rows * loops;
            }
        } else if in_persons_scan {
            if let Some(removed) = number_after(line, "Rows Removed by Filter: ") {
                read += removed;
            }
        }
    }
    read
}

#[tokio::test]
async fn a_sign_in_look_up_reads_one_person_however_many_there_are() {
    let sqlite = support::SqliteDb::new();
    let store = sqlite.open(2).await;
    let ids = people(&store).await;
    let last = the_last_signs_in(&store, &ids).await;
    lookups_find_their_person(&store, &last).await;

    let Some(db) = support::PgDb::fresh("sign-in look-up plan story").await else {
        return;
    };
    let store = db.store(2).await;
    let ids = people(&store).await;
    let pool = sqlx::PgPool::connect(&db.url).await.expect("connect");
    // What autovacuum has done by now in a practice; then someone new signs
    // in (the statistics still say that only the first people have sessions).
    sqlx::query("ANALYZE")
        .execute(&pool)
        .await
        .expect("analyze");
    let last = the_last_signs_in(&store, &ids).await;
    lookups_find_their_person(&store, &last).await;
    let last_token = format!("{LAST}-token");
    for (what, sql, hash) in [
        (
            "session with account",
            lookup::session_with_account(Backend::Postgres),
            LAST,
        ),
        ("session", lookup::session(Backend::Postgres), LAST),
        (
            "API token",
            lookup::api_token(Backend::Postgres),
            last_token.as_str(),
        ),
    ] {
        let plan: Vec<String> = sqlx::query_scalar(&format!(
            "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}"
        ))
        .bind(hash)
        .fetch_all(&pool)
        .await
        .expect("explain");
        assert!(
            plan.iter().any(|l| l.contains(" on persons")),
            "the {what} look-up reads persons:\n{}",
            plan.join("\n")
        );
        let read = persons_rows_read(&plan);
        assert!(
            read <= 1,
            "the {what} look-up read {read} of {PEOPLE} people to find one:\n{}",
            plan.join("\n")
        );
    }
    pool.close().await;
    db.drop_db().await;
}
