#pragma once

#include "profile/latencymetric.h"

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>

// The preferences Plateau keeps between sessions (QSettings, per user): recent files,
// window geometry and dock layout, the latency axis of the charts, the last export size.
namespace AppSettings {
QStringList recentFiles();
void setRecentFiles(const QStringList& files);

QByteArray windowGeometry();
QByteArray windowState();
void setWindow(const QByteArray& geometry, const QByteArray& state);

// Kept as the files' names ("ttft", "p95"); a name that no longer reads gives the default.
LatencyMetric latencyMetric(); // e2e by default
LatencyStat latencyStat();     // p50 by default
void setLatencyAxis(LatencyMetric metric, LatencyStat stat);
bool errorBars(); // the charts' 95% interval bars, shown by default
void setErrorBars(bool shown);

QSize exportSize(); // 1200x800 by default
void setExport(const QSize& size, double scale);

QString lastDirectory();
void setLastDirectory(const QString& directory);
} // namespace AppSettings
