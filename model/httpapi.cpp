#include "httpapi.h"

#include "analysisjson.h"
#include "controlprotocol.h"
#include "httpbind.h"
#include "logtime.h"
#include "machinemonitor.h"
#include "metricsexposition.h"
#include "session.h"
#include "sessionstats.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>

namespace {
using Status = QHttpServerResponder::StatusCode;

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &h : request.headers()) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

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

void writeJson(QHttpServerResponder &responder, const QJsonObject &body, Status status,
    QHttpServerResponder::HeaderList extra = {})
{
    responder.writeStatusLine(status);
    responder.writeHeader("Content-Type", "application/json");
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &h : extra)
        responder.writeHeader(h.first, h.second);
    const QByteArray data = QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n';
    responder.writeHeader("Content-Length", QByteArray::number(data.size()));
    responder.writeBody(data);
}

void writeError(
    QHttpServerResponder &responder, Status status, const QString &message, QHttpServerResponder::HeaderList extra = {})
{
    writeJson(
        responder, { { QStringLiteral("error"), message }, { QStringLiteral("status"), int(status) } }, status, extra);
}
} // namespace

HttpApi::HttpApi(Session *session, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_session(session)
    , m_stats(new SessionStats(session, this))
{ }

HttpApi::~HttpApi() = default;

bool HttpApi::start(const QString &bind, const QString &token, QString *error)
{
    stop();
    QHostAddress address;
    quint16 port = 0;
    if (!HttpBind::parse(bind, &address, &port, error))
        return false;
    const bool bound = m_tcp != nullptr;
    if (!m_tcp)
        m_tcp = new QTcpServer(this);
    if (!m_tcp->listen(address, port)) {
        *error = tr("Cannot serve the HTTP API on %1: %2").arg(bind, m_tcp->errorString());
        return false;
    }
    if (!bound)
        QAbstractHttpServer::bind(m_tcp);
    m_address = address;
    m_port = m_tcp->serverPort();
    m_token = token;
    if (m_token.isEmpty() && !address.isLoopback())
        m_token = HttpBind::generateToken();
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    return true;
}

void HttpApi::stop()
{
    if (m_tcp)
        m_tcp->close();
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

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    writeError(responder, Status::NotFound, tr("no such path: %1").arg(request.url().path()));
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    if (!m_token.isEmpty()) {
        const QByteArray expected = "Bearer " + m_token.toLatin1();
        if (!sameSecret(header(request, "Authorization").trimmed(), expected)) {
            writeError(responder, Status::Unauthorized, tr("missing or wrong token (Authorization: Bearer TOKEN)"),
                { { "WWW-Authenticate", "Bearer realm=\"perfdash\"" } });
            return true;
        }
    }
    const QString path = request.url().path();
    const auto method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;

    struct Route
    {
        const char *path;
        const char *allow;
    };
    static const Route routes[] = {
        { "/health", "GET" },
        { "/metrics", "GET" },
        { "/metrics/summary", "GET" },
        { "/metrics/export", "GET" },
        { "/events", "GET, POST" },
    };
    const Route *route = nullptr;
    for (const Route &r : routes) {
        if (path == QLatin1String(r.path))
            route = &r;
    }
    if (!route) {
        writeError(responder, Status::NotFound, tr("no such path: %1").arg(path));
        return true;
    }
    const bool post = method == QHttpServerRequest::Method::Post;
    if (!(get || (post && path == QLatin1String("/events")))) {
        writeError(responder, Status::MethodNotAllowed, tr("%1 takes %2").arg(path, QLatin1String(route->allow)),
            { { "Allow", route->allow } });
        return true;
    }

    if (path == QLatin1String("/health")) {
        writeJson(responder, health(), Status::Ok);
    } else if (path == QLatin1String("/metrics")) {
        const QByteArray body = MetricsExposition::format(*m_session, QDateTime::currentMSecsSinceEpoch());
        responder.write(
            body, { { "Content-Type", MetricsExposition::kContentType }, { "Cache-Control", "no-store" } }, Status::Ok);
    } else if (path == QLatin1String("/metrics/summary")) {
        QJsonObject summary = m_stats->toJson();
        summary.insert(QStringLiteral("session"), sessionJson());
        writeJson(responder, summary, Status::Ok);
    } else if (path == QLatin1String("/metrics/export")) {
        writeJson(responder, exportDocument(), Status::Ok);
    } else if (get) { // GET /events
        QJsonArray markers;
        for (const Marker &m : m_session->markers()->markers())
            markers.append(ControlProtocol::markerToJson(m));
        writeJson(responder, { { QStringLiteral("markers"), markers } }, Status::Ok);
    } else { // POST /events
        const QByteArray body = request.body();
        if (body.size() > kMaxBodyBytes || header(request, "Content-Length").toLongLong() > kMaxBodyBytes) {
            writeError(responder, Status::PayloadTooLarge, tr("the body is larger than %1 bytes").arg(kMaxBodyBytes));
            return true;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (!doc.isObject()) {
            writeError(responder, Status::BadRequest,
                doc.isNull() ? tr("the body is not JSON: %1").arg(parseError.errorString())
                             : tr("the body must be a JSON object"));
            return true;
        }
        QStringList machines;
        for (const MachineMonitor *m : m_session->machines())
            machines << m->info().id;
        Marker marker;
        QString error;
        if (!ControlProtocol::markerFromJson(doc.object(), machines, &marker, &error)) {
            writeError(responder, Status::BadRequest, error);
            return true;
        }
        const int id
            = m_session->addMarker(QDateTime::currentMSecsSinceEpoch(), marker.label, marker.notes, marker.machine);
        const Marker *stored = m_session->markers()->find(id);
        writeJson(responder, stored ? ControlProtocol::markerToJson(*stored) : QJsonObject(), Status::Created,
            { { "Location", "/events" } });
    }
    return true;
}

QJsonObject HttpApi::sessionJson() const
{
    const SessionLog &log = m_session->log();
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

QJsonValue HttpApi::analysis() const
{
    if (m_analysis)
        return m_analysis();
    if (!m_session->log().isOpen())
        return {};
    return AnalysisJson::analyzeFile(m_session->log().csvPath());
}

QJsonObject HttpApi::exportDocument() const
{
    QJsonArray markers;
    for (const Marker &m : m_session->markers()->markers())
        markers.append(ControlProtocol::markerToJson(m));
    QJsonObject summary = m_stats->toJson();
    return {
        { QStringLiteral("format"), QStringLiteral("perfdash-export") },
        { QStringLiteral("version"), 1 },
        { QStringLiteral("exported"), LogTime::format(QDateTime::currentMSecsSinceEpoch()) },
        { QStringLiteral("session"), sessionJson() },
        { QStringLiteral("machines"), summary.value(QStringLiteral("machines")) },
        { QStringLiteral("markers"), markers },
        { QStringLiteral("analysis"), analysis() },
    };
}
