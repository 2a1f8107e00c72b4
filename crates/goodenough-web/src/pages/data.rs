//! `/data`: your data is yours. Export everything (the JSON document the
//! CLI's `goodenough export` writes, or CSV per kind, rendered by
//! `goodenough_core::export::csv` exactly as the CLI writes it), import an export
//! (validated, all or nothing, records already here are skipped), the
//! calendar feed for the evening reminder, and erasing the account with
//! every record.
//!
//! An export can also be downloaded encrypted with a passphrase (the age
//! format, armored so the file is text: `age -d` opens it, and it can be
//! pasted back), and the import opens such a file with its passphrase
//! (`crate::sealing`, off the request threads).
//!
//! Import takes the export in a text field (URL-encoded, so the CSRF check
//! reads it like any form); with JavaScript, a file picker fills that field
//! (`assets/app.js`). This one route accepts bodies up to `import_limit`
//! (32 MiB by default) instead of the usual 256 KiB.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Form;
use goodenough_app::sealed::{self, ExposeSecret, Opener, Seal, SecretString};
use goodenough_app::{data, AppError};
use goodenough_core::export::kinds::KindCounts;
use goodenough_core::export::{csv, ExportDoc, ImportError};
use goodenough_core::text;
use maud::{html, Markup};
use serde::Deserialize;

use super::layout::{bare, csrf_field, notice, page};
use super::{redirect_with_cookie, Viewer};
use crate::auth;
use crate::error::PageError;
use crate::state::IMPORT_PATH;
use crate::AppState;

/// The routes of this group.
pub fn routes() -> crate::pages::Pages {
    crate::pages::Pages::new()
        .route("/data", get(show))
        .route("/data/export.json", get(export_json))
        .route("/data/export.json.age", post(export_sealed))
        .route("/data/export/{file}", get(export_csv))
        .route(
            IMPORT_PATH,
            // The CSRF guard has already read the body, up to
            // `import_limit`; lift the extractor's own 2 MB default.
            post(import).layer(DefaultBodyLimit::disable()),
        )
        .route("/data/erase", post(erase))
        .route("/data/calendar", post(calendar_new))
        .route("/data/calendar/off", post(calendar_off))
        .route("/data/erased", get(erased))
}

/// Everything a person keeps, as one export document.
pub async fn export_doc(state: &AppState, person: &str) -> Result<ExportDoc, PageError> {
    Ok(data::export(&state.scope(person)).await?)
}

/// What the page shows besides the sections.
#[derive(Default)]
struct Extra<'a> {
    message: Option<(&'a str, String)>,
    import_text: &'a str,
    import_error: Option<String>,
    export_error: Option<String>,
    erase_error: Option<&'a str>,
    new_feed_url: Option<&'a str>,
}

async fn render(state: &AppState, viewer: &Viewer, extra: Extra<'_>) -> Result<Markup, PageError> {
    let counts = data::counts(&state.scope(&viewer.person)).await?;
    let feed_on = state.store.calendar_token(&viewer.person).await?.is_some();
    Ok(page(
        viewer,
        "Your data",
        "/data",
        html! {
            h1 { "Your data" }
            @if let Some((kind, text)) = &extra.message { (notice(kind, text)) }
            p { "You keep " (text::count(counts.total(), "record", "records")) ": " (counts.sentence()) ". All of it is yours to take, move or erase." }

            section aria-labelledby="export-h" {
                h2 #export-h { "Export" }
                p { "One JSON file with everything, the same file " code { "goodenough export" } " writes and " code { "goodenough import" } " reads back." }
                p { a.button href="/data/export.json" download="goodenough-export.json" { "Download everything (JSON)" } }
                p { "For spreadsheets, one CSV file per kind:" }
                ul.csv-files {
                    @for name in csv::FILES {
                        li { a href={ "/data/export/" (name) } download { (name) } }
                    }
                }
                h3 #export-sealed-h { "Encrypted with a passphrase" }
                p { "The same JSON file, encrypted in the standard age format, so you can keep it on a shared drive or send it to yourself. It opens with the Import below, with " code { "goodenough import" } ", or with the " code { "age" } " tool (" code { "age -d" } "). Nobody can open it without the passphrase, and nobody can recover it if the passphrase is lost, so keep it somewhere safe." }
                @if let Some(e) = &extra.export_error { (notice("error", e)) }
                form.stack method="post" action="/data/export.json.age" aria-labelledby="export-sealed-h" {
                    (csrf_field(&viewer.csrf))
                    label for="export_passphrase" { "Passphrase (at least 8 characters; a few words are easy to remember)" }
                    input #export_passphrase name="passphrase" type="password" autocomplete="new-password" minlength="8" required;
                    label for="export_passphrase_again" { "The same passphrase again" }
                    input #export_passphrase_again name="passphrase_again" type="password" autocomplete="new-password" minlength="8" required;
                    button type="submit" { "Download encrypted (.json.age)" }
                }
            }

            section aria-labelledby="import-h" {
                h2 #import-h { "Import" }
                p { "Choose a goodenough JSON export file, or paste its contents. Everything in it is checked first: if anything is wrong, nothing is imported. Records you already have are skipped, so importing the same file twice adds nothing. Your settings are replaced by the ones in the file." }
                p { "An encrypted export (" code { ".json.age" } ") works too: give its passphrase below." }
                @if let Some(e) = &extra.import_error { (notice("error", e)) }
                form.stack.import method="post" action=(IMPORT_PATH) {
                    (csrf_field(&viewer.csrf))
                    // Shown by app.js, which reads the chosen file into the
                    // text field below; without JavaScript, paste instead.
                    div.file-pick hidden {
                        label for="export_file" { "Export file" }
                        input #export_file type="file" accept=".json,.age,application/json" data-fills="export";
                        p.hint #export_file_status role="status" {}
                    }
                    label for="export" { "Export file contents (JSON)" }
                    textarea #export name="export" rows="8" required spellcheck="false" { (extra.import_text) }
                    label for="import_passphrase" { "Passphrase (only for an encrypted export)" }
                    input #import_passphrase name="passphrase" type="password" autocomplete="off";
                    button type="submit" { "Import" }
                }
            }

            section aria-labelledby="calendar-h" {
                h2 #calendar-h { "Evening reminder in your calendar" }
                p { "A private calendar address with a daily check-in reminder at your reminder time, with an alert." }
                p { (super::calendar::FEED_HOLDS) }
                @if let Some(url) = extra.new_feed_url {
                    div.notice.ok role="status" {
                        p { "Your calendar address (copy it now into your calendar app; it is shown only this once):" }
                        p { code.token { (url) } }
                    }
                } @else if feed_on {
                    p { "A calendar address is active. Making a new one stops the old one from working." }
                } @else {
                    p { "No calendar address yet." }
                }
                form method="post" action="/data/calendar" {
                    (csrf_field(&viewer.csrf))
                    button type="submit" { @if feed_on { "Make a new calendar address" } @else { "Create a calendar address" } }
                }
                @if feed_on {
                    form method="post" action="/data/calendar/off" {
                        (csrf_field(&viewer.csrf))
                        button type="submit" { "Turn the calendar address off" }
                    }
                }
            }

            section aria-labelledby="erase-h" {
                h2 #erase-h { "Erase your account" }
                p { strong { "This erases your account together with every record in it (" (counts.sentence()) ") and your settings. It cannot be undone, and you will be signed out." } " If you might want them later, download the export first." }
                @if let Some(e) = extra.erase_error { (notice("error", e)) }
                form.stack method="post" action="/data/erase" {
                    (csrf_field(&viewer.csrf))
                    label for="erase_password" { "Your password, to confirm" }
                    input #erase_password name="password" type="password" autocomplete="current-password" required;
                    button type="submit" { "Erase my account and all my records" }
                }
            }
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Markup, PageError> {
    let mut extra = Extra::default();
    // After an import: how many of each kind were added (the redirect
    // carries every kind that had any), named by core's one list of kinds.
    let number = |key: &str| q.get(key).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    if q.contains_key("imported") {
        let added = KindCounts::from_fn(number);
        let mut message = format!("Imported {}.", added.sentence());
        let skipped = number("skipped");
        if skipped > 0 {
            message.push_str(&format!(
                " {} already here and skipped.",
                text::count(skipped, "record was", "records were")
            ));
        }
        extra.message = Some(("ok", message));
    }
    if q.get("calendar").map(String::as_str) == Some("off") {
        extra.message = Some(("ok", "The calendar address is off.".to_string()));
    }
    render(&state, &viewer, extra).await
}

fn attachment(content_type: &'static str, file_name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The export as pretty JSON with a final newline (like the CLI).
pub fn export_json_bytes(doc: &ExportDoc) -> Result<Vec<u8>, PageError> {
    let mut text = serde_json::to_string_pretty(doc).map_err(anyhow::Error::from)?;
    text.push('\n');
    Ok(text.into_bytes())
}

async fn export_json(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    let doc = export_doc(&state, &viewer.person).await?;
    let name = format!(
        "goodenough-export-{}.json",
        doc.exported_at.format("%Y-%m-%d")
    );
    Ok(attachment(
        "application/json",
        &name,
        export_json_bytes(&doc)?,
    ))
}

async fn export_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    // Checked before reading anything, so an unknown name costs nothing.
    if !csv::FILES.contains(&file.as_str()) {
        return Err(PageError::new(
            StatusCode::NOT_FOUND,
            format!(
                "There is no export file called \"{file}\". The files are listed on the Your data page, e.g. checkins.csv."
            ),
        ));
    }
    let doc = export_doc(&state, &viewer.person).await?;
    let bytes = match csv::file(&doc, &file) {
        Some(bytes) => bytes.map_err(anyhow::Error::from)?,
        None => return Err(PageError::not_found()),
    };
    Ok(attachment("text/csv; charset=utf-8", &file, bytes))
}

/// The import form: the export's text and, for an encrypted one, its
/// passphrase.
#[derive(Default)]
struct ImportForm {
    export: String,
    passphrase: String,
}

impl ImportForm {
    /// The form from its URL-encoded body. The export field can be tens of
    /// megabytes, so each value is decoded into a buffer sized once from its
    /// encoded length: the form extractor let the decoded text double as it
    /// grew, which at 32 MiB held about 60 MB of discarded buffers at the
    /// import's peak. A field named twice keeps its last value; unknown
    /// fields (the CSRF token, already checked) are skipped.
    fn from_body(body: &[u8]) -> ImportForm {
        let mut form = ImportForm::default();
        for pair in body.split(|b| *b == b'&') {
            let (key, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &pair[pair.len()..]),
            };
            match form_value(key).as_str() {
                "export" => form.export = form_value(value),
                "passphrase" => form.passphrase = form_value(value),
                _ => {}
            }
        }
        form
    }
}

/// One URL-encoded form value as text: `+` is a space, `%XX` a byte, and
/// bytes that are not UTF-8 become U+FFFD (as the form extractor did). The
/// decoded text is never longer than the encoded one, so the buffer never
/// grows.
fn form_value(encoded: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(encoded.len());
    for (i, part) in encoded.split(|b| *b == b'+').enumerate() {
        if i > 0 {
            bytes.push(b' ');
        }
        bytes.extend(percent_encoding::percent_decode(part));
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Whether the request says it carries a URL-encoded form.
fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

#[derive(Deserialize)]
struct SealForm {
    #[serde(default)]
    passphrase: String,
    #[serde(default)]
    passphrase_again: String,
}

/// The export, encrypted with the passphrase typed twice, as an armored
/// age file (text), downloaded as `goodenough-export-DATE.json.age`.
async fn export_sealed(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(f): Form<SealForm>,
) -> Result<Response, PageError> {
    let passphrase = SecretString::from(f.passphrase);
    let problem = if f.passphrase_again != passphrase.expose_secret() {
        Some("The two passphrases are not the same; type the same one in both boxes. Nothing was downloaded.".to_string())
    } else {
        sealed::check_new_passphrase(&passphrase).err().map(|e| {
            format!(
                "{} Nothing was downloaded.",
                crate::error::sentence(&e.to_string())
            )
        })
    };
    if let Some(message) = problem {
        let body = render(
            &state,
            &viewer,
            Extra {
                export_error: Some(message),
                ..Extra::default()
            },
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response());
    }
    let doc = export_doc(&state, &viewer.person).await?;
    let name = format!(
        "goodenough-export-{}.json.age",
        doc.exported_at.format("%Y-%m-%d")
    );
    let bytes = crate::sealing::seal(export_json_bytes(&doc)?, Seal::Passphrase(passphrase), true)
        .await
        .map_err(|e| {
            PageError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::error::sentence(&e.to_string()),
            )
        })?;
    Ok(attachment("application/octet-stream", &name, bytes))
}

/// The text of an export: as given (borrowed: an import may be 32 MiB, and
/// a copy would stay in the server's memory as long as the import runs),
/// or opened with the passphrase when it is an encrypted export. `Err` is
/// the sentence for the page (and its status).
async fn opened(f: &ImportForm) -> Result<Cow<'_, str>, (StatusCode, String)> {
    let text = f.export.trim_start();
    if !sealed::is_sealed(text.as_bytes()) {
        return Ok(Cow::Borrowed(&f.export));
    }
    if f.passphrase.is_empty() {
        return Err((
            StatusCode::BAD_REQUEST,
            "This export is encrypted: type its passphrase in the Passphrase box. Nothing was imported.".into(),
        ));
    }
    // A form sends line breaks as CR LF; the armor is read with LF.
    let armored = text.replace("\r\n", "\n").into_bytes();
    let plain = crate::sealing::open(
        armored,
        Opener::Passphrase(SecretString::from(f.passphrase.clone())),
    )
    .await
    .map_err(|e| {
        (
            StatusCode::BAD_REQUEST,
            format!(
                "{} Nothing was imported.",
                crate::error::sentence(&e.to_string())
            ),
        )
    })?;
    String::from_utf8(plain).map(Cow::Owned).map_err(|_| {
        (
            StatusCode::BAD_REQUEST,
            "The encrypted file holds no goodenough export (it is not text). Nothing was imported."
                .into(),
        )
    })
}

/// The status for an import that was refused.
pub fn import_status(e: &ImportError) -> StatusCode {
    match e {
        ImportError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::BAD_REQUEST,
    }
}

async fn import(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    if !is_form(&headers) {
        return Err(PageError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "The import takes the form on the Data page (application/x-www-form-urlencoded). Nothing was imported.",
        ));
    }
    let f = ImportForm::from_body(&body);
    // The body is decoded: its 32 MiB need not stay for the import.
    drop(body);
    let text = match opened(&f).await {
        Ok(text) => text,
        Err((status, message)) => {
            let body = render(
                &state,
                &viewer,
                Extra {
                    import_error: Some(message),
                    import_text: &f.export,
                    ..Extra::default()
                },
            )
            .await?;
            return Ok((status, body).into_response());
        }
    };
    // Parsed and checked whole (nothing dated after the person's today)
    // before anything is written.
    let outcome = match ExportDoc::parse(&text) {
        Ok(doc) => data::import(&state.scope(&viewer.person), &doc).await,
        Err(e) => Err(AppError::Import(e)),
    };
    let r = match outcome {
        Ok(r) => r,
        Err(AppError::Import(e)) => {
            let body = render(
                &state,
                &viewer,
                Extra {
                    message: Some(("error", e.to_string())),
                    import_text: &f.export,
                    ..Extra::default()
                },
            )
            .await?;
            return Ok((import_status(&e), body).into_response());
        }
        Err(e) => return Err(e.into()),
    };
    let mut to = format!("/data?imported=1&skipped={}", r.skipped);
    for (kind, n) in r.kind_counts().iter().filter(|(_, n)| *n > 0) {
        to.push_str(&format!("&{}={n}", kind.key));
    }
    Ok(Redirect::to(&to).into_response())
}

/// The address the browser used to reach us, for the feed URL.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if auth::is_secure(state, headers) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

async fn calendar_new(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Markup, PageError> {
    let token = super::calendar::new_feed_token(&state, &viewer.person).await?;
    let url = format!("{}/calendar/{token}.ics", base_url(&state, &headers));
    // Rendered directly (not redirected): the address is shown this once.
    render(
        &state,
        &viewer,
        Extra {
            new_feed_url: Some(&url),
            ..Extra::default()
        },
    )
    .await
}

async fn calendar_off(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    state.store.set_calendar_token(&viewer.person, None).await?;
    Ok(Redirect::to("/data?calendar=off").into_response())
}

#[derive(Deserialize)]
struct EraseForm {
    #[serde(default)]
    password: String,
}

async fn erase(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(f): Form<EraseForm>,
) -> Result<Response, PageError> {
    let hash = state
        .store
        .account(&viewer.person)
        .await?
        .map(|a| a.password_hash);
    if f.password.is_empty() || !auth::verify_password(f.password, hash).await {
        let body = render(
            &state,
            &viewer,
            Extra {
                erase_error: Some("That password does not match; nothing was erased. Type your sign-in password to confirm."),
                ..Extra::default()
            },
        )
        .await?;
        return Ok((StatusCode::FORBIDDEN, body).into_response());
    }
    state
        .store
        .delete_session(&viewer.person, &viewer.token_hash)
        .await?;
    data::erase(&state.scope(&viewer.person)).await?;
    tracing::info!("an account was erased at its owner's request");
    let clear = auth::set_cookie(
        auth::SESSION_COOKIE,
        "",
        auth::is_secure(&state, &headers),
        None,
    );
    Ok(redirect_with_cookie("/data/erased", clear))
}

async fn erased() -> Markup {
    bare(
        "Account erased",
        html! {
            h1 { "Your account is erased" }
            p role="status" { "Your account and every record in it are gone from this server, and you are signed out. Thank you for the time you spent here; take good care." }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_value_decodes_plus_percent_and_unicode_in_one_buffer() {
        let encoded = b"caf%C3%A9+%2B+50%25";
        let text = form_value(encoded);
        assert_eq!(text, "caf\u{e9} + 50%");
        // Sized once from the encoded length: the decoded text fits.
        assert!(text.capacity() <= encoded.len());
        assert_eq!(form_value(b"%FF"), "\u{fffd}");
        assert_eq!(form_value(b"100%"), "100%");
        assert_eq!(form_value(b""), "");
    }

    #[test]
    fn the_import_form_takes_its_two_fields_and_skips_the_rest() {
        let f = ImportForm::from_body(b"csrf=abc&export=%7B%22a%22%3A1%7D&passphrase=two+words&x");
        assert_eq!(f.export, "{\"a\":1}");
        assert_eq!(f.passphrase, "two words");
        let empty = ImportForm::from_body(b"");
        assert!(empty.export.is_empty() && empty.passphrase.is_empty());
        assert_eq!(ImportForm::from_body(b"export=a&export=b").export, "b");
    }

    #[test]
    fn only_a_urlencoded_body_is_a_form() {
        let mut h = HeaderMap::new();
        assert!(!is_form(&h));
        h.insert(
            header::CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=UTF-8"
                .parse()
                .expect("a value"),
        );
        assert!(is_form(&h));
        h.insert(
            header::CONTENT_TYPE,
            "application/json".parse().expect("a value"),
        );
        assert!(!is_form(&h));
    }
}
