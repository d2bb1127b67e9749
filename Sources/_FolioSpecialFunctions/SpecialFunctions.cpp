#include "FolioSpecialFunctions.h"
#include <boost/math/distributions/normal.hpp>

extern "C" double folio_normal_cdf(double x) {
  return boost::math::cdf(boost::math::normal_distribution<double>(), x);
}
