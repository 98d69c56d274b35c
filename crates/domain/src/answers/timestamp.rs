//! Points in time as UTC milliseconds, written as RFC 3339 in files.
//!
//! The domain never reads a clock: the shell passes "now" in, which keeps every rule testable.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    fn to_datetime(self) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp_nanos(self.0 as i128 * 1_000_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    pub fn to_rfc3339(self) -> String {
        self.to_datetime().format(&Rfc3339).unwrap_or_default()
    }

    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let dt = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        Some(Timestamp((dt.unix_timestamp_nanos() / 1_000_000) as i64))
    }

    /// The calendar year in the given offset from UTC (minutes): what a target year is met by.
    pub fn year(self, offset_minutes: i32) -> i32 {
        self.local(offset_minutes).year()
    }

    /// `2026-11-23` in the given offset from UTC (minutes): used in file names and reports.
    pub fn date_iso(self, offset_minutes: i32) -> String {
        let dt = self.local(offset_minutes);
        format!("{:04}-{:02}-{:02}", dt.year(), u8::from(dt.month()), dt.day())
    }

    /// `2026-11-23 14:05`, the Swedish way of writing a date and time.
    pub fn date_time_sv(self, offset_minutes: i32) -> String {
        let dt = self.local(offset_minutes);
        format!("{} {:02}:{:02}", self.date_iso(offset_minutes), dt.hour(), dt.minute())
    }

    fn local(self, offset_minutes: i32) -> OffsetDateTime {
        let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap_or(UtcOffset::UTC);
        self.to_datetime().to_offset(offset)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse_rfc3339(&text).ok_or_else(|| serde::de::Error::custom(format!("not an RFC 3339 time: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_rfc3339() {
        let t = Timestamp(1_795_430_700_123);
        let text = t.to_rfc3339();
        assert_eq!(text, "2026-11-23T10:45:00.123Z");
        assert_eq!(Timestamp::parse_rfc3339(&text), Some(t));
    }

    #[test]
    fn formats_swedish_local_dates() {
        let t = Timestamp::parse_rfc3339("2026-11-23T23:30:00Z").unwrap();
        assert_eq!(t.date_iso(0), "2026-11-23");
        assert_eq!(t.date_iso(60), "2026-11-24");
        assert_eq!(t.date_time_sv(60), "2026-11-24 00:30");
        let new_year = Timestamp::parse_rfc3339("2026-12-31T23:30:00Z").unwrap();
        assert_eq!((new_year.year(0), new_year.year(60)), (2026, 2027));
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(Timestamp::parse_rfc3339("igår"), None);
    }
}
