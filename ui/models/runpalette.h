#pragma once

#include <QColor>
#include <QList>

// Colours for runs on shared charts. The Okabe-Ito set, ordered so that the first few
// are far apart in hue and stay distinguishable for colour-blind readers and on both a
// light and a dark chart background.
class RunPalette {
public:
    static const QList<QColor>& colors();
    // The first palette colour not in `used`; cycles when all are taken.
    static QColor firstUnused(const QList<QColor>& used);
};
