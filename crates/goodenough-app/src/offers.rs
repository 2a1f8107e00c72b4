//! Programme offers: a coach offers one of their own programmes to a
//! client; the client reads it, then accepts (it starts, and from then on
//! runs like a shipped programme: Today, the week, the roster, the report)
//! or declines, with a reason if they like.
//!
//! The offer keeps a copy of the programme's text as it was offered, so
//! the client runs what they accepted even when the coach later changes or
//! removes their file. Like assignments, offers are the coach's and the
//! client's shared coaching business, not the client's records: the coach
//! sees whether an offer was accepted whatever the client shares, and
//! every offer made or looked at by the coach is a line in the client's
//! access log.

use chrono::NaiveDate;
use goodenough_core::coach_content::{self, Checked, ContentKind};
use goodenough_core::export::OfferRecord;
use goodenough_core::programme::{Enrolment, EnrolmentStatus, Programme};
use goodenough_store::offers::{Offer, OfferStatus};
use goodenough_store::practice::AccessEntry;
use goodenough_store::{Store, StoreError};

use crate::access::{Action, Category};
use crate::cache::Kind;
use crate::catalogues::Catalogues;
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Coaching;

/// The access-log category of a coach's programme offers.
pub const LOG_CATEGORY: &str = "programme offers";

/// Where a programme copied from a coach's offer says it came from.
pub const SOURCE: &str = "from your coach";

fn invalid(message: String) -> AppError {
    AppError::Invalid(goodenough_core::ValidationError::Other(message))
}

/// The programme in a copy kept with an offer, checked as on upload;
/// `None` when it no longer reads (a shipped questionnaire it named was
/// removed from this server, say).
pub fn parse_copy(body: &str, catalogues: &Catalogues) -> Option<Programme> {
    match coach_content::check(ContentKind::Programme, body, &catalogues.targets(), SOURCE) {
        Ok(Checked::Programme(p)) => {
            let mut p = *p;
            p.source = SOURCE.to_string();
            Some(p)
        }
        _ => None,
    }
}

/// `programmes` and, when `running` names a programme not among them, the
/// person's own copy of it (a coach's programme they accepted).
pub(crate) async fn with_running(
    store: &dyn Store,
    catalogues: &Catalogues,
    person: &str,
    programmes: &[Programme],
    running: Option<&Enrolment>,
) -> Result<Option<Programme>> {
    let Some(e) = running else { return Ok(None) };
    if programmes.iter().any(|p| p.id == e.programme_id) {
        return Ok(None);
    }
    Ok(store
        .accepted_programme(person, &e.programme_id)
        .await?
        .and_then(|body| parse_copy(&body, catalogues)))
}

/// Every coach programme the person accepted (their copies, the latest
/// of each id), for views that look back over past enrolments.
pub(crate) async fn accepted(
    store: &dyn Store,
    catalogues: &Catalogues,
    person: &str,
) -> Result<Vec<Programme>> {
    let mut out: Vec<Programme> = Vec::new();
    for offer in store.offers_to(person).await?.into_iter().rev() {
        if offer.status == OfferStatus::Accepted && !out.iter().any(|p| p.id == offer.programme_id)
        {
            out.extend(parse_copy(&offer.body, catalogues));
        }
    }
    Ok(out)
}

/// An offer as pages, the API and the CLI show it: the offer and, while
/// its copy reads, the programme in it (length, phases).
#[derive(Debug, Clone)]
pub struct OfferView {
    pub offer: Offer,
    pub programme: Option<Programme>,
}

impl OfferView {
    fn of(offer: Offer, catalogues: &Catalogues) -> OfferView {
        OfferView {
            programme: parse_copy(&offer.body, catalogues),
            offer,
        }
    }

    /// Still waiting for the client.
    pub fn waiting(&self) -> bool {
        self.offer.status == OfferStatus::Offered
    }

    /// The offer in the shape of the export, the API and `--json`.
    pub fn record(&self) -> OfferRecord {
        let o = &self.offer;
        OfferRecord {
            id: o.id.clone(),
            coach_name: o.coach_name.clone(),
            client_name: o.client_name.clone(),
            programme_id: o.programme_id.clone(),
            title: o.title.clone(),
            summary: self.programme.as_ref().map(|p| p.summary.clone()),
            weeks: self.programme.as_ref().map(|p| p.weeks),
            note: o.note.clone(),
            offered_at: o.offered_at,
            status: o.status.key().to_string(),
            reason: o.reason.clone(),
            decided_at: o.decided_at,
            body: o.body.clone(),
        }
    }
}

/// The offers made to `person`, oldest first, for their export.
pub(crate) async fn records(
    store: &dyn Store,
    catalogues: &Catalogues,
    person: &str,
) -> Result<Vec<OfferRecord>> {
    Ok(store
        .offers_to(person)
        .await?
        .into_iter()
        .map(|o| OfferView::of(o, catalogues).record())
        .collect())
}

async fn log_line(
    store: &dyn Store,
    offer_client: &str,
    coach: &str,
    coach_name: &str,
    action: Action,
    target: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    store
        .log_access(&AccessEntry {
            seq: 0,
            client_id: offer_client.to_string(),
            coach_id: coach.to_string(),
            coach_name: coach_name.to_string(),
            at: now,
            category: LOG_CATEGORY.to_string(),
            action: action.as_str().to_string(),
            target: target.to_string(),
            allowed: true,
        })
        .await?;
    Ok(())
}

/// The coach (the scope's person) offers one of their own programmes (by
/// the id inside its file) to one of their clients (a live link), with a
/// note. A programme already waiting for this client's answer is a
/// conflict; one they answered may be offered again.
pub async fn offer(
    scope: &Scope,
    client: &str,
    programme_id: &str,
    note: &str,
) -> Result<OfferView> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let link = allowed
        .store
        .live_link(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    let wanted = programme_id.trim();
    let own = allowed.store.content_of(allowed.person).await?;
    let programmes: Vec<_> = own
        .into_iter()
        .filter(|c| c.kind == ContentKind::Programme)
        .collect();
    let Some(item) = programmes
        .iter()
        .find(|c| c.content_id == wanted || c.id == wanted)
    else {
        let known: Vec<&str> = programmes.iter().map(|c| c.content_id.as_str()).collect();
        return Err(invalid(if known.is_empty() {
            "You have no programme of your own to offer yet: upload one on the Content page (or with `goodenough content upload FILE --kind programme`) first.".to_string()
        } else {
            format!(
                "You have no programme with the id \"{wanted}\". Offer one of yours: {}.",
                known.join(", ")
            )
        }));
    };
    let catalogues = scope.app().catalogues();
    if parse_copy(&item.body, catalogues).is_none() {
        return Err(invalid(format!(
            "Your programme \"{}\" no longer reads on this server (something it names was removed); upload it again with \"replace\" and then offer it.",
            item.content_id
        )));
    }
    let note = goodenough_core::text::optional("the note", Some(note))?.unwrap_or_default();
    let waiting = allowed
        .store
        .offers_between(allowed.person, client)
        .await?
        .into_iter()
        .any(|o| o.status == OfferStatus::Offered && o.programme_id == item.content_id);
    if waiting {
        return Err(AppError::Store(StoreError::Conflict(format!(
            "You offered \"{}\" to {} already and they have not answered yet; nothing was changed.",
            item.title, link.client_name
        ))));
    }
    let offer = Offer {
        id: goodenough_core::id::new_id(),
        coach_id: allowed.person.to_string(),
        coach_name: link.coach_name.clone(),
        client_id: client.to_string(),
        client_name: link.client_name.clone(),
        programme_id: item.content_id.clone(),
        title: item.title.clone(),
        body: item.body.clone(),
        note,
        offered_at: goodenough_core::clock::round(allowed.now),
        status: OfferStatus::Offered,
        reason: None,
        decided_at: None,
    };
    log_line(
        allowed.store,
        client,
        allowed.person,
        &link.coach_name,
        Action::Write,
        scope.target().unwrap_or("offer a programme"),
        allowed.now,
    )
    .await?;
    allowed.store.add_offer(&offer).await?;
    Ok(OfferView::of(offer, catalogues))
}

/// The offers the coach (the scope's person) made to one client, oldest
/// first. A client they were never linked with is not found.
pub async fn given(scope: &Scope, client: &str) -> Result<Vec<OfferView>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let grant = allowed
        .store
        .grant(allowed.person, client)
        .await?
        .ok_or(AppError::not_found("client of yours"))?;
    log_line(
        allowed.store,
        client,
        allowed.person,
        &grant.coach_name,
        Action::Read,
        scope.target().unwrap_or("programme offers"),
        allowed.now,
    )
    .await?;
    let catalogues = scope.app().catalogues();
    Ok(allowed
        .store
        .offers_between(allowed.person, client)
        .await?
        .into_iter()
        .map(|o| OfferView::of(o, catalogues))
        .collect())
}

/// The programmes the person's coaches offered them, oldest first. Kept
/// while the person's data and local date are unchanged, as their
/// assignments are (an offer made, decided or removed and a new name of the
/// coach who made it move the version: migration 0030).
pub async fn mine(scope: &Scope) -> Result<Vec<OfferView>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let catalogues = scope.app().catalogues();
    let kept = allowed
        .kept(Kind::Offers, |_, _| async {
            Ok(allowed
                .store
                .offers_to(allowed.person)
                .await?
                .into_iter()
                .map(|o| OfferView::of(o, catalogues))
                .collect::<Vec<_>>())
        })
        .await?;
    Ok(Vec::clone(&kept))
}

/// One of the person's offers.
pub async fn get(scope: &Scope, id: &str) -> Result<OfferView> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let found = allowed
        .store
        .get_offer(id.trim())
        .await?
        .filter(|o| o.client_id == allowed.person)
        .ok_or(AppError::not_found("programme offer"))?;
    Ok(OfferView::of(found, scope.app().catalogues()))
}

/// An accepted offer: the enrolment it started, the one it replaced and
/// where the new one stands today.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub offer: OfferView,
    pub enrolment: Enrolment,
    pub stopped: Option<Enrolment>,
    pub status: EnrolmentStatus,
}

/// The person accepts one of their offers: the programme starts with week
/// 1 on `started_on` (default today), in the same transaction. A programme
/// already running is a conflict (nothing is written) unless `replace`,
/// which stops it today.
pub async fn accept(
    scope: &Scope,
    id: &str,
    started_on: Option<NaiveDate>,
    replace: bool,
) -> Result<Accepted> {
    let allowed = scope.allow(Category::Programme, Action::Write).await?;
    let found = allowed
        .store
        .get_offer(id.trim())
        .await?
        .filter(|o| o.client_id == allowed.person)
        .ok_or(AppError::not_found("programme offer"))?;
    if found.status != OfferStatus::Offered {
        return Err(AppError::Store(StoreError::Conflict(format!(
            "You {} \"{}\" already; nothing was changed.",
            found.status.key(),
            found.title
        ))));
    }
    let catalogues = scope.app().catalogues();
    let programme = parse_copy(&found.body, catalogues).ok_or_else(|| {
        invalid(format!(
            "\"{}\" does not read on this server any more; ask {} to offer it again.",
            found.title, found.coach_name
        ))
    })?;
    if let Some(d) = started_on {
        goodenough_core::clock::check_date(d)?;
    }
    let today = allowed.today().await?;
    let enrolment = Enrolment {
        id: goodenough_core::id::new_id(),
        programme_id: programme.id.clone(),
        started_on: started_on.unwrap_or(today),
        stopped_on: None,
        created_at: allowed.now,
    };
    let stopped = match allowed
        .store
        .accept_offer(&found.id, &enrolment, replace.then_some(today), allowed.now)
        .await
    {
        Ok(stopped) => stopped,
        Err(StoreError::Conflict(m)) if m == goodenough_store::programmes::CONFLICT => {
            return Err(AppError::Store(StoreError::Conflict(
                "Another programme is running, and only one runs at a time. Choose to stop it today and start this one (your records from it stay), or stop it first; nothing was changed."
                    .to_string(),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let status = EnrolmentStatus::compute(
        Some(enrolment.clone()),
        std::slice::from_ref(&programme),
        today,
    );
    let offer = allowed
        .store
        .get_offer(&found.id)
        .await?
        .ok_or(AppError::not_found("programme offer"))?;
    Ok(Accepted {
        offer: OfferView::of(offer, catalogues),
        enrolment,
        stopped,
        status,
    })
}

/// The person declines one of their offers, with a reason if they like
/// (their coach sees it).
pub async fn decline(scope: &Scope, id: &str, reason: Option<&str>) -> Result<OfferView> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let reason = goodenough_core::text::optional("the reason", reason)?;
    let found = allowed
        .store
        .get_offer(id.trim())
        .await?
        .filter(|o| o.client_id == allowed.person)
        .ok_or(AppError::not_found("programme offer"))?;
    if !allowed
        .store
        .decline_offer(&found.id, reason.as_deref(), allowed.now)
        .await?
    {
        return Err(AppError::Store(StoreError::Conflict(format!(
            "You {} \"{}\" already; nothing was changed.",
            found.status.key(),
            found.title
        ))));
    }
    let offer = allowed
        .store
        .get_offer(&found.id)
        .await?
        .ok_or(AppError::not_found("programme offer"))?;
    Ok(OfferView::of(offer, scope.app().catalogues()))
}
