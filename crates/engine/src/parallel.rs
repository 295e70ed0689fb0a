//! Two halves of a job run side by side: the machines touchpoint runs on have two cores or more.

/// Runs `a` and `b`, side by side when `parallel`. A panic in either is a panic here, as
/// it would be on one thread.
pub(crate) fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let a = scope.spawn(a);
        let b = b();
        let a = a.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (a, b)
    })
}
