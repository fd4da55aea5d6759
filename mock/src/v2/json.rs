//! A small reader of JSON request bodies that knows where it is, so every
//! v2 error names its input (`param`: `target.value`, `feedbacks[3].type`).
//! Unknown members are ignored and `null` counts as absent.

use serde_json::{Map, Value};

use crate::error::V2Error;

/// The `invalid_request` error about `param`.
pub fn invalid(param: &str, message: impl Into<String>) -> V2Error {
    V2Error::new("invalid_request", param, message)
}

/// Decodes a body that must be a JSON object.
pub fn parse(body: &[u8]) -> Result<Value, V2Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| V2Error::general("invalid_request", format!("the body is not valid JSON: {e}")))?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(V2Error::general("invalid_request", "the body must be a JSON object"))
    }
}

/// A JSON object and its path in the body (`""` for the body itself).
#[derive(Debug, Clone)]
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

/// A member's value with its path.
pub struct Field<'a> {
    /// The value (never `null`).
    pub value: &'a Value,
    /// Where it is (`options.code_size`).
    pub path: String,
}

impl<'a> Obj<'a> {
    /// The body itself (which [`parse`] made sure is an object).
    pub fn root(value: &'a Value) -> Self {
        static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
        Self { map: value.as_object().unwrap_or_else(|| EMPTY.get_or_init(Map::new)), path: String::new() }
    }

    /// The path of a member of this object.
    pub fn param(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// This object's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A member, `None` when absent or `null`.
    pub fn field(&self, name: &str) -> Option<Field<'a>> {
        self.map.get(name).filter(|v| !v.is_null()).map(|value| Field { value, path: self.param(name) })
    }

    /// A required member.
    pub fn required(&self, name: &str) -> Result<Field<'a>, V2Error> {
        let param = self.param(name);
        self.field(name).ok_or_else(|| invalid(&param, format!("{param} is required")))
    }

    /// An optional string member.
    pub fn str(&self, name: &str) -> Result<Option<&'a str>, V2Error> {
        self.field(name).map(|f| f.str()).transpose()
    }

    /// A required string member.
    pub fn req_str(&self, name: &str) -> Result<&'a str, V2Error> {
        self.required(name)?.str()
    }

    /// An optional boolean member.
    pub fn bool(&self, name: &str) -> Result<Option<bool>, V2Error> {
        self.field(name)
            .map(|f| f.value.as_bool().ok_or_else(|| invalid(&f.path, format!("{} must be a boolean", f.path))))
            .transpose()
    }

    /// An optional integer member (`6` or `6.0`; not `"6"`, not `6.5`).
    pub fn int(&self, name: &str) -> Result<Option<i64>, V2Error> {
        self.field(name).map(|f| f.int()).transpose()
    }
}

impl<'a> Field<'a> {
    /// The value as a string.
    pub fn str(&self) -> Result<&'a str, V2Error> {
        self.value.as_str().ok_or_else(|| invalid(&self.path, format!("{} must be a string", self.path)))
    }

    /// The value as an integer.
    pub fn int(&self) -> Result<i64, V2Error> {
        let n = &self.value;
        n.as_i64()
            .or_else(|| n.as_u64().map(|_| i64::MAX))
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64))
            .ok_or_else(|| invalid(&self.path, format!("{} must be an integer", self.path)))
    }

    /// The value as an object whose members are read under this path.
    pub fn obj(&self) -> Result<Obj<'a>, V2Error> {
        match self.value.as_object() {
            Some(map) => Ok(Obj { map, path: self.path.clone() }),
            None => Err(invalid(&self.path, format!("{} must be an object", self.path))),
        }
    }

    /// The value as an array, with the path of each item (`path[i]`).
    pub fn items(&self) -> Result<Vec<Field<'a>>, V2Error> {
        let items =
            self.value.as_array().ok_or_else(|| invalid(&self.path, format!("{} must be an array", self.path)))?;
        Ok(items.iter().enumerate().map(|(i, value)| Field { value, path: format!("{}[{i}]", self.path) }).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_and_types() {
        let body = json!({"a": {"b": 5, "c": null, "d": "x", "e": 6.0, "f": 6.5}, "list": [{"x": 1}]});
        let root = Obj::root(&body);
        let a = root.required("a").unwrap();
        let a = a.obj().unwrap();
        assert_eq!(a.int("b").unwrap(), Some(5));
        assert_eq!(a.int("e").unwrap(), Some(6));
        assert_eq!(a.int("f").unwrap_err().param.as_deref(), Some("a.f"));
        assert_eq!(a.str("c").unwrap(), None);
        assert_eq!(a.str("b").unwrap_err().param.as_deref(), Some("a.b"));
        assert_eq!(a.req_str("zz").unwrap_err().param.as_deref(), Some("a.zz"));
        let list = root.required("list").unwrap().items().unwrap();
        let item = list[0].obj().unwrap();
        assert_eq!(item.req_str("x").unwrap_err().param.as_deref(), Some("list[0].x"));
        assert_eq!(parse(b"[]").unwrap_err().code, "invalid_request");
        assert_eq!(parse(b"{").unwrap_err().param, None);
    }
}
