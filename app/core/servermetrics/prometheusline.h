#pragma once

#include "servermetrics/metricfamily.h"

#include <QByteArrayView>
#include <QString>

// One line of the Prometheus text exposition format 0.0.4, read on its own (no CR, no LF):
//   blank             only spaces and tabs
//   # HELP name text  text with \\ and \n escapes
//   # TYPE name type  counter, gauge, histogram, summary or untyped
//   # anything else   a comment
//   name[{l="v",...}] value [timestamp]
// Names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names the same without ':'; label values are
// quoted with \\, \" and \n escapes (any other escape is an error, as in Prometheus' parser);
// values are Go floats: decimal or exponent forms, +Inf, -Inf, Inf, NaN (any case); the
// timestamp is integer milliseconds. Spaces and tabs may separate every token.
struct PrometheusLine {
    enum class Kind { Blank, Comment, Help, Type, Sample, Bad };

    Kind kind = Kind::Blank;
    QByteArrayView name;                   // Help, Type, Sample: the metric name, into the line
    QString help;                          // Help: unescaped
    MetricType type = MetricType::Untyped; // Type
    MetricSample sample;                   // Sample: labels, value, timestamp (name left empty)
    QString reason;                        // Bad: one line, the line's bytes escaped

    static PrometheusLine parse(QByteArrayView line, int maxLabels);
    // Go's strconv.ParseFloat as the exposition uses it (no hex, no underscores).
    static bool parseValue(QByteArrayView token, double* value);
    static bool parseTimestamp(QByteArrayView token, qint64* milliseconds);
};
