#include "models/runpalette.h"

#include <algorithm>
#include <array>

const QList<QColor>& RunPalette::colors() {
    static const QList<QColor> palette = {
        QColor(0x00, 0x72, 0xB2), // blue
        QColor(0xD5, 0x5E, 0x00), // vermillion
        QColor(0x00, 0x9E, 0x73), // bluish green
        QColor(0xCC, 0x79, 0xA7), // reddish purple
        QColor(0xE6, 0x9F, 0x00), // orange
        QColor(0x56, 0xB4, 0xE9), // sky blue
        QColor(0x8C, 0x6D, 0x31), // brown (Okabe-Ito's yellow is unreadable on white)
        QColor(0x55, 0x55, 0x55), // grey
    };
    return palette;
}

QColor RunPalette::firstUnused(const QList<QColor>& used) {
    const QList<QColor>& palette = colors();
    for (const QColor& color : palette) {
        if (!used.contains(color))
            return color;
    }
    return palette.at(used.size() % palette.size());
}

QColor RunPalette::color(Role role, bool dark) {
    const QColor blue(0x00, 0x72, 0xB2);
    const QColor skyBlue(0x56, 0xB4, 0xE9);
    const QColor vermillion(0xD5, 0x5E, 0x00);
    const QColor bluishGreen(0x00, 0x9E, 0x73);
    switch (role) {
    case Role::Accent:
        return dark ? skyBlue : blue; // Okabe-Ito blue is too dark on a dark background
    case Role::SecondSeries:
    case Role::Attention:
        return vermillion;
    case Role::Best:
    case Role::Better:
        return bluishGreen;
    case Role::Worse:
        return vermillion;
    case Role::BestRowTint:
        return QColor(bluishGreen.red(), bluishGreen.green(), bluishGreen.blue(), 60);
    case Role::Budget:
        return dark ? QColor(0xFF, 0x6B, 0x5B) : QColor(0xC0, 0x39, 0x2B);
    case Role::FieldError:
        // A fixed red would vanish on a dark background.
        return dark ? QColor(0xFF, 0x8A, 0x80) : QColor(0xB0, 0x1C, 0x1C);
    case Role::Caution:
        return QColor(0xFF, 0xB7, 0x00); // amber
    case Role::DimmedLegend:
        return QColor(0x99, 0x99, 0x99);
    case Role::MutedText:
        return QColor(0x80, 0x80, 0x80);
    case Role::ChartText:
        return dark ? QColor(0xE0, 0xE0, 0xE0) : QColor(0x30, 0x30, 0x30);
    }
    return {};
}

QColor RunPalette::ramp(Ramp ramp, int step, bool dark) {
    using Steps = std::array<QColor, rampSteps>;
    static const Steps blues = {QColor(0x9E, 0xCA, 0xE1), QColor(0x4A, 0x98, 0xC9),
                                QColor(0x21, 0x71, 0xB5), QColor(0x08, 0x45, 0x94)};
    static const Steps oranges = {QColor(0xFD, 0xAE, 0x6B), QColor(0xF1, 0x69, 0x13),
                                  QColor(0xD9, 0x48, 0x01), QColor(0x8C, 0x2D, 0x04)};
    // The darkest blues would vanish on a dark background: lighter steps there.
    static const Steps bluesDark = {QColor(0x31, 0x82, 0xBD), QColor(0x6B, 0xAE, 0xD6),
                                    QColor(0x9E, 0xCA, 0xE1), QColor(0xD6, 0xE8, 0xF5)};
    static const Steps orangesDark = {QColor(0xD9, 0x48, 0x01), QColor(0xF1, 0x69, 0x13),
                                      QColor(0xFD, 0x9E, 0x5B), QColor(0xFD, 0xD0, 0xA2)};
    const Steps& steps =
        ramp == Ramp::Blues ? (dark ? bluesDark : blues) : (dark ? orangesDark : oranges);
    return steps.at(size_t(std::clamp(step, 0, rampSteps - 1)));
}

QColor RunPalette::plateauLine(const QColor& run, bool dark) {
    QColor faded = dark ? run.lighter(135) : run;
    faded.setAlpha(dark ? 200 : 170);
    return faded;
}

QColor RunPalette::knee(const QColor& run, bool dark) {
    return dark ? run.lighter(150) : run.darker(130);
}

QColor RunPalette::pointLabel(const QColor& run, bool dark) {
    return dark ? run.lighter(140) : run.darker(140);
}

QColor RunPalette::selectionHalo(const QColor& run) {
    QColor halo = run;
    halo.setAlpha(70);
    return halo;
}

QColor RunPalette::hiddenRun(const QColor& run) {
    QColor dimmed = run;
    dimmed.setAlpha(60);
    return dimmed;
}
