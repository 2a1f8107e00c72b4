//! The API's JSON bodies under property tests: arbitrary JSON, random text
//! and near-valid bodies (a valid body of each kind with a field removed,
//! replaced by a value of another type, or the text mutated like a damaged
//! file) go through `decode_body`, the one path `ApiJson` takes, into every
//! body type the API reads. No panic, and every refusal is a readable
//! sentence. 10,000 cases (`PROPTEST_CASES` overrides); `benches/parsers.sh`
//! runs a million.

use goodenough_web::api::{
    assessments, assignments, awareness, boundaries, checkins, decode_body, evidence, experiments,
    journal, joy, practice, programmes, reviews, thoughts, timeboxes,
};
use proptest::prelude::*;
use serde_json::{json, Value};

#[path = "../../../goodenough-core/tests/it/mutate.rs"]
#[allow(dead_code)]
mod mutate;

use mutate::{config, field_name, json_value, mutated, readable};

/// A valid body of each kind the API reads.
fn seeds() -> Vec<Value> {
    let three = json!([
        {"area": "work", "text": "shipped"}, {"area": "rest", "text": "napped"},
        {"area": "health", "text": "walked"}
    ]);
    vec![
        json!({"mood": 6, "energy": 5, "appreciations": three, "note": "calm", "date": "2026-03-01"}),
        json!({"situation": "review", "thought": "I failed", "belief": 80,
               "emotions": [{"name": "anxious", "intensity": 60}], "traps": ["labelling"],
               "reframe": "one comment", "belief_after": 40}),
        json!({"text": "shipped it", "date": "2026-03-01"}),
        json!({"text": "late", "lesson": "ask early"}),
        json!({"kind": "praise", "text": "thanks", "attribution": "ability", "source": "Sam"}),
        json!({"request": "weekend work", "response": "no", "guilt_before": 6, "guilt_after": 3,
               "outcome": "fine"}),
        json!({"task": "slides", "to": "Kim", "outcome": "fine", "fine": true}),
        json!({"guilt_after": 2, "outcome": "fine"}),
        json!({"title": "draft", "limit": "25m"}),
        json!({"minutes": "10m", "reason": "tests"}),
        json!({"note": "typo", "at": "10:30"}),
        json!({"outcome": "shipped"}),
        json!({"belief": "they will laugh", "prediction": "laughter", "likelihood": 80,
               "anxiety": 70, "due": "2026-03-20"}),
        json!({"happened": "no", "actual": "nods", "anxiety_after": 20, "learned": "fine",
               "belief_after": 30}),
        json!({"action": "send after one read", "distress": 40}),
        json!({"what": "wrong date", "cost": "an hour", "factors": "rush", "taught": "check",
               "friend": "it happens"}),
        json!({"week": "2026-W10", "breakthroughs": ["said no"], "setbacks": [], "celebrate": "tea"}),
        json!({"instrument": "who-5", "answers": [3, 3, 3, 3, 3], "notes": {}}),
        json!({"title": "painting", "weekly": "sat 10:00-12:00", "hobby": "painting"}),
        json!({"name": "painting"}),
        json!({"hobby": "painting", "minutes": "45m"}),
        json!({"from": "2026-03-01", "to": "2026-03-02", "kind": "rest-day", "guilt": 2}),
        json!({"date": "2026-03-01", "kept": true}),
        json!({"name": "Judge", "says": ["not enough"], "learned": "school"}),
        json!({"name": "friend", "practice": "call weekly"}),
        json!({"practice": "breathing", "minutes": 5}),
        json!({"vars": {"name": "Kim"}}),
        json!({"programme_id": "perfectionism", "replace": false}),
        json!({"email": "client@example.org"}),
        json!({"shared": {"checkins": "2026-03-01", "thoughts": null}}),
        json!({"notes": "went well", "shared": true}),
        json!({"token": "abc"}),
        json!({"kind": "evenings", "detail": "3", "due": "2026-03-20", "note": "gently"}),
        json!({"status": "not_for_me", "reason": "not this week"}),
    ]
}

/// A seed with one field removed or replaced, or a field added.
fn edited_seed() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(seeds()),
        any::<proptest::sample::Index>(),
        proptest::option::of(json_value()),
        field_name(),
    )
        .prop_map(|(mut seed, at, value, extra)| {
            if let Some(fields) = seed.as_object_mut() {
                let keys: Vec<String> = fields.keys().cloned().collect();
                if keys.is_empty() {
                    return seed;
                }
                let key = keys[at.index(keys.len())].clone();
                match value {
                    Some(v) if at.index(3) == 0 => {
                        fields.insert(extra, v);
                    }
                    Some(v) => {
                        fields.insert(key, v);
                    }
                    None => {
                        fields.remove(&key);
                    }
                }
            }
            seed
        })
}

/// Any body: edited seeds, mutated seed text, arbitrary JSON, random text.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let files: Vec<(String, String)> = seeds()
        .into_iter()
        .map(|v| ("body.json".to_string(), v.to_string()))
        .collect();
    prop_oneof![
        4 => edited_seed().prop_map(|v| v.to_string().into_bytes()),
        4 => mutated(files, true).prop_map(String::into_bytes),
        1 => json_value().prop_map(|v| v.to_string().into_bytes()),
        1 => proptest::collection::vec(any::<u8>(), 0..64),
    ]
}

/// Decodes into one body type; the refusal's sentence, if any.
fn refusal<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<String> {
    decode_body::<T>(bytes).err()
}

/// Every body type the API reads, each given the same bytes.
fn every_refusal(bytes: &[u8]) -> Vec<String> {
    [
        refusal::<checkins::NewCheckIn>(bytes),
        refusal::<thoughts::NewThought>(bytes),
        refusal::<journal::NewWin>(bytes),
        refusal::<journal::NewSetback>(bytes),
        refusal::<evidence::NewEvidence>(bytes),
        refusal::<boundaries::NewNo>(bytes),
        refusal::<boundaries::CompleteNo>(bytes),
        refusal::<boundaries::NewDelegation>(bytes),
        refusal::<boundaries::CompleteDelegation>(bytes),
        refusal::<boundaries::NewMistake>(bytes),
        refusal::<boundaries::FillScript>(bytes),
        refusal::<timeboxes::NewTimebox>(bytes),
        refusal::<timeboxes::ExtendTimebox>(bytes),
        refusal::<timeboxes::ReviseTimebox>(bytes),
        refusal::<timeboxes::StopTimebox>(bytes),
        refusal::<experiments::NewExperiment>(bytes),
        refusal::<experiments::RecordExperiment>(bytes),
        refusal::<experiments::NewRung>(bytes),
        refusal::<reviews::NewReview>(bytes),
        refusal::<assessments::NewAssessment>(bytes),
        refusal::<joy::NewBlock>(bytes),
        refusal::<joy::NewHobby>(bytes),
        refusal::<joy::NewJoy>(bytes),
        refusal::<joy::NewRest>(bytes),
        refusal::<joy::NewOccurrence>(bytes),
        refusal::<awareness::NewCritic>(bytes),
        refusal::<awareness::NewValue>(bytes),
        refusal::<awareness::NewPracticeLog>(bytes),
        refusal::<programmes::NewEnrolment>(bytes),
        refusal::<practice::NewInvitation>(bytes),
        refusal::<practice::NewConsent>(bytes),
        refusal::<practice::NewNote>(bytes),
        refusal::<practice::Acceptance>(bytes),
        refusal::<assignments::NewAssignment>(bytes),
        refusal::<assignments::NewStatus>(bytes),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[test]
fn every_seed_is_a_valid_body_of_some_kind() {
    for seed in seeds() {
        let bytes = seed.to_string().into_bytes();
        assert!(
            every_refusal(&bytes).len() < 35,
            "the seed {seed} is accepted by no body type"
        );
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn api_bodies_never_panic_and_refuse_with_a_sentence(bytes in body()) {
        for sentence in every_refusal(&bytes) {
            prop_assert!(readable(&sentence), "{sentence} (body: {})", String::from_utf8_lossy(&bytes));
        }
    }
}
