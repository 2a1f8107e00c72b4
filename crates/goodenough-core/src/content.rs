//! Content the product ships (`content/` at the workspace root), embedded at
//! compile time so the binary works anywhere; the CLI and web server layer
//! files from the person's data directory on top. Also the error type for
//! content files, which names the file, the line and the field.

use thiserror::Error;

/// Shipped thinking traps and reframe prompts.
pub const TRAPS_TOML: &str = include_str!("../../../content/traps.toml");
/// Shipped crisis-language rules and the default help message.
pub const SAFETY_TOML: &str = include_str!("../../../content/safety.toml");

/// A content file (shipped or the person's own) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
pub struct ContentError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ContentError {
    /// From a TOML parse error, with the line it points at.
    pub fn toml(file: &str, src: &str, err: &toml::de::Error) -> ContentError {
        let line = err.span().map(|span| {
            src.get(..span.start)
                .map(|s| s.matches('\n').count() + 1)
                .unwrap_or(1)
        });
        ContentError {
            file: file.to_string(),
            line,
            message: err.message().to_string(),
        }
    }

    /// A field-level problem found after parsing.
    pub fn field(file: &str, field: &str, message: String) -> ContentError {
        ContentError {
            file: file.to_string(),
            line: None,
            message: format!("field `{field}`: {message}"),
        }
    }
}
