#include "cli/comparereport.h"

#include "cli/numberformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace {
QJsonValue numberOrNull(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QString value(const FigureComparison& row, double v) {
    return row.unit == QLatin1String("ms") ? NumberFormat::ms(v) : NumberFormat::count(v);
}

QString signedValue(const FigureComparison& row, double v) {
    return std::isfinite(v) && v > 0 ? QStringLiteral("+") + value(row, v) : value(row, v);
}

QString percent(double v) {
    if (!std::isfinite(v))
        return QStringLiteral("-");
    return (v > 0 ? QStringLiteral("+") : QString()) + QString::number(v, 'f', 1) +
           QLatin1Char('%');
}

QString percentInterval(const Comparison& c) {
    if (!std::isfinite(c.ciPercentLo) || !std::isfinite(c.ciPercentHi))
        return QStringLiteral("-");
    return QStringLiteral("[%1, %2]").arg(percent(c.ciPercentLo), percent(c.ciPercentHi));
}

QString pValue(double p) {
    if (!std::isfinite(p))
        return QStringLiteral("-");
    return p < 0.001 ? QStringLiteral("<0.001") : QString::number(p, 'f', 3);
}

QString verdict(const Comparison& c) {
    if (!c.ok())
        return QString::fromStdString(c.note);
    return c.significant ? QStringLiteral("significant") : QStringLiteral("within noise");
}

QString changeText(const FigureComparison& row) {
    const Comparison& c = row.result;
    return QStringLiteral("%1 %2 (%3 -> %4, %5 CI %6, p %7)")
        .arg(row.level, row.figure, value(row, c.base), value(row, c.candidate),
             percent(c.deltaPercent), percentInterval(c), pValue(c.pValue));
}

QStringList cells(const FigureComparison& row) {
    const Comparison& c = row.result;
    return {row.level,
            row.figure,
            value(row, c.base),
            value(row, c.candidate),
            signedValue(row, c.delta),
            percent(c.deltaPercent),
            percentInterval(c),
            pValue(c.pValue),
            verdict(c)};
}

const QStringList kHeaders = {
    QStringLiteral("level"),        QStringLiteral("figure"), QStringLiteral("BASE"),
    QStringLiteral("NEW"),          QStringLiteral("Δ"),      QStringLiteral("Δ%"),
    QStringLiteral("95% CI of Δ%"), QStringLiteral("p"),      QStringLiteral("")};

QString gateSummary(const GateOutcome& g) {
    if (!g.failed.isEmpty())
        return QStringLiteral("FAIL  %1: %2 significant").arg(g.gate.text).arg(g.failed.size());
    QString line = g.notSignificant.isEmpty()
                       ? QStringLiteral("pass  %1").arg(g.gate.text)
                       : QStringLiteral("pass  %1 (held for %2 within noise)")
                             .arg(g.gate.text)
                             .arg(g.notSignificant.size());
    // A change past the threshold that no test could judge is not a pass anyone should read
    // as "no regression": said on the gate's own line, each one listed under it.
    if (!g.untested.isEmpty())
        line += QStringLiteral("; NOT TESTED where it held for %1 (no interval): a longer "
                               "level would tell")
                    .arg(g.untested.size());
    return line;
}

// "c=4 plateau_tps (... -> ..., -8.0%): no interval: <why>" for an untested gate row.
QString untestedText(const FigureComparison& row) {
    const Comparison& c = row.result;
    return QStringLiteral("%1 %2 (%3 -> %4, %5): %6")
        .arg(row.level, row.figure, value(row, c.base), value(row, c.candidate),
             percent(c.deltaPercent),
             c.note.empty() ? QStringLiteral("no interval") : QString::fromStdString(c.note));
}
} // namespace

GateOutcome CompareReport::evaluate(const GateExpression& gate,
                                    const QList<FigureComparison>& rows) {
    GateOutcome outcome{gate, {}, {}, {}};
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const FigureComparison& row = rows.at(i);
        if (row.figure != gate.figure)
            continue;
        const double change = gate.percent ? row.result.deltaPercent : row.result.delta;
        if (!gate.holds(change))
            continue;
        if (!row.result.ok())
            outcome.untested.append(i);
        else
            (row.result.significant ? outcome.failed : outcome.notSignificant).append(i);
    }
    return outcome;
}

bool CompareReport::anyGateFailed() const {
    for (const GateOutcome& g : gates) {
        if (!g.failed.isEmpty())
            return true;
    }
    return false;
}

QString CompareReport::text() const {
    QList<QStringList> table{kHeaders};
    for (const FigureComparison& row : rows)
        table.append(cells(row));
    QList<int> widths(kHeaders.size(), 0);
    for (const QStringList& r : table) {
        for (qsizetype c = 0; c < r.size(); ++c)
            widths[c] = std::max(widths.at(c), int(r.at(c).size()));
    }
    QString out = QStringLiteral("BASE %1\nNEW  %2\n\n").arg(basePath, candidatePath);
    for (const QStringList& r : table) {
        QString line;
        for (qsizetype c = 0; c < r.size(); ++c) {
            const bool left = c < 2 || c == r.size() - 1;
            if (c > 0)
                line += QStringLiteral("  ");
            line +=
                left ? r.at(c).leftJustified(widths.at(c)) : r.at(c).rightJustified(widths.at(c));
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    }
    out += QStringLiteral("(Δ = NEW - BASE; tok/s: Welch's t on batch means; latencies in ms: "
                          "bootstrap of the percentile; significant: the 95% interval of Δ "
                          "excludes 0)\n");
    for (const QString& u : unmatched)
        out += QStringLiteral("not compared: %1\n").arg(u);
    if (!gates.isEmpty())
        out += QLatin1Char('\n');
    for (const GateOutcome& g : gates) {
        out += gateSummary(g) + QLatin1Char('\n');
        for (qsizetype i : g.failed)
            out += QStringLiteral("      %1\n").arg(changeText(rows.at(i)));
        for (qsizetype i : g.untested)
            out += QStringLiteral("      not tested: %1\n").arg(untestedText(rows.at(i)));
    }
    return out;
}

QString CompareReport::json() const {
    QJsonArray rowArray;
    for (const FigureComparison& row : rows) {
        const Comparison& c = row.result;
        QJsonObject o{{QStringLiteral("level"), row.level},
                      {QStringLiteral("figure"), row.figure},
                      {QStringLiteral("unit"), row.unit},
                      {QStringLiteral("base"), numberOrNull(c.base)},
                      {QStringLiteral("candidate"), numberOrNull(c.candidate)},
                      {QStringLiteral("delta"), numberOrNull(c.delta)},
                      {QStringLiteral("delta_percent"), numberOrNull(c.deltaPercent)},
                      {QStringLiteral("p_value"), numberOrNull(c.pValue)},
                      {QStringLiteral("significant"), c.significant},
                      {QStringLiteral("method"), QString::fromStdString(c.method)}};
        if (c.ci.ok())
            o.insert(QStringLiteral("ci95"), QJsonArray{c.ci.lo, c.ci.hi});
        if (std::isfinite(c.ciPercentLo) && std::isfinite(c.ciPercentHi))
            o.insert(QStringLiteral("ci95_percent"), QJsonArray{c.ciPercentLo, c.ciPercentHi});
        if (!c.note.empty())
            o.insert(QStringLiteral("note"), QString::fromStdString(c.note));
        rowArray.append(o);
    }
    QJsonArray gateArray;
    for (const GateOutcome& g : gates) {
        QJsonArray failed;
        for (qsizetype i : g.failed)
            failed.append(QStringLiteral("%1 %2").arg(rows.at(i).level, rows.at(i).figure));
        QJsonArray untested; // held on the estimate, no interval to test it
        for (qsizetype i : g.untested)
            untested.append(untestedText(rows.at(i)));
        gateArray.append(QJsonObject{{QStringLiteral("condition"), g.gate.text},
                                     {QStringLiteral("failed"), !g.failed.isEmpty()},
                                     {QStringLiteral("failing"), failed},
                                     {QStringLiteral("within_noise"), int(g.notSignificant.size())},
                                     {QStringLiteral("untested"), untested}});
    }
    const QJsonObject root{{QStringLiteral("schema"), QStringLiteral("plateau.compare/1")},
                           {QStringLiteral("base"), basePath},
                           {QStringLiteral("candidate"), candidatePath},
                           {QStringLiteral("rows"), rowArray},
                           {QStringLiteral("unmatched"), QJsonArray::fromStringList(unmatched)},
                           {QStringLiteral("gates"), gateArray},
                           {QStringLiteral("failed"), anyGateFailed()}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

QString CompareReport::junit() const {
    int cases = 0;
    int failures = 0;
    int skipped = 0;
    QString body;
    for (const GateOutcome& g : gates) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const FigureComparison& row = rows.at(i);
            if (row.figure != g.gate.figure)
                continue;
            ++cases;
            body += QStringLiteral("    <testcase classname=\"plateau.compare\" name=\"%1 @ %2\"")
                        .arg(g.gate.text.toHtmlEscaped(), row.level.toHtmlEscaped());
            if (g.failed.contains(i)) {
                ++failures;
                body += QStringLiteral(">\n      <failure message=\"%1\"/>\n    </testcase>\n")
                            .arg(changeText(row).toHtmlEscaped());
            } else if (g.untested.contains(i)) {
                ++skipped; // CI viewers show a skipped case: not a silent pass
                body += QStringLiteral(">\n      <skipped message=\"%1\"/>\n    </testcase>\n")
                            .arg(untestedText(row).toHtmlEscaped());
            } else {
                body += QStringLiteral("/>\n");
            }
        }
    }
    if (gates.isEmpty()) {
        ++cases; // a suite with no test case reads as "nothing ran" in most CI viewers
        body += QStringLiteral("    <testcase classname=\"plateau.compare\" name=\"compare "
                               "(no --fail-if condition)\"/>\n");
    }
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<testsuites>\n  <testsuite name=\"plateau compare\" tests=\"%1\" "
                          "failures=\"%2\" skipped=\"%3\">\n%4  </testsuite>\n</testsuites>\n")
        .arg(cases)
        .arg(failures)
        .arg(skipped)
        .arg(body);
}

QString CompareReport::markdown() const {
    QString out = QStringLiteral("### Plateau: `%1` vs `%2`\n\n").arg(basePath, candidatePath);
    for (const GateOutcome& g : gates) {
        out +=
            QStringLiteral("- %1 `%2`%3\n")
                .arg(g.failed.isEmpty() ? QStringLiteral("✅") : QStringLiteral("❌"), g.gate.text,
                     g.failed.isEmpty() ? QString()
                                        : QStringLiteral(": %1 significant").arg(g.failed.size()));
        for (qsizetype i : g.untested)
            out += QStringLiteral("  - ⚠️ not tested: %1\n").arg(untestedText(rows.at(i)));
    }
    if (!gates.isEmpty())
        out += QLatin1Char('\n');
    out += QLatin1Char('|') + kHeaders.mid(0, kHeaders.size() - 1).join(QLatin1Char('|')) +
           QStringLiteral("|\n|");
    for (qsizetype c = 0; c + 1 < kHeaders.size(); ++c)
        out += c < 2 ? QStringLiteral("---|") : QStringLiteral("--:|");
    out += QLatin1Char('\n');
    for (const FigureComparison& row : rows) {
        QStringList c = cells(row);
        c.removeLast();
        if (row.result.significant)
            c[5] = QStringLiteral("**%1**").arg(c.at(5));
        out += QLatin1Char('|') + c.join(QLatin1Char('|')) + QStringLiteral("|\n");
    }
    out += QStringLiteral("\nΔ = NEW − BASE; **bold**: significant (95% interval of Δ excludes "
                          "0).\n");
    for (const QString& u : unmatched)
        out += QStringLiteral("\nNot compared: %1").arg(u);
    return out + QLatin1Char('\n');
}
