#include "models/serverlevelcolumns.h"

#include "models/uiformat.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
// One row per column: its title and help, the figure it shows, the scale (fractions shown as
// percentages) and the significant digits of its text.
struct ColumnSpec {
    const char* title;
    const char* help;
    std::optional<double> ServerLevelFigures::*value;
    double scale;
    int digits;
};

using F = ServerLevelFigures;
const ColumnSpec kColumns[ServerLevelColumns::Count] = {
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "Srv tok/s"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "The server's generation tokens per second (its own counter's rate) over "
                       "the level's steady window"),
     &F::generationTps, 1.0, 4},
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "Srv running"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "Sequences in the server's running batch, mean over the steady window"),
     &F::runningMean, 1.0, 3},
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "Srv waiting"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "Requests queued in the server for admission, mean over the steady "
                       "window: above 0, the server's batch is full"),
     &F::waitingMean, 1.0, 3},
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "KV max %"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "The server's KV-cache usage, highest sample in the steady window"),
     &F::kvUsageMax, 100.0, 3},
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "Prefix hit %"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "The server's prefix-cache hit rate over the steady window (hit tokens "
                       "over looked-up tokens)"),
     &F::prefixHitRate, 100.0, 3},
    {QT_TRANSLATE_NOOP("ServerLevelColumns", "Srv vs client"),
     QT_TRANSLATE_NOOP("ServerLevelColumns",
                       "Cross-check: the server's generation tok/s against Plateau's measured "
                       "output tok/s over the same window. Above ±5% it is flagged: another "
                       "client on the same server, tokens the client lost, or a counting "
                       "mismatch"),
     &F::crossCheckDifference, 100.0, 2},
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double valueOr(const std::optional<double>& value, double scale = 1.0) {
    return value ? *value * scale : kNaN;
}

QString tr(const char* text) {
    return QCoreApplication::translate("ServerLevelColumns", text);
}
} // namespace

QString ServerLevelColumns::title(int column) {
    return column >= 0 && column < Count ? tr(kColumns[column].title) : QString();
}

QString ServerLevelColumns::help(int column) {
    return column >= 0 && column < Count ? tr(kColumns[column].help) : QString();
}

double ServerLevelColumns::numeric(const ServerLevelFigures* figures, int column) {
    if (!figures || column < 0 || column >= Count)
        return kNaN;
    const ColumnSpec& spec = kColumns[column];
    return valueOr(figures->*spec.value, spec.scale);
}

QVariant ServerLevelColumns::display(const ServerLevelFigures* figures, int column) {
    const double value = numeric(figures, column);
    if (std::isnan(value))
        return UiFormat::dash();
    const QString text = UiFormat::number(value, kColumns[column].digits);
    if (column != CrossCheck)
        return text;
    // A signed difference: "+0.4%", "−12%"; a flagged one is marked, not only coloured.
    const QString signedText = (value > 0 ? u"+"_s : QString()) % text % u'%';
    return flagged(figures, column) ? QString(u"⚠ "_s % signedText) : signedText;
}

QString ServerLevelColumns::toolTip(const ServerLevelFigures* figures, int column) {
    QString text = help(column);
    if (column == CrossCheck && figures && !figures->crossCheckNote.isEmpty())
        text += u"\n\n"_s % figures->crossCheckNote;
    else if (column == CrossCheck && figures && figures->crossCheckDifference)
        text += u"\n\n"_s % tr("Within 5%: the server counted the tokens the client measured.");
    if (!figures)
        text += u"\n\n"_s % tr("No server figures for this level.");
    return text;
}

bool ServerLevelColumns::flagged(const ServerLevelFigures* figures, int column) {
    return column == CrossCheck && figures && figures->crossCheckFlagged;
}
