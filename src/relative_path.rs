//! The relative path from one folder to another, for links in a digest written elsewhere
//! than the vault root (`digests/2026-11-21.md` links to `../projects/a.md#L3`).

use std::path::{Component, Path};

/// The `/`-separated prefix that leads from folder `from` to folder `to` (empty when they
/// are the same; ends with `/` otherwise). Both are made absolute first; symlinks are not
/// resolved.
pub(crate) fn link_prefix(from: &Path, to: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (abs(from), abs(to));
    let norm = |p: &Path| -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    parts.pop();
                }
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
            }
        }
        parts
    };
    let (from, to) = (norm(&from), norm(&to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    for part in &to[common..] {
        out.push_str(part);
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::link_prefix;
    use std::path::Path;

    #[test]
    fn prefixes() {
        let rows = [
            ("/v", "/v", ""),
            ("/v/digests", "/v", "../"),
            ("/v/a/b", "/v", "../../"),
            ("/out", "/v", "../v/"),
            ("/v/./digests/../digests", "/v", "../"),
        ];
        for (from, to, want) in rows {
            assert_eq!(
                link_prefix(Path::new(from), Path::new(to)),
                want,
                "{from} → {to}"
            );
        }
    }
}
