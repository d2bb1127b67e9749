// This module provides no stable Swift API. It exposes a few Boost.Math
// distribution functions through a plain C ABI for FolioStats.
#ifndef FOLIO_SPECIAL_FUNCTIONS_H
#define FOLIO_SPECIAL_FUNCTIONS_H
#ifdef __cplusplus
extern "C" {
#endif

/// Standard normal CDF Φ(x).
double folio_normal_cdf(double x);

#ifdef __cplusplus
}
#endif
#endif
