#include "runstatuswidget.h"

#include "uiformat.h"

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
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_bar->setFixedWidth(fontMetrics().averageCharWidth() * 28);
    // Fixed widths keep the status bar from jittering as the numbers change 8 times a second.
    const int digits = fontMetrics().horizontalAdvance(u"Errors 00,000"_s);
    m_inFlight->setMinimumWidth(fontMetrics().horizontalAdvance(u"In flight 0000"_s));
    m_tps->setMinimumWidth(fontMetrics().horizontalAdvance(u"000,000 tok/s"_s));
    m_errors->setMinimumWidth(digits);
    m_tps->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(14);
    layout->addWidget(m_level);
    layout->addWidget(m_bar);
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
    else if (plan.durationPerLevelS > 0)
        level = p.levelElapsedS / plan.durationPerLevelS;
    level = std::clamp(level, 0.0, 1.0);
    return std::clamp((p.levelIndex + level) / p.levelCount, 0.0, 1.0);
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
    m_level->setText(
        p.levelIndex >= 0
            ? tr("Level %1 of %2 · %3").arg(p.levelIndex + 1).arg(p.levelCount).arg(p.levelLabel)
            : tr("Starting…"));
    m_bar->setValue(int(sweepFraction(p, m_plan) * 1000));
    const QString eta = formatEta(p.etaS);
    m_bar->setFormat(eta.isEmpty() ? u"%p%"_s : tr("%p% · %1 left").arg(eta));
    m_inFlight->setText(tr("In flight %1").arg(p.inFlight));
    m_tps->setText(UiFormat::tps(p.liveTokensPerSecond));
    m_errors->setText(tr("Errors %1").arg(UiFormat::integer(p.errors)));
    m_bar->show();
    m_inFlight->show();
    m_tps->show();
    m_errors->show();
}
