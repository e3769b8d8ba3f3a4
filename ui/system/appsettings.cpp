#include "system/appsettings.h"

#include <QDir>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace AppSettings {

QStringList recentFiles() {
    return QSettings().value(u"files/recent"_s).toStringList();
}

void setRecentFiles(const QStringList& files) {
    QSettings().setValue(u"files/recent"_s, files);
}

QByteArray windowGeometry() {
    return QSettings().value(u"window/geometry"_s).toByteArray();
}

QByteArray windowState() {
    return QSettings().value(u"window/state"_s).toByteArray();
}

void setWindow(const QByteArray& geometry, const QByteArray& state) {
    QSettings settings;
    settings.setValue(u"window/geometry"_s, geometry);
    settings.setValue(u"window/state"_s, state);
}

LatencyMetric latencyMetric() {
    const QString key = QSettings().value(u"charts/latencyMetric"_s).toString();
    return LatencyNames::metricFromKey(key).value_or(LatencyMetric::E2e);
}

LatencyStat latencyStat() {
    const QString key = QSettings().value(u"charts/latencyStat"_s).toString();
    return LatencyNames::statFromKey(key).value_or(LatencyStat::P50);
}

void setLatencyAxis(LatencyMetric metric, LatencyStat stat) {
    QSettings settings;
    settings.setValue(u"charts/latencyMetric"_s, LatencyNames::key(metric));
    settings.setValue(u"charts/latencyStat"_s, LatencyNames::key(stat));
}

bool errorBars() {
    return QSettings().value(u"charts/errorBars"_s, true).toBool();
}

void setErrorBars(bool shown) {
    QSettings().setValue(u"charts/errorBars"_s, shown);
}

QSize exportSize() {
    return QSettings().value(u"export/size"_s, QSize(1200, 800)).toSize();
}

void setExport(const QSize& size, double scale) {
    QSettings settings;
    settings.setValue(u"export/size"_s, size);
    settings.setValue(u"export/scale"_s, scale);
}

QString lastDirectory() {
    return QSettings().value(u"files/lastDirectory"_s, QDir::homePath()).toString();
}

void setLastDirectory(const QString& directory) {
    QSettings().setValue(u"files/lastDirectory"_s, directory);
}

} // namespace AppSettings
