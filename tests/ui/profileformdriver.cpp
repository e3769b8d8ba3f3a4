#include "profileformdriver.h"

#include "editors/budgeteditor.h"
#include "editors/endpointlisteditor.h"
#include "editors/headerstable.h"
#include "editors/levellistparser.h"
#include "editors/profileeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
template <typename T> T* find(QWidget* root, const QString& name) {
    T* widget = root->findChild<T*>(name);
    if (!widget)
        qWarning("ProfileFormDriver: no widget named %s", qPrintable(name));
    return widget;
}

bool setCombo(QWidget* root, const QString& name, const QVariant& data) {
    auto* combo = find<QComboBox>(root, name);
    if (!combo)
        return false;
    const int index = combo->findData(data);
    if (index < 0) {
        qWarning("ProfileFormDriver: %s has no item %s", qPrintable(name),
                 qPrintable(data.toString()));
        return false;
    }
    combo->setCurrentIndex(index);
    return true;
}

bool fillEndpoint(QWidget* form, const EndpointConfig& e) {
    bool ok = true;
    auto text = [&](const QString& name, const QString& value) {
        if (auto* edit = find<QLineEdit>(form, name))
            edit->setText(value);
        else
            ok = false;
    };
    auto check = [&](const QString& name, bool value) {
        if (auto* box = find<QCheckBox>(form, name))
            box->setChecked(value);
        else
            ok = false;
    };
    auto seconds = [&](const QString& name, double value) {
        if (auto* spin = find<QDoubleSpinBox>(form, name))
            spin->setValue(value);
        else
            ok = false;
    };
    text(u"endpointName"_s, e.name);
    ok &= setCombo(form, u"flavor"_s, e.flavor);
    text(u"url"_s, e.url.toString());
    text(u"model"_s, e.model);
    text(u"apiVersion"_s, e.apiVersion);
    if (auto* source = find<QComboBox>(form, u"keySource"_s)) {
        const bool env = e.apiKeyRef.startsWith(u"${env:"_s);
        const bool keychain = e.apiKeyRef.startsWith(u"keychain:"_s);
        source->setCurrentIndex(env ? 1 : keychain ? 2 : 0);
        if (env)
            text(u"keyName"_s, e.apiKeyRef.mid(6, e.apiKeyRef.size() - 7));
        else if (keychain)
            text(u"keyName"_s, e.apiKeyRef.mid(9));
    } else {
        ok = false;
    }
    // Headers: press "Add header" and type each row.
    if (auto* table = find<QTableWidget>(form, u"headersTable"_s)) {
        auto* add = find<QPushButton>(form, u"addHeader"_s);
        while (table->rowCount() > 0) {
            table->setCurrentCell(0, 0);
            QTest::mouseClick(find<QPushButton>(form, u"removeHeader"_s), Qt::LeftButton);
        }
        for (const auto& [name, value] : e.headers) {
            QTest::mouseClick(add, Qt::LeftButton);
            const int row = table->rowCount() - 1;
            // "Add header" opens an editor on the new name cell; Escape closes it unchanged.
            if (QWidget* cellEditor = table->indexWidget(table->model()->index(row, 0)))
                QTest::keyClick(cellEditor, Qt::Key_Escape);
            table->item(row, 0)->setText(name);
            table->item(row, 1)->setText(value);
        }
    } else {
        ok = false;
    }
    if (auto* body = find<QPlainTextEdit>(form, u"extraBody"_s))
        body->setPlainText(e.extraBody.isEmpty()
                               ? QString()
                               : QString::fromUtf8(QJsonDocument(e.extraBody).toJson()));
    else
        ok = false;
    check(u"verifyTls"_s, e.verifyTls);
    check(u"useSystemProxy"_s, e.useSystemProxy);
    check(u"http2"_s, e.http2);
    check(u"forceExactOutput"_s, e.forceExactOutput);
    seconds(u"connectTimeoutS"_s, e.connectTimeoutS);
    seconds(u"firstTokenTimeoutS"_s, e.firstTokenTimeoutS);
    seconds(u"idleTimeoutS"_s, e.idleTimeoutS);
    seconds(u"totalTimeoutS"_s, e.totalTimeoutS);
    return ok;
}
} // namespace

namespace ProfileFormDriver {

bool fill(ProfileEditor* editor, const Profile& p) {
    bool ok = true;
    find<QLineEdit>(editor, u"profileName"_s)->setText(p.name);

    // Endpoints: edit the first, press Add for each further one.
    EndpointListEditor* endpoints = editor->endpointEditor();
    auto* list = find<QListWidget>(editor, u"endpointList"_s);
    while (list->count() > 1) {
        list->setCurrentRow(list->count() - 1);
        QTest::mouseClick(find<QPushButton>(editor, u"removeEndpoint"_s), Qt::LeftButton);
    }
    list->setCurrentRow(0);
    for (qsizetype i = 0; i < p.endpoints.size(); ++i) {
        if (i > 0)
            QTest::mouseClick(find<QPushButton>(editor, u"addEndpoint"_s), Qt::LeftButton);
        ok &= fillEndpoint(endpoints, p.endpoints.at(i));
    }
    list->setCurrentRow(p.activeEndpoint);

    // Sweep plan: both lists are typed (the file keeps both), then the mode is chosen.
    find<QRadioButton>(editor, u"modeConcurrency"_s)->setChecked(true);
    find<QLineEdit>(editor, u"concurrencies"_s)
        ->setText(LevelListParser::format(p.plan.concurrencies));
    find<QRadioButton>(editor, u"modeRate"_s)->setChecked(true);
    find<QLineEdit>(editor, u"rates"_s)->setText(LevelListParser::format(p.plan.rates));
    ok &= setCombo(editor, u"arrival"_s, int(p.plan.arrival));
    find<QDoubleSpinBox>(editor, u"burstiness"_s)->setValue(p.plan.burstiness);
    find<QSpinBox>(editor, u"maxConcurrency"_s)->setValue(p.plan.maxConcurrency);
    (p.plan.mode == SweepPlan::Mode::Rate ? find<QRadioButton>(editor, u"modeRate"_s)
                                          : find<QRadioButton>(editor, u"modeConcurrency"_s))
        ->setChecked(true);
    find<QSpinBox>(editor, u"requestsPerLevel"_s)->setValue(p.plan.requestsPerLevel);
    find<QComboBox>(editor, u"levelLength"_s)
        ->setCurrentIndex(p.plan.durationPerLevelS > 0 ? 0 : 1);
    if (p.plan.durationPerLevelS > 0)
        find<QDoubleSpinBox>(editor, u"durationPerLevelS"_s)->setValue(p.plan.durationPerLevelS);
    find<QSpinBox>(editor, u"warmupRequests"_s)->setValue(p.plan.warmupRequests);
    find<QLineEdit>(editor, u"seed"_s)->setText(QString::number(p.plan.seed));

    // Prompts.
    ok &= setCombo(editor, u"promptKind"_s, int(p.prompts.kind));
    find<QLineEdit>(editor, u"promptFile"_s)->setText(p.prompts.file);
    find<QSpinBox>(editor, u"inputTokens"_s)->setValue(p.prompts.inputTokens);
    find<QSpinBox>(editor, u"outputTokens"_s)->setValue(p.prompts.outputTokens);
    find<QCheckBox>(editor, u"calibrate"_s)->setChecked(p.prompts.calibrate);

    // Budget rows: remove all, then "Add limit" and set each row's cells.
    QTableWidget* table = editor->budgetEditor()->table();
    while (table->rowCount() > 0)
        QTest::mouseClick(qobject_cast<QWidget*>(table->cellWidget(0, 3)), Qt::LeftButton);
    for (const LatencyLimit& limit : p.budget.limits) {
        QTest::mouseClick(find<QPushButton>(editor, u"addLimit"_s), Qt::LeftButton);
        const int row = table->rowCount() - 1;
        auto* metric = qobject_cast<QComboBox*>(table->cellWidget(row, 0));
        auto* stat = qobject_cast<QComboBox*>(table->cellWidget(row, 1));
        metric->setCurrentIndex(metric->findData(LatencyNames::key(limit.metric)));
        stat->setCurrentIndex(stat->findData(LatencyNames::key(limit.stat)));
        qobject_cast<QDoubleSpinBox*>(table->cellWidget(row, 2))->setValue(limit.maxMs);
    }
    find<QCheckBox>(editor, u"stopAtPlateau"_s)->setChecked(p.plan.stopAtPlateau);
    find<QDoubleSpinBox>(editor, u"plateauGainThreshold"_s)
        ->setValue(p.plan.plateauGainThreshold * 100);
    find<QCheckBox>(editor, u"stopWhenBudgetExceeded"_s)->setChecked(p.plan.stopWhenBudgetExceeded);
    find<QCheckBox>(editor, u"stopOnErrors"_s)->setChecked(p.plan.maxErrorRate < 1.0);
    if (p.plan.maxErrorRate < 1.0)
        find<QDoubleSpinBox>(editor, u"maxErrorRate"_s)->setValue(p.plan.maxErrorRate * 100);
    return ok;
}

Profile everyFieldChanged(const QString& promptFile) {
    Profile p;
    p.name = u"Every field changed"_s;
    EndpointConfig a;
    a.name = u"Local vLLM"_s;
    a.flavor = u"openai-completions"_s;
    a.url = QUrl(u"http://127.0.0.1:8000/v1"_s);
    a.model = u"meta-llama/Llama-3.1-8B-Instruct"_s;
    a.apiKeyRef = u"${env:PLATEAU_TEST_KEY}"_s;
    a.headers = {{u"X-Team"_s, u"bench"_s}, {u"X-Trace"_s, u"on"_s}};
    a.extraBody = QJsonObject{{u"temperature"_s, 0.5}, {u"top_p"_s, 0.9}};
    a.verifyTls = false;
    a.useSystemProxy = false;
    a.http2 = true;
    a.forceExactOutput = true;
    a.connectTimeoutS = 3.5;
    a.firstTokenTimeoutS = 45.0;
    a.idleTimeoutS = 12.5;
    a.totalTimeoutS = 300.0;
    EndpointConfig b;
    b.name = u"Azure prod"_s;
    b.flavor = u"azure-openai"_s;
    b.url = QUrl(u"https://example.openai.azure.com/openai/deployments/gpt4o"_s);
    b.model = u"gpt-4o"_s;
    b.apiVersion = u"2024-10-21"_s;
    b.apiKeyRef = u"${env:AZURE_OPENAI_KEY}"_s;
    p.endpoints = {a, b};
    p.activeEndpoint = 1;
    p.plan.mode = SweepPlan::Mode::Rate;
    p.plan.concurrencies = {3, 6, 12};
    p.plan.rates = {0.5, 1, 2.5};
    p.plan.arrival = SweepPlan::Arrival::Gamma;
    p.plan.burstiness = 0.7;
    p.plan.maxConcurrency = 40;
    p.plan.requestsPerLevel = 77;
    p.plan.durationPerLevelS = 9.5;
    p.plan.warmupRequests = 4;
    p.plan.stopAtPlateau = true;
    p.plan.stopWhenBudgetExceeded = true;
    p.plan.maxErrorRate = 0.2;
    p.plan.plateauGainThreshold = 0.08;
    p.plan.seed = 9876543210ULL;
    p.prompts.kind = PromptSource::Kind::File;
    p.prompts.inputTokens = 512;
    p.prompts.outputTokens = 64;
    p.prompts.calibrate = false;
    p.prompts.file = promptFile;
    p.budget.limits = {LatencyLimit{LatencyMetric::Tpot, LatencyStat::P50, 50.0},
                       LatencyLimit{LatencyMetric::Itl, LatencyStat::P99, 120.5},
                       LatencyLimit{LatencyMetric::E2e, LatencyStat::Mean, 8000.0}};
    return p;
}

} // namespace ProfileFormDriver
