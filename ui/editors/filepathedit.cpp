#include "editors/filepathedit.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

FilePathEdit::FilePathEdit(const QString& dialogTitle, const QString& filter, QWidget* parent)
    : QWidget(parent)
    , m_title(dialogTitle)
    , m_filter(filter)
    , m_edit(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_browse);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { Q_EMIT pathChanged(path()); });
    connect(m_browse, &QPushButton::clicked, this, &FilePathEdit::browse);
}

QString FilePathEdit::path() const {
    return m_edit->text().trimmed();
}

void FilePathEdit::setPath(const QString& path) {
    m_edit->setText(path);
}

void FilePathEdit::setPlaceholderText(const QString& text) {
    m_edit->setPlaceholderText(text);
}

void FilePathEdit::browse() {
    const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
    const QString chosen = QFileDialog::getOpenFileName(this, m_title, start, m_filter);
    if (!chosen.isEmpty())
        m_edit->setText(chosen);
}
