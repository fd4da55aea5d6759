//! The only code that calls `fetch`: one request out, status and body text back.

use crate::error::Error;
use crate::js::{global_fetch, FetchResponse};
use crate::model::set;
use js_sys::{Function, Object, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// One HTTP request, ready to send.
#[derive(Debug)]
pub struct HttpRequest<'a> {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// Absolute URL.
    pub url: String,
    /// Header names and values (already checked: no CR/LF).
    pub headers: &'a [(&'static str, &'a str)],
    /// JSON body of a POST.
    pub body: Option<String>,
}

/// What came back: the status and the whole body as text.
#[derive(Debug)]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Body text (may be empty).
    pub text: String,
}

async fn await_promise(p: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(p).await
}

/// Sends `req` with `fetch` (the caller's, or the global one) and reads the
/// whole body. A failure to send, or to read the body to its end, is a
/// network error that keeps the platform's error as `cause`.
pub async fn send(fetch: Option<&Function>, req: HttpRequest<'_>) -> Result<HttpResponse, Error> {
    let headers = Object::new();
    for (name, value) in req.headers {
        set(&headers, name, &JsValue::from_str(value));
    }
    let init = Object::new();
    set(&init, "method", &JsValue::from_str(req.method));
    set(&init, "headers", &headers);
    if let Some(body) = &req.body {
        set(&init, "body", &JsValue::from_str(body));
    }
    let started = match fetch {
        Some(f) => f
            .call2(&JsValue::UNDEFINED, &JsValue::from_str(&req.url), &init)
            .and_then(|p| p.dyn_into::<Promise>().or_else(|v| Ok(Promise::resolve(&v)))),
        None => global_fetch(&req.url, &init),
    };
    let promise = started.map_err(|e| Error::network("Could not start the request: fetch threw", Some(e)))?;
    let response = await_promise(promise)
        .await
        .map_err(|e| Error::network("Could not reach the Ding API (the request failed before an answer)", Some(e)))?;
    if !response.is_object() {
        return Err(Error::network("fetch resolved to something that is not a Response", None));
    }
    let response: FetchResponse = response.unchecked_into();
    let status = response.status();
    let text_promise = response.text().map_err(|e| Error::network("Could not read the answer's body", Some(e)))?;
    let text = await_promise(text_promise)
        .await
        .map_err(|e| Error::network("The connection broke while reading the answer", Some(e)))?
        .as_string()
        .unwrap_or_default();
    Ok(HttpResponse { status, text })
}
