// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "generate/matrixview.h"

#include <optional>
#include <string>
#include <vector>

namespace clr::gen {

/**
 * Named matrix views, kept in the user's settings file: the desktop app's (organization and application
 * "Clearance", INI format), so `clearance export --what matrix --view NAME` finds the views saved in the
 * window. Views hold no secret: column picks, kinds, a group's object ID, a sort.
 */
class MatrixViewStore final
{
public:
    /** The names of the saved views, sorted. */
    std::vector<std::string> names() const;
    /** The view saved under `name`; nullopt with a message when there is none or it cannot be read. */
    std::optional<MatrixView> load(const std::string &name, std::string *error = nullptr) const;
    /** Saves (or replaces) a view; false with a message when the settings cannot be written. */
    bool save(const std::string &name, const MatrixView &view, std::string *error = nullptr) const;
    bool remove(const std::string &name) const;
};

} // namespace clr::gen
