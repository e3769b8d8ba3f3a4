#include "editors/formhelpers.h"

#include "editors/fieldissuelabel.h"
#include "editors/issuemap.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace FormHelpers {

FieldIssueLabel* addRow(QFormLayout* form, const QString& label, QWidget* field, IssueMap* issues,
                        const QString& fieldName) {
    auto* box = new QWidget(form->parentWidget());
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(box);
    layout->addWidget(field);
    auto* issue = new FieldIssueLabel(box);
    layout->addWidget(issue);
    form->addRow(label, box);
    if (auto* buddyLabel = qobject_cast<QLabel*>(form->labelForField(box)))
        buddyLabel->setBuddy(field);
    if (issues) {
        QString name = label;
        name.remove(u'&');
        issues->add(fieldName, issue, name);
    }
    return issue;
}

QWidget* note(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace FormHelpers
