//! One host's limits: its slots, its pace (an interval that is zero until the host asks us
//! to slow down) and how long it usually takes to answer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

/// One host's limits.
pub(super) struct Host {
    pub(super) slots: Arc<Semaphore>,
    /// Requests that gave their slot back while still waiting (at most the limit).
    pub(super) stalled: Arc<Semaphore>,
    pub(super) pace: Mutex<Pace>,
    /// Answers of any status received from this host.
    pub(super) answers: AtomicUsize,
    /// How long the host takes to answer: a moving average, in microseconds (0: no answer yet).
    pub(super) latency_us: AtomicUsize,
}

pub(super) struct Pace {
    pub(super) interval: Duration,
    pub(super) next: Instant,
    /// Share of recent answers that were 429 or 503 (moving average).
    pub(super) limited: f64,
    pub(super) last_raise: Option<Instant>,
}

impl Pace {
    pub(super) fn new() -> Pace {
        Pace {
            interval: Duration::ZERO,
            next: Instant::now(),
            limited: 0.0,
            last_raise: None,
        }
    }

    /// A 429 or 503. A lone one is that URL's business (it is retried after its own
    /// `Retry-After`); when they become a sizeable share of the answers the host is telling
    /// us to slow down, and the interval doubles, at most once per interval.
    pub(super) fn limited(&mut self, now: Instant) {
        self.limited = self.limited * 0.9 + 0.1;
        if self.limited < 0.2 {
            return;
        }
        let window = self.interval.max(Duration::from_millis(50));
        if self.last_raise.is_some_and(|t| now - t < window) {
            return;
        }
        self.interval = (self.interval * 2)
            .max(Duration::from_millis(25))
            .min(Duration::from_secs(2));
        self.last_raise = Some(now);
    }

    /// Any other answer: the interval shrinks back towards zero.
    pub(super) fn answered(&mut self) {
        self.limited *= 0.9;
        if !self.interval.is_zero() {
            self.interval = self.interval * 9 / 10;
            if self.interval < Duration::from_millis(5) {
                self.interval = Duration::ZERO;
            }
        }
    }
}

impl Host {
    /// How long a request may wait before it is taken as stalled on its own URL: four times
    /// the host's usual answer time, at least `floor`; one second before the first answer.
    pub(super) fn stall_after(&self, floor: Duration) -> Duration {
        match self.latency_us.load(Ordering::Relaxed) {
            0 => Duration::from_secs(1).max(floor),
            us => Duration::from_micros(4 * us as u64).max(floor),
        }
    }

    pub(super) fn answered_in(&self, took: Duration) {
        let us = took.as_micros().min(60_000_000) as usize;
        let old = self.latency_us.load(Ordering::Relaxed);
        let new = if old == 0 { us } else { (old * 7 + us) / 8 };
        self.latency_us.store(new.max(1), Ordering::Relaxed);
    }

    /// Wait for this host's next turn (immediately while the interval is zero).
    pub(super) async fn turn(&self) {
        let wait = {
            let mut p = self.pace.lock().unwrap();
            if p.interval.is_zero() {
                return;
            }
            let now = Instant::now();
            let at = p.next.max(now);
            p.next = at + p.interval;
            at - now
        };
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolated_429s_keep_the_pace_and_sustained_ones_slow_it() {
        let mut p = Pace::new();
        let t0 = Instant::now();
        for i in 0..300u64 {
            if i % 30 == 0 {
                p.limited(t0 + Duration::from_millis(i));
            } else {
                p.answered();
            }
        }
        assert_eq!(p.interval, Duration::ZERO, "one 429 in 30 answers");
        let mut t = t0;
        for _ in 0..20 {
            t += Duration::from_millis(100);
            p.limited(t);
        }
        assert!(p.interval >= Duration::from_millis(400), "{:?}", p.interval);
        assert!(p.interval <= Duration::from_secs(2));
        for _ in 0..100 {
            p.answered();
        }
        assert_eq!(p.interval, Duration::ZERO, "good answers bring it back");
    }
}
