//! Indicators are built a slice at a time, after each paint, so opening a long set is no one long
//! task (the domain's `INDICATORS_PER_SLICE`): the first slice (or up to the group a link points
//! at) at once, the rest in order below it, where appending moves nothing the user sees. Jumping
//! to a group or an indicator builds every one first: the one it is in may still be waiting.

use blomlada_domain::answering::next_slice;
use leptos::prelude::*;

use crate::browser::after_paint::after_next_paint;
use crate::browser::focus::{focus_element, focus_heading};

/// How many indicators (in reading order) are built, of `total`.
#[derive(Clone, Copy)]
pub(super) struct Reveal {
    revealed: RwSignal<usize>,
    pub total: usize,
}

impl Reveal {
    /// Starts with `first` indicators and adds a slice after each paint.
    pub fn start(first: usize, total: usize) -> Reveal {
        let reveal = Reveal { revealed: RwSignal::new(first), total };
        reveal.after_paints();
        reveal
    }

    fn after_paints(self) {
        if self.revealed.get_untracked() >= self.total {
            return;
        }
        after_next_paint(move || {
            if self.revealed.try_get_untracked().is_none_or(|n| n >= self.total) {
                return; // the page is gone or already complete
            }
            self.revealed.update(|n| *n = next_slice(*n, self.total));
            self.after_paints();
        });
    }

    /// Whether the indicator at `index` (reading order) is built; tracked. A group is shown
    /// with its first indicator (an empty group's index is the next one's, or `total`).
    pub fn shown(self, index: usize) -> bool {
        let revealed = self.revealed.get();
        revealed > index || revealed >= self.total
    }

    /// `build(value)` once the indicator at `index` is revealed, and only then, once: revealing
    /// only ever grows, so the view is never rebuilt.
    pub fn build_once<T: 'static, V: IntoView + 'static>(
        self,
        index: usize,
        value: T,
        build: impl Fn(T) -> V + Send + Sync + 'static,
    ) -> impl IntoView {
        let shown = Memo::new(move |_| self.shown(index));
        let value = StoredValue::new_local(Some(value));
        move || shown.get().then(|| value.try_update_value(Option::take)).flatten().flatten().map(&build)
    }

    pub fn complete(self) -> bool {
        self.revealed.get() >= self.total
    }

    /// A group link: every indicator built, then the group's heading focused.
    pub fn focus_heading(self, id: String) {
        self.then(move || focus_heading(&id));
    }

    /// An indicator's control (next unanswered, next to review) focused once rendered.
    pub fn focus_control(self, id: String) {
        self.then(move || focus_element(&id));
    }

    fn then(self, focus: impl FnOnce() + 'static) {
        if self.revealed.get_untracked() >= self.total {
            focus();
        } else {
            self.revealed.set(self.total);
            // After the render the signal starts (effects run before a timeout's task).
            set_timeout(focus, std::time::Duration::ZERO);
        }
    }
}
