#include "cli/k8smanifestscommand.h"

#include "cli/console.h"
#include "cli/exitcode.h"
#include "common/outputfile.h"
#include "profile/profileio.h"
#include "profile/profilevalidator.h"
#include "profile/shardjson.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {
bool readShards(const QString& text, int* shards, QString* error) {
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < 1 || n > ShardSettings::kMaxCount) {
        *error = QStringLiteral("--shards must be 1 to %1, not \"%2\"")
                     .arg(ShardSettings::kMaxCount)
                     .arg(text.left(20));
        return false;
    }
    *shards = n;
    return true;
}

bool checkWords(const K8sManifests::Options& o, QString* error) {
    // Object names are DNS labels; the image and the size go into YAML quoted, but a typo
    // should fail here, not in the cluster.
    static const QRegularExpression name(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$"));
    static const QRegularExpression image(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$"));
    static const QRegularExpression size(QStringLiteral("^[0-9]{1,6}(Mi|Gi|Ti)$"));
    if (!name.match(o.name).hasMatch())
        *error = QStringLiteral("--name must be a DNS label of at most 40 characters (a-z, 0-9, "
                                "-), not \"%1\"")
                     .arg(o.name.left(50));
    else if (!image.match(o.image).hasMatch())
        *error = QStringLiteral("--image must be an image reference (registry/name:tag), not "
                                "\"%1\"")
                     .arg(o.image.left(60));
    else if (!size.match(o.storage).hasMatch())
        *error = QStringLiteral("--storage must be a size like 1Gi or 500Mi, not \"%1\"")
                     .arg(o.storage.left(20));
    return error->isEmpty();
}

// The profile as every shard will run it: duration-bound levels on a wall-clock schedule.
bool checkShardable(Profile profile, int shards, QString* error) {
    profile.plan.shard.count = shards;
    profile.plan.shard.startAtMs = QDateTime::currentMSecsSinceEpoch();
    const QList<ValidationIssue> issues = ProfileValidator::validate(profile);
    if (issues.isEmpty())
        return true;
    *error = QStringLiteral("the profile cannot run as shards: %1: %2")
                 .arg(issues.constFirst().field, issues.constFirst().message);
    return false;
}
} // namespace

std::optional<K8sManifestsCommand::Invocation> K8sManifestsCommand::parse(const QStringList& args,
                                                                          QString* error) {
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption shards(QStringLiteral("shards"), QString(), QStringLiteral("N"));
    const QCommandLineOption image(QStringLiteral("image"), QString(), QStringLiteral("IMG"));
    const QCommandLineOption out(QStringList{QStringLiteral("o"), QStringLiteral("out")}, QString(),
                                 QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption startAt(QStringLiteral("start-at"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption lead(QStringLiteral("lead"), QString(), QStringLiteral("S"));
    const QCommandLineOption storage(QStringLiteral("storage"), QString(), QStringLiteral("SIZE"));
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({help, shards, image, out, name, startAt, lead, storage});
    if (!parser.parse(QStringList{QStringLiteral("plateau-cli k8s-manifests")} + args)) {
        *error = parser.errorText() + QStringLiteral(" (see plateau-cli k8s-manifests --help)");
        return std::nullopt;
    }
    Invocation inv;
    if (parser.isSet(help)) {
        inv.help = true;
        return inv;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(shards)) {
        *error = QStringLiteral("k8s-manifests needs --shards N and one profile: plateau-cli "
                                "k8s-manifests --shards 4 profile.json");
        return std::nullopt;
    }
    inv.profilePath = parser.positionalArguments().constFirst();
    K8sManifests::Options& o = inv.options;
    if (!readShards(parser.value(shards), &o.shards, error))
        return std::nullopt;
    if (parser.isSet(image))
        o.image = parser.value(image);
    if (parser.isSet(out))
        inv.outDir = parser.value(out);
    if (parser.isSet(name))
        o.name = parser.value(name);
    if (parser.isSet(storage))
        o.storage = parser.value(storage);
    if (parser.isSet(startAt)) {
        QString why;
        o.startAtMs = ShardJson::parseStartAt(parser.value(startAt), &why);
        if (o.startAtMs < 0) {
            *error = QStringLiteral("--start-at: ") + why;
            return std::nullopt;
        }
    }
    if (parser.isSet(lead)) {
        bool ok = false;
        o.leadS = parser.value(lead).toInt(&ok);
        if (!ok || o.leadS < 5 || o.leadS > K8sManifests::kMaxLeadS) {
            *error = QStringLiteral("--lead must be 5 to %1 seconds").arg(K8sManifests::kMaxLeadS);
            return std::nullopt;
        }
    }
    if (!checkWords(o, error))
        return std::nullopt;
    return inv;
}

int K8sManifestsCommand::exec(const Invocation& inv) {
    QString error;
    std::optional<Profile> profile = ProfileIo::load(inv.profilePath, &error);
    if (!profile) {
        Console::error(error);
        return ExitCode::Usage;
    }
    profile->plan.shard = ShardSettings{}; // each pod's flags say which shard it is
    if (!checkShardable(*profile, inv.options.shards, &error)) {
        Console::error(inv.profilePath + QStringLiteral(": ") + error);
        return ExitCode::Usage;
    }
    const QString text = QString::fromUtf8(
        QJsonDocument(ProfileIo::toJson(*profile)).toJson(QJsonDocument::Indented));
    if (!QDir().mkpath(inv.outDir)) {
        Console::error(QStringLiteral("cannot create the directory %1").arg(inv.outDir));
        return ExitCode::Failure;
    }
    for (const K8sManifests::File& file : K8sManifests::build(*profile, text, inv.options)) {
        const QString path = QDir(inv.outDir).filePath(file.name);
        if (!OutputFile::write(path, file.text, &error)) {
            Console::error(error);
            return ExitCode::Failure;
        }
        if (file.name.endsWith(QLatin1String(".sh")))
            QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner |
                                            QFileDevice::ExeGroup | QFileDevice::ExeOther);
        Console::out(QStringLiteral("Wrote %1\n").arg(path));
    }
    return ExitCode::Ok;
}

int K8sManifestsCommand::main(const QStringList& args) {
    QString error;
    const auto inv = parse(args, &error);
    if (!inv) {
        Console::error(error);
        return ExitCode::Usage;
    }
    if (inv->help) {
        Console::out(helpText());
        return ExitCode::Ok;
    }
    return exec(*inv);
}

QString K8sManifestsCommand::helpText() {
    return QString::fromUtf8(
        R"TXT(Usage: plateau-cli k8s-manifests --shards N PROFILE.json [options]

Writes the Kubernetes objects that run PROFILE as N shards (an Indexed Job, one pod per
shard, all changing level together on a wall-clock schedule) and merge them into one
result, plus apply.sh (apply, wait, merge, copy merged.json back) and README.txt. The
profile's levels must be duration-bound. The API key is never written: the shards read
it from a Secret (README.txt has the one command). See docs/SHARDING.md.

Options:
  --shards N             how many shards (1-256)
  --image IMG            the plateau-cli image (default localhost/plateau-cli:latest)
  -o, --out DIR          where to write the files (default plateau-k8s)
  --name NAME            prefix of every object's name (default plateau)
  --start-at TIME        a fixed start (ISO 8601 UTC or unix seconds); default: apply.sh
                         sets it to the time of apply + --lead
  --lead S               seconds from apply to the first level (5-3600, default 60)
  --storage SIZE         the results volume (default 1Gi)
  -h, --help             this text
)TXT");
}
