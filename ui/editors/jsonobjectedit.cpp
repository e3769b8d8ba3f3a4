#include "editors/jsonobjectedit.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSignalBlocker>

JsonObjectEdit::JsonObjectEdit(QWidget* parent)
    : QPlainTextEdit(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("{ \"temperature\": 0 }"));
    setTabChangesFocus(true);
    setMaximumHeight(fontMetrics().height() * 6);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        reparse();
        Q_EMIT changed();
    });
}

void JsonObjectEdit::setObject(const QJsonObject& object) {
    const QSignalBlocker blocker(this);
    m_object = object;
    m_problem.clear();
    setPlainText(object.isEmpty()
                     ? QString()
                     : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)));
}

void JsonObjectEdit::reparse() {
    const QString text = toPlainText().trimmed();
    if (text.isEmpty()) {
        m_object = {};
        m_problem.clear();
        return;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        m_problem = tr("is not valid JSON: %1 (at character %2)")
                        .arg(error.errorString())
                        .arg(error.offset);
        return;
    }
    if (!doc.isObject()) {
        m_problem = tr("must be a JSON object: { \"field\": value, … }");
        return;
    }
    m_object = doc.object();
    m_problem.clear();
}
