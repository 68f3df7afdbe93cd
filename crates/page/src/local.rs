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

use covdash_protocol::message::{decode, encode, field};
use covdash_protocol::{BatchInfo, Input, Progress, Reply, Request};

/// A session answering on the page's thread.
pub trait Local {
    fn answer(&self, request: Request, inputs: Vec<Input>, progress: &mut dyn FnMut(Progress))
        -> Result<Reply, String>;
}

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
        let files: js_sys::Array = inputs
            .iter()
            .map(|input| {
                let file = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&file, &"name".into(), &JsValue::from_str(&input.name));
                let _ = js_sys::Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(input.bytes.as_slice()));
                let _ = js_sys::Reflect::set(&file, &"in_folder".into(), &JsValue::from_bool(input.in_folder));
                if let Some(modified) = input.modified {
                    let _ =
                        js_sys::Reflect::set(&file, &"modified".into(), &JsValue::from(modified.unix_seconds() as f64));
                }
                JsValue::from(file)
            })
            .collect();
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
