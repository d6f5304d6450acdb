// SPDX-License-Identifier: GPL-3.0-or-later
// The drafting UI: the drafts model under QAbstractItemModelTester, undo/redo of every draft
// action, drops on the roles model (dialog answered by a test asker), the drop dialog's
// least-privilege preselection, one real mouse drag from the Identities panel to the roles tree,
// and a draft that survives kill -9 of the process that made it.
#include "testsnapshot.h"

#include "drafts/applydrafts.h"
#include "drafts/draftcommands.h"
#include "drafts/draftscontroller.h"
#include "drafts/draftsmodel.h"
#include "drafts/draftspanel.h"
#include "drafts/droptargetdialog.h"
#include "drafts/identitymime.h"
#include "identities/identitiespanel.h"
#include "models/identitymodel.h"
#include "models/itemroles.h"
#include "models/namespacematrixmodel.h"
#include "models/rbacobjectsmodel.h"
#include "roles/rolespage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDrag>
#include <QHBoxLayout>
#include <QMimeData>
#include <QProcess>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QAction>
#include <QTemporaryDir>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>

#include <csignal>
#include <iostream>
#include <thread>

using namespace clr;
using namespace clr::ui;

namespace {

constexpr const char *kChildEnv = "CLEARANCE_DRAFTS_TEST_CHILD";

drafts::Draft makeDraft(const SessionPtr &session, const char *oid, const std::string &ns)
{
    drafts::Draft d;
    d.id = drafts::newDraftId();
    d.kind = drafts::DraftKind::RoleBinding;
    d.subject = drafts::subjectForPrincipal(*session->graph, session->graph->snapshot().directory.find(oid));
    d.roleKind = "ClusterRole";
    d.roleName = "agg";
    d.ns = ns;
    d.name = drafts::defaultBindingName(d);
    return d;
}

/** The child of survivesKill(): drafts one binding through the real model and undo stack, says
 *  where it saved, then waits to be killed. */
int childMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Clearance"));
    QCoreApplication::setApplicationName(QStringLiteral("Clearance"));
    QUndoStack stack;
    DraftsModel model(&stack);
    model.setStore(std::make_unique<drafts::DraftStore>());
    drafts::Draft d;
    d.id = "child-draft";
    d.kind = drafts::DraftKind::ClusterRoleBinding;
    d.subject = drafts::subjectForKubernetes(drafts::DraftSubject::Kind::Group, "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    d.roleKind = "ClusterRole";
    d.roleName = "view";
    d.name = "view-devs";
    model.addDrafts({d});
    std::cout << "saved " << model.store()->path().toStdString() << std::endl;
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
}

} // namespace

class TestDraftsUi final : public QObject
{
    Q_OBJECT

private:
    SessionPtr m_session;
    QTemporaryDir m_tmp;

    QModelIndex roleIndex(RbacObjectsModel *model, const std::string &ref) const { return model->indexOfRef(ObjectRef::parse(ref).value()); }
    static DraftsController::Asker acceptProposals(int *calls)
    {
        return [calls](const DropTarget &, const std::vector<DraggedIdentity> &, const std::vector<drafts::Draft> &proposals) {
            ++*calls;
            return std::optional(proposals);
        };
    }
    std::unique_ptr<QMimeData> mimeOf(const char *oid) const
    {
        const auto &cat = *m_session->catalog;
        return std::unique_ptr<QMimeData>(encodeIdentities(cat, {cat.principalRef(m_session->graph->snapshot().directory.find(oid))}));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QStandardPaths::setTestModeEnabled(true);
        m_session = testdata::makeSession();
    }

    void modelTester()
    {
        QUndoStack stack;
        DraftsModel model(&stack);
        new QAbstractItemModelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest, &model);
        model.addDrafts({makeDraft(m_session, testdata::kAlice, "team-a"), makeDraft(m_session, testdata::kDevs, "team-b")});
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(model.setData(model.index(0, DraftsModel::ScopeColumn), QStringLiteral("team-b")));
        QVERIFY(!model.setData(model.index(0, DraftsModel::KindColumn), QStringLiteral("x"))); // not editable
        QVERIFY(!model.setData(model.index(0, DraftsModel::ScopeColumn), QString())); // empty refused
        model.removeDraft(model.draftAt(0).id);
        stack.undo();
        stack.undo();
        stack.redo();
        model.resetDrafts({});
        QCOMPARE(model.rowCount(), 0);
    }

    void undoRedo_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("add") << QStringLiteral("add");
        QTest::newRow("add several at once") << QStringLiteral("add2");
        QTest::newRow("remove") << QStringLiteral("remove");
        QTest::newRow("edit namespace") << QStringLiteral("editNamespace");
        QTest::newRow("edit role") << QStringLiteral("editRole");
        QTest::newRow("edit name") << QStringLiteral("editName");
        QTest::newRow("edit whole draft") << QStringLiteral("editDraft");
        QTest::newRow("drop") << QStringLiteral("drop");
        QTest::newRow("generate least privilege") << QStringLiteral("generate");
    }
    void undoRedo()
    {
        QFETCH(QString, action);
        DraftsController controller(nullptr);
        const QString path = m_tmp.filePath(QStringLiteral("undo-%1.json").arg(action));
        QVERIFY(controller.restore(path));
        controller.setSession(m_session);
        int calls = 0;
        controller.setAsker(acceptProposals(&calls));
        DraftsModel *model = controller.model();
        model->addDrafts({makeDraft(m_session, testdata::kAlice, "team-a")});
        controller.undoStack()->clear();
        const drafts::DraftSet before = model->drafts();
        const std::size_t generatedBefore = controller.generated().size();
        if (action == QLatin1String("add"))
            model->addDrafts({makeDraft(m_session, testdata::kDevs, "team-b")});
        else if (action == QLatin1String("add2"))
            model->addDrafts({makeDraft(m_session, testdata::kDevs, "team-b"), makeDraft(m_session, testdata::kBot, "team-b")});
        else if (action == QLatin1String("remove"))
            model->removeDraft(model->draftAt(0).id);
        else if (action == QLatin1String("editNamespace"))
            QVERIFY(model->setData(model->index(0, DraftsModel::ScopeColumn), QStringLiteral("team-b")));
        else if (action == QLatin1String("editRole"))
            QVERIFY(model->setData(model->index(0, DraftsModel::RoleColumn), QStringLiteral("pod-reader-names")));
        else if (action == QLatin1String("editName"))
            QVERIFY(model->setData(model->index(0, DraftsModel::NameColumn), QStringLiteral("renamed")));
        else if (action == QLatin1String("editDraft")) {
            drafts::Draft d = model->draftAt(0);
            d.kind = drafts::DraftKind::ClusterRoleBinding;
            d.ns.clear();
            model->editDraft(d);
        } else if (action == QLatin1String("drop")) {
            QVERIFY(controller.dropIdentities(mimeOf(testdata::kBot).get(), {DropTarget::Kind::ClusterRole, "agg", {}, {}}));
        } else if (action == QLatin1String("generate")) {
            const auto columns = defaultMatrixColumns(*m_session->graph);
            std::vector<MatrixColumn> cells(columns.begin(), columns.begin() + 2);
            QString error;
            const auto proof = controller.generateFromCells(m_session->catalog->principalRef(m_session->graph->snapshot().directory.find(testdata::kBot)),
                                                            cells, "team-a", &error);
            QVERIFY2(proof, qPrintable(error));
            QVERIFY2(proof->exact(), proof->summary().c_str());
            QVERIFY(QString::fromStdString(proof->summary()).contains(QStringLiteral("grants exactly these")));
            QCOMPARE(controller.generated().size(), generatedBefore + 1);
        }
        QCOMPARE(controller.undoStack()->count(), 1);
        const drafts::DraftSet after = model->drafts();
        const std::size_t generatedAfter = controller.generated().size();
        QVERIFY(action == QLatin1String("generate") || !(after == before));
        controller.undoStack()->undo();
        QVERIFY(model->drafts() == before);
        QCOMPARE(controller.generated().size(), generatedBefore);
        QVERIFY(*drafts::DraftStore(path).load() == before); // every step saved
        controller.undoStack()->redo();
        QVERIFY(model->drafts() == after);
        QCOMPARE(controller.generated().size(), generatedAfter);
        QVERIFY(*drafts::DraftStore(path).load() == after);
    }

    void editsMerge()
    {
        QUndoStack stack;
        DraftsModel model(&stack);
        model.addDrafts({makeDraft(m_session, testdata::kAlice, "team-a")});
        model.setData(model.index(0, DraftsModel::NameColumn), QStringLiteral("a"));
        model.setData(model.index(0, DraftsModel::NameColumn), QStringLiteral("ab"));
        QCOMPARE(stack.count(), 2); // add + one merged rename
        stack.undo();
        QCOMPARE(QString::fromStdString(model.draftAt(0).name), QString::fromStdString(drafts::defaultBindingName(model.draftAt(0))));
    }

    void dropOnRolesModel_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("oid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<QString>("subjectName");
        QTest::newRow("ClusterRole: RoleBinding in one namespace")
            << QStringLiteral("clusterrole:agg") << QString::fromLatin1(testdata::kDevs) << int(drafts::DraftKind::RoleBinding)
            << QStringLiteral("team-b") << QString::fromLatin1(testdata::kDevs);
        QTest::newRow("Role: its namespace") << QStringLiteral("role:team-a/pod-deleter") << QString::fromLatin1(testdata::kAlice)
                                             << int(drafts::DraftKind::RoleBinding) << QStringLiteral("team-a") << QStringLiteral("alice@example.com");
        QTest::newRow("guest by object ID") << QStringLiteral("clusterrole:agg") << QString::fromLatin1(testdata::kCarol)
                                            << int(drafts::DraftKind::RoleBinding) << QStringLiteral("team-b") << QString::fromLatin1(testdata::kCarol);
        QTest::newRow("Azure role: namespace scope") << QStringLiteral("roledefinition:/providers/Microsoft.Authorization/roleDefinitions/7f6c6a51-bcf8-42ba-9220-52d62157d7db")
                                                     << QString::fromLatin1(testdata::kBot) << int(drafts::DraftKind::AzureAssignment)
                                                     << QStringLiteral("team-b") << QString::fromLatin1(testdata::kBot);
    }
    void dropOnRolesModel()
    {
        QFETCH(QString, ref);
        QFETCH(QString, oid);
        QFETCH(int, kind);
        QFETCH(QString, ns);
        QFETCH(QString, subjectName);
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        controller.setPreferredNamespace("team-b");
        int calls = 0;
        controller.setAsker(acceptProposals(&calls));
        RbacObjectsModel roles;
        roles.setSession(m_session);
        roles.setDropHandler(&controller);
        QModelIndex target = roles.indexOfRef(ObjectRef::parse(ref.toStdString()).value());
        if (!target.isValid() && ref.startsWith(QLatin1String("roledefinition:"))) { // IDs may be spelled with a subscription
            for (int r = 0; r < roles.rowCount(roles.index(int(RbacObjectsModel::Folder::RoleDefinitions), 0)) && !target.isValid(); ++r) {
                const QModelIndex i = roles.index(r, 0, roles.index(int(RbacObjectsModel::Folder::RoleDefinitions), 0));
                if (i.data(RefRole).toString().endsWith(ref.section(QLatin1Char('/'), -1)))
                    target = i;
            }
        }
        QVERIFY2(target.isValid(), qPrintable(ref));
        QVERIFY(roles.flags(target) & Qt::ItemIsDropEnabled);
        QVERIFY(!(roles.flags(roles.index(0, 0)) & Qt::ItemIsDropEnabled)); // folders take no drops
        const auto data = mimeOf(oid.toLatin1().constData());
        QVERIFY(roles.mimeTypes().contains(kIdentityMimeType));
        QVERIFY(roles.canDropMimeData(data.get(), Qt::CopyAction, -1, -1, target));
        QVERIFY(roles.dropMimeData(data.get(), Qt::CopyAction, -1, -1, target));
        QCOMPARE(calls, 1);
        QCOMPARE(controller.model()->rowCount(), 1);
        const drafts::Draft &d = controller.model()->draftAt(0);
        QCOMPARE(int(d.kind), kind);
        QCOMPARE(QString::fromStdString(d.subject.name), subjectName);
        if (d.isKubernetes())
            QCOMPARE(QString::fromStdString(d.ns), ns);
        else
            QVERIFY(QString::fromStdString(d.scope).endsWith(QStringLiteral("/managedClusters/c1/namespaces/") + ns));
        // Not our data: refused.
        QMimeData other;
        other.setText(QStringLiteral("x"));
        QVERIFY(!roles.canDropMimeData(&other, Qt::CopyAction, -1, -1, target));
    }

    void serviceAccountNotForAzure()
    {
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        const auto &cat = *m_session->catalog;
        const auto sa = cat.findServiceAccount("team-b", "runner");
        QVERIFY(sa);
        std::unique_ptr<QMimeData> data(encodeIdentities(cat, {*sa}));
        QVERIFY(controller.canDropIdentities(data.get(), {DropTarget::Kind::ClusterRole, "agg", {}, {}}));
        QVERIFY(!controller.canDropIdentities(data.get(), {DropTarget::Kind::RoleDefinition, "x", {}, "y"}));
        const auto decoded = decodeIdentities(data.get());
        QCOMPARE(decoded.size(), std::size_t(1));
        QCOMPARE(decoded.front().subject.kind, drafts::DraftSubject::Kind::ServiceAccount);
        QCOMPARE(decoded.front().subject.ns, std::string("team-b"));
    }

    void dialogPreselectsLeastPrivilege()
    {
        const auto &cat = *m_session->catalog;
        const SubjectRef devs = cat.principalRef(m_session->graph->snapshot().directory.find(testdata::kDevs));
        std::vector<DraggedIdentity> who{{devs, draftSubjectOf(cat, devs)}};
        DropTargetDialog dialog(m_session, {DropTarget::Kind::ClusterRole, "agg", {}, {}}, who, "team-a");
        QVERIFY(dialog.narrowChoice()->isChecked());
        QCOMPARE(dialog.namespaceCombo()->currentText(), QStringLiteral("team-a"));
        QCOMPARE(dialog.drafts().front().kind, drafts::DraftKind::RoleBinding);
        dialog.wideChoice()->setChecked(true);
        QCOMPARE(dialog.drafts().front().kind, drafts::DraftKind::ClusterRoleBinding);
        QVERIFY(dialog.drafts().front().ns.empty());

        DropTargetDialog azure(m_session, {DropTarget::Kind::RoleDefinition, "/providers/Microsoft.Authorization/roleDefinitions/x", {}, "Reader"}, who, "team-b");
        QVERIFY(azure.narrowChoice()->isChecked());
        QVERIFY(QString::fromStdString(azure.drafts().front().scope).endsWith(QStringLiteral("/namespaces/team-b")));
        azure.wideChoice()->setChecked(true);
        QVERIFY(QString::fromStdString(azure.drafts().front().scope).endsWith(QStringLiteral("/managedClusters/c1")));

        DropTargetDialog ns(m_session, {DropTarget::Kind::Namespace, {}, "team-a", {}}, who, "team-a");
        QVERIFY(ns.roleCombo());
        QCOMPARE(ns.drafts().front().kind, drafts::DraftKind::RoleBinding);
        QCOMPARE(ns.drafts().front().ns, std::string("team-a"));
    }

    void matrixMarksDraftGrants()
    {
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        NamespaceMatrixModel matrix;
        matrix.setSession(m_session);
        matrix.setNamespace("team-a"); // team-b: Alice already reads configmaps through Azure RBAC (Leads)
        const auto &cat = *m_session->catalog;
        const SubjectRef alice = cat.principalRef(m_session->graph->snapshot().directory.find(testdata::kAlice));
        matrix.setRows({alice});
        const int col = matrix.columnOf(QStringLiteral("configmaps"), QStringLiteral("get"));
        QVERIFY(col >= 0);
        QVERIFY(!matrix.index(0, col).data(DraftGrantRole).toBool());
        QSignalSpy spy(&controller, &DraftsController::draftGraphChanged);
        connect(&controller, &DraftsController::draftGraphChanged, &matrix, &MatrixModel::setDraftGraph);
        controller.model()->addDrafts({makeDraft(m_session, testdata::kDevs, "team-a")});
        QTRY_VERIFY(controller.draftGraph() != nullptr); // built on the thread pool
        QVERIFY(matrix.index(0, col).data(DraftGrantRole).toBool());
        QCOMPARE(matrix.index(0, col).data(CellStateRole).toInt(), int(MatrixCell::State::Denied)); // the truth is unchanged
        QVERIFY(matrix.index(0, col).data(Qt::ToolTipRole).toString().contains(QStringLiteral("granted by draft RoleBinding team-a/")));
        QVERIFY(!matrix.index(0, matrix.columnOf(QStringLiteral("secrets"), QStringLiteral("get"))).data(DraftGrantRole).toBool());
        // Who gains what: Bob only through the nested group Leads.
        const QString effect = QString::fromStdString(controller.effect().text());
        QVERIFY2(effect.contains(QStringLiteral("Bob Builder (through nested group")), qPrintable(effect));
        controller.undoStack()->undo();
        QTRY_VERIFY(controller.draftGraph() == nullptr);
        QVERIFY(!matrix.index(0, col).data(DraftGrantRole).toBool());
    }

    void exportsYamlForKubectl()
    {
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        controller.model()->addDrafts({makeDraft(m_session, testdata::kDevs, "team-b")});
        const QString path = m_tmp.filePath(QStringLiteral("drafts.yaml"));
        QCOMPARE(controller.exportYaml(path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString yaml = QString::fromUtf8(f.readAll());
        QVERIFY2(yaml.contains(QStringLiteral("kind: RoleBinding")) && yaml.contains(QStringLiteral("# Devs")), qPrintable(yaml));
        QCOMPARE(controller.exportFolder(m_tmp.filePath(QStringLiteral("folder"))), QString());
        QVERIFY(!QDir(m_tmp.filePath(QStringLiteral("folder"))).entryList(QDir::Files).isEmpty());
    }

    void realDrag()
    {
        // The Identities panel and the roles tab side by side, as in the window; a real press, move and
        // release. QAbstractItemView::startDrag() runs QDrag::exec(), a nested loop: a timer inside it
        // moves the pointer onto the target and releases the button there. The offscreen platform's
        // QDrag::exec() returns at once without dragging, so under offscreen this test runs itself
        // again on xcb (Xvfb) when a display is available.
        if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
            if (qEnvironmentVariableIsEmpty("DISPLAY"))
                QSKIP("QDrag needs a real platform: run under xvfb-run for the real drag");
            QProcess self;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
            self.setProcessEnvironment(env);
            self.setProcessChannelMode(QProcess::MergedChannels);
            self.start(QCoreApplication::applicationFilePath(), {QStringLiteral("realDrag")});
            QVERIFY(self.waitForFinished(60000));
            const QByteArray out = self.readAll();
            QVERIFY2(self.exitStatus() == QProcess::NormalExit && self.exitCode() == 0, out.constData());
            QVERIFY2(out.contains("PASS   : TestDraftsUi::realDrag()"), out.constData());
            return;
        }
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        int calls = 0;
        controller.setAsker(acceptProposals(&calls));
        QWidget window;
        auto *layout = new QHBoxLayout(&window);
        auto *identities = new IdentitiesPanel(&window);
        auto *roles = new RolesPage(&window);
        layout->addWidget(identities);
        layout->addWidget(roles);
        identities->setSession(m_session);
        roles->setSession(m_session);
        identities->view()->setDragEnabled(true);
        identities->view()->setDragDropMode(QAbstractItemView::DragOnly);
        roles->model()->setDropHandler(&controller);
        roles->tree()->setAcceptDrops(true);
        roles->tree()->setDragDropMode(QAbstractItemView::DropOnly);
        roles->tree()->setDragDropOverwriteMode(true);
        window.resize(1000, 600);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const auto &cat = *m_session->catalog;
        const SubjectRef devs = cat.principalRef(m_session->graph->snapshot().directory.find(testdata::kDevs));
        QVERIFY(identities->selectSubject(devs));
        QTreeView *from = identities->view();
        const QModelIndex source = from->currentIndex();
        QVERIFY(source.isValid());
        from->scrollTo(source);
        QTreeView *to = roles->tree();
        QVERIFY(roles->selectRef({ObjectRef::Kind::ClusterRole, "agg"}));
        const QModelIndex target = to->currentIndex();
        to->scrollTo(target);
        to->clearSelection();
        const QPoint start = from->visualRect(source).center();
        const QPoint end = to->visualRect(target).center();

        bool dropped = false;
        QTimer::singleShot(200, &window, [&] {
            // Inside QDrag::exec(): the drag is running.
            QTest::mouseMove(to->viewport(), end - QPoint(0, 2));
            QTest::mouseMove(to->viewport(), end);
            QTest::mouseRelease(to->viewport(), Qt::LeftButton, {}, end);
            dropped = true;
        });
        QTest::mousePress(from->viewport(), Qt::LeftButton, {}, start);
        const int distance = QApplication::startDragDistance() + 5;
        for (int i = 1; i <= 3; ++i) {
            // Sent directly with the button held: QTest::mouseMove() on offscreen reports no buttons.
            const QPointF pos = start + QPoint(distance * i, 0);
            QMouseEvent move(QEvent::MouseMove, pos, from->viewport()->mapToGlobal(pos), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(from->viewport(), &move);
        }
        QTRY_VERIFY(dropped);
        QTRY_COMPARE(controller.model()->rowCount(), 1);
        QCOMPARE(calls, 1);
        const drafts::Draft &d = controller.model()->draftAt(0);
        QCOMPARE(d.roleName, std::string("agg"));
        QCOMPARE(d.subject.name, std::string(testdata::kDevs));
    }

    void panelActions()
    {
        DraftsController controller(nullptr);
        controller.setSession(m_session);
        DraftsPanel panel(&controller);
        QVERIFY(!panel.undoAction()->isEnabled());
        controller.model()->addDrafts({makeDraft(m_session, testdata::kDevs, "team-b")});
        QVERIFY(panel.undoAction()->isEnabled());
        panel.view()->selectRow(0);
        panel.removeAction()->trigger();
        QCOMPARE(controller.model()->rowCount(), 0);
        panel.undoAction()->trigger();
        QCOMPARE(controller.model()->rowCount(), 1);
        panel.redoAction()->trigger();
        QCOMPARE(controller.model()->rowCount(), 0);
        QCOMPARE(panel.undoAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Z));
        QCOMPARE(panel.redoAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    }

    void survivesKill()
    {
        QTemporaryDir home;
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildEnv), QStringLiteral("1"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("CLEARANCE_DRAFTS_FILE"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || (child.waitForReadyRead(100) && child.canReadLine()), 20000);
        const QString line = QString::fromUtf8(child.readLine()).trimmed();
        QVERIFY2(line.startsWith(QStringLiteral("saved ")), qPrintable(line));
        const QString path = line.mid(6);
        QVERIFY2(path.startsWith(home.path()), qPrintable(path)); // in the temporary XDG_DATA_HOME
        ::kill(pid_t(child.processId()), SIGKILL); // no chance to flush or clean up
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        DraftsController restarted(nullptr);
        QString error;
        QVERIFY2(restarted.restore(path, &error), qPrintable(error));
        QCOMPARE(restarted.model()->rowCount(), 1);
        QCOMPARE(restarted.model()->draftAt(0).id, std::string("child-draft"));
        QCOMPARE(restarted.model()->draftAt(0).kind, drafts::DraftKind::ClusterRoleBinding);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildEnv))
        return childMain(argc, argv);
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestDraftsUi test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_drafts_ui.moc"
