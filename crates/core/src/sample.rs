//! The built-in sample: a hand-written team report (`docs/sample.md`) expressed in covdash
//! JSON, shown when no file has been given.
//!
//! The page shows the sample's first view without reading it: the view is answered ahead of
//! time ([`Prepared`], kept in `samples/modelscan-session.view.json`), so that a first visit
//! downloads no parser and no analysis. A test keeps that file equal to what the session
//! answers (`cargo test --test sample` rewrites it when it is not).

use serde::{Deserialize, Serialize};

use crate::formats::{self, ParseError, Parsed};
use crate::present::Overrides;
use crate::session::{Batch, BatchInfo, Combination, Loaded, Reply, Request, Session};

/// The sample's file name, as shown on the page.
pub const FILE_NAME: &str = "modelscan-session.json";

/// The sample, as shipped in `samples/`.
pub const JSON: &[u8] = include_bytes!("../../../samples/modelscan-session.json");

/// The sample's first view, answered ahead of time.
const PREPARED: &str = include_str!("../../../samples/modelscan-session.view.json");

/// The sample, parsed. A test keeps this an `Ok`.
pub fn parsed() -> Result<Parsed, ParseError> {
    formats::parse(JSON)
}

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
    pub fn sample() -> Result<Prepared, serde_json::Error> {
        // Read from bytes, as the page reads the worker's replies: one reader in the page's code.
        serde_json::from_slice(PREPARED.as_bytes())
    }

    /// The page's first question about a batch: its view with no settings chosen.
    pub fn request(info: &BatchInfo) -> Request {
        let how = Combination::new(info.reading, &Overrides::default(), &Default::default());
        Request::Show { how, snapshot: None, sections: None }
    }

    /// The sample's first view, answered now by a session.
    pub fn answer_sample() -> Result<Prepared, ParseError> {
        let loaded = Loaded { source: FILE_NAME.to_owned(), parsed: parsed()?, modified: None };
        let batch = std::rc::Rc::new(Batch::one(loaded));
        let info = batch.info();
        let reply = Session::with(batch).answer(Prepared::request(&info), Vec::new(), &mut |_| ());
        Ok(Prepared { info, reply })
    }
}
