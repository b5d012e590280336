// Reading a fleet through Prometheus: the client's CPU per refresh with perfdash's one combined
// query, against a Grafana-like poll of one query per machine, on the same fake Prometheus in the
// same run. Also the parse + assembly of one answer alone. See bench/README.md.
#include "benchutil.h"
#include "fakehttpserver.h"
#include "fleetframes.h"
#include "prometheusclient.h"
#include "syntheticfleet.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QUrlQuery>

#include <ctime>

namespace {
double threadCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// Parse + assemble one answer of `machines` machines, median of `rounds`, in ms of thread CPU;
// with the fast scanner (PromApi::parseAnswer) and with QJsonDocument (parseAnswerGeneric).
double parseMs(int machines, int rounds)
{
    const QByteArray body = SyntheticFleet::answer(machines, QDateTime::currentMSecsSinceEpoch());
    double fast = 0;
    for (const bool generic : { false, true }) {
        QList<double> parse;
        QList<double> total;
        FleetIds ids;
        for (int r = 0; r < rounds; ++r) {
            const double start = threadCpuSeconds();
            const PromApiAnswer a = generic ? PromApi::parseAnswerGeneric(body, 200) : PromApi::parseAnswer(body, 200);
            const double parsed = threadCpuSeconds();
            const FleetFrames f = FleetAssembly::assemble(a, ids);
            const double end = threadCpuSeconds();
            parse << (parsed - start) * 1000.0;
            total << (end - start) * 1000.0;
            if (f.machines.size() != machines)
                qFatal("assembled %d machines, not %d", int(f.machines.size()), machines);
        }
        std::printf("  %s, %d machines (%lld KB): parse %.3f ms + assemble %.3f ms = %.3f ms (median of %d)\n",
            generic ? "QJsonDocument" : "fast scanner ", machines, qlonglong(body.size() / 1024), Bench::median(parse),
            Bench::median(total) - Bench::median(parse), Bench::median(total), rounds);
        if (!generic)
            fast = Bench::median(total);
    }
    return fast;
}

// `refreshes` refreshes: either one fleet query, or one query per machine (answered with that
// machine's part), each parsed and assembled. Client thread CPU per refresh, in ms.
double refreshMs(const QUrl &url, int machines, bool perMachine, int refreshes)
{
    PrometheusClient::Options options;
    options.url = url;
    PrometheusClient client(options);
    FleetIds ids;
    const auto run = [&] {
        QEventLoop loop;
        int waiting = perMachine ? machines : 1;
        for (int m = 0; m < (perMachine ? machines : 1); ++m) {
            const QString q = perMachine ? QStringLiteral("machine:%1").arg(m) : QStringLiteral("fleet");
            client.query(q, [&](const PromApiAnswer &a) {
                const FleetFrames f = FleetAssembly::assemble(a, ids);
                if (!a.ok || f.machines.size() != (perMachine ? 1 : machines))
                    qFatal("no answer: %s", qPrintable(a.errorText()));
                if (--waiting == 0)
                    loop.quit();
            });
        }
        loop.exec();
    };
    run(); // warm-up: the connection
    const double start = threadCpuSeconds();
    for (int r = 0; r < refreshes; ++r)
        run();
    const double ms = (threadCpuSeconds() - start) * 1000.0 / refreshes;
    std::printf("  %s, %d machines: %.3f ms client CPU per refresh (%d requests each)\n",
        perMachine ? "one query per machine" : "one fleet query      ", machines, ms, perMachine ? machines : 1);
    return ms;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::printf("bench_promfleet\n");
    const QStringList args = app.arguments();
    const bool onlyRefresh = args.contains(QStringLiteral("--refresh-only"));
    const double p100 = onlyRefresh ? 0 : parseMs(100, 51);
    if (!onlyRefresh)
        parseMs(1000, 11);
    if (!onlyRefresh)
        std::printf("  target: parse + assemble of 100 machines <= 2 ms: %s\n", p100 <= 2.0 ? "met" : "** MISSED **");

    // The fake Prometheus runs in its own thread, so this thread's CPU is the client's alone.
    QThread serverThread;
    FakeHttpServer server;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QHash<int, QByteArray> bodies;
    for (int n : { 100, 1000 }) {
        bodies.insert(n, SyntheticFleet::answer(n, now));
        for (int m = 0; m < n; ++m)
            bodies.insert(-1 - m, SyntheticFleet::answer(1, now, m));
    }
    int fleetSize = 100;
    server.route(QStringLiteral("/api/v1/query"), [&bodies, &fleetSize](const FakeHttpServer::Request &r) {
        const QString q
            = QUrlQuery(QString::fromLatin1(r.query)).queryItemValue(QStringLiteral("query"), QUrl::FullyDecoded);
        if (q.startsWith(QLatin1String("machine:")))
            return FakeHttpServer::json(200, bodies.value(-1 - q.mid(8).toInt()));
        return FakeHttpServer::json(200, bodies.value(fleetSize));
    });
    if (!server.listen())
        qFatal("cannot listen");
    server.moveToThread(&serverThread);
    serverThread.start();
    const QUrl url = server.url();
    for (int n : { 100, 1000 }) {
        if (onlyRefresh && n > 100)
            break;
        fleetSize = n;
        const int refreshes = n == 100 ? 50 : 10;
        const double fleet = onlyRefresh ? 1 : refreshMs(url, n, false, refreshes);
        const double grafana = refreshMs(url, n, true, refreshes);
        std::printf("  %d machines: one query per machine costs %.1f x the fleet query\n", n, grafana / fleet);
    }
    QMetaObject::invokeMethod(
        &server,
        [&server] {
            server.close();
            server.moveToThread(qApp->thread());
        },
        Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
