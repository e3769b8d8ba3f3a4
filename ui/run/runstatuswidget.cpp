#include "run/runstatuswidget.h"

#include "models/uiformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

RunStatusWidget::RunStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_level(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_progressText(new QLabel(this))
    , m_inFlight(new QLabel(this))
    , m_tps(new QLabel(this))
    , m_errors(new QLabel(this))
    , m_notice(new QLabel(this)) {
    m_notice->setObjectName(u"statusNotice"_s);
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    m_notice->setMinimumWidth(0);
    m_notice->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_level->setObjectName(u"statusLevel"_s);
    m_bar->setObjectName(u"statusProgress"_s);
    m_errors->setObjectName(u"statusErrors"_s);
    m_progressText->setObjectName(u"statusProgressText"_s);
    m_inFlight->setObjectName(u"statusInFlight"_s);
    m_tps->setObjectName(u"statusTps"_s);
    m_bar->setRange(0, 1000);
    // The percentage and ETA sit in a label beside a slim bar: text drawn inside the bar is
    // half covered by the chunk in some styles (Fusion) and reads as clipped.
    m_bar->setTextVisible(false);
    m_bar->setFixedWidth(fontMetrics().averageCharWidth() * 16);
    m_bar->setMaximumHeight(fontMetrics().height() * 3 / 4);
    m_progressText->setMinimumWidth(fontMetrics().horizontalAdvance(u"100% · 00:00 left"_s));
    // Fixed widths keep the status bar from jittering as the numbers change 8 times a second.
    const int digits = fontMetrics().horizontalAdvance(u"Errors 00,000"_s);
    m_inFlight->setMinimumWidth(fontMetrics().horizontalAdvance(u"In flight 0000"_s));
    m_inFlight->setToolTip(tr("Requests sent and not yet answered, right now (the level table's "
                              "In flight column is the average over the level)"));
    m_tps->setMinimumWidth(fontMetrics().horizontalAdvance(u"000,000 tok/s"_s));
    m_errors->setMinimumWidth(digits);
    m_tps->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(14);
    layout->addWidget(m_level);
    auto* progress = new QHBoxLayout; // the percentage sits close to its bar
    progress->setSpacing(6);
    progress->addWidget(m_bar);
    progress->addWidget(m_progressText);
    layout->addLayout(progress);
    layout->addWidget(m_inFlight);
    layout->addWidget(m_tps);
    layout->addWidget(m_errors);
    layout->addWidget(m_notice, 1);
    setIdleText(tr("Ready"));
}

void RunStatusWidget::setPlan(const SweepPlan& plan) {
    m_plan = plan;
}

QString RunStatusWidget::levelText() const {
    return m_level->text();
}

QString RunStatusWidget::progressText() const {
    return m_progressText->text();
}

QString RunStatusWidget::inFlightText() const {
    return m_inFlight->text();
}

void RunStatusWidget::setNotice(const QString& text) {
    // Notices start lower-case ("calibrated prompts: ..."): make them read as a sentence.
    m_notice->setText(text.isEmpty() ? text : text.at(0).toUpper() + text.mid(1));
    m_notice->setToolTip(m_notice->text());
}

QString RunStatusWidget::notice() const {
    return m_notice->text();
}

void RunStatusWidget::setIdleText(const QString& text) {
    m_level->setText(text);
    m_bar->hide();
    m_progressText->hide();
    m_inFlight->hide();
    m_tps->hide();
    m_errors->hide();
}

double RunStatusWidget::sweepFraction(const RunProgress& p, const SweepPlan& plan) {
    if (p.levelCount <= 0 || p.levelIndex < 0)
        return 0.0;
    double level = 0.0;
    if (p.requestsPlanned > 0)
        level = double(p.requestsDone) / p.requestsPlanned;
    else if (p.stability.active && p.stability.secondsLeft >= 0.0)
        level = p.levelElapsedS / std::max(1e-9, p.levelElapsedS + p.stability.secondsLeft);
    else if (plan.untilStable.enabled)
        level = p.levelElapsedS / std::max(1.0, plan.untilStable.maxSeconds);
    else if (plan.durationPerLevelS > 0)
        level = p.levelElapsedS / plan.durationPerLevelS;
    level = std::clamp(level, 0.0, 1.0);
    return std::clamp((p.levelIndex + level) / p.levelCount, 0.0, 1.0);
}

// "tok/s ±3.1% of 2% · TTFT p95 ±7.4% of 5%": where an until-stable level stands.
QString RunStatusWidget::stabilityText(const RunProgress::Stability& s) {
    const auto part = [](const QString& name, double halfWidth, double target) {
        const QString now = std::isfinite(halfWidth)
                                ? u"±"_s + QString::number(halfWidth * 100.0, 'f', 1) + u'%'
                                : tr("±?");
        return tr("%1 %2 of %3%").arg(name, now, QString::number(target * 100.0, 'g', 3));
    };
    return part(tr("tok/s"), s.throughputHalfWidth, s.throughputTarget) + u" · "_s +
           part(s.latencyName, s.latencyHalfWidth, s.latencyTarget);
}

QString RunStatusWidget::formatEta(double seconds) {
    if (!(seconds >= 0) || !std::isfinite(seconds))
        return {};
    const int s = int(std::lround(seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    return u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
}

void RunStatusWidget::setProgress(const RunProgress& p) {
    if (!p.running) {
        setIdleText(tr("Ready"));
        return;
    }
    QString level =
        p.levelIndex >= 0
            ? tr("Level %1 of %2 · %3").arg(p.levelIndex + 1).arg(p.levelCount).arg(p.levelLabel)
            : tr("Starting…");
    if (p.stability.active)
        level += u" · "_s + stabilityText(p.stability);
    m_level->setText(level);
    const double fraction = sweepFraction(p, m_plan);
    m_bar->setValue(int(fraction * 1000));
    const QString percent = tr("%1%").arg(int(fraction * 100));
    const QString eta = formatEta(p.etaS);
    m_progressText->setText(eta.isEmpty() ? percent : tr("%1 · %2 left").arg(percent, eta));
    // Past a timed level's end no new requests are sent and the last ones drain: say so,
    // or a low live count reads as a wrong one next to the level's average.
    const bool draining = p.levelIndex >= 0 && p.requestsPlanned <= 0 &&
                          !m_plan.untilStable.enabled && m_plan.durationPerLevelS > 0 &&
                          p.levelElapsedS >= m_plan.durationPerLevelS;
    m_inFlight->setText(draining ? tr("In flight %1 · finishing level").arg(p.inFlight)
                                 : tr("In flight %1").arg(p.inFlight));
    m_tps->setText(p.embeddings
                       ? tr("%1 inputs/s").arg(UiFormat::integer(qRound64(p.liveInputsPerSecond)))
                       : UiFormat::tps(p.liveTokensPerSecond));
    m_errors->setText(tr("Errors %1").arg(UiFormat::integer(p.errors)));
    m_bar->show();
    m_progressText->show();
    m_inFlight->show();
    m_tps->show();
    m_errors->show();
}
