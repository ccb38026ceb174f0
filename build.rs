//! Compiles every file under `data/lang/<code>/` into the binary, so that a new
//! language is a new folder of data and needs no code.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("data");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut entries = Vec::new();
    let lang_dir = root.join("lang");
    let mut langs: Vec<_> = fs::read_dir(&lang_dir).unwrap().filter_map(Result::ok).collect();
    langs.sort_by_key(|e| e.file_name());
    for lang in langs {
        if !lang.path().is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", lang.path().display());
        let mut files: Vec<_> = fs::read_dir(lang.path()).unwrap().filter_map(Result::ok).collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            let path = file.path();
            println!("cargo:rerun-if-changed={}", path.display());
            entries.push((
                lang.file_name().to_string_lossy().into_owned(),
                file.file_name().to_string_lossy().into_owned(),
                path.display().to_string(),
            ));
        }
    }
    let mut code = String::from("/// (language, file name, contents) of every language data file.\n");
    code.push_str("pub static LANG_FILES: &[(&str, &str, &str)] = &[\n");
    for (lang, name, path) in entries {
        writeln!(code, "    ({lang:?}, {name:?}, include_str!({path:?})),").unwrap();
    }
    code.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("lang_files.rs"), code).unwrap();

    // The tagger's models, `data/model/*.tagger`, built in the same way.
    let model_dir = root.join("model");
    println!("cargo:rerun-if-changed={}", model_dir.display());
    let mut models: Vec<_> = fs::read_dir(&model_dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    models.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "tagger"));
    models.sort();
    // Each file is held 16-byte aligned, so that its rows of `i16` weights
    // are read where they lie (`tagger::file::read_static`).
    let mut code =
        String::from("/// A file's bytes, aligned.\n#[repr(C, align(16))]\nstruct Aligned<B: ?Sized>(B);\n\n");
    let mut names = Vec::new();
    for (i, path) in models.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", path.display());
        names.push(path.file_name().unwrap().to_string_lossy().into_owned());
        writeln!(
            code,
            "static MODEL_{i}: &Aligned<[u8]> = &Aligned(*include_bytes!({:?}));",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("\n/// (file name, contents) of every tagger model.\n");
    code.push_str("pub static MODEL_FILES: &[(&str, &[u8])] = &[\n");
    for (i, name) in names.iter().enumerate() {
        writeln!(code, "    ({name:?}, &MODEL_{i}.0),").unwrap();
    }
    code.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("model_files.rs"), code).unwrap();
}
