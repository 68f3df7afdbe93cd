//! The built-in sample: a hand-written team report (`docs/sample.md`) expressed in covdash
//! JSON, shown when no file has been given.
//!
//! The page shows the sample's first view without reading it: the view is answered ahead of
//! time ([`Prepared`], kept in `samples/modelscan-session.view.json`), so that a first visit
//! downloads no parser and no analysis. A test keeps that file equal to what the session
//! answers (`tests/sample.rs` fails until it is regenerated with `UPDATE_EXPECT=1`).

pub use covdash_protocol::sample::{Prepared, FILE_NAME, JSON};

use crate::formats::{self, ParseError, Parsed};
use crate::session::{Batch, Loaded, Session};

/// The sample, parsed. A test keeps this an `Ok`.
pub fn parsed() -> Result<Parsed, ParseError> {
    formats::parse(JSON)
}

/// The sample's first view, answered now by a session: what `samples/modelscan-session.view.json`
/// must hold.
pub fn answer_sample() -> Result<Prepared, ParseError> {
    let loaded = Loaded { name: FILE_NAME.to_owned(), parsed: parsed()?, modified: None };
    let batch = std::rc::Rc::new(Batch::one(loaded));
    let info = batch.info();
    let reply = Session::with(batch).answer(Prepared::request(&info), Vec::new(), &mut |_| ());
    Ok(Prepared { info, reply })
}
