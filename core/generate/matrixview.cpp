// SPDX-License-Identifier: GPL-3.0-or-later
// Matrix views: which columns, which rows, in which order. Shared by the window's filter bar and
// `clearance export --what matrix`, so that a saved view gives the same rows everywhere.
#include "generate/matrixview.h"

#include "common/strings.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>

namespace clr::gen {

namespace {

constexpr const char *kPresetNames[] = {"write", "secrets", "exec", "rbac"};
constexpr const char *kPresetLabels[] = {"Write access", "Secrets", "Exec / attach / port-forward", "RBAC objects"};
constexpr const char *kAccountNames[] = {"any", "enabled", "disabled"};
constexpr const char *kSortNames[] = {"kind", "name", "allowed", "column"};

bool isWriteVerb(const std::string &verb)
{
    return verb == "create" || verb == "update" || verb == "patch" || verb == "delete" || verb == "deletecollection" || verb == "*";
}

template<typename Enum, std::size_t N>
std::optional<Enum> enumOf(const char *const (&names)[N], std::string_view text)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (text == names[i])
            return Enum(i);
    }
    return std::nullopt;
}

} // namespace

std::optional<Plane> parsePlaneName(std::string_view text)
{
    for (Plane p : kAllPlanes) {
        if (planeName(p) == text)
            return p;
    }
    return std::nullopt;
}

std::optional<AccountFilter> parseAccountFilter(std::string_view text)
{
    return enumOf<AccountFilter>(kAccountNames, text);
}

std::string presetName(ColumnPreset preset)
{
    return kPresetNames[std::size_t(preset)];
}

std::string presetLabel(ColumnPreset preset)
{
    return kPresetLabels[std::size_t(preset)];
}

std::optional<ColumnPreset> parsePreset(std::string_view name)
{
    return enumOf<ColumnPreset>(kPresetNames, name);
}

bool presetMatches(ColumnPreset preset, const MatrixColumn &c)
{
    switch (preset) {
    case ColumnPreset::Write:
        return isWriteVerb(c.verb);
    case ColumnPreset::Secrets:
        return c.group.empty() && c.resource == "secrets";
    case ColumnPreset::Exec:
        return c.group.empty() && c.resource == "pods" && (c.subresource == "exec" || c.subresource == "attach" || c.subresource == "portforward");
    case ColumnPreset::Rbac:
        return c.group == "rbac.authorization.k8s.io" && c.subresource.empty()
            && (c.resource == "roles" || c.resource == "rolebindings" || c.resource == "clusterroles" || c.resource == "clusterrolebindings");
    }
    return false;
}

std::string columnId(const MatrixColumn &column)
{
    return column.verb + ':' + column.resourceLabel();
}

bool columnMatches(std::string_view pick, const MatrixColumn &c)
{
    const auto colon = pick.find(':');
    if (colon == std::string_view::npos)
        return false;
    const std::string_view verb = pick.substr(0, colon), resource = pick.substr(colon + 1);
    if (verb != "*" && verb != c.verb)
        return false;
    if (resource == "*" || resource == c.resourceLabel())
        return true;
    const std::string plain = c.subresource.empty() ? c.resource : c.resource + '/' + c.subresource;
    return resource == plain;
}

std::string sortName(RowSort sort)
{
    return kSortNames[std::size_t(sort)];
}

// ---------------------------------------------------------------- the view

bool MatrixView::showsColumn(const MatrixColumn &c) const
{
    if (!columns.empty() && std::none_of(columns.begin(), columns.end(), [&](const std::string &p) { return columnMatches(p, c); }))
        return false;
    bool resourcePreset = false, resourceMatch = false;
    for (ColumnPreset p : presets) {
        if (p == ColumnPreset::Write) {
            if (!presetMatches(p, c))
                return false;
            continue;
        }
        resourcePreset = true;
        resourceMatch = resourceMatch || presetMatches(p, c);
    }
    return !resourcePreset || resourceMatch;
}

std::vector<std::size_t> MatrixView::visibleColumns(const std::vector<MatrixColumn> &all) const
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (showsColumn(all[i]))
            out.push_back(i);
    }
    return out;
}

bool MatrixView::needsAccess() const
{
    return onlyAllowed || planes != 0 || sort == RowSort::AllowedCells || sort == RowSort::Column;
}

std::string MatrixView::toJson() const
{
    nlohmann::ordered_json j;
    j["columns"] = columns;
    auto &p = j["presets"] = nlohmann::ordered_json::array();
    for (auto preset : presets)
        p.push_back(presetName(preset));
    j["onlyAllowed"] = onlyAllowed;
    auto &k = j["kinds"] = nlohmann::ordered_json::array();
    for (auto kind : kinds)
        k.push_back(rowKindName(kind));
    j["memberOf"] = memberOf;
    j["planes"] = planeNames(planes);
    j["accounts"] = kAccountNames[std::size_t(accounts)];
    j["sort"] = sortName(sort);
    j["sortColumn"] = sortColumn;
    // Names come from the user's own choices, but a view may travel: never abort on bytes that are not UTF-8.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<MatrixView> MatrixView::fromJson(std::string_view text, std::string *error)
{
    auto fail = [&](const std::string &why) -> std::optional<MatrixView> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception &e) {
        return fail(std::string("not a matrix view: ") + e.what());
    }
    if (!j.is_object())
        return fail("not a matrix view: expected a JSON object");
    MatrixView v;
    try {
        v.columns = j.value("columns", std::vector<std::string>{});
        for (const auto &name : j.value("presets", std::vector<std::string>{})) {
            const auto preset = parsePreset(name);
            if (!preset)
                return fail("unknown column preset '" + name + "'");
            v.presets.push_back(*preset);
        }
        v.onlyAllowed = j.value("onlyAllowed", false);
        for (const auto &name : j.value("kinds", std::vector<std::string>{})) {
            const auto kind = parseRowKind(name);
            if (!kind)
                return fail("unknown identity kind '" + name + "'");
            v.kinds.push_back(*kind);
        }
        v.memberOf = j.value("memberOf", std::string());
        for (const auto &name : j.value("planes", std::vector<std::string>{})) {
            const auto plane = parsePlaneName(name);
            if (!plane)
                return fail("unknown plane '" + name + "'");
            v.planes |= planeBit(*plane);
        }
        const auto accounts = enumOf<AccountFilter>(kAccountNames, j.value("accounts", std::string("any")));
        if (!accounts)
            return fail("unknown account filter '" + j.value("accounts", std::string()) + "'");
        v.accounts = *accounts;
        const std::string sort = j.value("sort", std::string("kind"));
        const auto s = enumOf<RowSort>(kSortNames, sort);
        if (!s)
            return fail("unknown sort '" + sort + "'");
        v.sort = *s;
        v.sortColumn = j.value("sortColumn", std::string());
    } catch (const nlohmann::json::exception &e) {
        return fail(std::string("not a matrix view: ") + e.what());
    }
    return v;
}

bool addColumnPicks(MatrixView &view, std::string_view list, std::string *error)
{
    for (auto item : split(list, ',')) {
        const std::string text = trim(item);
        if (text.empty())
            continue;
        if (text.find(':') != std::string::npos) {
            view.columns.push_back(text);
        } else if (const auto preset = parsePreset(text)) {
            if (std::find(view.presets.begin(), view.presets.end(), *preset) == view.presets.end())
                view.presets.push_back(*preset);
        } else {
            if (error)
                *error = "unknown column preset '" + text + "' (presets: write, secrets, exec, rbac; a column is VERB:RESOURCE, * for any)";
            return false;
        }
    }
    return true;
}

bool setSort(MatrixView &view, std::string_view text, std::string *error)
{
    if (startsWith(text, "column:")) {
        view.sort = RowSort::Column;
        view.sortColumn = std::string(text.substr(7));
        return true;
    }
    const auto s = enumOf<RowSort>(kSortNames, text);
    if (!s || *s == RowSort::Column) {
        if (error)
            *error = "unknown sort '" + std::string(text) + "' (kind, name, allowed or column:VERB:RESOURCE)";
        return false;
    }
    view.sort = *s;
    view.sortColumn.clear();
    return true;
}

bool checkPicks(const std::vector<std::string> &picks, const std::vector<MatrixColumn> &columns, std::string *error)
{
    for (const auto &pick : picks) {
        if (std::none_of(columns.begin(), columns.end(), [&](const MatrixColumn &c) { return columnMatches(pick, c); })) {
            if (error)
                *error = "no matrix column matches '" + pick + "'";
            return false;
        }
    }
    return true;
}

bool checkView(const MatrixView &view, const std::vector<MatrixColumn> &columns, std::string *error)
{
    if (view.sort == RowSort::Column) {
        const auto it = std::find_if(columns.begin(), columns.end(), [&](const MatrixColumn &c) { return columnId(c) == view.sortColumn; });
        if (it == columns.end() || !view.showsColumn(*it)) {
            if (error)
                *error = it == columns.end() ? "no matrix column '" + view.sortColumn + "' to sort by"
                                             : "the sort column '" + view.sortColumn + "' is not shown";
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------- applying it

namespace {

std::vector<AccessRow> accessRows(const PermissionGraph &graph, const std::vector<RequesterRow> &rows)
{
    std::vector<AccessRow> out;
    out.reserve(rows.size());
    for (const auto &r : rows)
        out.push_back(accessRowOf(graph, r));
    return out;
}

} // namespace

MatrixRowSet::MatrixRowSet(const PermissionGraph &graph, std::vector<RequesterRow> rows)
    : m_graph(graph)
    , m_rows(std::move(rows))
    , m_access(graph, accessRows(graph, m_rows))
{
    std::vector<std::string> keys(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        keys[i] = toLower(m_rows[i].displayName);
    std::vector<std::uint32_t> order(m_rows.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::tie(keys[a], m_rows[a].name, m_rows[a].kind, a) < std::tie(keys[b], m_rows[b].name, m_rows[b].kind, b);
    });
    m_nameRank.resize(m_rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        m_nameRank[order[i]] = i;
}

ViewResult applyView(const MatrixRowSet &set, const std::vector<MatrixColumn> &columns, const std::string &ns, const MatrixView &view,
                     const MatrixAccess::Progress &progress, unsigned threads)
{
    ViewResult out;
    if (!checkView(view, columns, &out.error))
        return out;
    out.columns = view.visibleColumns(columns);
    const auto &graph = set.graph();
    const auto &dir = graph.snapshot().directory;
    std::vector<std::uint8_t> members;
    if (!view.memberOf.empty()) {
        const auto group = dir.find(view.memberOf);
        if (group == entra::NoPrincipal || dir.at(group).type != entra::PrincipalType::Group) {
            out.error = "no Entra group '" + view.memberOf + "' in the snapshot";
            return out;
        }
        members.assign(dir.size(), 0);
        for (auto m : dir.transitiveMembers(group))
            members[m] = 1;
    }
    std::size_t sortIndex = 0;
    if (view.needsAccess()) {
        std::vector<MatrixColumn> shown;
        for (auto c : out.columns) {
            if (view.sort == RowSort::Column && columnId(columns[c]) == view.sortColumn)
                sortIndex = shown.size();
            shown.push_back(columns[c]);
        }
        out.access = MatrixAccess::compute(graph, set.access(), shown, ns, progress, threads);
        if (!out.access) {
            out.cancelled = true;
            return out;
        }
    }
    const MatrixAccess *access = out.access ? &*out.access : nullptr;
    for (std::uint32_t r = 0; r < set.size(); ++r) {
        const RequesterRow &row = set.rows()[r];
        if (!view.kinds.empty() && std::find(view.kinds.begin(), view.kinds.end(), row.kind) == view.kinds.end())
            continue;
        if (!members.empty() && !(row.isEntra() && members[row.principal]))
            continue;
        if ((view.accounts == AccountFilter::Enabled && row.disabled) || (view.accounts == AccountFilter::Disabled && !row.disabled))
            continue;
        if (view.onlyAllowed && (!access || access->allowedCount(r) == 0))
            continue;
        if (view.planes && (!access || !(access->rowPlanes(r) & view.planes)))
            continue;
        out.rows.push_back(r);
    }
    // One integer key per row, ending with the name rank (unique): the order is total and the same on every
    // run, and sorting 200k rows compares integers instead of reading each row's strings.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed;
    keyed.reserve(out.rows.size());
    for (auto r : out.rows) {
        std::uint64_t major = 0;
        switch (view.sort) {
        case RowSort::Name:
            break;
        case RowSort::Kind:
            major = std::uint64_t(set.rows()[r].kind);
            break;
        case RowSort::AllowedCells: // most allowed cells first
            major = std::uint64_t(std::numeric_limits<std::uint32_t>::max() - access->allowedCount(r));
            break;
        case RowSort::Column: { // allowed first, grouped by the planes that allow (Kubernetes, Azure, both, ...)
            const Planes p = access->planes(r, sortIndex);
            major = p == 0 ? 0x100u : p;
            break;
        }
        }
        keyed.emplace_back((major << 32) | set.nameRank(r), r);
    }
    std::sort(keyed.begin(), keyed.end());
    for (std::size_t i = 0; i < keyed.size(); ++i)
        out.rows[i] = keyed[i].second;
    return out;
}

} // namespace clr::gen
