// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace clr::cli {

/** The parsed command line shared by every subcommand (kubectl's flag names and meanings). */
struct Options
{
    std::string command;
    std::vector<std::string> positional;
    std::vector<std::string> files;      // -f/--filename, repeatable
    std::string ns = "default";          // -n/--namespace
    bool nsGiven = false;                // -n was given (generate filters by it only then)
    bool allNamespaces = false;          // -A/--all-namespaces
    std::string subresource;             // --subresource
    std::string as;                      // --as
    std::vector<std::string> asGroups;   // --as-group, repeatable
    std::string output = "table";        // -o/--output
    std::string cluster;                 // --cluster
    std::string outDir;                  // --out-dir (export)
    std::string fromAudit;               // generate --from-audit
    std::string user, group, serviceAccount; // generate filters
    std::vector<std::string> allow;      // generate --allow VERB:TYPE[,...]
    std::string what;                    // export --what
    std::string replaceBinding;          // generate --replace-binding [NS/]NAME
    std::string objectName;              // generate --name (base name of generated objects)
    std::vector<std::string> base, head; // diff --base/--head PATH, repeatable (BASE and HEAD as lists)
    std::string failOn;                  // diff --fail-on gained|lost|any
    bool expandVerbs = false;            // generate --expand-verbs (audit2rbac's verb expansions)
    // export --what matrix -n NS: the matrix view (generate/matrixview.h)
    std::string view;                    // --view NAME (a view saved in the desktop app)
    std::vector<std::string> columns;    // --columns PRESET|VERB:RESOURCE[,...], repeatable
    std::vector<std::string> kinds;      // --kind KIND[,...], repeatable
    std::vector<std::string> planes;     // --plane PLANE[,...], repeatable
    std::string memberOf;                // --member-of GROUP
    std::string accounts;                // --accounts any|enabled|disabled
    std::string sort;                    // --sort kind|name|allowed|column:VERB:RESOURCE
    bool onlyAllowed = false;            // --only-allowed
    bool allRows = false;                // --all-rows
    bool list = false;                   // --list
    bool quiet = false;                  // -q
    bool strict = false;                 // --strict
    bool verbose = false;                // -v
    bool noHeaders = false;              // --no-headers
    bool demo = false;                   // --demo
    bool help = false;
    bool outputGiven = false;            // -o was given (fetch: the snapshot folder)
    // fetch, and --live on the other commands
    bool live = false;                   // --live: fetch into a temporary snapshot, then answer
    std::string refresh;                 // fetch --refresh DIR
    std::string kubeconfig;              // --kubeconfig
    std::string context;                 // --context
    std::vector<std::string> subscriptions; // --subscription, repeatable
    std::string auth;                    // --auth
    std::string tenant;                  // --tenant
    std::string clientId;                // --client-id
    std::string cloud;                   // --cloud
    std::string loginUrl, graphUrl, armUrl; // --login-url, --graph-url, --arm-url
    std::string caFile;                  // --ca-file
    std::vector<std::string> allowExec;  // --allow-exec, repeatable
    std::string pageSize;                // --page-size (Kubernetes list limit)
    bool noKubernetes = false;           // --no-kubernetes
    bool noGraph = false;                // --no-graph
    bool noArm = false;                  // --no-arm
};

/** Parses args (without the program name). Returns an error message on bad usage. */
std::optional<std::string> parseOptions(const std::vector<std::string> &args, Options &out);

} // namespace clr::cli
