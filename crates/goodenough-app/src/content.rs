//! A coach's own content: programmes, communication scripts and
//! questionnaires they upload as TOML, in the format of the shipped ones.
//!
//! An upload is checked completely first ([`goodenough_core::coach_content::check`]):
//! every problem is named by line and field, all at once, and nothing is
//! kept while any remains. An id the server already offers (shipped, or
//! one of the operator's files) or one the coach already uploaded is
//! refused with a sentence, unless the coach asks to replace their own.
//! Only a coach account uploads. The coach's scripts and questionnaires
//! are readable by their clients with a live link; nobody else sees any
//! of it (an id of someone else's is "not found").
//!
//! These use cases act on the actor's own side (`Category::Coaching`), like
//! the rest of the practice.

use goodenough_core::coach_content::{self, Checked, ContentKind, ContentProblem};
use goodenough_core::scripts::Script;
use goodenough_store::coach_content::ContentItem;
use goodenough_store::{Role, StoreError};

use crate::access::{Action, Category};
use crate::{AppError, Result, Scope};

const CATEGORY: Category = Category::Coaching;

/// What a coach sends.
#[derive(Debug, Clone)]
pub struct Upload {
    /// programme, script or questionnaire.
    pub kind: String,
    /// The TOML text.
    pub text: String,
    /// Replace the coach's own file with the same kind and id.
    pub replace: bool,
}

/// The answer to an upload: kept, or refused with every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uploaded {
    Kept(ContentItem),
    Refused(Vec<ContentProblem>),
}

fn invalid(message: String) -> AppError {
    AppError::Invalid(goodenough_core::ValidationError::Other(message))
}

/// Checks and keeps a coach's file (the scope's person must be a coach).
pub async fn upload(scope: &Scope, upload: Upload) -> Result<Uploaded> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    let account = allowed.store.account(allowed.person).await?;
    if account.map(|a| a.role) != Some(Role::Coach) {
        return Err(AppError::Refused(
            "only a coach account can upload content; the operator can give this account the coach role."
                .to_string(),
        ));
    }
    let kind = ContentKind::parse(&upload.kind).map_err(invalid)?;
    let own = allowed.store.content_of(allowed.person).await?;
    let catalogues = scope.app().catalogues();
    let mut targets = catalogues.targets();
    targets.instruments.extend(
        own.iter()
            .filter(|c| c.kind == ContentKind::Questionnaire)
            .map(|c| c.content_id.clone()),
    );
    let checked = match coach_content::check(kind, &upload.text, &targets, "upload") {
        Ok(c) => c,
        Err(problems) => return Ok(Uploaded::Refused(problems)),
    };
    let id = checked.id().to_string();
    let offered = match &checked {
        Checked::Programme(_) => catalogues.programmes().list.iter().any(|p| p.id == id),
        Checked::Script(_) => catalogues.scripts().get(&id).is_ok(),
        Checked::Questionnaire(_) => catalogues.instruments().iter().any(|i| i.id == id),
    };
    if offered {
        return Err(AppError::Store(StoreError::Conflict(format!(
            "This server already offers a {kind} with the id \"{id}\"; give yours another id (the `{}` field) and upload it again.",
            if kind == ContentKind::Script { "name" } else { "id" }
        ))));
    }
    if !upload.replace && own.iter().any(|c| c.kind == kind && c.content_id == id) {
        return Err(AppError::Store(StoreError::Conflict(format!(
            "You already have a {kind} with the id \"{id}\"; choose \"replace\" to put this one in its place, or give it another id."
        ))));
    }
    let item = ContentItem {
        id: goodenough_core::id::new_id(),
        coach_id: allowed.person.to_string(),
        coach_name: String::new(),
        kind,
        content_id: id,
        title: checked.title().trim().to_string(),
        body: upload.text,
        uploaded_at: goodenough_core::clock::round(allowed.now),
    };
    allowed.store.add_content(&item, upload.replace).await?;
    let kept = allowed
        .store
        .get_content(&item.id)
        .await?
        .ok_or(AppError::not_found("content"))?;
    Ok(Uploaded::Kept(kept))
}

/// The coach's own files, by kind then id.
pub async fn mine(scope: &Scope) -> Result<Vec<ContentItem>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    Ok(allowed.store.content_of(allowed.person).await?)
}

/// The scripts and questionnaires of the person's coaches (live links
/// only), by kind, id and coach.
pub async fn from_coaches(scope: &Scope) -> Result<Vec<ContentItem>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let all = allowed.store.content_for_client(allowed.person).await?;
    Ok(all
        .into_iter()
        .filter(|c| c.kind != ContentKind::Programme)
        .collect())
}

/// One file: the coach's own, or a script or questionnaire of one of the
/// person's coaches. Anything else is not found.
pub async fn get(scope: &Scope, id: &str) -> Result<ContentItem> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let found = allowed
        .store
        .get_content(id)
        .await?
        .ok_or(AppError::not_found("content"))?;
    if found.coach_id == allowed.person {
        return Ok(found);
    }
    if found.kind != ContentKind::Programme
        && allowed
            .store
            .live_link(&found.coach_id, allowed.person)
            .await?
            .is_some()
    {
        return Ok(found);
    }
    Err(AppError::not_found("content"))
}

/// Removes one of the coach's files. Clients who started a programme from
/// it keep the copy they started.
pub async fn remove(scope: &Scope, id: &str) -> Result<()> {
    let allowed = scope.allow(CATEGORY, Action::Write).await?;
    if allowed.store.remove_content(allowed.person, id).await? {
        Ok(())
    } else {
        Err(AppError::not_found("content"))
    }
}

/// A script of one of the person's coaches, ready to fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoachScript {
    pub script: Script,
    pub coach_name: String,
}

/// The communication scripts of the person's coaches (live links only),
/// by name, to list and fill beside the shipped ones. A file that no longer
/// reads (it was checked on upload) is left out.
pub async fn coach_scripts(scope: &Scope) -> Result<Vec<CoachScript>> {
    let allowed = scope.allow(CATEGORY, Action::Read).await?;
    let all = allowed.store.content_for_client(allowed.person).await?;
    Ok(all
        .into_iter()
        .filter(|c| c.kind == ContentKind::Script)
        .filter_map(|c| {
            let origin = format!("from your coach {}", c.coach_name);
            Script::parse(&c.content_id, &c.body, &origin)
                .ok()
                .map(|script| CoachScript {
                    script,
                    coach_name: c.coach_name,
                })
        })
        .collect())
}
