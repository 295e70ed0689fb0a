//! Files the whole workspace shares (the example maps, the fixtures), found from this crate.

use std::path::{Path, PathBuf};

/// `path`, relative to the workspace's top folder.
pub(crate) fn file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}
