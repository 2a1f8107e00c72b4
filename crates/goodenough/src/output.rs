//! Printing: JSON for scripts, plain text for people.

use serde::Serialize;

/// Prints a value as pretty JSON on stdout.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// An error and its causes as one line, without duplicated sentences.
pub fn error_chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let mut s = cause.to_string();
        if let Some(hint) = validation_of(cause).and_then(terminal_hint) {
            s = format!("{s} {hint}");
        }
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ")
}

/// The validation error in a cause, whether core's own or inside a use
/// case's answer.
fn validation_of<'a>(
    cause: &'a (dyn std::error::Error + 'static),
) -> Option<&'a goodenough_core::ValidationError> {
    cause
        .downcast_ref::<goodenough_core::ValidationError>()
        .or_else(|| match cause.downcast_ref::<goodenough_app::AppError>() {
            Some(goodenough_app::AppError::Invalid(v)) => Some(v),
            _ => None,
        })
}

/// What a person at a terminal can do about a validation error: core's
/// messages name no command or flag, so the CLI adds its own.
fn terminal_hint(e: &goodenough_core::ValidationError) -> Option<&'static str> {
    match e {
        goodenough_core::ValidationError::UnknownTrap(_) => {
            Some("Run `goodenough traps` to see the list.")
        }
        _ => None,
    }
}
