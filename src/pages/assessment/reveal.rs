//! Groups are rendered a few at a time, after each paint, so opening a long set is no one long
//! task: the first screenful (and the group a link points at) at once, the rest in order below
//! it, where appending moves nothing the user sees. Jumping to a group or an indicator renders
//! every group first: the one it is in may still be waiting.

use leptos::prelude::*;

use crate::browser::after_paint::after_next_paint;
use crate::browser::focus::{focus_element, focus_heading};

/// How many groups (in reading order) are rendered, of `total`.
#[derive(Clone, Copy)]
pub(super) struct Reveal {
    revealed: RwSignal<usize>,
    pub total: usize,
}

impl Reveal {
    /// Starts with `first` groups and adds one after each paint.
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
            self.revealed.update(|n| *n += 1);
            self.after_paints();
        });
    }

    /// Whether group `index` (reading order) is rendered; tracked.
    pub fn shown(self, index: usize) -> bool {
        self.revealed.get() > index
    }

    pub fn complete(self) -> bool {
        self.revealed.get() >= self.total
    }

    /// A group link: every group rendered, then the group's heading focused.
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
