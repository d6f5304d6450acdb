// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"
#include "models/subjectcatalog.h"

#include <QMetaType>
#include <QStringList>

#include <memory>

namespace clr::ui {

/**
 * The immutable result of one load: the permission graph, its subject catalog, and where it came
 * from. Shared (std::shared_ptr<const Session>) by every model and page; replaced as a whole when
 * something else is opened, never edited.
 */
struct Session
{
    std::shared_ptr<const PermissionGraph> graph;
    std::unique_ptr<const SubjectCatalog> catalog; // refers to *graph: declared after it, destroyed first
    QStringList paths;
    bool demo = false;
    qint64 loadMilliseconds = 0;

    /** What the window title names: "Contoso demo", a file name, or "a.yaml and 3 more". */
    QString title() const;
    /** One line for the status bar: cluster, counts, Azure RBAC and local accounts, load time. */
    QString summary() const;
    /** Every diagnostic: the loader's (snapshot) then the graph's. */
    Diagnostics diagnostics() const;
};

using SessionPtr = std::shared_ptr<const Session>;

} // namespace clr::ui

Q_DECLARE_METATYPE(clr::ui::SessionPtr)
