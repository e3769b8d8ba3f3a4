#include "cli/k8smanifests.h"

#include "profile/apikeyresolver.h"
#include "profile/shardjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QByteArray quoted(const QString& text) {
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // ["..."] -> "..."
}

QByteArray scalar(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? "true" : "false";
    if (value.isDouble())
        return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    if (value.isNull() || value.isUndefined())
        return "null";
    return quoted(value.toString());
}

bool isScalar(const QJsonValue& v) {
    return !(v.isObject() && !v.toObject().isEmpty()) && !(v.isArray() && !v.toArray().isEmpty());
}

QByteArray emptyOrScalar(const QJsonValue& v) {
    if (v.isObject())
        return "{}";
    if (v.isArray())
        return "[]";
    return scalar(v);
}

void emitValue(const QJsonValue& value, int indent, QByteArray* out);

void emitKeyed(const QByteArray& pad, const QByteArray& head, const QJsonValue& v, int indent,
               QByteArray* out) {
    if (v.isString() && v.toString().contains(QLatin1Char('\n'))) {
        *out += pad + head + "|\n";
        for (const QString& line : v.toString().split(QLatin1Char('\n')))
            *out += QByteArray(indent + 2, ' ') + line.toUtf8() + '\n';
    } else if (isScalar(v)) {
        *out += pad + head + emptyOrScalar(v) + '\n';
    } else {
        *out += pad + head.trimmed() + '\n';
        emitValue(v, indent + 2, out);
    }
}

void emitValue(const QJsonValue& value, int indent, QByteArray* out) {
    const QByteArray pad(indent, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            emitKeyed(pad, quoted(it.key()) + ": ", it.value(), indent, out);
        return;
    }
    for (const QJsonValue& item : value.toArray()) {
        if (isScalar(item)) {
            *out += pad + "- " + emptyOrScalar(item) + '\n';
            continue;
        }
        QByteArray inner;
        emitValue(item, indent + 2, &inner);
        *out += pad + "- " + inner.mid(indent + 2); // the first line joins the dash
    }
}

QJsonObject meta(const QString& name) {
    return {{QStringLiteral("name"), name},
            {QStringLiteral("labels"),
             QJsonObject{{QStringLiteral("app"), QStringLiteral("plateau")}}}};
}

QJsonObject volumes(const K8sManifests::Options& o, bool withProfile) {
    QJsonArray list{QJsonObject{{QStringLiteral("name"), QStringLiteral("results")},
                                {QStringLiteral("persistentVolumeClaim"),
                                 QJsonObject{{QStringLiteral("claimName"),
                                              QString(o.name + QStringLiteral("-results"))}}}}};
    QJsonArray mounts{QJsonObject{{QStringLiteral("name"), QStringLiteral("results")},
                                  {QStringLiteral("mountPath"), QStringLiteral("/results")}}};
    if (withProfile) {
        list.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("profile")},
            {QStringLiteral("configMap"),
             QJsonObject{{QStringLiteral("name"), QString(o.name + QStringLiteral("-profile"))}}}});
        mounts.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("profile")},
                                  {QStringLiteral("mountPath"), QStringLiteral("/etc/plateau")},
                                  {QStringLiteral("readOnly"), true}});
    }
    return {{QStringLiteral("volumes"), list}, {QStringLiteral("mounts"), mounts}};
}

QJsonObject envFrom(const QString& name, const QString& kind, const QString& object,
                    const QString& key) {
    return {{QStringLiteral("name"), name},
            {QStringLiteral("valueFrom"),
             QJsonObject{{kind, QJsonObject{{QStringLiteral("name"), object},
                                            {QStringLiteral("key"), key}}}}}};
}

QJsonObject job(const QString& name, const QJsonObject& jobSpec, const QJsonObject& container,
                const QJsonArray& podVolumes) {
    QJsonObject spec = jobSpec;
    spec.insert(
        QStringLiteral("template"),
        QJsonObject{
            {QStringLiteral("metadata"),
             QJsonObject{{QStringLiteral("labels"),
                          QJsonObject{{QStringLiteral("app"), QStringLiteral("plateau")}}}}},
            {QStringLiteral("spec"),
             QJsonObject{{QStringLiteral("restartPolicy"), QStringLiteral("Never")},
                         {QStringLiteral("containers"), QJsonArray{container}},
                         {QStringLiteral("volumes"), podVolumes}}}});
    return {{QStringLiteral("apiVersion"), QStringLiteral("batch/v1")},
            {QStringLiteral("kind"), QStringLiteral("Job")},
            {QStringLiteral("metadata"), meta(name)},
            {QStringLiteral("spec"), spec}};
}

QJsonObject shardsJob(const Profile& profile, const K8sManifests::Options& o) {
    const QString n = QString::number(o.shards);
    // A shell, so the index and the start time reach the arguments whatever the cluster's
    // version does with $(VAR) for the variables the Job controller injects.
    const QString script =
        QStringLiteral("exec plateau-cli run /etc/plateau/profile.json --shard "
                       "\"$JOB_COMPLETION_INDEX/%1\" --start-at \"$PLATEAU_START_AT\" --out "
                       "\"/results/shard-$JOB_COMPLETION_INDEX.json\" --journal "
                       "\"/results/shard-$JOB_COMPLETION_INDEX.journal.jsonl\" --quiet")
            .arg(n);
    QJsonArray env{envFrom(QStringLiteral("PLATEAU_START_AT"), QStringLiteral("configMapKeyRef"),
                           QString(o.name + QStringLiteral("-start")), QStringLiteral("start_at"))};
    if (const QString key = K8sManifests::apiKeyVariable(profile); !key.isEmpty())
        env.append(envFrom(key, QStringLiteral("secretKeyRef"),
                           QString(o.name + QStringLiteral("-api-key")), key));
    const QJsonObject v = volumes(o, true);
    const QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("shard")},
        {QStringLiteral("image"), o.image},
        {QStringLiteral("command"), QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c")}},
        {QStringLiteral("args"), QJsonArray{script}},
        {QStringLiteral("env"), env},
        {QStringLiteral("volumeMounts"), v.value(QStringLiteral("mounts"))},
        {QStringLiteral("resources"),
         QJsonObject{{QStringLiteral("requests"),
                      QJsonObject{{QStringLiteral("cpu"), QStringLiteral("1")},
                                  {QStringLiteral("memory"), QStringLiteral("512Mi")}}}}}};
    const QJsonObject spec{{QStringLiteral("completionMode"), QStringLiteral("Indexed")},
                           {QStringLiteral("completions"), o.shards},
                           {QStringLiteral("parallelism"), o.shards},
                           // a retried shard would miss its wall-clock schedule: no retries
                           {QStringLiteral("backoffLimit"), 0}};
    return job(QString(o.name + QStringLiteral("-shards")), spec, container,
               v.value(QStringLiteral("volumes")).toArray());
}

QJsonObject mergeJob(const K8sManifests::Options& o) {
    const QJsonObject v = volumes(o, false);
    const QJsonObject container{
        {QStringLiteral("name"), QStringLiteral("merge")},
        {QStringLiteral("image"), o.image},
        {QStringLiteral("command"), QJsonArray{QStringLiteral("/bin/sh"), QStringLiteral("-c")}},
        {QStringLiteral("args"),
         QJsonArray{QStringLiteral("exec plateau-cli merge /results/shard-*.journal.jsonl --out "
                                   "/results/merged.json --csv /results/merged.csv")}},
        {QStringLiteral("volumeMounts"), v.value(QStringLiteral("mounts"))}};
    return job(QString(o.name + QStringLiteral("-merge")),
               QJsonObject{{QStringLiteral("backoffLimit"), 0}}, container,
               v.value(QStringLiteral("volumes")).toArray());
}

QJsonObject readerPod(const K8sManifests::Options& o) {
    const QJsonObject v = volumes(o, false);
    return {
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Pod")},
        {QStringLiteral("metadata"), meta(QString(o.name + QStringLiteral("-results-reader")))},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("restartPolicy"), QStringLiteral("Never")},
                     {QStringLiteral("containers"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("reader")},
                          {QStringLiteral("image"), o.image},
                          {QStringLiteral("command"),
                           QJsonArray{QStringLiteral("sleep"), QStringLiteral("3600")}},
                          {QStringLiteral("volumeMounts"), v.value(QStringLiteral("mounts"))}}}},
                     {QStringLiteral("volumes"), v.value(QStringLiteral("volumes"))}}}};
}

QJsonObject configMap(const QString& name, const QString& key, const QString& value) {
    return {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
            {QStringLiteral("metadata"), meta(name)},
            {QStringLiteral("data"), QJsonObject{{key, value}}}};
}

QJsonObject pvc(const K8sManifests::Options& o) {
    return {
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("PersistentVolumeClaim")},
        {QStringLiteral("metadata"), meta(QString(o.name + QStringLiteral("-results")))},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("accessModes"), QJsonArray{QStringLiteral("ReadWriteMany")}},
                     {QStringLiteral("resources"),
                      QJsonObject{{QStringLiteral("requests"),
                                   QJsonObject{{QStringLiteral("storage"), o.storage}}}}}}}};
}

QByteArray applyScript(const K8sManifests::Options& o, bool fixedStart) {
    QByteArray s = "#!/bin/sh\n# Written by plateau-cli k8s-manifests: runs the shards, waits, "
                   "merges, copies merged.json here.\nset -eu\ncd \"$(dirname \"$0\")\"\n";
    s += "kubectl apply -f profile-configmap.yaml -f results-pvc.yaml\n";
    if (fixedStart) {
        s += "kubectl apply -f start-configmap.yaml\n";
    } else {
        s += "start=$(date -u -d \"+" + QByteArray::number(o.leadS) +
             " seconds\" +%Y-%m-%dT%H:%M:%SZ)\n"
             "kubectl create configmap " +
             o.name.toUtf8() +
             "-start --from-literal=start_at=\"$start\" --dry-run=client -o yaml | kubectl apply "
             "-f -\n";
    }
    const QByteArray n = o.name.toUtf8();
    s += "kubectl apply -f shards-job.yaml\n"
         "kubectl wait --for=condition=complete --timeout=24h job/" +
         n +
         "-shards\n"
         "kubectl apply -f merge-job.yaml\n"
         "kubectl wait --for=condition=complete --timeout=1h job/" +
         n +
         "-merge\n"
         "kubectl apply -f results-reader.yaml\n"
         "kubectl wait --for=condition=Ready --timeout=10m pod/" +
         n +
         "-results-reader\n"
         "kubectl cp " +
         n +
         "-results-reader:/results/merged.json merged.json\n"
         "echo \"merged.json is here: open it in Plateau (File > Open...)\"\n";
    return s;
}

QByteArray readme(const Profile& profile, const K8sManifests::Options& o) {
    QByteArray text = "Plateau on Kubernetes: " + QByteArray::number(o.shards) +
                      " shards of one profile, merged into one result.\n\n";
    if (const QString key = K8sManifests::apiKeyVariable(profile); !key.isEmpty())
        text += "1. The API key, once (never in these files):\n   kubectl create secret generic " +
                o.name.toUtf8() + "-api-key --from-literal=" + key.toUtf8() + "=\"$" +
                key.toUtf8() + "\"\n";
    else
        text += "1. The profile names no API key: no Secret is needed.\n";
    text += "2. The image " + o.image.toUtf8() +
            " must be pullable by the cluster (packaging/image/README.md).\n"
            "3. sh apply.sh   (or apply the files in its order by hand)\n"
            "See docs/SHARDING.md for the whole flow.\n";
    return text;
}
} // namespace

QString K8sManifests::apiKeyVariable(const Profile& profile) {
    return ApiKeyResolver::envVariableName(profile.endpoint().apiKeyRef);
}

QByteArray K8sManifests::yaml(const QJsonValue& value) {
    QByteArray out;
    emitValue(value, 0, &out);
    return out;
}

QList<K8sManifests::File> K8sManifests::build(const Profile& profile, const QString& profileText,
                                              const Options& o) {
    QList<File> files{{QStringLiteral("profile-configmap.yaml"),
                       yaml(configMap(QString(o.name + QStringLiteral("-profile")),
                                      QStringLiteral("profile.json"), profileText))},
                      {QStringLiteral("results-pvc.yaml"), yaml(pvc(o))},
                      {QStringLiteral("shards-job.yaml"), yaml(shardsJob(profile, o))},
                      {QStringLiteral("merge-job.yaml"), yaml(mergeJob(o))},
                      {QStringLiteral("results-reader.yaml"), yaml(readerPod(o))},
                      {QStringLiteral("apply.sh"), applyScript(o, o.startAtMs >= 0)},
                      {QStringLiteral("README.txt"), readme(profile, o)}};
    if (o.startAtMs >= 0)
        files.append(
            {QStringLiteral("start-configmap.yaml"),
             yaml(configMap(QString(o.name + QStringLiteral("-start")), QStringLiteral("start_at"),
                            ShardJson::startAtText(o.startAtMs)))});
    return files;
}
