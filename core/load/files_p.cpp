// SPDX-License-Identifier: GPL-3.0-or-later
#include "files_p.h"

#include "common/strings.h"
#include "load/limits.h"

#include <QString>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <iostream>
#include <set>
#include <utility>

namespace clr::detail {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBinaryProbe = 8192;

bool isDataFile(const fs::path &path)
{
    const std::string ext = toLower(path.extension().string());
    return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool isHidden(const fs::path &path)
{
    const std::string name = path.filename().string();
    return name.size() > 1 && name.front() == '.';
}

/** The files of a folder, recursively; a folder reached twice (through a symbolic link) is read once. */
class FolderWalk
{
public:
    FolderWalk(const std::string &given, const fs::path &root, Diagnostics &diagnostics)
        : m_prefix(given.back() == '/' ? given : given + '/'), m_given(given), m_root(root), m_diagnostics(diagnostics)
    {
    }

    std::vector<PlannedFile> run()
    {
        visit(m_root);
        std::sort(m_found.begin(), m_found.end(), [](const PlannedFile &a, const PlannedFile &b) { return a.name < b.name; });
        return std::move(m_found);
    }

private:
    std::string nameOf(const fs::path &path) const
    {
        const std::string relative = path.lexically_relative(m_root).generic_string();
        return relative.empty() || relative == "." ? m_given : m_prefix + relative;
    }

    void report(const fs::path &path, std::string message)
    {
        m_diagnostics.push_back({Diagnostic::Severity::Error, nameOf(path), 0, 0, std::move(message)});
    }

    void visit(const fs::path &folder)
    {
        std::error_code ec;
        const fs::path canonical = fs::canonical(folder, ec);
        if (!ec && !m_visited.insert(canonical.string()).second)
            return; // a symbolic link back into the tree
        fs::directory_iterator it(folder, ec);
        if (ec) {
            report(folder, "cannot read this folder: " + ec.message() + "; its files were not loaded");
            return;
        }
        for (const fs::directory_iterator end; it != end; it.increment(ec)) {
            entry(*it);
        }
        if (ec)
            report(folder, "cannot read the whole folder: " + ec.message() + "; loaded what was listed before");
    }

    void entry(const fs::directory_entry &entry)
    {
        const fs::path &path = entry.path();
        if (isHidden(path)) // .git, .github workflows: never exports
            return;
        std::error_code ec;
        const fs::file_status status = entry.status(ec); // follows symbolic links
        if (status.type() == fs::file_type::not_found || (ec && status.type() == fs::file_type::none)) {
            std::error_code linkError;
            if (entry.is_symlink(linkError) && (isDataFile(path) || !path.has_extension()))
                report(path, "cannot read: a symbolic link to something that does not exist");
            else if (ec && isDataFile(path))
                report(path, "cannot read: " + ec.message());
            return;
        }
        if (fs::is_directory(status)) {
            visit(path);
            return;
        }
        if (!isDataFile(path))
            return;
        if (!fs::is_regular_file(status)) {
            report(path, "not a regular file (a pipe, socket or device); skipped, since reading it could wait forever");
            return;
        }
        const auto size = entry.file_size(ec);
        m_found.push_back({nameOf(path), path, ec ? -1 : std::int64_t(size), false});
    }

    std::string m_prefix;
    std::string m_given;
    fs::path m_root;
    Diagnostics &m_diagnostics;
    std::vector<PlannedFile> m_found;
    std::set<std::string> m_visited;
};

std::string sizeLimit()
{
    return std::to_string(limits::kMaxFileSize >> 20) + " MiB";
}

/** Reads to the end; refuses past the size limit (a stream's size is not known in advance). */
bool readStream(std::istream &in, std::string &content, std::string &error, const std::atomic<bool> *cancel)
{
    std::string chunk(std::size_t(1) << 20, '\0');
    while (in) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            error = "not read to the end: loading was cancelled";
            return false;
        }
        in.read(chunk.data(), std::streamsize(chunk.size()));
        content.append(chunk.data(), std::size_t(in.gcount()));
        if (std::int64_t(content.size()) > limits::kMaxFileSize) {
            error = "input is larger than the limit of " + sizeLimit() + "; refusing to load it";
            return false;
        }
    }
    if (cancel && cancel->load(std::memory_order_relaxed)) { // a read interrupted by Ctrl+C ends like end of input
        error = "not read to the end: loading was cancelled";
        return false;
    }
    if (in.bad()) {
        error = "cannot read: " + std::string(std::strerror(errno));
        return false;
    }
    return true;
}

std::string utf16ToUtf8(std::string_view bytes, bool bigEndian)
{
    std::u16string units;
    units.reserve(bytes.size() / 2);
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        const auto hi = static_cast<unsigned char>(bytes[bigEndian ? i : i + 1]);
        const auto lo = static_cast<unsigned char>(bytes[bigEndian ? i + 1 : i]);
        units.push_back(char16_t((hi << 8) | lo));
    }
    return QString::fromStdU16String(units).toStdString();
}

} // namespace

void planPath(const std::string &given, std::vector<PlannedFile> &out, Diagnostics &diagnostics)
{
    if (given == "-") {
        out.push_back({given, {}, -1, true});
        return;
    }
    const fs::path path(given);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found || (ec && status.type() == fs::file_type::none)) {
        const std::string reason = ec ? ec.message() : std::string("No such file or directory");
        diagnostics.push_back({Diagnostic::Severity::Error, given, 0, 0, "cannot open: " + reason});
        return;
    }
    if (fs::is_directory(status)) {
        std::vector<PlannedFile> found = FolderWalk(given, path, diagnostics).run();
        std::move(found.begin(), found.end(), std::back_inserter(out));
        return;
    }
    std::int64_t size = -1;
    if (fs::is_regular_file(status)) {
        const auto bytes = fs::file_size(path, ec);
        size = ec ? -1 : std::int64_t(bytes);
    }
    out.push_back({given, path, size, false});
}

bool readFile(const PlannedFile &file, std::string &content, std::string &error, const std::atomic<bool> *cancel)
{
    if (file.standardInput)
        return readStream(std::cin, content, error, cancel);
    if (file.size > limits::kMaxFileSize) {
        error = "file is larger than the limit of " + sizeLimit() + " (" + std::to_string(file.size >> 20)
            + " MiB); refusing to load it";
        return false;
    }
    errno = 0;
    std::ifstream in(file.path, std::ios::binary);
    if (!in) {
        error = "cannot open: " + std::string(errno ? std::strerror(errno) : "unreadable");
        return false;
    }
    if (file.size > 0) { // read straight into place; readStream() then picks up anything appended since
        content.resize(std::size_t(file.size));
        in.read(content.data(), std::streamsize(file.size));
        content.resize(std::size_t(in.gcount()));
    }
    return readStream(in, content, error, cancel);
}

std::optional<std::string_view> prepareText(std::string_view content, std::string &converted, FileContext &ctx)
{
    if (content.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        ctx.warn({}, "empty file");
        return std::nullopt;
    }
    const bool utf16le = content.size() >= 2 && content[0] == '\xff' && content[1] == '\xfe';
    const bool utf16be = content.size() >= 2 && content[0] == '\xfe' && content[1] == '\xff';
    if (utf16le || utf16be) { // Windows PowerShell 5 writes `>` redirections as UTF-16
        converted = utf16ToUtf8(content, utf16be);
        content = converted;
    }
    if (std::memchr(content.data(), '\0', std::min(content.size(), kBinaryProbe))) {
        ctx.warn({}, "binary file, skipped");
        return std::nullopt;
    }
    if (content.substr(0, 3) == "\xef\xbb\xbf")
        content.remove_prefix(3);
    return content;
}

} // namespace clr::detail
