//! Thinking traps (cognitive distortions) and the transparent rules that
//! suggest them from a thought's words.
//!
//! The catalogue is data (`content/traps.toml`, plus the person's own traps
//! from their data directory). Each trap lists case-insensitive patterns; a
//! suggestion always carries the exact words that triggered it, so a person
//! can see why it was suggested and disagree. Nothing here is a black box.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::content::ContentError;

/// One thinking trap as shown to a person.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trap {
    pub slug: String,
    pub name: String,
    pub definition: String,
    /// The rule patterns (regular expressions, case-insensitive).
    pub patterns: Vec<String>,
    /// Where the definition came from (`shipped` or a file path).
    pub origin: String,
    #[serde(skip)]
    compiled: Vec<Regex>,
}

/// A suggested trap with the words that triggered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrapSuggestion {
    pub slug: String,
    pub name: String,
    pub matched: Vec<String>,
}

/// A reframe prompt, optionally tied to a trap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReframePrompt {
    #[serde(default)]
    pub trap: Option<String>,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrapFile {
    #[serde(default)]
    trap: Vec<TrapDef>,
    #[serde(default)]
    prompt: Vec<ReframePrompt>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrapDef {
    slug: String,
    name: String,
    definition: String,
    #[serde(default)]
    patterns: Vec<String>,
}

/// All thinking traps and reframe prompts known to the app.
#[derive(Debug, Clone, Default)]
pub struct TrapCatalog {
    traps: Vec<Trap>,
    prompts: Vec<ReframePrompt>,
}

impl TrapCatalog {
    /// The catalogue shipped with the product.
    pub fn shipped() -> Result<TrapCatalog, ContentError> {
        let mut c = TrapCatalog::default();
        c.add_toml(crate::content::TRAPS_TOML, "shipped content/traps.toml")?;
        Ok(c)
    }

    /// Adds (or overrides, by slug) traps and prompts from a TOML document.
    pub fn add_toml(&mut self, src: &str, origin: &str) -> Result<(), ContentError> {
        let file: TrapFile =
            toml::from_str(src).map_err(|e| ContentError::toml(origin, src, &e))?;
        for def in file.trap {
            let slug = def.slug.trim().to_lowercase();
            if slug.is_empty()
                || !slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(ContentError::field(
                    origin,
                    "slug",
                    format!(
                        "\"{}\" must be lowercase letters, digits and dashes",
                        def.slug
                    ),
                ));
            }
            let mut compiled = Vec::new();
            for p in &def.patterns {
                let re = RegexBuilder::new(p)
                    .case_insensitive(true)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| {
                        ContentError::field(
                            origin,
                            "patterns",
                            format!(
                                "pattern {} of trap {slug} {}",
                                compiled.len() + 1,
                                crate::content::regex_problem(&e)
                            ),
                        )
                    })?;
                compiled.push(re);
            }
            let trap = Trap {
                slug: slug.clone(),
                name: def.name,
                definition: def.definition,
                patterns: def.patterns,
                origin: origin.to_string(),
                compiled,
            };
            match self.traps.iter_mut().find(|t| t.slug == slug) {
                Some(existing) => *existing = trap,
                None => self.traps.push(trap),
            }
        }
        self.prompts.extend(file.prompt);
        Ok(())
    }

    /// Every trap, in catalogue order.
    pub fn traps(&self) -> &[Trap] {
        &self.traps
    }

    /// Every reframe prompt.
    pub fn prompts(&self) -> &[ReframePrompt] {
        &self.prompts
    }

    /// Whether a slug is in the catalogue.
    pub fn contains(&self, slug: &str) -> bool {
        self.traps.iter().any(|t| t.slug == slug)
    }

    /// A trap by slug.
    pub fn get(&self, slug: &str) -> Option<&Trap> {
        self.traps.iter().find(|t| t.slug == slug)
    }

    /// Suggests traps from a text, each with the words that matched.
    pub fn suggest(&self, text: &str) -> Vec<TrapSuggestion> {
        let mut out = Vec::new();
        for trap in &self.traps {
            let mut matched: Vec<String> = Vec::new();
            for re in &trap.compiled {
                for m in re.find_iter(text) {
                    let word = m.as_str().to_string();
                    if !matched.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
                        matched.push(word);
                    }
                }
            }
            if !matched.is_empty() {
                out.push(TrapSuggestion {
                    slug: trap.slug.clone(),
                    name: trap.name.clone(),
                    matched,
                });
            }
        }
        out
    }

    /// Prompts for the given traps first, then the general ones.
    pub fn prompts_for(&self, traps: &[String]) -> Vec<&ReframePrompt> {
        let mut out: Vec<&ReframePrompt> = self
            .prompts
            .iter()
            .filter(|p| p.trap.as_ref().is_some_and(|t| traps.contains(t)))
            .collect();
        out.extend(self.prompts.iter().filter(|p| p.trap.is_none()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> TrapCatalog {
        TrapCatalog::shipped().expect("shipped traps load")
    }

    #[test]
    fn ships_the_required_traps() {
        let c = catalog();
        for slug in [
            "all-or-nothing",
            "overgeneralisation",
            "mental-filter",
            "disqualifying-the-positive",
            "mind-reading",
            "fortune-telling",
            "catastrophising",
            "emotional-reasoning",
            "should-statements",
            "labelling",
            "personalisation",
            "moving-the-goalposts",
            "selective-attention-to-failure",
        ] {
            let t = c.get(slug).unwrap_or_else(|| panic!("missing trap {slug}"));
            assert!(!t.definition.is_empty());
            assert!(!t.patterns.is_empty(), "{slug} has no rules");
        }
        assert!(c.prompts().len() >= 5);
    }

    #[test]
    fn suggestions_show_the_words_that_matched() {
        let c = catalog();
        let s = c.suggest("I should have caught it. I always mess up, I'm such an idiot.");
        let get = |slug: &str| s.iter().find(|x| x.slug == slug).map(|x| x.matched.clone());
        assert_eq!(
            get("should-statements"),
            Some(vec!["should have".to_string()])
        );
        assert!(get("overgeneralisation")
            .is_some_and(|m| m.iter().any(|w| w.eq_ignore_ascii_case("always"))));
        assert!(
            get("labelling").is_some_and(|m| m.iter().any(|w| w.to_lowercase().contains("idiot")))
        );
        assert!(c.suggest("We had lunch by the river.").is_empty());
    }

    #[test]
    fn own_traps_add_and_override() {
        let mut c = catalog();
        let n = c.traps().len();
        c.add_toml(
            "[[trap]]\nslug = \"comparing\"\nname = \"Comparing\"\ndefinition = \"Measuring myself against the best person in the room.\"\npatterns = ['\\bbetter than me\\b']\n",
            "mine.toml",
        )
        .expect("valid");
        assert_eq!(c.traps().len(), n + 1);
        assert_eq!(c.suggest("She is better than me")[0].slug, "comparing");
        let err = c
            .add_toml("[[trap]]\nslug = \"x\"\n", "bad.toml")
            .expect_err("missing fields");
        assert!(err.to_string().contains("bad.toml"), "{err}");
        let err = c
            .add_toml(
                "[[trap]]\nslug = \"y\"\nname = \"Y\"\ndefinition = \"d\"\npatterns = ['(']\n",
                "re.toml",
            )
            .expect_err("bad regex");
        assert!(err.to_string().contains("patterns"), "{err}");
    }
}
