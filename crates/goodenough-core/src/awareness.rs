//! Awareness: the inner critic profile, values and roles beyond work, and
//! mindfulness practices (scripts of timed cues, kept as data) with their log.
//!
//! Pure: no I/O and no clock reads. Practice files are parsed from text the
//! caller has read; errors name the file, and the line or cue.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::content::ContentError;
use crate::error::ValidationError;
use crate::text;

/// The shipped practices, embedded at compile time: (file name, contents).
pub const SHIPPED_PRACTICES: &[(&str, &str)] = &[
    (
        "breathing.toml",
        include_str!("../../../content/practices/breathing.toml"),
    ),
    (
        "body-scan.toml",
        include_str!("../../../content/practices/body-scan.toml"),
    ),
    (
        "grounding.toml",
        include_str!("../../../content/practices/grounding.toml"),
    ),
    (
        "self-compassion.toml",
        include_str!("../../../content/practices/self-compassion.toml"),
    ),
];

/// The inner critic, described by the person (one per person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriticProfile {
    /// The name the person gives it.
    pub name: String,
    /// What it typically says, in its own words.
    pub says: Vec<String>,
    /// Where it learned that voice.
    #[serde(default)]
    pub learned: Option<String>,
    /// What it is trying to protect.
    #[serde(default)]
    pub protects: Option<String>,
    /// How a kind voice answers it.
    #[serde(default)]
    pub kind_answer: Option<String>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

impl CriticProfile {
    /// A validated profile.
    pub fn new(
        name: &str,
        says: &[String],
        learned: Option<&str>,
        protects: Option<&str>,
        kind_answer: Option<&str>,
        updated_at: DateTime<Utc>,
    ) -> Result<CriticProfile, ValidationError> {
        let mut phrases = Vec::new();
        for s in says {
            if let Some(p) = text::optional("what the critic says", Some(s))? {
                phrases.push(p);
            }
        }
        if phrases.is_empty() {
            return Err(ValidationError::Other(
                "Give at least one thing the critic typically says.".into(),
            ));
        }
        Ok(CriticProfile {
            name: text::required("critic name", name)?,
            says: phrases,
            learned: text::optional("where it learned that voice", learned)?,
            protects: text::optional("what it protects", protects)?,
            kind_answer: text::optional("kind answer", kind_answer)?,
            updated_at,
        })
    }

    /// Checks a profile read from an import.
    pub fn validate(&self) -> Result<(), ValidationError> {
        CriticProfile::new(
            &self.name,
            &self.says,
            self.learned.as_deref(),
            self.protects.as_deref(),
            self.kind_answer.as_deref(),
            self.updated_at,
        )
        .map(|_| ())
    }
}

/// Why a text looks like the critic: the phrase and the words both share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriticMatch {
    /// The critic's phrase that matched.
    pub phrase: String,
    /// Whether the whole phrase appears in the text.
    pub whole_phrase: bool,
    /// The meaningful words the text shares with the phrase (lower case).
    pub matched_words: Vec<String>,
}

/// Short words that carry no meaning of their own for matching.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "is", "are", "am",
    "be", "it", "i", "you", "me", "my", "your", "that", "this", "so", "if", "do", "not", "with",
    "as", "was", "were", "will", "just", "have", "has", "had", "they", "we", "he", "she",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.chars().count() > 1 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// The critic phrase a text most resembles, if any: the whole phrase appears
/// (case-insensitive), or at least two meaningful words are shared (or the
/// only one, for a one-word phrase). Transparent: the shared words are shown.
pub fn critic_match(profile: &CriticProfile, text: &str) -> Option<CriticMatch> {
    let lower = text.to_lowercase();
    let text_words = words(text);
    let mut best: Option<CriticMatch> = None;
    for phrase in &profile.says {
        let phrase_words = words(phrase);
        let mut matched: Vec<String> = Vec::new();
        for w in &phrase_words {
            if text_words.contains(w) && !matched.contains(w) {
                matched.push(w.clone());
            }
        }
        let whole = !phrase.trim().is_empty() && lower.contains(&phrase.trim().to_lowercase());
        let needed = phrase_words.len().clamp(1, 2);
        if !whole && matched.len() < needed {
            continue;
        }
        let candidate = CriticMatch {
            phrase: phrase.clone(),
            whole_phrase: whole,
            matched_words: matched,
        };
        let better = match &best {
            None => true,
            Some(b) => {
                (candidate.whole_phrase, candidate.matched_words.len())
                    > (b.whole_phrase, b.matched_words.len())
            }
        };
        if better {
            best = Some(candidate);
        }
    }
    best
}

/// A value or role outside work ("friend", "painter").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LifeValue {
    pub id: String,
    /// The value or role.
    pub name: String,
    /// What it looks like in practice.
    pub practice: String,
    pub created_at: DateTime<Utc>,
}

impl LifeValue {
    /// A validated value.
    pub fn new(
        id: String,
        name: &str,
        practice: &str,
        created_at: DateTime<Utc>,
    ) -> Result<LifeValue, ValidationError> {
        Ok(LifeValue {
            id,
            name: text::required("value name", name)?,
            practice: text::required("what it looks like in practice", practice)?,
            created_at,
        })
    }

    /// Checks a value read from an import.
    pub fn validate(&self) -> Result<(), ValidationError> {
        LifeValue::new(self.id.clone(), &self.name, &self.practice, self.created_at).map(|_| ())
    }
}

/// One timed cue of a practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Cue {
    pub at_seconds: u32,
    pub text: String,
}

/// A mindfulness practice: a script of timed cues.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Practice {
    pub id: String,
    pub title: String,
    pub default_minutes: u32,
    pub cues: Vec<Cue>,
}

impl Practice {
    /// The cues that fall inside a run of `minutes`, in time order.
    pub fn cues_for(&self, minutes: u32) -> Vec<Cue> {
        let end = minutes.saturating_mul(60);
        let mut cues: Vec<Cue> = self
            .cues
            .iter()
            .filter(|c| c.at_seconds < end)
            .cloned()
            .collect();
        cues.sort_by_key(|c| c.at_seconds);
        cues
    }
}

/// Parses and validates one practice file.
pub fn parse_practice(file: &str, src: &str) -> Result<Practice, ContentError> {
    let p: Practice = toml::from_str(src).map_err(|e| ContentError::toml(file, src, &e))?;
    if p.id.trim().is_empty()
        || !p
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ContentError::field(
            file,
            "id",
            format!("\"{}\" must be letters, digits and dashes", p.id),
        ));
    }
    if p.title.trim().is_empty() {
        return Err(ContentError::field(file, "title", "is empty".into()));
    }
    if p.default_minutes == 0 || p.default_minutes > 180 {
        return Err(ContentError::field(
            file,
            "default_minutes",
            format!("must be 1 to 180; it is {}", p.default_minutes),
        ));
    }
    if p.cues.is_empty() {
        return Err(ContentError::field(
            file,
            "cues",
            "a practice needs at least one cue".into(),
        ));
    }
    let end = p.default_minutes * 60;
    for (i, c) in p.cues.iter().enumerate() {
        if c.at_seconds >= end {
            return Err(ContentError::field(
                file,
                &format!("cues[{}]", i + 1),
                format!(
                    "cue {} (\"{}\") is at {} s, past the practice's end at {} s ({} minutes); move it earlier or raise default_minutes",
                    i + 1,
                    c.text,
                    c.at_seconds,
                    end,
                    p.default_minutes
                ),
            ));
        }
        if c.text.trim().is_empty() {
            return Err(ContentError::field(
                file,
                &format!("cues[{}].text", i + 1),
                "is empty".into(),
            ));
        }
    }
    Ok(p)
}

/// The shipped practices with the person's files layered on top (same id
/// overrides, new ids add), sorted by id. `extra` is (file name, contents).
pub fn practice_catalog(extra: &[(String, String)]) -> Result<Vec<Practice>, ContentError> {
    let mut all: Vec<Practice> = Vec::new();
    let files = SHIPPED_PRACTICES
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .chain(extra.iter().cloned());
    for (file, src) in files {
        let p = parse_practice(&file, &src)?;
        all.retain(|q| q.id != p.id);
        all.push(p);
    }
    all.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(all)
}

/// Minutes of a practice done on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeLog {
    pub id: String,
    /// The practice id.
    pub practice: String,
    pub date: NaiveDate,
    pub minutes: u32,
    pub logged_at: DateTime<Utc>,
}

impl PracticeLog {
    /// A validated log entry (1 to 600 minutes).
    pub fn new(
        id: String,
        practice: &str,
        date: NaiveDate,
        minutes: u32,
        logged_at: DateTime<Utc>,
    ) -> Result<PracticeLog, ValidationError> {
        crate::error::check_range("minutes", i64::from(minutes), 1, 600)?;
        Ok(PracticeLog {
            id,
            practice: text::required("practice", practice)?,
            date,
            minutes,
            logged_at,
        })
    }

    /// Checks an entry read from an import.
    pub fn validate(&self) -> Result<(), ValidationError> {
        PracticeLog::new(
            self.id.clone(),
            &self.practice,
            self.date,
            self.minutes,
            self.logged_at,
        )
        .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn critic() -> CriticProfile {
        CriticProfile::new(
            "The Judge",
            &[
                "You always mess things up".to_string(),
                "Not good enough".to_string(),
            ],
            Some("school"),
            Some("me from being rejected"),
            Some("I did my best with what I knew"),
            DateTime::<Utc>::from_timestamp(0, 0).expect("epoch"),
        )
        .expect("valid")
    }

    #[test]
    fn whole_phrase_matches_case_insensitively() {
        let m = critic_match(&critic(), "Honestly my report is NOT GOOD ENOUGH.").expect("match");
        assert_eq!(m.phrase, "Not good enough");
        assert!(m.whole_phrase);
        assert_eq!(m.matched_words, vec!["good", "enough"]);
    }

    #[test]
    fn word_overlap_matches_and_shows_words() {
        let m = critic_match(&critic(), "I mess up every single thing, always").expect("match");
        assert_eq!(m.phrase, "You always mess things up");
        assert!(!m.whole_phrase);
        assert!(m.matched_words.contains(&"always".to_string()));
        assert!(m.matched_words.contains(&"mess".to_string()));
    }

    #[test]
    fn unrelated_text_does_not_match() {
        assert!(critic_match(&critic(), "The meeting ran long and I felt tired").is_none());
        // One shared word is not enough for a long phrase.
        assert!(critic_match(&critic(), "I always take the bus").is_none());
    }

    #[test]
    fn critic_needs_a_phrase() {
        let err = CriticProfile::new("X", &["  ".into()], None, None, None, Utc::now());
        assert!(err.is_err());
    }

    #[test]
    fn shipped_practices_are_valid() {
        let all = practice_catalog(&[]).expect("valid");
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["body-scan", "breathing", "grounding", "self-compassion"]
        );
    }

    #[test]
    fn cue_past_end_names_file_and_cue() {
        let src = "id = \"x\"\ntitle = \"X\"\ndefault_minutes = 1\ncues = [{ at_seconds = 0, text = \"a\" }, { at_seconds = 75, text = \"late\" }]\n";
        let err = parse_practice("x.toml", src).expect_err("past end");
        let msg = err.to_string();
        assert!(msg.contains("x.toml"), "{msg}");
        assert!(msg.contains("cue 2"), "{msg}");
        assert!(msg.contains("75"), "{msg}");
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let src = "id = \"x\"\ntitle = \"X\"\ndefault_minutes = = 3\n";
        let err = parse_practice("bad.toml", src).expect_err("malformed");
        assert_eq!(err.file, "bad.toml");
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn own_file_overrides_shipped() {
        let own = (
            "breathing.toml".to_string(),
            "id = \"breathing\"\ntitle = \"Mine\"\ndefault_minutes = 2\ncues = [{ at_seconds = 0, text = \"in\" }]\n".to_string(),
        );
        let all = practice_catalog(&[own]).expect("valid");
        let b = all.iter().find(|p| p.id == "breathing").expect("there");
        assert_eq!(b.title, "Mine");
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn shorter_run_drops_later_cues() {
        let all = practice_catalog(&[]).expect("valid");
        let b = all.iter().find(|p| p.id == "breathing").expect("there");
        assert!(b.cues_for(1).iter().all(|c| c.at_seconds < 60));
        assert_eq!(b.cues_for(3).len(), b.cues.len());
    }

    #[test]
    fn log_minutes_in_range() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        assert!(PracticeLog::new("i".into(), "breathing", d, 0, Utc::now()).is_err());
        assert!(PracticeLog::new("i".into(), "breathing", d, 10, Utc::now()).is_ok());
    }
}
