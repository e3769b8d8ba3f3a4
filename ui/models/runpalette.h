#pragma once

#include <QColor>
#include <QList>

// Every colour Plateau draws with, in one place. Runs on shared charts get the Okabe-Ito
// set, ordered so that the first few are far apart in hue and stay distinguishable for
// colour-blind readers and on both a light and a dark chart background. Everything else
// (budget line, best level, figures to look at, dimmed legend entries...) is a named role,
// and the decorations drawn in a run's own hue (plateau, knee, labels) are derived here.
class RunPalette {
public:
    static const QList<QColor>& colors();
    // The first palette colour not in `used`; cycles when all are taken.
    static QColor firstUnused(const QList<QColor>& used);

    enum class Role {
        Accent,       // a single series that is no run's (timeline tokens/s)
        SecondSeries, // the second line of a two-axis chart (latency, requests in flight)
        Attention,    // a figure to look at twice: errors, client bound, inconclusive
        Best,         // the best level within the latency budget
        BestRowTint,  // its row in the level table (translucent: any palette)
        Budget,       // the latency budget line
        FieldError,   // an invalid field's message
        Caution,      // the warning banner's tint, mixed over the window colour
        DimmedLegend, // the label of a hidden run's legend entry
        MutedText,    // table rows that do not count (warm-up requests)
        ChartText,    // overlay text on a chart (notes)
        Better,       // a significant improvement (compare view)
        Worse,        // a significant regression (compare view)
    };
    // `dark`: the variant for a dark background, where the role has one.
    static QColor color(Role role, bool dark = false);

    // Sequential ramps for percentiles (p50 → p99): the higher the percentile, the stronger
    // the colour. On a light background strong means dark; on a dark one it means light.
    enum class Ramp { Blues, Oranges };
    static constexpr int rampSteps = 4;
    static QColor ramp(Ramp ramp, int step, bool dark);

    // Decorations in a run's hue, set off from its line: on a dark background the
    // Okabe-Ito blues are dim, so they go lighter there rather than darker.
    static QColor plateauLine(const QColor& run, bool dark); // translucent
    static QColor knee(const QColor& run, bool dark);
    static QColor pointLabel(const QColor& run, bool dark);
    static QColor selectionHalo(const QColor& run);
    static QColor hiddenRun(const QColor& run); // a hidden run's legend marker
};
