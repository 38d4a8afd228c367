//! The task's description: its text with field tokens taken out and whitespace collapsed.

/// Builds a description from the kept pieces of text, collapsing every run of whitespace
/// (NBSP included) into one space and dropping the U+FE0F selectors a removed emoji may
/// leave behind.
pub(super) struct Description {
    text: String,
    space: bool,
}

impl Description {
    /// An empty description with room for `capacity` bytes.
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            space: false,
        }
    }

    /// Append kept text.
    pub(super) fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                // A run of ASCII is copied at once; ASCII whitespace is what
                // `char::is_whitespace` says it is.
                let run = bytes[i..]
                    .iter()
                    .position(|&b| b >= 0x80 || is_ascii_space(b))
                    .map_or(bytes.len(), |n| i + n);
                if run == i {
                    self.space = true;
                    i += 1;
                    continue;
                }
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push_str(&piece[i..run]);
                i = run;
                continue;
            }
            let Some(c) = piece[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if c.is_whitespace() {
                self.space = true;
            } else if c == '\u{FE0F}' && (self.space || self.text.is_empty()) {
                // A selector not attached to a kept character.
            } else {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
            }
        }
    }

    /// Separate what comes next by a space (a line break, or a removed token, which should
    /// not glue the words around it together).
    pub(super) fn separate(&mut self) {
        self.space = true;
    }

    /// The finished description.
    pub(super) fn finish(self) -> String {
        self.text
    }
}

/// The ASCII bytes `char::is_whitespace` holds true for.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::Description;

    #[test]
    fn collapses_whitespace_and_stray_selectors() {
        let rows: [(&[&str], &str); 9] = [
            (&["  a \t b  "], "a b"),
            (&["a\u{0B}b\u{0C}c\rd"], "a b c d"),
            (&["ab\u{3000}cd é\u{2028}f"], "ab cd é f"),
            (&["x\u{fe0f}", " \u{fe0f}y"], "x\u{fe0f} y"),
            (&["", " ", "a"], "a"),
            (&["a\u{a0}\u{a0}b"], "a b"),
            (&["\u{fe0f} a ", "\u{fe0f}b"], "a b"),
            (&["I ❤\u{fe0f} it"], "I ❤\u{fe0f} it"),
            (&["a", "", "b"], "a b"),
        ];
        for (pieces, want) in rows {
            let mut d = Description::with_capacity(8);
            for p in pieces {
                d.push(p);
                d.separate();
            }
            assert_eq!(d.finish(), want, "{pieces:?}");
        }
    }
}
