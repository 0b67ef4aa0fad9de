//! Converts the data files (`seeds/`, `templates/`) from TOML to JSON for
//! embedding: the command parses JSON about three times faster than TOML,
//! and parsing was a third of its start-up. The TOML files stay the one
//! source of truth (reviewed, commented, edited by hand); the JSON exists
//! only in the build directory, written again whenever a file changes.
//!
//! A file that is not valid TOML stops the build with the parser's message,
//! naming the file and the line.

use std::path::Path;

/// Every data file the library embeds (`src/embedded.rs` names the same).
const FILES: [&str; 12] = [
    "seeds/rules.toml",
    "seeds/objectives.toml",
    "seeds/principles.toml",
    "seeds/clusters.toml",
    "seeds/regions.toml",
    "seeds/scope/en.toml",
    "seeds/scope/fr.toml",
    "seeds/scope/es.toml",
    "seeds/scope/ru.toml",
    "seeds/scope/ar.toml",
    "seeds/scope/zh.toml",
    "templates/voluntary-gcm-review-2022.toml",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        fail("cargo did not set OUT_DIR");
    };
    for file in FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| fail(&format!("cannot read {file}: {e}")));
        // Keys come out sorted, in the order the TOML deserializer gives the
        // loaders (a test compares both forms, order included).
        let table: toml::Table = toml::from_str(&text)
            .unwrap_or_else(|e| fail(&format!("{file} is not valid TOML: {e}")));
        let json = serde_json::to_string(&table)
            .unwrap_or_else(|e| fail(&format!("{file} cannot be written as JSON: {e}")));
        let target = Path::new(&out_dir).join(file).with_extension("json");
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", dir.display())));
        }
        std::fs::write(&target, json)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", target.display())));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
