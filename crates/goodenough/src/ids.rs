//! The one place the CLI turns what a person typed for a record — its
//! handle, its whole id, or a start or end of it — into that record's id
//! (the rules are `goodenough_core::id::resolve`; the sentences, which name
//! this CLI's commands, are here).

use anyhow::{bail, Result};
use goodenough_core::id::{resolve, Lookup, HANDLE_LEN};

use crate::args::echo;

/// A kind of record as the sentences name it, and the command that lists it.
pub struct Kind {
    /// "delegation"
    pub one: &'static str,
    /// "delegations"
    pub many: &'static str,
    /// The command that lists them with their handles, without `goodenough`.
    pub list: &'static str,
}

pub const NO: Kind = Kind {
    one: "record of saying no",
    many: "records of saying no",
    list: "noes",
};
pub const DELEGATION: Kind = Kind {
    one: "delegation",
    many: "delegations",
    list: "delegations",
};
pub const THOUGHT: Kind = Kind {
    one: "thought record",
    many: "thought records",
    list: "thoughts",
};
pub const RUNG: Kind = Kind {
    one: "rung",
    many: "rungs",
    list: "ladder",
};
pub const EXPERIMENT: Kind = Kind {
    one: "experiment",
    many: "experiments",
    list: "experiments",
};
pub const BLOCK: Kind = Kind {
    one: "block",
    many: "blocks",
    list: "blocks",
};
pub const TOKEN: Kind = Kind {
    one: "token",
    many: "tokens",
    list: "token list",
};
pub const PASSKEY: Kind = Kind {
    one: "passkey",
    many: "passkeys",
    list: "passkeys",
};
pub const VALUE: Kind = Kind {
    one: "value",
    many: "values",
    list: "values",
};

/// The id among `ids` that `typed` names, or one sentence saying what to
/// type instead. `list` overrides the kind's list command (for commands that
/// take more words, such as `token list EMAIL`).
pub fn pick<'a>(kind: &Kind, typed: &str, ids: &[&'a str]) -> Result<&'a str> {
    pick_listed_by(kind, kind.list, typed, ids)
}

/// [`pick`], naming `list` as the command that shows the handles.
pub fn pick_listed_by<'a>(
    kind: &Kind,
    list: &str,
    typed: &str,
    ids: &[&'a str],
) -> Result<&'a str> {
    let shown = echo(typed.trim());
    match resolve(typed, ids) {
        Ok(id) => Ok(id),
        Err(Lookup::TooShort) => bail!(
            "{shown} is too short to pick one of your {}: type a handle (the {HANDLE_LEN} characters `goodenough {list}` shows) or a whole id.",
            kind.many
        ),
        Err(Lookup::NotFound) => bail!(
            "no {} has the handle or id {shown}; `goodenough {list}` shows each one with its handle.",
            kind.one
        ),
        Err(Lookup::Ambiguous(handles)) => {
            let typed = typed.trim().to_lowercase();
            if handles.len() <= 5 && !handles.contains(&typed) {
                bail!(
                    "{shown} fits {} {}, with the handles {}; type the one you mean.",
                    handles.len(),
                    kind.many,
                    handles.join(", ")
                )
            }
            bail!(
                "{shown} fits {} {}; type a handle from `goodenough {list}`, or the whole id from `goodenough {list} --json`.",
                handles.len(),
                kind.many
            )
        }
    }
}

/// Handles for a list of records, each picking one record (see
/// `goodenough_core::id::unique_handles`).
pub fn handles<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    goodenough_core::id::unique_handles(&ids)
}
