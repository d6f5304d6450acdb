// SPDX-License-Identifier: GPL-3.0-or-later
// File > Compare on the real window (offscreen): the inline tenant written to a folder (BASE) and an
// edited copy (HEAD: pod-deleter loses delete and gains watch, pod-reader-names gets a label). The
// Changes panel's models under QAbstractItemModelTester, the matrix's gained and lost marks and their
// legend, the explanation of both sides, swap, report export, and closing the comparison.
#include "testsnapshot.h"

#include "compare/changespanel.h"
#include "compare/comparecontroller.h"
#include "compare/compare.h"
#include "explain/explanationview.h"
#include "mainwindow.h"
#include "matrix/legendwidget.h"
#include "matrix/matrixpage.h"
#include "models/changesmodel.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace clr;
using namespace clr::ui;

namespace {

constexpr int kTimeout = 20000;

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

QString headRbac()
{
    QString rbac = QString::fromUtf8(testdata::kubernetes());
    // pod-deleter: delete becomes watch.
    rbac.replace(QStringLiteral("verbs: [get, list, delete]"), QStringLiteral("verbs: [get, list, watch]"));
    // A label on a role nothing aggregates: no effect.
    rbac.replace(QStringLiteral("metadata: {name: pod-reader-names}"), QStringLiteral("metadata: {name: pod-reader-names, labels: {team: infra}}"));
    return rbac;
}

bool writeTenant(const QString &dir, const QString &rbac)
{
    return writeFile(dir + QStringLiteral("/users.json"), QString::fromUtf8(testdata::users()))
        && writeFile(dir + QStringLiteral("/groups.json"), QString::fromUtf8(testdata::groups()))
        && writeFile(dir + QStringLiteral("/sps.json"), QString::fromUtf8(testdata::servicePrincipals()))
        && writeFile(dir + QStringLiteral("/aks.json"), QString::fromUtf8(testdata::cluster()))
        && writeFile(dir + QStringLiteral("/assignments.json"), QString::fromUtf8(testdata::assignments()))
        && writeFile(dir + QStringLiteral("/rbac.yaml"), rbac);
}

} // namespace

class TestCompareUi final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_base, m_head;
    std::unique_ptr<MainWindow> m_window;

    QModelIndex cell(const char *oid, const QString &resource, const QString &verb) const
    {
        auto *model = m_window->matrixPage()->namespaceModel();
        const auto &session = m_window->session();
        const SubjectRef who = session->catalog->principalRef(session->graph->snapshot().directory.find(oid));
        return model->index(model->rowOf(who), model->columnOf(resource, verb));
    }
    static int mark(const QModelIndex &index)
    {
        return index.data(ComparisonRole).toInt();
    }
    /** The Changes tree's row of a party, by its key. */
    QModelIndex partyRow(const ObjectRef &key) const
    {
        ChangesModel *model = m_window->changesPanel()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->index(r, 0).data(PartyKeyRole).toString() == QString::fromStdString(key.toString()))
                return model->index(r, 0);
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path() + QStringLiteral("/settings"));
        QCoreApplication::setOrganizationName(QStringLiteral("ClearanceTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_compare_ui"));
        m_base = m_dir.path() + QStringLiteral("/base");
        m_head = m_dir.path() + QStringLiteral("/head");
        QVERIFY(QDir().mkpath(m_base) && QDir().mkpath(m_head));
        QVERIFY(writeTenant(m_base, QString::fromUtf8(testdata::kubernetes())));
        QVERIFY(writeTenant(m_head, headRbac()));

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy loaded(m_window.get(), &MainWindow::snapshotLoaded);
        m_window->openPaths({m_base});
        QVERIFY(loaded.wait(kTimeout) || loaded.count() > 0);
        QVERIFY(m_window->matrixPage()->setNamespace(QStringLiteral("team-a")));
    }

    void cleanupTestCase()
    {
        m_window.reset();
    }

    void menuOffersCompare()
    {
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("compareWithFiles")));
        QVERIFY(m_window->findChild<QAction *>(QStringLiteral("compareWithFolder")));
        QVERIFY(!m_window->comparison()->isActive());
        QVERIFY(!m_window->matrixPage()->legend()->entries().contains(QStringLiteral("Gained (compare)")));
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("delete"))), int(compare::CellChange::Unchanged));
    }

    void compareWithFolder()
    {
        QSignalSpy changed(m_window->comparison(), &CompareController::comparisonChanged);
        m_window->compareWith({m_head});
        QTRY_VERIFY_WITH_TIMEOUT(m_window->comparison()->comparison() != nullptr, kTimeout);
        QVERIFY(!m_window->comparison()->isBusy());
        const ComparisonPtr c = m_window->comparison()->comparison();
        QVERIFY(m_window->changesPanel()->isVisible());
        QVERIFY2(m_window->changesPanel()->summary().contains(QStringLiteral("BASE")), qPrintable(m_window->changesPanel()->summary()));

        // Alice (Devs) loses delete and gains watch on pods in team-a; get is unchanged.
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("delete"))), int(compare::CellChange::Lost));
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("watch"))), int(compare::CellChange::Gained));
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("get"))), int(compare::CellChange::Unchanged));
        // Carol is not in Devs: nothing changes for her.
        QCOMPARE(mark(cell(testdata::kCarol, QStringLiteral("pods"), QStringLiteral("watch"))), int(compare::CellChange::Unchanged));
        const QString tip = cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("delete")).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Lost from BASE to HEAD")) && tip.contains(QStringLiteral("pod-deleter")), qPrintable(tip));
        // Every marked cell agrees with the comparison's own answer, and that answer with check() on both sides.
        auto *model = m_window->matrixPage()->namespaceModel();
        const auto base = m_window->comparison()->baseGraph(), head = m_window->comparison()->headGraph();
        int marked = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            for (int col = 0; col < model->columnCount(); ++col) {
                const int m = mark(model->index(r, col));
                if (m == int(compare::CellChange::Unchanged))
                    continue;
                ++marked;
                const ExplainTarget t = model->targetAt(model->index(r, col));
                const compare::Party party = compare::partyOf(*base, t.who);
                const auto b = compare::identityIn(*base, party), h = compare::identityIn(*head, party);
                QVERIFY(b && h);
                QCOMPARE(head->check(*h, t.request).allowed, m == int(compare::CellChange::Gained));
                QCOMPARE(base->check(*b, t.request).allowed, m == int(compare::CellChange::Lost));
            }
        }
        QVERIFY(marked >= 2);

        const QStringList legend = m_window->matrixPage()->legend()->entries();
        QVERIFY2(legend.contains(QStringLiteral("Gained (compare)")) && legend.contains(QStringLiteral("Lost (compare)"))
                     && legend.contains(QStringLiteral("New with drafts")),
                 qPrintable(legend.join(QLatin1Char('|'))));
    }

    void changesModels()
    {
        ChangesPanel *panel = m_window->changesPanel();
        const ComparisonPtr c = m_window->comparison()->comparison();
        QVERIFY(c);
        // Fresh models on the same comparison under the tester (the panel's own are already populated).
        ChangesModel tree;
        ChangeListModel list;
        new QAbstractItemModelTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest, &tree);
        new QAbstractItemModelTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest, &list);
        tree.setComparison(c);
        list.setComparison(c);
        QCOMPARE(tree.rowCount(), int(c->identities.size()));
        QCOMPARE(list.rowCount(), int(c->changes.size()));
        QCOMPARE(panel->model()->rowCount(), tree.rowCount());

        const compare::Party alice = compare::principalParty(*m_window->comparison()->baseGraph(),
                                                             m_window->comparison()->baseGraph()->snapshot().directory.find(testdata::kAlice));
        const QModelIndex row = partyRow(alice.key);
        QVERIFY(row.isValid());
        QVERIFY2(row.data().toString().contains(QStringLiteral("Alice Admin")), qPrintable(row.data().toString()));
        const compare::IdentityDelta *d = c->find(alice.key);
        QVERIFY(d);
        QCOMPARE(panel->model()->rowCount(row), int(d->gained.size() + d->lost.size()));
        bool sawGain = false, sawLoss = false;
        for (int r = 0; r < panel->model()->rowCount(row); ++r) {
            const QModelIndex what = panel->model()->index(r, ChangesModel::WhatColumn, row);
            const QString text = what.data().toString();
            const QString cause = panel->model()->index(r, ChangesModel::CauseColumn, row).data().toString();
            QVERIFY2(cause.contains(QStringLiteral("pod-deleter")), qPrintable(cause));
            if (what.data(ComparisonRole).toInt() == int(compare::CellChange::Gained)) {
                sawGain = true;
                QVERIFY2(text.startsWith(QStringLiteral("+ ")) && text.contains(QStringLiteral("watch")) && text.contains(QStringLiteral("team-a")), qPrintable(text));
            } else {
                sawLoss = true;
                QVERIFY2(text.startsWith(QStringLiteral("− ")) && text.contains(QStringLiteral("delete")), qPrintable(text));
            }
        }
        QVERIFY(sawGain && sawLoss);

        // The label is listed, with no effect; the rule edit alters access.
        bool labelNoEffect = false, ruleEffective = false;
        for (int r = 0; r < list.rowCount(); ++r) {
            const QString what = list.index(r, ChangeListModel::ChangeColumn).data().toString();
            const QString effect = list.index(r, ChangeListModel::EffectColumn).data().toString();
            QCOMPARE(list.index(r, ChangeListModel::NumberColumn).data().toString(), QStringLiteral("[%1]").arg(r + 1));
            if (what.contains(QStringLiteral("pod-reader-names")))
                labelNoEffect = effect == QStringLiteral("no effect");
            if (what.contains(QStringLiteral("pod-deleter")))
                ruleEffective = effect == QStringLiteral("alters access");
        }
        QVERIFY(labelNoEffect);
        QVERIFY(ruleEffective);
    }

    void explanationShowsBothSides()
    {
        ChangesPanel *panel = m_window->changesPanel();
        const compare::Party alice = compare::principalParty(*m_window->comparison()->baseGraph(),
                                                             m_window->comparison()->baseGraph()->snapshot().directory.find(testdata::kAlice));
        const QModelIndex row = partyRow(alice.key);
        QModelIndex lost;
        for (int r = 0; r < panel->model()->rowCount(row); ++r)
            if (panel->model()->index(r, 0, row).data(ComparisonRole).toInt() == int(compare::CellChange::Lost))
                lost = panel->model()->index(r, 0, row);
        QVERIFY(lost.isValid());
        panel->view()->setCurrentIndex(lost);
        ExplanationView *view = m_window->explanationView();
        const QString text = view->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Lost from BASE to HEAD")) && text.contains(QStringLiteral("BASE")) && text.contains(QStringLiteral("HEAD")),
                 qPrintable(text));
        QVERIFY(view->explanation().decision.allowed);      // BASE: devs-delete -> pod-deleter allows it
        QVERIFY(!view->headExplanation().decision.allowed); // HEAD: no longer
        QVERIFY2(text.contains(QStringLiteral("devs-delete")), qPrintable(text));

        // A matrix cell explains both sides too while comparing.
        const QModelIndex gained = cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("watch"));
        m_window->matrixPage()->view()->setCurrentIndex(m_window->matrixPage()->viewIndex(gained));
        QVERIFY2(view->toPlainText().contains(QStringLiteral("Gained from BASE to HEAD")), qPrintable(view->toPlainText()));
        QVERIFY(!view->explanation().decision.allowed);
        QVERIFY(view->headExplanation().decision.allowed);
    }

    void exportsReports()
    {
        const QString html = m_dir.path() + QStringLiteral("/report.html"), json = m_dir.path() + QStringLiteral("/report.json");
        QCOMPARE(m_window->changesPanel()->exportReport(html, true), QString());
        QCOMPARE(m_window->changesPanel()->exportReport(json, false), QString());
        QFile h(html), j(json);
        QVERIFY(h.open(QIODevice::ReadOnly) && j.open(QIODevice::ReadOnly));
        const QString htmlText = QString::fromUtf8(h.readAll());
        QVERIFY(htmlText.contains(QStringLiteral("<html")) && htmlText.contains(QStringLiteral("Alice Admin")));
        const auto doc = QJsonDocument::fromJson(j.readAll());
        QVERIFY(doc.isObject());
        QCOMPARE(doc.object().value(QStringLiteral("schemaVersion")).toInt(), 1);
        // A folder is not a file: the error names the path.
        const QString error = m_window->changesPanel()->exportReport(m_dir.path(), true);
        QVERIFY2(error.contains(m_dir.path()), qPrintable(error));
    }

    void swapTurnsItAround()
    {
        const ComparisonPtr before = m_window->comparison()->comparison();
        m_window->changesPanel()->swapAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->comparison()->comparison() != before && m_window->comparison()->comparison() != nullptr, kTimeout);
        QVERIFY(!m_window->comparison()->sessionIsBase());
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("delete"))), int(compare::CellChange::Gained));
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("watch"))), int(compare::CellChange::Lost));
    }

    void closeClearsMarks()
    {
        m_window->changesPanel()->closeAction()->trigger();
        QVERIFY(!m_window->comparison()->isActive());
        QVERIFY(!m_window->comparison()->comparison());
        QCOMPARE(mark(cell(testdata::kAlice, QStringLiteral("pods"), QStringLiteral("delete"))), int(compare::CellChange::Unchanged));
        QVERIFY(!m_window->matrixPage()->legend()->entries().contains(QStringLiteral("Lost (compare)")));
        QCOMPARE(m_window->changesPanel()->model()->rowCount(), 0);
        // Explanations are single-sided again.
        m_window->matrixPage()->view()->setCurrentIndex(m_window->matrixPage()->viewIndex(cell(testdata::kCarol, QStringLiteral("pods"), QStringLiteral("get"))));
        QVERIFY(!m_window->explanationView()->toPlainText().contains(QStringLiteral("BASE")));
    }
};

QTEST_MAIN(TestCompareUi)
#include "tst_compare_ui.moc"
