pub mod assessment_frame;
pub mod carry_over;
pub mod export_buttons;
pub mod flower_box;
pub mod indicator_item;
pub mod kommun_picker;
pub mod notices;
pub mod progress_meter;
