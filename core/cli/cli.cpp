// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "cli/commands.h"
#include "cli/options.h"
#include "common/outputsafety.h"
#include "fetch_p.h"

#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <streambuf>

namespace clr::cli {

namespace {

const char *const kCommands[] = {"can-i", "who-can", "explain", "generate", "export", "diff", "fetch"};

/**
 * Standard error as the user's terminal or log gets it: each line passes through safe::line()
 * when complete, so a name in a diagnostic can neither send escape sequences nor forge a line.
 * Writers still escape data they insert (safe::line) so that a line break inside a name stays
 * inside its line; this catches whatever a message forgot.
 */
class SafeLineBuf final : public std::streambuf
{
public:
    explicit SafeLineBuf(std::ostream &target)
        : m_target(target)
    {
    }
    ~SafeLineBuf() override { sync(); }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        if (traits_type::to_char_type(c) == '\n') {
            m_target << safe::line(m_line) << '\n';
            m_line.clear();
        } else {
            m_line += traits_type::to_char_type(c);
        }
        return c;
    }
    int sync() override
    {
        if (!m_line.empty())
            m_target << safe::line(m_line);
        m_line.clear();
        m_target.flush();
        return m_target ? 0 : -1;
    }

private:
    std::ostream &m_target;
    std::string m_line;
};

/**
 * Standard output, watched: the first failing write records errno at once (later calls overwrite
 * it), so that a full disk is reported with its reason and the exit code says the output is lost.
 */
class CheckedBuf final : public std::streambuf
{
public:
    explicit CheckedBuf(std::streambuf *target)
        : m_target(target)
    {
    }
    bool failed() const { return m_failed; }
    int error() const { return m_error; }

protected:
    int_type overflow(int_type c) override
    {
        if (traits_type::eq_int_type(c, traits_type::eof()))
            return traits_type::not_eof(c);
        errno = 0;
        if (traits_type::eq_int_type(m_target->sputc(traits_type::to_char_type(c)), traits_type::eof()))
            return fail(), traits_type::eof();
        return c;
    }
    std::streamsize xsputn(const char *s, std::streamsize n) override
    {
        errno = 0;
        const std::streamsize written = m_target->sputn(s, n);
        if (written != n)
            fail();
        return written;
    }
    int sync() override
    {
        errno = 0;
        if (m_target->pubsync() == -1)
            return fail(), -1;
        return 0;
    }

private:
    void fail()
    {
        if (!m_failed)
            m_error = errno;
        m_failed = true;
    }

    std::streambuf *m_target;
    bool m_failed = false;
    int m_error = 0;
};

int dispatch(const Options &opts, std::ostream &out, std::ostream &err)
{
    if (opts.command == "can-i")
        return runCanI(opts, out, err);
    if (opts.command == "who-can")
        return runWhoCan(opts, out, err);
    if (opts.command == "explain")
        return runExplain(opts, out, err);
    if (opts.command == "generate")
        return runGenerate(opts, out, err);
    if (opts.command == "export")
        return runExport(opts, out, err);
    if (opts.command == "diff")
        return runDiff(opts, out, err);
    err << "clearance: unknown command '" << opts.command << "'\nSee 'clearance --help'.\n";
    return 2;
}

/** The exit code once the output is flushed: a full disk is an error, not success. */
int checkedExit(int code, std::ostream &out, const CheckedBuf &buf, std::ostream &err)
{
    out.flush();
    if (!buf.failed() && out)
        return code;
    err << "clearance: error writing the output" << (buf.error() ? std::string(": ") + std::strerror(buf.error()) : std::string()) << '\n';
    return kOutputError;
}

/** --live: fetch into a temporary snapshot first, then answer from it as from -f. */
int runLive(Options opts, std::ostream &out, std::ostream &err, const RemoteWiring &remote)
{
    if (opts.command == "diff") {
        err << "clearance: diff compares two snapshots on disk; fetch each with 'clearance fetch -o DIR' (--live does not apply)\n";
        return 2;
    }
    if (!opts.files.empty() || opts.demo) {
        err << "clearance: --live fetches the data itself; it takes no -f or --demo\n";
        return 2;
    }
    QTemporaryDir temp;
    if (!temp.isValid()) {
        err << "clearance: cannot create a temporary folder for --live: " << temp.errorString().toStdString() << '\n';
        return 2;
    }
    const std::string dir = temp.filePath(QStringLiteral("snapshot")).toStdString();
    if (const int code = fetchInto(opts, dir, err, remote); code != 0)
        return code;
    opts.files = {dir};
    // --cluster RG/NAME chose what to fetch; the graph knows the cluster by its name.
    if (const auto slash = opts.cluster.find('/'); slash != std::string::npos)
        opts.cluster = opts.cluster.substr(slash + 1);
    return dispatch(opts, out, err);
}

} // namespace

bool isCommandLine(const std::vector<std::string> &args)
{
    if (args.empty())
        return false;
    const std::string &first = args[0];
    if (first == "--help" || first == "-h" || first == "--version" || first == "help")
        return true;
    for (const char *c : kCommands) {
        if (first == c)
            return true;
    }
    // A bare word that is no file or folder is a mistyped command, not a path for the window to open.
    // error_code: a name longer than NAME_MAX (or otherwise unusable) is simply not an existing path.
    std::error_code ec;
    return first[0] != '-' && first.find_first_of("/.") == std::string::npos && !std::filesystem::exists(first, ec);
}

std::string helpText()
{
    return R"(Clearance: who can do what on an AKS cluster, why, and what to grant instead.

It joins Kubernetes RBAC, Microsoft Entra ID groups and Azure RBAC role assignments
from exported files (kubectl, az, Microsoft Graph) into one permission graph and
answers with the semantics of the Kubernetes authorizer and of AKS's Azure RBAC webhook.

Usage:
  clearance [PATH...]                 open the desktop window (the Contoso demo without PATH)
  clearance can-i VERB TYPE[/NAME] | NONRESOURCEURL [NAME] [flags] -f PATH...
  clearance can-i --list [-n NS] --as WHO -f PATH...
  clearance who-can VERB TYPE[/NAME] | NONRESOURCEURL [-n NS | -A] [-o table|json] -f PATH...
  clearance explain --as WHO VERB TYPE[/NAME] | NONRESOURCEURL [-n NS] -f PATH...
  clearance generate --from-audit FILE (--user U | --group G | --serviceaccount NS:NAME) [-n NS[,NS]]
                     [-o yaml|json] [--out-dir DIR] [--expand-verbs] [-f PATH...]
  clearance generate --as WHO -n NS[,NS] --allow VERB:TYPE[,VERB:TYPE...] [-f PATH... | --demo]
  clearance generate --from-audit FILE --replace-binding [NS/]NAME -f PATH...
  clearance export --what matrix (--as WHO | -n NS [VIEW FLAGS]) [-o csv|html] [--out-dir DIR] -f PATH...
  clearance export --what yaml [-n NS] [--as WHO] [-o yaml|json] [--out-dir DIR] -f PATH...
  clearance export --what azure [--as WHO] [-o sh|arm] [--out-dir DIR] -f PATH...
  clearance diff BASE HEAD [-f PATH...] [-n NS] [--as WHO] [-o table|json|html] [--fail-on gained|lost|any]
  clearance diff --base PATH... --head PATH... [-f PATH...] [flags as above]
  clearance fetch [--kubeconfig F] [--context C] [--subscription ID]... [--cluster RG/NAME]
                  [--auth azure-cli|environment|managed-identity|device-code] -o DIR
  clearance fetch --refresh DIR
  clearance COMMAND ... --live [fetch flags]   fetch, then answer (instead of -f)

Commands:
  can-i      Answer yes (exit 0) or no (exit 1), like "kubectl auth can-i", offline.
  who-can    List every Kubernetes subject, and every Entra user and service principal,
             that is allowed; with the binding, role and rule (or Azure assignment) of each.
  explain    Show every path that grants a request (principal -> group chain -> binding
             or assignment -> role -> rule), labelled with its plane; for a "no", the
             nearest misses.
  generate   Write least-privilege Roles/ClusterRoles and bindings (no wildcards) for one
             subject: from a Kubernetes audit log (audit.k8s.io Events as JSON lines, a JSON
             array or an EventList), or from --allow. One namespace gives a Role; access needed
             in several namespaces a ClusterRole bound there by RoleBindings; cluster-scoped
             resources and non-resource URLs a ClusterRole with a ClusterRoleBinding. The result
             is checked with the same authorizer; stderr says "grants exactly these N
             permissions" or lists what is missing or extra (exit 1 then).
  export     Write the matrix (CSV, self-contained HTML), the input's RBAC objects (one
             multi-document YAML for kubectl apply, a JSON List, or one file per object), or its
             Azure role assignments for the cluster (az CLI script, ARM template).
  diff       Who gains and who loses access between two snapshots, BASE and HEAD: for each
             identity and Kubernetes subject whose access differs, the permissions gained (+)
             and lost (-) by namespace, resource and verbs, each with the change that causes it
             (a binding, role rule, assignment, role definition, membership or cluster setting
             added, removed or edited) and its path in HEAD (gain) or BASE (loss). Changes that
             alter no access are listed as such.
  fetch      Read the cluster's RBAC through its API server (with your kubeconfig), the
             directory from Microsoft Graph and the role assignments from Azure Resource
             Manager, into a snapshot folder in the formats -f reads, plus snapshot.json
             (when, from where, what, counts, warnings; no secrets). The folder appears
             only when everything was read; Ctrl+C leaves nothing behind.

Fetch:
  -o DIR                   The snapshot folder to create (must not exist, or be empty).
      --refresh DIR        Update the snapshot DIR with the options it was fetched with;
                           Graph group memberships are read incrementally (deltaLink).
      --kubeconfig FILE    Otherwise $KUBECONFIG (a list, merged: the first file to set a
                           value wins), otherwise ~/.kube/config; as kubectl.
      --context NAME       The kubeconfig context (default: current-context).
      --allow-exec CMD     Let the kubeconfig run this credential plugin (kubelogin, a path,
                           repeatable). Plugins never run without it; the answer is remembered.
      --page-size N        Objects per Kubernetes list page (limit; default 500).
      --subscription ID    Read this subscription's role assignments (repeatable). Default:
                           the subscription of the cluster that matches the kubeconfig.
      --cluster RG/NAME    The AKS cluster (default: the one whose FQDN the kubeconfig names).
      --auth METHOD        Azure sign-in: azure-cli (az login's session), environment
                           (AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET,
                           AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE),
                           managed-identity (IMDS), or device-code (with --client-id of an
                           app you registered). Default: azure-cli, then environment.
      --tenant ID          Tenant for device-code and azure-cli sign-in.
      --client-id ID       Application (client) ID for device-code (or a user-assigned
                           managed identity).
      --cloud NAME         AzureCloud (default), AzureChinaCloud or AzureUSGovernment.
      --login-url URL, --graph-url URL, --arm-url URL
                           Override one endpoint of the cloud.
      --ca-file FILE       Extra trusted CAs (PEM) for a TLS-inspecting proxy. HTTPS_PROXY
                           and NO_PROXY are honoured; TLS is always verified unless the
                           kubeconfig says insecure-skip-tls-verify (you are warned).
      --no-kubernetes, --no-graph, --no-arm
                           Leave a source out.
  Refresh tokens (device code) go to the OS keychain (service "Clearance"), nowhere else.

Generate:
      --from-audit FILE    Audit log ("-" for stdin). Requests of the chosen subject count
                           (impersonatedUser when present); ResponseComplete, or the only stage
                           logged, stands for each request. Unreadable lines are reported with
                           FILE:LINE and skipped.
      --user U             A Kubernetes user name, UPN or Entra object ID.
      --group G            A group the requests carried (an Entra group object ID, or its
                           display name when -f has the Entra export).
      --serviceaccount NS:NAME
      --as WHO             As --user; with --allow, the principal to grant.
      --allow VERB:TARGET[,...]  Exactly these permissions (repeatable). TARGET is TYPE,
                           TYPE/SUBRESOURCE, TYPE/NAME, TYPE/NAME/SUBRESOURCE or /URL.
  -n, --namespace NS[,NS]  Namespaces to grant in (--allow), or to keep events of (audit).
      --expand-verbs       Add audit2rbac's verb expansions (list/watch -> get,list,watch;
                           update/patch -> get,update,patch); the proof reports them apart.
      --replace-binding [NS/]NAME  Propose the minimal replacement of this RoleBinding (NS/NAME)
                           or ClusterRoleBinding (NAME) of the -f input from the audit log, and
                           list what the old role allowed that would be removed.
      --name NAME          Base name of the generated objects (default clearance:<subject>).
      --out-dir DIR        One YAML file per object, numbered in apply order. DIR must be
                           new or empty; it is filled completely or not at all.

Export:
      --what matrix|yaml|azure  What to export (see Usage).
  -o, --output FORMAT      matrix: csv (default) or html; yaml: yaml (default) or json;
                           azure: sh (default) or arm.
      --out-dir DIR        Write a file into DIR instead of standard output (yaml: one file
                           per object, into a new or empty DIR, completely or not at all).

Matrix view (export --what matrix -n NS; the desktop app's filter bar, same rows, same order):
      --view NAME          Start from a view saved in the desktop app; flags below override it.
      --columns LIST       Columns to show: presets write, secrets, exec (pods/exec, attach,
                           portforward), rbac (roles and bindings), and VERB:RESOURCE picks
                           (* for any; RESOURCE as the matrix labels it: pods/exec,
                           deployments.apps). Presets narrow the picks; repeatable.
      --only-allowed       Only identities allowed at least one shown column (who-can per
                           column). Without it (and without --view), identities with no access
                           at all in the shown columns are left out.
      --all-rows           Keep identities without access too (the other row filters apply).
      --kind LIST          user, guest, service-principal, managed-identity, service-account,
                           kubernetes-user, kubernetes-group (or groups), unresolved.
      --member-of GROUP    Transitive members of an Entra group (object ID or unique name).
      --plane LIST         Identities some shown column allows through one of these planes.
      --accounts enabled|disabled|any   Entra accounts enabled or disabled only.
      --sort ORDER         kind (default), name, allowed (most allowed cells first), or
                           column:VERB:RESOURCE (allowed first, grouped by plane).

Diff:
  BASE HEAD            Two snapshots, each a file or a folder (read recursively): for instance
                       two git worktrees of a manifests folder.
      --base PATH, --head PATH
                       BASE and HEAD as lists (each repeatable) when a side has several paths;
                       not together with the two positional paths.
  -f, --filename PATH  Exports that both sides share (the Entra and Azure exports beside RBAC
                       manifests kept in git): added to BASE and to HEAD. Standard input (-)
                       can feed one side only.
  -n, --namespace NS   Only what applies in NS: its own lines and every-namespace lines.
      --as WHO         Only this identity: as for can-i, or an Entra group by object ID.
  -o, --output FORMAT  table (default), json (stable schema, see README) or html (one
                       self-contained page for review).
      --fail-on gained|lost|any
                       Exit 1 when someone gained access, lost access, or either.

Input:
  -f, --filename PATH   File, folder (recursive) or - for stdin; repeatable. Kinds are
                        detected from content: kubectl YAML/JSON (Lists too), Graph pages
                        of users/groups/servicePrincipals, az ad/role/aks JSON, ARM pages.
      --demo            Use the built-in Contoso demo snapshot.
      --live            Fetch first (see Fetch for the flags), then answer from that.
      --strict          Treat any load problem as fatal (exit 2).
      --cluster NAME|ID Choose the AKS cluster when the snapshot holds several.

Request:
  -n, --namespace NS    Namespace (default "default").
  -A, --all-namespaces  Namespace "" (can-i); any namespace (who-can).
      --subresource S   Subresource, e.g. log, exec, scale.
      --as WHO          A Kubernetes user name, system:serviceaccount:NS:NAME, or an
                        Entra principal by userPrincipalName, object ID or unique display
                        name (its nested groups and Azure role assignments then count).
      --as-group GROUP  An extra group (repeatable), e.g. an Entra group object ID.

Output:
  -o, --output FORMAT   table (default) or json (who-can, explain, can-i --list); see
                        Generate and Export for theirs.
  -q, --quiet           can-i: print nothing, answer with the exit code.
  -v, --verbose         can-i: also say which plane(s) allowed.
      --no-headers      Tables without the header line.

Planes: kubernetes (RBAC bindings), azure (Azure RBAC dataActions, when the cluster has
enableAzureRbac), aks-admin-group (aadProfile.adminGroupObjectIds -> cluster-admin),
admin-credential (listClusterAdminCredential while local accounts are enabled).

TYPE accepts plural, singular and short names (po, deploy, svc, cm, sa, rb...),
resource.group and resource.version.group, resolved offline from the standard
resources and the CRDs in the input. An argument starting with / is a non-resource URL.

Examples:
  clearance can-i delete pods -n finance-app --as alice@contoso.com -f export/
  clearance who-can get secrets -n payments -o json -f rbac.yaml -f graph-users.json
  clearance explain --as bob@contoso.com delete pods -n finance-app --demo
  kubectl get roles,rolebindings,clusterroles,clusterrolebindings -A -o yaml | clearance who-can list pods -A -f -
  clearance generate --from-audit audit.log --serviceaccount ci:deployer > deployer-rbac.yaml
  clearance generate --as alice@contoso.com -n shop-dev,shop-test --allow get:pods,list:pods,get:pods/log --demo
  clearance export --what matrix -n finance-app -o html --demo > finance-app.html
  clearance export --what matrix -n finance-app --columns write,secrets --only-allowed --demo
  clearance diff base/manifests head/manifests -f entra/ --fail-on gained
  clearance fetch --context aks-prod --allow-exec kubelogin -o prod-snapshot
  clearance who-can delete pods -n finance-app -f prod-snapshot
  clearance can-i get secrets -n payments --as alice@contoso.com --live --allow-exec kubelogin

Exit status: 0 yes/success, 1 no (generate: no request matched, or the proof failed; diff: the
--fail-on condition holds; fetch: it failed), 2 usage or input error, 3 the output could not be
written (a full disk, a failing device), 130 interrupted (Ctrl+C) while loading or fetching.
)";
}

int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    return run(args, out, err, RemoteWiring{});
}

int run(const std::vector<std::string> &args, std::ostream &rawOut, std::ostream &rawErr, const RemoteWiring &remote)
{
    SafeLineBuf errBuf(rawErr);
    std::ostream err(&errBuf);
    CheckedBuf outBuf(rawOut.rdbuf());
    std::ostream out(&outBuf);
    if (!args.empty() && args[0] == "--version") {
        out << "clearance " << CLEARANCE_VERSION << '\n';
        return checkedExit(0, out, outBuf, err);
    }
    Options opts;
    if (auto error = parseOptions(args, opts)) {
        err << "clearance: " << *error << "\nSee 'clearance --help'.\n";
        return 2;
    }
    if (opts.command.empty() || opts.command == "help" || opts.help) {
        out << helpText();
        return checkedExit(0, out, outBuf, err);
    }
    if (opts.command == "fetch")
        return checkedExit(runFetch(opts, out, err, remote), out, outBuf, err);
    if (opts.live)
        return checkedExit(runLive(opts, out, err, remote), out, outBuf, err);
    return checkedExit(dispatch(opts, out, err), out, outBuf, err);
}

} // namespace clr::cli
