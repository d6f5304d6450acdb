// SPDX-License-Identifier: GPL-3.0-or-later
#include "whocan/whocanpage.h"

#include "common/async.h"
#include "common/stringconv.h"
#include "models/itemroles.h"
#include "models/whocanmodel.h"
#include "models/whocanproxy.h"
#include "whocan/planesdelegate.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <set>

namespace clr::ui {

namespace {

const QString kAllNamespaces = QStringLiteral("(all namespaces)");

QCompleter *makeCompleter(QStringListModel *model, QObject *parent)
{
    auto *completer = new QCompleter(model, parent);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    return completer;
}

} // namespace

WhoCanPage::WhoCanPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new WhoCanModel(this))
    , m_proxy(new WhoCanProxy(this))
    , m_resourceNames(new QStringListModel(this))
    , m_objectNames(new QStringListModel(this))
{
    m_proxy->setSourceModel(m_model);
    buildForm();
    buildResults();
    setQuery(QStringLiteral("delete"), QStringLiteral("pods"), QStringLiteral("finance-app"));
}

WhoCanPage::~WhoCanPage() = default;

void WhoCanPage::buildForm()
{
    m_verb = new QComboBox(this);
    m_verb->setObjectName(QStringLiteral("whoCanVerb"));
    m_verb->setEditable(true);
    m_verb->addItems({QStringLiteral("get"), QStringLiteral("list"), QStringLiteral("watch"), QStringLiteral("create"),
                      QStringLiteral("update"), QStringLiteral("patch"), QStringLiteral("delete"), QStringLiteral("deletecollection"),
                      QStringLiteral("impersonate"), QStringLiteral("bind"), QStringLiteral("escalate"), QStringLiteral("use"),
                      QStringLiteral("*")});
    m_resource = new QLineEdit(this);
    m_resource->setObjectName(QStringLiteral("whoCanResource"));
    m_resource->setPlaceholderText(tr("pods, deployments.apps, pods/exec, /metrics…"));
    m_resource->setCompleter(makeCompleter(m_resourceNames, this));
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("whoCanNamespace"));
    m_namespace->setEditable(true);
    m_namespace->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_namespace->completer()->setFilterMode(Qt::MatchContains);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("whoCanName"));
    m_name->setPlaceholderText(tr("any name (optional)"));
    m_name->setCompleter(makeCompleter(m_objectNames, this));
    m_run = new QPushButton(tr("&Find who can"), this);
    m_run->setObjectName(QStringLiteral("whoCanRun"));
    m_run->setDefault(true);
    connect(m_run, &QPushButton::clicked, this, &WhoCanPage::run);
    connect(m_resource, &QLineEdit::returnPressed, this, &WhoCanPage::run);
    connect(m_name, &QLineEdit::returnPressed, this, &WhoCanPage::run);
    connect(m_verb->lineEdit(), &QLineEdit::returnPressed, this, &WhoCanPage::run);
    connect(m_namespace->lineEdit(), &QLineEdit::returnPressed, this, &WhoCanPage::run);
}

void WhoCanPage::buildResults()
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("whoCanSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes = new QLabel(this);
    m_notes->setWordWrap(true);
    m_notes->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("whoCanFilter"));
    m_filter->setPlaceholderText(tr("Filter results"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &WhoCanProxy::setFilterText);
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("whoCanResults"));
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(WhoCanModel::PlanesColumn, new PlanesDelegate(m_view));
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->header()->resizeSection(WhoCanModel::NameColumn, 220);
    m_view->header()->resizeSection(WhoCanModel::KindColumn, 120);
    m_view->header()->resizeSection(WhoCanModel::KubernetesNameColumn, 260);
    m_view->header()->resizeSection(WhoCanModel::PlanesColumn, 260);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &WhoCanPage::onCurrentChanged);

    auto *form = new QHBoxLayout;
    auto addField = [&](const QString &label, QWidget *field, int stretch) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        form->addWidget(l);
        form->addWidget(field, stretch);
    };
    addField(tr("&Verb:"), m_verb, 1);
    addField(tr("&Resource:"), m_resource, 2);
    addField(tr("N&amespace:"), m_namespace, 2);
    addField(tr("Na&me:"), m_name, 2);
    form->addWidget(m_run);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_notes);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

void WhoCanPage::setSession(SessionPtr session)
{
    m_session = std::move(session);
    ++m_generation; // drop the answer of a query on the previous snapshot
    m_running = false;
    m_model->setResult(nullptr, {}, {});
    m_summary->clear();
    m_notes->clear();
    fillCompletions();
    if (m_session)
        run();
}

void WhoCanPage::fillCompletions()
{
    const QString currentNs = m_namespace->currentText();
    m_namespace->clear();
    m_namespace->addItem(kAllNamespaces);
    QStringList resources, names;
    if (m_session) {
        for (const auto &ns : m_session->graph->namespaces())
            m_namespace->addItem(toQString(ns));
        std::set<QString> res;
        for (const auto &info : m_session->graph->resources().all()) {
            res.insert(toQString(info.group.empty() ? info.plural : info.plural + '.' + info.group));
            for (const auto &sub : info.subresources)
                res.insert(toQString(info.plural + '/' + sub));
            for (const auto &s : info.shortNames)
                res.insert(toQString(s));
        }
        resources = QStringList(res.begin(), res.end());
        std::set<QString> objectNames;
        for (const auto &role : m_session->graph->kubernetes().cluster().roles)
            for (const auto &rule : role.rules)
                for (const auto &n : rule.resourceNames)
                    objectNames.insert(toQString(n));
        names = QStringList(objectNames.begin(), objectNames.end());
    }
    m_resourceNames->setStringList(resources);
    m_objectNames->setStringList(names);
    m_namespace->setCurrentText(currentNs);
}

void WhoCanPage::setQuery(const QString &verb, const QString &resource, const QString &ns, const QString &name)
{
    m_verb->setCurrentText(verb);
    m_resource->setText(resource);
    m_namespace->setCurrentText(ns.isEmpty() ? kAllNamespaces : ns);
    m_name->setText(name);
}

std::optional<k8s::Request> WhoCanPage::buildRequest(bool *anyNamespace, QString *warning) const
{
    k8s::Request req;
    req.verb = toStd(m_verb->currentText().trimmed());
    const QString target = m_resource->text().trimmed();
    if (req.verb.empty() || target.isEmpty()) {
        *warning = tr("Give a verb and a resource (or a non-resource URL such as /metrics).");
        return std::nullopt;
    }
    const QString ns = m_namespace->currentText().trimmed();
    *anyNamespace = ns.isEmpty() || ns == kAllNamespaces || ns == QLatin1String("*");
    if (target.startsWith(QLatin1Char('/'))) {
        req.resourceRequest = false;
        req.path = toStd(target);
        return req;
    }
    const auto slash = target.indexOf(QLatin1Char('/'));
    const auto resolved = m_session->graph->resources().resolve(toStd(target.left(slash)));
    if (!resolved.known)
        *warning = tr("'%1' is not a standard resource nor a CRD of the snapshot; evaluated as given.").arg(target.left(slash));
    req.apiGroup = resolved.group;
    req.resource = resolved.resource;
    req.subresource = slash < 0 ? std::string() : toStd(target.mid(slash + 1));
    req.name = toStd(m_name->text().trimmed());
    req.ns = *anyNamespace || !resolved.namespaced ? std::string() : toStd(ns);
    return req;
}

void WhoCanPage::run()
{
    if (!m_session)
        return;
    bool anyNamespace = false;
    QString warning;
    const auto request = buildRequest(&anyNamespace, &warning);
    if (!request) {
        m_summary->setText(warning);
        return;
    }
    const quint64 generation = ++m_generation;
    m_running = true;
    m_summary->setText(tr("Searching who can %1…").arg(toQString(request->describe())));
    SessionPtr session = m_session;
    runAsync(
        this, [session, req = *request, anyNamespace] { return session->graph->whoCan(req, anyNamespace); },
        [this, generation, session, req = *request, warning](const WhoCanResult &result) {
            if (generation != m_generation)
                return; // a newer query replaced this one
            m_running = false;
            showResult(session, req, result, warning);
        });
}

void WhoCanPage::showResult(const SessionPtr &session, const k8s::Request &request, const WhoCanResult &result, const QString &warning)
{
    m_model->setResult(session, request, result);
    const int subjects = m_model->rowCount() - m_model->principalCount();
    QString text = tr("<b>%1</b> Entra principals and <b>%2</b> Kubernetes-only subjects can %3.")
                       .arg(m_model->principalCount())
                       .arg(subjects)
                       .arg(toQString(request.describe()).toHtmlEscaped());
    if (!warning.isEmpty())
        text += QStringLiteral("<br><i>%1</i>").arg(warning.toHtmlEscaped());
    m_summary->setText(text);
    QStringList notes;
    for (const auto &n : result.notes)
        notes << QStringLiteral("• ") + toQString(n);
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    Q_EMIT resultsReady();
}

QString WhoCanPage::summaryText() const
{
    return m_summary->text();
}

bool WhoCanPage::selectSubject(SubjectRef subject)
{
    const int row = m_model->rowOf(subject);
    if (row < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void WhoCanPage::onCurrentChanged(const QModelIndex &current)
{
    const auto subject = m_model->subjectAt(m_proxy->mapToSource(current).row());
    if (!subject || !m_session)
        return;
    ExplainTarget target;
    target.who = m_session->catalog->identity(*subject);
    target.request = m_model->request();
    target.whoLabel = m_session->catalog->label(*subject);
    target.subject = subject;
    Q_EMIT explainRequested(target);
}

} // namespace clr::ui
