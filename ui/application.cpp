// SPDX-License-Identifier: GPL-3.0-or-later
#include "application.h"

#include "mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

namespace clr::ui {

namespace {

/** The window icon, rendered with QSvgRenderer so it shows even without the SVG icon-engine plugin. */
QIcon appIcon()
{
    const QString path = QStringLiteral(":/clearance/icons/clearance.svg");
    QSvgRenderer renderer(path);
    if (!QFile::exists(path) || !renderer.isValid())
        return {}; // the platform's default icon then
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter painter(&pm);
        renderer.render(&painter);
        painter.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace

int runDesktop(int argc, char *argv[], const RemoteServices &remote)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Clearance"));
    QApplication::setOrganizationName(QStringLiteral("Clearance"));
    QApplication::setApplicationVersion(QStringLiteral(CLEARANCE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.clearance.Clearance"));
    QApplication::setWindowIcon(appIcon());

    MainWindow window;
    window.setRemoteServices(remote);
    window.show();
    // QApplication has already taken its own options (-platform, -style...) out of arguments().
    const QStringList paths = QApplication::arguments().mid(1);
    if (paths.isEmpty())
        window.openDemo();
    else
        window.openPaths(paths);
    return QApplication::exec();
}

} // namespace clr::ui
