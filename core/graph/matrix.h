// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/permissiongraph.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace clr {

/** A matrix column: one verb on one resource. */
struct MatrixColumn
{
    std::string group;
    std::string resource;
    std::string subresource;
    std::string verb;
    bool namespaced = true;
    bool custom = false;
    /** The request this column asks in namespace `ns` (cluster-scoped columns ignore ns). */
    k8s::Request request(const std::string &ns) const;
    /** "deployments.apps" or "pods/exec". */
    std::string resourceLabel() const;
};

/** The verbs of the default columns, in display order. */
const std::vector<std::string> &matrixVerbs();

struct MatrixCell
{
    enum class State : std::uint8_t { Denied, Allowed, SomeNames, Conditional };
    State state = State::Denied;
    Planes planes = 0;
};

/** The default columns: the common resources × get/list/watch/create/update/patch/delete. */
std::vector<MatrixColumn> defaultMatrixColumns(const PermissionGraph &graph);

/**
 * One identity's access: rows are namespaces ("" = cluster scope first), columns resource × verb
 * (the rakkess view). Rows are computed on first access and cached; cell() is cheap afterwards.
 * Not thread-safe: use one instance per thread.
 */
class PrincipalMatrix final
{
public:
    PrincipalMatrix(const PermissionGraph &graph, Identity who, std::vector<MatrixColumn> columns,
                    std::vector<std::string> rows /* namespaces; "" = cluster scope */);
    ~PrincipalMatrix();
    int rowCount() const;
    int columnCount() const;
    const std::string &rowNamespace(int row) const;
    const MatrixColumn &column(int col) const;
    MatrixCell cell(int row, int col) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/**
 * One namespace's access: rows are identities, columns resource × verb. Lazy per row.
 */
class NamespaceMatrix final
{
public:
    NamespaceMatrix(const PermissionGraph &graph, std::string ns, std::vector<Identity> rows, std::vector<MatrixColumn> columns);
    ~NamespaceMatrix();
    int rowCount() const;
    int columnCount() const;
    const Identity &rowIdentity(int row) const;
    const MatrixColumn &column(int col) const;
    MatrixCell cell(int row, int col) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace clr
