// SPDX-License-Identifier: GPL-3.0-or-later
// Scale benchmarks on a synthetic enterprise tenant (bench/generate_tenant.cpp): parse only vs load
// and index, can-i, who-can with Entra expansion, one principal's full matrix, the identity matrix filtered
// to the rows with access over 150 columns, and peak memory.
// The tenant is generated once into $CLEARANCE_BENCH_TENANT (default /tmp/clearance-bench-tenant).
#include "load/loader.h"
#include "generate/matrixview.h"
#include "graph/matrix.h"
#include "graph/matrixrows.h"
#include "graph/permissiongraph.h"
#include "tenant.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

namespace fs = std::filesystem;
using namespace clr;
using bench::tenantDir;
using bench::tenantFiles;

namespace {

/** Resets the kernel's peak-RSS mark (VmHWM) so that the next peakSinceResetMb() covers only what follows. */
bool resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return bool(out.flush());
}

/** VmHWM (peak resident set since start or the last resetPeakRss()), or VmRSS. */
double procStatusMb(const char *field)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field, 0) == 0)
            return std::stod(line.substr(std::strlen(field))) / 1024.0; // "VmHWM:   123456 kB"
    }
    return 0;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/** The loaded tenant, shared by the query benchmarks. */
struct Tenant
{
    std::unique_ptr<PermissionGraph> graph;
    std::vector<Identity> users;
    std::vector<k8s::Request> requests;
    std::vector<std::string> namespaces;
};

Tenant &tenant()
{
    static Tenant t = [] {
        Tenant t;
        t.graph = std::make_unique<PermissionGraph>(loadSnapshot(tenantFiles()));
        const auto &dir = t.graph->snapshot().directory;
        std::mt19937_64 rng(42);
        std::vector<entra::PrincipalId> users;
        for (entra::PrincipalId p = 0; p < dir.size(); ++p)
            if (dir.at(p).type == entra::PrincipalType::User)
                users.push_back(p);
        std::shuffle(users.begin(), users.end(), rng);
        users.resize(std::min<std::size_t>(users.size(), 512));
        for (auto p : users)
            t.users.push_back(t.graph->identityOf(p));
        t.namespaces = t.graph->namespaces();
        const char *verbs[] = {"get", "list", "create", "delete", "update"};
        const std::pair<const char *, const char *> resources[] = {{"", "pods"}, {"", "secrets"}, {"apps", "deployments"}, {"", "configmaps"}, {"batch", "jobs"}};
        for (int i = 0; i < 512; ++i) {
            k8s::Request r;
            r.verb = verbs[rng() % 5];
            const auto &res = resources[rng() % 5];
            r.apiGroup = res.first;
            r.resource = res.second;
            r.ns = t.namespaces.empty() ? std::string("default") : t.namespaces[rng() % t.namespaces.size()];
            t.requests.push_back(std::move(r));
        }
        return t;
    }();
    return t;
}

void BM_ParseOnly(benchmark::State &state)
{
    const auto files = tenantFiles();
    std::size_t bytes = 0;
    for (auto _ : state) {
        bytes = 0;
        for (const auto &f : files) {
            const std::string text = readFile(f);
            bytes += text.size();
            const auto first = text.find_first_not_of(" \t\r\n");
            if (first != std::string::npos && (text[first] == '{' || text[first] == '['))
                benchmark::DoNotOptimize(nlohmann::json::parse(text));
            else
                benchmark::DoNotOptimize(YAML::LoadAll(text));
        }
    }
    state.counters["MB"] = double(bytes) / 1e6;
    state.counters["files"] = double(files.size());
}

void BM_LoadAndIndex(benchmark::State &state)
{
    const auto files = tenantFiles();
    std::size_t principals = 0, memberships = 0, bindings = 0, assignments = 0;
    for (auto _ : state) {
        PermissionGraph graph(loadSnapshot(files));
        principals = graph.snapshot().directory.size();
        memberships = graph.snapshot().directory.membershipCount();
        bindings = graph.snapshot().kube.bindings.size() + graph.snapshot().kube.roles.size();
        assignments = graph.snapshot().azure.assignments.size();
        benchmark::DoNotOptimize(graph.namespaces());
    }
    state.counters["principals"] = double(principals);
    state.counters["memberships"] = double(memberships);
    state.counters["k8s_objects"] = double(bindings);
    state.counters["assignments"] = double(assignments);
    state.counters["peak_rss_MB"] = peakRssMb();
}

void BM_LoadOnly(benchmark::State &state)
{
    const auto files = tenantFiles();
    for (auto _ : state)
        benchmark::DoNotOptimize(loadSnapshot(files));
}

/** Writes `v` as block YAML the way kubectl does: strings that would read as another type are quoted. */
void emitYaml(YAML::Emitter &out, const nlohmann::json &v)
{
    if (v.is_object()) {
        out << YAML::BeginMap;
        for (auto it = v.begin(); it != v.end(); ++it) {
            out << YAML::Key << it.key() << YAML::Value;
            emitYaml(out, *it);
        }
        out << YAML::EndMap;
    } else if (v.is_array()) {
        out << YAML::BeginSeq;
        for (const auto &item : v)
            emitYaml(out, item);
        out << YAML::EndSeq;
    } else if (v.is_string()) {
        const auto &s = v.get_ref<const std::string &>();
        const bool ambiguous = s.empty() || s == "true" || s == "false" || s == "null" || s == "~"
            || std::isdigit(static_cast<unsigned char>(s[0])) || s.find_first_of(":#{}[],&*!|>'\"%@`") != std::string::npos;
        if (ambiguous)
            out << YAML::DoubleQuoted;
        out << s;
    } else if (v.is_null()) {
        out << YAML::Null;
    } else {
        out << v.dump();
    }
}

/** The tenant's Kubernetes RBAC (10,174 objects) as the one kubectl YAML List `kubectl get -o yaml`
 *  prints; written next to the tenant on first use (not inside it: the load benchmarks read that). */
std::string kubernetesYaml()
{
    tenantFiles();
    const std::string path = tenantDir() + "-yaml/k8s-rbac.yaml";
    if (!fs::exists(path)) {
        fs::create_directories(fs::path(path).parent_path());
        YAML::Emitter out;
        emitYaml(out, nlohmann::json::parse(readFile(tenantDir() + "/k8s-rbac.json")));
        std::ofstream(path, std::ios::binary) << out.c_str() << '\n';
    }
    return path;
}

void BM_LoadKubernetesYaml(benchmark::State &state)
{
    const std::string path = kubernetesYaml();
    std::size_t objects = 0, diagnostics = 0;
    for (auto _ : state) {
        const Snapshot snapshot = loadSnapshot({path}, LoadOptions{false, {}, nullptr});
        objects = snapshot.kube.roles.size() + snapshot.kube.bindings.size() + snapshot.kube.serviceAccounts.size()
            + snapshot.kube.namespaces.size() + snapshot.kube.customResources.size();
        diagnostics = snapshot.diagnostics.size();
    }
    state.counters["MB"] = double(fs::file_size(path)) / 1e6;
    state.counters["k8s_objects"] = double(objects);
    state.counters["diagnostics"] = double(diagnostics);
    state.counters["peak_rss_MB"] = peakRssMb();
}

void BM_IndexOnly(benchmark::State &state)
{
    const auto files = tenantFiles();
    for (auto _ : state) {
        state.PauseTiming();
        Snapshot snapshot = loadSnapshot(files);
        state.ResumeTiming();
        auto graph = std::make_unique<PermissionGraph>(std::move(snapshot)); // the snapshot moves in, as in the app
        benchmark::DoNotOptimize(graph->cluster());
        state.PauseTiming();
        graph.reset();
        state.ResumeTiming();
    }
}

void BM_CanI(benchmark::State &state)
{
    auto &t = tenant();
    std::size_t i = 0, yes = 0;
    for (auto _ : state) {
        const auto d = t.graph->check(t.users[i % t.users.size()], t.requests[(i * 7) % t.requests.size()]);
        yes += d.allowed;
        ++i;
    }
    state.counters["allowed_share"] = double(yes) / double(std::max<std::size_t>(i, 1));
}

void BM_CanIWithIdentityResolution(benchmark::State &state)
{
    auto &t = tenant();
    std::size_t i = 0;
    for (auto _ : state) {
        const auto &who = t.users[i % t.users.size()];
        const Identity fresh = t.graph->identityFor(who.user.name, {});
        benchmark::DoNotOptimize(t.graph->check(fresh, t.requests[(i * 7) % t.requests.size()]));
        ++i;
    }
}

void BM_WhoCan(benchmark::State &state)
{
    auto &t = tenant();
    std::size_t i = 0, principals = 0;
    for (auto _ : state) {
        const auto r = t.graph->whoCan(t.requests[i % t.requests.size()]);
        principals += r.principals.size();
        ++i;
    }
    state.counters["principals_per_answer"] = double(principals) / double(std::max<std::size_t>(i, 1));
}

void BM_PrincipalMatrix(benchmark::State &state)
{
    auto &t = tenant();
    const auto columns = defaultMatrixColumns(*t.graph);
    std::vector<std::string> rows{std::string()};
    rows.insert(rows.end(), t.namespaces.begin(), t.namespaces.end());
    std::size_t i = 0, allowed = 0;
    for (auto _ : state) {
        PrincipalMatrix m(*t.graph, t.users[i % t.users.size()], columns, rows);
        for (int r = 0; r < m.rowCount(); ++r)
            for (int c = 0; c < m.columnCount(); ++c)
                allowed += m.cell(r, c).state == MatrixCell::State::Allowed;
        ++i;
    }
    state.counters["cells"] = double(rows.size() * columns.size());
    state.counters["peak_rss_MB"] = peakRssMb();
}

/** Who-can alone for each of the 150 columns in finance-app: the reverse walks the filter is made of. */
void BM_WhoCanMatrixColumns(benchmark::State &state)
{
    auto &t = tenant();
    auto columns = defaultMatrixColumns(*t.graph);
    columns.resize(std::min<std::size_t>(columns.size(), 150));
    std::size_t principals = 0;
    for (auto _ : state) {
        for (const auto &c : columns)
            principals += t.graph->whoCan(c.request("finance-app")).principals.size();
    }
    state.counters["columns"] = double(columns.size());
}

/** The identity matrix's rows (every identity that may ask), prepared once per row list as the window does. */
const gen::MatrixRowSet &matrixRows()
{
    static const gen::MatrixRowSet rows(*tenant().graph, requesterRows(*tenant().graph));
    return rows;
}

void BM_PrepareMatrixRows(benchmark::State &state)
{
    auto &t = tenant();
    std::size_t rows = 0;
    for (auto _ : state) {
        const gen::MatrixRowSet set(*t.graph, requesterRows(*t.graph));
        rows = set.size();
    }
    state.counters["rows"] = double(rows);
}

/**
 * "Only identities with access" over 150 columns of the identity matrix: who-can per column, mapped onto
 * every row, then the rows allowed at least one column, sorted by kind and name. Peak memory is the
 * process's resident peak while filtering (VmHWM reset before), beside the graph that is already loaded.
 */
void BM_FilterRowsWithAccess(benchmark::State &state, const char *ns, unsigned threads)
{
    auto &t = tenant();
    const auto &rows = matrixRows();
    auto columns = defaultMatrixColumns(*t.graph);
    columns.resize(std::min<std::size_t>(columns.size(), 150));
    gen::MatrixView view;
    view.onlyAllowed = true;
    const double before = procStatusMb("VmRSS:");
    const bool peakReset = resetPeakRss();
    std::size_t shown = 0;
    for (auto _ : state) {
        const auto result = gen::applyView(rows, columns, ns, view, {}, threads);
        shown = result.rows.size();
        benchmark::DoNotOptimize(result.access->allowedCount(0));
    }
    state.counters["columns"] = double(columns.size());
    state.counters["rows"] = double(rows.size());
    state.counters["rows_with_access"] = double(shown);
    state.counters["rss_before_MB"] = before;
    if (peakReset)
        state.counters["peak_rss_while_filtering_MB"] = procStatusMb("VmHWM:");
}

} // namespace

BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_LoadAndIndex)->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_LoadOnly)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_LoadKubernetesYaml)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_IndexOnly)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_CanI)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CanIWithIdentityResolution)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WhoCan)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PrincipalMatrix)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WhoCanMatrixColumns)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_PrepareMatrixRows)->Unit(benchmark::kMillisecond)->Iterations(2);
// One thread (CPU time = the work), then one per core (the window's default).
BENCHMARK_CAPTURE(BM_FilterRowsWithAccess, finance_app_1_thread, "finance-app", 1u)->Unit(benchmark::kMillisecond)->Iterations(5)->MeasureProcessCPUTime();
BENCHMARK_CAPTURE(BM_FilterRowsWithAccess, finance_app_all_cores, "finance-app", 0u)->Unit(benchmark::kMillisecond)->Iterations(5)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_CAPTURE(BM_FilterRowsWithAccess, cluster_scope_1_thread, "", 1u)->Unit(benchmark::kMillisecond)->Iterations(5)->MeasureProcessCPUTime();

BENCHMARK_MAIN();
