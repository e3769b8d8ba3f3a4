#pragma once

class QLogValueAxis;
class QValueAxis;

// Axis ranges with round tick steps (1, 2, 2.5, 5 x 10^k) so labels read "0, 2,000,
// 4,000" instead of "0, 1,873.4", and so a live chart's axes only move when the data
// crosses a round number rather than on every refresh.
class NiceAxis {
public:
    struct Range {
        double min = 0.0;
        double max = 1.0;
        double step = 0.2;
    };
    // A range from min (usually 0) covering max with about `ticks` intervals.
    static Range nice(double min, double max, int ticks = 5);
    static void apply(QValueAxis* axis, double min, double max, int ticks = 5);
    // Log2 axis spanning whole powers of two around [min, max] (both > 0). Labels are
    // integers ("%.0f") unless the range goes below 8 with fractional values (rates).
    static void applyLog2(QLogValueAxis* axis, double min, double max, bool integral = true);
};
