// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to clearance_core: which files a path stands for, reading them, and the checks on raw
// bytes (size, binary, encoding) that come before any parsing.

#include "common/diagnostics.h"
#include "loadcontext_p.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace clr::detail {

struct PlannedFile
{
    std::string name; // as the user gave it (folder entries: the folder as given + relative path)
    std::filesystem::path path;
    std::int64_t size = -1; // -1: a stream (stdin, pipe) whose size is known once read
    bool standardInput = false;
};

/**
 * Expands a path: "-" is standard input, a folder yields its .yaml/.yml/.json files recursively in
 * sorted order (hidden entries skipped), anything else is taken as given whatever its extension.
 * Problems (missing path, unreadable folder) become diagnostics.
 */
void planPath(const std::string &given, std::vector<PlannedFile> &out, Diagnostics &diagnostics);

/**
 * Reads a whole file or stream; false with a message (missing, unreadable, larger than
 * limits::kMaxFileSize: no export of one cluster and tenant comes near, and parsing takes several
 * times the file size in memory). A stream stops between chunks once `cancel` is set.
 */
bool readFile(const PlannedFile &file, std::string &content, std::string &error, const std::atomic<bool> *cancel);

/**
 * The text to parse: UTF-16 (PowerShell's `>`) converted into `converted`, a UTF-8 BOM dropped.
 * Empty and binary content is reported on ctx and yields nullopt.
 */
std::optional<std::string_view> prepareText(std::string_view content, std::string &converted, FileContext &ctx);

} // namespace clr::detail
