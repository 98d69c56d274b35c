//! Shared assessments ("Arbeta tillsammans", issue 20), the app's side: links, the server's
//! endpoints, this device's name, the local record of each share and the session that keeps it
//! in sync. The merge rules are the domain's (`blomlada_domain::sync`); this module only moves
//! sealed changes between the replica, the browser's storage and the server. Only the split-off
//! pages and the `sharing` split point reach it, so it loads with them, not at start.

pub mod api;
pub mod device;
pub mod link;
pub mod record;
pub mod session;
pub mod views;

use std::collections::VecDeque;
use std::sync::Arc;

use blomlada_domain::catalog::SetRef;
use blomlada_domain::sync::{self, Clock, Envelope, Replica};
use blomlada_domain::{Catalog, IndicatorSet};
use leptos::prelude::*;

use self::api::ShareError;
use self::link::ShareLink;
use self::record::ShareRecord;
use crate::app_state::{AppState, AssessmentHandle, Load};
use crate::browser::{crypto, http, ids};

/// The indicator set a share answers: the app's copy when loaded, else fetched (from the
/// service worker's cache when offline).
pub async fn indicator_set(state: AppState, set_ref: &SetRef) -> Result<Arc<IndicatorSet>, String> {
    if let Some(Load::Ready(set)) = state.sets.with_untracked(|s| s.get(set_ref).cloned()) {
        return Ok(set);
    }
    let catalog = match state.catalog.get_untracked() {
        Load::Ready(c) => c,
        _ => {
            Arc::new(Catalog::parse(&http::get_text("/indicators/index.json").await?, "indicators/index.json").map_err(|e| e.to_string())?)
        }
    };
    let version = catalog.version(set_ref).ok_or_else(|| format!("indicators/index.json: no {}/{}", set_ref.set, set_ref.version))?;
    let file = format!("indicators/{}", version.file);
    let set = Arc::new(IndicatorSet::parse(&http::get_text(&format!("/{file}")).await?, &file).map_err(|e| e.to_string())?);
    state.sets.update(|s| {
        s.insert(set_ref.clone(), Load::Ready(set.clone()));
    });
    Ok(set)
}

/// Shares an assessment: a new share on the server, a new key here, the whole assessment as the
/// first changes. Returns the link (with edit rights).
pub async fn share(state: AppState, handle: AssessmentHandle) -> Result<ShareLink, ShareError> {
    let current = handle.snapshot_untracked();
    let set = indicator_set(state, &current.set).await.map_err(ShareError::Server)?;
    let key = crypto::new_raw_key().map_err(|e| ShareError::Server(format!("{e:?}")))?;
    let (share, write) = api::create().await?;
    let device = device::this_device();
    let mut clock = Clock::new(device.id.clone());
    let mut replica = Replica::new();
    let envelope = replica
        .record(&set, &device.name, sync::initial_edits(&current), &mut clock, session::now_ms())
        .map_err(|e| ShareError::Server(e.to_string()))?;
    let pending: VecDeque<String> =
        Envelope::split(&device.name, envelope.changes, session::MAX_ENVELOPE_BYTES).iter().map(Envelope::to_json).collect();
    let record = ShareRecord {
        write: Some(write),
        pending,
        ..ShareRecord::new(current.id.clone(), share, link::encode(&key), current.set.clone(), replica.snapshot().to_json(), clock)
    };
    record::save(&record).map_err(|e| ShareError::Server(format!("{e:?}")))?;
    let link = record.link().ok_or(ShareError::WrongKey)?;
    session::start(state, record).await?;
    Ok(link)
}

/// Opens a link: the assessment it shares becomes (or already is) a local assessment kept in
/// sync. Returns the local assessment's id.
pub async fn join(state: AppState, link: ShareLink) -> Result<String, ShareError> {
    if let Some(mut existing) = record::find_by_share(&link.share) {
        if existing.key != link::encode(&link.key) {
            return Err(ShareError::WrongKey);
        }
        let id = existing.assessment.clone();
        if state.handle(&id).is_some() {
            // An edit link opened where only the view link was: take its rights.
            if existing.write.is_none() && link.write.is_some() {
                existing.write = link.write.clone();
                existing.groups = link.groups.clone();
                existing.handout_name = link.name.clone();
                let _ = record::save(&existing);
                session::stop(&id);
                session::start(state, existing).await?;
            }
            return Ok(id);
        }
        record::remove(&id);
    }
    let key = crypto::import_key(&link.key).await.map_err(|_| ShareError::WrongKey)?;
    let mut envelopes = Vec::new();
    let mut cursor = 0;
    let mut refused = 0_usize;
    loop {
        let page = api::fetch(&link.share, cursor).await?;
        let mut sealed = Vec::new();
        if let Some(snapshot) = page.snapshot {
            sealed.push((snapshot.covers, snapshot.data));
        }
        sealed.extend(page.changes.into_iter().map(|c| (c.seq, c.data)));
        if sealed.is_empty() {
            break;
        }
        for (seq, data) in sealed {
            cursor = cursor.max(seq);
            match session::open_sealed(&key, &link.share, &data).await {
                Ok(opened) => envelopes.extend(opened),
                Err(_) => refused += 1,
            }
        }
        if !page.more {
            break;
        }
    }
    if envelopes.is_empty() {
        // Nothing opened: the key is not this share's (a wrong or damaged link).
        return Err(if refused > 0 { ShareError::WrongKey } else { ShareError::Gone });
    }
    let set_ref = envelopes.iter().find_map(|e| e.set_ref().cloned()).ok_or(ShareError::Tampered)?;
    let set = indicator_set(state, &set_ref).await.map_err(ShareError::Server)?;
    let device = device::this_device();
    let mut clock = Clock::new(device.id.clone());
    let mut replica = Replica::new();
    let now = session::now_ms();
    for envelope in &envelopes {
        replica.receive(&set, envelope, &mut clock, now);
    }
    let id = ids::new_id();
    let assessment = replica.new_assessment(id.clone(), crate::browser::clock::now()).ok_or(ShareError::Tampered)?;
    let record = ShareRecord {
        write: link.write.clone(),
        groups: link.groups.clone(),
        handout_name: link.name.clone(),
        cursor,
        ..ShareRecord::new(id.clone(), link.share.clone(), link::encode(&link.key), set_ref, replica.snapshot().to_json(), clock)
    };
    record::save(&record).map_err(|e| ShareError::Server(format!("{e:?}")))?;
    state.create(assessment);
    session::start(state, record).await?;
    if refused > 0 {
        session::status(&id).update(|s| s.problem = Some(ShareError::Tampered));
    }
    Ok(id)
}

/// Stops sharing: the server deletes everything it holds; the local copy stays, unshared.
pub async fn stop_sharing(id: &str) -> Result<(), ShareError> {
    let Some(record) = record::load(id) else { return Ok(()) };
    if let Some(write) = &record.write {
        api::delete(&record.share, write).await?;
    }
    leave(id);
    Ok(())
}

/// This device stops following the share (a view link, a deleted share); nothing on the server
/// changes, and the assessment stays here as an ordinary one.
pub fn leave(id: &str) {
    session::stop(id);
    record::remove(id);
    session::status(id).set(session::Status::default());
}

/// A new link: the old share is deleted (its key then opens nothing new) and the assessment is
/// shared afresh with a new key and write secret.
pub async fn renew(state: AppState, handle: AssessmentHandle) -> Result<ShareLink, ShareError> {
    stop_sharing(&handle.id()).await?;
    share(state, handle).await
}
