//! Sessions on the page's own thread: where no worker can start, the core's module
//! (`covdash-core.js`, the worker's own) imported on the page; in native renders, a session
//! given by the caller.
//!
//! The page's crate does not depend on the core: it reaches a session through [`Local`], whose
//! implementations are made by the caller (native renders and tests, which have the core) or
//! imported ([`import`]).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use covdash_protocol::message::{decode, encode, field, inputs_of_js, inputs_to_js};
use covdash_protocol::wire::Failure;
use covdash_protocol::{BatchInfo, Input, Progress, Reply, Request};

/// A session answering on the page's thread.
pub trait Local {
    fn answer(&self, request: Request, inputs: Vec<Input>, progress: &mut dyn FnMut(Progress))
        -> Result<Reply, String>;

    /// The files `inputs` hold (gzip files inflated, archives opened, as the worker opens them
    /// before a load), and what could not be opened. A session given by a native caller
    /// answers with `inputs` as they are.
    fn unpack(&self, inputs: Vec<Input>) -> Unpacking {
        Box::pin(async move { (inputs, Vec::new()) })
    }
}

/// What [`Local::unpack`] answers, once the browser has inflated what it must.
pub type Unpacking = std::pin::Pin<Box<dyn std::future::Future<Output = (Vec<Input>, Vec<Failure>)>>>;

/// Data to show first, held by a session on the page (native renders and tests give one).
#[derive(Clone)]
pub struct Initial {
    pub info: BatchInfo,
    pub session: Rc<dyn Local>,
}

impl PartialEq for Initial {
    fn eq(&self, other: &Initial) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }
}

impl std::fmt::Debug for Initial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Initial").field("info", &self.info).finish_non_exhaustive()
    }
}

#[wasm_bindgen(inline_js = r#"
export async function importCore() {
  // This snippet is served from snippets/<crate>/, two folders below the page's module.
  const at = (name) => new URL(`../../${name}`, import.meta.url);
  const core = await import(at('covdash-core.js'));
  await core.default({ module_or_path: at('covdash-core_bg.wasm') });
  return new core.PageSession();
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = importCore)]
    async fn import_core() -> Result<JsValue, JsValue>;
}

/// The core's module, imported on the page: a `PageSession` of `covdash-core.js`.
struct Imported(JsValue);

impl Local for Imported {
    fn answer(
        &self,
        request: Request,
        inputs: Vec<Input>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Reply, String> {
        let files = inputs_to_js(&inputs);
        // The answer is synchronous: what it tells of its progress is passed on after it.
        let told = Rc::new(RefCell::new(Vec::new()));
        let tell = {
            let told = told.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |json: JsValue| told.borrow_mut().extend(decode::<Progress>(&json)))
        };
        let json = encode(&request);
        let answer = field(&self.0, "answer").dyn_into::<js_sys::Function>().ok();
        let reply = answer.and_then(|f| f.call3(&self.0, &json, &files, tell.as_ref()).ok());
        for p in told.take() {
            progress(p);
        }
        reply.and_then(|reply| decode::<Reply>(&reply)).ok_or_else(|| "the core's module did not answer".to_owned())
    }

    fn unpack(&self, inputs: Vec<Input>) -> Unpacking {
        let unpack = field(&self.0, "unpack").dyn_into::<js_sys::Function>().ok();
        let promise = unpack.and_then(|f| f.call1(&self.0, &inputs_to_js(&inputs)).ok());
        Box::pin(async move {
            let Some(promise) = promise.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) else {
                return (inputs, Vec::new());
            };
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(result) => {
                    let failures = decode::<Vec<Failure>>(&field(&result, "failures")).unwrap_or_default();
                    (inputs_of_js(&field(&result, "files")), failures)
                }
                Err(_) => (inputs, Vec::new()),
            }
        })
    }
}

/// Imports the core's module on the page.
pub async fn import() -> Result<Rc<dyn Local>, String> {
    if cfg!(not(target_arch = "wasm32")) {
        return Err("this build has no core to import".to_owned());
    }
    match import_core().await {
        Ok(session) => Ok(Rc::new(Imported(session))),
        Err(error) => Err(field(&error, "message").as_string().unwrap_or_else(|| format!("{error:?}"))),
    }
}
