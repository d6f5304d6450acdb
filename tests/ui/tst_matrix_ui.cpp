// SPDX-License-Identifier: GPL-3.0-or-later
// The matrix at enterprise size, as a user drives it: a tenant of 200,000 users generated at test time,
// the window opened on it, "only identities with access" on by default, then the three clicks that answer
// "who can write secrets in finance-app" (the namespace, the Write access and Secrets presets), sorting by
// allowed cells and by one column, Find, Compare, a saved view exported by the window and by the command
// line (the same bytes), the filter switched off, and a cancelled run. Every shown row is checked against
// the core's own answer (gen::applyView over the core's rows), every cell the test reads against check().
//
// A display test: run under xvfb-run by CTest (then on the xcb platform), offscreen otherwise.
// CLEARANCE_MATRIX_UI_USERS=N generates a smaller tenant (default: the benchmark's 200,000 users).
#include "mainwindow.h"
#include "matrix/matrixfilterbar.h"
#include "matrix/matrixfindbar.h"
#include "matrix/matrixpage.h"
#include "matrix/matrixviewjob.h"
#include "models/itemroles.h"
#include "models/matrixsortproxy.h"
#include "models/namespacematrixmodel.h"

#include "generate/matrixview.h"
#include "graph/matrixrows.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace clr;
using namespace clr::ui;

namespace {
constexpr int kTimeout = 300000; // a loaded CI machine: generous, never a performance assertion
} // namespace

class TestMatrixUi final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_tenant;
    std::unique_ptr<MainWindow> m_window;
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    qint64 m_worstStall = 0;

    MatrixPage *page() const { return m_window->matrixPage(); }
    QAbstractItemModel *shown() const { return page()->view()->model(); }

    /** Waits for the view to be applied after a change (the worker thread's run, then the proxies). */
    void waitForView(QSignalSpy &applied)
    {
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0 && !page()->isFiltering(), kTimeout);
        applied.clear();
    }

    void resetStall()
    {
        m_worstStall = 0;
        m_sinceTick.restart();
    }

    /** The rows the window shows, as core rows. */
    std::vector<RequesterRow> shownRows() const
    {
        std::vector<RequesterRow> out;
        for (int r = 0; r < shown()->rowCount(); ++r)
            out.push_back(m_window->session()->catalog->requesterRow(shown()->headerData(r, Qt::Vertical, SubjectRole).value<SubjectRef>()));
        return out;
    }

    /** What the core says the view shows, from its own rows (what `export --what matrix` lists). */
    std::vector<RequesterRow> coreRows(const gen::MatrixView &view) const
    {
        const auto &graph = *m_window->session()->graph;
        const gen::MatrixRowSet set(graph, requesterRows(graph));
        const auto result = gen::applyView(set, defaultMatrixColumns(graph), page()->namespaceName().toStdString(), view);
        std::vector<RequesterRow> out;
        for (auto r : result.rows)
            out.push_back(set.rows()[r]);
        return out;
    }

    static bool sameRows(const std::vector<RequesterRow> &a, const std::vector<RequesterRow> &b)
    {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const RequesterRow &x, const RequesterRow &y) {
                   return x.kind == y.kind && x.name == y.name && x.principal == y.principal;
               });
    }

    int allowedCells(int row) const
    {
        int n = 0;
        for (int c = 0; c < shown()->columnCount(); ++c)
            n += shown()->index(row, c).data(CellStateRole).toInt() == int(MatrixCell::State::Allowed);
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("ClearanceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_matrix_ui"));
        m_tenant = m_tmp.filePath(QStringLiteral("tenant"));
        QStringList args{m_tenant};
        if (const QString users = qEnvironmentVariable("CLEARANCE_MATRIX_UI_USERS"); !users.isEmpty())
            args << QStringLiteral("--users") << users << QStringLiteral("--groups") << QString::number(qMax(2, users.toInt() / 4));
        QProcess gen;
        gen.start(QStringLiteral(CLEARANCE_GEN_TENANT), args);
        QVERIFY(gen.waitForFinished(kTimeout));
        QVERIFY2(gen.exitCode() == 0, gen.readAllStandardError().constData());

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1500, 950);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Shortcuts (Ctrl+F) and focus need the active window; on Xvfb there is no window manager to activate it.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        connect(&m_ticker, &QTimer::timeout, this, [this] { m_worstStall = std::max(m_worstStall, m_sinceTick.restart()); });
        m_ticker.start(5);
        m_sinceTick.start();
        QElapsedTimer clock;
        clock.start();
        QSignalSpy loaded(m_window.get(), &MainWindow::snapshotLoaded);
        m_window->openPaths({m_tenant});
        QVERIFY(loaded.wait(kTimeout));
        qInfo("tenant: %zu principals, loaded in %lld ms", m_window->session()->graph->snapshot().directory.size(), qint64(clock.elapsed()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

    /** A large matrix opens with "only identities with access" on, computed off the UI thread. */
    void filterIsOnByDefault()
    {
        QCOMPARE(m_window->tabs()->currentWidget(), page());
        QCOMPARE(page()->mode(), MatrixPage::Mode::AllIdentities);
        QVERIFY(page()->namespaceModel()->rowCount() > MatrixPage::kOnlyAllowedThreshold);
        QVERIFY(page()->filterBar()->onlyAllowedCheck()->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(!page()->isFiltering() && page()->viewJob()->outcome(), kTimeout);
        QVERIFY(sameRows(shownRows(), coreRows(page()->filterBar()->view())));
    }

    /** The question in three clicks: finance-app, Write access, Secrets. */
    void whoCanWriteSecretsInThreeClicks()
    {
        QSignalSpy applied(page(), &MatrixPage::viewApplied);
        auto *combo = page()->findChild<QComboBox *>(QStringLiteral("namespaceCombo"));
        combo->setCurrentIndex(combo->findText(QStringLiteral("finance-app"))); // 1: the namespace
        waitForView(applied);
        resetStall();
        QElapsedTimer clock;
        clock.start();
        QSignalSpy started(page()->viewJob(), &MatrixViewJob::started);
        QTest::mouseClick(page()->filterBar()->presetButton(gen::ColumnPreset::Write), Qt::LeftButton); // 2
        QTest::mouseClick(page()->filterBar()->presetButton(gen::ColumnPreset::Secrets), Qt::LeftButton); // 3
        // The clicks return before the rows are known: they come from the worker thread.
        QCOMPARE(applied.count(), 0);
        waitForView(applied);
        QVERIFY(started.count() > 0);
        qInfo("write secrets in finance-app: %d of %d identities, shown %lld ms after the clicks, worst event-loop stall %lld ms",
              shown()->rowCount(), page()->namespaceModel()->rowCount(), qint64(clock.elapsed()), m_worstStall);
        QCOMPARE(shown()->columnCount(), 4);
        QStringList verbs;
        for (int c = 0; c < 4; ++c)
            verbs << shown()->headerData(c, Qt::Horizontal).toString() + QLatin1Char(' ') + shown()->headerData(c, Qt::Horizontal, ResourceGroupRole).toString();
        QCOMPARE(verbs.join(QStringLiteral(", ")), QStringLiteral("create secrets, update secrets, patch secrets, delete secrets"));
        QVERIFY(shown()->rowCount() > 0 && shown()->rowCount() < page()->namespaceModel()->rowCount());
        QVERIFY(sameRows(shownRows(), coreRows(page()->filterBar()->view())));
        // The cells the window paints (the forward walk) agree: every shown row is allowed somewhere.
        for (int r = 0; r < std::min(shown()->rowCount(), 300); ++r)
            QVERIFY2(allowedCells(r) > 0, qPrintable(shown()->headerData(r, Qt::Vertical).toString()));
    }

    void sortByAllowedCellsAndByColumn()
    {
        QSignalSpy applied(page(), &MatrixPage::viewApplied);
        QComboBox *sort = page()->filterBar()->sortCombo();
        sort->setFocus();
        QTest::keyClick(sort, Qt::Key_Down); // Sort by name
        QTest::keyClick(sort, Qt::Key_Down); // Sort by allowed cells
        QCOMPARE(page()->filterBar()->view().sort, gen::RowSort::AllowedCells);
        waitForView(applied);
        int previous = 5;
        for (int r = 0; r < shown()->rowCount(); ++r) {
            const int n = allowedCells(r);
            QVERIFY2(n <= previous, "most allowed cells first");
            previous = n;
        }
        QVERIFY(sameRows(shownRows(), coreRows(page()->filterBar()->view())));

        // A click on "delete" (secrets): allowed first, grouped by plane.
        QHeaderView *header = page()->view()->horizontalHeader();
        const int section = 3;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(section) + 5, header->height() - 5));
        QCOMPARE(page()->filterBar()->view().sort, gen::RowSort::Column);
        QCOMPARE(page()->filterBar()->view().sortColumn, std::string("delete:secrets"));
        waitForView(applied);
        bool denied = false;
        int planes = 0;
        for (int r = 0; r < shown()->rowCount(); ++r) {
            const QModelIndex cell = shown()->index(r, section);
            const bool yes = cell.data(CellStateRole).toInt() == int(MatrixCell::State::Allowed);
            QVERIFY2(!(denied && yes), "allowed first");
            denied = denied || !yes;
            if (yes) {
                QVERIFY2(cell.data(PlanesRole).toInt() >= planes, "grouped by plane");
                planes = cell.data(PlanesRole).toInt();
            }
        }
        QVERIFY(sameRows(shownRows(), coreRows(page()->filterBar()->view())));
    }

    /** Ctrl+F on the matrix tab finds among the shown rows, by sign-in name or object ID. */
    void findByNameOrObjectId()
    {
        QVERIFY(shown()->rowCount() > 25);
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit *find = page()->findBar()->edit();
        QTRY_VERIFY(find->isVisible() && find->hasFocus());
        const auto &catalog = *m_window->session()->catalog;
        const SubjectRef target = shown()->headerData(20, Qt::Vertical, SubjectRole).value<SubjectRef>();
        QTest::keyClicks(find, catalog.kubernetesName(target));
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(shown()->headerData(page()->view()->currentIndex().row(), Qt::Vertical, SubjectRole).value<SubjectRef>(), target);
        QVERIFY(page()->findChild<QLabel *>(QStringLiteral("matrixFindStatus"))->text().endsWith(QStringLiteral("of 1")));

        int row = 5;
        while (row < shown()->rowCount() && !shown()->headerData(row, Qt::Vertical, SubjectRole).value<SubjectRef>().isEntra())
            ++row;
        QVERIFY(row < shown()->rowCount());
        const SubjectRef other = shown()->headerData(row, Qt::Vertical, SubjectRole).value<SubjectRef>();
        find->clear();
        QTest::keyClicks(find, QString::fromStdString(m_window->session()->graph->snapshot().directory.at(other.id).id).toUpper());
        QTest::keyClick(find, Qt::Key_Return);
        QCOMPARE(page()->view()->currentIndex().row(), row);

        find->clear();
        QTest::keyClicks(find, QStringLiteral("no-such-identity-anywhere"));
        QTest::keyClick(find, Qt::Key_Return);
        QVERIFY(page()->findChild<QLabel *>(QStringLiteral("matrixFindStatus"))->text().startsWith(QStringLiteral("Not found")));
        QTest::keyClick(find, Qt::Key_Escape);
        QVERIFY(!page()->findBar()->isVisible());
    }

    /** Two identities compared: pinned on top, the cells where they differ marked. */
    void compareTwoIdentities()
    {
        // Pick an allowed row and a row that differs from it somewhere further down.
        int second = -1;
        for (int r = 1; r < shown()->rowCount() && second < 0; ++r) {
            for (int c = 0; c < shown()->columnCount(); ++c)
                if (shown()->index(r, c).data(PlanesRole) != shown()->index(0, c).data(PlanesRole))
                    second = r;
        }
        QVERIFY(second > 0);
        const SubjectRef a = shown()->headerData(0, Qt::Vertical, SubjectRole).value<SubjectRef>();
        const SubjectRef b = shown()->headerData(second, Qt::Vertical, SubjectRole).value<SubjectRef>();
        auto *selection = page()->view()->selectionModel();
        selection->select(shown()->index(0, 0), QItemSelectionModel::ClearAndSelect);
        selection->select(shown()->index(second, 1), QItemSelectionModel::Select);
        QPushButton *compare = page()->filterBar()->compareButton();
        QVERIFY(compare->isEnabled());
        QTest::mouseClick(compare, Qt::LeftButton);
        QCOMPARE(page()->comparedSubjects(), (std::vector<SubjectRef>{a, b}));
        QCOMPARE(shown()->headerData(0, Qt::Vertical, SubjectRole).value<SubjectRef>(), a);
        QCOMPARE(shown()->headerData(1, Qt::Vertical, SubjectRole).value<SubjectRef>(), b);
        QVERIFY(shown()->headerData(1, Qt::Vertical, PinnedRole).toBool());
        int marked = 0;
        for (int c = 0; c < shown()->columnCount(); ++c) {
            const bool differ = shown()->index(0, c).data(PlanesRole) != shown()->index(1, c).data(PlanesRole)
                || shown()->index(0, c).data(CellStateRole) != shown()->index(1, c).data(CellStateRole);
            QCOMPARE(shown()->index(0, c).data(CompareDiffRole).toBool(), differ);
            QCOMPARE(shown()->index(1, c).data(CompareDiffRole).toBool(), differ);
            marked += differ;
        }
        QVERIFY(marked > 0);
        QVERIFY(!shown()->index(2, 0).data(CompareDiffRole).toBool());
        QCOMPARE(compare->text(), QStringLiteral("Stop co&mparing"));
        QTest::mouseClick(compare, Qt::LeftButton);
        QVERIFY(page()->comparedSubjects().empty());
        // Six rows are too many to compare.
        selection->select(QItemSelection(shown()->index(0, 0), shown()->index(5, 0)), QItemSelectionModel::ClearAndSelect);
        QVERIFY(!compare->isEnabled());
        QVERIFY(!page()->compare({a}));
        selection->clear();
    }

    /** A saved view: the window's export and `clearance export --what matrix --view NAME` write the same bytes. */
    void savedViewExportsTheSameFromWindowAndCommandLine()
    {
        QVERIFY(page()->filterBar()->saveView(QStringLiteral("finance-app secret writers")));
        const QString csv = m_tmp.filePath(QStringLiteral("window.csv"));
        QSignalSpy exported(page(), &MatrixPage::exported);
        page()->exportView(csv, false);
        QVERIFY(exported.wait(kTimeout));
        QCOMPARE(exported.first().at(1).toString(), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray fromWindow = file.readAll();
        QCOMPARE(fromWindow.count("\r\n"), shown()->rowCount() + 1);

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("settings"))); // where the view was saved
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(CLEARANCE_BINARY), {QStringLiteral("export"), QStringLiteral("--what"), QStringLiteral("matrix"), QStringLiteral("-n"),
                                                     QStringLiteral("finance-app"), QStringLiteral("--view"), QStringLiteral("finance-app secret writers"),
                                                     QStringLiteral("-f"), m_tenant});
        QVERIFY(cli.waitForFinished(kTimeout));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().right(2000).constData());
        QCOMPARE(cli.readAllStandardOutput(), fromWindow);
    }

    /** Switched off, every identity is back; a long run cancelled leaves the window usable; a hidden sort column falls back to kind. */
    void switchOffAndCancel()
    {
        QSignalSpy applied(page(), &MatrixPage::viewApplied);
        QTest::mouseClick(page()->filterBar()->onlyAllowedCheck(), Qt::LeftButton);
        QVERIFY(!page()->filterBar()->view().onlyAllowed);
        waitForView(applied);
        QCOMPARE(shown()->rowCount(), page()->namespaceModel()->rowCount());

        // Every column, still sorted by one: who-can for each of them, long enough to cancel.
        QSignalSpy cancelled(page()->viewJob(), &MatrixViewJob::cancelled);
        QTest::mouseClick(page()->filterBar()->presetButton(gen::ColumnPreset::Write), Qt::LeftButton);
        QTest::mouseClick(page()->filterBar()->presetButton(gen::ColumnPreset::Secrets), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page()->isFiltering(), 5000);
        QTest::mouseClick(page()->findChild<QToolButton *>(QStringLiteral("cancelView")), Qt::LeftButton);
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!page()->isFiltering());
        QCOMPARE(applied.count(), 0);

        // The exec preset hides the column sorted by: the view sorts by kind instead and applies again.
        QTest::mouseClick(page()->filterBar()->presetButton(gen::ColumnPreset::Exec), Qt::LeftButton);
        waitForView(applied);
        QCOMPARE(page()->filterBar()->view().sort, gen::RowSort::Kind);
        QCOMPARE(shown()->columnCount(), 3); // create on pods/exec, pods/attach, pods/portforward
        QCOMPARE(shown()->rowCount(), page()->namespaceModel()->rowCount());
        QTest::mouseClick(page()->filterBar()->onlyAllowedCheck(), Qt::LeftButton);
        waitForView(applied);
        QVERIFY(shown()->rowCount() < page()->namespaceModel()->rowCount());
        QVERIFY(sameRows(shownRows(), coreRows(page()->filterBar()->view())));
    }
};

int main(int argc, char *argv[])
{
    // Under xvfb-run (CTest's display tests) use the X server; offscreen otherwise.
    if (!qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "xcb");
    QApplication app(argc, argv);
    TestMatrixUi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_matrix_ui.moc"
