#include "results/resultjournal.h"

#include "profile/profileio.h"
#include "results/calibrationjson.h"
#include "results/levelruninfojson.h"
#include "results/recordjson.h"
#include "results/shardinfojson.h"

#include "common/outputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <algorithm>

namespace {
constexpr qint64 kTailBytes = 64 * 1024; // an end line is short; records can be long
constexpr int kMaxAlternatives = 999;

QByteArray line(const QString& type, QJsonObject object) {
    object.insert(QStringLiteral("type"), type);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// True when `path` is empty or ends with a run's end line: nothing there needs recovering.
bool isReplaceable(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    if (size == 0)
        return true;
    file.seek(std::max<qint64>(0, size - kTailBytes));
    const QByteArray tail = file.read(kTailBytes).trimmed();
    const QByteArray last = tail.mid(tail.lastIndexOf('\n') + 1);
    const QJsonObject object = QJsonDocument::fromJson(last).object();
    return object.value(QStringLiteral("type")).toString() == QLatin1String("end");
}

bool isTaken(const QString& path) {
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

// "r.journal.jsonl" -> "r.journal.2.jsonl"; "journal" -> "journal.2".
QString numbered(const QString& path, int n) {
    const QString suffix = QStringLiteral(".jsonl");
    const QString number = QLatin1Char('.') + QString::number(n);
    if (path.endsWith(suffix) && path.size() > suffix.size() &&
        !path.endsWith(QLatin1Char('/') + suffix))
        return path.left(path.size() - suffix.size()) + number + suffix;
    return path + number;
}

// Nothing there, a finished run's journal, or something open() refuses with its own
// reason (a device...): a new run may use the path.
bool isUsable(const QString& path) {
    QString target;
    QString reason;
    return !isTaken(path) || !OutputFile::checkTarget(path, &target, &reason) ||
           isReplaceable(target);
}
} // namespace

QString ResultJournal::availablePath(const QString& wanted, QString* note) {
    note->clear();
    if (isUsable(wanted))
        return wanted;
    // Reruns cycle through the numbered names: a finished one among them is reused.
    for (int n = 1; n <= kMaxAlternatives; ++n) {
        const QString candidate = numbered(wanted, n);
        if (!isUsable(candidate))
            continue;
        *note = QStringLiteral("%1 is kept: it is not the journal of a finished run (if a run "
                               "was killed, plateau-cli recover %1 --out FILE rebuilds its "
                               "results); this run journals to %2")
                    .arg(wanted, candidate);
        return candidate;
    }
    *note = QStringLiteral("%1 and %2 other journals of unfinished runs are in the way; recover "
                           "or remove them")
                .arg(wanted)
                .arg(kMaxAlternatives);
    return {};
}

QString ResultJournal::pathForStep(const QString& wanted, QString* note) {
    note->clear();
    if (wanted.isEmpty())
        return wanted;
    const QString free = availablePath(wanted, note);
    return free.isEmpty() ? wanted : free;
}

ResultJournal::~ResultJournal() {
    close();
}

bool ResultJournal::open(const QString& path, QString* error, QString* note) {
    QString kept;
    const QString chosen = availablePath(path, &kept);
    if (chosen.isEmpty()) {
        if (error)
            *error = kept;
        return false;
    }
    if (note)
        *note = kept;
    QMutexLocker lock(&m_mutex);
    m_lines = 0;
    // Unbuffered: each line goes to the kernel in one write() loop as soon as it is
    // appended, so a killed process (not a power cut: no fsync per line, that would cost
    // ms) keeps it.
    return m_file.open(chosen, error);
}

void ResultJournal::adopt(int fd, const QString& name) {
    QMutexLocker lock(&m_mutex);
    m_lines = 0;
    m_file.adopt(fd, name);
}

void ResultJournal::setFailureHandler(FailureHandler handler) {
    QMutexLocker lock(&m_mutex);
    m_onFailure = std::move(handler);
}

bool ResultJournal::isOpen() const {
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

QString ResultJournal::path() const {
    QMutexLocker lock(&m_mutex);
    return m_file.path();
}

QString ResultJournal::error() const {
    QMutexLocker lock(&m_mutex);
    return m_file.error();
}

qint64 ResultJournal::linesWritten() const {
    QMutexLocker lock(&m_mutex);
    return m_lines;
}

void ResultJournal::writeRunStart(const RunResult& header) {
    QJsonObject fields{
        {QStringLiteral("schema"), QLatin1String(schemaName)},
        {QStringLiteral("tool_version"), header.toolVersion},
        {QStringLiteral("started_at"), header.startedAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("run_start_ns"), header.runStartNs},
        {QStringLiteral("endpoint_url"), header.endpointUrl},
        {QStringLiteral("profile"), ProfileIo::toJson(header.profile)},
    };
    if (header.shard.isSharded()) // issue 15: which shard, its wall clock and offset
        fields.insert(QStringLiteral("shard"), ShardInfoJson::toJson(header.shard, {}, -1));
    appendLine(line(QStringLiteral("run"), fields));
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

void ResultJournal::writeServerLine(const QString& type, const QJsonObject& fields) {
    appendLine(line(type, fields));
}

void ResultJournal::writeLevelEnd(const LevelRunInfo& info) {
    appendLine(line(QStringLiteral("level_end"), LevelRunInfoJson::toJournalJson(info)));
}

void ResultJournal::writeRunEnd(StopReason stopReason, bool cancelled) {
    appendLine(
        line(QStringLiteral("end"), {{QStringLiteral("stop_reason"), StopReasons::key(stopReason)},
                                     {QStringLiteral("cancelled"), cancelled}}));
}

void ResultJournal::close() {
    QString failure;
    FailureHandler handler;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_file.isOpen())
            return;
        const bool failedBefore = m_file.failed();
        if (!m_file.close() && !failedBefore) {
            failure = m_file.error();
            handler = m_onFailure;
        }
    }
    if (handler)
        handler(failure);
}

void ResultJournal::appendLine(const QByteArray& json) {
    // Serialised by the caller outside the lock; only the write itself is serialised, as
    // one write() loop per line so concurrent appends never interleave inside a line.
    QByteArray bytes;
    bytes.reserve(json.size() + 1);
    bytes.append(json).append('\n');
    QString failure;
    FailureHandler handler;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_file.isOpen() || m_file.failed())
            return;
        if (m_file.append(bytes)) {
            ++m_lines;
            return;
        }
        failure = m_file.error();
        handler = m_onFailure;
    }
    // Outside the lock: the handler may well ask the journal for its path.
    if (handler)
        handler(failure);
}
