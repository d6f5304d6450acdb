// SPDX-License-Identifier: GPL-3.0-or-later
#include "application.h"

#include <QApplication>
#include <QMainWindow>

namespace clr::ui {

int runDesktop(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMainWindow window; // placeholder until the main window lands
    window.setWindowTitle(QStringLiteral("Clearance"));
    window.show();
    return app.exec();
}

} // namespace clr::ui
