#pragma once

// Rounding to a few significant figures, for numbers shown "about" (a benchmark's third
// digit is noise): the CLI's "~7,900" and the GUI's "7,900" both round here.
namespace SignificantFigures {
// 7893 with 2 figures -> 7900, 0.01234 -> 0.012; 0, NaN and infinities unchanged.
double round(double value, int figures);
} // namespace SignificantFigures
