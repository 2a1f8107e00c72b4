//! Durations people type: `90m`, `1h30m`, `2h`, `45` (minutes). Used for
//! timebox limits, extensions and logged minutes.

use crate::error::ValidationError;

/// Parses a positive duration into whole minutes.
pub fn parse_minutes(field: &'static str, raw: &str) -> Result<u32, ValidationError> {
    let s = raw.trim().to_lowercase();
    let bad = || {
        ValidationError::Other(format!(
            "{field} \"{raw}\" is not a duration; write it like 90m, 1h30m or 2h (more than zero)."
        ))
    };
    if s.is_empty() || s.starts_with('-') {
        return Err(bad());
    }
    if let Ok(n) = s.parse::<u32>() {
        return if n == 0 { Err(bad()) } else { Ok(n) };
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut seen_unit = false;
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            number.push(ch);
        } else if ch == ' ' {
            continue;
        } else {
            let n: u64 = number.parse().map_err(|_| bad())?;
            number.clear();
            let factor = match ch {
                'h' => 60,
                'm' => 1,
                _ => return Err(bad()),
            };
            total = total.saturating_add(n.saturating_mul(factor));
            seen_unit = true;
        }
    }
    if !number.is_empty() || !seen_unit || total == 0 {
        return Err(bad());
    }
    u32::try_from(total)
        .ok()
        .filter(|m| *m <= 60 * 24 * 7)
        .ok_or_else(|| {
            ValidationError::Other(format!(
                "{field} \"{raw}\" is longer than a week; choose a shorter one."
            ))
        })
}

/// Formats minutes as `1h30m` / `45m`.
pub fn format_minutes(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    match (m / 60, m % 60) {
        (0, r) => format!("{sign}{r}m"),
        (h, 0) => format!("{sign}{h}h"),
        (h, r) => format!("{sign}{h}h{r}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(parse_minutes("limit", "90m"), Ok(90));
        assert_eq!(parse_minutes("limit", "1h30m"), Ok(90));
        assert_eq!(parse_minutes("limit", "2h"), Ok(120));
        assert_eq!(parse_minutes("limit", "45"), Ok(45));
        for bad in ["0m", "-5m", "90x", "", "h", "1h30", "0"] {
            assert!(parse_minutes("limit", bad).is_err(), "{bad}");
        }
        assert_eq!(format_minutes(90), "1h30m");
        assert_eq!(format_minutes(-15), "-15m");
    }
}
