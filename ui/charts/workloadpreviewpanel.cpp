#include "charts/workloadpreviewpanel.h"

#include "charts/lengthhistogramchart.h"
#include "models/runpalette.h"
#include "models/workloadpreviewbuilder.h"
#include "models/workloadpreviewjob.h"

#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QShowEvent>
#include <QTimer>
#include <QVBoxLayout>

namespace {
constexpr qsizetype kSampleChars = 200;

// What the preview depends on: the workload, the fixed lengths it falls back to, the seed.
bool samePreviewInputs(const Profile& a, const Profile& b) {
    return a.workload == b.workload && a.prompts == b.prompts && a.plan.seed == b.plan.seed;
}

QLabel* wrappedLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

WorkloadPreviewPanel::WorkloadPreviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_job(new WorkloadPreviewJob(this))
    , m_debounce(new QTimer(this))
    , m_inputChart(new LengthHistogramChart(this))
    , m_outputChart(new LengthHistogramChart(this))
    , m_progress(new QProgressBar(this))
    , m_note(wrappedLabel(this)) {
    setObjectName(QStringLiteral("workloadPreview"));
    m_inputChart->setObjectName(QStringLiteral("inputHistogram"));
    m_outputChart->setObjectName(QStringLiteral("outputHistogram"));
    m_outputChart->setColor(RunPalette::colors().at(1));
    m_note->setObjectName(QStringLiteral("previewNote"));
    m_progress->setVisible(false);
    m_progress->setFormat(tr("Reading… %p%"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);

    auto* samplesBox = new QGroupBox(tr("Sample prompts"), this);
    auto* samplesLayout = new QVBoxLayout(samplesBox);
    for (int i = 0; i < WorkloadPreviewBuilder::kSamples; ++i) {
        auto* label = new QLabel(samplesBox);
        label->setObjectName(QStringLiteral("samplePrompt%1").arg(i + 1));
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        samplesLayout->addWidget(label);
        m_samples << label;
    }

    auto* title = new QLabel(tr("<b>Preview</b> — what a run will send"), this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_progress);
    layout->addWidget(m_inputChart, 1);
    layout->addWidget(m_outputChart, 1);
    layout->addWidget(m_note);
    layout->addWidget(samplesBox);

    connect(m_debounce, &QTimer::timeout, this, &WorkloadPreviewPanel::onDebounced);
    connect(m_job, &WorkloadPreviewJob::finished, this, &WorkloadPreviewPanel::onFinished);
    connect(m_job, &WorkloadPreviewJob::progress, this, &WorkloadPreviewPanel::onProgress);
}

void WorkloadPreviewPanel::setProfile(const Profile& profile) {
    if (m_hasProfile && samePreviewInputs(profile, m_profile))
        return;
    m_profile = profile;
    m_hasProfile = true;
    // A file being read for the old settings is of no use any more.
    m_job->cancel();
    m_debounce->start();
}

void WorkloadPreviewPanel::onDebounced() {
    if (!isVisible()) {
        m_pending = true;
        return;
    }
    refresh();
}

void WorkloadPreviewPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_pending)
        m_debounce->start();
}

bool WorkloadPreviewPanel::isComputing() const {
    return m_debounce->isActive() || m_job->isRunning();
}

void WorkloadPreviewPanel::refresh() {
    m_debounce->stop();
    m_pending = false;
    showComputing();
    m_job->start(m_profile);
}

void WorkloadPreviewPanel::showComputing() {
    m_progress->setRange(0, 0); // busy until the reader reports a size
    m_progress->setVisible(false);
    // Only a file takes long enough to show progress; drawing lengths is instant.
    const WorkloadSettings& w = m_profile.workload;
    const bool readsFile = w.kind != WorkloadSettings::Kind::Synthetic ||
                           (w.input && w.input->kind == LengthDistribution::Kind::Empirical) ||
                           (w.output && w.output->kind == LengthDistribution::Kind::Empirical);
    if (readsFile)
        QTimer::singleShot(200, m_progress, [this] { m_progress->setVisible(isComputing()); });
}

void WorkloadPreviewPanel::onProgress(qint64 bytesRead, qint64 bytesTotal) {
    if (bytesTotal > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(std::min<qint64>(1000, bytesRead * 1000 / bytesTotal)));
    }
}

void WorkloadPreviewPanel::onFinished(const WorkloadPreview& preview) {
    m_progress->setVisible(false);
    m_preview = preview;
    if (!preview.ok()) {
        const QString reason = preview.error.isEmpty() ? tr("Cancelled.") : preview.error;
        m_inputChart->setHistogram({}, tr("Input lengths"));
        m_outputChart->setHistogram({}, tr("Output lengths"));
        m_inputChart->setPlaceholder(reason);
        m_outputChart->setPlaceholder(reason);
    } else {
        m_inputChart->setHistogram(preview.input, preview.inputTitle);
        m_outputChart->setHistogram(preview.output, preview.outputTitle);
    }
    m_note->setText(preview.ok() ? preview.note : QString());
    m_note->setVisible(!m_note->text().isEmpty());
    for (qsizetype i = 0; i < m_samples.size(); ++i) {
        QLabel* label = m_samples.at(i);
        const QString text = preview.samples.value(i);
        label->setToolTip(text);
        // About two lines of the panel: enough to recognise a prompt (the tooltip has more).
        label->setText(text.size() > kSampleChars ? text.left(kSampleChars) + u'…' : text);
    }
    Q_EMIT updated();
}
