//! `ts/models.d.ts` is generated from the Rust models; this test keeps the
//! committed file in step. Run with `UPDATE_TS=1` to rewrite it.

#[test]
fn models_declaration_file_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ts/models.d.ts");
    let generated = crate::models::typescript_declarations();
    for line in generated.lines().filter(|l| !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/**")) {
        let words: Vec<&str> = line.split(|c: char| !c.is_alphanumeric()).collect();
        assert!(!words.contains(&"any"), "`any` in the models: {line}");
    }
    if std::env::var_os("UPDATE_TS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(committed == generated, "ts/models.d.ts is stale: run `UPDATE_TS=1 cargo test` and commit it");
}
