// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/generator.h"
#include "generate/matrixview.h"
#include "graph/matrix.h"
#include "graph/permissiongraph.h"
#include "kubernetes/model.h"

#include <map>
#include <string>
#include <vector>

namespace clr::gen {

// ---------------------------------------------------------------- Kubernetes objects

/** Kubernetes RBAC objects to write, with the display names that comments give their subjects. */
struct KubeObjects
{
    std::vector<k8s::Role> roles;       // Roles and ClusterRoles, any order
    std::vector<k8s::Binding> bindings; // RoleBindings and ClusterRoleBindings, any order
    std::map<std::string, std::string> displayNames; // subject name -> display name ("# Alice Smith")
    std::vector<std::string> header;    // comment lines written before the first object
    bool generated = false;             // bindings get the app.kubernetes.io/managed-by=clearance label
};

KubeObjects objectsOf(const GeneratedPolicy &policy);

/** Display names of the Entra users, service principals and groups that the bindings name. */
std::map<std::string, std::string> displayNamesFor(const PermissionGraph &graph, const std::vector<k8s::Binding> &bindings);

/**
 * One multi-document YAML stream that `kubectl apply -f` takes: ClusterRoles, Roles,
 * ClusterRoleBindings, RoleBindings, each sorted by namespace/name; "---" between documents;
 * subjects with a known display name get a "# display name" comment. Deterministic.
 */
std::string toYaml(const KubeObjects &objects);
/** The same objects as a kubectl JSON List (apiVersion v1, kind List), in the same order. */
std::string toJsonList(const KubeObjects &objects);

struct FolderExport
{
    std::vector<std::string> files; // written, in apply order (empty on failure: nothing was written)
    std::string error;              // non-empty when the folder could not be written
    bool ok() const { return error.empty(); }
};

/**
 * One YAML file per object into the folder `dir`, named "NN-kind-namespace-name.yaml" so that the
 * lexical order `kubectl apply -f DIR` uses is the apply order. All or nothing: the files are
 * written into a temporary sibling folder that is renamed to `dir` once complete. `dir` must not
 * exist or be an empty folder (stale files there would be applied too).
 */
FolderExport writeFolder(const KubeObjects &objects, const std::string &dir);

// ---------------------------------------------------------------- Azure role assignments

/** An Azure role assignment to create (a draft from the UI or an assignment of the snapshot). */
struct AzureAssignmentDraft
{
    std::string principalId;   // object ID
    std::string principalType; // User, Group, ServicePrincipal, ForeignGroup
    std::string displayName;
    std::string roleDefinitionId; // full ID or bare GUID
    std::string roleName;
    std::string scope;
    std::string description;
};

/** A bash script of `az role assignment create` commands, each argument one exact shell word
 *  (safe::shellWord), each with a comment; an assignment whose values hold a NUL byte, which no
 *  argument can carry, is left out with a comment saying so. */
std::string toAzScript(const std::vector<AzureAssignmentDraft> &drafts);
/** An ARM deployment template of Microsoft.Authorization/roleAssignments resources (idempotent
 *  guid() names); every value from the input is literal (safe::armString). */
std::string toArmTemplate(const std::vector<AzureAssignmentDraft> &drafts);

// ---------------------------------------------------------------- matrices

/** A matrix snapshot ready to print: row labels, columns and cells. */
struct MatrixTable
{
    std::string title;
    std::vector<std::string> rowHeaderTitles;       // e.g. {"namespace"} or {"identity", "display name"}
    std::vector<std::vector<std::string>> rowHeaders; // one entry per row, as many as rowHeaderTitles
    std::vector<MatrixColumn> columns;
    std::vector<std::vector<MatrixCell>> cells;     // [row][column]
    std::vector<std::string> notes;
};

/** Computes every cell of a principal's matrix (rows: namespaces, "" shown as "(cluster)"). */
MatrixTable tableOf(const PrincipalMatrix &matrix, const std::string &title);

/**
 * The table of an applied view: its rows in order (identity, display name, kind), its columns, every
 * cell computed forward with check()'s evaluator (NamespaceMatrix), and a note saying what the view left out.
 * The window's export and `clearance export --what matrix -n NS` both write this.
 */
MatrixTable tableOfView(const MatrixRowSet &rows, const std::vector<MatrixColumn> &columns, const std::string &ns,
                        const MatrixView &view, const ViewResult &result);
/** Drops the rows that allow no column (namespaces of a principal's matrix with --only-allowed), with a note. */
void dropRowsWithoutAllowed(MatrixTable &table);
/** One sentence per filter of the view ("Columns: write access, secrets.", "Only identities with access..."). */
std::vector<std::string> describeView(const MatrixView &view, const PermissionGraph &graph);

/** "yes", "no", "some names", "conditional"; allowed cells add their planes: "yes (kubernetes+azure)". */
std::string cellText(const MatrixCell &cell);

/** RFC 4180 CSV; a field starting with = + - @ is prefixed with ' so spreadsheets do not run it. */
std::string toCsv(const MatrixTable &table);
/** A self-contained HTML page (inline CSS, no script, no external resource), every text escaped. */
std::string toHtml(const MatrixTable &table);

} // namespace clr::gen
