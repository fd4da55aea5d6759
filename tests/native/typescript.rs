//! The `.d.ts` of each API is generated from its descriptors; this test
//! keeps the committed files in step. Run with `UPDATE_TS=1` to rewrite them.

use crate::core::typescript::{declarations, Decl};

const HEADER: &str =
    "// Generated from the Rust descriptors by `cargo test` (tests/native/typescript.rs). Do not edit.\n";

fn up_to_date(file: &str, decls: &[Decl]) {
    let path = format!("{}/ts/{file}", env!("CARGO_MANIFEST_DIR"));
    let generated = declarations(HEADER, decls);
    for line in generated.lines().filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/**")) {
        let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(!words.contains(&"any"), "`any` in {file}: {line}");
    }
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "ts/{file} is stale: run `UPDATE_TS=1 cargo test` and commit it");
}

#[test]
fn ding_declarations_are_up_to_date() {
    up_to_date("ding.d.ts", crate::ding::models::DECLARATIONS);
}

#[test]
fn prelude_declarations_are_up_to_date() {
    up_to_date("prelude.d.ts", crate::prelude::models::DECLARATIONS);
}

#[test]
fn request_models_use_closed_enums_and_answers_open_ones() {
    use crate::core::schema::{Model, Ty};
    fn walk(m: &'static Model, request: bool, seen: &mut Vec<&'static str>) {
        if seen.contains(&m.name) {
            return;
        }
        seen.push(m.name);
        for f in m.fields {
            let mut ty = &f.ty;
            while let Ty::List { item, .. } = ty {
                ty = item;
            }
            match ty {
                Ty::Enum(e) => assert_eq!(e.open, !request, "{}.{}: {}", m.name, f.js, e.name),
                Ty::Obj(inner) => walk(inner, request, seen),
                Ty::Union(u) => u.variants.iter().for_each(|(_, v)| walk(v, request, seen)),
                Ty::Number | Ty::Date => assert!(!request, "{}.{} cannot be sent", m.name, f.js),
                _ => {}
            }
        }
    }
    for d in crate::ding::models::DECLARATIONS.iter().chain(crate::prelude::models::DECLARATIONS) {
        // From the roots: what a call takes, what it answers.
        if let Decl::Model(m) = d {
            let request = m.name.ends_with("Request") || m.name == "LookupParams";
            if request || m.name.ends_with("Response") || m.name.ends_with("List") {
                walk(m, request, &mut Vec::new());
            }
        }
    }
}
