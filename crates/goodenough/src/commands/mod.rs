//! One module per subcommand. Each exposes `Args` (clap) and `run`.

pub mod assess;
pub mod assignments;
pub mod awareness;
pub mod backup;
pub mod boundaries;
pub mod calendar;
pub mod checkin;
pub mod clients;
pub mod clients_read;
pub mod coach;
pub mod content;
pub mod demo;
pub mod demo_practice;
pub mod encryption;
pub mod erase;
pub mod evidence;
pub mod experiments;
pub mod export;
pub mod git;
pub mod help_now;
pub mod import;
pub mod journal;
pub mod joy;
pub mod migrate;
pub mod offers;
pub mod outcomes;
pub mod passkeys;
pub mod practice_settings;
pub mod programme;
pub mod reframe;
pub mod reminders;
pub mod report;
pub mod review;
pub mod script;
pub mod secret;
pub mod serve;
pub mod settings;
pub mod timebox;
pub mod token;
pub mod traps;
pub mod unlock;
pub mod user;

use anyhow::Result;
use clap::Subcommand;

use crate::context::Context;
use crate::Cli;

/// Every subcommand.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evening check-in: mood, energy and three things you appreciate about yourself.
    Checkin(checkin::CheckinArgs),
    /// List check-ins, with kind consistency figures.
    Checkins(checkin::ListArgs),
    /// Write a thought record and reframe a self-critical thought.
    Reframe(reframe::ReframeArgs),
    /// List thought records.
    Thoughts(reframe::ListArgs),
    /// Thinking traps: list them, or explain which ones a text suggests.
    Traps(traps::TrapsArgs),
    /// Log a win, small or large.
    Win(journal::WinArgs),
    /// List wins.
    Wins(journal::ListArgs),
    /// Log a setback (progress is not a straight line).
    Setback(journal::SetbackArgs),
    /// List setbacks.
    Setbacks(journal::ListArgs),
    /// Record saying no (`no --request … --response … --guilt-before N`), or complete one (`no update ID`).
    No(boundaries::NoArgs),
    /// List times you said no, with guilt before and after.
    Noes,
    /// Record a task handed on (`delegate "TASK" --to NAME`), or complete one (`delegate update ID`).
    Delegate(boundaries::DelegateArgs),
    /// List delegations.
    Delegations,
    /// Communication scripts for boundaries: list, show, fill.
    Script {
        #[command(subcommand)]
        command: script::ScriptCommand,
    },
    /// Blameless mistake reviews: `mistake add --what … --cost … --taught … --friend …`.
    Mistake {
        #[command(subcommand)]
        command: boundaries::MistakeCommand,
    },
    /// List mistake reviews.
    Mistakes,
    /// Exposure ladder: `ladder` lists rungs; `ladder add "ACTION" --distress N`, `ladder done ID`, `ladder remove ID`, `ladder gaps`.
    Ladder(experiments::LadderArgs),
    /// Behavioural experiments: `experiment plan …` before, `experiment record ID …` after.
    Experiment {
        #[command(subcommand)]
        command: experiments::ExperimentCommand,
    },
    /// List behavioural experiments.
    Experiments(experiments::ListArgs),
    /// Fear calibration: how likely the feared outcome felt against how often it happened.
    Calibration(experiments::CalibrationArgs),
    /// Timebox a piece of work: start, status, watch, revise, recheck, extend, stop.
    Timebox {
        #[command(subcommand)]
        command: timebox::TimeboxCommand,
    },
    /// List timeboxes: limit, actual minutes, overrun, revisions, re-checks, outcome.
    Timeboxes(timebox::ListArgs),
    /// Overwork signals from a local git repository: `git scan PATH`, `git weeks`.
    Git {
        #[command(subcommand)]
        command: git::GitCommand,
    },
    /// Hobbies: `hobby add "piano"`.
    Hobby {
        #[command(subcommand)]
        command: joy::HobbyCommand,
    },
    /// List hobbies.
    Hobbies,
    /// Weekly non-negotiable personal time: `block add "painting" --weekly sat 10:00-12:00`, `block kept ID`, `block skipped ID`.
    Block {
        #[command(subcommand)]
        command: joy::BlockCommand,
    },
    /// List personal-time blocks with their next date.
    Blocks,
    /// Joy summaries (`joy [--weeks N]`), or log time on a hobby (`joy log NAME 45m`).
    Joy(joy::JoyArgs),
    /// Record rest: `rest add --from D --to D --kind vacation|rest-day [--guilt 0-10]`.
    Rest {
        #[command(subcommand)]
        command: joy::RestCommand,
    },
    /// List vacations and rest days.
    Rests,
    /// Outcome summary per week: overruns, revisions, noes, guilt, delegations, after-hours commits.
    Boundaries(outcomes::BoundariesArgs),
    /// Your inner critic: `critic` shows it; `critic set --name … --says … --learned … --protects … --kind-answer …`.
    Critic(awareness::CriticArgs),
    /// Values and roles outside work: `value add "friend" --practice "…"`, `value remove ID`.
    Value(awareness::ValueArgs),
    /// List your values and roles outside work.
    Values,
    /// Mindfulness practices: `practice list`, `practice run NAME [--minutes N]`, `practice log NAME 10m`.
    Practice(awareness::PracticeArgs),
    /// List the practice log.
    Practices,
    /// Write your calendar (check-in reminder, personal time by title, timebox, experiment due dates) as an .ics file.
    Calendar(calendar::CalendarArgs),
    /// Questionnaires: `assess list`, `assess show ID`, `assess take ID [--answers 3,2,…]`, `assess history ID`.
    Assess {
        #[command(subcommand)]
        command: assess::AssessCommand,
    },
    /// Rate the four problem areas 0-10 with your own examples (the perfectionism snapshot).
    Intake(assess::IntakeArgs),
    /// Your coaches: `coach` lists them and what each may read; `coach share LINK CATEGORY [--from DATE]`, `coach unshare LINK CATEGORY`, `coach history LINK`, `coach end LINK`, `coach log`, `coach notes`, `coach accept LINK`.
    Coach(coach::CoachArgs),
    /// For a coach: `clients` lists your clients (programme, week, what each shares); `clients offer CLIENT PROGRAMME [--note …]`, `clients offers CLIENT`, `clients assign CLIENT KIND --due DATE [--detail …] [--note …]`, `clients steps CLIENT`, `clients crisis-dates CLIENT`.
    Clients(clients::ClientsArgs),
    /// Steps your coaches gave you: `assignments` lists them; `assignments done ID`, `assignments not-for-me ID [--reason TEXT]`, `assignments reopen ID`.
    Assignments(assignments::AssignmentsArgs),
    /// A coach's own programmes, scripts and questionnaires: `content` lists them; `content upload FILE --kind programme|script|questionnaire [--replace]`, `content remove ID`.
    Content(content::ContentArgs),
    /// Evidence log: `evidence add "TEXT" --kind accomplishment|praise --attribution luck|effort|help|ability`, `evidence [list]`, `evidence summary`.
    Evidence(evidence::EvidenceArgs),
    /// Programmes: `programme list`, `show ID`, `validate FILE`, `start ID [--on DATE] [--replace]`, `status`, `stop`, `offers`, `accept ID`, `decline ID`.
    Programme {
        #[command(subcommand)]
        command: programme::ProgrammeCommand,
    },
    /// What today holds: your programme's week and phase, its suggestions, and what is due.
    Today(programme::TodayArgs),
    /// Weekly review: `review week [--on DATE] [--breakthrough …] [--setback …] [--celebrate …]`.
    Review {
        #[command(subcommand)]
        command: review::ReviewCommand,
    },
    /// List saved weekly reviews, oldest first.
    Reviews,
    /// The four outcomes month by month, with the change from the first month.
    Progress,
    /// Write the printable progress report: `report [--from D] [--to D] --out report.html [--format html|md]`.
    Report(report::ReportArgs),
    /// Where to get help now, if things are very hard.
    HelpNow,
    /// Show or change your settings (name, time zone, working hours, reminder).
    Settings(settings::SettingsArgs),
    /// The devices that get reminders and the next planned check-in reminder (`--json`).
    Reminders,
    /// Export all your data (JSON, or CSV per kind).
    Export(export::ExportArgs),
    /// Import an export (idempotent, all-or-nothing).
    Import(import::ImportArgs),
    /// Erase every record you have, for real.
    Erase(erase::EraseArgs),
    /// Copy your account and every record into a practice's store: `migrate --to postgres://…` (twice adds nothing).
    Migrate(migrate::MigrateArgs),
    /// Copy the whole SQLite store to a file, safely while a server writes: `backup --out FILE`.
    Backup(backup::BackupArgs),
    /// Put a backup in place of the store, after checking it: `restore FILE [--force]`.
    Restore(backup::RestoreArgs),
    /// Encrypt the SQLite store at rest (asks for a new passphrase, or reads --key-file).
    Encrypt,
    /// Change the passphrase of an encrypted store: `rekey [--new-key-file FILE]`.
    Rekey(encryption::RekeyArgs),
    /// Turn encryption at rest off again (the store becomes a plain SQLite file).
    Decrypt,
    /// Keep an encrypted store's key for a while, so commands stop asking: `unlock [--for 8h]`.
    Unlock(unlock::UnlockArgs),
    /// Forget the key kept by `unlock` (`--all`: every store's).
    Lock(unlock::LockArgs),
    /// Fill an empty store with a realistic demo journey.
    Demo(demo::DemoArgs),
    /// Run the web app (pages and JSON API) on this store.
    Serve(serve::ServeArgs),
    /// Web accounts: `user add EMAIL --password-stdin [--role client|coach|admin]`.
    User {
        #[command(subcommand)]
        command: user::UserCommand,
    },
    /// The practice's name and crisis resources (operator): `practice-settings show|set --name … --crisis-file FILE`.
    PracticeSettings {
        #[command(subcommand)]
        command: practice_settings::PracticeSettingsCommand,
    },
    /// Personal access tokens for the JSON API.
    Token {
        #[command(subcommand)]
        command: token::TokenCommand,
    },
    /// Your passkeys: `passkeys [list]`, `passkeys remove HANDLE` (adding one is on the web's Security page).
    Passkeys {
        #[command(subcommand)]
        command: Option<passkeys::PasskeysCommand>,
    },
    /// Print shell completions.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Completions { shell } = &cli.command {
        // Written whole, then handed to stdout in one write whose error
        // (a reader that closed early, as `| head -1` does) is returned, not
        // a panic inside clap_complete.
        let mut cmd = crate::args::command();
        let mut script = Vec::new();
        clap_complete::generate(*shell, &mut cmd, "goodenough", &mut script);
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(&script)?;
        out.flush()?;
        return Ok(());
    }
    if let Command::HelpNow = &cli.command {
        // Works even when the store cannot be opened.
        return help_now::run(cli.data_dir.as_deref(), cli.database.as_deref(), cli.json);
    }
    // The web and account commands need no CLI person to exist.
    let (data_dir, database) = (cli.data_dir.as_deref(), cli.database.as_deref());
    match cli.command {
        Command::Serve(a) => return serve::run(data_dir, database, a).await,
        Command::User { command } => return user::run(data_dir, database, cli.json, command).await,
        Command::PracticeSettings { command } => {
            return practice_settings::run(data_dir, database, cli.json, command).await
        }
        Command::Backup(a) => return backup::backup(data_dir, database, cli.json, a).await,
        Command::Restore(a) => return backup::restore(data_dir, database, cli.json, a).await,
        Command::Encrypt => return encryption::encrypt(data_dir, database, cli.json).await,
        Command::Rekey(a) => return encryption::rekey(data_dir, database, cli.json, a).await,
        Command::Decrypt => return encryption::decrypt(data_dir, database, cli.json).await,
        Command::Unlock(a) => return unlock::unlock(data_dir, database, cli.json, a).await,
        Command::Lock(a) => return unlock::lock(data_dir, database, cli.json, a).await,
        Command::Token { command } => {
            return token::run(data_dir, database, cli.json, command).await
        }
        Command::Passkeys { command } => {
            return passkeys::run(data_dir, database, cli.json, command).await
        }
        _ => {}
    }
    let ctx = Context::open(cli.data_dir.as_deref(), cli.database.as_deref(), cli.json).await?;
    let result = run_with(&ctx, cli.command).await;
    if crate::signpost::shown_this_run() {
        // The date only, never the words. Keeping it must not change what
        // the command answers: a failure here is left unsaid (the help
        // itself is what matters).
        let _ = goodenough_app::crisis::shown(&ctx.scope()).await;
    }
    ctx.close().await;
    result
}

/// Runs a command that acts for the CLI's person.
async fn run_with(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Checkin(a) => checkin::run(ctx, a).await,
        Command::Checkins(a) => checkin::list(ctx, a).await,
        Command::Reframe(a) => reframe::run(ctx, a).await,
        Command::Thoughts(a) => reframe::list(ctx, a).await,
        Command::Traps(a) => traps::run(ctx, a).await,
        Command::Win(a) => journal::win(ctx, a).await,
        Command::Wins(a) => journal::wins(ctx, a).await,
        Command::Setback(a) => journal::setback(ctx, a).await,
        Command::Setbacks(a) => journal::setbacks(ctx, a).await,
        Command::No(a) => boundaries::no(ctx, a).await,
        Command::Noes => boundaries::noes(ctx).await,
        Command::Delegate(a) => boundaries::delegate(ctx, a).await,
        Command::Delegations => boundaries::delegations(ctx).await,
        Command::Script { command } => script::run(ctx, command).await,
        Command::Mistake { command } => boundaries::mistake(ctx, command).await,
        Command::Mistakes => boundaries::mistakes(ctx).await,
        Command::Ladder(a) => experiments::ladder(ctx, a).await,
        Command::Experiment { command } => experiments::experiment(ctx, command).await,
        Command::Experiments(a) => experiments::list(ctx, a).await,
        Command::Calibration(a) => experiments::calibration(ctx, a).await,
        Command::Timebox { command } => timebox::run(ctx, command).await,
        Command::Timeboxes(a) => timebox::list(ctx, a).await,
        Command::Git { command } => git::run(ctx, command).await,
        Command::Boundaries(a) => outcomes::run(ctx, a).await,
        Command::Hobby { command } => joy::hobby(ctx, command).await,
        Command::Hobbies => joy::hobbies(ctx).await,
        Command::Block { command } => joy::block(ctx, command).await,
        Command::Blocks => joy::blocks(ctx).await,
        Command::Joy(a) => joy::run(ctx, a).await,
        Command::Rest { command } => joy::rest(ctx, command).await,
        Command::Rests => joy::rests(ctx).await,
        Command::Critic(a) => awareness::critic(ctx, a).await,
        Command::Value(a) => awareness::value(ctx, a).await,
        Command::Values => awareness::values(ctx).await,
        Command::Practice(a) => awareness::practice(ctx, a).await,
        Command::Practices => awareness::practices(ctx).await,
        Command::Calendar(a) => calendar::run(ctx, a).await,
        Command::Assess { command } => assess::run(ctx, command).await,
        Command::Intake(a) => assess::intake(ctx, a).await,
        Command::Evidence(a) => evidence::run(ctx, a).await,
        Command::Coach(a) => coach::run(ctx, a).await,
        Command::Clients(args) => clients::run(ctx, args).await,
        Command::Assignments(a) => assignments::run(ctx, a).await,
        Command::Content(a) => content::run(ctx, a).await,
        Command::Report(a) => report::run(ctx, a).await,
        Command::Programme { command } => programme::run(ctx, command).await,
        Command::Today(a) => programme::today(ctx, a).await,
        Command::Review { command } => review::run(ctx, command).await,
        Command::Reviews => review::list(ctx).await,
        Command::Progress => review::progress(ctx).await,
        Command::Settings(a) => settings::run(ctx, a).await,
        Command::Reminders => reminders::run(ctx).await,
        Command::Export(a) => export::run(ctx, a).await,
        Command::Import(a) => import::run(ctx, a).await,
        Command::Erase(a) => erase::run(ctx, a).await,
        Command::Demo(a) => demo::run(ctx, a).await,
        Command::Migrate(a) => migrate::run(ctx, a).await,
        Command::HelpNow
        | Command::Completions { .. }
        | Command::Serve(_)
        | Command::Backup(_)
        | Command::Restore(_)
        | Command::Encrypt
        | Command::Rekey(_)
        | Command::Decrypt
        | Command::Unlock(_)
        | Command::Lock(_)
        | Command::User { .. }
        | Command::PracticeSettings { .. }
        | Command::Token { .. }
        | Command::Passkeys { .. } => Ok(()),
    }
}

/// The date of something that happened: the given `--date`/`--on` value,
/// or the person's today; refused (core's one rule, `clock::check_happened`)
/// when after today or before 1970. `what` names the record ("a win").
pub async fn happened_on(
    ctx: &Context,
    value: Option<&str>,
    what: &'static str,
) -> Result<chrono::NaiveDate> {
    let given = parse_date_arg(value)?;
    let today = ctx.today().await?;
    let date = given.unwrap_or(today);
    goodenough_core::clock::check_happened(what, date, today)?;
    Ok(date)
}

/// Parses an optional `--date`/`--since` value with a clear error.
pub fn parse_date_arg(value: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    value
        .map(goodenough_core::text::parse_date)
        .transpose()
        .map_err(anyhow::Error::from)
}

/// Core's validation sentences name the thing to fix, never a flag; the
/// command line adds which flag does it. `applies` picks the error the hint
/// belongs to; any other error passes through unchanged.
pub fn flag_hint<E>(e: E, applies: impl FnOnce(&E) -> bool, hint: &str) -> anyhow::Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    if applies(&e) {
        anyhow::anyhow!("{e} {hint}")
    } else {
        anyhow::Error::new(e)
    }
}
