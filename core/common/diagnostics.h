// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace clr {

/** Where an object came from: a file of the snapshot and a 1-based line/column (0 = unknown). */
struct SourceRef
{
    std::uint32_t file = 0; // index into Snapshot::files; 0 = no file (implicit or generated object)
    int line = 0;
    int column = 0;
};

/**
 * A non-fatal finding while loading or evaluating: a parse error, a skipped object, a dangling
 * reference. Core never shows dialogs; it collects these and the CLI/UI present them.
 */
struct Diagnostic
{
    enum class Severity : std::uint8_t { Info, Warning, Error };
    Severity severity = Severity::Warning;
    std::string file;    // path as given by the user ("-" for stdin, "<demo>/x.yaml" for the demo)
    int line = 0;        // 1-based, 0 when unknown
    int column = 0;      // 1-based, 0 when unknown
    std::string message; // one sentence, no trailing period needed

    /** "FILE:LINE:COLUMN: message" (the parts that are known), the format compilers use. */
    std::string toString() const;
};

using Diagnostics = std::vector<Diagnostic>;

} // namespace clr
