//! The core's session on the page's thread, for the tests that render the page: the page's
//! crate reaches a session only through `covdash_page::local::Local`, and the core is not among
//! its dependencies, so the tests (which have both) put the two together here.

use std::cell::RefCell;
use std::rc::Rc;

use covdash::session::{Batch, Input, Progress, Reply, Request, Session};
use covdash_page::local::Local;
use covdash_page::Initial;

/// A core session answering the page as the worker's would.
struct CoreSession(RefCell<Session>);

impl Local for CoreSession {
    fn answer(
        &self,
        request: Request,
        inputs: Vec<Input>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Reply, String> {
        Ok(self.0.borrow_mut().answer(request, inputs, progress))
    }
}

/// What the page shows first: `batch`, held by a session on the page.
pub fn showing(batch: Batch) -> Initial {
    let batch = Rc::new(batch);
    Initial { info: batch.info(), session: Rc::new(CoreSession(RefCell::new(Session::with(batch)))) }
}
