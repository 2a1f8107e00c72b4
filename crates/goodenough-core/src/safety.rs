//! Crisis-language rules. Every free-text field passes through them; on a
//! match the entry is still saved and a calm message says where to get help
//! now. The rules are data (`content/safety.toml`), visible and tested
//! against a corpus (`content/safety/corpus/`, see `docs/safety.md`).
//!
//! This is not a diagnosis and never a verdict on the person: it only decides
//! whether to show where help is, which costs nothing when it errs on the
//! side of showing it.
//!
//! # Normalisation
//!
//! Rules are not matched against the raw text but against its normal forms
//! ([`normalise`]), so that each rule is written once, in plain lower case:
//!
//! 1. **Case**: everything is lower-cased.
//! 2. **Quotes**: curly and other look-alike apostrophes (`’ ‘ ‛ ʼ ′ ´` and
//!    the backtick) become `'`; double quotes of every kind break a sentence
//!    like other punctuation.
//! 3. **Stretched letters**: a run of three or more of the same letter is cut
//!    to one letter *and*, in a second form, to two ("diiiie" → "die",
//!    "killlll" → "kill"); when several words are stretched, every mix of the
//!    two is tried (up to four stretched words; beyond that, all-one and
//!    all-two).
//! 4. **Contractions**, with or without the apostrophe, become full words:
//!    "dont"/"don't" → "do not", "im" → "i am", "cant"/"can't"/"can not" →
//!    "cannot", "wont" → "will not", "ive" → "i have", "id"/"i'd" → "i would",
//!    "whats" → "what is", "theres" → "there is", any other "…n't" → "… not",
//!    "'m" → " am", "'re" → " are", "'ve" → " have", "'ll" → " will",
//!    "'d" → " would", "'s" → " is". A few text-speak words too: "wanna" →
//!    "want to", "gonna" → "going to", "u" → "you", "ur" → "your", "rn" →
//!    "right now", "noone"/"no1" → "no one", "any more" → "anymore",
//!    "my self" → "myself".
//! 5. **Punctuation**: words are separated by single spaces. Spaces, hyphens,
//!    slashes, dashes and "..." only separate words; other punctuation
//!    (`. , ! ? ; :`, brackets, quotes, line breaks, emoji) ends a clause and
//!    becomes the token ` .`, and every form ends with ` .`. A rule can
//!    therefore say "at the end of a clause" with `\.` ("i cannot go on \."
//!    catches "I can't go on." but not "I can't go on holiday").
//!
//! "I’m sooo DONE with livinggg!!" is matched as "i am so done with living ."
//! (and "i am soo done with livingg .").
//!
//! # Rules
//!
//! Each rule has a `kind` (`explicit`, `passive`, `self_harm`, `plan`,
//! `coded` or `slang`), a `pattern` (a regular expression over the normal
//! form) and, optionally, an `unless` pattern: when `unless` matches the same
//! normal form, that rule does not count for that text (other rules still
//! do). Rules without `unless` are compiled into one combined expression, so
//! loading stays cheap for every command that saves text.

use std::sync::OnceLock;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};

use crate::content::ContentError;

/// The kinds a rule may have.
pub const RULE_KINDS: [&str; 6] = ["explicit", "passive", "self_harm", "plan", "coded", "slang"];

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
    /// One of [`RULE_KINDS`].
    kind: String,
    pattern: String,
    #[serde(default)]
    unless: Option<String>,
}

/// One crisis-language rule.
#[derive(Debug, Clone, Serialize)]
pub struct CrisisRule {
    pub kind: String,
    pub pattern: String,
    /// When this matches the same text, the rule does not count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unless: Option<String>,
}

/// The crisis rules and the help message.
#[derive(Debug, Clone)]
pub struct SafetyRules {
    rules: Vec<CrisisRule>,
    /// Every rule without an `unless`, as one alternation.
    plain: Option<Regex>,
    /// The rules with an `unless`: their patterns, and their `unless`
    /// patterns at the same indexes.
    guarded: Option<(RegexSet, RegexSet)>,
    help_message: String,
}

impl SafetyRules {
    /// The shipped rules and message. They are compiled once per process;
    /// later calls clone them (cheap: the compiled expressions are shared).
    pub fn shipped() -> Result<SafetyRules, ContentError> {
        static SHIPPED: OnceLock<Result<SafetyRules, ContentError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                SafetyRules::from_toml(crate::content::SAFETY_TOML, "shipped content/safety.toml")
            })
            .clone()
    }

    /// Rules from a TOML document.
    pub fn from_toml(src: &str, origin: &str) -> Result<SafetyRules, ContentError> {
        let file: SafetyFile =
            toml::from_str(src).map_err(|e| ContentError::toml(origin, src, &e))?;
        let mut rules = Vec::new();
        for r in file.rule {
            if !RULE_KINDS.contains(&r.kind.as_str()) {
                return Err(ContentError::field(
                    origin,
                    "kind",
                    format!(
                        "\"{}\" must be explicit, passive, self_harm, plan, coded or slang",
                        r.kind
                    ),
                ));
            }
            if r.pattern.trim().is_empty() {
                return Err(ContentError::field(
                    origin,
                    "pattern",
                    "must not be empty".into(),
                ));
            }
            if r.unless.as_deref().is_some_and(|u| u.trim().is_empty()) {
                return Err(ContentError::field(
                    origin,
                    "unless",
                    format!(
                        "is empty for {:?}: leave it out or give a pattern",
                        r.pattern
                    ),
                ));
            }
            rules.push(CrisisRule {
                kind: r.kind,
                pattern: r.pattern,
                unless: r.unless,
            });
        }
        if file.help.message.trim().is_empty() {
            return Err(ContentError::field(
                origin,
                "help.message",
                "must not be empty".into(),
            ));
        }
        let plain_patterns: Vec<&str> = rules
            .iter()
            .filter(|r| r.unless.is_none())
            .map(|r| r.pattern.as_str())
            .collect();
        let guarded: Vec<(&str, &str)> = rules
            .iter()
            .filter_map(|r| r.unless.as_deref().map(|u| (r.pattern.as_str(), u)))
            .collect();
        // One combined pattern: compiling it costs a fraction of compiling
        // each rule on its own, and every command that saves text pays it.
        let plain = combine(&plain_patterns).map_err(|e| name_broken(origin, &rules, e))?;
        let guarded = if guarded.is_empty() {
            None
        } else {
            let pats = set(guarded.iter().map(|g| g.0));
            let unless = set(guarded.iter().map(|g| g.1));
            match (pats, unless) {
                (Ok(p), Ok(u)) => Some((p, u)),
                (Err(e), _) | (_, Err(e)) => return Err(name_broken(origin, &rules, e)),
            }
        };
        Ok(SafetyRules {
            rules,
            plain,
            guarded,
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

    /// Whether any of the texts contains crisis language (after
    /// [`normalise`]).
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        if self.plain.is_none() && self.guarded.is_none() {
            return false;
        }
        texts
            .into_iter()
            .any(|t| normalise(t).iter().any(|form| self.matches_form(form)))
    }

    /// Whether one normal form matches a rule that its `unless` does not
    /// cancel.
    fn matches_form(&self, form: &str) -> bool {
        if self.plain.as_ref().is_some_and(|re| re.is_match(form)) {
            return true;
        }
        let Some((pats, unless)) = &self.guarded else {
            return false;
        };
        let hits = pats.matches(form);
        if !hits.matched_any() {
            return false;
        }
        let cancelled = unless.matches(form);
        hits.iter().any(|i| !cancelled.matched(i))
    }
}

/// Points at the first rule whose `pattern` or `unless` does not compile.
fn name_broken(origin: &str, rules: &[CrisisRule], fallback: regex::Error) -> ContentError {
    use crate::content::regex_problem;
    for (n, r) in rules.iter().enumerate() {
        if let Err(e) = Regex::new(&r.pattern) {
            return ContentError::field(
                origin,
                "pattern",
                format!("the pattern of rule {} {}", n + 1, regex_problem(&e)),
            );
        }
        if let Some(u) = &r.unless {
            if let Err(e) = Regex::new(u) {
                return ContentError::field(
                    origin,
                    "unless",
                    format!("the unless of rule {} {}", n + 1, regex_problem(&e)),
                );
            }
        }
    }
    ContentError::field(
        origin,
        "pattern",
        format!("the rules together {}", regex_problem(&fallback)),
    )
}

fn combine(patterns: &[&str]) -> Result<Option<Regex>, regex::Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let joined = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .size_limit(1 << 24)
        .build()
        .map(Some)
}

fn set<'a>(patterns: impl Iterator<Item = &'a str>) -> Result<RegexSet, regex::Error> {
    RegexSetBuilder::new(patterns).size_limit(1 << 24).build()
}

// ---------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------

/// Most stretched words tried in every mix of one- and two-letter cuts.
const MAX_MIXED: usize = 4;

/// Characters that only separate words (like a space); any other character
/// that is not a letter, a digit or an apostrophe ends a clause. Hyphens and
/// dashes of every width, "…", and the symbols people put between words.
const SEPARATORS: &str =
    "-_/\\*~+&#@|^=<>%$\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2026}\u{00A0}";

/// One piece of the text before contractions are expanded.
enum Piece {
    Word(String),
    /// Ends a clause: becomes ` .`.
    Break,
}

/// The normal forms of a text (see the module documentation): one form, or
/// more when letters are stretched ("diiiie"). Empty text gives no form.
pub fn normalise(text: &str) -> Vec<String> {
    let pieces = pieces(text);
    // Each word's spellings: itself, or its one- and two-letter cuts.
    let spellings: Vec<Vec<String>> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Word(w) => Some(destretch(w)),
            Piece::Break => None,
        })
        .collect();
    let stretched: Vec<usize> = spellings
        .iter()
        .enumerate()
        .filter(|(_, s)| s.len() > 1)
        .map(|(i, _)| i)
        .collect();
    // Which spelling each word takes, one vector per form.
    let choices: Vec<Vec<usize>> = if stretched.is_empty() {
        vec![vec![0; spellings.len()]]
    } else if stretched.len() <= MAX_MIXED {
        (0..1usize << stretched.len())
            .map(|mask| {
                let mut c = vec![0; spellings.len()];
                for (bit, &w) in stretched.iter().enumerate() {
                    c[w] = (mask >> bit) & 1;
                }
                c
            })
            .collect()
    } else {
        (0..2)
            .map(|k| {
                spellings
                    .iter()
                    .map(|s| if s.len() > 1 { k } else { 0 })
                    .collect()
            })
            .collect()
    };
    let mut forms: Vec<String> = Vec::new();
    for choice in choices {
        let mut tokens: Vec<String> = Vec::new();
        let mut word = 0;
        for p in &pieces {
            match p {
                Piece::Word(_) => {
                    let spelled = &spellings[word][choice[word]];
                    word += 1;
                    for t in expand(spelled).split(' ').filter(|t| !t.is_empty()) {
                        push_token(&mut tokens, t);
                    }
                }
                Piece::Break => {
                    if tokens.last().is_some_and(|t| t != ".") {
                        tokens.push(".".into());
                    }
                }
            }
        }
        if tokens.is_empty() {
            continue;
        }
        if tokens.last().is_some_and(|t| t != ".") {
            tokens.push(".".into());
        }
        let form = tokens.join(" ");
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// Lower-cases the text, unifies apostrophes and splits it into words and
/// clause breaks.
fn pieces(text: &str) -> Vec<Piece> {
    let chars: Vec<char> =
        text.chars()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}'
                | '`' => '\'',
                c => c,
            })
            .collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Piece>| {
        let w = word.trim_matches('\'');
        if !w.is_empty() {
            out.push(Piece::Word(w.to_string()));
        }
        word.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut out);
        let dots = c == '.'
            && (chars.get(i + 1) == Some(&'.') || (i > 0 && chars.get(i - 1) == Some(&'.')));
        let separates =
            dots || (c.is_whitespace() && c != '\n' && c != '\r') || SEPARATORS.contains(c);
        if !separates {
            out.push(Piece::Break);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A word's spellings: itself when no letter repeats three times or more,
/// else its one-letter cut and its two-letter cut.
fn destretch(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let stretched = chars
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_alphabetic());
    if !stretched {
        return vec![word.to_string()];
    }
    // Runs of the same character: letters in a run of 3+ are cut to
    // `keep`; everything else (digits: "1000") stays as written.
    let cut = |keep: usize| {
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let run = chars[i..].iter().take_while(|&&d| d == c).count();
            let n = if c.is_alphabetic() && run >= 3 {
                keep
            } else {
                run
            };
            out.extend(std::iter::repeat_n(c, n));
            i += run;
        }
        out
    };
    let mut forms = vec![cut(1), cut(2)];
    forms.dedup();
    forms
}

/// Expands one word: contractions (with or without the apostrophe) and a few
/// text-speak words. Returns one or more space-separated words.
fn expand(word: &str) -> String {
    let fixed = match word {
        "cant" | "can't" | "cannot" => "cannot",
        "wont" | "won't" => "will not",
        "dont" | "dnt" => "do not",
        "doesnt" => "does not",
        "didnt" => "did not",
        "isnt" => "is not",
        "arent" => "are not",
        "wasnt" => "was not",
        "werent" => "were not",
        "havent" => "have not",
        "hasnt" => "has not",
        "hadnt" => "had not",
        "couldnt" => "could not",
        "wouldnt" => "would not",
        "shouldnt" => "should not",
        "mustnt" => "must not",
        "aint" | "ain't" => "is not",
        "shan't" => "shall not",
        "im" => "i am",
        "ive" => "i have",
        "id" => "i would",
        "youre" => "you are",
        "theyre" => "they are",
        "youve" => "you have",
        "theyve" => "they have",
        "whats" => "what is",
        "thats" => "that is",
        "theres" => "there is",
        "heres" => "here is",
        "wheres" => "where is",
        "whos" => "who is",
        "its" => "it is",
        "let's" => "let us",
        "wanna" => "want to",
        "gonna" => "going to",
        "gotta" => "got to",
        "tryna" => "trying to",
        "u" => "you",
        "ur" => "your",
        "rn" => "right now",
        "ppl" => "people",
        "cuz" | "coz" | "cos" | "bc" => "because",
        "tmrw" | "tmr" | "tmw" => "tomorrow",
        "tonite" | "2nite" => "tonight",
        "noone" | "no1" => "no one",
        "any1" => "anyone",
        "every1" => "everyone",
        "some1" => "someone",
        "killmyself" => "kill myself",
        "selfharm" => "self harm",
        "sewerslide" => "sewer slide",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    if !word.contains('\'') {
        return word.to_string();
    }
    const SUFFIXES: [(&str, &str); 7] = [
        ("n't", " not"),
        ("'m", " am"),
        ("'re", " are"),
        ("'ve", " have"),
        ("'ll", " will"),
        ("'d", " would"),
        ("'s", " is"),
    ];
    for (suffix, full) in SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return format!("{}{full}", stem.replace('\'', ""));
            }
        }
    }
    word.replace('\'', "")
}

/// Appends a token, joining pairs written apart ("can not", "any more",
/// "my self").
fn push_token(tokens: &mut Vec<String>, t: &str) {
    let joined = match (tokens.last().map(String::as_str), t) {
        (Some("can"), "not") => Some("cannot"),
        (Some("any"), "more") => Some("anymore"),
        (Some("my"), "self") => Some("myself"),
        (Some("your"), "self") => Some("yourself"),
        (Some("un"), "alive") => Some("unalive"),
        _ => None,
    };
    match joined {
        Some(j) => {
            if let Some(last) = tokens.last_mut() {
                *last = j.to_string();
            }
        }
        None => tokens.push(t.to_string()),
    }
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
            "I want to die",
            "I don't want to be here anymore",
            "life isn't worth living",
            "I'm a burden to everyone",
            "I've been hurting myself again",
        ] {
            assert!(s.matches([text]), "should match: {text}");
        }
        for text in [
            "This deadline is killing me",
            "I killed it in the demo today",
            "ending the meeting early felt good",
            "I'm dying to try that recipe",
            "I can't go on holiday until March",
            "I don't want to be here at 8am tomorrow",
        ] {
            assert!(!s.matches([text]), "should not match: {text}");
        }
        assert!(s.help_message().len() > 40);
    }

    #[test]
    fn every_kind_has_a_shipped_rule_and_no_rule_has_another_kind() {
        let s = SafetyRules::shipped().expect("loads");
        for kind in RULE_KINDS {
            assert!(
                s.rules().iter().any(|r| r.kind == kind),
                "no shipped rule of kind {kind}"
            );
        }
        assert!(s
            .rules()
            .iter()
            .all(|r| RULE_KINDS.contains(&r.kind.as_str())));
    }

    #[test]
    fn the_help_message_makes_no_claim_about_saving() {
        let s = SafetyRules::shipped().expect("loads");
        let m = s.help_message().to_lowercase();
        assert!(!m.contains("saved"), "{m}");
        assert!(!m.contains("save"), "{m}");
        assert!(m.contains("cannot respond in an emergency"), "{m}");
        assert!(
            m.contains("988") && m.contains("116 123") && m.contains("112"),
            "{m}"
        );
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
    fn a_broken_unless_is_named() {
        let err = SafetyRules::from_toml(
            "[help]\nmessage = \"x\"\n[[rule]]\nkind = \"plan\"\npattern = \"rope\"\nunless = \"[climbing\"\n",
            "mine.toml",
        )
        .expect_err("an unless that does not compile");
        let msg = err.to_string();
        assert!(
            msg.contains("mine.toml")
                && msg.contains("`unless`")
                && msg.contains("the unless of rule 1")
                && !msg.contains('\n'),
            "{msg}"
        );
    }

    #[test]
    fn an_unknown_kind_names_the_kinds_there_are() {
        let err = SafetyRules::from_toml(
            "[help]\nmessage = \"x\"\n[[rule]]\nkind = \"weird\"\npattern = \"a\"\n",
            "f.toml",
        )
        .expect_err("unknown kind");
        let msg = err.to_string();
        assert!(
            msg.contains("f.toml") && msg.contains("\"weird\"") && msg.contains("self_harm"),
            "{msg}"
        );
    }

    #[test]
    fn operator_text_replaces_the_message() {
        let s = SafetyRules::shipped()
            .expect("loads")
            .with_help_message("Call 116 123 (Samaritans, UK).");
        assert_eq!(s.help_message(), "Call 116 123 (Samaritans, UK).");
        let kept = SafetyRules::shipped()
            .expect("loads")
            .with_help_message("  ");
        assert_eq!(
            kept.help_message(),
            SafetyRules::shipped().expect("loads").help_message()
        );
    }

    #[test]
    fn unless_cancels_only_its_own_rule() {
        let s = SafetyRules::from_toml(
            r#"
[help]
message = "help"
[[rule]]
kind = "explicit"
pattern = '\bkilling myself\b'
unless = '\bkilling myself over\b'
[[rule]]
kind = "explicit"
pattern = '\bwant to die\b'
"#,
            "t.toml",
        )
        .expect("loads");
        assert!(s.matches(["I keep thinking about killing myself"]));
        assert!(!s.matches(["I'm killing myself over this report"]));
        assert!(s.matches(["killing myself over this, and I want to die"]));
        assert_eq!(
            s.rules()[0].unless.as_deref(),
            Some(r"\bkilling myself over\b")
        );
        assert!(s.rules()[1].unless.is_none());
    }

    #[test]
    fn no_rules_match_nothing() {
        let s = SafetyRules::from_toml("[help]\nmessage = \"help\"\n", "t").expect("loads");
        assert!(!s.matches(["I want to die"]));
    }

    #[test]
    fn normalise_lowers_case_and_turns_curly_quotes_into_apostrophes() {
        assert_eq!(normalise("I DON’T want THIS"), vec!["i do not want this ."]);
        assert_eq!(normalise("I‘m here"), vec!["i am here ."]);
        assert_eq!(normalise("it`s fine"), vec!["it is fine ."]);
        // Double quotes of every kind end a clause like other punctuation.
        assert_eq!(
            normalise("“I want to die” she said"),
            vec!["i want to die . she said ."]
        );
    }

    #[test]
    fn normalise_writes_contractions_out_with_or_without_the_apostrophe() {
        for (written, normal) in [
            ("dont", "do not"),
            ("don't", "do not"),
            ("im", "i am"),
            ("I'm", "i am"),
            ("cant", "cannot"),
            ("can't", "cannot"),
            ("can not", "cannot"),
            ("wont", "will not"),
            ("won't", "will not"),
            ("isnt", "is not"),
            ("ive", "i have"),
            ("I've", "i have"),
            ("id", "i would"),
            ("I'd", "i would"),
            ("whats", "what is"),
            ("what's", "what is"),
            ("theres", "there is"),
            ("nobody'd", "nobody would"),
            ("they're", "they are"),
            ("we'll", "we will"),
            ("wouldn't", "would not"),
            ("life's", "life is"),
            ("wanna", "want to"),
            ("any more", "anymore"),
            ("my self", "myself"),
            ("noone", "no one"),
        ] {
            assert_eq!(normalise(written), vec![format!("{normal} .")], "{written}");
        }
    }

    #[test]
    fn normalise_cuts_stretched_letters_to_one_and_to_two() {
        assert_eq!(normalise("diiiie"), vec!["die .", "diie ."]);
        assert_eq!(normalise("killlll"), vec!["kil .", "kill ."]);
        // Each stretched word takes either cut, so a mix still reads right.
        let forms = normalise("i want to killlll myselffff");
        assert!(
            forms.contains(&"i want to kill myself .".to_string()),
            "{forms:?}"
        );
        assert_eq!(forms.len(), 4);
        // Doubled letters and numbers are left alone.
        assert_eq!(normalise("soon 1000 kms"), vec!["soon 1000 kms ."]);
        // Many stretched words: two forms only (all one-letter, all two-letter).
        assert_eq!(normalise("aaa bbb ccc ddd eee fff").len(), 2);
    }

    #[test]
    fn normalise_separates_words_by_one_space_and_marks_clause_ends() {
        assert_eq!(
            normalise("  Work was fine,\n\nthe standup ran long!!  "),
            vec!["work was fine . the standup ran long ."]
        );
        // Hyphens, slashes, dashes and "..." only separate words.
        assert_eq!(
            normalise("self-harm and/or… I want to—die..."),
            vec!["self harm and or i want to die ."]
        );
        assert_eq!(normalise("Mood 2/10."), vec!["mood 2 10 ."]);
        assert!(normalise("").is_empty());
        assert!(normalise(" ?! ").is_empty());
    }

    #[test]
    fn a_clause_end_tells_cant_go_on_from_cant_go_on_holiday() {
        let s = SafetyRules::shipped().expect("loads");
        assert!(s.matches(["I can't go on."]));
        assert!(s.matches(["i cant go on"]));
        assert!(!s.matches(["I can't go on holiday until March"]));
    }
}
