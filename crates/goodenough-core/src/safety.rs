//! Crisis-language rules. Every free-text field passes through them; on a
//! match the entry is still saved and a calm message says where to get help
//! now. The rules are data (`content/safety.toml`), visible and tested.
//!
//! This is not a diagnosis and never a verdict on the person: it only decides
//! whether to show where help is, which costs nothing when it errs on the
//! side of showing it.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::content::ContentError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SafetyFile {
    help: HelpDef,
    #[serde(default)]
    rule: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HelpDef {
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    /// `explicit`, `coded` or `slang`.
    kind: String,
    pattern: String,
}

/// One crisis-language rule.
#[derive(Debug, Clone, Serialize)]
pub struct CrisisRule {
    pub kind: String,
    pub pattern: String,
}

/// The crisis rules and the help message.
#[derive(Debug, Clone)]
pub struct SafetyRules {
    rules: Vec<CrisisRule>,
    /// Every rule as one alternation (`None` when there are no rules).
    combined: Option<Regex>,
    help_message: String,
}

impl SafetyRules {
    /// The shipped rules and message.
    pub fn shipped() -> Result<SafetyRules, ContentError> {
        SafetyRules::from_toml(crate::content::SAFETY_TOML, "shipped content/safety.toml")
    }

    /// Rules from a TOML document.
    pub fn from_toml(src: &str, origin: &str) -> Result<SafetyRules, ContentError> {
        let file: SafetyFile =
            toml::from_str(src).map_err(|e| ContentError::toml(origin, src, &e))?;
        let mut rules = Vec::new();
        for r in file.rule {
            if !matches!(r.kind.as_str(), "explicit" | "coded" | "slang") {
                return Err(ContentError::field(
                    origin,
                    "kind",
                    format!("\"{}\" must be explicit, coded or slang", r.kind),
                ));
            }
            rules.push(CrisisRule {
                kind: r.kind,
                pattern: r.pattern,
            });
        }
        // One combined pattern: compiling it costs a quarter of compiling
        // each rule on its own, and every command that saves text pays it.
        let combined = combine(&rules).or_else(|_| {
            // Name the rule that does not compile.
            for r in &rules {
                if let Err(e) = RegexBuilder::new(&r.pattern).case_insensitive(true).build() {
                    return Err(ContentError::field(
                        origin,
                        "pattern",
                        format!("{:?}: {e}", r.pattern),
                    ));
                }
            }
            combine(&rules).map_err(|e| ContentError::field(origin, "pattern", e.to_string()))
        })?;
        if file.help.message.trim().is_empty() {
            return Err(ContentError::field(
                origin,
                "help.message",
                "must not be empty".into(),
            ));
        }
        Ok(SafetyRules {
            rules,
            combined,
            help_message: file.help.message.trim().to_string(),
        })
    }

    /// Replaces the help message (the operator's text for their region).
    pub fn with_help_message(mut self, message: &str) -> SafetyRules {
        if !message.trim().is_empty() {
            self.help_message = message.trim().to_string();
        }
        self
    }

    /// The calm "help now" message.
    pub fn help_message(&self) -> &str {
        &self.help_message
    }

    /// The rules, for display.
    pub fn rules(&self) -> &[CrisisRule] {
        &self.rules
    }

    /// Whether any of the texts contains crisis language.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        match &self.combined {
            Some(re) => texts.into_iter().any(|t| re.is_match(t)),
            None => false,
        }
    }
}

fn combine(rules: &[CrisisRule]) -> Result<Option<Regex>, regex::Error> {
    if rules.is_empty() {
        return Ok(None);
    }
    let joined = rules
        .iter()
        .map(|r| format!("(?:{})", r.pattern))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .case_insensitive(true)
        .size_limit(1 << 24)
        .build()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_catch_explicit_coded_and_slang_forms() {
        let s = SafetyRules::shipped().expect("shipped safety rules load");
        for text in [
            "I want to kill myself",
            "sometimes I think about suicide",
            "I've been self-harming again",
            "thinking of ending it all",
            "I don't want to be alive anymore",
            "everyone would be better off without me",
            "kms honestly",
            "I want to unalive myself",
            "I just want to disappear forever",
        ] {
            assert!(s.matches([text]), "should match: {text}");
        }
        for text in [
            "This deadline is killing me",
            "I killed it in the demo today",
            "ending the meeting early felt good",
            "I'm dying to try that recipe",
        ] {
            assert!(!s.matches([text]), "should not match: {text}");
        }
        assert!(s.help_message().len() > 40);
    }

    #[test]
    fn a_broken_pattern_is_named() {
        let err = SafetyRules::from_toml(
            "[help]\nmessage = \"x\"\n[[rule]]\nkind = \"explicit\"\npattern = \"ok\"\n[[rule]]\nkind = \"coded\"\npattern = \"(unclosed\"\n",
            "mine.toml",
        )
        .expect_err("a pattern that does not compile");
        let msg = err.to_string();
        assert!(
            msg.contains("mine.toml") && msg.contains("(unclosed"),
            "{msg}"
        );
    }

    #[test]
    fn operator_text_replaces_the_message() {
        let s = SafetyRules::shipped()
            .expect("loads")
            .with_help_message("Call 116 123 (Samaritans, UK).");
        assert_eq!(s.help_message(), "Call 116 123 (Samaritans, UK).");
        assert!(SafetyRules::from_toml(
            "[help]\nmessage = \"x\"\n[[rule]]\nkind = \"weird\"\npattern = \"a\"\n",
            "f"
        )
        .is_err());
    }
}
