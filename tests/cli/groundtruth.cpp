#include "groundtruth.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>

QList<SimRequestTruth> GroundTruth::parse(const QJsonDocument& doc) {
    const QJsonArray array =
        doc.isArray() ? doc.array() : doc.object().value(QLatin1String("requests")).toArray();
    QList<SimRequestTruth> out;
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        SimRequestTruth t;
        t.id = quint64(o.value(QLatin1String("id")).toInteger());
        t.path = o.value(QLatin1String("path")).toString();
        t.promptTokens = o.value(QLatin1String("prompt_tokens")).toInt();
        t.maxTokens = o.value(QLatin1String("max_tokens")).toInt();
        t.tokensSent = o.value(QLatin1String("tokens_sent")).toInt();
        t.arrivalNs = o.value(QLatin1String("arrival_ns")).toInteger(-1);
        t.admittedNs = o.value(QLatin1String("admitted_ns")).toInteger(-1);
        t.firstTokenNs = o.value(QLatin1String("first_token_ns")).toInteger(-1);
        t.lastTokenNs = o.value(QLatin1String("last_token_ns")).toInteger(-1);
        t.finishedNs = o.value(QLatin1String("finished_ns")).toInteger(-1);
        t.fault = o.value(QLatin1String("fault")).toString();
        out.append(t);
    }
    std::sort(out.begin(), out.end(), [](const SimRequestTruth& a, const SimRequestTruth& b) {
        return a.arrivalNs < b.arrivalNs;
    });
    return out;
}

QList<SimRequestTruth> GroundTruth::arrivedWithin(const QList<SimRequestTruth>& all, qint64 fromNs,
                                                  qint64 toNs) {
    QList<SimRequestTruth> out;
    for (const SimRequestTruth& t : all)
        if (t.arrivalNs >= fromNs && t.arrivalNs <= toNs)
            out.append(t);
    return out;
}

int GroundTruth::maxOverlap(const QList<SimRequestTruth>& requests) {
    QList<QPair<qint64, int>> edges;
    for (const SimRequestTruth& t : requests) {
        if (t.arrivalNs < 0)
            continue;
        edges.append({t.arrivalNs, +1});
        edges.append({t.finishedNs >= 0 ? t.finishedNs : std::numeric_limits<qint64>::max(), -1});
    }
    // Ends before starts at the same instant: a request that finished is not in flight.
    std::sort(edges.begin(), edges.end());
    int current = 0;
    int best = 0;
    for (const auto& e : edges) {
        current += e.second;
        best = std::max(best, current);
    }
    return best;
}

QList<double> GroundTruth::firstTokenDelaysMs(const QList<RequestRecord>& records,
                                              const QList<SimRequestTruth>& truths) {
    QList<qint64> client;
    for (const RequestRecord& r : records)
        if (r.ok() && r.tFirstContentNs >= 0)
            client.append(r.tFirstContentNs);
    QList<qint64> server;
    for (const SimRequestTruth& t : truths)
        if (t.fault.isEmpty() && t.firstTokenNs >= 0)
            server.append(t.firstTokenNs);
    std::sort(client.begin(), client.end());
    std::sort(server.begin(), server.end());
    QList<double> delays;
    for (int i = 0; i < std::min(client.size(), server.size()); ++i)
        delays.append(double(client.at(i) - server.at(i)) / 1e6);
    return delays;
}

double GroundTruth::percentile(QList<double> values, double p) {
    if (values.isEmpty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * double(values.size() - 1);
    const int lo = int(std::floor(rank));
    const int hi = int(std::ceil(rank));
    return values.at(lo) + (values.at(hi) - values.at(lo)) * (rank - lo);
}
