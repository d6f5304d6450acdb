// SPDX-License-Identifier: GPL-3.0-or-later
// Matrices as CSV (RFC 4180, with the OWASP guard against formula injection) and as one
// self-contained HTML page that can be mailed or attached to a ticket.
#include "generate/export.h"

#include "common/outputsafety.h"
#include "common/strings.h"

#include <algorithm>
#include <map>

namespace clr::gen {

namespace {

void csvRow(std::string &out, const std::vector<std::string> &fields)
{
    for (std::size_t i = 0; i < fields.size(); ++i)
        out += (i ? "," : "") + safe::csvField(fields[i]);
    out += "\r\n";
}

std::string html(const std::string &s)
{
    return safe::html(s);
}

const char *cellClass(MatrixCell::State s)
{
    switch (s) {
    case MatrixCell::State::Allowed:
        return "y";
    case MatrixCell::State::SomeNames:
        return "s";
    case MatrixCell::State::Conditional:
        return "c";
    case MatrixCell::State::Denied:
        break;
    }
    return "n";
}

const char *cellSymbol(MatrixCell::State s)
{
    switch (s) {
    case MatrixCell::State::Allowed:
        return "&#10003;";
    case MatrixCell::State::SomeNames:
        return "~";
    case MatrixCell::State::Conditional:
        return "?";
    case MatrixCell::State::Denied:
        break;
    }
    return "";
}

constexpr const char *kStyle = R"(body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1b1f24}
h1{font-size:1.3em}table{border-collapse:collapse;font-size:.8em}
th,td{border:1px solid #d0d7de;padding:2px 5px;text-align:center}
thead th{background:#f6f8fa;position:sticky;top:0}th.row{text-align:left;background:#f6f8fa}
td.y{background:#c8f0d0}td.s{background:#fff1b8}td.c{background:#dde7ff}td.n{background:#fff}
.legend span{display:inline-block;padding:1px 8px;margin-right:8px;border:1px solid #d0d7de}
.notes{color:#57606a;font-size:.85em})";

/** Two header rows: resources spanning their verbs, then the verbs. */
void htmlHead(std::string &out, const MatrixTable &t)
{
    out += "<thead><tr>";
    for (const auto &title : t.rowHeaderTitles)
        out += "<th rowspan=\"2\">" + html(title) + "</th>";
    for (std::size_t c = 0; c < t.columns.size();) {
        const std::string label = t.columns[c].resourceLabel();
        std::size_t span = 1;
        while (c + span < t.columns.size() && t.columns[c + span].resourceLabel() == label)
            ++span;
        out += "<th colspan=\"" + std::to_string(span) + "\">" + html(label) + "</th>";
        c += span;
    }
    out += "</tr><tr>";
    for (const auto &col : t.columns)
        out += "<th>" + html(col.verb) + "</th>";
    out += "</tr></thead>\n";
}

void htmlBody(std::string &out, const MatrixTable &t)
{
    out += "<tbody>\n";
    for (std::size_t r = 0; r < t.cells.size(); ++r) {
        out += "<tr>";
        for (const auto &h : t.rowHeaders[r])
            out += "<th class=\"row\">" + html(h) + "</th>";
        for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
            const auto &cell = t.cells[r][c];
            out += std::string("<td class=\"") + cellClass(cell.state) + "\" title=\""
                + html(t.columns[c].verb + ' ' + t.columns[c].resourceLabel() + ": " + cellText(cell)) + "\">" + cellSymbol(cell.state) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n";
}

} // namespace

std::string cellText(const MatrixCell &cell)
{
    switch (cell.state) {
    case MatrixCell::State::Allowed:
        return "yes (" + join(planeNames(cell.planes), "+") + ')';
    case MatrixCell::State::SomeNames:
        return "some names";
    case MatrixCell::State::Conditional:
        return "conditional";
    case MatrixCell::State::Denied:
        break;
    }
    return "no";
}

MatrixTable tableOf(const PrincipalMatrix &matrix, const std::string &title)
{
    MatrixTable t;
    t.title = title;
    t.rowHeaderTitles = {"namespace"};
    for (int c = 0; c < matrix.columnCount(); ++c)
        t.columns.push_back(matrix.column(c));
    for (int r = 0; r < matrix.rowCount(); ++r) {
        const std::string &ns = matrix.rowNamespace(r);
        t.rowHeaders.push_back({ns.empty() ? std::string("(cluster)") : ns});
        auto &row = t.cells.emplace_back();
        for (int c = 0; c < matrix.columnCount(); ++c)
            row.push_back(matrix.cell(r, c));
    }
    return t;
}

MatrixTable tableOfView(const MatrixRowSet &rows, const std::vector<MatrixColumn> &columns, const std::string &ns,
                        const MatrixView &view, const ViewResult &result)
{
    const auto &graph = rows.graph();
    std::vector<Identity> identities;
    identities.reserve(result.rows.size());
    for (auto r : result.rows)
        identities.push_back(identityOfRow(graph, rows.rows()[r]));
    std::vector<MatrixColumn> shown;
    for (auto c : result.columns)
        shown.push_back(columns[c]);
    const NamespaceMatrix matrix(graph, ns, std::move(identities), std::move(shown));
    MatrixTable t;
    t.title = ns.empty() ? std::string("Access at cluster scope") : "Access in namespace " + ns;
    t.rowHeaderTitles = {"identity", "display name", "kind"};
    for (int c = 0; c < matrix.columnCount(); ++c)
        t.columns.push_back(matrix.column(c));
    for (int r = 0; r < matrix.rowCount(); ++r) {
        const RequesterRow &row = rows.rows()[result.rows[std::size_t(r)]];
        t.rowHeaders.push_back({row.name, row.isEntra() ? row.displayName : std::string(), rowKindName(row.kind)});
        auto &cells = t.cells.emplace_back();
        for (int c = 0; c < matrix.columnCount(); ++c)
            cells.push_back(matrix.cell(r, c));
    }
    t.notes = describeView(view, graph);
    t.notes.push_back(std::to_string(result.rows.size()) + " of " + std::to_string(rows.size()) + " identities shown.");
    return t;
}

void dropRowsWithoutAllowed(MatrixTable &t)
{
    std::size_t kept = 0;
    for (std::size_t r = 0; r < t.cells.size(); ++r) {
        const auto &row = t.cells[r];
        if (std::none_of(row.begin(), row.end(), [](const MatrixCell &c) { return c.state == MatrixCell::State::Allowed; }))
            continue;
        if (kept != r) {
            t.cells[kept] = std::move(t.cells[r]);
            t.rowHeaders[kept] = std::move(t.rowHeaders[r]);
        }
        ++kept;
    }
    const std::size_t dropped = t.cells.size() - kept;
    t.cells.resize(kept);
    t.rowHeaders.resize(kept);
    if (dropped)
        t.notes.push_back(std::to_string(dropped) + " rows that allow none of these columns are not listed.");
}

std::vector<std::string> describeView(const MatrixView &view, const PermissionGraph &graph)
{
    std::vector<std::string> out;
    std::vector<std::string> columns;
    for (auto p : view.presets)
        columns.push_back(presetLabel(p));
    columns.insert(columns.end(), view.columns.begin(), view.columns.end());
    if (!columns.empty())
        out.push_back("Columns: " + join(columns, ", ") + '.');
    if (view.onlyAllowed)
        out.push_back("Only identities allowed at least one of these columns.");
    if (!view.kinds.empty()) {
        std::vector<std::string> kinds;
        for (auto k : view.kinds)
            kinds.push_back(rowKindName(k));
        out.push_back("Kinds: " + join(kinds, ", ") + '.');
    }
    if (!view.memberOf.empty()) {
        const auto &dir = graph.snapshot().directory;
        const auto g = dir.find(view.memberOf);
        const std::string name = g != entra::NoPrincipal && !dir.at(g).displayName.empty() ? dir.at(g).displayName + " (" + view.memberOf + ')' : view.memberOf;
        out.push_back("Members of group " + name + ", transitively.");
    }
    if (view.planes)
        out.push_back("Allowed through: " + join(planeNames(view.planes), ", ") + '.');
    if (view.accounts != AccountFilter::Any)
        out.push_back(view.accounts == AccountFilter::Enabled ? "Enabled accounts only." : "Disabled accounts only.");
    return out;
}

std::string toCsv(const MatrixTable &table)
{
    std::string out;
    std::vector<std::string> header = table.rowHeaderTitles;
    for (const auto &c : table.columns)
        header.push_back(c.verb + ' ' + c.resourceLabel());
    csvRow(out, header);
    for (std::size_t r = 0; r < table.cells.size(); ++r) {
        std::vector<std::string> fields = table.rowHeaders[r];
        for (const auto &cell : table.cells[r])
            fields.push_back(cellText(cell));
        csvRow(out, fields);
    }
    return out;
}

std::string toHtml(const MatrixTable &table)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html(table.title)
        + "</title>\n<style>\n" + kStyle + "\n</style>\n</head>\n<body>\n<h1>" + html(table.title) + "</h1>\n";
    out += "<p class=\"legend\"><span class=\"y\" style=\"background:#c8f0d0\">&#10003; allowed</span>"
           "<span style=\"background:#fff1b8\">~ some names only</span><span style=\"background:#dde7ff\">? conditional (Azure ABAC)</span>"
           "<span>blank: denied</span></p>\n<table>\n";
    htmlHead(out, table);
    htmlBody(out, table);
    out += "</table>\n";
    for (const auto &note : table.notes)
        out += "<p class=\"notes\">" + html(note) + "</p>\n";
    out += "<p class=\"notes\">Generated by Clearance " CLEARANCE_VERSION ".</p>\n</body>\n</html>\n";
    return out;
}

} // namespace clr::gen
