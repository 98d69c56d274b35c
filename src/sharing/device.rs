//! This device's identity in shared assessments: a random id (what its clock stamps carry, so two
//! devices never tie) and the name its user chose once ("Anna, socialförvaltningen"), which
//! travels inside every encrypted change.

use serde::{Deserialize, Serialize};

use crate::browser::{crypto, storage};

const KEY: &str = "blomlada.device";
/// The longest name a device may give itself.
pub const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

/// This device, made (with an empty name) on first ask.
pub fn this_device() -> Device {
    if let Some(device) = storage::read_raw(KEY).and_then(|raw| serde_json::from_str::<Device>(&raw).ok()) {
        if !device.id.is_empty() {
            return device;
        }
    }
    let id =
        crypto::random_bytes(8).map(|b| b.iter().map(|x| format!("{x:02x}")).collect()).unwrap_or_else(|_| crate::browser::ids::new_id());
    let device = Device { id, name: String::new() };
    save(&device);
    device
}

/// Names this device; the name is trimmed and cut to [`MAX_NAME_CHARS`].
pub fn set_name(name: &str) -> Device {
    let mut device = this_device();
    device.name = name.trim().chars().take(MAX_NAME_CHARS).collect();
    save(&device);
    device
}

fn save(device: &Device) {
    if let Ok(raw) = serde_json::to_string(device) {
        let _ = storage::write_raw(KEY, &raw);
    }
}
