//! Small dense kernels over a t×t matrix stored row by row (`rows[x * t + y]` = b_xy).

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
