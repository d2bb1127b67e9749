#include "FolioSpecialFunctions.h"
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

namespace {
using namespace boost::math::policies;
// Report domain errors as NaN and overflow as ±inf instead of throwing:
// the Swift side sees plain doubles.
typedef policy<domain_error<ignore_error>, pole_error<ignore_error>,
               overflow_error<ignore_error>, evaluation_error<ignore_error>,
               rounding_error<ignore_error>, promote_double<false>>
    Quiet;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

bool badProbability(double p) { return !(p >= 0.0 && p <= 1.0); }

template <class D> double lowerTail(const D &d, double x) {
  if (std::isnan(x)) return kNaN;
  try { return boost::math::cdf(d, x); } catch (...) { return kNaN; }
}
template <class D> double upperTail(const D &d, double x) {
  if (std::isnan(x)) return kNaN;
  try { return boost::math::cdf(boost::math::complement(d, x)); } catch (...) { return kNaN; }
}
// Quantiles at p = 0 / 1 are the support's ends: `lo` / `hi`.
template <class D> double lowerInverse(const D &d, double p, double lo, double hi) {
  if (badProbability(p)) return kNaN;
  if (p == 0.0) return lo;
  if (p == 1.0) return hi;
  try { return boost::math::quantile(d, p); } catch (...) { return kNaN; }
}
template <class D> double upperInverse(const D &d, double q, double lo, double hi) {
  if (badProbability(q)) return kNaN;
  if (q == 0.0) return hi;
  if (q == 1.0) return lo;
  try { return boost::math::quantile(boost::math::complement(d, q)); } catch (...) { return kNaN; }
}
bool positive(double v) { return v > 0.0 && std::isfinite(v); }
}  // namespace

#define FOLIO_FOUR(prefix, ARGS, ARGNAMES, VALID, MAKE, LO, HI)                         \
  extern "C" double folio_##prefix##_cdf ARGS {                                        \
    if (!(VALID)) return kNaN;                                                         \
    return lowerTail(MAKE, x);                                                               \
  }                                                                                    \
  extern "C" double folio_##prefix##_sf ARGS {                                         \
    if (!(VALID)) return kNaN;                                                         \
    return upperTail(MAKE, x);                                                                \
  }                                                                                    \
  extern "C" double folio_##prefix##_quantile ARGNAMES {                               \
    if (!(VALID)) return kNaN;                                                         \
    return lowerInverse(MAKE, x, LO, HI);                                                  \
  }                                                                                    \
  extern "C" double folio_##prefix##_isf ARGNAMES {                                    \
    if (!(VALID)) return kNaN;                                                         \
    return upperInverse(MAKE, x, LO, HI);                                                       \
  }

FOLIO_FOUR(normal, (double x), (double x), true,
           (boost::math::normal_distribution<double, Quiet>()), -kInf, kInf)
FOLIO_FOUR(t, (double df, double x), (double df, double x), df > 0.0,
           (boost::math::students_t_distribution<double, Quiet>(df)), -kInf, kInf)
FOLIO_FOUR(chi2, (double df, double x), (double df, double x), positive(df),
           (boost::math::chi_squared_distribution<double, Quiet>(df)), 0.0, kInf)
FOLIO_FOUR(f, (double df1, double df2, double x), (double df1, double df2, double x),
           positive(df1) && df2 > 0.0,
           (boost::math::fisher_f_distribution<double, Quiet>(df1, df2)), 0.0, kInf)
FOLIO_FOUR(gamma, (double shape, double scale, double x), (double shape, double scale, double x),
           positive(shape) && positive(scale),
           (boost::math::gamma_distribution<double, Quiet>(shape, scale)), 0.0, kInf)

extern "C" double folio_lgamma(double x) {
  if (std::isnan(x)) return kNaN;
  try { return boost::math::lgamma(x, Quiet()); } catch (...) { return kNaN; }
}
