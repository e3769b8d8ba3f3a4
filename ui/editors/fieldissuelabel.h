#pragma once

#include <QWidget>

class QLabel;

// The reason a field is invalid, shown right under the field (empty = hidden). Uses a
// warning icon plus text in a red picked from the current palette's lightness, so it
// stays readable in both light and dark themes.
class FieldIssueLabel : public QWidget {
    Q_OBJECT
public:
    explicit FieldIssueLabel(QWidget* parent = nullptr);

    void setIssue(const QString& message);
    QString issue() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    QLabel* m_icon;
    QLabel* m_text;
};
