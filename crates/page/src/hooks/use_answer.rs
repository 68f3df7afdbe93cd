//! Asking the session that holds the batch shown, and re-asking when the question changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::backend::Backend;
use covdash_protocol::{Reply, Request};

/// An answer, and whether it answers the latest question (the last one stands meanwhile).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// `None` until the first answer.
    pub reply: Option<Rc<Reply>>,
    /// `false` while a newer question is on its way: the page marks what it shows as busy.
    pub current: bool,
}

/// The answer to `request` (none asked when `None`) about the batch of `generation`: at once
/// when the backend keeps it (the prepared first view, the one a load brought, one asked
/// before) or the page's own session holds the batch, otherwise from the worker, the last
/// answer standing until the new one arrives.
///
/// # Example
///
/// ```text
/// let shown = use_answer(&backend, state.generation, Request::Show { how, snapshot, sections: None });
/// ```
#[hook]
pub fn use_answer(backend: &Backend, generation: u64, request: Option<Request>) -> Answer {
    let deps = (backend.clone(), generation, request);
    let now =
        use_memo(deps.clone(), |(backend, _, request)| request.as_ref().and_then(|r| backend.now(r)).map(Rc::new));
    // The worker's last answer, with the question it answers.
    let remote = use_state(|| None::<(Rc<(u64, Request)>, Rc<Reply>)>);
    let asked = use_mut_ref(|| 0u64);
    {
        let (remote, now, asked) = (remote.clone(), now.clone(), asked.clone());
        use_effect_with(deps.clone(), move |(backend, generation, request)| {
            if let (None, Some(request)) = (now.as_ref(), request) {
                *asked.borrow_mut() += 1;
                let this = *asked.borrow();
                let (backend, question) = (backend.clone(), Rc::new((*generation, request.clone())));
                yew::platform::spawn_local(async move {
                    // A later question's answer is the one that counts.
                    if let Ok(reply) = backend.ask(question.1.clone()).await {
                        if *asked.borrow() == this {
                            remote.set(Some((question, Rc::new(reply))));
                        }
                    }
                });
            }
        });
    }
    // Until the worker's first answer about a new batch, the page's last one stands.
    let last = use_mut_ref(|| None::<Rc<Reply>>);
    if let Some(now) = (*now).clone() {
        *last.borrow_mut() = Some(now);
    }
    let (_, generation, request) = &deps;
    let current = now.is_some()
        || request.is_none()
        || remote
            .as_ref()
            .is_some_and(|(question, _)| question.0 == *generation && Some(&question.1) == request.as_ref());
    let reply =
        (*now).clone().or_else(|| remote.as_ref().map(|(_, reply)| reply.clone())).or_else(|| last.borrow().clone());
    Answer { reply, current }
}
