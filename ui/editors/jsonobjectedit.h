#pragma once

#include <QJsonObject>
#include <QPlainTextEdit>

// A small text editor for a JSON object (an endpoint's extra body fields). Keeps the
// last valid object; problem() says why the current text is not one.
class JsonObjectEdit : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit JsonObjectEdit(QWidget* parent = nullptr);

    void setObject(const QJsonObject& object);
    QJsonObject object() const { return m_object; }
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void changed();

private:
    void reparse();

    QJsonObject m_object;
    QString m_problem;
};
