//! Fetching a text the page needs by its address (a file's source, from the source address
//! the embedding or the link gives), once per address.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser;

/// Where a fetch stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// Nothing asked for.
    Idle,
    /// Asked for; no answer yet.
    Waiting,
    /// The text at the address.
    Text(Rc<str>),
    /// Why there is none, in words a person can act on.
    Failed(String),
}

/// The text at `url`, fetched when the address changes. An answer to an address no longer
/// asked for is dropped: the latest address is the one shown.
#[hook]
pub fn use_fetched_text(url: Option<String>) -> Fetched {
    let state = use_state(|| Fetched::Idle);
    let asked = use_mut_ref(|| None::<String>);
    {
        let state = state.clone();
        use_effect_with(url, move |url| {
            *asked.borrow_mut() = url.clone();
            match url.clone() {
                None => state.set(Fetched::Idle),
                Some(url) => {
                    state.set(Fetched::Waiting);
                    yew::platform::spawn_local(async move {
                        let fetched = browser::fetch_bytes(&url).await;
                        if asked.borrow().as_deref() != Some(url.as_str()) {
                            return;
                        }
                        state.set(match fetched {
                            Ok(bytes) => Fetched::Text(Rc::from(String::from_utf8_lossy(&bytes))),
                            Err(message) => Fetched::Failed(message),
                        });
                    });
                }
            }
        });
    }
    (*state).clone()
}
