// SPDX-License-Identifier: GPL-3.0-or-later
#include "load/loader.h"

#include "azureparse_p.h"
#include "common/strings.h"
#include "dispatch_p.h"
#include "files_p.h"
#include "load/limits.h"
#include "loadcontext_p.h"

#include <QDirIterator>
#include <QFile>
#include <QString>

#include <algorithm>
#include <cctype>

namespace clr {

namespace {

const char *const kBuiltinRolesResource = ":/clearance/azure/builtin-roles.json";

bool isGuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash != (s[i] == '-') || (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))))
            return false;
    }
    return true;
}

} // namespace

SnapshotLoader::SnapshotLoader(LoadOptions options)
    : m_options(std::move(options)), m_state(std::make_unique<detail::LoadState>())
{
}

SnapshotLoader::~SnapshotLoader() = default;
SnapshotLoader::SnapshotLoader(SnapshotLoader &&) noexcept = default;
SnapshotLoader &SnapshotLoader::operator=(SnapshotLoader &&) noexcept = default;

void SnapshotLoader::addPath(const std::string &path)
{
    addPaths({path});
}

void SnapshotLoader::addPaths(const std::vector<std::string> &paths)
{
    std::vector<detail::PlannedFile> files;
    for (const std::string &path : paths)
        detail::planPath(path, files, m_snapshot.diagnostics);
    for (const auto &file : files)
        m_state->bytesTotal += std::max<std::int64_t>(file.size, 0);
    for (const auto &file : files) {
        if (checkCancel())
            break;
        const std::int64_t bytes = loadFile(file);
        m_state->bytesDone += file.size < 0 ? bytes : file.size;
        if (m_options.progress)
            m_options.progress(m_state->bytesDone, m_state->bytesTotal);
    }
}

/** Reads and loads one planned file; returns how many bytes it had. */
std::int64_t SnapshotLoader::loadFile(const detail::PlannedFile &file)
{
    std::string content;
    std::string error;
    bool read = false;
    try {
        read = detail::readFile(file, content, error, m_options.cancel);
    } catch (const std::exception &e) { // bad_alloc for a file that fits the limit but not in memory
        error = std::string("cannot read: ") + e.what();
    }
    if (!read) {
        if (!checkCancel())
            m_snapshot.diagnostics.push_back({Diagnostic::Severity::Error, file.name, 0, 0, error});
        return 0;
    }
    if (file.size < 0) // a stream: its size is known only now
        m_state->bytesTotal += std::int64_t(content.size());
    loadText(file.name, content);
    return std::int64_t(content.size());
}

void SnapshotLoader::addContent(const std::string &name, const std::string &content)
{
    if (checkCancel())
        return;
    if (std::int64_t(content.size()) > limits::kMaxFileSize) {
        m_snapshot.diagnostics.push_back({Diagnostic::Severity::Error, name, 0, 0,
                                          "input is larger than the limit of " + std::to_string(limits::kMaxFileSize >> 20)
                                              + " MiB; refusing to load it"});
        return;
    }
    m_state->bytesTotal += std::int64_t(content.size());
    loadText(name, content);
    m_state->bytesDone += std::int64_t(content.size());
    if (m_options.progress)
        m_options.progress(m_state->bytesDone, m_state->bytesTotal);
}

bool SnapshotLoader::cancelled() const
{
    return m_cancelled;
}

bool SnapshotLoader::checkCancel()
{
    if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        m_cancelled = true;
    return m_cancelled;
}

void SnapshotLoader::loadText(const std::string &name, std::string_view content)
{
    const auto index = static_cast<std::uint32_t>(m_snapshot.files.size());
    m_snapshot.files.push_back(name);
    detail::FileContext ctx(m_snapshot, *m_state, index, name, m_options.cancel);
    std::string converted;
    const auto text = detail::prepareText(content, converted, ctx);
    if (!text)
        return; // prepareText said why
    detail::DocumentLoader documents(ctx);
    detail::ParseControl control;
    control.cancel = m_options.cancel;
    if (m_options.progress) { // inside a large file too, so that a progress bar moves and Cancel is offered
        const std::int64_t before = m_state->bytesDone;
        const double scale = text->empty() ? 0.0 : double(content.size()) / double(text->size()); // UTF-16 was converted
        control.progress = [this, before, scale](std::size_t parsed) {
            m_options.progress(before + std::int64_t(double(parsed) * scale), m_state->bytesTotal);
        };
    }
    try {
        const detail::ParseResult parsed = detail::parseDocuments(*text, control, documents);
        for (const auto &issue : parsed.issues)
            ctx.report(issue.severity, issue.pos, issue.message);
        if (documents.documents() == 0 && parsed.issues.empty() && !parsed.cancelled)
            ctx.warn({}, "empty file: no documents, only comments or blank lines");
    } catch (const std::exception &e) { // the parsers catch their own; this keeps any other out of callers
        ctx.error({}, std::string("internal error while loading this file: ") + e.what());
    }
    ctx.finish();
    checkCancel();
}

Snapshot SnapshotLoader::finish()
{
    if (m_cancelled) {
        m_snapshot.diagnostics.push_back({Diagnostic::Severity::Warning, {}, 0, 0,
                                          "loading was cancelled: the snapshot holds only what was read before"});
    }
    if (m_options.builtinAzureRoles)
        loadBuiltinRoles();
    fillRoleDefinitionNames();
    linkReferencedPrincipals();
    finalizeDirectory();
    checkTenants();
    Snapshot out = std::move(m_snapshot);
    m_snapshot = Snapshot();
    m_state = std::make_unique<detail::LoadState>();
    m_cancelled = false;
    return out;
}

/** The shipped definitions come last and only fill GUIDs the exports did not define. */
void SnapshotLoader::loadBuiltinRoles()
{
    QFile file(QString::fromLatin1(kBuiltinRolesResource));
    if (!file.open(QIODevice::ReadOnly)) {
        m_snapshot.diagnostics.push_back({Diagnostic::Severity::Warning, kBuiltinRolesResource, 0, 0,
                                          "the built-in Azure role definitions are missing from this build"});
        return;
    }
    const QByteArray bytes = file.readAll();
    detail::FileContext ctx(m_snapshot, *m_state, 0, kBuiltinRolesResource, nullptr);
    ctx.builtin = true;
    detail::DocumentLoader documents(ctx);
    const auto parsed = detail::parseJson(std::string_view(bytes.constData(), std::size_t(bytes.size())), {}, documents);
    for (const auto &issue : parsed.issues)
        ctx.report(issue.severity, issue.pos, issue.message);
    ctx.finish();
}

/** ARM role assignments carry only the definition ID; az adds the name. Fill it in for both. */
void SnapshotLoader::fillRoleDefinitionNames()
{
    azure::resolveRoleDefinitions(m_snapshot.azure);
}

/**
 * Object IDs that assignments, bindings and the AKS admin groups refer to become (Unresolved)
 * principals, so that "not exported" is visible in the directory. Only when Entra exports were
 * loaded: without them the directory stays empty and Snapshot::hasEntra() false.
 */
void SnapshotLoader::linkReferencedPrincipals()
{
    auto &directory = m_snapshot.directory;
    if (directory.size() == 0)
        return;
    for (const auto &assignment : m_snapshot.azure.assignments)
        directory.getOrAdd(assignment.principalId);
    for (const auto &cluster : m_snapshot.azure.clusters) {
        for (const auto &group : cluster.adminGroupObjectIds)
            checkAdminGroup(cluster, directory.getOrAdd(group));
    }
    for (const auto &binding : m_snapshot.kube.bindings) {
        for (const auto &subject : binding.subjects) {
            if (subject.kind != k8s::Subject::Kind::ServiceAccount && isGuid(subject.name))
                directory.getOrAdd(subject.name);
        }
    }
}

/** An AKS admin group makes its members cluster-admin: when the Entra export does not define it,
 *  its members are unknown and who-can misses them. (The entry linkReferencedPrincipals() adds for it
 *  makes the group look known to later stages, so this is the place to say it.) */
void SnapshotLoader::checkAdminGroup(const azure::ManagedCluster &cluster, entra::PrincipalId group)
{
    const auto &defined = m_state->definedPrincipals;
    if (group < defined.size() && defined[group])
        return;
    const auto &source = cluster.source;
    m_snapshot.diagnostics.push_back(
        {Diagnostic::Severity::Warning, source.file < m_snapshot.files.size() ? m_snapshot.files[source.file] : std::string(),
         source.line, source.column,
         "AKS admin group " + m_snapshot.directory.at(group).id + " of cluster '" + cluster.name
             + "' is not in the Entra export: its members are cluster-admin but cannot be listed (export the group "
               "with its members)"});
}

void SnapshotLoader::finalizeDirectory()
{
    auto &diagnostics = m_snapshot.diagnostics;
    const std::size_t before = diagnostics.size();
    m_snapshot.directory.finalize(&diagnostics);
    // finalize() knows groups, not files: cite the first group of each cycle where it was loaded.
    const auto &cycles = m_snapshot.directory.cycles();
    for (std::size_t i = before; i < diagnostics.size() && i - before < cycles.size(); ++i) {
        const SourceRef &source = m_snapshot.directory.at(cycles[i - before].front()).source;
        if (source.file == 0 || source.file >= m_snapshot.files.size())
            continue;
        diagnostics[i].file = m_snapshot.files[source.file];
        diagnostics[i].line = source.line;
        diagnostics[i].column = source.column;
    }
}

/** The cluster's tenant is the reference (else the first tenant seen): identities from another
 *  tenant never sign in to this cluster, so an export from one is almost always a mix-up. */
void SnapshotLoader::checkTenants()
{
    std::string reference;
    std::string referenceName;
    for (const auto &cluster : m_snapshot.azure.clusters) {
        if (!cluster.tenantId.empty()) {
            reference = cluster.tenantId;
            referenceName = "cluster '" + cluster.name + "'";
            break;
        }
    }
    const auto &tenants = m_state->tenants;
    const bool clusterKnown = !reference.empty();
    if (!clusterKnown && !tenants.empty()) {
        reference = tenants.front().id;
        referenceName = m_snapshot.files[tenants.front().file];
    }
    m_snapshot.directory.tenantId = reference;
    const std::string consequence = clusterKnown ? "; its identities cannot sign in to this cluster"
                                                 : "; the snapshot mixes identities of two tenants";
    for (const auto &tenant : tenants) {
        if (iequals(tenant.id, reference))
            continue;
        m_snapshot.diagnostics.push_back({Diagnostic::Severity::Warning, m_snapshot.files[tenant.file], tenant.pos.line,
                                          tenant.pos.column,
                                          "this export is from tenant " + tenant.id + ", but " + referenceName
                                              + " is in tenant " + reference + consequence});
    }
}

Snapshot loadSnapshot(const std::vector<std::string> &paths, LoadOptions options)
{
    SnapshotLoader loader(std::move(options));
    loader.addPaths(paths);
    return loader.finish();
}

Snapshot loadDemoSnapshot(LoadOptions options)
{
    SnapshotLoader loader(std::move(options));
    const QString root = QStringLiteral(":/clearance/demo");
    QStringList paths;
    QDirIterator it(root, {QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json")}, QDir::Files,
                    QDirIterator::Subdirectories); // the same data files a folder would give (not README.md)
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        loader.addContent("<demo>/" + path.mid(root.size() + 1).toStdString(),
                          std::string(bytes.constData(), std::size_t(bytes.size())));
    }
    return loader.finish();
}

} // namespace clr
