// SPDX-License-Identifier: GPL-3.0-or-later
#include "groupdelta_p.h"

#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace clr::remote::detail {

using nlohmann::json;

GroupDeltaMerge::Group &GroupDeltaMerge::group(const std::string &id)
{
    auto [it, inserted] = m_groups.try_emplace(id);
    if (inserted || it->second.removed) {
        if (inserted)
            m_order.push_back(id);
        it->second = Group{"{}", {}, false};
    }
    return it->second;
}

std::optional<Error> GroupDeltaMerge::loadBase(const QStringList &files)
{
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("cannot read %1 of the snapshot being refreshed: %2").arg(path, file.errorString())};
        if (auto error = applyEntries(file.readAll(), path, true))
            return error;
    }
    return std::nullopt;
}

std::optional<Error> GroupDeltaMerge::apply(const QByteArray &page, const QString &what)
{
    return applyEntries(page, what, false);
}

std::optional<Error> GroupDeltaMerge::applyEntries(const QByteArray &page, const QString &what, bool base)
{
    json doc = json::parse(page.constData(), page.constData() + page.size(), nullptr, false);
    if (!doc.is_object() || !doc.contains("value") || !doc["value"].is_array())
        return Error{QStringLiteral("%1 is not a page of groups").arg(what)};
    if (m_context.empty() && doc.contains("@odata.context") && doc["@odata.context"].is_string())
        m_context = doc["@odata.context"].get<std::string>();
    for (json &entry : doc["value"]) {
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string())
            continue;
        const std::string id = entry["id"].get<std::string>();
        if (entry.contains("@removed")) {
            if (auto it = m_groups.find(id); it != m_groups.end())
                it->second.removed = true;
            continue;
        }
        Group &g = group(id);
        json members = entry.contains("members@delta") ? std::move(entry["members@delta"]) : json::array();
        entry.erase("members@delta");
        json properties = json::parse(g.properties, nullptr, false);
        for (auto &[key, value] : entry.items()) // an incremental entry carries the changed properties
            properties[key] = std::move(value);
        g.properties = properties.dump();
        if (!members.is_array())
            continue;
        for (const json &m : members) {
            if (!m.is_object() || !m.contains("id") || !m["id"].is_string())
                continue;
            const std::string memberId = m["id"].get<std::string>();
            auto existing = std::find_if(g.members.begin(), g.members.end(), [&](const Member &x) { return x.id == memberId; });
            if (m.contains("@removed")) {
                if (existing != g.members.end() && !base)
                    g.members.erase(existing);
                continue;
            }
            if (existing == g.members.end()) {
                const std::string type = m.contains("@odata.type") && m["@odata.type"].is_string() ? m["@odata.type"].get<std::string>() : std::string();
                g.members.push_back({type, memberId});
            }
        }
    }
    return std::nullopt;
}

qint64 GroupDeltaMerge::memberships() const
{
    qint64 n = 0;
    for (const auto &[id, g] : m_groups) {
        if (!g.removed)
            n += qint64(g.members.size());
    }
    return n;
}

std::optional<Error> GroupDeltaMerge::write(SnapshotWriter &writer, const QString &prefix, int perPage) const
{
    int page = 0;
    std::size_t i = 0;
    const std::string context = m_context.empty() ? "https://graph.microsoft.com/v1.0/$metadata#groups" : m_context;
    do {
        json doc = {{"@odata.context", context}, {"value", json::array()}};
        int n = 0;
        for (; i < m_order.size() && n < perPage; ++i) {
            const Group &g = m_groups.at(m_order[i]);
            if (g.removed)
                continue;
            json entry = json::parse(g.properties, nullptr, false);
            json members = json::array();
            for (const Member &m : g.members) {
                json ref = {{"id", m.id}};
                if (!m.type.empty())
                    ref["@odata.type"] = m.type;
                members.push_back(std::move(ref));
            }
            entry["members@delta"] = std::move(members);
            doc["value"].push_back(std::move(entry));
            ++n;
        }
        const QString file = QStringLiteral("%1-%2.json").arg(prefix).arg(++page, 4, 10, QLatin1Char('0'));
        if (auto error = writer.write(file, QByteArray::fromStdString(doc.dump())))
            return error;
    } while (i < m_order.size());
    return std::nullopt;
}

} // namespace clr::remote::detail
