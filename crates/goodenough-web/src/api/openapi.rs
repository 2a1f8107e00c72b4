//! The OpenAPI 3.1 document of the JSON API, generated from the code
//! (utoipa) and served without sign-in at `GET /api/v1/openapi.json`.
//!
//! To document a new API group: annotate each handler with
//! `#[utoipa::path(...)]` (method, path, params, request body, responses,
//! `tag`), list the handlers in `paths(...)` below and any new body types in
//! `components(schemas(...))`. Core types derive `ToSchema` through
//! goodenough-core's `openapi` feature, which this crate turns on.
//!
//! The document describes shapes only; it must never contain data.

use axum::routing::get;
use axum::{Json, Router};
use goodenough_core::export::ExportDoc;
use goodenough_core::progress::{Period, Progress};
use goodenough_core::traps::{Trap, TrapSuggestion};
use goodenough_core::{
    Appreciation, CheckIn, Emotion, LifeArea, Setback, Settings, ThoughtRecord, Win,
};
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

use super::account;
use super::admin;
use super::assessments;
use super::assignments;
use super::awareness;
use super::boundaries;
use super::checkins;
use super::content;
use super::evidence;
use super::experiments;
use super::help;
use super::joy;
use super::offers;
use super::outcomes;
use super::passkeys;
use super::practice;
use super::programmes;
use super::push;
use super::report;
use super::timeboxes;
use super::{data, journal, progress, reviews, thoughts};
use crate::AppState;

/// The routes of this group.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/openapi.json", get(document))
}

async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Every error of the API: `{"error": "one sentence"}`.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// What is wrong and how to fix it, in one sentence.
    #[schema(min_length = 1)]
    pub error: String,
}

/// The name of the security scheme (also spelled out in `security(...)` below).
pub const BEARER: &str = "bearer";

/// The API document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "goodenough API",
        description = "The JSON API of goodenough. Authenticate with a personal access token \
                       (Settings → Personal access tokens, or `goodenough token create`) sent as \
                       `Authorization: Bearer TOKEN`. Bodies have the command line's `--json` \
                       shapes; lists are arrays, oldest first; errors are `{\"error\": \"one sentence\"}`. \
                       When text sent to a POST matches the crisis-language rules, the record is still \
                       saved (201, same body) and the answer carries `X-Goodenough-Help-Now: /help-now` \
                       and `Link: </help-now>; rel=\"help\"`: show the person where to get help now. \
                       Lists come one page at a time: `?limit=` (1-1000, default 100) and the newest \
                       items first as a page (still printed oldest first); when older items remain the \
                       answer carries `Link: <…?limit=…&before=…>; rel=\"next\"`: follow it for the page \
                       before. Requests with no credentials get 401; a query, path or body that cannot \
                       be read gets 400, a body that is not JSON 415, one that is too large 413.",
    ),
    paths(checkins::list, checkins::create, checkins::one,
        assessments::list_instruments, assessments::one_instrument, assessments::list, assessments::create,
        thoughts::list, thoughts::create, thoughts::one, thoughts::traps, thoughts::explain,
        journal::list_wins, journal::create_win, journal::list_setbacks, journal::create_setback,
        progress::progress, data::export, data::export_encrypted, data::import_encrypted,
        reviews::list_reviews, reviews::week, reviews::save_review, reviews::outcomes,
        timeboxes::list, timeboxes::start, timeboxes::current, timeboxes::one,
        timeboxes::stop, timeboxes::revise, timeboxes::recheck, timeboxes::extend,
        boundaries::list_noes, boundaries::create_no, boundaries::complete_no, boundaries::patch_no,
        boundaries::list_delegations, boundaries::create_delegation, boundaries::complete_delegation,
        boundaries::patch_delegation,
        boundaries::list_scripts, boundaries::one_script, boundaries::fill_script,
        boundaries::list_mistakes, boundaries::create_mistake,
        outcomes::summary, outcomes::git_weeks,
        awareness::get_critic, awareness::put_critic, awareness::list_values,
        awareness::create_value, awareness::list_practices, awareness::list_logs,
        awareness::create_log,
        experiments::ladder, experiments::gaps, experiments::add_rung, experiments::list, experiments::plan,
        experiments::record, experiments::calibration_report,
        joy::list_hobbies, joy::create_hobby, joy::list_blocks, joy::create_block,
        joy::mark_occurrence, joy::list_joy, joy::create_joy, joy::list_rests, joy::create_rest,
        joy::summary,
        programmes::list, programmes::one, programmes::status, programmes::start,
        programmes::stop, programmes::today,
        evidence::list_evidence, evidence::create_evidence, evidence::evidence_summary,
        practice::list_invitations, practice::create_invitation, practice::accept_invitation, practice::sign_up_by_invitation,
        practice::list_coaches, practice::consent_history, practice::set_consent,
        practice::end_link, practice::access_log, practice::my_reads, practice::list_clients,
        practice::client_checkins, practice::client_thoughts, practice::client_wins,
        practice::client_setbacks, practice::notes_about, practice::add_note, practice::my_notes, practice::client_report, practice::client_evidence, practice::client_experiments, practice::client_boundaries, practice::client_assessments, practice::client_joy, practice::client_crisis_dates,
        assignments::mine, assignments::mark, assignments::given, assignments::assign,
        offers::mine, offers::accept, offers::decline, offers::given, offers::make,
        content::list, content::upload, content::one, content::remove,
        admin::list_accounts, admin::disable, admin::enable, admin::reset,
        admin::practice_settings, admin::set_practice_settings, help::help_now,
        account::recovery_codes_left, account::new_recovery_codes,
        account::list_sessions, account::end_session,
        passkeys::list, passkeys::rename, passkeys::remove, passkeys::start, passkeys::finish,
        push::key, push::list, push::subscribe, push::remove, push::test,
        report::download),
    components(schemas(
        ErrorBody,
        goodenough_core::review::WeeklyReview,
        goodenough_core::review::WeekComparison,
        goodenough_core::review::Row,
        goodenough_core::figures::PeriodFigures,
        goodenough_core::figures::Measure,
        goodenough_core::figures::Direction,
        goodenough_core::figures::Unit,
        goodenough_core::figures::Outcome,
        goodenough_core::figures::Window,
        goodenough_core::figures::Coverage,
        goodenough_core::figures::MeasureSeries,
        goodenough_core::figures::OutcomeSeries,
        goodenough_core::figures::OutcomeProgress,
        reviews::NewReview,
        goodenough_core::evidence::EvidenceEntry,
        goodenough_core::evidence::EvidenceKind,
        goodenough_core::evidence::Attribution,
        goodenough_core::evidence::EvidenceSummary,
        goodenough_core::evidence::AttributionCounts,
        goodenough_core::evidence::MonthAttribution,
        evidence::NewEvidence,
        goodenough_core::export::Coaching,
        goodenough_core::export::CoachRecord,
        goodenough_core::export::ConsentRecord,
        goodenough_core::export::AccessRecord,
        goodenough_core::export::NoteRecord,
        goodenough_core::export::AssignmentRecord,
        practice::CoachLink,
        practice::ClientBoundaries,
        practice::SharedResult,
        practice::ClientJoy,
        admin::AccountInfo,
        admin::ResetLink,
        admin::PracticeBody,
        help::HelpNow,
        goodenough_core::practice_settings::CrisisResource,
        account::RecoveryCodesLeft,
        account::NewRecoveryCodes,
        account::SessionInfo,
        passkeys::PasskeyInfo,
        passkeys::PasskeyName,
        passkeys::CeremonyStarted,
        passkeys::NewPasskey,
        push::PushKey,
        push::SubscriptionKeys,
        push::NewSubscription,
        push::Device,
        crate::push::Sent,
        practice::Consent,
        practice::AccessLine,
        practice::InvitationInfo,
        practice::NewInvitationAnswer,
        practice::NewInvitation,
        practice::Acceptance,
        practice::InvitationSignUp,
        practice::SignedUp,
        practice::NewConsent,
        practice::Note,
        practice::NewNote,
        practice::NotesFromCoach,
        assignments::Assignment,
        assignments::StepProgress,
        assignments::NewAssignment,
        assignments::NewStatus,
        goodenough_core::export::OfferRecord,
        offers::NewOffer,
        offers::OfferAcceptance,
        offers::OfferRefusal,
        content::Content,
        content::NewContent,
        goodenough_core::awareness::CriticProfile,
        goodenough_core::awareness::LifeValue,
        goodenough_core::awareness::Cue,
        goodenough_core::awareness::Practice,
        goodenough_core::awareness::PracticeLog,
        awareness::NewCritic,
        awareness::NewValue,
        awareness::NewPracticeLog,
        checkins::NewCheckIn,
        assessments::NewAssessment,
        goodenough_core::assessment::Instrument,
        goodenough_core::assessment::Item,
        goodenough_core::assessment::Scale,
        goodenough_core::assessment::Scoring,
        goodenough_core::assessment::Rule,
        goodenough_core::assessment::Transform,
        goodenough_core::assessment::Norms,
        goodenough_core::assessment::Cutoffs,
        goodenough_core::assessment::CutoffCriterion,
        goodenough_core::assessment::BandSide,
        goodenough_core::assessment::Band,
        goodenough_core::assessment::AssessmentResult,
        goodenough_core::assessment::Answer,
        goodenough_core::assessment::HistoryEntry,
        goodenough_core::assessment::Change,
        goodenough_core::assessment::Classification,
        CheckIn,
        Appreciation,
        LifeArea,
        ThoughtRecord,
        Emotion,
        Win,
        Setback,
        Settings,
        thoughts::NewThought,
        thoughts::NewEmotion,
        Trap,
        TrapSuggestion,
        journal::NewWin,
        journal::NewSetback,
        Progress,
        Period,
        ExportDoc,
        goodenough_core::timebox::Timebox,
        goodenough_core::timebox::TimeboxView,
        goodenough_core::timebox::Extension,
        goodenough_core::timebox::Revision,
        goodenough_core::timebox::Outcome,
        timeboxes::NewTimebox,
        timeboxes::StopTimebox,
        timeboxes::ReviseTimebox,
        timeboxes::ExtendTimebox,
        goodenough_core::boundaries::NoRecord,
        goodenough_core::boundaries::Delegation,
        goodenough_core::boundaries::MistakeReview,
        goodenough_core::scripts::Script,
        goodenough_core::scripts::ScriptVariable,
        goodenough_core::scripts::FilledScript,
        boundaries::NewNo,
        boundaries::CompleteNo,
        boundaries::NewDelegation,
        boundaries::CompleteDelegation,
        boundaries::FillScript,
        boundaries::NewMistake,
        goodenough_core::outcomes::WeekOutcome,
        goodenough_core::experiment::Rung,
        goodenough_core::experiment::Gap,
        goodenough_core::experiment::Experiment,
        goodenough_core::experiment::ExperimentResult,
        goodenough_core::experiment::Happened,
        goodenough_core::calibration::Calibration,
        goodenough_core::calibration::MonthCalibration,
        goodenough_core::calibration::CalibrationReport,
        experiments::NewRung,
        experiments::NewExperiment,
        experiments::RecordExperiment,
        goodenough_core::gitsignals::GitWeek,
        goodenough_core::gitsignals::GitCommit,
        goodenough_core::joy::Hobby,
        goodenough_core::joy::Day,
        goodenough_core::joy::Block,
        goodenough_core::joy::Occurrence,
        goodenough_core::joy::JoyLog,
        goodenough_core::joy::RestKind,
        goodenough_core::joy::Rest,
        goodenough_core::joy::BlockWeek,
        goodenough_core::joy::HobbyWeek,
        goodenough_core::joy::RestMonth,
        goodenough_core::joy::JoySummary,
        joy::NewHobby,
        joy::NewBlock,
        joy::NewOccurrence,
        joy::NewJoy,
        joy::NewRest,
        goodenough_core::programme::Programme,
        goodenough_core::programme::Phase,
        goodenough_core::programme::Pillar,
        goodenough_core::programme::Feature,
        goodenough_core::programme::Cadence,
        goodenough_core::programme::Exercise,
        goodenough_core::programme::Milestone,
        goodenough_core::programme::DatedMilestone,
        goodenough_core::programme::RelapsePlan,
        goodenough_core::programme::Maintenance,
        goodenough_core::programme::Enrolment,
        goodenough_core::programme::Standing,
        goodenough_core::programme::EnrolmentStatus,
        goodenough_core::programme::Suggestion,
        goodenough_core::programme::DueKind,
        goodenough_core::programme::DueItem,
        goodenough_core::programme::Today,
        programmes::NewEnrolment,
    )),
    modifiers(&BearerAuth, &Contract),
    security(("bearer" = [])),
    tags(
        (name = "reminders", description = "Reminders on your devices (Web Push): the key to subscribe with, your devices, and a test message. A reminder says only \"Time for your evening check-in\", never anything you wrote."),
        (name = "account", description = "Your own sign-in: where you are signed in (device and last use; end one), and recovery codes for two-step sign-in (how many are left, and a fresh set shown once)"),
        (name = "operator", description = "The operator's side (admin accounts only): the accounts, disabling and enabling one, one-time password-reset links, and the practice's name and crisis resources. Nobody's records."),
        (name = "help", description = "Where to get help now: the practice's crisis resources first, then the general message. Open to everyone."),
        (name = "awareness", description = "The inner critic profile, values and roles beyond work, mindfulness practices and their log"),
        (name = "coaching", description = "The coaching practice: a coach's invitations and clients; a client's coaches, what they share with each (every version kept) and the access log of every coach read; the coach's read-only views of what is shared"),
        (name = "evidence", description = "The evidence log: accomplishments and praise, each with what it is put down to (luck, effort, help or ability), and the attribution summary"),
        (name = "check-ins", description = "Evening check-ins: mood, energy and three appreciations"),
        (name = "thoughts", description = "Thought records (the reframing journal) and the thinking traps"),
        (name = "wins and setbacks", description = "Wins to celebrate; setbacks as part of a path that is not a straight line"),
        (name = "progress and data", description = "Progress over weeks and months, and every record as one export document"),
        (name = "reviews and progress", description = "Weekly reviews (the week's figures from every pillar beside the four weeks before, and the reflection) and the four outcomes month by month"),
        (name = "timeboxes", description = "Timeboxes: a limit up front, then \"is it good enough to ship?\"; overruns, revisions and re-checks are counted as information"),
        (name = "experiments", description = "Exposure ladder, behavioural experiments (a prediction before, what actually happened after) and fear calibration"),
        (name = "programmes", description = "Programmes as data (phases, exercises with a cadence, milestones, maintenance), your enrolment, and today: the week and phase, suggestions and what is due"),
        (name = "joy", description = "Hobbies, weekly non-negotiable personal time (kept or skipped, never scolded), minutes of joy, rest and vacations"),
        (name = "boundaries", description = "Saying no (with guilt before and after), delegations, communication scripts and blameless mistake reviews"),
    ),
)]
pub struct ApiDoc;

/// Adds the bearer-token security scheme.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            BEARER,
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// Adds to every operation the answers the shared machinery gives (so no
/// handler can forget one), and the paging parameters to every list:
///
/// - 401 everywhere (no credentials, or a token that is not valid);
/// - 400 wherever a query, path or body is read ([`super::ApiQuery`],
///   [`super::ApiPath`], [`super::ApiJson`], [`super::paging::Paging`]);
/// - 403 on writes (a signed-in browser session without `X-CSRF-Token`);
/// - 413, 415 and 422 on operations with a body; 404 on paths with an id;
/// - on a `GET` whose 200 answer is an array: `limit` and `before`, and the
///   `Link` header of the next page.
///
/// Each added answer has the `{"error": …}` body. What an operation
/// declares itself is kept.
struct Contract;

impl Modify for Contract {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let Ok(mut paths) = serde_json::to_value(&openapi.paths) else {
            return;
        };
        if let Some(paths) = paths.as_object_mut() {
            for (path, item) in paths.iter_mut() {
                let Some(item) = item.as_object_mut() else {
                    continue;
                };
                for (method, op) in item.iter_mut() {
                    if matches!(method.as_str(), "get" | "post" | "put" | "patch" | "delete") {
                        complete(path, method, op);
                    }
                }
            }
        }
        if let Ok(p) = serde_json::from_value(paths) {
            openapi.paths = p;
        }
    }
}

/// The answers and parameters [`Contract`] adds to one operation.
fn complete(path: &str, method: &str, op: &mut serde_json::Value) {
    use serde_json::json;
    let is_list = method == "get"
        && op["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array";
    if is_list {
        let params = op
            .as_object_mut()
            .map(|o| o.entry("parameters").or_insert_with(|| json!([])));
        if let Some(params) = params.and_then(|p| p.as_array_mut()) {
            params.push(json!({
                "name": "limit",
                "in": "query",
                "required": false,
                "description": format!(
                    "How many items a page holds: 1 to {}, default {}. The first page holds the newest ones (still oldest first).",
                    super::paging::MAX_LIMIT,
                    super::paging::DEFAULT_LIMIT
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": super::paging::MAX_LIMIT,
                    "default": super::paging::DEFAULT_LIMIT
                }
            }));
            params.push(json!({
                "name": "before",
                "in": "query",
                "required": false,
                "description": "The cursor of the next page, from the `Link: <…>; rel=\"next\"` header of the page before (follow the link rather than building it). Without it, the newest page.",
                "schema": { "type": "integer", "minimum": 1 }
            }));
        }
        if let Some(ok) = op["responses"]["200"].as_object_mut() {
            let headers = ok.entry("headers").or_insert_with(|| json!({}));
            if let Some(h) = headers.as_object_mut() {
                h.insert(
                    "Link".into(),
                    json!({
                        "description": "`<…?limit=N&before=M>; rel=\"next\"`: the page of older items, present only when there is one",
                        "schema": { "type": "string" }
                    }),
                );
            }
        }
    }
    let has_params = op["parameters"].as_array().is_some_and(|p| !p.is_empty());
    let has_body = op.get("requestBody").is_some();
    let write = matches!(method, "post" | "put" | "patch" | "delete");
    let mut add = vec![(
        "401",
        "No credentials, or a token that is not valid (it may have been revoked)",
    )];
    if has_params || has_body || path.contains('{') {
        add.push((
            "400",
            "A query parameter, the path or the body cannot be read; the sentence names which and what it takes",
        ));
    }
    if write {
        add.push((
            "403",
            "A signed-in browser session sent it without the X-CSRF-Token header",
        ));
    }
    if path.contains('{') {
        add.push(("404", "There is no such record of yours"));
    }
    if has_body {
        add.push(("413", "The body is larger than the server takes"));
        add.push(("415", "The body is not sent as application/json"));
        add.push((
            "422",
            "A value breaks a rule (a range, an empty text, a date after today); the sentence says which",
        ));
    }
    let Some(responses) = op
        .as_object_mut()
        .and_then(|o| o.get_mut("responses"))
        .and_then(|r| r.as_object_mut())
    else {
        return;
    };
    for (status, description) in add {
        responses.entry(status).or_insert_with(|| {
            json!({
                "description": description,
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ErrorBody" } } }
            })
        });
    }
}
