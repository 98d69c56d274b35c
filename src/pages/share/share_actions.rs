//! What the share page does: start sharing, stop, make new links, leave a share; each runs
//! once at a time (`busy`) and says how it went (`message`, `error`).

use leptos::prelude::*;

use crate::app_state::{AppState, AssessmentHandle};
use crate::browser::document;
use crate::i18n::texts;
use crate::sharing::api::ShareError;
use crate::sharing::link::ShareLink;
use crate::sharing::{self, device};

#[derive(Clone, Copy)]
pub(super) struct ShareActions {
    state: AppState,
    handle: AssessmentHandle,
    pub link: RwSignal<Option<ShareLink>>,
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<ShareError>>,
    pub message: RwSignal<Option<&'static str>>,
    pub device_name: RwSignal<String>,
    pub name_missing: RwSignal<bool>,
}

impl ShareActions {
    pub fn new(state: AppState, handle: AssessmentHandle, link: Option<ShareLink>) -> ShareActions {
        ShareActions {
            state,
            handle,
            link: RwSignal::new(link),
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            message: RwSignal::new(None),
            device_name: RwSignal::new(device::this_device().name),
            name_missing: RwSignal::new(false),
        }
    }

    /// Saves the device's name as typed (trimmed); false when it is empty.
    pub fn save_name(self) -> bool {
        let d = device::set_name(&self.device_name.get_untracked());
        self.device_name.set(d.name.clone());
        !d.name.is_empty()
    }

    /// A new share; the device must have a name first (it travels with each change).
    pub fn start(self) {
        if !self.save_name() {
            self.name_missing.set(true);
            return;
        }
        self.name_missing.set(false);
        self.error.set(None);
        self.run(async move { sharing::share(self.state, self.handle).await.map(Some) });
    }

    pub fn stop(self) {
        if !document::confirm(texts(self.state.lang.get_untracked()).confirm_stop_sharing) {
            return;
        }
        let id = self.handle.id();
        self.run(async move {
            sharing::stop_sharing(&id).await?;
            self.stopped();
            Ok(None)
        });
    }

    pub fn renew(self) {
        if !document::confirm(texts(self.state.lang.get_untracked()).confirm_new_link) {
            return;
        }
        self.run(async move { sharing::renew(self.state, self.handle).await.map(Some) });
    }

    pub fn leave(self) {
        sharing::leave(&self.handle.id());
        self.link.set(None);
        self.stopped();
    }

    fn stopped(self) {
        self.message.set(Some(texts(self.state.lang.get_untracked()).sharing_stopped));
    }

    /// Runs `work`; its new link (`Some`) or none replaces the page's, its error is shown.
    fn run(self, work: impl std::future::Future<Output = Result<Option<ShareLink>, ShareError>> + 'static) {
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            match work.await {
                Ok(link) => self.link.set(link),
                Err(e) => self.error.set(Some(e)),
            }
            self.busy.set(false);
        });
    }
}
