// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "remote/expected.h"
#include "remote/snapshotwriter.h"

#include <QByteArray>
#include <QStringList>

#include <string>
#include <unordered_map>
#include <vector>

namespace clr::remote::detail {

/**
 * The groups of a snapshot with their direct members, updated by an incremental groups/delta
 * round: a group marked @removed goes, changed properties replace the old ones, members@delta
 * entries add members or (with @removed) take them away. Written back as delta-shaped pages that
 * the loaders read like the original ones.
 */
class GroupDeltaMerge final
{
public:
    /** Reads groups/delta pages written by an earlier fetch. */
    std::optional<Error> loadBase(const QStringList &files);
    /** Applies one page of changes. */
    std::optional<Error> apply(const QByteArray &page, const QString &what);
    std::optional<Error> write(SnapshotWriter &writer, const QString &prefix, int perPage = 2000) const;

    qint64 groups() const { return qint64(m_order.size()); }
    qint64 memberships() const;

private:
    struct Member
    {
        std::string type; // @odata.type
        std::string id;
    };
    struct Group
    {
        std::string properties; // a JSON object without members@delta
        std::vector<Member> members;
        bool removed = false;
    };
    Group &group(const std::string &id);
    std::optional<Error> applyEntries(const QByteArray &page, const QString &what, bool base);

    std::vector<std::string> m_order;
    std::unordered_map<std::string, Group> m_groups;
    std::string m_context;
};

} // namespace clr::remote::detail
