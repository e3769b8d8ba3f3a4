#pragma once

#include "profile/profile.h"

#include <QJsonValue>
#include <QList>
#include <QString>

// Issue 15: the Kubernetes objects that run a profile as N shards and merge them, as files:
//   profile-configmap.yaml  the profile (ConfigMap, mounted at /etc/plateau/profile.json)
//   results-pvc.yaml        a ReadWriteMany volume every shard writes its results to
//   start-configmap.yaml    the shared start time (only when one was given; else apply.sh
//                           makes it at apply time, now + the lead)
//   shards-job.yaml         an Indexed Job: completions = parallelism = N, the shard index from
//                           JOB_COMPLETION_INDEX, --start-at from the start ConfigMap, the API
//                           key from the Secret as the variable the profile's ${env:NAME} names
//   merge-job.yaml          plateau-cli merge over every shard's journal, on the same volume
//   results-reader.yaml     a pod that mounts the volume for `kubectl cp`
//   apply.sh, README.txt    the order to apply them in, and the Secret's one command
// The API key itself is never written: the Secret is created by the user (README.txt).
class K8sManifests {
public:
    struct Options {
        int shards = 2;
        QString image = QStringLiteral("localhost/plateau-cli:latest");
        QString name = QStringLiteral("plateau"); // prefix of every object's name
        qint64 startAtMs = -1;                    // -1: at apply time
        int leadS = 60;                           // apply.sh: start this long after apply
        QString storage = QStringLiteral("1Gi");
    };
    struct File {
        QString name;
        QByteArray text;
    };
    static constexpr int kMaxLeadS = 3600;

    static QList<File> build(const Profile& profile, const QString& profileText,
                             const Options& options);
    // The environment variable the profile's API key reference names ("" for none).
    static QString apiKeyVariable(const Profile& profile);
    // Block-style YAML of a JSON value; every string double-quoted (JSON's escapes are YAML's),
    // except multi-line ones, which become literal blocks.
    static QByteArray yaml(const QJsonValue& value);
};
