#pragma once

#include <QFrame>
#include <QMap>

class QLabel;
class QToolButton;

// A dismissible strip above the charts for what a person must not miss during a run:
// client-bound levels, error rates over the limit, the runner's notices (unreachable...).
// Messages are keyed so a repeated warning updates in place instead of piling up.
class WarningBanner : public QFrame {
    Q_OBJECT
public:
    explicit WarningBanner(QWidget* parent = nullptr);

    void setMessage(const QString& key, const QString& text); // empty text removes it
    void clear();
    QStringList messages() const { return m_messages.values(); }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void applyColors();

    QMap<QString, QString> m_messages;
    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
    bool m_dismissed = false;
};
