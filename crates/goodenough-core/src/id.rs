//! Record identifiers: UUIDs as text. Stable across stores, so an export can
//! be imported anywhere and importing it twice adds nothing.
//!
//! Ids are time-ordered (UUID v7), so records made together share their
//! first characters; their last characters are random. A person therefore
//! types a record's *handle*: the last [`HANDLE_LEN`] characters of its id.

use rand::RngCore;

/// A new random, time-ordered identifier (UUID v7).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A deterministic identifier drawn from a seeded generator (for the demo).
pub fn id_from_rng(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// How many characters a handle has: the end of a UUID v7 is random, so six
/// hex digits tell apart about 16 million records.
pub const HANDLE_LEN: usize = 6;

/// The fewest characters of an id's start or end that [`resolve`] accepts.
pub const MIN_TYPED: usize = 4;

/// The short handle a person types for a record: the last [`HANDLE_LEN`]
/// characters of its id (the whole id when it is shorter).
pub fn handle(id: &str) -> &str {
    tail(id, HANDLE_LEN)
}

fn tail(id: &str, chars: usize) -> &str {
    match id.char_indices().rev().nth(chars.saturating_sub(1)) {
        Some((i, _)) if chars > 0 => &id[i..],
        _ => id,
    }
}

/// The handle of each id for a list: its last [`HANDLE_LEN`] characters,
/// or more where two ids of the list end alike, so every handle shown picks
/// one record.
pub fn unique_handles(ids: &[&str]) -> Vec<String> {
    let reversed: Vec<Vec<char>> = ids.iter().map(|id| id.chars().rev().collect()).collect();
    let mut sorted: Vec<&Vec<char>> = reversed.iter().collect();
    sorted.sort_unstable();
    let common = |a: &[char], b: &[char]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
    ids.iter()
        .zip(&reversed)
        .map(|(id, r)| {
            let i = sorted.partition_point(|s| *s < r);
            let mut need = 0;
            if i > 0 {
                need = need.max(common(sorted[i - 1], r));
            }
            if let Some(next) = sorted.get(i + 1) {
                need = need.max(common(next, r));
            }
            tail(id, (need + 1).max(HANDLE_LEN)).to_string()
        })
        .collect()
}

/// Why what a person typed picks no single record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Fewer than [`MIN_TYPED`] characters and not a whole id.
    TooShort,
    /// No id is, starts with or ends with it.
    NotFound,
    /// It fits several records; their handles as a list would show them
    /// (longer than [`HANDLE_LEN`] where two ids end alike).
    Ambiguous(Vec<String>),
}

/// Finds the one id among `ids` that a person means by `typed`: the whole
/// id, its handle (or any end of it of [`MIN_TYPED`]+ characters), or a start
/// of it of [`MIN_TYPED`]+ characters. Letter case and surrounding spaces do
/// not matter. When the text fits several ids — as a start of some and the
/// end of others alike — nothing is picked: acting on the wrong record is
/// worse than asking again.
pub fn resolve<'a>(typed: &str, ids: &[&'a str]) -> Result<&'a str, Lookup> {
    let q = typed.trim().to_lowercase();
    if let Some(exact) = ids.iter().find(|id| id.to_lowercase() == q) {
        return Ok(exact);
    }
    if q.chars().count() < MIN_TYPED {
        return Err(Lookup::TooShort);
    }
    let fits: Vec<usize> = ids
        .iter()
        .enumerate()
        .filter(|(_, id)| {
            let id = id.to_lowercase();
            id.starts_with(&q) || id.ends_with(&q)
        })
        .map(|(i, _)| i)
        .collect();
    match fits.as_slice() {
        [one] => Ok(ids[*one]),
        [] => Err(Lookup::NotFound),
        many => {
            let handles = unique_handles(ids);
            Err(Lookup::Ambiguous(
                many.iter().map(|i| handles[*i].clone()).collect(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handle_is_the_random_end_of_the_id() {
        let id = "0190f1c2-7a3b-7c4d-8e5f-0123456789ab";
        assert_eq!(handle(id), "6789ab");
        assert_eq!(handle("abc"), "abc");
        assert_eq!(handle("né-12345"), "-12345");
        let fresh = new_id();
        assert_eq!(handle(&fresh).len(), HANDLE_LEN);
        assert!(handle(&fresh).chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn handles_grow_only_where_two_ids_end_alike() {
        let ids = ["0000-11aabbcc", "0000-22aabbcc", "0000-33445566", "ab"];
        assert_eq!(unique_handles(&ids), ["1aabbcc", "2aabbcc", "445566", "ab"]);
        assert_eq!(unique_handles(&["x", "x"]), ["x", "x"]);
        assert!(unique_handles(&[]).is_empty());
    }

    #[test]
    fn resolves_whole_ids_handles_starts_and_ends() {
        let ids = [
            "0190f1c2-7a3b-7c4d-8e5f-00000000aaaa",
            "0190f1c2-7a3b-7c4d-8e5f-00000000bbbb",
            "0190f1c3-0000-7c4d-8e5f-111111cccccc",
        ];
        assert_eq!(resolve(ids[1], &ids), Ok(ids[1]));
        assert_eq!(resolve(" 00BBBB ", &ids), Ok(ids[1]));
        assert_eq!(resolve("bbbb", &ids), Ok(ids[1]));
        assert_eq!(resolve("0190f1c3", &ids), Ok(ids[2]));
        assert_eq!(resolve("bbb", &ids), Err(Lookup::TooShort));
        assert_eq!(resolve("dddd", &ids), Err(Lookup::NotFound));
        assert_eq!(
            resolve("0190f1c2", &ids),
            Err(Lookup::Ambiguous(vec!["00aaaa".into(), "00bbbb".into()]))
        );
        // A start of one id and the end of another: neither is picked.
        let mixed = ["abcd-0000-1111", "9999-8888-abcd"];
        assert!(matches!(resolve("abcd", &mixed), Err(Lookup::Ambiguous(_))));
    }
}
