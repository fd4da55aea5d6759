//! TypeScript declarations written from the descriptors, so the `.d.ts`
//! says exactly what the reader accepts and the decoder hands back. Each
//! API's list of declarations is written to `ts/` by a native test, which
//! also fails when the committed file is stale.

use crate::core::schema::{Enum, Model, Ty, Union};

/// One declaration of an API's `.d.ts`.
#[derive(Debug, Clone, Copy)]
pub enum Decl {
    /// `export interface Name { ... }`.
    Model(&'static Model),
    /// `export type Name = "a" | "b"` (plus `| (string & {})` when open).
    Enum(&'static Enum),
    /// The interface of each variant, the unknown variant, and the union type.
    Union(&'static Union),
}

/// Writes a JSDoc block from doc-comment lines, indented by `indent`.
pub fn jsdoc(out: &mut String, indent: &str, lines: &[&str]) {
    match lines {
        [] => {}
        [line] => {
            out.push_str(indent);
            out.push_str("/**");
            out.push_str(line.trim_end());
            out.push_str(" */\n");
        }
        _ => {
            out.push_str(indent);
            out.push_str("/**\n");
            for line in lines {
                out.push_str(indent);
                out.push_str(" *");
                out.push_str(line.trim_end());
                out.push('\n');
            }
            out.push_str(indent);
            out.push_str(" */\n");
        }
    }
}

/// The TypeScript type of a member.
pub fn type_of(ty: &Ty) -> String {
    match ty {
        Ty::Str(_) | Ty::Ip { .. } => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int { .. } | Ty::Number => "number".into(),
        Ty::Date => "Date".into(),
        Ty::Enum(e) => e.name.into(),
        Ty::Obj(m) => m.name.into(),
        Ty::Union(u) => u.name.into(),
        Ty::List { item, .. } => {
            let mut s = type_of(item);
            s.push_str("[]");
            s
        }
        Ty::Map(_) => "Record<string, string>".into(),
    }
}

fn interface(out: &mut String, m: &Model, first: &str) {
    jsdoc(out, "", m.doc);
    out.push_str("export interface ");
    out.push_str(m.name);
    out.push_str(" {\n");
    out.push_str(first);
    for f in m.fields {
        jsdoc(out, "  ", f.doc);
        out.push_str("  ");
        out.push_str(f.js);
        if !f.required {
            out.push('?');
        }
        out.push_str(": ");
        out.push_str(&type_of(&f.ty));
        out.push_str(";\n");
    }
    out.push_str("}\n");
}

fn enumeration(out: &mut String, e: &Enum) {
    // The type's doc, then one line per documented value: `- \`value\`: what it means`.
    let mut lines: Vec<String> = e.doc.iter().map(|l| (*l).to_owned()).collect();
    let documented: Vec<_> = e.values.iter().filter(|(_, d)| !d.is_empty()).collect();
    if !documented.is_empty() {
        lines.push(String::new());
    }
    for (value, doc) in documented {
        let mut l = String::from(" - `");
        l.push_str(value);
        l.push_str("`:");
        l.push_str(&doc.join(""));
        lines.push(l);
    }
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    jsdoc(out, "", &refs);
    out.push_str("export type ");
    out.push_str(e.name);
    out.push_str(" =");
    for value in e.names() {
        out.push_str("\n  | \"");
        out.push_str(value);
        out.push('"');
    }
    if e.open {
        out.push_str("\n  | (string & {})");
    }
    out.push_str(";\n");
}

fn union(out: &mut String, u: &Union) {
    for (tag, m) in u.variants {
        let mut first = String::from("  type: \"");
        first.push_str(tag);
        first.push_str("\";\n");
        interface(out, m, &first);
    }
    if let Some(keep) = u.unknown {
        let first = concat!(
            "  type: \"unknown\";\n",
            "  /** The `type` the server sent, when it was a string. */\n",
            "  rawType?: string;\n",
        );
        let mut body = String::new();
        interface(&mut body, keep, first);
        // `raw` closes the interface: the value as received, snake_case keys.
        let close = body.rfind("}\n").unwrap_or(body.len());
        body.insert_str(close, "  /** The value as received, with its snake_case keys. */\n  raw: unknown;\n");
        out.push_str(&body);
    }
    jsdoc(out, "", u.doc);
    out.push_str("export type ");
    out.push_str(u.name);
    out.push_str(" =");
    for (_, m) in u.variants {
        out.push_str("\n  | ");
        out.push_str(m.name);
    }
    if let Some(keep) = u.unknown {
        out.push_str("\n  | ");
        out.push_str(keep.name);
    }
    out.push_str(";\n");
}

/// The text of a `.d.ts` made of `decls`, after a one-line `header`.
pub fn declarations(header: &str, decls: &[Decl]) -> String {
    let mut s = String::from(header);
    for d in decls {
        s.push('\n');
        match d {
            Decl::Model(m) => interface(&mut s, m, ""),
            Decl::Enum(e) => enumeration(&mut s, e),
            Decl::Union(u) => union(&mut s, u),
        }
    }
    s
}
