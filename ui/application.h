// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace clr::ui {

/** Creates the QApplication and the main window, opens the paths given (or the demo), runs the loop. */
int runDesktop(int argc, char *argv[]);

} // namespace clr::ui
