// SPDX-License-Identifier: GPL-3.0-or-later
#include "files_p.h"

#include "common/strings.h"

#include <QString>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <iostream>
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

void planFolder(const std::string &given, const fs::path &folder, std::vector<PlannedFile> &out,
                Diagnostics &diagnostics)
{
    std::vector<PlannedFile> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
        std::error_code entryError;
        if (isHidden(it->path())) { // .git, .github workflows: never exports
            if (it->is_directory(entryError))
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file(entryError) || !isDataFile(it->path()))
            continue;
        const std::string relative = it->path().lexically_relative(folder).generic_string();
        const std::string prefix = given.back() == '/' ? given : given + '/';
        const auto size = it->file_size(entryError);
        found.push_back({prefix + relative, it->path(), entryError ? -1 : std::int64_t(size), false});
    }
    if (ec) {
        diagnostics.push_back({Diagnostic::Severity::Error, given, 0, 0,
                               "cannot read the whole folder: " + ec.message() + "; loaded what was listed before"});
    }
    std::sort(found.begin(), found.end(), [](const PlannedFile &a, const PlannedFile &b) { return a.name < b.name; });
    std::move(found.begin(), found.end(), std::back_inserter(out));
}

/** Reads to the end; refuses past kMaxFileSize (a stream's size is not known in advance). */
bool readStream(std::istream &in, std::string &content, std::string &error)
{
    std::string chunk(std::size_t(1) << 20, '\0');
    while (in) {
        in.read(chunk.data(), std::streamsize(chunk.size()));
        content.append(chunk.data(), std::size_t(in.gcount()));
        if (std::int64_t(content.size()) > kMaxFileSize) {
            error = "input is larger than 512 MiB; refusing to load it";
            return false;
        }
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
        planFolder(given, path, out, diagnostics);
        return;
    }
    std::int64_t size = -1;
    if (fs::is_regular_file(status)) {
        const auto bytes = fs::file_size(path, ec);
        size = ec ? -1 : std::int64_t(bytes);
    }
    out.push_back({given, path, size, false});
}

bool readFile(const PlannedFile &file, std::string &content, std::string &error)
{
    if (file.standardInput)
        return readStream(std::cin, content, error);
    if (file.size > kMaxFileSize) {
        error = "file is larger than 512 MiB (" + std::to_string(file.size >> 20) + " MiB); refusing to load it";
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
    return readStream(in, content, error);
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
