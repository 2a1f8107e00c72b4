//! One page of a list answer: `?limit=` and `?before=`, the next page in a
//! `Link: <…>; rel="next"` header.
//!
//! Every `GET` of the API that answers a JSON array takes [`Paging`] and
//! hands the list it read to [`Paging::page`]. The design, written once:
//!
//! - The body stays a JSON array of the same shapes, oldest first.
//! - Without `before`, the page is the **newest** `limit` items (default
//!   [`DEFAULT_LIMIT`], at most [`MAX_LIMIT`]), still printed oldest first:
//!   what a client asks for first is what happened lately.
//! - When older items remain, the answer carries
//!   `Link: </api/v1/…?limit=100&before=N>; rel="next"`, the same request
//!   (its other query parameters kept) for the `limit` items just older than
//!   this page. The last page has no such link.
//! - `before` is a position counted from the oldest item (the number of
//!   items older than the page). Records added at the newest end while a
//!   client walks the pages do not move it; clients should follow the link
//!   rather than build it.
//!
//! `limit` of 0, over 1000 or not a whole number, and `before` of 0 or not a
//! whole number, are a 400 with a sentence. A `before` beyond the end of a
//! list (it shrank) is read as the end. Only the page is serialised: the
//! handler's list is cut, nothing else is done per request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::ApiError;

/// Items per page when `limit` is not given.
pub const DEFAULT_LIMIT: usize = 100;
/// The largest `limit`.
pub const MAX_LIMIT: usize = 1000;

/// The paging parameters of a list request, with what is needed to write
/// the next page's link.
#[derive(Debug, Clone)]
pub struct Paging {
    limit: usize,
    before: Option<usize>,
    path: String,
    /// The request's other query parameters, kept in the next link.
    others: Vec<(String, String)>,
}

fn bad(sentence: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, sentence)
}

/// At most this many characters of a value are echoed back.
fn echo(raw: &str) -> String {
    let mut s: String = raw.chars().take(40).collect();
    if raw.chars().count() > 40 {
        s.push('…');
    }
    s
}

impl Paging {
    /// Reads `limit` and `before` from a query string; every other
    /// parameter is kept for the next link (and read by the handler).
    pub fn parse(path: &str, query: &str) -> Result<Paging, ApiError> {
        let mut limit = None;
        let mut before = None;
        let mut others = Vec::new();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "limit" => {
                    if limit.is_some() {
                        return Err(bad(
                            "The query parameter \"limit\" is given twice; give it once.".into(),
                        ));
                    }
                    let n = v
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=MAX_LIMIT).contains(n));
                    limit = Some(n.ok_or_else(|| {
                        bad(format!(
                            "The query parameter \"limit\" should be a whole number from 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}), not \"{}\".",
                            echo(&v)
                        ))
                    })?);
                }
                "before" => {
                    if before.is_some() {
                        return Err(bad(
                            "The query parameter \"before\" is given twice; give it once.".into(),
                        ));
                    }
                    // A position past any list (more digits than fit) is the end.
                    let digits = !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit());
                    let n = match v.parse::<usize>() {
                        Ok(n) => Some(n).filter(|n| *n >= 1),
                        Err(_) if digits && v.bytes().any(|b| b != b'0') => Some(usize::MAX),
                        Err(_) => None,
                    };
                    before = Some(n.ok_or_else(|| {
                        bad(format!(
                            "The query parameter \"before\" should be the whole number from a \"next\" link (1 or more), not \"{}\"; start without it to get the newest page.",
                            echo(&v)
                        ))
                    })?);
                }
                _ => others.push((k.into_owned(), v.into_owned())),
            }
        }
        Ok(Paging {
            limit: limit.unwrap_or(DEFAULT_LIMIT),
            before,
            path: path.to_string(),
            others,
        })
    }

    /// The page of `items` (oldest first) this request asks for.
    pub fn page<T>(&self, mut items: Vec<T>) -> Paged<T> {
        let end = self.before.map_or(items.len(), |b| b.min(items.len()));
        let start = end.saturating_sub(self.limit);
        items.truncate(end);
        items.drain(..start);
        let next = (start > 0).then(|| self.link(start));
        Paged { items, next }
    }

    /// The same page of a list kept as each item's JSON text: the page's
    /// texts joined into one JSON array, nothing serialised again.
    pub fn page_json(&self, items: &[String]) -> PagedJson {
        let end = self.before.map_or(items.len(), |b| b.min(items.len()));
        let start = end.saturating_sub(self.limit);
        let next = (start > 0).then(|| self.link(start));
        let page = &items[start..end];
        let mut body = String::with_capacity(2 + page.iter().map(|i| i.len() + 1).sum::<usize>());
        body.push('[');
        for (i, item) in page.iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            body.push_str(item);
        }
        body.push(']');
        PagedJson { body, next }
    }

    /// The link to the page that ends just before position `before`.
    fn link(&self, before: usize) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.others {
            q.append_pair(k, v);
        }
        q.append_pair("limit", &self.limit.to_string());
        q.append_pair("before", &before.to_string());
        format!("<{}?{}>; rel=\"next\"", self.path, q.finish())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Paging {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Paging::parse(parts.uri.path(), parts.uri.query().unwrap_or_default())
    }
}

/// One page of a list: a JSON array, plus `Link: <…>; rel="next"` when
/// older items remain.
#[derive(Debug)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// The `Link` header's value, when there is a next page.
    pub next: Option<String>,
}

impl<T> Paged<T> {
    /// The same page with each item turned into what is sent (work done
    /// for the page only, not for the whole list).
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            next: self.next,
        }
    }
}

/// A page already in JSON (see [`Paging::page_json`]); answered like
/// [`Paged`].
pub struct PagedJson {
    body: String,
    next: Option<String>,
}

impl IntoResponse for PagedJson {
    fn into_response(self) -> Response {
        let mut res = (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body,
        )
            .into_response();
        if let Some(link) = self.next.and_then(|l| HeaderValue::from_str(&l).ok()) {
            res.headers_mut().insert(header::LINK, link);
        }
        res
    }
}

impl<T: serde::Serialize> IntoResponse for Paged<T> {
    fn into_response(self) -> Response {
        let mut res = Json(self.items).into_response();
        if let Some(link) = self.next.and_then(|l| HeaderValue::from_str(&l).ok()) {
            res.headers_mut().insert(header::LINK, link);
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(query: &str, n: usize) -> Paged<usize> {
        let paging = Paging::parse("/api/v1/x", query).expect("valid");
        let owned = paging.page((0..n).collect());
        let texts: Vec<String> = (0..n).map(|i| format!("{{\"n\":{i}}}")).collect();
        let kept = paging.page_json(&texts);
        let parsed: Vec<serde_json::Value> =
            serde_json::from_str(&kept.body).expect("the joined page is a JSON array");
        let numbers: Vec<usize> = parsed
            .iter()
            .filter_map(|v| v["n"].as_u64().and_then(|n| usize::try_from(n).ok()))
            .collect();
        assert_eq!(owned.items, numbers, "{query}, {n} items");
        assert_eq!(owned.next, kept.next, "{query}, {n} items");
        owned
    }

    #[test]
    fn the_first_page_is_the_newest_and_links_to_older_ones() {
        let p = page("", 250);
        assert_eq!(p.items, (150..250).collect::<Vec<_>>());
        assert_eq!(
            p.next.as_deref(),
            Some("</api/v1/x?limit=100&before=150>; rel=\"next\"")
        );
        let p = page("since=2026-01-01&limit=100&before=150", 250);
        assert_eq!(p.items, (50..150).collect::<Vec<_>>());
        assert_eq!(
            p.next.as_deref(),
            Some("</api/v1/x?since=2026-01-01&limit=100&before=50>; rel=\"next\"")
        );
        let p = page("limit=100&before=50", 250);
        assert_eq!(p.items, (0..50).collect::<Vec<_>>());
        assert_eq!(p.next, None);
        // A short list is one page; a cursor past the end reads as the end.
        assert_eq!(page("", 3).items, vec![0, 1, 2]);
        assert_eq!(page("limit=2&before=9", 3).items, vec![1, 2]);
        assert_eq!(page("", 0).items, Vec::<usize>::new());
    }

    #[test]
    fn bad_limits_and_cursors_get_a_sentence() {
        for q in ["limit=0", "limit=1001", "limit=ten", "limit=", "limit=-1"] {
            let e = Paging::parse("/p", q).expect_err(q);
            assert_eq!(e.status, StatusCode::BAD_REQUEST);
            assert!(e.message.contains("from 1 to 1000"), "{q}: {}", e.message);
        }
        for q in ["before=0", "before=x", "limit=1&limit=2"] {
            let e = Paging::parse("/p", q).expect_err(q);
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{q}");
        }
        assert!(Paging::parse("/p", "limit=1000&before=1").is_ok());
        // A cursor larger than any list reads as the end.
        assert_eq!(
            page("limit=2&before=99999999999999999999999999", 3).items,
            vec![1, 2]
        );
    }
}
