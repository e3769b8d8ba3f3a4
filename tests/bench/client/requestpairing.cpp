#include "requestpairing.h"

#include <QHash>

RequestPairing::Delays RequestPairing::delaysMs(const QList<RequestRecord>& records,
                                                const QList<SimRequestTruth>& truths,
                                                Moment moment) {
    QHash<quint64, const SimRequestTruth*> byId;
    byId.reserve(truths.size());
    for (const SimRequestTruth& t : truths)
        byId.insert(t.id, &t);
    Delays out;
    for (const RequestRecord& r : records) {
        const qint64 client = moment == Moment::FirstToken ? r.tFirstContentNs : r.tLastContentNs;
        if (!r.ok() || client < 0)
            continue;
        bool ok = false;
        const quint64 id = r.serverRequestId.toULongLong(&ok);
        const SimRequestTruth* truth = ok ? byId.value(id, nullptr) : nullptr;
        const qint64 server =
            truth ? (moment == Moment::FirstToken ? truth->firstTokenNs : truth->lastTokenNs) : -1;
        if (server < 0) {
            ++out.unpaired;
            continue;
        }
        out.ms.append(double(client - server) / 1e6);
    }
    return out;
}
