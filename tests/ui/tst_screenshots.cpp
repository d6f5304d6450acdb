// SPDX-License-Identifier: GPL-3.0-or-later
// Regenerates the README screenshots of every tab on the demo. Opt-in: it only runs with
// CLEARANCE_SCREENSHOT_DIR set, under a real X server so fonts and styles are the user's:
//   CLEARANCE_SCREENSHOT_DIR=docs/screenshots QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" tests/tst_screenshots
// With CLEARANCE_SCREENSHOT_TENANT=DIR (a tenant written by clearance-gen-tenant, the benchmark's by default
// size) it also shows the matrix answering "who can write secrets in finance-app" on that tenant.
#include "compare/changespanel.h"
#include "compare/comparecontroller.h"
#include "explain/explanationview.h"
#include "graph/graphpage.h"
#include "identities/identitiespanel.h"
#include "mainwindow.h"
#include "matrix/matrixfilterbar.h"
#include "matrix/matrixpage.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"
#include "models/whocanmodel.h"
#include "problems/problemspanel.h"
#include "problems/sourceviewer.h"
#include "roles/rolespage.h"
#include "whocan/whocanpage.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace clr;
using namespace clr::ui;

class TestScreenshots final : public QObject
{
    Q_OBJECT

private:
    QString m_dir;
    QTemporaryDir m_settings;
    std::unique_ptr<MainWindow> m_window;

    SubjectRef user(const char *upn) const
    {
        return *m_window->session()->catalog->findKubernetesUser(upn);
    }
    void save(QWidget *widget, const QString &name)
    {
        if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("explanationDock")))
            dock->raise(); // other panels may share its tab
        QTest::qWait(300); // let queued layouts and repaints land
        QVERIFY(widget->grab().save(QDir(m_dir).filePath(name)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("CLEARANCE_SCREENSHOT_DIR");
        if (m_dir.isEmpty())
            QSKIP("set CLEARANCE_SCREENSHOT_DIR to write the README screenshots");
        QDir().mkpath(m_dir);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1560, 940);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy loaded(m_window.get(), &MainWindow::snapshotLoaded);
        m_window->openDemo();
        QVERIFY(loaded.wait(20000));
        QTest::qWait(200);
    }

    void matrix()
    {
        save(m_window.get(), QStringLiteral("matrix.png"));
    }

    void explanation()
    {
        auto *model = m_window->matrixPage()->namespaceModel();
        const QModelIndex cell = m_window->matrixPage()->viewIndex(
            model->index(model->rowOf(user("enrico.cattaneo@contoso.com")), model->columnOf(QStringLiteral("pods/exec"), QStringLiteral("create"))));
        m_window->matrixPage()->view()->setCurrentIndex(cell);
        m_window->matrixPage()->view()->scrollTo(cell);
        save(m_window.get(), QStringLiteral("explanation.png"));
    }

    void whoCan()
    {
        m_window->tabs()->setCurrentWidget(m_window->whoCanPage());
        QTRY_VERIFY(m_window->whoCanPage()->model()->rowCount() > 0);
        QVERIFY(m_window->whoCanPage()->selectSubject(user("megan.bowen@contoso.com")));
        save(m_window.get(), QStringLiteral("whocan.png"));
    }

    void graph()
    {
        // The diagram wants room: close the panels, as a user would for a wide graph.
        QVERIFY(m_window->identitiesPanel()->selectSubject(user("megan.bowen@contoso.com")));
        const auto docks = m_window->findChildren<QDockWidget *>();
        for (auto *dock : docks)
            dock->hide();
        m_window->tabs()->setCurrentWidget(m_window->graphPage());
        save(m_window.get(), QStringLiteral("graph.png"));
        for (auto *dock : docks)
            dock->show();
    }

    void roles()
    {
        QVERIFY(m_window->activateRef(QStringLiteral("clusterrole:view")));
        save(m_window.get(), QStringLiteral("roles.png"));
    }

    void problems()
    {
        m_window->tabs()->setCurrentWidget(m_window->matrixPage());
        auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("problemsDock"));
        m_window->resizeDocks({dock}, {260}, Qt::Vertical);
        QTreeView *view = m_window->problemsPanel()->view();
        view->setCurrentIndex(view->model()->index(0, 0));
        save(m_window.get(), QStringLiteral("problems.png"));
        const QModelIndex first = view->model()->index(0, 0);
        m_window->showSource(first.data(FileRole).toString(), first.data(LineRole).toInt());
        save(m_window->sourceViewer(), QStringLiteral("source.png"));
    }

    void compare()
    {
        // HEAD: the demo with a pull request applied. The log reader moves to finance-app, where it was
        // meant to be, and the developers become read-only on core and apps resources.
        QTemporaryDir head;
        QVERIFY(head.isValid());
        const QDir demo(QStringLiteral(CLEARANCE_TEST_DATA "/../../resources/demo"));
        for (const QString &name : demo.entryList({QStringLiteral("*.json"), QStringLiteral("*.yaml")}, QDir::Files)) {
            QFile in(demo.filePath(name));
            QVERIFY(in.open(QIODevice::ReadOnly));
            QString text = QString::fromUtf8(in.readAll());
            if (name == QStringLiteral("k8s-finance-app.yaml")) {
                text.replace(QStringLiteral("  name: finance-app-log-reader\n"), QStringLiteral("  name: finance-app-log-reader\n  namespace: finance-app\n"));
                text.replace(QStringLiteral("  name: finance-app-log-reader-binding\n"), QStringLiteral("  name: finance-app-log-reader-binding\n  namespace: finance-app\n"));
                text.replace(QStringLiteral("  resources: [\"*\"]\n  verbs: [\"*\"]"), QStringLiteral("  resources: [\"*\"]\n  verbs: [\"get\", \"list\", \"watch\"]"));
            }
            QFile out(QDir(head.path()).filePath(name));
            QVERIFY(out.open(QIODevice::WriteOnly) && out.write(text.toUtf8()) > 0);
        }
        m_window->tabs()->setCurrentWidget(m_window->matrixPage());
        QVERIFY(m_window->matrixPage()->setNamespace(QStringLiteral("finance-app")));
        m_window->compareWith({head.path()});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->comparison()->comparison() != nullptr, 20000);
        auto *changes = m_window->findChild<QDockWidget *>(QStringLiteral("changesDock"));
        m_window->resizeDocks({changes}, {330}, Qt::Vertical);
        m_window->changesPanel()->view()->expandAll();
        auto *model = m_window->matrixPage()->namespaceModel();
        const QModelIndex cell = m_window->matrixPage()->viewIndex(
            model->index(model->rowOf(user("patti.fernandez@contoso.com")), model->columnOf(QStringLiteral("pods/log"), QStringLiteral("get"))));
        m_window->matrixPage()->view()->setCurrentIndex(cell);
        m_window->matrixPage()->view()->scrollTo(cell);
        changes->raise();
        QTest::qWait(300);
        m_window->matrixPage()->view()->scrollTo(cell, QAbstractItemView::PositionAtCenter);
        QTest::qWait(200);
        QVERIFY(m_window->grab().save(QDir(m_dir).filePath(QStringLiteral("compare.png"))));
        m_window->comparison()->close();
    }

    // Last: it replaces the demo with the enterprise tenant.
    /** The three clicks on the enterprise tenant: the namespace, then the Write access and Secrets presets. */
    void enterpriseSecretWriters()
    {
        const QString tenant = qEnvironmentVariable("CLEARANCE_SCREENSHOT_TENANT");
        if (tenant.isEmpty())
            QSKIP("set CLEARANCE_SCREENSHOT_TENANT to a generated tenant for the enterprise matrix screenshot");
        QSignalSpy loaded(m_window.get(), &MainWindow::snapshotLoaded);
        m_window->openPaths({tenant});
        QVERIFY(loaded.wait(300000));
        MatrixPage *page = m_window->matrixPage();
        m_window->tabs()->setCurrentWidget(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isFiltering(), 300000);
        auto *combo = page->findChild<QComboBox *>(QStringLiteral("namespaceCombo"));
        QSignalSpy applied(page, &MatrixPage::viewApplied);
        combo->setCurrentIndex(combo->findText(QStringLiteral("finance-app")));
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0 && !page->isFiltering(), 300000);
        applied.clear();
        QTest::mouseClick(page->filterBar()->presetButton(gen::ColumnPreset::Write), Qt::LeftButton);
        QTest::mouseClick(page->filterBar()->presetButton(gen::ColumnPreset::Secrets), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0 && !page->isFiltering(), 300000);
        QTest::qWait(500);
        save(m_window.get(), QStringLiteral("matrix-secrets.png"));
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
