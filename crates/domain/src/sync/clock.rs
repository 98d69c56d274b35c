//! A hybrid logical clock: stamps that follow the wall clock when devices agree on the time,
//! and still order "I saw your value, then changed it" correctly when a device's clock is wrong.
//!
//! A stamp is `(wall_ms, counter, device)`, totally ordered in that order. Ticking never goes
//! back (a physical clock set back only bumps the counter); observing a remote stamp moves the
//! clock past it, so whatever is typed after a change was seen is stamped later than it. A remote
//! stamp far ahead of this device's physical clock (a device whose clock says next year) is
//! clamped: the clock moves to at most [`MAX_AHEAD_MS`] past the physical time, so one wrong
//! clock cannot drag every device's stamps into the future.

use serde::{Deserialize, Serialize};

/// How far ahead of the local physical clock an observed stamp may pull the local clock.
pub const MAX_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;
/// Device ids are made by the app (random, short); anything longer is not one of ours.
pub const MAX_DEVICE_CHARS: usize = 64;

/// When and where a change was made. Ordered by `(wall_ms, counter, device)` (field order), so
/// two devices never make equal stamps and every device orders all stamps alike.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    /// Milliseconds since 1970 (UTC) as the clock knew it: close to the real time, never behind
    /// what the device has seen.
    pub wall_ms: u64,
    /// Orders stamps within one millisecond (or while the physical clock lags behind).
    pub counter: u32,
    /// The device that made the change: breaks the last ties.
    pub device: String,
}

impl Stamp {
    /// The wall time as a [`crate::answers::timestamp::Timestamp`], for "changed 2026-12-04 14:05".
    pub fn time(&self) -> crate::answers::timestamp::Timestamp {
        crate::answers::timestamp::Timestamp(i64::try_from(self.wall_ms).unwrap_or(i64::MAX))
    }

    /// The smallest stamp of another device that still sorts after this one.
    fn successor(&self, device: &str) -> Stamp {
        match self.counter.checked_add(1) {
            Some(counter) => Stamp { wall_ms: self.wall_ms, counter, device: device.to_string() },
            None => Stamp { wall_ms: self.wall_ms.saturating_add(1), counter: 0, device: device.to_string() },
        }
    }
}

/// What observing a remote stamp did to the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// The clock is now at or past the stamp.
    Taken,
    /// The stamp was more than [`MAX_AHEAD_MS`] ahead of this device's clock; the clock moved
    /// only to that bound. The app may say that a device's clock is `ahead_ms` ahead.
    Clamped { ahead_ms: u64 },
}

/// One device's clock. The app keeps it (and stores it with the replica) and passes the physical
/// time in: the domain never reads a clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    device: String,
    wall_ms: u64,
    counter: u32,
}

impl Clock {
    pub fn new(device: impl Into<String>) -> Clock {
        Clock { device: device.into(), wall_ms: 0, counter: 0 }
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// The stamp of the next local change: after every stamp this clock made or observed.
    pub fn tick(&mut self, physical_ms: u64) -> Stamp {
        if physical_ms > self.wall_ms {
            self.wall_ms = physical_ms;
            self.counter = 0;
        } else {
            self.bump();
        }
        self.stamp()
    }

    /// Moves the clock past a stamp received from another device (see [`Observed`]).
    pub fn observe(&mut self, remote: &Stamp, physical_ms: u64) -> Observed {
        let bound = physical_ms.saturating_add(MAX_AHEAD_MS);
        let (remote_wall, remote_counter, observed) = if remote.wall_ms > bound {
            (bound, 0, Observed::Clamped { ahead_ms: remote.wall_ms - physical_ms })
        } else {
            (remote.wall_ms, remote.counter, Observed::Taken)
        };
        if (remote_wall, remote_counter) >= (self.wall_ms, self.counter) {
            self.wall_ms = remote_wall;
            self.counter = remote_counter;
        }
        observed
    }

    /// The stamp of a local change that replaces the value stamped `replaced`: later than the
    /// clock's next tick *and* than `replaced`, so an edit made after seeing a value always wins
    /// over it, even when that value came from a device whose clock is far ahead. Such a far
    /// stamp is passed by one step only, and the clock itself is not moved there.
    pub fn tick_past(&mut self, physical_ms: u64, replaced: Option<&Stamp>) -> Stamp {
        if let Some(replaced) = replaced {
            self.observe(replaced, physical_ms);
        }
        let stamp = self.tick(physical_ms);
        match replaced {
            Some(replaced) if *replaced >= stamp => replaced.successor(&self.device),
            _ => stamp,
        }
    }

    fn bump(&mut self) {
        match self.counter.checked_add(1) {
            Some(counter) => self.counter = counter,
            None => {
                self.wall_ms = self.wall_ms.saturating_add(1);
                self.counter = 0;
            }
        }
    }

    fn stamp(&self) -> Stamp {
        Stamp { wall_ms: self.wall_ms, counter: self.counter, device: self.device.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(wall_ms: u64, counter: u32, device: &str) -> Stamp {
        Stamp { wall_ms, counter, device: device.into() }
    }

    #[test]
    fn stamps_order_by_time_then_counter_then_device() {
        assert!(stamp(1, 9, "z") < stamp(2, 0, "a"));
        assert!(stamp(2, 0, "z") < stamp(2, 1, "a"));
        assert!(stamp(2, 1, "a") < stamp(2, 1, "b"));
    }

    #[test]
    fn ticks_never_go_back_when_the_physical_clock_does() {
        let mut clock = Clock::new("a");
        let first = clock.tick(1_000);
        let same_ms = clock.tick(1_000);
        let set_back = clock.tick(400);
        let later = clock.tick(2_000);
        assert_eq!(first, stamp(1_000, 0, "a"));
        assert!(first < same_ms && same_ms < set_back && set_back < later);
        assert_eq!(set_back, stamp(1_000, 2, "a"), "the wall part stays where it was, the counter moves");
        assert_eq!(later, stamp(2_000, 0, "a"));
    }

    #[test]
    fn a_change_made_after_seeing_one_is_stamped_after_it_even_with_a_slow_clock() {
        let mut fast = Clock::new("fast");
        let mut slow = Clock::new("slow");
        let theirs = fast.tick(10_000_000);
        // The slow device's clock is ten minutes behind.
        assert_eq!(slow.observe(&theirs, 10_000_000 - 600_000), Observed::Taken);
        let ours = slow.tick(10_000_000 - 600_000 + 5);
        assert!(ours > theirs);
    }

    #[test]
    fn a_clock_far_ahead_is_clamped_and_cannot_drag_everyone_along() {
        let now = 1_800_000_000_000;
        let mut clock = Clock::new("a");
        let next_year = stamp(now + 365 * 24 * 3_600_000, 3, "wrong");
        assert_eq!(clock.observe(&next_year, now), Observed::Clamped { ahead_ms: 365 * 24 * 3_600_000 });
        let ours = clock.tick(now + 1);
        assert_eq!(ours.wall_ms, now + MAX_AHEAD_MS, "moved to the bound, not to next year");
        assert!(ours < next_year);
        // Overwriting the far value still wins over it, by one step, without moving the clock.
        let over = clock.tick_past(now + 2, Some(&next_year));
        assert_eq!(over, stamp(next_year.wall_ms, 4, "a"));
        assert!(clock.tick(now + 3).wall_ms <= now + 3 + MAX_AHEAD_MS, "the clock itself stays within the bound");
        // A stamp within the bound is taken as it is.
        let tomorrowish = stamp(now + MAX_AHEAD_MS - 1, 7, "b");
        assert_eq!(Clock::new("c").observe(&tomorrowish, now), Observed::Taken);
    }

    #[test]
    fn the_counter_overflows_into_the_next_millisecond() {
        let mut clock = Clock::new("a");
        clock.observe(&stamp(5, u32::MAX, "b"), 5);
        assert_eq!(clock.tick(5), stamp(6, 0, "a"));
        assert_eq!(stamp(5, u32::MAX, "b").successor("a"), stamp(6, 0, "a"));
    }

    #[test]
    fn stamps_and_clocks_round_trip_through_json() {
        let mut clock = Clock::new("dev-1");
        let s = clock.tick(1_795_430_700_123);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"wall_ms":1795430700123,"counter":0,"device":"dev-1"}"#);
        assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), s);
        assert_eq!(serde_json::from_str::<Clock>(&serde_json::to_string(&clock).unwrap()).unwrap(), clock);
        assert_eq!(s.time().to_rfc3339(), "2026-11-23T10:45:00.123Z");
    }
}
