//! Reading the caller's request objects: every member is checked against
//! its descriptor (type, format, range, enumeration, the pairs that must not
//! go together) and written as the snake_case JSON body, in one pass. A bad
//! value is a [`FieldError`] naming the member by its JS path
//! (`options.codeSize`, `feedbacks[2].target.value`); nothing is sent then.

use crate::core::checks;
use crate::core::formats;
use crate::core::json::Writer;
use crate::core::schema::{Model, Ty, Union};
use crate::core::text::{expected, one_of, uint};
use crate::core::value::Value;

/// A member of the caller's input that failed to read or to pass its check.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The JS path of the member (`phoneNumber`, `options.codeSize`).
    pub field: String,
    /// What is wrong, as a phrase that follows the field name.
    pub problem: String,
}

impl FieldError {
    /// An error about the member `field`.
    pub fn new(field: &str, problem: impl Into<String>) -> Self {
        FieldError { field: field.to_owned(), problem: problem.into() }
    }
}

/// Where a value sits in the caller's input; turned into text only for an error.
#[derive(Debug, Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => {
                let mut p = parent.path();
                if !p.is_empty() {
                    p.push('.');
                }
                p.push_str(key);
                p
            }
            At::Index(parent, i) => {
                let mut p = parent.path();
                p.push('[');
                p.push_str(&uint(*i as u64));
                p.push(']');
                p
            }
        }
    }

    fn fail(&self, problem: impl Into<String>) -> FieldError {
        let field = self.path();
        FieldError { field: if field.is_empty() { "request".into() } else { field }, problem: problem.into() }
    }
}

/// Reads and checks the caller's object `v` as a `model`, and returns the
/// JSON body to send.
///
/// # Errors
/// The first member that is missing, of the wrong type or refused by its check.
pub fn body<V: Value>(model: &'static Model, v: &V) -> Result<String, FieldError> {
    let mut w = Writer::new();
    object(model, None, v, &At::Root, &mut w)?;
    Ok(w.finish())
}

/// Reads a value of type `ty` and writes it; `name` is its JS name for
/// errors. Used for values passed as arguments rather than as members
/// (lookup's `types`), where only the check matters.
///
/// # Errors
/// As [`body`].
pub fn value<V: Value>(ty: &'static Ty, name: &str, v: &V) -> Result<String, FieldError> {
    let mut w = Writer::new();
    write(ty, v, &At::Key(&At::Root, name), &mut w)?;
    Ok(w.finish())
}

fn object<V: Value>(
    model: &'static Model,
    tag: Option<&'static str>,
    v: &V,
    at: &At<'_>,
    w: &mut Writer,
) -> Result<(), FieldError> {
    if !v.is_object() {
        return Err(at.fail(expected("an object", v)));
    }
    w.open('{');
    if let Some(tag) = tag {
        w.key("type");
        w.string(tag);
    }
    let mut present: Vec<&'static str> = Vec::new();
    for f in model.fields {
        let here = At::Key(at, f.js);
        match v.get(f.js) {
            None if f.required => return Err(here.fail("is required")),
            None => {}
            Some(x) => {
                w.key(f.wire);
                write(&f.ty, &x, &here, w)?;
                if !model.exclusive.is_empty() {
                    present.push(f.js);
                }
            }
        }
    }
    for (a, b) in model.exclusive {
        if present.contains(a) && present.contains(b) {
            let mut problem = String::from("cannot be set together with ");
            problem.push_str(b);
            problem.push_str(": give one of them");
            return Err(At::Key(at, a).fail(problem));
        }
    }
    w.close('}');
    Ok(())
}

fn union<V: Value>(u: &'static Union, v: &V, at: &At<'_>, w: &mut Writer) -> Result<(), FieldError> {
    if !v.is_object() {
        return Err(at.fail(expected("an object", v)));
    }
    let here = At::Key(at, "type");
    let tag = match v.get("type") {
        None => return Err(here.fail("is required")),
        Some(t) => t.as_text().ok_or_else(|| here.fail(expected("a string", &t)))?,
    };
    match u.variants.iter().find(|(t, _)| *t == tag) {
        Some((t, m)) => object(m, Some(t), v, at, w),
        None => Err(here.fail(one_of(u.variants.iter().map(|(t, _)| *t), &tag))),
    }
}

fn write<V: Value>(ty: &'static Ty, v: &V, at: &At<'_>, w: &mut Writer) -> Result<(), FieldError> {
    match ty {
        Ty::Str(check) => {
            let s = v.as_text().ok_or_else(|| at.fail(expected("a string", v)))?;
            check(&s).map_err(|p| at.fail(p))?;
            w.string(&s);
        }
        Ty::Ip { v6 } => {
            let s = v.as_text().ok_or_else(|| at.fail(expected("a string", v)))?;
            if formats::is_ipv4(&s) {
                w.string(&s);
            } else if let Some(v4) = formats::ipv4_mapped(&s) {
                w.string(&v4);
            } else if *v6 && formats::parse_ipv6(&s).is_some() {
                w.string(&s);
            } else {
                return Err(at.fail(checks::ip_problem(*v6, &s)));
            }
        }
        Ty::Bool => w.boolean(v.as_boolean().ok_or_else(|| at.fail(expected("a boolean", v)))?),
        Ty::Int { min, max } => {
            let n = v.as_number().ok_or_else(|| at.fail(expected("a whole number", v)))?;
            if n.fract() != 0.0 || n < *min as f64 || n > *max as f64 {
                let mut p = String::from("must be a whole number from ");
                crate::core::json::push_int(&mut p, *min);
                if *max < i64::from(u32::MAX) {
                    p.push_str(" to ");
                    crate::core::json::push_int(&mut p, *max);
                } else {
                    p.push_str(" up");
                }
                return Err(at.fail(p));
            }
            w.int(n as i64);
        }
        Ty::Enum(e) => {
            let s = v.as_text().ok_or_else(|| at.fail(expected("a string", v)))?;
            if !e.contains(&s) {
                return Err(at.fail(one_of(e.names(), &s)));
            }
            w.string(&s);
        }
        Ty::Obj(m) => object(m, None, v, at, w)?,
        Ty::Union(u) => union(u, v, at, w)?,
        Ty::List { item, max } => {
            let items = v.items().ok_or_else(|| at.fail(expected("an array", v)))?;
            if items.len() > *max as usize {
                let mut p = String::from("must have at most ");
                p.push_str(&uint((*max).into()));
                p.push_str(" items");
                return Err(at.fail(p));
            }
            w.open('[');
            for (i, x) in items.iter().enumerate() {
                w.item();
                write(item, x, &At::Index(at, i), w)?;
            }
            w.close(']');
        }
        Ty::Map(check) => {
            let entries = v.entries().ok_or_else(|| at.fail(expected("an object of strings", v)))?;
            w.open('{');
            for (k, x) in &entries {
                let here = At::Key(at, k);
                checks::text(k).map_err(|p| {
                    let mut m = String::from("has a key that ");
                    m.push_str(&p);
                    at.fail(m)
                })?;
                let s = x.as_text().ok_or_else(|| here.fail(expected("a string", x)))?;
                check(&s).map_err(|p| here.fail(p))?;
                w.key(k);
                w.string(&s);
            }
            w.close('}');
        }
        Ty::Number | Ty::Date => return Err(at.fail("is not something a request can carry")),
    }
    Ok(())
}

/// Reads a required string argument (not a member of an object) and applies `check`.
///
/// # Errors
/// Missing, not a string, or refused by `check`.
pub fn text_arg<V: Value>(v: &V, name: &str, check: crate::core::schema::Check) -> Result<String, FieldError> {
    let s = v.as_text().ok_or_else(|| {
        FieldError::new(name, if v.is_nullish() { "is required".into() } else { expected("a string", v) })
    })?;
    check(&s).map_err(|p| FieldError::new(name, p))?;
    Ok(s)
}

/// Checks an optional list argument of type `ty` (a list of strings) and
/// returns its items; `None` or `null` is an empty list.
///
/// # Errors
/// As [`value`].
pub fn strings<V: Value>(ty: &'static Ty, name: &str, v: Option<&V>) -> Result<Vec<String>, FieldError> {
    match v.filter(|t| !t.is_nullish()) {
        None => Ok(Vec::new()),
        Some(t) => {
            value(ty, name, t)?;
            Ok(t.items().unwrap_or_default().iter().filter_map(Value::as_text).collect())
        }
    }
}
