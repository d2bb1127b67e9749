// This module provides no stable Swift API. It exposes Boost.Math
// distribution functions through a plain C ABI for FolioStats.
//
// Every function returns NaN for arguments outside the distribution's domain
// (a non-positive degree of freedom, p outside [0, 1], NaN input) and ±inf
// where the true value is infinite (quantile at p = 0 or 1); none throws.
// `sf` is the upper tail P(X > x) computed directly (Boost's complement), so
// it keeps full relative accuracy far in the tail; `isf` is its inverse.
#ifndef FOLIO_SPECIAL_FUNCTIONS_H
#define FOLIO_SPECIAL_FUNCTIONS_H
#ifdef __cplusplus
extern "C" {
#endif

/// Standard normal N(0, 1).
double folio_normal_cdf(double x);
double folio_normal_sf(double x);
double folio_normal_quantile(double p);
double folio_normal_isf(double q);

/// Student t with `df` > 0 degrees of freedom.
double folio_t_cdf(double df, double x);
double folio_t_sf(double df, double x);
double folio_t_quantile(double df, double p);
double folio_t_isf(double df, double q);

/// Chi-squared with `df` > 0 degrees of freedom.
double folio_chi2_cdf(double df, double x);
double folio_chi2_sf(double df, double x);
double folio_chi2_quantile(double df, double p);
double folio_chi2_isf(double df, double q);

/// Fisher F with `df1`, `df2` > 0.
double folio_f_cdf(double df1, double df2, double x);
double folio_f_sf(double df1, double df2, double x);
double folio_f_quantile(double df1, double df2, double p);
double folio_f_isf(double df1, double df2, double q);

/// Gamma with `shape` > 0 and `scale` > 0 (mean shape·scale).
double folio_gamma_cdf(double shape, double scale, double x);
double folio_gamma_sf(double shape, double scale, double x);
double folio_gamma_quantile(double shape, double scale, double p);
double folio_gamma_isf(double shape, double scale, double q);

/// log Γ(x) for x > 0 (Boost's lgamma, accurate to a few ulp).
double folio_lgamma(double x);

#ifdef __cplusplus
}
#endif
#endif
