//! Small dense kernels over a t×t matrix stored row by row (`rows[x * t + y]` = b_xy).

/// Runs `work` on a zeroed scratch slice of `len` values, on the stack up to 64 of them (a
/// 9×9 matrix's 36 judgments above the diagonal and its 9 rows fit): the matrices of everyday
/// AHP then allocate nothing. Two sizes, so that a vector of a few values does not pay for
/// zeroing half a kilobyte.
pub(crate) fn with_scratch<R>(len: usize, work: impl FnOnce(&mut [f64]) -> R) -> R {
    if len <= 16 {
        let mut small = [0.0; 16];
        work(&mut small[..len])
    } else if len <= 64 {
        let mut medium = [0.0; 64];
        work(&mut medium[..len])
    } else {
        work(&mut vec![0.0; len])
    }
}

/// out = B·w.
pub(crate) fn mat_vec(rows: &[f64], w: &[f64], out: &mut [f64]) {
    for (o, row) in out.iter_mut().zip(rows.chunks_exact(w.len().max(1))) {
        *o = row.iter().zip(w).map(|(b, w)| b * w).sum();
    }
}

/// out_x = Π_y b_xy.
pub(crate) fn row_products(rows: &[f64], out: &mut [f64]) {
    let t = out.len().max(1);
    for (o, row) in out.iter_mut().zip(rows.chunks_exact(t)) {
        *o = row.iter().product();
    }
}

/// λmax = (1/t) Σ_x (Bw)_x / w_x, using `scratch` (length t) for Bw.
pub(crate) fn lambda_max(rows: &[f64], w: &[f64], scratch: &mut [f64]) -> f64 {
    mat_vec(rows, w, scratch);
    scratch.iter().zip(w).map(|(s, x)| s / x).sum::<f64>() / w.len() as f64
}

/// out = A·B for t×t matrices stored row by row (`out` is overwritten).
pub(crate) fn mat_mul(a: &[f64], b: &[f64], t: usize, out: &mut [f64]) {
    // The usual orders get a copy with the order known at compile time: whole rows in
    // registers, unrolled and vectorized.
    macro_rules! fixed {
        ($($n:literal)*) => {
            match t {
                $($n => return mat_mul_fixed::<$n>(a, b, out),)*
                _ => {}
            }
        };
    }
    fixed!(3 4 5 6 7 8 9 10 11 12);
    out.fill(0.0);
    let t = t.max(1);
    for (out_row, a_row) in out.chunks_exact_mut(t).zip(a.chunks_exact(t)) {
        // i-k-j order: the innermost loop runs along contiguous rows of B and of the result.
        for (&a_ik, b_row) in a_row.iter().zip(b.chunks_exact(t)) {
            for (o, &b_kj) in out_row.iter_mut().zip(b_row) {
                *o += a_ik * b_kj;
            }
        }
    }
}

fn mat_mul_fixed<const T: usize>(a: &[f64], b: &[f64], out: &mut [f64]) {
    for (out_row, a_row) in out.chunks_exact_mut(T).zip(a.chunks_exact(T)) {
        let mut acc = [0.0; T];
        for (&a_ik, b_row) in a_row.iter().zip(b.chunks_exact(T)) {
            if let Ok(b_row) = <&[f64; T]>::try_from(b_row) {
                for j in 0..T {
                    acc[j] += a_ik * b_row[j];
                }
            }
        }
        out_row.copy_from_slice(&acc);
    }
}
