// SPDX-License-Identifier: GPL-3.0-or-later
// Matrix views (generate/matrixview.h): the column presets and picks, saved views, and
// `clearance export --what matrix -n NS` with every view flag, one data row per rule; failure rows check
// the message. That the rows a view keeps are the ones check() allows is tst_agreement's job.
#include "generatortest.h"

#include "generate/matrixview.h"
#include "generate/viewstore.h"
#include "graph/matrixrows.h"
#include "load/loader.h"

#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace clr;
using namespace clr::gen;
using namespace testutil;

namespace {

/** The CSV's data lines split into fields (the demo's names hold no comma or quote). */
std::vector<QStringList> csvRows(const std::string &csv)
{
    std::vector<QStringList> rows;
    const QStringList lines = q(csv).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i)
        rows.push_back(lines[i].split(QLatin1Char(',')));
    return rows;
}

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

QStringList csvHeader(const std::string &csv)
{
    return q(csv).section(QStringLiteral("\r\n"), 0, 0).split(QLatin1Char(','));
}

int allowedCells(const QStringList &row)
{
    int n = 0;
    for (int i = 3; i < row.size(); ++i)
        n += row[i].startsWith(QStringLiteral("yes"));
    return n;
}

std::vector<std::string> args(const QString &line)
{
    std::vector<std::string> out{"export", "--demo", "--what", "matrix", "-n", "finance-app"};
    for (const QString &a : QProcess::splitCommand(line))
        out.push_back(a.toStdString());
    return out;
}

} // namespace

class TestMatrixView final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;
    std::unique_ptr<PermissionGraph> m_demo;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        // Saved views live in the user's settings: keep this test's apart.
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        m_demo = std::make_unique<PermissionGraph>(loadDemoSnapshot());
    }

    void columnChoices_data()
    {
        QTest::addColumn<QString>("list");
        QTest::addColumn<QStringList>("shown"); // some shown columns
        QTest::addColumn<int>("count");         // how many are shown, -1: the error below
        QTest::addColumn<QString>("error");
        QTest::newRow("write preset: create, update, patch, delete") << "write" << strings({"delete:secrets", "create:pods/exec"}) << 4 * 22 + 3 << "";
        QTest::newRow("secrets preset: every verb on secrets") << "secrets" << strings({"get:secrets", "watch:secrets"}) << 7 << "";
        QTest::newRow("write narrows secrets") << "write,secrets" << strings({"create:secrets", "delete:secrets"}) << 4 << "";
        QTest::newRow("exec preset: exec, attach, port-forward") << "exec" << strings({"create:pods/exec", "create:pods/attach", "create:pods/portforward"}) << 3 << "";
        QTest::newRow("rbac preset: roles and bindings") << "rbac" << strings({"create:rolebindings.rbac.authorization.k8s.io", "delete:clusterroles.rbac.authorization.k8s.io"}) << 28 << "";
        QTest::newRow("resource presets add up") << "secrets,exec" << strings({"get:secrets", "create:pods/attach"}) << 10 << "";
        QTest::newRow("one pick") << "create:secrets" << strings({"create:secrets"}) << 1 << "";
        QTest::newRow("any verb") << "*:configmaps" << strings({"list:configmaps"}) << 7 << "";
        QTest::newRow("resource without its group") << "get:deployments" << strings({"get:deployments.apps"}) << 1 << "";
        QTest::newRow("any resource") << "delete:*" << strings({"delete:nodes"}) << 22 << "";
        QTest::newRow("picks narrowed by a preset") << "*:secrets,*:pods,write" << strings({"create:pods"}) << 8 << "";
        QTest::newRow("unknown preset") << "bogus" << QStringList() << -1 << "unknown column preset 'bogus' (presets: write, secrets, exec, rbac";
    }

    /** Presets and picks choose the columns the filter bar and --columns promise. */
    void columnChoices()
    {
        QFETCH(QString, list);
        QFETCH(QStringList, shown);
        QFETCH(int, count);
        QFETCH(QString, error);
        MatrixView view;
        std::string why;
        const bool ok = addColumnPicks(view, list.toStdString(), &why);
        QCOMPARE(ok, count >= 0);
        if (!ok) {
            QVERIFY2(q(why).startsWith(error), why.c_str());
            return;
        }
        const auto columns = defaultMatrixColumns(*m_demo);
        QVERIFY(checkPicks(view.columns, columns, &why));
        std::set<QString> ids;
        for (auto c : view.visibleColumns(columns))
            ids.insert(q(columnId(columns[c])));
        QCOMPARE(int(ids.size()), count);
        for (const QString &id : shown)
            QVERIFY2(ids.count(id), qPrintable(id));
    }

    void viewsRoundTripThroughJson()
    {
        MatrixView v;
        v.columns = {"create:secrets", "*:pods/exec"};
        v.presets = {ColumnPreset::Write, ColumnPreset::Rbac};
        v.onlyAllowed = true;
        v.kinds = {RowKind::Guest, RowKind::ServiceAccount};
        v.memberOf = "9e4fa8be-f0d1-4db6-80a9-c7657ab4403d";
        v.planes = planeBit(Plane::Azure) | planeBit(Plane::AdminCredential);
        v.accounts = AccountFilter::Disabled;
        v.sort = RowSort::Column;
        v.sortColumn = "delete:secrets";
        std::string error;
        const auto back = MatrixView::fromJson(v.toJson(), &error);
        QVERIFY2(back, error.c_str());
        QVERIFY(*back == v);
        QCOMPARE(q(MatrixView().toJson()), QStringLiteral(R"({"columns":[],"presets":[],"onlyAllowed":false,"kinds":[],"memberOf":"","planes":[],"accounts":"any","sort":"kind","sortColumn":""})"));
    }

    void badViews_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("not JSON") << "{" << "not a matrix view: ";
        QTest::newRow("not an object") << "[1]" << "not a matrix view: expected a JSON object";
        QTest::newRow("unknown preset") << R"({"presets":["fast"]})" << "unknown column preset 'fast'";
        QTest::newRow("unknown kind") << R"({"kinds":["robot"]})" << "unknown identity kind 'robot'";
        QTest::newRow("unknown plane") << R"({"planes":["sky"]})" << "unknown plane 'sky'";
        QTest::newRow("unknown account filter") << R"({"accounts":"some"})" << "unknown account filter 'some'";
        QTest::newRow("unknown sort") << R"({"sort":"height"})" << "unknown sort 'height'";
        QTest::newRow("wrong type") << R"({"onlyAllowed":"yes"})" << "not a matrix view: ";
    }

    /** A saved view that cannot be read says why (settings may be edited by hand or come from a newer version). */
    void badViews()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        std::string why;
        QVERIFY(!MatrixView::fromJson(json.toStdString(), &why));
        QVERIFY2(q(why).startsWith(error), why.c_str());
    }

    void exportFlags_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<QString>("rule");
        QTest::newRow("only allowed: every row allows a shown column") << "--columns write,secrets --only-allowed" << "allowed";
        QTest::newRow("all rows: every identity") << "--columns write,secrets --all-rows" << "all";
        QTest::newRow("kind") << "--kind service-account,kubernetes-group --all-rows" << "kind";
        QTest::newRow("member of a group, by display name") << "--member-of \"Finance App Developers\" --all-rows" << "members";
        QTest::newRow("plane") << "--plane azure --columns secrets" << "azure";
        QTest::newRow("disabled accounts") << "--accounts disabled --all-rows" << "disabled";
        QTest::newRow("sort by allowed cells") << "--columns secrets --only-allowed --sort allowed" << "by count";
        QTest::newRow("sort by one column") << "--columns secrets --sort column:delete:secrets" << "by column";
        QTest::newRow("sort by name") << "--columns exec --all-rows --sort name" << "by name";
    }

    /** Each view flag of `export --what matrix` does what it says on the demo's finance-app. */
    void exportFlags()
    {
        QFETCH(QString, flags);
        QFETCH(QString, rule);
        const CliResult r = runCli(args(flags));
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto rows = csvRows(r.out);
        QVERIFY(!rows.empty());
        const auto all = requesterRows(*m_demo);
        const auto &dir = m_demo->snapshot().directory;
        if (rule == QLatin1String("allowed")) {
            QCOMPARE(csvHeader(r.out), (strings({"identity", "display name", "kind", "create secrets", "update secrets", "patch secrets", "delete secrets"})));
            for (const auto &row : rows)
                QVERIFY2(allowedCells(row) > 0, qPrintable(row.join(QLatin1Char(','))));
        } else if (rule == QLatin1String("all")) {
            QCOMPARE(rows.size(), all.size());
        } else if (rule == QLatin1String("kind")) {
            std::size_t expected = 0;
            for (const auto &row : all)
                expected += row.kind == RowKind::ServiceAccount || row.kind == RowKind::KubernetesGroup;
            QCOMPARE(rows.size(), expected);
            for (const auto &row : rows)
                QVERIFY(row[2] == QLatin1String("service-account") || row[2] == QLatin1String("kubernetes-group"));
        } else if (rule == QLatin1String("members")) {
            std::set<QString> members;
            for (auto m : dir.transitiveMembers(dir.find("9e4fa8be-f0d1-4db6-80a9-c7657ab4403d")))
                if (dir.at(m).type != entra::PrincipalType::Group)
                    members.insert(q(m_demo->kubernetesUserName(m)));
            std::set<QString> listed;
            for (const auto &row : rows)
                listed.insert(row[0]);
            QCOMPARE(listed, members);
        } else if (rule == QLatin1String("azure")) {
            for (const auto &row : rows)
                QVERIFY2(row.join(QLatin1Char(',')).contains(QStringLiteral("azure")), qPrintable(row.join(QLatin1Char(','))));
        } else if (rule == QLatin1String("disabled")) {
            std::size_t expected = 0;
            for (const auto &row : all)
                expected += row.disabled;
            QCOMPARE(rows.size(), expected);
        } else if (rule == QLatin1String("by count")) {
            for (std::size_t i = 1; i < rows.size(); ++i)
                QVERIFY(allowedCells(rows[i - 1]) >= allowedCells(rows[i]));
        } else if (rule == QLatin1String("by column")) {
            const int col = int(csvHeader(r.out).indexOf(QStringLiteral("delete secrets")));
            bool denied = false;
            for (const auto &row : rows) {
                const bool yes = row[col].startsWith(QStringLiteral("yes"));
                QVERIFY2(!(denied && yes), "allowed rows first");
                denied = denied || !yes;
            }
        } else if (rule == QLatin1String("by name")) {
            // Entra rows carry their display name: in order, case-insensitively, whatever their kind.
            QString previous;
            for (const auto &row : rows) {
                if (row[1].isEmpty())
                    continue;
                QVERIFY2(previous.toLower().toUtf8() <= row[1].toLower().toUtf8(), qPrintable(previous + QStringLiteral(" > ") + row[1]));
                previous = row[1];
            }
        }
    }

    void exportFlagErrors_data()
    {
        QTest::addColumn<QString>("flags");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown preset") << "--columns bogus" << "clearance: --columns: unknown column preset 'bogus'";
        QTest::newRow("pick matching no column") << "--columns get:nothing" << "clearance: --columns: no matrix column matches 'get:nothing'";
        QTest::newRow("unknown kind") << "--kind robots" << "clearance: --kind: unknown kind 'robots'";
        QTest::newRow("unknown group") << "--member-of nobody" << "clearance: --member-of: no Entra group 'nobody' in the snapshot";
        QTest::newRow("a user is no group") << "--member-of megan.bowen@contoso.com" << "clearance: --member-of: no Entra group 'megan.bowen@contoso.com'";
        QTest::newRow("unknown plane") << "--plane sky" << "clearance: --plane: unknown plane 'sky'";
        QTest::newRow("unknown account filter") << "--accounts maybe" << "clearance: --accounts: expected enabled, disabled or any, not 'maybe'";
        QTest::newRow("unknown sort") << "--sort height" << "clearance: --sort: unknown sort 'height'";
        QTest::newRow("sort by a hidden column") << "--columns exec --sort column:delete:secrets" << "clearance: the sort column 'delete:secrets' is not shown";
        QTest::newRow("sort by no column") << "--sort column:fly:pods" << "clearance: no matrix column 'fly:pods' to sort by";
        QTest::newRow("only allowed and all rows") << "--only-allowed --all-rows" << "clearance: --only-allowed and --all-rows exclude each other";
        QTest::newRow("no such saved view") << "--view missing" << "clearance: no saved matrix view named 'missing'";
    }

    /** Bad view flags exit 2 with a message saying what is wrong, and write nothing. */
    void exportFlagErrors()
    {
        QFETCH(QString, flags);
        QFETCH(QString, error);
        const CliResult r = runCli(args(flags));
        QCOMPARE(r.code, 2);
        QVERIFY2(q(r.err).contains(error), r.err.c_str());
        QVERIFY(r.out.empty());
    }

    void rowFiltersNeedANamespace()
    {
        const CliResult r = runCli({"export", "--demo", "--what", "matrix", "--as", "megan.bowen@contoso.com", "--kind", "user"});
        QCOMPARE(r.code, 2);
        QVERIFY2(q(r.err).contains(QStringLiteral("choose identities: use them with -n NS, not --as")), r.err.c_str());
        // Columns and "only allowed" do apply to one identity's namespaces.
        const CliResult ok = runCli({"export", "--demo", "--what", "matrix", "--as", "megan.bowen@contoso.com", "--columns", "write,secrets", "--only-allowed"});
        QVERIFY2(ok.code == 0, ok.err.c_str());
        QCOMPARE(csvHeader(ok.out), (strings({"namespace", "create secrets", "update secrets", "patch secrets", "delete secrets"})));
        const auto rows = csvRows(ok.out);
        QVERIFY(!rows.empty() && int(rows.size()) < int(m_demo->namespaces().size()) + 1);
        for (const auto &row : rows)
            QVERIFY(row.join(QLatin1Char(',')).contains(QStringLiteral("yes")));
    }

    /** A view saved (as the window saves it) gives the export the same rows as the flags it stands for. */
    void savedViewGivesTheSameExport()
    {
        MatrixView view;
        QVERIFY(addColumnPicks(view, "write,secrets", nullptr));
        view.onlyAllowed = true;
        view.planes = planeBit(Plane::Kubernetes);
        view.sort = RowSort::Name;
        std::string error;
        QVERIFY2(MatrixViewStore().save("secrets/writers \\ k8s", view, &error), error.c_str()); // '/' and '\' are no key separators here
        QVERIFY(MatrixViewStore().names() == std::vector<std::string>{"secrets/writers \\ k8s"});
        const CliResult saved = runCli(args(QStringLiteral("--view \"secrets/writers \\ k8s\" -o html")));
        QVERIFY2(saved.code == 0, saved.err.c_str());
        const CliResult flags = runCli(args(QStringLiteral("--columns write,secrets --only-allowed --plane kubernetes --sort name -o html")));
        QVERIFY2(flags.code == 0, flags.err.c_str());
        QCOMPARE(q(saved.out), q(flags.out));
        QVERIFY(q(saved.out).contains(QStringLiteral("Columns: Write access, Secrets.")));
        QVERIFY(q(saved.out).contains(QStringLiteral("Only identities allowed at least one of these columns.")));
        // Flags given beside a view override what it says.
        const CliResult overridden = runCli(args(QStringLiteral("--view \"secrets/writers \\ k8s\" --all-rows")));
        QVERIFY2(overridden.code == 0, overridden.err.c_str());
        const CliResult same = runCli(args(QStringLiteral("--columns write,secrets --all-rows --plane kubernetes --sort name")));
        QCOMPARE(QString::fromStdString(overridden.out), QString::fromStdString(same.out));
        QVERIFY(MatrixViewStore().remove("secrets/writers \\ k8s"));
        QVERIFY(MatrixViewStore().names().empty());
    }

    /** Without any view flag the export keeps its old promise: identities with no access at all are left out. */
    void defaultExportListsWhoCanDoSomething()
    {
        const CliResult r = runCli(args({}));
        QVERIFY2(r.code == 0, r.err.c_str());
        const auto rows = csvRows(r.out);
        QVERIFY(rows.size() > 10 && rows.size() < requesterRows(*m_demo).size());
        for (const auto &row : rows) {
            bool any = false;
            for (int i = 3; i < row.size(); ++i)
                any = any || row[i] != QLatin1String("no");
            QVERIFY2(any, qPrintable(row.join(QLatin1Char(','))));
        }
    }
};

QTEST_GUILESS_MAIN(TestMatrixView)
#include "tst_matrixview.moc"
