use blomlada_domain::Timestamp;

pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

/// Minutes east of UTC for the user's time zone now (JavaScript counts the other way).
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}
