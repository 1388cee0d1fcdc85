//! The allocator's setting the binary makes: mimalloc's purge delay is the option
//! `handbook_lint` names, with mimalloc's default of a second, and set to 10 ms.

#[test]
fn the_purge_delay_is_mimallocs_option_and_is_set_to_10_ms() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // 1000 (ms) is the default of `mi_option_purge_delay` in mimalloc 3 and of no other
    // option: a wrong place in its list of options reads another value.
    assert_eq!(handbook_lint::purge_delay(), 1000);
    handbook_lint::purge_freed_memory_soon();
    assert_eq!(handbook_lint::purge_delay(), 10);
}
