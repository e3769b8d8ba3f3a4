#include "editors/levellistparser.h"

#include <QObject>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {
QStringList tokens(const QString& text) {
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}
} // namespace

QList<int> LevelListParser::parseIntegers(const QString& text, QString* error) {
    QList<int> values;
    error->clear();
    for (const QString& token : tokens(text)) {
        bool ok = false;
        const int value = token.toInt(&ok);
        if (!ok) {
            *error = QObject::tr("\"%1\" is not a whole number").arg(token);
            return {};
        }
        if (value < 1) {
            *error = QObject::tr("must be 1 or more (got %1)").arg(value);
            return {};
        }
        values.append(value);
    }
    if (values.isEmpty())
        *error = QObject::tr("needs at least one level, e.g. 1, 2, 4, 8");
    return values;
}

QList<double> LevelListParser::parseNumbers(const QString& text, QString* error) {
    QList<double> values;
    error->clear();
    for (const QString& token : tokens(text)) {
        bool ok = false;
        const double value = token.toDouble(&ok);
        if (!ok) {
            *error = QObject::tr("\"%1\" is not a number").arg(token);
            return {};
        }
        if (!(value > 0.0)) {
            *error = QObject::tr("must be above 0 (got %1)").arg(token);
            return {};
        }
        values.append(value);
    }
    if (values.isEmpty())
        *error = QObject::tr("needs at least one rate, e.g. 1, 2, 5, 10");
    return values;
}

QString LevelListParser::format(const QList<int>& values) {
    QStringList parts;
    for (int v : values)
        parts.append(QString::number(v));
    return parts.join(u", "_s);
}

QString LevelListParser::format(const QList<double>& values) {
    QStringList parts;
    for (double v : values)
        parts.append(QString::number(v, 'g', 10));
    return parts.join(u", "_s);
}

QList<int> LevelListParser::powersOfTwo(int max) {
    QList<int> values;
    for (int v = 1; v <= max; v *= 2)
        values.append(v);
    return values;
}
