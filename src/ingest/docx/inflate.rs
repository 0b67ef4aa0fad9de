//! Whole-part inflate for the common case of a deflated zip entry whose
//! declared size is known: the part is inflated in one call into a buffer
//! of exactly that size, so a zip bomb can never grow past it.
//!
//! Natively this is libdeflate (through `libdeflater`), which inflates
//! report text 1.6-2.4 times as fast as the zlib-rs stream the zip crate
//! uses (`benches/README.md`) and read every deflated part of the real
//! corpus exactly as the zip crate does. libdeflate's C does not build for
//! WebAssembly, so there the same job falls to flate2's zlib-rs stream
//! (also built natively for the tests, which compare the two on every
//! corpus part).

/// The package's one inflater, reused for every part (setting one up per
/// part was a visible cost of reading a short report).
pub(super) struct Inflater {
    #[cfg(not(target_arch = "wasm32"))]
    whole: libdeflater::Decompressor,
    #[cfg(any(test, target_arch = "wasm32"))]
    stream: flate2::Decompress,
}

impl Inflater {
    pub(super) fn new() -> Inflater {
        Inflater {
            #[cfg(not(target_arch = "wasm32"))]
            whole: libdeflater::Decompressor::new(),
            #[cfg(any(test, target_arch = "wasm32"))]
            stream: flate2::Decompress::new(false),
        }
    }

    /// Inflates the raw deflate stream `raw`, which must give exactly `size`
    /// bytes (the entry's declared size, already checked against the caps
    /// and against what the stored bytes could inflate to). `None` when the
    /// stream is damaged, truncated, shorter or longer: the zip crate's
    /// reader then decides, with its own messages.
    pub(super) fn inflate_exact(&mut self, raw: &[u8], size: usize) -> Option<Vec<u8>> {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let mut out = vec![0; size];
            let got = self.whole.deflate_decompress(raw, &mut out).ok()?;
            (got == size).then_some(out)
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.inflate_stream(raw, size)
        }
    }

    /// [`Inflater::inflate_exact`] with flate2's stream: the WebAssembly
    /// path, and the tests' second opinion.
    #[cfg(any(test, target_arch = "wasm32"))]
    pub(super) fn inflate_stream(&mut self, raw: &[u8], size: usize) -> Option<Vec<u8>> {
        use flate2::{FlushDecompress, Status};
        self.stream.reset(false);
        // One byte beyond `size` shows the stream is longer than declared.
        let limit = size.saturating_add(1);
        let mut out = Vec::with_capacity(limit.clamp(64, MAX_PRESIZE));
        loop {
            if out.len() == out.capacity() {
                if out.len() >= limit {
                    return None;
                }
                out.reserve_exact(out.len().max(4096).min(limit - out.len()));
            }
            let consumed = usize::try_from(self.stream.total_in()).ok()?;
            let produced = out.len();
            let status = self
                .stream
                .decompress_vec(raw.get(consumed..)?, &mut out, FlushDecompress::Finish)
                .ok()?;
            match status {
                Status::StreamEnd => return (out.len() == size).then_some(out),
                Status::Ok | Status::BufError => {
                    let stalled = usize::try_from(self.stream.total_in()).ok()? == consumed
                        && out.len() == produced
                        && out.len() < out.capacity();
                    if stalled {
                        // Truncated input: the zip reader reports it.
                        return None;
                    }
                }
            }
        }
    }
}

/// The most the stream path allocates up front; larger parts grow as they
/// are read.
#[cfg(any(test, target_arch = "wasm32"))]
const MAX_PRESIZE: usize = 8 << 20;
