// SPDX-License-Identifier: GPL-3.0-or-later
// Loads a clearance-gen-tenant folder into FakeCloud, turning az CLI shapes into ARM's.
#include "fakecloud.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <yaml-cpp/yaml.h>

namespace clr::fakes {

namespace {

QJsonValue fromYaml(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject o;
        for (const auto &kv : node)
            o.insert(QString::fromStdString(kv.first.Scalar()), fromYaml(kv.second));
        return o;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray a;
        for (const auto &item : node)
            a.append(fromYaml(item));
        return a;
    }
    case YAML::NodeType::Scalar: {
        const QString s = QString::fromStdString(node.Scalar());
        if (node.Tag() == "!")
            return s; // quoted
        if (s == QLatin1String("true") || s == QLatin1String("false"))
            return s == QLatin1String("true");
        bool ok = false;
        const qlonglong n = s.toLongLong(&ok);
        return ok ? QJsonValue(double(n)) : QJsonValue(s);
    }
    default:
        return QJsonValue();
    }
}

QString resourceOfKind(const QString &kind)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("ClusterRole"), QStringLiteral("clusterroles")},
        {QStringLiteral("ClusterRoleBinding"), QStringLiteral("clusterrolebindings")},
        {QStringLiteral("Role"), QStringLiteral("roles")},
        {QStringLiteral("RoleBinding"), QStringLiteral("rolebindings")},
        {QStringLiteral("Namespace"), QStringLiteral("namespaces")},
        {QStringLiteral("ServiceAccount"), QStringLiteral("serviceaccounts")},
        {QStringLiteral("CustomResourceDefinition"), QStringLiteral("customresourcedefinitions")},
    };
    return map.value(kind);
}

QString segmentAfter(const QString &id, const QString &name)
{
    const QStringList parts = id.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (int i = 0; i + 1 < parts.size(); ++i) {
        if (parts[i].compare(name, Qt::CaseInsensitive) == 0)
            return parts[i + 1];
    }
    return {};
}

QJsonDocument readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()) : QJsonDocument();
}

QJsonObject assignmentAsArm(const QJsonObject &az)
{
    QJsonObject props;
    for (const char *key : {"principalId", "principalType", "roleDefinitionId", "scope", "condition", "conditionVersion", "description",
                            "createdOn", "createdBy", "delegatedManagedIdentityResourceId"}) {
        if (az.contains(QLatin1String(key)))
            props.insert(QLatin1String(key), az.value(QLatin1String(key)));
    }
    return QJsonObject{{QStringLiteral("id"), az.value(QStringLiteral("id"))},
                       {QStringLiteral("name"), az.value(QStringLiteral("name"))},
                       {QStringLiteral("type"), QStringLiteral("Microsoft.Authorization/roleAssignments")},
                       {QStringLiteral("properties"), props}};
}

QJsonObject clusterAsArm(const QJsonObject &az)
{
    static const QStringList topLevel = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("location"),
                                         QStringLiteral("identity"), QStringLiteral("sku"), QStringLiteral("tags"), QStringLiteral("kind")};
    QJsonObject arm{{QStringLiteral("type"), QStringLiteral("Microsoft.ContainerService/ManagedClusters")}};
    QJsonObject props;
    for (auto it = az.begin(); it != az.end(); ++it) {
        if (topLevel.contains(it.key()))
            arm.insert(it.key(), it.value());
        else if (it.key() != QLatin1String("resourceGroup") && it.key() != QLatin1String("type"))
            props.insert(it.key(), it.value());
    }
    arm.insert(QStringLiteral("properties"), props);
    return arm;
}

} // namespace

QJsonArray builtinRoleDefinitionsAsArm(const QString &sourceDir)
{
    QJsonArray out;
    for (const auto &v : readJson(sourceDir + QStringLiteral("/resources/azure/builtin-roles.json")).array()) {
        const QJsonObject az = v.toObject();
        out.append(QJsonObject{{QStringLiteral("id"), az.value(QStringLiteral("id"))},
                               {QStringLiteral("name"), az.value(QStringLiteral("name"))},
                               {QStringLiteral("type"), QStringLiteral("Microsoft.Authorization/roleDefinitions")},
                               {QStringLiteral("properties"), QJsonObject{{QStringLiteral("roleName"), az.value(QStringLiteral("roleName"))},
                                                                          {QStringLiteral("description"), az.value(QStringLiteral("description"))},
                                                                          {QStringLiteral("type"), az.value(QStringLiteral("roleType"))},
                                                                          {QStringLiteral("permissions"), az.value(QStringLiteral("permissions"))},
                                                                          {QStringLiteral("assignableScopes"), az.value(QStringLiteral("assignableScopes"))}}}});
    }
    return out;
}

bool loadGeneratedTenant(FakeCloud &cloud, const QString &dir, QString *error)
{
    const QDir d(dir);
    // Kubernetes: a JSON List and a YAML List.
    auto addItems = [&](const QJsonArray &items) {
        for (const auto &item : items) {
            const QJsonObject o = item.toObject();
            if (const QString resource = resourceOfKind(o.value(QStringLiteral("kind")).toString()); !resource.isEmpty())
                cloud.addKube(resource, o);
        }
    };
    addItems(readJson(d.filePath(QStringLiteral("k8s-rbac.json"))).object().value(QStringLiteral("items")).toArray());
    try {
        const YAML::Node root = YAML::LoadFile(d.filePath(QStringLiteral("k8s-system-rbac.yaml")).toStdString());
        addItems(fromYaml(root).toObject().value(QStringLiteral("items")).toArray());
    } catch (const YAML::Exception &e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    // Graph.
    QHash<QString, int> groupIndex;
    for (const QString &file : d.entryList({QStringLiteral("graph-*.json")}, QDir::Files, QDir::Name)) {
        const QJsonArray value = readJson(d.filePath(file)).object().value(QStringLiteral("value")).toArray();
        for (const auto &v : value) {
            QJsonObject o = v.toObject();
            if (file.startsWith(QLatin1String("graph-users-"))) {
                cloud.users.append(o);
            } else if (file.startsWith(QLatin1String("graph-serviceprincipals-"))) {
                cloud.servicePrincipals.append(o);
            } else if (file.startsWith(QLatin1String("graph-groups-delta-"))) {
                const QString id = o.value(QStringLiteral("id")).toString();
                const QJsonArray members = o.take(QStringLiteral("members@delta")).toArray();
                if (!groupIndex.contains(id)) {
                    groupIndex.insert(id, int(cloud.groups.size()));
                    cloud.groups << FakeCloud::Group{o, {}};
                }
                auto &g = cloud.groups[groupIndex[id]];
                for (const auto &m : members) {
                    const QJsonObject mo = m.toObject();
                    g.members << FakeCloud::Member{mo.value(QStringLiteral("@odata.type")).toString(), mo.value(QStringLiteral("id")).toString()};
                }
            }
        }
    }
    // ARM: the cluster and the assignments, per subscription.
    const QJsonObject aks = readJson(d.filePath(QStringLiteral("aks-show.json"))).object();
    const QString clusterSub = segmentAfter(aks.value(QStringLiteral("id")).toString(), QStringLiteral("subscriptions"));
    if (clusterSub.isEmpty()) {
        *error = QStringLiteral("aks-show.json has no subscription in its id");
        return false;
    }
    cloud.tenantId = aks.value(QStringLiteral("aadProfile")).toObject().value(QStringLiteral("tenantId")).toString();
    QHash<QString, int> subIndex;
    auto subscription = [&](const QString &id) -> FakeCloud::SubscriptionData & {
        if (!subIndex.contains(id.toLower())) {
            subIndex.insert(id.toLower(), int(cloud.subscriptions.size()));
            cloud.subscriptions << FakeCloud::SubscriptionData{
                QJsonObject{{QStringLiteral("id"), QStringLiteral("/subscriptions/") + id},
                            {QStringLiteral("subscriptionId"), id},
                            {QStringLiteral("displayName"), QStringLiteral("Subscription ") + id.left(8)},
                            {QStringLiteral("state"), QStringLiteral("Enabled")},
                            {QStringLiteral("tenantId"), cloud.tenantId}},
                {}, {}, {}};
        }
        return cloud.subscriptions[subIndex[id.toLower()]];
    };
    subscription(clusterSub).clusters.append(clusterAsArm(aks));
    QJsonArray inherited;
    for (const auto &v : readJson(d.filePath(QStringLiteral("az-role-assignments.json"))).array()) {
        const QJsonObject az = v.toObject();
        const QString sub = segmentAfter(az.value(QStringLiteral("scope")).toString(), QStringLiteral("subscriptions"));
        if (sub.isEmpty())
            inherited.append(assignmentAsArm(az)); // management group or root: every subscription lists it
        else
            subscription(sub).assignments.append(assignmentAsArm(az));
    }
    for (auto &s : cloud.subscriptions) {
        for (const auto &a : inherited)
            s.assignments.append(a);
    }
    return true;
}

} // namespace clr::fakes
