//! Reads everything the progress report shows (core's `report`) for one
//! person and range, so the CLI and the web app build the same document.
//! Every read filters by the owner; only the window's records are read
//! where the store can do so.

use chrono::NaiveDate;
use goodenough_core::assessment::{self, Instrument};
use goodenough_core::evidence;
use goodenough_core::figures::OutcomeProgress;
use goodenough_core::programme::Programme;
use goodenough_core::report::{AssessmentTrack, ProgrammeTrack, ReportInput};

use crate::{Result, Store};

/// The earliest date with anything the report shows: the journey's first
/// record, the first questionnaire or the first evidence entry.
pub async fn first_date(store: &dyn Store, person: &str) -> Result<Option<NaiveDate>> {
    let journey = store.first_record_date(person).await?;
    let assessment = store
        .list_assessments(person, None)
        .await?
        .iter()
        .map(|a| a.date)
        .min();
    let evidence = store
        .list_evidence(person, None, None)
        .await?
        .first()
        .map(|e| e.date);
    Ok([journey, assessment, evidence].into_iter().flatten().min())
}

/// Everything the report shows for `person` in `from..=to`. Questionnaires
/// and programmes are looked up in the catalogues given (shipped ones plus
/// the person's own files, as the caller knows them).
#[allow(clippy::too_many_arguments)]
pub async fn report_input(
    store: &dyn Store,
    person: &str,
    display_name: &str,
    from: NaiveDate,
    to: NaiveDate,
    made_on: NaiveDate,
    instruments: &[Instrument],
    programmes: &[Programme],
) -> Result<ReportInput> {
    let facts = store.period_facts(person, from, to).await?;
    // Months are whole only up to the day the report is made.
    let progress = OutcomeProgress::compute(&facts, from, to.min(made_on));

    let results = store.list_assessments(person, None).await?;
    let mut assessments = Vec::new();
    for instrument in instruments {
        let mine: Vec<_> = results
            .iter()
            .filter(|r| r.instrument == instrument.id && r.date <= to)
            .cloned()
            .collect();
        if mine.is_empty() {
            continue;
        }
        // Compared with the very first result, then cut to the range.
        let entries: Vec<_> = assessment::history(instrument, mine)
            .into_iter()
            .filter(|e| e.result.date >= from)
            .collect();
        if entries.is_empty() {
            continue;
        }
        let top = entries
            .iter()
            .map(|e| e.result.total)
            .fold(0.0f64, f64::max);
        let bottom = entries
            .iter()
            .map(|e| e.result.total)
            .fold(0.0f64, f64::min);
        let note = entries
            .last()
            .and_then(|e| instrument.note_for(e.result.total))
            .map(str::to_string);
        assessments.push(AssessmentTrack {
            instrument: instrument.id.clone(),
            title: instrument.title.clone(),
            higher_is_better: instrument.higher_is_better,
            range: (bottom, (top * 1.15).max(1.0)),
            entries,
            note,
        });
    }

    let mut tracks = Vec::new();
    for e in store.list_enrolments(person).await? {
        let Some(p) = programmes.iter().find(|p| p.id == e.programme_id) else {
            continue;
        };
        tracks.push(ProgrammeTrack {
            title: p.title.clone(),
            started_on: e.started_on,
            stopped_on: e.stopped_on,
            milestones: p.milestones_dated(e.started_on),
        });
    }

    let reviews = store
        .list_reviews(person)
        .await?
        .into_iter()
        .filter(|r| r.week_start >= from && r.week_start <= to)
        .collect();
    let entries = store.list_evidence(person, Some(from), Some(to)).await?;
    Ok(ReportInput {
        display_name: display_name.to_string(),
        from,
        to,
        made_on,
        progress,
        assessments,
        programmes: tracks,
        reviews,
        wins: facts.wins.clone(),
        setbacks: facts.setbacks.clone(),
        evidence: evidence::summarize(&entries),
    })
}
