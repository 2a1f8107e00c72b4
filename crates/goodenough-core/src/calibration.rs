//! Fear calibration: how often the feared outcome of an experiment came true,
//! against how likely it felt beforehand. The headline figure of pillar 4.
//!
//! Each recorded experiment gives a forecast `p` (the likelihood, 0-1) and an
//! outcome `o` (yes = 1, partly = 0.5, no = 0). The Brier score is the mean of
//! `(p - o)²`: 0 is a perfect forecast, 0.25 is a coin toss, 1 is always
//! certain and always wrong.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// One forecast and what happened.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forecast {
    /// How likely the feared outcome felt, 0-100.
    pub likelihood: u8,
    /// 1.0 happened, 0.5 partly, 0.0 did not.
    pub outcome: f64,
}

/// Calibration figures over a set of forecasts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Calibration {
    pub experiments: usize,
    /// Mean predicted likelihood, percent.
    pub mean_predicted: f64,
    /// Observed rate of the feared outcome, percent (partly counts half).
    pub observed_rate: f64,
    /// Mean squared error of the forecasts (lower is better).
    pub brier: f64,
    /// Experiments where the feared outcome fully happened.
    pub happened: usize,
    /// Experiments where it partly happened.
    pub partly: usize,
}

impl Calibration {
    /// Computes the figures; `None` when there is nothing recorded.
    pub fn compute(forecasts: &[Forecast]) -> Option<Calibration> {
        if forecasts.is_empty() {
            return None;
        }
        let n = forecasts.len() as f64;
        let mut sum_p = 0.0;
        let mut sum_o = 0.0;
        let mut sum_sq = 0.0;
        let mut happened = 0;
        let mut partly = 0;
        for f in forecasts {
            let p = f64::from(f.likelihood) / 100.0;
            sum_p += p;
            sum_o += f.outcome;
            sum_sq += (p - f.outcome).powi(2);
            if f.outcome >= 1.0 {
                happened += 1;
            } else if f.outcome > 0.0 {
                partly += 1;
            }
        }
        Some(Calibration {
            experiments: forecasts.len(),
            mean_predicted: round1(100.0 * sum_p / n),
            observed_rate: round1(100.0 * sum_o / n),
            brier: (sum_sq / n * 1000.0).round() / 1000.0,
            happened,
            partly,
        })
    }

    /// One plain sentence about the figures.
    pub fn sentence(&self) -> String {
        let partly = match self.partly {
            0 => String::new(),
            1 => " (and partly once more)".to_string(),
            k => format!(" (and partly {k} more times)"),
        };
        format!(
            "You expected the feared outcome about {:.0}% of the time; it happened {} in {}{}.",
            self.mean_predicted,
            if self.happened == 1 {
                "1 time".to_string()
            } else {
                format!("{} times", self.happened)
            },
            self.experiments,
            partly
        )
    }
}

/// The figures for one calendar month (by the day each experiment was done).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthCalibration {
    /// `YYYY-MM`.
    pub month: String,
    pub figures: Calibration,
}

/// Everything `calibration` shows: overall figures, the sentence and the
/// same figures per month, oldest month first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalibrationReport {
    /// The window's first day, when one was asked for.
    pub since: Option<NaiveDate>,
    /// Recorded experiments in the window.
    pub experiments: usize,
    /// `None` when nothing is recorded in the window.
    pub overall: Option<Calibration>,
    /// One plain sentence about the figures.
    pub sentence: String,
    pub months: Vec<MonthCalibration>,
}

/// What to say when there is nothing recorded yet.
pub const NOTHING_YET: &str = "No experiments recorded yet. Plan one, try it, and record what actually happened: the figures start with the first.";

/// Builds the report from dated forecasts (any order).
pub fn report(since: Option<NaiveDate>, items: &[(NaiveDate, Forecast)]) -> CalibrationReport {
    let mut by_month: BTreeMap<(i32, u32), Vec<Forecast>> = BTreeMap::new();
    for (date, f) in items {
        by_month
            .entry((date.year(), date.month()))
            .or_default()
            .push(*f);
    }
    let months = by_month
        .into_iter()
        .filter_map(|((y, m), fs)| {
            Calibration::compute(&fs).map(|figures| MonthCalibration {
                month: format!("{y:04}-{m:02}"),
                figures,
            })
        })
        .collect();
    let all: Vec<Forecast> = items.iter().map(|(_, f)| *f).collect();
    let overall = Calibration::compute(&all);
    let sentence = overall
        .as_ref()
        .map_or_else(|| NOTHING_YET.to_string(), Calibration::sentence);
    CalibrationReport {
        since,
        experiments: items.len(),
        overall,
        sentence,
        months,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_brier() {
        // p = 0.8, 0.6, 0.9; o = 0, 0.5, 1 → (0.64 + 0.01 + 0.01) / 3 = 0.22
        let f = [
            Forecast {
                likelihood: 80,
                outcome: 0.0,
            },
            Forecast {
                likelihood: 60,
                outcome: 0.5,
            },
            Forecast {
                likelihood: 90,
                outcome: 1.0,
            },
        ];
        let c = Calibration::compute(&f).expect("some");
        assert_eq!(c.brier, 0.22);
        assert_eq!(c.mean_predicted, 76.7);
        assert_eq!(c.observed_rate, 50.0);
        assert_eq!((c.happened, c.partly), (1, 1));
        assert!(c.sentence().contains("happened 1 time in 3"));
        assert!(Calibration::compute(&[]).is_none());
    }

    #[test]
    fn per_month_against_hand_computed_values() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
        let f = |likelihood, outcome| Forecast {
            likelihood,
            outcome,
        };
        // March: 80/no, 70/no → mean 75, observed 0, Brier (0.64 + 0.49) / 2 = 0.565
        // April: 60/partly → mean 60, observed 50, Brier 0.01
        // May: 50/yes, 30/no → mean 40, observed 50, Brier (0.25 + 0.09) / 2 = 0.17
        let items = [
            (d(4, 2), f(60, 0.5)),
            (d(3, 1), f(80, 0.0)),
            (d(5, 20), f(50, 1.0)),
            (d(3, 31), f(70, 0.0)),
            (d(5, 1), f(30, 0.0)),
        ];
        let r = report(Some(d(3, 1)), &items);
        assert_eq!(r.experiments, 5);
        let months: Vec<(&str, usize, f64, f64, f64)> = r
            .months
            .iter()
            .map(|m| {
                (
                    m.month.as_str(),
                    m.figures.experiments,
                    m.figures.mean_predicted,
                    m.figures.observed_rate,
                    m.figures.brier,
                )
            })
            .collect();
        assert_eq!(
            months,
            [
                ("2026-03", 2, 75.0, 0.0, 0.565),
                ("2026-04", 1, 60.0, 50.0, 0.01),
                ("2026-05", 2, 40.0, 50.0, 0.17),
            ]
        );
        // Overall: mean 58, observed 30, Brier (0.64+0.49+0.01+0.25+0.09)/5 = 0.296
        let o = r.overall.expect("some");
        assert_eq!(
            (o.mean_predicted, o.observed_rate, o.brier),
            (58.0, 30.0, 0.296)
        );
        assert_eq!(
            r.sentence,
            "You expected the feared outcome about 58% of the time; it happened 1 time in 5 (and partly once more)."
        );
        let empty = report(None, &[]);
        assert!(empty.overall.is_none() && empty.months.is_empty());
        assert_eq!(empty.sentence, NOTHING_YET);
    }
}
