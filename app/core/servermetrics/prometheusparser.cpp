#include "servermetrics/prometheusparser.h"

#include "servermetrics/prometheusline.h"

#include <QHash>
#include <QSet>

namespace {
QString quotedName(const QString& name) {
    return QLatin1Char('"') + name + QLatin1Char('"');
}
QString quotedName(QByteArrayView name) {
    return quotedName(QString::fromLatin1(name));
}

// One parse: the families so far, by name, and the issues.
class FamilyBuilder {
public:
    FamilyBuilder(PrometheusScrape* scrape, const PrometheusLimits& limits)
        : m_scrape(scrape)
        , m_limits(limits) {}

    void take(PrometheusLine& line, qint64 lineNumber) {
        switch (line.kind) {
        case PrometheusLine::Kind::Blank:
        case PrometheusLine::Kind::Comment:
            return;
        case PrometheusLine::Kind::Bad:
            m_scrape->addIssue(lineNumber, line.reason);
            return;
        case PrometheusLine::Kind::Help:
            help(line, lineNumber);
            return;
        case PrometheusLine::Kind::Type:
            type(line, lineNumber);
            return;
        case PrometheusLine::Kind::Sample:
            sample(line, lineNumber);
            return;
        }
    }
    bool overSeriesCap() const { return m_scrape->series > m_limits.maxSeries; }
    void dropEmptyFamilies() {
        m_scrape->families.removeIf([](const MetricFamily& f) { return f.samples.isEmpty(); });
    }

private:
    void help(const PrometheusLine& line, qint64 lineNumber) {
        MetricFamily& f = family(QString::fromLatin1(line.name));
        if (m_helped.contains(f.name)) {
            m_scrape->addIssue(lineNumber,
                               QStringLiteral("second HELP for %1").arg(quotedName(line.name)));
            return;
        }
        m_helped.insert(f.name);
        f.help = line.help;
    }
    void type(const PrometheusLine& line, qint64 lineNumber) {
        const QString name = QString::fromLatin1(line.name);
        if (m_typed.contains(name)) {
            m_scrape->addIssue(lineNumber,
                               QStringLiteral("second TYPE for %1").arg(quotedName(line.name)));
            return;
        }
        MetricFamily& f = family(name);
        if (!f.samples.isEmpty()) {
            m_scrape->addIssue(
                lineNumber,
                QStringLiteral("TYPE for %1 after its samples").arg(quotedName(line.name)));
            return;
        }
        m_typed.insert(name);
        f.type = line.type;
    }
    void sample(PrometheusLine& line, qint64 lineNumber) {
        // Consecutive samples of one family (the usual layout) skip the name lookups.
        if (line.name != QByteArrayView(m_lastSampleName)) {
            m_lastSampleName = line.name.toByteArray();
            m_lastSampleString = QString::fromLatin1(line.name);
            m_lastFamily = familyIndexForSample(m_lastSampleString);
        }
        MetricFamily& f = m_scrape->families[m_lastFamily];
        if (const QString problem = mismatch(f, line.sample); !problem.isEmpty()) {
            m_scrape->addIssue(lineNumber, problem);
            return;
        }
        line.sample.name = m_lastSampleString;
        f.samples.append(std::move(line.sample));
        ++m_scrape->series;
    }
    // Why a sample cannot belong to its typed family, or "".
    QString mismatch(const MetricFamily& f, const MetricSample& s) const {
        if (f.type == MetricType::Histogram) {
            if (m_lastSampleString == f.name)
                return QStringLiteral("histogram %1 sample without _bucket, _sum or _count")
                    .arg(quotedName(f.name));
            double bound = 0.0;
            if (m_lastSampleString.endsWith(QLatin1String("_bucket")) &&
                !PrometheusLine::parseValue(s.labels.value(QStringLiteral("le")).toLatin1(),
                                            &bound))
                return QStringLiteral("bucket of %1 without a numeric le label")
                    .arg(quotedName(f.name));
        }
        if (f.type == MetricType::Summary && m_lastSampleString == f.name &&
            !s.labels.contains(QStringLiteral("quantile")))
            return QStringLiteral("summary %1 sample without a quantile label")
                .arg(quotedName(f.name));
        return {};
    }
    qsizetype familyIndexForSample(const QString& sampleName) {
        static const struct {
            QLatin1String suffix;
            MetricType type;
            MetricType otherType;
        } kSuffixes[] = {
            {QLatin1String("_bucket"), MetricType::Histogram, MetricType::Histogram},
            {QLatin1String("_sum"), MetricType::Histogram, MetricType::Summary},
            {QLatin1String("_count"), MetricType::Histogram, MetricType::Summary},
            {QLatin1String("_total"), MetricType::Counter, MetricType::Counter},
        };
        for (const auto& entry : kSuffixes) {
            if (!sampleName.endsWith(entry.suffix))
                continue;
            const auto found = m_index.constFind(sampleName.chopped(entry.suffix.size()));
            if (found == m_index.constEnd())
                continue;
            const MetricType t = m_scrape->families.at(found.value()).type;
            if (t == entry.type || t == entry.otherType)
                return found.value();
        }
        family(sampleName);
        return m_index.value(sampleName);
    }
    MetricFamily& family(const QString& name) {
        auto found = m_index.constFind(name);
        if (found == m_index.constEnd()) {
            found = m_index.insert(name, m_scrape->families.size());
            m_scrape->families.append(MetricFamily{name, MetricType::Untyped, {}, {}});
        }
        return m_scrape->families[found.value()];
    }

    PrometheusScrape* m_scrape;
    const PrometheusLimits& m_limits;
    QHash<QString, qsizetype> m_index;
    QSet<QString> m_helped;
    QSet<QString> m_typed;
    QByteArray m_lastSampleName;
    QString m_lastSampleString;
    qsizetype m_lastFamily = -1;
};
} // namespace

PrometheusParser::PrometheusParser(const PrometheusLimits& limits)
    : m_limits(limits) {}

PrometheusScrape PrometheusParser::parse(QByteArrayView text) const {
    PrometheusScrape scrape;
    scrape.bytes = text.size();
    if (text.size() > m_limits.maxBytes) {
        scrape.error = QStringLiteral("the scrape is %1 bytes, over the cap of %2 bytes")
                           .arg(text.size())
                           .arg(m_limits.maxBytes);
        return scrape;
    }
    FamilyBuilder builder(&scrape, m_limits);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        QByteArrayView line = text.sliced(start, end - start);
        start = end + 1;
        ++scrape.lines;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > m_limits.maxLineBytes) {
            scrape.addIssue(scrape.lines, QStringLiteral("the line is %1 bytes, over the cap of %2")
                                              .arg(line.size())
                                              .arg(m_limits.maxLineBytes));
            continue;
        }
        PrometheusLine parsed = PrometheusLine::parse(line, m_limits.maxLabels);
        builder.take(parsed, scrape.lines);
        if (builder.overSeriesCap()) {
            scrape.error = QStringLiteral("more than %1 series in one scrape (the cap)")
                               .arg(m_limits.maxSeries);
            scrape.families.clear();
            return scrape;
        }
    }
    builder.dropEmptyFamilies();
    return scrape;
}
