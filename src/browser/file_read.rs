//! Reading a file the user chose or dropped, and printing.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file picked in an `<input type="file">` or dropped on the page.
pub struct PickedFile {
    pub name: String,
    pub size: f64,
    file: web_sys::File,
}

impl PickedFile {
    /// The first file of an input's selection.
    pub fn from_input(input: &web_sys::HtmlInputElement) -> Option<PickedFile> {
        input.files().and_then(|files| files.get(0)).map(PickedFile::new)
    }

    /// The first file of a drop, if the drop carried files.
    pub fn from_drop(event: &web_sys::DragEvent) -> Option<PickedFile> {
        event.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0)).map(PickedFile::new)
    }

    /// Every file of an input's selection, in order.
    pub fn all_from_input(input: &web_sys::HtmlInputElement) -> Vec<PickedFile> {
        input.files().map(|files| Self::all_of(&files)).unwrap_or_default()
    }

    /// Every file of a drop, in order.
    pub fn all_from_drop(event: &web_sys::DragEvent) -> Vec<PickedFile> {
        event.data_transfer().and_then(|dt| dt.files()).map(|files| Self::all_of(&files)).unwrap_or_default()
    }

    fn all_of(files: &web_sys::FileList) -> Vec<PickedFile> {
        (0..files.length()).filter_map(|i| files.get(i)).map(PickedFile::new).collect()
    }

    fn new(file: web_sys::File) -> PickedFile {
        PickedFile { name: file.name(), size: file.size(), file }
    }

    /// The whole file as bytes. Callers check `size` first so a huge file is never read.
    pub async fn read(&self) -> Result<Vec<u8>, String> {
        let buffer = JsFuture::from(self.file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
        let buffer: js_sys::ArrayBuffer = buffer.dyn_into().map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
