// SPDX-License-Identifier: GPL-3.0-or-later
#include "remote/manifest.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace clr::remote {

namespace {

const QString kApiVersion = QStringLiteral("clearance.io/v1alpha1");
const QString kKind = QStringLiteral("Snapshot");

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    for (const auto &v : value.toArray())
        out << v.toString();
    return out;
}

QJsonObject toObject(const QMap<QString, QString> &map)
{
    QJsonObject out;
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QMap<QString, QString> toMap(const QJsonValue &value)
{
    QMap<QString, QString> out;
    const QJsonObject obj = value.toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

} // namespace

qint64 SnapshotManifest::objects(const QString &source) const
{
    qint64 n = 0;
    for (const auto &l : lists) {
        if (l.source == source)
            n += l.objects;
    }
    return n;
}

QByteArray SnapshotManifest::toJson() const
{
    QJsonObject kube{{QStringLiteral("fetched"), kubernetes},
                     {QStringLiteral("kubeconfig"), kubeconfig},
                     {QStringLiteral("kubeconfigFiles"), toArray(kubeconfigFiles)},
                     {QStringLiteral("context"), context},
                     {QStringLiteral("cluster"), kubeCluster},
                     {QStringLiteral("user"), kubeUser},
                     {QStringLiteral("server"), server},
                     {QStringLiteral("insecureSkipTlsVerify"), insecure},
                     {QStringLiteral("groupVersions"), toArray(groupVersions)}};
    QJsonObject azure{{QStringLiteral("graph"), graph},
                      {QStringLiteral("arm"), arm},
                      {QStringLiteral("cloud"), cloud},
                      {QStringLiteral("loginUrl"), loginUrl},
                      {QStringLiteral("graphUrl"), graphUrl},
                      {QStringLiteral("armUrl"), armUrl},
                      {QStringLiteral("auth"), auth},
                      {QStringLiteral("tenantId"), tenantId},
                      {QStringLiteral("clientId"), clientId},
                      {QStringLiteral("subscriptions"), toArray(subscriptions)},
                      {QStringLiteral("subscriptionNames"), toObject(subscriptionNames)},
                      {QStringLiteral("cluster"), clusterArg},
                      {QStringLiteral("clusterIds"), toArray(clusterIds)}};
    QJsonArray read;
    for (const auto &l : lists) {
        read.append(QJsonObject{{QStringLiteral("source"), l.source},
                                {QStringLiteral("name"), l.name},
                                {QStringLiteral("pages"), l.pages},
                                {QStringLiteral("objects"), double(l.objects)}});
    }
    QJsonObject counts;
    for (const QString &source : {QStringLiteral("kubernetes"), QStringLiteral("graph"), QStringLiteral("arm")})
        counts.insert(source, double(objects(source)));
    QJsonObject root{{QStringLiteral("apiVersion"), kApiVersion},
                     {QStringLiteral("kind"), kKind},
                     {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("snapshot")}}},
                     {QStringLiteral("fetchedAt"), fetchedAt.toUTC().toString(Qt::ISODate)},
                     {QStringLiteral("clearanceVersion"), clearanceVersion},
                     {QStringLiteral("kubernetes"), kube},
                     {QStringLiteral("azure"), azure},
                     {QStringLiteral("read"), read},
                     {QStringLiteral("counts"), counts},
                     {QStringLiteral("files"), toArray(files)},
                     {QStringLiteral("warnings"), toArray(warnings)},
                     {QStringLiteral("deltaLinks"), toObject(deltaLinks)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Expected<SnapshotManifest> SnapshotManifest::fromJson(const QByteArray &json, const QString &file)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return Error{QStringLiteral("%1: not valid JSON at byte %2: %3").arg(file).arg(error.offset).arg(error.errorString())};
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("kind")).toString() != kKind || root.value(QStringLiteral("apiVersion")).toString() != kApiVersion)
        return Error{QStringLiteral("%1: not a Clearance snapshot manifest (kind Snapshot, apiVersion %2)").arg(file, kApiVersion)};
    SnapshotManifest m;
    m.fetchedAt = QDateTime::fromString(root.value(QStringLiteral("fetchedAt")).toString(), Qt::ISODate);
    m.clearanceVersion = root.value(QStringLiteral("clearanceVersion")).toString();
    const QJsonObject kube = root.value(QStringLiteral("kubernetes")).toObject();
    m.kubernetes = kube.value(QStringLiteral("fetched")).toBool();
    m.kubeconfig = kube.value(QStringLiteral("kubeconfig")).toString();
    m.kubeconfigFiles = toList(kube.value(QStringLiteral("kubeconfigFiles")));
    m.context = kube.value(QStringLiteral("context")).toString();
    m.kubeCluster = kube.value(QStringLiteral("cluster")).toString();
    m.kubeUser = kube.value(QStringLiteral("user")).toString();
    m.server = kube.value(QStringLiteral("server")).toString();
    m.insecure = kube.value(QStringLiteral("insecureSkipTlsVerify")).toBool();
    m.groupVersions = toList(kube.value(QStringLiteral("groupVersions")));
    const QJsonObject azure = root.value(QStringLiteral("azure")).toObject();
    m.graph = azure.value(QStringLiteral("graph")).toBool();
    m.arm = azure.value(QStringLiteral("arm")).toBool();
    m.cloud = azure.value(QStringLiteral("cloud")).toString();
    m.loginUrl = azure.value(QStringLiteral("loginUrl")).toString();
    m.graphUrl = azure.value(QStringLiteral("graphUrl")).toString();
    m.armUrl = azure.value(QStringLiteral("armUrl")).toString();
    m.auth = azure.value(QStringLiteral("auth")).toString();
    m.tenantId = azure.value(QStringLiteral("tenantId")).toString();
    m.clientId = azure.value(QStringLiteral("clientId")).toString();
    m.subscriptions = toList(azure.value(QStringLiteral("subscriptions")));
    m.subscriptionNames = toMap(azure.value(QStringLiteral("subscriptionNames")));
    m.clusterArg = azure.value(QStringLiteral("cluster")).toString();
    m.clusterIds = toList(azure.value(QStringLiteral("clusterIds")));
    for (const auto &v : root.value(QStringLiteral("read")).toArray()) {
        const QJsonObject o = v.toObject();
        m.lists << ManifestList{o.value(QStringLiteral("source")).toString(), o.value(QStringLiteral("name")).toString(),
                                o.value(QStringLiteral("pages")).toInt(), qint64(o.value(QStringLiteral("objects")).toDouble())};
    }
    m.files = toList(root.value(QStringLiteral("files")));
    m.warnings = toList(root.value(QStringLiteral("warnings")));
    m.deltaLinks = toMap(root.value(QStringLiteral("deltaLinks")));
    return m;
}

Expected<SnapshotManifest> SnapshotManifest::read(const QString &snapshotDir)
{
    const QString path = QDir(snapshotDir).filePath(QLatin1String(fileName));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: %2; is %3 a snapshot written by clearance fetch?").arg(path, file.errorString(), snapshotDir)};
    return fromJson(file.readAll(), path);
}

} // namespace clr::remote
