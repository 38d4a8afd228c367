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
        for c in piece.chars() {
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

#[cfg(test)]
mod tests {
    use super::Description;

    #[test]
    fn collapses_whitespace_and_stray_selectors() {
        let rows: [(&[&str], &str); 5] = [
            (&["  a \t b  "], "a b"),
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
