//! Life areas an appreciation can belong to. The point of the evening
//! check-in is that worth is not only output, so `work` is one area of seven.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::error::ValidationError;

/// Where in life an appreciation belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum LifeArea {
    Work,
    Relationships,
    Health,
    Creativity,
    Rest,
    Character,
    Other,
}

impl LifeArea {
    /// Every area, in the order they are offered.
    pub const ALL: [LifeArea; 7] = [
        LifeArea::Work,
        LifeArea::Relationships,
        LifeArea::Health,
        LifeArea::Creativity,
        LifeArea::Rest,
        LifeArea::Character,
        LifeArea::Other,
    ];

    /// The lowercase name used in flags, JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            LifeArea::Work => "work",
            LifeArea::Relationships => "relationships",
            LifeArea::Health => "health",
            LifeArea::Creativity => "creativity",
            LifeArea::Rest => "rest",
            LifeArea::Character => "character",
            LifeArea::Other => "other",
        }
    }
}

impl fmt::Display for LifeArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LifeArea {
    type Err = ValidationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_lowercase();
        LifeArea::ALL
            .into_iter()
            .find(|a| a.as_str() == wanted)
            .ok_or_else(|| ValidationError::UnknownArea(s.trim().to_string()))
    }
}
