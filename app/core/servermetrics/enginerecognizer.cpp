#include "servermetrics/enginerecognizer.h"

#include "servermetrics/prometheusline.h"

#include <cmath>
#include <map>

namespace {
// The family a vocabulary or extra name refers to: the family itself, or for "x_total" a
// counter family "x" (OpenMetrics style).
const MetricFamily* findFamily(const PrometheusScrape& scrape, const QString& name) {
    if (const MetricFamily* f = scrape.family(name))
        return f;
    if (name.endsWith(QLatin1String("_total"))) {
        const MetricFamily* f = scrape.family(name.chopped(6));
        if (f && f->type == MetricType::Counter)
            return f;
    }
    return nullptr;
}

bool isValueSample(const MetricFamily& family, const MetricSample& sample) {
    return sample.name == family.name ||
           (family.type == MetricType::Counter && sample.name.size() == family.name.size() + 6 &&
            sample.name.startsWith(family.name) && sample.name.endsWith(QLatin1String("_total")));
}

// A histogram's _sum, summed over label sets: TGI's token counts.
bool histogramSum(const MetricFamily& family, double* value) {
    if (family.type != MetricType::Histogram)
        return false;
    const QString sumName = family.name + QLatin1String("_sum");
    bool found = false;
    double total = 0.0;
    for (const MetricSample& s : family.samples) {
        if (s.name == sumName && std::isfinite(s.value)) {
            total += s.value;
            found = true;
        }
    }
    *value = total;
    return found;
}

bool readEntry(const MetricFamily& family, const ServerVocabulary::Source& source,
               RecognizedMetrics* out) {
    const MetricKind kind = ServerVocabulary::kind(source.metric);
    if (kind == MetricKind::Histogram) {
        ServerHistogram h;
        if (!EngineRecognizer::combinedHistogram(family, &h))
            return false;
        out->histograms[source.metric] = std::move(h);
        return true;
    }
    double value = 0.0;
    const bool found = source.fromHistogramSum
                           ? histogramSum(family, &value)
                           : EngineRecognizer::combinedValue(
                                 family, ServerVocabulary::aggregation(source.metric), &value);
    if (!found)
        return false;
    if (source.metric == ServerMetric::KvUsage && value > 1.0 && value <= 100.0)
        value /= 100.0; // a percentage: the vocabulary's usage is a fraction
    out->values[source.metric] = value;
    return true;
}

// How many vocabulary entries an engine's names match in this scrape.
int matches(const PrometheusScrape& scrape, ServerEngine engine) {
    std::map<ServerMetric, bool> seen;
    for (const ServerVocabulary::Source& source : ServerVocabulary::sources(engine)) {
        if (findFamily(scrape, QLatin1String(source.name)))
            seen[source.metric] = true;
    }
    return int(seen.size());
}

ExtraMetric readExtra(const PrometheusScrape& scrape, const QString& name) {
    ExtraMetric extra;
    extra.name = name;
    const MetricFamily* f = findFamily(scrape, name);
    if (!f || f->type == MetricType::Summary) // a summary's quantiles cannot be combined
        return extra;
    extra.type = f->type;
    extra.found =
        f->type == MetricType::Histogram
            ? EngineRecognizer::combinedHistogram(*f, &extra.histogram)
            : EngineRecognizer::combinedValue(*f, ServerVocabulary::Aggregation::Sum, &extra.value);
    return extra;
}
} // namespace

EngineRecognizer::EngineRecognizer(const QStringList& extraNames)
    : m_extraNames(extraNames) {}

RecognizedMetrics EngineRecognizer::recognize(const PrometheusScrape& scrape) const {
    RecognizedMetrics out;
    int best = 0;
    for (const ServerEngine engine : ServerVocabulary::engines()) {
        const int count = matches(scrape, engine);
        if (count > best) {
            best = count;
            out.engine = engine;
        }
    }
    for (const ServerVocabulary::Source& source : ServerVocabulary::sources(out.engine)) {
        if (out.has(source.metric))
            continue; // an earlier (newer) name already gave it
        const QString name = QLatin1String(source.name);
        const MetricFamily* family = findFamily(scrape, name);
        if (family && readEntry(*family, source, &out))
            out.sourceNames[source.metric] = name;
    }
    for (const QString& name : m_extraNames)
        out.extras.append(readExtra(scrape, name));
    return out;
}

bool EngineRecognizer::combinedValue(const MetricFamily& family,
                                     ServerVocabulary::Aggregation aggregation, double* value) {
    int count = 0;
    double combined = 0.0;
    for (const MetricSample& s : family.samples) {
        if (!isValueSample(family, s) || !std::isfinite(s.value))
            continue;
        if (aggregation == ServerVocabulary::Aggregation::Max)
            combined = count == 0 ? s.value : std::max(combined, s.value);
        else
            combined += s.value;
        ++count;
    }
    if (aggregation == ServerVocabulary::Aggregation::Mean && count > 0)
        combined /= count;
    if (count == 0 || !std::isfinite(combined))
        return false; // nothing, or a sum past the largest double
    *value = combined;
    return true;
}

bool EngineRecognizer::combinedHistogram(const MetricFamily& family, ServerHistogram* histogram) {
    if (family.type != MetricType::Histogram)
        return false;
    const QString bucketName = family.name + QLatin1String("_bucket");
    const QString sumName = family.name + QLatin1String("_sum");
    const QString countName = family.name + QLatin1String("_count");
    std::map<double, double> buckets; // le -> count summed over label sets
    ServerHistogram h;
    for (const MetricSample& s : family.samples) {
        if (!std::isfinite(s.value))
            continue;
        if (s.name == sumName) {
            h.sum += s.value;
        } else if (s.name == countName) {
            h.count += s.value;
        } else if (s.name == bucketName) {
            double le = 0.0;
            if (PrometheusLine::parseValue(s.labels.value(QStringLiteral("le")).toLatin1(), &le) &&
                !std::isnan(le))
                buckets[le] += s.value;
        }
    }
    for (const auto& [le, count] : buckets) {
        h.upperBounds.push_back(le);
        h.cumulativeCounts.push_back(count);
    }
    if (!h.isValid())
        return false;
    *histogram = std::move(h);
    return true;
}
