#pragma once

#include "servermetrics/metricfamily.h"

#include <QList>
#include <QString>

// What PrometheusParser made of one scrape. Bad lines do not stop it: they are counted, the
// first few kept with a one-line reason (escaped: a scrape's bytes never reach a terminal as
// they are), and every good line is still read. A cap (bytes, series) makes the whole scrape
// unusable instead: `error` says which, and no family is kept, so no half scrape is mistaken
// for a whole one (a counter summed over half its label sets would look like a reset).
struct ParseIssue {
    qint64 line = 0;
    QString reason;
};

struct PrometheusScrape {
    static constexpr int kKeptIssues = 5;

    QList<MetricFamily> families; // in the order the exposition first names them
    qint64 bytes = 0;
    qint64 lines = 0;
    qint64 series = 0; // samples kept
    qint64 badLines = 0;
    QList<ParseIssue> firstIssues; // at most kKeptIssues
    QString error;                 // non-empty: over a cap, families empty

    bool ok() const { return error.isEmpty(); }
    const MetricFamily* family(const QString& name) const;
    // "2 bad lines (line 3: ...; line 9: ...)", or "" when there were none.
    QString issueSummary() const;
    void addIssue(qint64 line, const QString& reason);
};
