//! A coach's own content: a programme, a communication script or a
//! questionnaire written in the same TOML format as the shipped ones and
//! uploaded through the web, the API or the CLI. [`check`] validates one
//! file completely before anything is kept, and names every problem it
//! finds by line and field, all at once.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::assessment::Instrument;
use crate::content::ContentError;
use crate::programme::{Programme, Targets};
use crate::scripts::Script;

/// The largest file a coach may upload, in bytes (64 KiB: the longest
/// shipped file is under 10 KiB).
pub const MAX_BYTES: usize = 64 * 1024;

/// What a coach's file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ContentKind {
    Programme,
    Script,
    Questionnaire,
}

impl ContentKind {
    pub const ALL: [ContentKind; 3] = [
        ContentKind::Programme,
        ContentKind::Script,
        ContentKind::Questionnaire,
    ];

    /// The key in files, URLs and flags.
    pub fn key(self) -> &'static str {
        match self {
            ContentKind::Programme => "programme",
            ContentKind::Script => "script",
            ContentKind::Questionnaire => "questionnaire",
        }
    }

    /// A kind from its key (case and surrounding space ignored).
    pub fn parse(raw: &str) -> Result<ContentKind, String> {
        let wanted = raw.trim().to_ascii_lowercase();
        ContentKind::ALL
            .into_iter()
            .find(|k| k.key() == wanted)
            .ok_or_else(|| {
                format!(
                    "\"{}\" is not a kind of content; use programme, script or questionnaire.",
                    raw.trim()
                )
            })
    }
}

impl fmt::Display for ContentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One problem in an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentProblem {
    /// The line it is on, when the file has one for it (a missing table
    /// has none).
    pub line: Option<usize>,
    /// The field, as a path (`weeks`, `exercises[2].cadence`), or `toml`
    /// when the file is not TOML that can be read.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ContentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}, field `{}`: {}", self.field, self.message),
            None => write!(f, "field `{}`: {}", self.field, self.message),
        }
    }
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    Programme(Box<Programme>),
    Script(Script),
    Questionnaire(Box<Instrument>),
}

impl Checked {
    /// Its id (a script's name).
    pub fn id(&self) -> &str {
        match self {
            Checked::Programme(p) => &p.id,
            Checked::Script(s) => &s.name,
            Checked::Questionnaire(q) => &q.id,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Checked::Programme(p) => &p.title,
            Checked::Script(s) => &s.title,
            Checked::Questionnaire(q) => &q.title,
        }
    }

    pub fn kind(&self) -> ContentKind {
        match self {
            Checked::Programme(_) => ContentKind::Programme,
            Checked::Script(_) => ContentKind::Script,
            Checked::Questionnaire(_) => ContentKind::Questionnaire,
        }
    }
}

/// A content error's field: its message starts "field `x`: …" when it
/// names one; otherwise the whole file is meant.
fn from_content_error(e: ContentError) -> ContentProblem {
    let (field, message) = match e
        .message
        .strip_prefix("field `")
        .and_then(|rest| rest.split_once("`: "))
    {
        Some((field, message)) => (field.to_string(), message.to_string()),
        None => ("toml".to_string(), e.message),
    };
    ContentProblem {
        line: e.line,
        field,
        message,
    }
}

/// The problems of a refused file in one sentence (for the API and the CLI).
pub fn summary(problems: &[ContentProblem]) -> String {
    let what = if problems.len() == 1 {
        "1 problem".to_string()
    } else {
        format!("{} problems", problems.len())
    };
    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!(
        "The file was not kept; it has {what}: {}. Fix them and upload it again.",
        list.join("; ")
    )
}

/// Checks one uploaded file of `kind`. `targets` are the questionnaires and
/// practices a programme's exercises may name. `origin` is recorded on what
/// it holds. Every problem found is returned, in the order of the file.
pub fn check(
    kind: ContentKind,
    src: &str,
    targets: &Targets,
    origin: &str,
) -> Result<Checked, Vec<ContentProblem>> {
    if src.len() > MAX_BYTES {
        return Err(vec![ContentProblem {
            line: None,
            field: "file".into(),
            message: format!(
                "the file is {} KiB; the most a file may hold is {} KiB, so split it or shorten it",
                src.len().div_ceil(1024),
                MAX_BYTES / 1024
            ),
        }]);
    }
    if src.trim().is_empty() {
        return Err(vec![ContentProblem {
            line: None,
            field: "file".into(),
            message: "the file is empty; paste the TOML text or choose a file".into(),
        }]);
    }
    let mut problems: Vec<ContentProblem> = match kind {
        ContentKind::Programme => {
            match Programme::parse_checked(origin, src, origin, Some(targets)) {
                Ok(p) => return Ok(Checked::Programme(Box::new(p))),
                Err(errors) => errors
                    .0
                    .into_iter()
                    .map(|e| ContentProblem {
                        line: e.line,
                        field: e.field,
                        message: e.message,
                    })
                    .collect(),
            }
        }
        ContentKind::Script => match Script::parse_all(origin, src, origin) {
            Ok(s) => return Ok(Checked::Script(s)),
            Err(errors) => errors.into_iter().map(from_content_error).collect(),
        },
        ContentKind::Questionnaire => match Instrument::parse_all(origin, src, origin) {
            Ok(q) => return Ok(Checked::Questionnaire(Box::new(q))),
            Err(errors) => errors.into_iter().map(from_content_error).collect(),
        },
    };
    problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    Err(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(kind: ContentKind, src: &str) -> Vec<String> {
        check(kind, src, &Targets::shipped(), "upload")
            .expect_err("refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_script_with_several_problems_names_each_by_line_and_field() {
        let src = "name = \"no spaces allowed\"\ntitle = \"T\"\nwhen = \"W\"\ntemplate = \"Hi {who}, {what}\"\n\n[[variables]]\nname = \"who\"\ndescription = \"\"\n\n[[variables]]\nname = \"unused\"\ndescription = \"Never used\"\n";
        let all = problems(ContentKind::Script, src);
        assert_eq!(
            all,
            vec![
                "line 1, field `name`: \"no spaces allowed\" must be a short name of letters, digits, `-` or `_`",
                "line 4, field `template`: the template uses `{what}`, which is not declared under [[variables]]",
                "line 8, field `variables[0].description`: `who` needs a description",
                "line 11, field `variables[1].name`: `unused` is declared but the template never uses it",
            ]
        );
    }

    #[test]
    fn a_questionnaire_with_several_problems_names_each() {
        let src = "id = \"bad id\"\ntitle = \"T\"\n[scale]\nvalues = [0, 1]\nlabels = [\"a\"]\n[[items]]\nid = \"a\"\ntext = \"A\"\n[[items]]\nid = \"a\"\ntext = \"B\"\nsafety_threshold = 9\n";
        let all = problems(ContentKind::Questionnaire, src);
        assert_eq!(all.len(), 4, "{all:?}");
        assert!(all[0].starts_with("line 1, field `id`:"), "{all:?}");
        assert!(
            all[1].starts_with("line 3, field `scale.labels`:"),
            "{all:?}"
        );
        assert!(
            all[2].starts_with("line 10, field `items[1].id`:"),
            "{all:?}"
        );
        assert!(
            all[3].starts_with("line 12, field `items[1].safety_threshold`:"),
            "{all:?}"
        );
    }

    #[test]
    fn too_big_empty_and_unreadable_files_are_one_sentence() {
        let big = "#".repeat(MAX_BYTES + 1);
        assert!(
            problems(ContentKind::Script, &big)[0].contains("the most a file may hold is 64 KiB")
        );
        assert!(problems(ContentKind::Programme, "  \n")[0].contains("the file is empty"));
        let broken = problems(ContentKind::Programme, "id = \"x\"\ntitle = = 1\n");
        assert!(broken[0].starts_with("line 2, field `toml`:"), "{broken:?}");
    }

    #[test]
    fn kinds_parse_with_a_sentence_for_an_unknown_one() {
        assert_eq!(ContentKind::parse(" Script "), Ok(ContentKind::Script));
        assert_eq!(
            ContentKind::parse("recipe"),
            Err(
                "\"recipe\" is not a kind of content; use programme, script or questionnaire."
                    .into()
            )
        );
    }
}
