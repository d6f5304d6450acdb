// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics.h"

namespace clr {

std::string Diagnostic::toString() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    out += ": ";
    if (severity == Severity::Error)
        out += "error: ";
    else if (severity == Severity::Warning)
        out += "warning: ";
    out += message;
    return out;
}

} // namespace clr
