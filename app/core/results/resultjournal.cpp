#include "resultjournal.h"

#include "calibrationjson.h"
#include "levelruninfojson.h"
#include "profileio.h"
#include "recordjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace {
QByteArray line(const QString& type, QJsonObject object) {
    object.insert(QStringLiteral("type"), type);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

ResultJournal::~ResultJournal() {
    close();
}

bool ResultJournal::open(const QString& path, QString* error) {
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        m_file.close();
    m_error.clear();
    m_file.setFileName(path);
    // Unbuffered: each line goes to the kernel in one write() as soon as it is appended,
    // so a killed process (not a power cut: no fsync per line, that would cost ms) keeps it.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        if (error)
            *error = path + QStringLiteral(": ") + m_file.errorString();
        return false;
    }
    return true;
}

bool ResultJournal::isOpen() const {
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

QString ResultJournal::path() const {
    QMutexLocker lock(&m_mutex);
    return m_file.fileName();
}

QString ResultJournal::error() const {
    QMutexLocker lock(&m_mutex);
    return m_error;
}

void ResultJournal::writeRunStart(const RunResult& header) {
    appendLine(line(QStringLiteral("run"),
                    {
                        {QStringLiteral("schema"), QLatin1String(schemaName)},
                        {QStringLiteral("toolVersion"), header.toolVersion},
                        {QStringLiteral("startedAt"), header.startedAt.toString(Qt::ISODateWithMs)},
                        {QStringLiteral("runStartNs"), header.runStartNs},
                        {QStringLiteral("endpointUrl"), header.endpointUrl},
                        {QStringLiteral("profile"), ProfileIo::toJson(header.profile)},
                    }));
}

void ResultJournal::writeLevelStart(const LevelRunInfo& info) {
    appendLine(line(QStringLiteral("level_start"), LevelRunInfoJson::toJournalJson(info)));
}

void ResultJournal::writeRecord(const RequestRecord& record) {
    appendLine(line(QStringLiteral("request"), RecordJson::toJournalJson(record)));
}

void ResultJournal::writeCalibrationProbe(const RequestRecord& record) {
    appendLine(line(QStringLiteral("calibration_probe"), RecordJson::toJournalJson(record)));
}

void ResultJournal::writeCalibration(const CalibrationInfo& info) {
    appendLine(line(QStringLiteral("calibration"), CalibrationJson::toJournalJson(info)));
}

void ResultJournal::writeLevelEnd(const LevelRunInfo& info) {
    appendLine(line(QStringLiteral("level_end"), LevelRunInfoJson::toJournalJson(info)));
}

void ResultJournal::writeRunEnd(const QString& stopReason, bool cancelled) {
    appendLine(line(QStringLiteral("end"), {{QStringLiteral("stopReason"), stopReason},
                                            {QStringLiteral("cancelled"), cancelled}}));
}

void ResultJournal::close() {
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        m_file.close();
}

void ResultJournal::appendLine(const QByteArray& json) {
    // Serialised by the caller outside the lock; only the write itself is serialised, as
    // one write() per line so concurrent appends never interleave inside a line.
    QByteArray bytes;
    bytes.reserve(json.size() + 1);
    bytes.append(json).append('\n');
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    if (m_file.write(bytes) != bytes.size() && m_error.isEmpty())
        m_error = m_file.fileName() + QStringLiteral(": ") + m_file.errorString();
}
