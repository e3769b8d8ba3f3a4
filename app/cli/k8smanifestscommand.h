#pragma once

#include "cli/k8smanifests.h"

#include <QString>
#include <QStringList>
#include <optional>

// `plateau-cli k8s-manifests --shards N PROFILE.json [--image IMG] [--out DIR] [--name NAME]
// [--start-at TIME] [--lead S] [--storage SIZE]` (issue 15): writes K8sManifests' files.
class K8sManifestsCommand {
public:
    struct Invocation {
        QString profilePath;
        QString outDir = QStringLiteral("plateau-k8s");
        K8sManifests::Options options;
        bool help = false;
    };
    static std::optional<Invocation> parse(const QStringList& args, QString* error);
    static int exec(const Invocation& inv);
    static int main(const QStringList& args);
    static QString helpText();
};
