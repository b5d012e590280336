#include "httpapi.h"

#include "analysisjson.h"
#include "controlprotocol.h"
#include "httpbind.h"
#include "logtime.h"
#include "machinemonitor.h"
#include "markerintake.h"
#include "metricsexposition.h"
#include "session.h"
#include "sessionstats.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentRun>

namespace {

// Compares in time independent of where the strings differ.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// "Authorization: Bearer TOKEN", the scheme in any case (RFC 9110 11.1).
bool hasBearerToken(const HttpRequest &request, const QByteArray &token)
{
    const QByteArray value = request.header("Authorization").trimmed();
    const qsizetype space = value.indexOf(' ');
    if (space < 0 || QByteArrayView(value).first(space).compare("Bearer", Qt::CaseInsensitive) != 0)
        return false;
    return sameSecret(value.mid(space + 1).trimmed(), token);
}

HttpResponse json(int status, const QJsonObject &body, QList<QPair<QByteArray, QByteArray>> extra = {})
{
    HttpResponse r;
    r.status = status;
    r.headers = std::move(extra);
    r.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n';
    return r;
}

HttpResponse error(int status, const QString &message, QList<QPair<QByteArray, QByteArray>> extra = {})
{
    return json(
        status, { { QStringLiteral("error"), message }, { QStringLiteral("status"), status } }, std::move(extra));
}

QJsonArray markersJson(const Session &session)
{
    QJsonArray markers;
    for (const Marker &m : session.markers()->markers())
        markers.append(ControlProtocol::markerToJson(m));
    return markers;
}

struct FileStamp
{
    qint64 size = -1;
    qint64 modifiedMs = -1;
};

FileStamp stampOf(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? FileStamp { info.size(), info.lastModified().toMSecsSinceEpoch() } : FileStamp {};
}
} // namespace

using Handler = void (HttpApi::*)(const HttpRequest &, const HttpResponder &);

struct HttpApi::Route
{
    QByteArrayView path;
    Handler get;
    Handler post;
    const char *allow;
};

HttpApi::HttpApi(Session *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_stats(new SessionStats(session, this))
    , m_listener(new HttpListener(
          [this](const HttpRequest &request, const HttpResponder &responder) { handle(request, responder); }, this))
{
    HttpListener::Options options = m_listener->options();
    options.limits.maxBodyBytes = kMaxBodyBytes;
    m_listener->setOptions(options);
}

HttpApi::~HttpApi() = default;

bool HttpApi::start(const QString &bind, const QString &token, QString *error)
{
    stop();
    QHostAddress address;
    quint16 port = 0;
    if (!HttpBind::parse(bind, &address, &port, error))
        return false;
    QString why;
    if (!m_listener->listen(address, port, &why)) {
        *error = tr("Cannot serve the HTTP API on %1: %2").arg(bind, why);
        return false;
    }
    m_address = address;
    m_port = m_listener->port();
    m_token = token;
    if (m_token.isEmpty() && !address.isLoopback())
        m_token = HttpBind::generateToken();
    return true;
}

void HttpApi::stop()
{
    m_listener->close();
    m_port = 0;
}

QString HttpApi::url() const
{
    if (!isListening())
        return {};
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + m_address.toString() + u']'
                                                                               : m_address.toString();
    return QStringLiteral("http://%1:%2/").arg(host).arg(m_port);
}

void HttpApi::handle(const HttpRequest &request, const HttpResponder &responder)
{
    if (!m_token.isEmpty() && !hasBearerToken(request, m_token.toLatin1())) {
        responder.send(error(401, tr("missing or wrong token (Authorization: Bearer TOKEN)"),
            { { "WWW-Authenticate", "Bearer realm=\"perfdash\"" } }));
        return;
    }
    static const Route routes[] = {
        { "/health", &HttpApi::getHealth, nullptr, "GET" },
        { "/metrics", &HttpApi::getMetrics, nullptr, "GET" },
        { "/metrics/summary", &HttpApi::getSummary, nullptr, "GET" },
        { "/metrics/export", &HttpApi::getExport, nullptr, "GET" },
        { "/events", &HttpApi::getEvents, &HttpApi::postEvent, "GET, POST" },
    };
    for (const Route &route : routes) {
        if (request.path != route.path)
            continue;
        const Handler handler = request.method == "GET" ? route.get : request.method == "POST" ? route.post : nullptr;
        if (!handler) {
            responder.send(
                error(405, tr("%1 takes %2").arg(QString::fromUtf8(request.path), QLatin1String(route.allow)),
                    { { "Allow", route.allow } }));
            return;
        }
        (this->*handler)(request, responder);
        return;
    }
    responder.send(error(404, tr("no such path: %1").arg(QString::fromUtf8(request.path))));
}

void HttpApi::getHealth(const HttpRequest &, const HttpResponder &responder)
{
    responder.send(json(200, health()));
}

void HttpApi::getMetrics(const HttpRequest &, const HttpResponder &responder)
{
    HttpResponse r;
    r.contentType = MetricsExposition::kContentType;
    r.headers = { { "Cache-Control", "no-store" } };
    r.body = MetricsExposition::format(*m_session, QDateTime::currentMSecsSinceEpoch());
    responder.send(r);
}

void HttpApi::getSummary(const HttpRequest &, const HttpResponder &responder)
{
    QJsonObject summary = m_stats->toJson();
    summary.insert(QStringLiteral("session"), sessionJson());
    responder.send(json(200, summary));
}

void HttpApi::getEvents(const HttpRequest &, const HttpResponder &responder)
{
    responder.send(json(200, { { QStringLiteral("markers"), markersJson(*m_session) } }));
}

void HttpApi::postEvent(const HttpRequest &request, const HttpResponder &responder)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject()) {
        responder.send(error(400,
            doc.isNull() ? tr("the body is not JSON: %1").arg(parseError.errorString())
                         : tr("the body must be a JSON object")));
        return;
    }
    MarkerIntake::add(m_session, doc.object(), {}, this, [responder](const MarkerIntake::Result &added) {
        if (!added.accepted) {
            responder.send(error(400, added.error));
            return;
        }
        // 201: stored (in the log when one is recorded); 202: kept in memory until the log takes it.
        QJsonObject body = ControlProtocol::markerToJson(added.marker);
        if (added.queued) {
            body.insert(QStringLiteral("queued"), true);
            body.insert(QStringLiteral("warning"), added.warning);
        }
        responder.send(json(added.queued ? 202 : 201, body, { { "Location", "/events" } }));
    });
}

void HttpApi::getExport(const HttpRequest &, const HttpResponder &responder)
{
    // The analysis reads the whole log: never in this thread. A request that comes while one
    // runs waits for the next, so that it sees what was written before it came.
    (m_analysisRunning ? m_exportNext : m_exportWaiting).append(responder);
    if (!m_analysisRunning)
        startAnalysis();
}

void HttpApi::startAnalysis()
{
    const QString path = m_session->log().isOpen() ? m_session->log().csvPath() : QString();
    if (!m_analysis && path.isEmpty()) {
        for (const HttpResponder &r : std::exchange(m_exportWaiting, {}))
            r.send(json(200, exportDocument(QJsonValue())));
        return;
    }
    m_analysisRunning = true;
    const CachedAnalysis cached = m_cache;
    const std::function<QJsonValue()> provider = m_analysis;
    QtConcurrent::run([provider, path, cached] {
        if (provider)
            return CachedAnalysis { {}, -1, -1, provider() };
        const FileStamp stamp = stampOf(path);
        if (path == cached.path && stamp.size == cached.size && stamp.modifiedMs == cached.modifiedMs)
            return cached;
        return CachedAnalysis { path, stamp.size, stamp.modifiedMs, AnalysisJson::analyzeFile(path) };
    }).then(this, [this](const CachedAnalysis &result) {
        m_analysisRunning = false;
        m_cache = result;
        for (const HttpResponder &r : std::exchange(m_exportWaiting, {}))
            r.send(json(200, exportDocument(result.value)));
        if (!m_exportNext.isEmpty()) {
            m_exportWaiting = std::exchange(m_exportNext, {});
            startAnalysis();
        }
    });
}

QJsonObject HttpApi::sessionJson() const
{
    const LogStatus &log = m_session->log();
    return {
        { QStringLiteral("recording"), log.isOpen() },
        { QStringLiteral("csv"),
            log.isOpen() ? QJsonValue(QFileInfo(log.csvPath()).absoluteFilePath()) : QJsonValue() },
        { QStringLiteral("sidecar"),
            log.isOpen() ? QJsonValue(QFileInfo(log.sidecarPath()).absoluteFilePath()) : QJsonValue() },
        { QStringLiteral("interval_s"), m_session->intervalSeconds() },
        { QStringLiteral("markers"), m_session->markers()->markers().size() },
        { QStringLiteral("error"), m_session->lastError().isEmpty() ? QJsonValue() : m_session->lastError() },
    };
}

QJsonObject HttpApi::health() const
{
    QJsonArray machines;
    for (const MachineMonitor *m : m_session->machines()) {
        const qint64 last = m->history().isEmpty() ? 0 : m->history().last().timeMs;
        machines.append(QJsonObject {
            { QStringLiteral("id"), m->info().id },
            { QStringLiteral("name"), m->info().name },
            { QStringLiteral("last_sample"), last ? QJsonValue(LogTime::format(last)) : QJsonValue() },
            { QStringLiteral("error"), m->lastError().isEmpty() ? QJsonValue() : m->lastError() },
        });
    }
    return {
        { QStringLiteral("status"), QStringLiteral("ok") },
        { QStringLiteral("application"), QStringLiteral("perfdash " PERFDASH_VERSION) },
        { QStringLiteral("pid"), QCoreApplication::applicationPid() },
        { QStringLiteral("running"), m_session->isRunning() },
        { QStringLiteral("recording"), m_session->log().isOpen() },
        { QStringLiteral("machines"), machines },
    };
}

QJsonObject HttpApi::exportDocument(const QJsonValue &analysis) const
{
    const QJsonObject summary = m_stats->toJson();
    return {
        { QStringLiteral("format"), QStringLiteral("perfdash-export") },
        { QStringLiteral("version"), 1 },
        { QStringLiteral("exported"), LogTime::format(QDateTime::currentMSecsSinceEpoch()) },
        { QStringLiteral("session"), sessionJson() },
        { QStringLiteral("machines"), summary.value(QStringLiteral("machines")) },
        { QStringLiteral("markers"), markersJson(*m_session) },
        { QStringLiteral("analysis"), analysis },
    };
}
