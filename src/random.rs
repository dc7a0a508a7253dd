//! The crate's one random generator, fixed so that every simulation reproduces everywhere.

/// SplitMix64 (Steele, Lea & Flood, 2014): a 64-bit generator with a one-word state.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// The golden-ratio increment of the state.
    const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

    #[cfg(test)]
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The generator seeded `seed` after `outputs` outputs: its state is a counter.
    pub(crate) fn skipped(seed: u64, outputs: u64) -> Self {
        Self(seed.wrapping_add(outputs.wrapping_mul(Self::GAMMA)))
    }

    /// A stream of its own for draw `k` of a run seeded `seed`: the same whichever thread,
    /// and in whichever order, the draws are made.
    #[cfg_attr(not(feature = "model"), allow(dead_code))]
    pub(crate) fn for_draw(seed: u64, k: u64) -> Self {
        let mut mixer = Self(seed ^ k.wrapping_mul(0xD1B5_4A32_D192_ED03));
        Self(mixer.next())
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(Self::GAMMA);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on 0..n without modulo bias (Lemire, 2019).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.below_counting(n).0
    }

    /// [`Self::below`], with how many outputs it rejected before the one it used.
    pub(crate) fn below_counting(&mut self, n: u64) -> (u64, u64) {
        let threshold = n.wrapping_neg() % n;
        let mut rejected = 0;
        loop {
            let product = u128::from(self.next()) * u128::from(n);
            if (product as u64) >= threshold {
                return ((product >> 64) as u64, rejected);
            }
            rejected += 1;
        }
    }

    /// Uniform on (0, 1): the top 53 bits, offset by half a step so 0 never comes.
    #[cfg_attr(not(feature = "model"), allow(dead_code))]
    pub(crate) fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal variate (Box–Muller, one of the pair).
    #[cfg_attr(not(feature = "model"), allow(dead_code))]
    pub(crate) fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}
