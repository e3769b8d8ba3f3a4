#include "profile/workloadsettings.h"

QStringList WorkloadSettings::kindNames() {
    return {QStringLiteral("synthetic"), QStringLiteral("dataset"), QStringLiteral("conversations"),
            QStringLiteral("trace")};
}

QString WorkloadSettings::kindName(Kind kind) {
    return kindNames().at(int(kind));
}

bool WorkloadSettings::kindFromName(const QString& name, Kind* kind) {
    const qsizetype index = kindNames().indexOf(name);
    if (index < 0)
        return false;
    *kind = Kind(index);
    return true;
}

QStringList WorkloadSettings::datasetFormatNames() {
    // DatasetFormats::name() (app/core/workload) spells them; tst_workloadjson checks they agree.
    return {QStringLiteral("auto"), QStringLiteral("sharegpt"), QStringLiteral("chat-jsonl"),
            QStringLiteral("jsonl"), QStringLiteral("text")};
}
