#include "editors/issuemap.h"

#include "editors/fieldissuelabel.h"

#include <QSet>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

void IssueMap::add(const QString& field, FieldIssueLabel* label, const QString& displayName) {
    m_labels.insert(normalized(field), label);
    m_names.insert(normalized(field), displayName);
}

void IssueMap::clear() {
    m_labels.clear();
    m_names.clear();
}

QString IssueMap::sentence(const QString& displayName, const QString& message) {
    static const QStringList predicates = {u"is "_s,  u"must "_s, u"needs "_s,    u"names "_s,
                                           u"has "_s, u"does "_s, u"contains "_s, u"cannot "_s};
    if (message.isEmpty())
        return message;
    for (const QString& predicate : predicates) {
        if (!displayName.isEmpty() && message.startsWith(predicate))
            return displayName + u' ' + message;
    }
    return message.at(0).toUpper() + message.mid(1);
}

QString IssueMap::normalized(const QString& field) {
    QString out = field.toLower();
    out.remove(u'_');
    return out;
}

QList<ValidationIssue> IssueMap::apply(const QList<ValidationIssue>& issues) const {
    QHash<FieldIssueLabel*, QStringList> messages;
    QList<ValidationIssue> unclaimed;
    for (const ValidationIssue& issue : issues) {
        QString key = normalized(issue.field);
        FieldIssueLabel* label = m_labels.value(key);
        // Walk up "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" until a field claims it.
        while (!label && !key.isEmpty()) {
            const qsizetype cut = std::max(key.lastIndexOf(u'.'), key.lastIndexOf(u'['));
            if (cut <= 0)
                break;
            key.truncate(cut);
            label = m_labels.value(key);
        }
        if (label) {
            const QString text = sentence(m_names.value(key), issue.message);
            // The validator and the form's own checks may both report the same thing.
            if (!messages[label].contains(text))
                messages[label].append(text);
        } else
            unclaimed.append(issue);
    }
    QSet<FieldIssueLabel*> seen;
    for (FieldIssueLabel* label : m_labels) {
        if (seen.contains(label))
            continue;
        seen.insert(label);
        label->setIssue(messages.value(label).join(u"\n"_s));
    }
    return unclaimed;
}
