//! Helpers for what a site keeps for every page until its site pass.

/// `v` in a block of exactly its length: kept until the site pass, where a vector grown by
/// pushes holds room for at least four (and an allocator may keep a shrunk block whole).
pub(crate) fn exact<T>(v: Vec<T>) -> Vec<T> {
    if v.capacity() == v.len() {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    out.extend(v);
    out
}
