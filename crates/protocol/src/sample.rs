//! The built-in sample as the page holds it: its bytes, and its first view answered ahead of
//! time ([`Prepared`], kept in `samples/modelscan-session.view.bin` as the wire encodes it, and
//! beside it as JSON for people to read), so that a first visit downloads no parser and no
//! analysis. The core keeps both equal to what its session answers
//! (`covdash::sample::answer_sample`, checked by `tests/sample.rs`).

use serde::{Deserialize, Serialize};

use crate::wire::{BatchInfo, FirstView, Reply, Request};

/// The sample's file name, as shown on the page.
pub const FILE_NAME: &str = "modelscan-session.json";

/// The sample, as shipped in `samples/`.
pub const JSON: &[u8] = include_bytes!("../../../samples/modelscan-session.json");

/// The sample's first view, answered ahead of time, as the wire encodes it.
const PREPARED: &[u8] = include_bytes!("../../../samples/modelscan-session.view.bin");

/// A batch's first view, answered ahead of time: what the page shows before it has a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    /// The batch, as a load answers it.
    pub info: BatchInfo,
    /// The session's answer to [`Prepared::request`].
    pub reply: Reply,
}

impl Prepared {
    /// The sample's first view, as kept beside it.
    pub fn sample() -> Result<Prepared, postcard::Error> {
        // Read as the page reads the worker's replies: one reader in the page's code.
        postcard::from_bytes(PREPARED)
    }

    /// The page's first question about a batch: its view with no settings chosen.
    pub fn request(info: &BatchInfo) -> Request {
        FirstView::default().request(info.reading)
    }
}
