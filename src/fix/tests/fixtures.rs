//! Fixture pairs: fixtures/fix/NAME/{input.md,expected.md}.
