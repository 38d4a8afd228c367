//! Pretty-printed JSON written piece by piece, byte for byte as `serde_json` prints the
//! whole value: an object field by field, an array element by element. A command with a
//! million results writes them as they are made (and flushes its text every so often)
//! instead of building them all and then one string of them all.

use serde::Serialize;

/// Two spaces a level, as `serde_json`'s pretty printer indents.
fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Append `value` pretty-printed as serde_json does at nesting depth `depth` (two spaces
/// a level): the first line as is, every later line indented. serde_json escapes line
/// breaks inside strings, so splitting the output at `\n` only splits between tokens.
pub(crate) fn push_pretty_at<T: Serialize + ?Sized>(out: &mut String, value: &T, depth: usize) {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            indent(out, depth);
        }
        out.push_str(line);
    }
}

/// An object or array being written at nesting depth `depth`: its opening bracket is
/// written, its elements follow, [`Pretty::close`] writes the closing one.
#[derive(Debug)]
pub(crate) struct Pretty {
    depth: usize,
    empty: bool,
    close: char,
}

impl Pretty {
    /// Open an object (`{`) at `depth`.
    pub(crate) fn object(out: &mut String, depth: usize) -> Self {
        out.push('{');
        Self {
            depth,
            empty: true,
            close: '}',
        }
    }

    /// Open an array (`[`) at `depth`.
    pub(crate) fn array(out: &mut String, depth: usize) -> Self {
        out.push('[');
        Self {
            depth,
            empty: true,
            close: ']',
        }
    }

    /// The depth of what is written inside.
    pub(crate) fn inner(&self) -> usize {
        self.depth + 1
    }

    /// Start the next element: the separator and the indentation.
    pub(crate) fn next(&mut self, out: &mut String) {
        out.push_str(if self.empty { "\n" } else { ",\n" });
        indent(out, self.inner());
        self.empty = false;
    }

    /// Start the field `name` of an object: what follows is its value.
    pub(crate) fn key(&mut self, out: &mut String, name: &str) {
        self.next(out);
        push_pretty_at(out, name, 0);
        out.push_str(": ");
    }

    /// The field `name` with `value`.
    pub(crate) fn field<T: Serialize + ?Sized>(&mut self, out: &mut String, name: &str, value: &T) {
        self.key(out, name);
        push_pretty_at(out, value, self.inner());
    }

    /// The next element of an array: `value`.
    pub(crate) fn element<T: Serialize + ?Sized>(&mut self, out: &mut String, value: &T) {
        self.next(out);
        push_pretty_at(out, value, self.inner());
    }

    /// Write the closing bracket (`{}` and `[]` when nothing was written inside).
    pub(crate) fn close(self, out: &mut String) {
        if !self.empty {
            out.push('\n');
            indent(out, self.depth);
        }
        out.push(self.close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Write `value` (an object of arrays of objects, nested to any depth) through
    /// [`Pretty`], element by element.
    fn piecewise(out: &mut String, value: &serde_json::Value, depth: usize) {
        match value {
            serde_json::Value::Object(map) => {
                let mut o = Pretty::object(out, depth);
                for (k, v) in map {
                    if v.is_array() {
                        o.key(out, k);
                        piecewise(out, v, o.inner());
                    } else {
                        o.field(out, k, v);
                    }
                }
                o.close(out);
            }
            serde_json::Value::Array(items) => {
                let mut a = Pretty::array(out, depth);
                for v in items {
                    if v.is_object() {
                        a.next(out);
                        piecewise(out, v, a.inner());
                    } else {
                        a.element(out, v);
                    }
                }
                a.close(out);
            }
            other => push_pretty_at(out, other, depth),
        }
    }

    #[test]
    fn pieces_print_as_the_whole_value() {
        let values = [
            json!({}),
            json!([]),
            json!({"a": []}),
            json!({"a": {}, "b": [[]]}),
            json!({"today": "2026-11-21", "query": "not done\nlimit 10", "total": 2,
                   "groups": [{"names": [], "tasks": [{"path": "a \"b\".md", "line": 1},
                                                      {"tags": ["#x"], "n": null}]}],
                   "problems": []}),
            json!({"blocks": [{"path": "q.md", "groups": [{"names": ["%%1%%x", "y"],
                   "tasks": []}], "error": "bad"}, {"groups": []}], "problems": [{"a": 1}]}),
            json!([1, "two", [3, [4, {}]], {"five": [6]}]),
        ];
        for value in values {
            let mut out = String::new();
            piecewise(&mut out, &value, 0);
            let whole = serde_json::to_string_pretty(&value).expect("json");
            assert_eq!(out, whole, "{value}");
        }
    }
}
