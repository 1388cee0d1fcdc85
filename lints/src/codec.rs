//! Compact bytes for what a run keeps out of memory until it needs it again (the tool's
//! store of findings, a page's own site facts): integers as LEB128, strings as their length
//! and bytes, flags as one byte. Pure: it fills and reads byte buffers, nothing else.

use std::io;

use crate::span::Span;

/// Writes values to a byte buffer.
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u64(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    pub fn usize(&mut self, n: usize) {
        self.u64(n as u64);
    }

    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// Bytes, after their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.0.extend_from_slice(b);
    }

    pub fn bool(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }

    /// A string or none, after a flag byte.
    pub fn opt_str(&mut self, s: Option<&str>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.str(s);
        }
    }

    /// A span, as [`Writer::range`].
    pub fn span(&mut self, s: Span) {
        self.range(s.start, s.end);
    }

    /// A byte range: its start, and its end as a signed distance from the start (small, and
    /// a range that ends before it starts comes back as it was).
    pub fn range(&mut self, start: usize, end: usize) {
        self.usize(start);
        let d = (end as i64).wrapping_sub(start as i64);
        self.u64(((d << 1) ^ (d >> 63)) as u64);
    }
}

/// Reads what a [`Writer`] wrote, in the same order.
pub struct Reader<'a>(pub &'a [u8]);

/// The error for bytes that are not what was written.
pub fn invalid(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("a stored report is damaged ({what})"),
    )
}

impl<'a> Reader<'a> {
    pub fn byte(&mut self) -> io::Result<u8> {
        let (&b, rest) = self.0.split_first().ok_or_else(|| invalid("end"))?;
        self.0 = rest;
        Ok(b)
    }

    pub fn u64(&mut self) -> io::Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(invalid("integer"))
    }

    pub fn usize(&mut self) -> io::Result<usize> {
        usize::try_from(self.u64()?).map_err(|_| invalid("size"))
    }

    pub fn str(&mut self) -> io::Result<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| invalid("text"))
    }

    /// What [`Writer::bytes`] wrote.
    pub fn bytes(&mut self) -> io::Result<&'a [u8]> {
        let len = self.usize()?;
        if len > self.0.len() {
            return Err(invalid("bytes"));
        }
        let (b, rest) = self.0.split_at(len);
        self.0 = rest;
        Ok(b)
    }

    pub fn bool(&mut self) -> io::Result<bool> {
        Ok(self.byte()? != 0)
    }

    /// What [`Writer::opt_str`] wrote.
    pub fn opt_str(&mut self) -> io::Result<Option<&'a str>> {
        Ok(match self.bool()? {
            true => Some(self.str()?),
            false => None,
        })
    }

    /// What [`Writer::span`] wrote.
    pub fn span(&mut self) -> io::Result<Span> {
        let (start, end) = self.range()?;
        Ok(Span::new(start, end))
    }

    /// A number of items to read: no more than the bytes left could hold (each is a byte
    /// at least), so damaged bytes cannot ask for a huge allocation.
    pub fn count(&mut self) -> io::Result<usize> {
        let n = self.usize()?;
        if n > self.0.len() {
            return Err(invalid("count"));
        }
        Ok(n)
    }

    /// What [`Writer::range`] wrote, as (start, end).
    pub fn range(&mut self) -> io::Result<(usize, usize)> {
        let start = self.usize()?;
        let z = self.u64()?;
        let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let end = start
            .checked_add_signed(d as isize)
            .ok_or_else(|| invalid("range"))?;
        Ok((start, end))
    }
}
