//! The wire between covdash's page and the core's module (in covdash's Web Worker, or
//! imported on the page where no worker can start): each message a request or a reply as JSON,
//! in a `Uint8Array` whose buffer is transferred, not copied.

pub mod message;
