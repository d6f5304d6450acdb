// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explain/explaintarget.h"
#include "session.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStringListModel;
class QTreeView;

namespace clr::ui {

class WhoCanModel;
class WhoCanProxy;

/**
 * The who-can tab: verb, resource, namespace and name fields (with completion from the snapshot),
 * and the principals and subjects allowed, with their planes. The query runs on the thread pool:
 * on a 200k-user tenant a binding to system:authenticated allows everyone, and listing everyone
 * must not freeze the window. Selecting a result asks for its explanation.
 */
class WhoCanPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhoCanPage)

public:
    explicit WhoCanPage(QWidget *parent = nullptr);
    ~WhoCanPage() override;

    /** New snapshot: refills completions, keeps the fields, and runs the query again. */
    void setSession(SessionPtr session);
    /** Fills the fields (empty namespace = all namespaces). Does not run. */
    void setQuery(const QString &verb, const QString &resource, const QString &ns, const QString &name = {});
    /** Runs the query in the fields; resultsReady() follows (or the summary tells what is wrong). */
    void run();
    bool isRunning() const { return m_running; }

    WhoCanModel *model() const { return m_model; }
    WhoCanProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QString summaryText() const;
    /** Selects the result row of `subject` (making it current); false when it is not a result. */
    bool selectSubject(SubjectRef subject);

Q_SIGNALS:
    void resultsReady();
    void explainRequested(const clr::ui::ExplainTarget &target);

private:
    void buildForm();
    void buildResults();
    void fillCompletions();
    std::optional<k8s::Request> buildRequest(bool *anyNamespace, QString *warning) const;
    void showResult(const SessionPtr &session, const k8s::Request &request, const WhoCanResult &result, const QString &warning);
    void onCurrentChanged(const QModelIndex &current);

    SessionPtr m_session;
    QComboBox *m_verb = nullptr;
    QLineEdit *m_resource = nullptr;
    QComboBox *m_namespace = nullptr;
    QLineEdit *m_name = nullptr;
    QPushButton *m_run = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_notes = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_view = nullptr;
    WhoCanModel *m_model = nullptr;
    WhoCanProxy *m_proxy = nullptr;
    QStringListModel *m_resourceNames = nullptr;
    QStringListModel *m_objectNames = nullptr;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace clr::ui
