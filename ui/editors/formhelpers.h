#pragma once

#include <QString>

class FieldIssueLabel;
class IssueMap;
class QFormLayout;
class QWidget;

// Small helpers shared by the editor forms: a field row with its issue label underneath.
namespace FormHelpers {
// Adds "label: widget" with an issue label below the widget, registered under field.
FieldIssueLabel* addRow(QFormLayout* form, const QString& label, QWidget* field, IssueMap* issues,
                        const QString& fieldName);
// A muted, word-wrapped explanatory note.
QWidget* note(const QString& text, QWidget* parent);
} // namespace FormHelpers
