#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

// A file path typed or picked with "Browse…" (an open-file dialog with the given filter).
class FilePathEdit : public QWidget {
    Q_OBJECT
public:
    FilePathEdit(const QString& dialogTitle, const QString& filter, QWidget* parent = nullptr);

    QString path() const; // trimmed
    void setPath(const QString& path);
    void setPlaceholderText(const QString& text);
    QLineEdit* lineEdit() const { return m_edit; }

Q_SIGNALS:
    void pathChanged(const QString& path);

private:
    void browse();

    QString m_title;
    QString m_filter;
    QLineEdit* m_edit;
    QPushButton* m_browse;
};
