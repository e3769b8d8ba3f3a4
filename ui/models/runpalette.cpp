#include "models/runpalette.h"

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
