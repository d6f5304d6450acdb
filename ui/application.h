// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace clr::ui {

struct RemoteServices;

/**
 * Creates the QApplication and the main window, opens the paths given (or the demo), runs the loop.
 * `remote` provides File → Connect… (without it the action is disabled).
 */
int runDesktop(int argc, char *argv[], const RemoteServices &remote);

} // namespace clr::ui
