//! A practice's own settings: its name and the crisis resources of its
//! region, which the operator sets and everyone sees first wherever the
//! product says where to get help now (before the shipped message).
//!
//! Written as text, one resource a line: `name | how to reach them | when`
//! (the third part optional), so the operator's form, a file given to the
//! command line and the stored value read the same way. Every problem names
//! the line. This module never decides who may change the settings.

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// The longest practice name, in characters.
pub const MAX_NAME: usize = 80;
/// The longest part of a resource line, in characters.
pub const MAX_PART: usize = 200;
/// The most resources a practice lists (Help now must stay short).
pub const MAX_RESOURCES: usize = 10;

/// One place to get help now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrisisResource {
    /// Who they are, for example a helpline's name.
    pub name: String,
    /// How to reach them: a phone or text number, or a web address.
    pub contact: String,
    /// When they can be reached, for example "any time, day or night".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
}

impl CrisisResource {
    /// Checks one resource; `line` names it in the error (1-based).
    pub fn checked(
        line: usize,
        name: &str,
        contact: &str,
        hours: Option<&str>,
    ) -> Result<CrisisResource, ValidationError> {
        let name = part(line, "the name", name)?
            .ok_or_else(|| lined(line, "has no name; start it with who they are"))?;
        let contact = part(line, "the contact", contact)?.ok_or_else(|| {
            lined(
                line,
                "says nothing about how to reach them; add a phone or text number or a web address",
            )
        })?;
        check_contact(line, &contact)?;
        let hours = match hours {
            Some(h) => part(line, "the time", h)?,
            None => None,
        };
        Ok(CrisisResource {
            name,
            contact,
            hours,
        })
    }

    /// The contact as a web address, when it is one (shown as a link).
    pub fn web_address(&self) -> Option<&str> {
        let c = self.contact.as_str();
        (c.starts_with("https://") || c.starts_with("http://")).then_some(c)
    }

    /// The resource as one line of text (what [`parse_lines`] reads).
    pub fn line(&self) -> String {
        match &self.hours {
            Some(h) => format!("{} | {} | {}", self.name, self.contact, h),
            None => format!("{} | {}", self.name, self.contact),
        }
    }
}

/// What the operator set: the practice's name and its crisis resources.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeSettings {
    /// The practice's name (shown in the page header); none when not set.
    #[serde(default)]
    pub name: Option<String>,
    /// Where to get help now in the practice's region, shown first.
    #[serde(default)]
    pub crisis_resources: Vec<CrisisResource>,
}

impl PracticeSettings {
    /// Checks settings that arrive whole (the API): the name, then every
    /// resource, each named by its place in the list.
    pub fn checked(
        name: Option<&str>,
        resources: &[CrisisResource],
    ) -> Result<PracticeSettings, ValidationError> {
        let name = practice_name(name)?;
        if resources.len() > MAX_RESOURCES {
            return Err(too_many(resources.len()));
        }
        let crisis_resources = resources
            .iter()
            .enumerate()
            .map(|(i, r)| CrisisResource::checked(i + 1, &r.name, &r.contact, r.hours.as_deref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PracticeSettings {
            name,
            crisis_resources,
        })
    }

    /// The resources as plain text for a terminal: a heading line, then
    /// one line each; `None` when the practice set none.
    pub fn help_text(&self) -> Option<String> {
        if self.crisis_resources.is_empty() {
            return None;
        }
        let mut out = match &self.name {
            Some(name) => format!("Where to get help now, from {name}:"),
            None => "Where to get help now in this practice's region:".to_string(),
        };
        for r in &self.crisis_resources {
            out.push_str(&format!("\n- {}: {}", r.name, r.contact));
            if let Some(h) = &r.hours {
                out.push_str(&format!(" ({h})"));
            }
        }
        Some(out)
    }

    /// The resources as text, one a line (what the operator's form shows).
    pub fn resource_lines(&self) -> String {
        self.crisis_resources
            .iter()
            .map(CrisisResource::line)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The practice's name: one line, at most [`MAX_NAME`] characters; blank
/// means none.
pub fn practice_name(name: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(name) = name.map(crate::text::clean) else {
        return Ok(None);
    };
    let name = name.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.contains('\n') {
        return Err(ValidationError::Other(
            "The practice name is more than one line; please write it on one line.".to_string(),
        ));
    }
    let len = name.chars().count();
    if len > MAX_NAME {
        return Err(ValidationError::TooLong {
            field: "the practice name",
            len,
            max: MAX_NAME,
        });
    }
    Ok(Some(name.to_string()))
}

/// Reads resources written one a line as `name | contact | when` (the
/// third part optional). Blank lines and lines starting with `#` are left
/// out; nothing at all means no resources of the practice's own.
pub fn parse_lines(text: &str) -> Result<Vec<CrisisResource>, ValidationError> {
    let text = crate::text::clean(text);
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').collect();
        if parts.len() < 2 || parts.len() > 3 {
            return Err(lined(
                i + 1,
                "is not in the form name | phone, text number or web address | when available \
                 (for example \"Samaritans | 116 123 | any time, day or night\")",
            ));
        }
        out.push(CrisisResource::checked(
            i + 1,
            parts[0],
            parts[1],
            parts.get(2).copied(),
        )?);
        if out.len() > MAX_RESOURCES {
            return Err(too_many(out.len()));
        }
    }
    Ok(out)
}

fn too_many(n: usize) -> ValidationError {
    ValidationError::Other(format!(
        "There are {n} crisis resources; list at most {MAX_RESOURCES}, the ones people in your region need most."
    ))
}

fn lined(line: usize, what: &str) -> ValidationError {
    ValidationError::Other(format!("Crisis resource line {line} {what}."))
}

/// One part of a line: cleaned, trimmed, one line, bounded; blank is `None`.
fn part(line: usize, what: &str, value: &str) -> Result<Option<String>, ValidationError> {
    let value = crate::text::clean(value);
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if value.contains('|') || value.contains('\n') {
        return Err(lined(line, &format!("has more than one value in {what}")));
    }
    let len = value.chars().count();
    if len > MAX_PART {
        return Err(lined(
            line,
            &format!("is too long in {what} ({len} characters; the limit is {MAX_PART})"),
        ));
    }
    Ok(Some(value.to_string()))
}

/// A contact must be something a person can act on: a number to call or
/// text (it has digits), or a web address starting with https:// or
/// http:// (and no spaces).
fn check_contact(line: usize, contact: &str) -> Result<(), ValidationError> {
    let lower = contact.to_ascii_lowercase();
    let looks_like_address = lower.contains("://")
        || lower.starts_with("www.")
        || lower.contains(".org")
        || lower.contains(".com");
    if looks_like_address {
        let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
            && !contact.contains(char::is_whitespace)
            && contact.len() > "https://".len();
        if !ok {
            return Err(lined(
                line,
                "has a web address that cannot be opened; write it whole, starting with https://, without spaces",
            ));
        }
        return Ok(());
    }
    if !contact.chars().any(|c| c.is_ascii_digit()) {
        return Err(lined(
            line,
            "says nothing a person can call, text or open; give a phone or text number, or a web address starting with https://",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_with_an_optional_time() {
        let r = parse_lines(
            "# our region\nSamaritans | 116 123 | any time\n\nShout | text SHOUT to 85258\nMind | https://www.mind.org.uk/\n",
        )
        .expect("valid");
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].hours.as_deref(), Some("any time"));
        assert_eq!(r[1].hours, None);
        assert_eq!(r[2].web_address(), Some("https://www.mind.org.uk/"));
        assert_eq!(parse_lines(&r[0].line()).expect("again")[0], r[0]);
    }

    #[test]
    fn bad_lines_are_named() {
        for (text, words) in [
            ("just a name", "line 1 is not in the form"),
            ("\nA | B | C | D", "line 2 is not in the form"),
            (" | 116 123", "line 1 has no name"),
            ("Helpline | ", "says nothing about how to reach"),
            ("Helpline | call us", "says nothing a person can call"),
            (
                "Helpline | www.example.org",
                "web address that cannot be opened",
            ),
            (
                "Helpline | https://exa mple.org",
                "web address that cannot be opened",
            ),
        ] {
            let e = parse_lines(text).expect_err(text).to_string();
            assert!(e.contains(words), "{text}: {e}");
        }
        let many = "A | 1\n".repeat(MAX_RESOURCES + 1);
        assert!(parse_lines(&many)
            .expect_err("too many")
            .to_string()
            .contains("at most"));
    }

    #[test]
    fn a_name_is_one_short_line() {
        assert_eq!(practice_name(Some("  ")).expect("blank"), None);
        assert_eq!(
            practice_name(Some(" North Star Coaching "))
                .expect("ok")
                .as_deref(),
            Some("North Star Coaching")
        );
        assert!(practice_name(Some("a\nb")).is_err());
        assert!(practice_name(Some(&"x".repeat(MAX_NAME + 1))).is_err());
    }
}
