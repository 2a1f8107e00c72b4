//! How the command line is read, beyond what clap does by itself:
//!
//! - numeric flags refuse a bad value with the product's own sentence
//!   ("--belief must be a whole number from 0 to 100 (got "abc")."), never a
//!   parser's internals, and echo at most [`ECHO_CHARS`] characters of it;
//! - free-text flags take text that begins with '-' (`--lesson -1`), while a
//!   flag's name given where its text should be (`--lesson --json`) is still
//!   refused rather than saved as the text.

use std::ffi::OsStr;
use std::fmt::Display;
use std::str::FromStr;

use clap::builder::{TypedValueParser, ValueParser};
use clap::error::ErrorKind;
use clap::{Arg, ArgMatches, Command, CommandFactory, FromArgMatches};

use crate::Cli;

/// The most characters of a refused value that a message repeats.
pub const ECHO_CHARS: usize = 80;

/// A value as a message repeats it: in quotes, control characters shown as
/// `?`, cut to [`ECHO_CHARS`] characters with "…" when longer.
pub fn echo(value: &str) -> String {
    let clean = value.chars().map(|c| if c.is_control() { '?' } else { c });
    let shown: String = if value.chars().count() > ECHO_CHARS {
        clean.take(ECHO_CHARS - 1).chain(['…']).collect()
    } else {
        clean.collect()
    };
    format!("\"{shown}\"")
}

/// The command line's definition, with the free-text flags opened to values
/// that begin with '-' (see [`open_text_flags`]).
pub fn command() -> Command {
    open_text_flags(Cli::command())
}

/// Reads the command line; on a mistake the error carries clap's message (or
/// ours): `e.exit()` prints it and exits 2, as `Cli::parse` would (help and
/// version requests come back as such "errors" too, and exit 0). Also gives
/// the names of the subcommands chosen (`["evidence", "list"]`), so the
/// crisis check can leave them out without building the definition again.
pub fn try_parse() -> Result<(Cli, Vec<String>), clap::Error> {
    let mut definition = command();
    let matches = definition.try_get_matches_from_mut(std::env::args_os());
    // The definition (some 60 subcommands' arguments, each a handful of
    // allocations) is parsed with once per process; freeing it piece by
    // piece took about as long as parsing, so the process's end frees it.
    std::mem::forget(definition);
    let matches: ArgMatches = matches?;
    let mut chosen = Vec::new();
    let mut level = &matches;
    while let Some((name, sub)) = level.subcommand() {
        chosen.push(name.to_string());
        level = sub;
    }
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut command()))?;
    Ok((cli, chosen))
}

/// A whole number of type `T`, told as "from MIN to MAX" when the value is
/// not one. Made by [`whole`] (the range is checked later, by the rules in
/// core, with their own sentence) or [`whole_in`] (checked here).
#[derive(Clone, Debug)]
pub struct Whole<T> {
    min: T,
    max: T,
    enforce: bool,
}

/// A whole number; `min`/`max` only word the message, the record's rules
/// check the range.
pub fn whole<T>(min: T, max: T) -> Whole<T> {
    Whole {
        min,
        max,
        enforce: false,
    }
}

/// A whole number from `min` to `max`, both included, checked here.
pub fn whole_in<T>(min: T, max: T) -> Whole<T> {
    Whole {
        min,
        max,
        enforce: true,
    }
}

impl<T> TypedValueParser for Whole<T>
where
    T: FromStr + PartialOrd + Display + Copy + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(&self, cmd: &Command, arg: Option<&Arg>, value: &OsStr) -> Result<T, clap::Error> {
        let text = value.to_string_lossy();
        let parsed = text
            .trim()
            .parse::<T>()
            .ok()
            .filter(|v| !self.enforce || (*v >= self.min && *v <= self.max));
        parsed.ok_or_else(|| {
            refuse(
                cmd,
                format!(
                    "{} must be a whole number from {} to {} (got {}).",
                    flag_name(arg),
                    self.min,
                    self.max,
                    echo(&text)
                ),
            )
        })
    }
}

/// Free text for a flag: anything, including text that begins with '-',
/// except exactly the name of one of the command's own flags, which means
/// the text was left out (`--lesson --json`).
#[derive(Clone, Debug)]
struct Text;

impl TypedValueParser for Text {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let Some(text) = value.to_str() else {
            return Err(refuse(
                cmd,
                format!("{} must be text in UTF-8.", flag_name(arg)),
            ));
        };
        let names_a_flag = text.starts_with('-')
            && cmd.get_arguments().any(|a| {
                a.get_long().is_some_and(|l| text == format!("--{l}"))
                    || a.get_short().is_some_and(|s| text == format!("-{s}"))
            });
        let names_help = matches!(text, "--help" | "-h" | "--version" | "-V");
        if names_a_flag || names_help {
            let flag = flag_name(arg);
            return Err(refuse(
                cmd,
                format!(
                    "{flag} is missing its text (the next word is the flag {text}); for text that begins with '-', join it with '=': {flag}=\"-…\"."
                ),
            ));
        }
        Ok(text.to_string())
    }
}

fn flag_name(arg: Option<&Arg>) -> String {
    match arg {
        Some(a) => match a.get_long() {
            Some(long) => format!("--{long}"),
            None => a.get_id().as_str().to_uppercase(),
        },
        None => "the value".to_string(),
    }
}

/// A usage error with our sentence, laid out as clap lays out its own.
fn refuse(cmd: &Command, message: String) -> clap::Error {
    clap::Error::raw(ErrorKind::ValueValidation, message).format(&mut cmd.clone())
}

/// Every flag (not positional) that takes free text — one `String`, without
/// a fixed list of values — accepts a value that begins with '-', through the
/// [`Text`] parser. Clap's own tip for such a value (`-- -1`) works only for
/// positional arguments.
///
/// A subcommand's flags are opened when clap builds that subcommand (its
/// `defer`, [`open_when_built`]): when it is the one chosen, or when help,
/// completions or an error message need every subcommand. Opening all of
/// them up front was about 40% of building the definition, for subcommands
/// a run never uses.
fn open_text_flags(cmd: Command) -> Command {
    defer_subcommands(open_own_text_flags(cmd))
}

/// [`open_text_flags`] for a subcommand clap is building. By then clap has
/// copied the global flags (`--json`, `--data-dir`, …) in, and reopening a
/// flag moves it last; the global flags are moved last again, so the flags
/// keep the order they had when every subcommand was opened up front (the
/// order completions list them in).
fn open_when_built(cmd: Command) -> Command {
    let mut cmd = open_own_text_flags(cmd);
    let globals: Vec<clap::Id> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().clone())
        .collect();
    for id in globals {
        cmd = cmd.mut_arg(id, |a| a);
    }
    defer_subcommands(cmd)
}

/// Opens the command's own free-text flags (not its subcommands').
fn open_own_text_flags(cmd: Command) -> Command {
    let string = ValueParser::string().type_id();
    let ids: Vec<clap::Id> = cmd
        .get_arguments()
        .filter(|a| {
            !a.is_positional()
                && !a.is_global_set()
                && a.get_action().takes_values()
                && a.get_value_parser().type_id() == string
                && a.get_possible_values().is_empty()
                && a.get_num_args().is_none_or(|n| n.max_values() <= 1)
        })
        .map(|a| a.get_id().clone())
        .collect();
    let mut cmd = cmd;
    for id in ids {
        cmd = cmd.mut_arg(id, |a| a.allow_hyphen_values(true).value_parser(Text));
    }
    cmd
}

/// Leaves each subcommand's opening to when clap builds it.
fn defer_subcommands(mut cmd: Command) -> Command {
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |sub| sub.defer(open_when_built));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err(args: &[&str]) -> clap::Error {
        match command().try_get_matches_from(args) {
            Ok(_) => panic!("{args:?} was accepted"),
            Err(e) => e,
        }
    }

    /// Every flag and positional of every subcommand, with its command path.
    fn all_args(cmd: &Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Arg)>) {
        for a in cmd.get_arguments() {
            out.push((path.clone(), a.clone()));
        }
        for s in cmd.get_subcommands() {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            all_args(s, p, out);
        }
    }

    #[test]
    fn every_numeric_flag_refuses_words_with_our_sentence() {
        let mut args = Vec::new();
        all_args(&command(), vec!["goodenough".into()], &mut args);
        let mut numeric = 0;
        for (path, arg) in args {
            let Some(long) = arg.get_long() else { continue };
            if !arg.get_action().takes_values() || arg.is_global_set() {
                continue;
            }
            let mut line = path.clone();
            line.push(format!("--{long}"));
            line.push("abc".into());
            let Err(e) = command().try_get_matches_from(&line) else {
                continue;
            };
            if e.kind() != ErrorKind::ValueValidation {
                continue;
            }
            // A duration (serve --backup-every) is not a whole number: it
            // has its own sentence.
            let duration = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|n| n.as_str() == "DURATION"));
            if duration {
                let text = e.to_string();
                assert!(
                    text.contains("\"abc\" is not a duration; write it like 24h"),
                    "{line:?}: {text}"
                );
                continue;
            }
            // An address (serve --public-url) has its own sentence too.
            let url = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|n| n.as_str() == "URL"));
            if url {
                let text = e.to_string();
                assert!(
                    text.contains(
                        "\"abc\" is not an address passkeys can use; write the https address"
                    ),
                    "{line:?}: {text}"
                );
                continue;
            }
            numeric += 1;
            let text = e.to_string();
            assert!(
                text.contains(&format!("--{long} must be a whole number from "))
                    && text.contains("(got \"abc\")"),
                "{line:?}: {text}"
            );
            let huge = "9".repeat(200);
            line.pop();
            line.push(huge);
            let text = parse_err(&line.iter().map(String::as_str).collect::<Vec<_>>()).to_string();
            assert!(!text.contains("too large"), "{line:?}: {text}");
            assert!(text.contains(&format!("\"{}…\"", "9".repeat(79))), "{text}");
            assert!(!text.contains(&"9".repeat(80)), "{text}");
        }
        // mood, energy, guilt, belief, distress, weeks, minutes, seed, …
        assert!(numeric >= 25, "found only {numeric} numeric flags");
    }

    #[test]
    fn text_flags_take_text_that_begins_with_a_hyphen() {
        let m = command()
            .try_get_matches_from(["goodenough", "setback", "x", "--lesson", "-1"])
            .expect("accepted");
        let (_, sub) = m.subcommand().expect("setback");
        assert_eq!(
            sub.get_one::<String>("lesson").map(String::as_str),
            Some("-1")
        );
        let e = parse_err(&["goodenough", "setback", "x", "--lesson", "--json"]);
        assert!(
            e.to_string().contains("--lesson is missing its text"),
            "{e}"
        );
        assert!(e.to_string().contains("--lesson=\"-…\""), "{e}");
        // Numbers and dates are not text: they keep their own parsers.
        let e = parse_err(&["goodenough", "checkin", "--mood", "high"]);
        assert!(
            e.to_string()
                .contains("--mood must be a whole number from 0 to 10"),
            "{e}"
        );
    }

    #[test]
    fn echo_cuts_long_values_and_hides_control_characters() {
        assert_eq!(echo("abc"), "\"abc\"");
        assert_eq!(echo("a\u{1b}[31m"), "\"a?[31m\"");
        let long = "é".repeat(200);
        let shown = echo(&long);
        assert_eq!(shown.chars().count(), ECHO_CHARS + 2);
        assert!(shown.ends_with("…\""));
        assert_eq!(echo(&"x".repeat(80)), format!("\"{}\"", "x".repeat(80)));
    }
}
