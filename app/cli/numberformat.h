#pragma once

#include <QString>

// Numbers the way the terminal output shows them: "7,912", "4.3", "~7,900", "0:42".
// NaN (an undefined metric) prints as "-".
namespace NumberFormat {
QString count(double value);  // whole number with thousands separators
QString ms(double value);     // milliseconds: one decimal below 10, whole above
QString approx(double value); // two significant figures: "~7,900"
QString decimal(double value, int decimals);
QString duration(double seconds); // "0:42", "12:05", "1:02:03"
} // namespace NumberFormat
