// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/objectref.h"
#include "models/subjectref.h"
#include "session.h"

#include <QString>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace clr::ui {

/** One box of the graph tab. */
struct GraphNode
{
    enum class Kind : std::uint8_t { Principal, Group, Binding, Assignment, Role, Scope, More };
    Kind kind = Kind::Principal;
    QString label;
    QString detail;
    ObjectRef ref;                           // the object to follow (null for scopes and "more")
    std::optional<SubjectRef> subject;       // principals and groups
    bool cluster = false;                    // ClusterRole / ClusterRoleBinding / cluster-wide scope
    bool warning = false;                    // dangling binding, unresolved assignee...
    int layer = 0;                           // column, left to right
};

struct GraphEdge
{
    int from = 0;
    int to = 0;
    QString label;
};

/**
 * The neighbourhood of one principal (principal → groups → bindings/assignments → roles → scopes)
 * or of one role, binding, role definition or assignment (subjects → bindings → role → scopes), as
 * plain data: the graph tab lays it out, tests compare it as text. Layers hold at most
 * kMaxPerLayer nodes; the rest are summarised in one "N more" node.
 */
struct Neighbourhood
{
    static constexpr int kMaxPerLayer = 40;
    QString title;
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;

    static Neighbourhood ofSubject(const Session &session, SubjectRef subject);
    /** Empty (no nodes) when `ref` is no RBAC object of the session. */
    static Neighbourhood ofObject(const Session &session, const ObjectRef &ref);
    /** "layer kind label" lines and "from -> to" lines, for tests. */
    QString dump() const;
};

} // namespace clr::ui
