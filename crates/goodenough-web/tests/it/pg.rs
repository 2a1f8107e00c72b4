//! A fresh PostgreSQL database for one web test: the helper lives in
//! `goodenough_web::testing`, shared with the browser tests.

pub use goodenough_web::testing::PgDb;
