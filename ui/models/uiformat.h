#pragma once

#include <QString>

// Number formatting shared by tables, tooltips and the summary: the user's locale (digit
// grouping), few significant digits (a benchmark's third digit is noise), "—" for NaN.
// "About" statements use number(value, 2): 7,893 -> "7,900".
class UiFormat {
public:
    static QString dash(); // shown for a value that does not exist
    // `significant` significant digits, but never decimals beyond what they need.
    static QString number(double value, int significant = 3);
    static QString integer(qint64 value);
    static QString tps(double tokensPerSecond);  // "6,130 tok/s"
    static QString ms(double milliseconds);      // "410 ms", "4.2 ms", "12.3 s"
    static QString msValue(double milliseconds); // table cells: "410", "4.2" (unit in header)
    static QString percent(double fraction);     // 0.042 -> "4.2%"
};
