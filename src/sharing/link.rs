//! The share links: `/delad/{share}#k={key}&w={write}` to edit, without `w` to view, and with
//! `del={group,…}&namn={förvaltning}` for a hand-out. The key and the write secret are in the
//! fragment, which browsers never send to a server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use blomlada_domain::sync::GroupRef;

/// Characters of a share id (128 bits in base64url).
const SHARE_ID_LEN: usize = 22;
/// Characters of a write secret (256 bits in base64url).
const WRITE_LEN: usize = 43;
/// Bytes of the key.
const KEY_LEN: usize = 32;
/// At most this many groups in a hand-out, and this long a förvaltning's name.
const MAX_GROUPS: usize = 200;
const MAX_NAME: usize = 200;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLink {
    pub share: String,
    pub key: Vec<u8>,
    /// The write secret: present in edit links only.
    pub write: Option<String>,
    /// A hand-out's groups (empty: the whole assessment).
    pub groups: Vec<String>,
    /// A hand-out's förvaltning.
    pub name: Option<String>,
}

/// What is wrong with a link; each names the part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The path's share id is not 22 base64url characters.
    ShareId,
    /// No `k=` in the fragment, or it is not 32 bytes of base64url.
    Key,
    /// A `w=` that is not 43 base64url characters.
    Write,
    /// Too many groups or too long a name in a hand-out.
    HandOut,
}

fn is_b64url(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

pub fn valid_share_id(share: &str) -> bool {
    share.len() == SHARE_ID_LEN && is_b64url(share)
}

impl ShareLink {
    /// Reads the share id from the path and the rest from the fragment (with or without `#`).
    pub fn parse(share: &str, fragment: &str) -> Result<ShareLink, LinkError> {
        if !valid_share_id(share) {
            return Err(LinkError::ShareId);
        }
        let mut key = None;
        let mut write = None;
        let mut groups = Vec::new();
        let mut name = None;
        for (k, v) in form_urlencoded::parse(fragment.trim_start_matches('#').as_bytes()) {
            match k.as_ref() {
                "k" => key = Some(decode(&v).filter(|b| b.len() == KEY_LEN).ok_or(LinkError::Key)?),
                "w" => {
                    if v.len() != WRITE_LEN || !is_b64url(&v) {
                        return Err(LinkError::Write);
                    }
                    write = Some(v.to_string());
                }
                "del" => {
                    groups = v.split(',').filter(|g| !g.is_empty()).map(str::to_string).collect();
                    if groups.len() > MAX_GROUPS || groups.iter().any(|g| g.len() > MAX_NAME) {
                        return Err(LinkError::HandOut);
                    }
                }
                "namn" => {
                    if v.chars().count() > MAX_NAME {
                        return Err(LinkError::HandOut);
                    }
                    name = Some(v.trim().to_string()).filter(|n| !n.is_empty());
                }
                _ => {}
            }
        }
        Ok(ShareLink { share: share.to_string(), key: key.ok_or(LinkError::Key)?, write, groups, name })
    }

    fn base(&self, origin: &str) -> String {
        format!("{origin}/delad/{}#k={}", self.share, encode(&self.key))
    }

    /// The link that can only read.
    pub fn view_url(&self, origin: &str) -> String {
        self.base(origin)
    }

    /// The link that can write (the view link when this one cannot).
    pub fn edit_url(&self, origin: &str) -> String {
        match &self.write {
            Some(w) => format!("{}&w={w}", self.base(origin)),
            None => self.view_url(origin),
        }
    }

    /// An edit link showing just `groups`, for the förvaltning `name`.
    pub fn handout_url(&self, origin: &str, groups: &[GroupRef], name: &str) -> String {
        let keys: Vec<String> = groups.iter().map(GroupRef::key).collect();
        let fragment =
            form_urlencoded::Serializer::new(String::new()).append_pair("del", &keys.join(",")).append_pair("namn", name.trim()).finish();
        format!("{}&{fragment}", self.edit_url(origin))
    }
}
