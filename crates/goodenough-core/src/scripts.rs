//! Communication scripts: short templates for boundary conversations, kept
//! as data (`content/scripts/*.toml`, plus the person's own files in their
//! data directory, which add to or override the shipped ones by name).
//!
//! A template names its blanks as `{variable}`; every variable is declared
//! with a description, and loading refuses a template that uses a variable
//! it does not declare, naming the file and the line. `{{` and `}}` stand for
//! literal braces.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::content::ContentError;

/// The shipped scripts: (file name, contents).
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "decline.toml",
        include_str!("../../../content/scripts/decline.toml"),
    ),
    (
        "deadline.toml",
        include_str!("../../../content/scripts/deadline.toml"),
    ),
    (
        "scope.toml",
        include_str!("../../../content/scripts/scope.toml"),
    ),
    (
        "define-done.toml",
        include_str!("../../../content/scripts/define-done.toml"),
    ),
    (
        "capacity.toml",
        include_str!("../../../content/scripts/capacity.toml"),
    ),
    (
        "delegate.toml",
        include_str!("../../../content/scripts/delegate.toml"),
    ),
    (
        "after-hours.toml",
        include_str!("../../../content/scripts/after-hours.toml"),
    ),
    (
        "early-feedback.toml",
        include_str!("../../../content/scripts/early-feedback.toml"),
    ),
];

/// A blank in a script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScriptVariable {
    pub name: String,
    pub description: String,
}

/// One script as shown to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Script {
    /// Short name used on the command line (`decline`).
    pub name: String,
    pub title: String,
    /// When it helps.
    pub when: String,
    pub variables: Vec<ScriptVariable>,
    pub template: String,
    /// `shipped` or the file it came from.
    pub origin: String,
}

/// A filled script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilledScript {
    pub name: String,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScriptFile {
    name: toml::Spanned<String>,
    title: String,
    when: String,
    template: toml::Spanned<String>,
    #[serde(default)]
    variables: Vec<RawVariable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariable {
    name: toml::Spanned<String>,
    description: toml::Spanned<String>,
}

/// A piece of a template.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Var(&'a str, usize),
}

/// Splits a template into text, escaped braces and variables (with their
/// byte offset), or says what is wrong at which byte offset.
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, (usize, String)> {
    let mut out = Vec::new();
    let bytes = template.as_bytes();
    let mut i = 0;
    let mut start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                out.push(Piece::Text(&template[start..i]));
                out.push(Piece::Brace('{'));
                i += 2;
                start = i;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                out.push(Piece::Text(&template[start..i]));
                out.push(Piece::Brace('}'));
                i += 2;
                start = i;
            }
            b'{' => {
                out.push(Piece::Text(&template[start..i]));
                let rest = &template[i + 1..];
                let Some(end) = rest.find('}') else {
                    return Err((
                        i,
                        "a `{` is never closed; write `{{` for a literal brace".into(),
                    ));
                };
                let name = &rest[..end];
                let valid = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if !valid {
                    return Err((
                        i,
                        format!("`{{{name}}}` is not a variable; names use letters, digits, `_` and `-`"),
                    ));
                }
                out.push(Piece::Var(name, i));
                i += end + 2;
                start = i;
            }
            b'}' => {
                return Err((
                    i,
                    "a `}` has no matching `{`; write `}}` for a literal brace".into(),
                ));
            }
            _ => i += 1,
        }
    }
    out.push(Piece::Text(&template[start..]));
    Ok(out)
}

fn line_of(src: &str, offset: usize) -> usize {
    src.get(..offset)
        .map(|s| s.matches('\n').count() + 1)
        .unwrap_or(1)
}

impl Script {
    /// Parses and checks one script file. `file` names it in errors.
    pub fn parse(file: &str, src: &str, origin: &str) -> Result<Script, ContentError> {
        Script::parse_all(file, src, origin).map_err(|mut all| all.swap_remove(0))
    }

    /// As [`Script::parse`], with every problem found (at least one), each
    /// naming its line where the file has one.
    pub fn parse_all(file: &str, src: &str, origin: &str) -> Result<Script, Vec<ContentError>> {
        let parsed: ScriptFile =
            toml::from_str(src).map_err(|e| vec![ContentError::toml(file, src, &e)])?;
        let mut problems = Vec::new();
        let span = parsed.template.span();
        let template = parsed.template.into_inner();
        // Line of a byte offset inside the template: the line the string
        // opens on, plus the newlines before the offset; a multi-line string
        // that starts with a newline drops it.
        let opens = line_of(src, span.start);
        let raw = src.get(span.start..).unwrap_or("");
        let skipped = usize::from(
            raw.starts_with("\"\"\"\n")
                || raw.starts_with("'''\n")
                || raw.starts_with("\"\"\"\r\n")
                || raw.starts_with("'''\r\n"),
        );
        let line_in = |offset: usize| opens + skipped + template[..offset].matches('\n').count();
        let at = |offset: usize, message: String| ContentError {
            file: file.to_string(),
            line: Some(line_in(offset)),
            message: format!("field `template`: {message}"),
        };
        let name_line = line_of(src, parsed.name.span().start);
        let name = parsed.name.get_ref().trim().to_string();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            problems.push(ContentError {
                file: file.to_string(),
                line: Some(name_line),
                message: format!(
                    "field `name`: \"{name}\" must be a short name of letters, digits, `-` or `_`"
                ),
            });
        }
        if template.trim().is_empty() {
            problems.push(at(0, "the template is empty".into()));
        }
        let mut declared = BTreeSet::new();
        for (i, v) in parsed.variables.iter().enumerate() {
            let line = Some(line_of(src, v.name.span().start));
            let field = format!("variables[{i}]");
            if !declared.insert(v.name.get_ref().as_str()) {
                problems.push(ContentError {
                    file: file.to_string(),
                    line,
                    message: format!(
                        "field `{field}.name`: `{}` is declared twice",
                        v.name.get_ref()
                    ),
                });
            }
            if v.description.get_ref().trim().is_empty() {
                problems.push(ContentError {
                    file: file.to_string(),
                    line: Some(line_of(src, v.description.span().start)),
                    message: format!(
                        "field `{field}.description`: `{}` needs a description",
                        v.name.get_ref()
                    ),
                });
            }
        }
        let mut used = BTreeSet::new();
        match pieces(&template) {
            Err((offset, msg)) => problems.push(at(offset, msg)),
            Ok(pieces) => {
                for p in &pieces {
                    if let Piece::Var(v, offset) = p {
                        if !declared.contains(v) {
                            problems.push(at(
                                *offset,
                                format!("the template uses `{{{v}}}`, which is not declared under [[variables]]"),
                            ));
                        }
                        used.insert(*v);
                    }
                }
                for (i, v) in parsed.variables.iter().enumerate() {
                    if !used.contains(v.name.get_ref().as_str()) {
                        problems.push(ContentError {
                            file: file.to_string(),
                            line: Some(line_of(src, v.name.span().start)),
                            message: format!(
                                "field `variables[{i}].name`: `{}` is declared but the template never uses it",
                                v.name.get_ref()
                            ),
                        });
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Script {
            name,
            title: parsed.title.trim().to_string(),
            when: parsed.when.trim().to_string(),
            variables: parsed
                .variables
                .into_iter()
                .map(|v| ScriptVariable {
                    name: v.name.into_inner(),
                    description: v.description.into_inner(),
                })
                .collect(),
            template,
            origin: origin.to_string(),
        })
    }

    /// Fills every blank. A missing value or a value for a variable the
    /// script does not have is an error that names it.
    pub fn fill(&self, values: &BTreeMap<String, String>) -> Result<String, ScriptError> {
        for key in values.keys() {
            if !self.variables.iter().any(|v| &v.name == key) {
                return Err(ScriptError::UnknownVariable {
                    script: self.name.clone(),
                    variable: key.clone(),
                    known: self.variable_names(),
                });
            }
        }
        let missing: Vec<String> = self
            .variables
            .iter()
            .filter(|v| values.get(&v.name).is_none_or(|s| s.trim().is_empty()))
            .map(|v| v.name.clone())
            .collect();
        if !missing.is_empty() {
            return Err(ScriptError::MissingVariables {
                script: self.name.clone(),
                missing,
            });
        }
        let pieces = pieces(&self.template).map_err(|(_, m)| ScriptError::Broken(m))?;
        let mut out = String::with_capacity(self.template.len());
        for p in pieces {
            match p {
                Piece::Text(t) => out.push_str(t),
                Piece::Brace(c) => out.push(c),
                Piece::Var(v, _) => out.push_str(values.get(v).map(|s| s.trim()).unwrap_or("")),
            }
        }
        Ok(out.trim().to_string())
    }

    fn variable_names(&self) -> String {
        self.variables
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Why a script cannot be filled or found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    #[error("There is no script called \"{0}\"; run `goodenough script list` to see them.")]
    Unknown(String),
    #[error("The script \"{script}\" still needs: {}.", missing.join(", "))]
    MissingVariables {
        script: String,
        missing: Vec<String>,
    },
    #[error("The script \"{script}\" has no variable \"{variable}\"; its variables are: {known}.")]
    UnknownVariable {
        script: String,
        variable: String,
        known: String,
    },
    #[error("\"{0}\" is not in the form NAME=VALUE (for example person=Sam).")]
    VarFormat(String),
    #[error("The script's template cannot be read: {0}.")]
    Broken(String),
}

/// Reads `key=value` pairs (from `--var` or a form).
pub fn parse_vars<'a>(
    pairs: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeMap<String, String>, ScriptError> {
    let mut out = BTreeMap::new();
    for pair in pairs {
        let Some((k, v)) = pair.split_once('=') else {
            return Err(ScriptError::VarFormat(pair.to_string()));
        };
        let k = k.trim();
        if k.is_empty() {
            return Err(ScriptError::VarFormat(pair.to_string()));
        }
        out.insert(k.to_string(), v.to_string());
    }
    Ok(out)
}

/// The shipped scripts plus any added ones, by name.
#[derive(Debug, Clone, Default)]
pub struct ScriptLibrary {
    scripts: BTreeMap<String, Script>,
}

impl ScriptLibrary {
    /// The scripts that ship with goodenough.
    pub fn shipped() -> Result<ScriptLibrary, ContentError> {
        let mut lib = ScriptLibrary::default();
        for (file, src) in SHIPPED {
            lib.add(Script::parse(
                &format!("content/scripts/{file}"),
                src,
                "shipped",
            )?);
        }
        Ok(lib)
    }

    /// Adds a script, replacing one of the same name.
    pub fn add(&mut self, script: Script) {
        self.scripts.insert(script.name.clone(), script);
    }

    /// Parses a file and adds (or overrides) its script.
    pub fn add_toml(&mut self, file: &str, src: &str) -> Result<(), ContentError> {
        let script = Script::parse(file, src, file)?;
        self.add(script);
        Ok(())
    }

    /// Every script, by name.
    pub fn list(&self) -> Vec<&Script> {
        self.scripts.values().collect()
    }

    /// One script by name.
    pub fn get(&self, name: &str) -> Result<&Script, ScriptError> {
        self.scripts
            .get(name.trim())
            .ok_or_else(|| ScriptError::Unknown(name.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"name = "hello"
title = "Hello"
when = "Any time."
template = """
Hi {person}, {{not a blank}} about {topic}.
"""

[[variables]]
name = "person"
description = "Who you talk to"

[[variables]]
name = "topic"
description = "What it is about"
"#;

    #[test]
    fn shipped_scripts_load_and_cover_the_situations() {
        let lib = ScriptLibrary::shipped().expect("shipped scripts are valid");
        for name in [
            "decline",
            "deadline",
            "scope",
            "define-done",
            "capacity",
            "delegate",
            "after-hours",
            "early-feedback",
        ] {
            let s = lib.get(name).expect(name);
            assert!(!s.variables.is_empty(), "{name} has variables");
            assert_eq!(s.origin, "shipped");
        }
    }

    #[test]
    fn fill_replaces_every_blank_and_keeps_escaped_braces() {
        let s = Script::parse("hello.toml", GOOD, "test").expect("valid");
        let vars = parse_vars(["person=Sam", "topic=the report"]).expect("pairs");
        assert_eq!(
            s.fill(&vars).expect("filled"),
            "Hi Sam, {not a blank} about the report."
        );
    }

    #[test]
    fn fill_names_missing_and_unknown_variables() {
        let s = Script::parse("hello.toml", GOOD, "test").expect("valid");
        let err = s
            .fill(&parse_vars(["person=Sam"]).expect("pairs"))
            .expect_err("missing topic");
        assert!(err.to_string().contains("topic"), "{err}");
        let err = s
            .fill(&parse_vars(["person=Sam", "topic=x", "mood=ok"]).expect("pairs"))
            .expect_err("unknown mood");
        assert!(err.to_string().contains("\"mood\""), "{err}");
        assert!(parse_vars(["novalue"]).is_err());
    }

    #[test]
    fn unknown_variable_in_template_names_file_and_line() {
        let src = GOOD.replace("about {topic}", "about {topic} on {day}");
        let err = Script::parse("mine.toml", &src, "mine.toml").expect_err("undeclared");
        assert_eq!(err.file, "mine.toml");
        assert_eq!(err.line, Some(5), "{err}");
        assert!(err.to_string().contains("{day}"), "{err}");
        assert!(err.to_string().starts_with("mine.toml, line 5"), "{err}");
    }

    #[test]
    fn malformed_toml_names_file_and_line() {
        let src = "name = \"x\"\ntitle = \"T\"\nwhen = oops\n";
        let err = Script::parse("bad.toml", src, "bad.toml").expect_err("malformed");
        assert_eq!(err.line, Some(3), "{err}");
        assert_eq!(err.file, "bad.toml");
    }

    #[test]
    fn unclosed_brace_is_refused_with_line() {
        let src = GOOD.replace("about {topic}.", "about {topic}.\nAnd {oops");
        let err = Script::parse("b.toml", &src, "b").expect_err("unclosed");
        assert_eq!(err.line, Some(6), "{err}");
    }

    #[test]
    fn unused_declaration_is_refused() {
        let src = GOOD.replace("about {topic}", "about it");
        let err = Script::parse("u.toml", &src, "u").expect_err("unused");
        assert!(err.to_string().contains("topic"));
    }

    #[test]
    fn own_file_overrides_shipped_by_name() {
        let mut lib = ScriptLibrary::shipped().expect("shipped");
        let n = lib.list().len();
        let own = GOOD.replace("name = \"hello\"", "name = \"decline\"");
        lib.add_toml("/data/scripts/decline.toml", &own)
            .expect("valid");
        assert_eq!(lib.list().len(), n);
        assert_eq!(lib.get("decline").expect("there").title, "Hello");
        assert!(matches!(lib.get("nope"), Err(ScriptError::Unknown(_))));
    }
}
