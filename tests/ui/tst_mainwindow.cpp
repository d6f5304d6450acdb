// SPDX-License-Identifier: GPL-3.0-or-later
// The flows on the real window (offscreen): open the demo, pick a namespace, check a known
// cell, run a who-can, select a result and read its explanation, follow a link, open a file with an
// error and see it in Problems, and the window chrome (title, recent files, shortcuts, drops).
#include "explain/explanationview.h"
#include "graph/graphpage.h"
#include "graph/graphscene.h"
#include "identities/identitiespanel.h"
#include "loadjob.h"
#include "mainwindow.h"
#include "matrix/matrixpage.h"
#include "models/identityfilterproxy.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"
#include "models/principalmatrixmodel.h"
#include "models/problemsmodel.h"
#include "models/rolerulesmodel.h"
#include "models/whocanmodel.h"
#include "models/whocanproxy.h"
#include "problems/codeview.h"
#include "problems/problemspanel.h"
#include "problems/sourceviewer.h"
#include "roles/rolespage.h"
#include "whocan/whocanpage.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace clr;
using namespace clr::ui;

namespace {
constexpr int kLoadTimeout = 20000;
const QString kMegan = QStringLiteral("megan.bowen@contoso.com");
} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<MainWindow> m_window;

    SubjectRef user(const QString &upn) const
    {
        const auto ref = m_window->session()->catalog->findKubernetesUser(upn.toStdString());
        return ref ? *ref : SubjectRef{SubjectKind::UnresolvedPrincipal, 0};
    }
    bool waitForLoad(MainWindow &window, const std::function<void()> &start)
    {
        QSignalSpy loaded(&window, &MainWindow::snapshotLoaded);
        start();
        return loaded.wait(kLoadTimeout) || loaded.count() > 0;
    }
    void openDemo()
    {
        QVERIFY(waitForLoad(*m_window, [this] { m_window->openDemo(); }));
        QVERIFY(m_window->session() && m_window->session()->demo);
    }
    QModelIndex matrixCell(const QString &upn, const QString &resource, const QString &verb) const
    {
        auto *model = m_window->matrixPage()->namespaceModel();
        return model->index(model->rowOf(user(upn)), model->columnOf(resource, verb));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("ClearanceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

    void demoOpensOnFinanceApp()
    {
        openDemo();
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Clearance — Contoso demo"));
        QCOMPARE(m_window->matrixPage()->namespaceName(), QStringLiteral("finance-app"));
        const auto *summary = m_window->findChild<QLabel *>(QStringLiteral("statusSummary"));
        QVERIFY(summary->text().contains(QStringLiteral("aks-contoso-prod")));
        QVERIFY(summary->text().contains(QStringLiteral("Azure RBAC on")));
        // The first screen already explains a cell.
        QVERIFY(m_window->explanationView()->toPlainText().contains(QStringLiteral("can delete pods")));
        QVERIFY(!m_window->explanationView()->explanation().paths.empty());
    }

    void pickNamespaceAndCheckCells()
    {
        auto *combo = m_window->findChild<QComboBox *>(QStringLiteral("namespaceCombo"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("default")));
        combo->setCurrentIndex(combo->findText(QStringLiteral("finance-app")));
        QCOMPARE(m_window->matrixPage()->namespaceName(), QStringLiteral("finance-app"));

        const QModelIndex megan = matrixCell(kMegan, QStringLiteral("pods"), QStringLiteral("delete"));
        QVERIFY(megan.isValid());
        QCOMPARE(megan.data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        QCOMPARE(megan.data(PlanesRole).toInt(), int(planeBit(Plane::Kubernetes)));
        const QModelIndex enrico = matrixCell(QStringLiteral("enrico.cattaneo@contoso.com"), QStringLiteral("pods"), QStringLiteral("delete"));
        QCOMPARE(enrico.data(PlanesRole).toInt(), int(planeBit(Plane::Azure)));
        const QModelIndex enricoExec = matrixCell(QStringLiteral("enrico.cattaneo@contoso.com"), QStringLiteral("pods/exec"), QStringLiteral("create"));
        QCOMPARE(enricoExec.data(CellStateRole).toInt(), int(MatrixCell::State::Denied)); // notDataActions
        const QModelIndex diego = matrixCell(QStringLiteral("diego.siciliani@contoso.com"), QStringLiteral("pods"), QStringLiteral("delete"));
        QCOMPARE(diego.data(PlanesRole).toInt(), int(planeBit(Plane::AdminCredential)));
        const QModelIndex patti = matrixCell(QStringLiteral("patti.fernandez@contoso.com"), QStringLiteral("pods/log"), QStringLiteral("get"));
        QCOMPARE(patti.data(CellStateRole).toInt(), int(MatrixCell::State::Denied)); // her Role landed in default

        // Click the cell: the explanation follows the selection.
        QTableView *view = m_window->matrixPage()->view();
        view->scrollTo(megan);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(megan).center());
        QCOMPARE(view->currentIndex(), megan);
        const QString text = m_window->explanationView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Megan Bowen can delete pods")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("finance-app-full-access-role-binding")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Finance App Developers")), qPrintable(text));
        QVERIFY(view->model()->data(megan, Qt::ToolTipRole).toString().contains(QStringLiteral("Kubernetes RBAC")));

        // A denied cell explains its nearest misses.
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(enricoExec).center());
        QVERIFY(!m_window->explanationView()->explanation().decision.allowed);
        QVERIFY(!m_window->explanationView()->explanation().misses.empty());
        QVERIFY(m_window->explanationView()->toPlainText().contains(QStringLiteral("Nearest misses")));

        combo->setCurrentIndex(combo->findText(QStringLiteral("default")));
        QCOMPARE(matrixCell(QStringLiteral("patti.fernandez@contoso.com"), QStringLiteral("pods/log"), QStringLiteral("get")).data(CellStateRole).toInt(),
                 int(MatrixCell::State::Allowed));
        combo->setCurrentIndex(combo->findText(QStringLiteral("finance-app")));
    }

    void whoCanAndExplain()
    {
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->whoCanPage());
        auto *page = m_window->whoCanPage();
        auto *resource = page->findChild<QLineEdit *>(QStringLiteral("whoCanResource"));
        auto *ns = page->findChild<QComboBox *>(QStringLiteral("whoCanNamespace"));
        auto *verb = page->findChild<QComboBox *>(QStringLiteral("whoCanVerb"));
        QCOMPARE(verb->currentText(), QStringLiteral("delete")); // the defaults
        QCOMPARE(resource->text(), QStringLiteral("pods"));
        QCOMPARE(ns->currentText(), QStringLiteral("finance-app"));
        QSignalSpy ready(page, &WhoCanPage::resultsReady);
        resource->clear();
        QTest::keyClicks(resource, QStringLiteral("pods"));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("whoCanRun")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() > 0, kLoadTimeout);
        QVERIFY2(page->summaryText().contains(QStringLiteral("can delete pods")), qPrintable(page->summaryText()));

        auto *model = page->model();
        const auto planesOf = [&](const QString &upn) {
            const int row = model->rowOf(user(upn));
            return row < 0 ? -1 : model->index(row, 0).data(PlanesRole).toInt();
        };
        QCOMPARE(planesOf(kMegan), int(planeBit(Plane::Kubernetes)));
        QCOMPARE(planesOf(QStringLiteral("enrico.cattaneo@contoso.com")), int(planeBit(Plane::Azure)));
        QCOMPARE(planesOf(QStringLiteral("johanna.lorenz@contoso.com")), int(planeBit(Plane::Azure)));
        QVERIFY(planesOf(QStringLiteral("adele.vance@contoso.com")) & planeBit(Plane::AksAdminGroup));
        QVERIFY(planesOf(QStringLiteral("allan.deyoung@contoso.com")) & planeBit(Plane::AdminCredential));
        QCOMPARE(planesOf(QStringLiteral("patti.fernandez@contoso.com")), -1);
        const int nestor = model->rowOf(user(QStringLiteral("nestor.wilke@contoso.com")));
        QVERIFY(model->index(nestor, 0).data().toString().endsWith(QStringLiteral("(disabled)")));

        // Select Diego's result: the explanation names the admin credential path.
        QVERIFY(page->selectSubject(user(QStringLiteral("diego.siciliani@contoso.com"))));
        const QString text = m_window->explanationView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Diego Siciliani can delete pods")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Admin credential")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("listClusterAdminCredential")), qPrintable(text));

        // The filter box narrows the list.
        page->findChild<QLineEdit *>(QStringLiteral("whoCanFilter"))->setText(QStringLiteral("megan"));
        QCOMPARE(page->proxy()->rowCount(), 1);
        page->findChild<QLineEdit *>(QStringLiteral("whoCanFilter"))->clear();
    }

    void explanationLinksSelectObjects()
    {
        QVERIFY(m_window->whoCanPage()->selectSubject(user(kMegan)));
        auto *explanation = m_window->explanationView();
        QString bindingLink, groupLink;
        for (const auto &path : explanation->explanation().paths) {
            for (const auto &step : path.steps) {
                if (step.ref.kind == ObjectRef::Kind::RoleBinding)
                    bindingLink = QString::fromStdString(step.ref.toString());
                if (step.kind == PathStep::Kind::Group)
                    groupLink = QString::fromStdString(step.ref.toString());
            }
        }
        QCOMPARE(bindingLink, QStringLiteral("rolebinding:finance-app/finance-app-full-access-role-binding"));
        QVERIFY(explanation->toHtml().contains(QStringLiteral("clr:rolebinding")));
        Q_EMIT explanation->anchorClicked(QUrl(QStringLiteral("clr:") + QString::fromLatin1(QUrl::toPercentEncoding(bindingLink))));
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->rolesPage());
        QCOMPARE(m_window->rolesPage()->currentRef(), bindingLink);
        QVERIFY(m_window->rolesPage()->table()->model()->rowCount() >= 1); // the binding's subjects

        QVERIFY(!groupLink.isEmpty());
        QVERIFY(m_window->activateRef(groupLink));
        const auto current = m_window->identitiesPanel()->currentSubject();
        QVERIFY(current);
        QCOMPARE(m_window->session()->catalog->name(*current), QStringLiteral("Finance App Developers"));
        QVERIFY(!m_window->activateRef(QStringLiteral("clusterrole:does-not-exist")));
    }

    void rolesTabShowsAggregation()
    {
        QVERIFY(m_window->activateRef(QStringLiteral("clusterrole:view")));
        auto *table = m_window->rolesPage()->table();
        bool fromCertManager = false;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            fromCertManager = fromCertManager || table->model()->index(r, RoleRulesModel::OriginColumn).data().toString() == QStringLiteral("cert-manager-view");
        QVERIFY(fromCertManager);
        QVERIFY(m_window->rolesPage()->details()->toPlainText().contains(QStringLiteral("Aggregated")));
    }

    void identitiesFilterAndOneIdentityView()
    {
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        auto *filter = m_window->findChild<QLineEdit *>(QStringLiteral("identityFilter"));
        QVERIFY(filter->hasFocus());
        QTest::keyClicks(filter, QStringLiteral("megan"));
        auto *proxy = m_window->identitiesPanel()->proxy();
        QTRY_COMPARE(proxy->filterText(), QStringLiteral("megan"));
        QCOMPARE(proxy->rowCount(), 1); // only the Users folder keeps a match
        QCOMPARE(proxy->rowCount(proxy->index(0, 0)), 1);
        filter->clear();
        m_window->identitiesPanel()->setFilterText(QString());

        m_window->matrixPage()->setMode(MatrixPage::Mode::OneIdentity);
        QVERIFY(m_window->identitiesPanel()->selectSubject(user(kMegan)));
        auto *model = m_window->matrixPage()->principalModel();
        QCOMPARE(model->subject(), std::optional(user(kMegan)));
        const int col = model->columnOf(QStringLiteral("pods"), QStringLiteral("delete"));
        QCOMPARE(model->index(model->rowOf("finance-app"), col).data(CellStateRole).toInt(), int(MatrixCell::State::Allowed));
        QCOMPARE(model->index(model->rowOf("payments"), col).data(CellStateRole).toInt(), int(MatrixCell::State::Denied));

        m_window->matrixPage()->setMode(MatrixPage::Mode::Selection);
        QVERIFY(m_window->identitiesPanel()->selectSubject(m_window->session()->catalog->principalRef(
            m_window->session()->graph->snapshot().directory.find("9e4fa8be-f0d1-4db6-80a9-c7657ab4403d")))); // Finance App Developers
        QCOMPARE(m_window->matrixPage()->namespaceModel()->rowCount(), 5); // its transitive members
        m_window->matrixPage()->setMode(MatrixPage::Mode::AllIdentities);
        QCOMPARE(std::size_t(m_window->matrixPage()->namespaceModel()->rowCount()), m_window->session()->catalog->allRequesters().size());
    }

    void graphTab()
    {
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->graphPage());
        QVERIFY(m_window->identitiesPanel()->selectSubject(user(kMegan)));
        const QString dump = m_window->graphPage()->neighbourhood().dump();
        QVERIFY2(dump.contains(QStringLiteral("Megan Bowen -> Finance App Developers")), qPrintable(dump));
        QVERIFY2(dump.contains(QStringLiteral("Finance App Developers -> finance-app-full-access-role-binding")), qPrintable(dump));
        QVERIFY(!m_window->graphPage()->scene()->nodeItems().empty());
        QTemporaryDir out;
        QVERIFY(m_window->graphPage()->exportPng(out.filePath(QStringLiteral("g.png"))));
        QVERIFY(m_window->graphPage()->exportSvg(out.filePath(QStringLiteral("g.svg"))));
        QVERIFY(QImage(out.filePath(QStringLiteral("g.png"))).width() > 200);
        QFile svg(out.filePath(QStringLiteral("g.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }

    void fileWithErrorShowsInProblems()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("bad.yaml")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: x, namespace: [oops\n");
        bad.close();
        QFile good(dir.filePath(QStringLiteral("good.yaml")));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("apiVersion: v1\nkind: Namespace\nmetadata: {name: only-here}\n");
        good.close();
        QVERIFY(waitForLoad(*m_window, [&] { m_window->openPaths({dir.path()}); }));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Clearance — %1").arg(QFileInfo(dir.path()).fileName()));
        auto *problems = m_window->problemsPanel();
        int row = -1;
        for (int r = 0; r < problems->model()->rowCount(); ++r) {
            if (problems->model()->index(r, 0).data(FileRole).toString().endsWith(QStringLiteral("bad.yaml")))
                row = r;
        }
        QVERIFY(row >= 0);
        const QModelIndex problem = problems->model()->index(row, 0);
        QCOMPARE(problem.data(SeverityRole).toInt(), int(Diagnostic::Severity::Error));
        const int line = problem.data(LineRole).toInt();
        QVERIFY(line >= 3);
        QCOMPARE(problems->model()->index(row, ProblemsModel::FileColumn).data().toString(), QStringLiteral("bad.yaml"));

        // Double-click shows the file at that line.
        QTreeView *view = problems->view();
        const QModelIndex shown = view->model()->index(0, 0); // errors sort first
        QCOMPARE(shown.data(FileRole).toString(), problem.data(FileRole).toString());
        view->scrollTo(shown);
        const QPoint at = view->visualRect(shown).center();
        QVERIFY2(view->viewport()->rect().contains(at), qPrintable(QStringLiteral("%1,%2 in %3x%4").arg(at.x()).arg(at.y()).arg(view->viewport()->width()).arg(view->viewport()->height())));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at); // a real double-click starts with a click
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QTRY_VERIFY(m_window->sourceViewer()->isVisible());
        QVERIFY(m_window->sourceViewer()->file().endsWith(QStringLiteral("bad.yaml")));
        QCOMPARE(m_window->sourceViewer()->codeView()->highlightedLine(), line);
        QVERIFY(m_window->sourceViewer()->codeView()->toPlainText().contains(QStringLiteral("oops")));
        m_window->sourceViewer()->close();

        QVERIFY(m_window->session()->graph->namespaces() == std::vector<std::string>{"only-here"});
        QVERIFY(m_window->recentEntries().first().endsWith(QFileInfo(dir.path()).fileName()));
    }

    void demoSourceOpensFromResources()
    {
        m_window->showSource(QStringLiteral("<demo>/k8s-finance-app.yaml"), 3);
        QVERIFY(m_window->sourceViewer()->codeView()->toPlainText().contains(QStringLiteral("finance-app")));
        m_window->sourceViewer()->close();
    }

    void dropOpensFiles()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("dropped.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("apiVersion: v1\nkind: Namespace\nmetadata: {name: dropped}\n");
        f.close();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(f.fileName())});
        const QPoint at = m_window->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QCoreApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QVERIFY(waitForLoad(*m_window, [&] {
            QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
            QCoreApplication::sendEvent(m_window.get(), &drop);
        }));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Clearance — dropped.yaml"));
    }

    void recentFilesAndLayoutAreRemembered()
    {
        const QStringList recent = m_window->recentEntries();
        QVERIFY(recent.size() >= 2);
        m_window->close(); // writes the settings
        MainWindow second;
        QCOMPARE(second.recentEntries(), recent);
        QVERIFY(!QSettings().value(QStringLiteral("window/state")).toByteArray().isEmpty());
        m_window->show();
    }

    void cancelStopsALoad()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 50; ++i) {
            QFile f(dir.filePath(QStringLiteral("ns%1.yaml").arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("apiVersion: v1\nkind: Namespace\nmetadata: {name: n%1}\n").arg(i).toUtf8());
        }
        LoadJob job;
        QSignalSpy cancelled(&job, &LoadJob::cancelled);
        QSignalSpy finished(&job, &LoadJob::finished);
        job.start({{dir.path()}, false});
        job.cancel(); // before the worker even starts: it must stop at the first check
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kLoadTimeout);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!job.isRunning());
        QSignalSpy done(&job, &LoadJob::finished);
        job.start({{dir.path()}, false});
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kLoadTimeout);
        QCOMPARE(done.first().first().value<SessionPtr>()->graph->namespaces().size(), std::size_t(50));
    }

    void cancelInsideALongFile()
    {
        // One large file: progress is reported while it is parsed, and Cancel stops the parse there.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("namespaces.yaml")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 0; i < 200000; ++i)
            f.write(QStringLiteral("- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: n%1\n").arg(i).toUtf8());
        const qint64 size = f.size();
        f.close();
        LoadJob job;
        QSignalSpy cancelled(&job, &LoadJob::cancelled);
        QSignalSpy finished(&job, &LoadJob::finished);
        qint64 firstDone = -1;
        connect(&job, &LoadJob::progress, &job, [&](qint64 done, qint64) {
            if (firstDone < 0)
                firstDone = done;
            job.cancel();
        });
        job.start({{f.fileName()}, false});
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 1, kLoadTimeout);
        QCOMPARE(finished.count(), 0);
        QVERIFY2(firstDone >= 0 && firstDone < size, "progress came only after the whole file was read");
    }

    /**
     * Opt-in (CLEARANCE_ENTERPRISE_TENANT=<folder from clearance-gen-tenant>): the 200k-user tenant
     * loads without stalling the event loop, and the matrix only computes the rows on screen.
     */
    void enterpriseTenantStaysResponsive()
    {
        const QString tenant = qEnvironmentVariable("CLEARANCE_ENTERPRISE_TENANT");
        if (tenant.isEmpty())
            QSKIP("set CLEARANCE_ENTERPRISE_TENANT to a clearance-gen-tenant folder to run");
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QElapsedTimer clock, sinceTick;
        qint64 worstGap = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, this, [&] {
            worstGap = std::max(worstGap, sinceTick.restart());
        });
        sinceTick.start();
        ticker.start();
        clock.start();
        QSignalSpy loaded(&window, &MainWindow::snapshotLoaded);
        window.openPaths({tenant});
        QVERIFY(loaded.wait(600000));
        const qint64 loadMs = clock.elapsed();
        const qint64 loadGap = worstGap;
        QVERIFY(window.session()->graph->snapshot().directory.size() > 200000);

        worstGap = 0;
        sinceTick.restart();
        QTableView *matrix = window.matrixPage()->view();
        matrix->scrollToBottom();
        QTest::qWait(50);
        matrix->verticalScrollBar()->setValue(matrix->verticalScrollBar()->maximum() / 2);
        QTest::qWait(50);
        const int computed = window.matrixPage()->namespaceModel()->computedRowCount();
        const qint64 scrollGap = worstGap;

        worstGap = 0;
        sinceTick.restart();
        window.identitiesPanel()->setFilterText(QStringLiteral("zz"));
        QTest::qWait(50);
        const qint64 filterGap = worstGap;

        worstGap = 0;
        sinceTick.restart();
        QSignalSpy ready(window.whoCanPage(), &WhoCanPage::resultsReady);
        window.whoCanPage()->setQuery(QStringLiteral("get"), QStringLiteral("pods"), QString());
        window.whoCanPage()->run();
        QVERIFY(ready.wait(120000));
        const qint64 whoCanGap = worstGap;
        qInfo("enterprise tenant: loaded in %lld ms; worst event-loop stall: load %lld ms, scroll %lld ms "
              "(%d of %d rows computed), filter %lld ms, who-can %lld ms (%d results)",
              loadMs, loadGap, scrollGap, computed, window.matrixPage()->namespaceModel()->rowCount(), filterGap, whoCanGap,
              window.whoCanPage()->model()->rowCount());
        QVERIFY(computed < 500);
        window.close();
    }

    void reloadAndQuitShortcut()
    {
        QVERIFY(waitForLoad(*m_window, [this] { QTest::keyClick(m_window.get(), Qt::Key_F5); }));
        QCOMPARE(m_window->windowTitle(), QStringLiteral("Clearance — dropped.yaml"));
        QTest::keyClick(m_window.get(), Qt::Key_Q, Qt::ControlModifier);
        QTRY_VERIFY(!m_window->isVisible());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
