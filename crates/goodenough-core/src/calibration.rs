//! Fear calibration: how often the feared outcome of an experiment came true,
//! against how likely it felt beforehand. The headline figure of pillar 4.
//!
//! Each recorded experiment gives a forecast `p` (the likelihood, 0-1) and an
//! outcome `o` (yes = 1, partly = 0.5, no = 0). The Brier score is the mean of
//! `(p - o)²`: 0 is a perfect forecast, 0.25 is a coin toss, 1 is always
//! certain and always wrong.

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
}
