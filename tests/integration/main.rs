//! The one integration-test binary: runs the real `ike` over fixtures.
