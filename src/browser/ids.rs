/// A random id for a new assessment; unique within a browser is what matters.
pub fn new_id() -> String {
    let part = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{:08x}{:08x}{:08x}", part(), part(), part())
}
