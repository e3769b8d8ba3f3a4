#pragma once

#include "cli/gateexpression.h"
#include "results/runcomparison.h"

#include <QList>
#include <QString>
#include <QStringList>

// What one --fail-if condition found: the rows where it holds and the change is significant
// (these fail the gate), and those where it holds but the change is within the noise.
struct GateOutcome {
    GateExpression gate;
    QList<qsizetype> failed;
    QList<qsizetype> notSignificant;
    QList<qsizetype> untested; // no test possible (too few requests, no interval)
};

// `plateau-cli compare` output: the table of changes and the gates' verdicts as plain text,
// JSON ("plateau.compare/1"), JUnit XML (one test case per condition and figure) or Markdown
// (a CI job summary).
class CompareReport {
public:
    QString basePath;
    QString candidatePath;
    QList<FigureComparison> rows;
    QStringList unmatched;
    QList<GateOutcome> gates;

    // A row fails a gate when the gate's figure is the row's, its condition holds for the
    // change (in % of BASE, or in the figure's unit) and the change is significant.
    static GateOutcome evaluate(const GateExpression& gate, const QList<FigureComparison>& rows);
    bool anyGateFailed() const;

    QString text() const;
    QString json() const;
    QString junit() const;
    QString markdown() const;
};
