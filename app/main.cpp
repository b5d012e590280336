#include "analysispage.h"
#include "analyzecommand.h"
#include "appsettings.h"
#include "commandline.h"
#include "controlclient.h"
#include "controlserver.h"
#include "headlesslogger.h"
#include "httpapi.h"
#include "logdirectory.h"
#include "machineselection.h"
#include "machinesetup.h"
#include "mainwindow.h"
#include "markcommand.h"
#include "prometheusfleets.h"
#include "session.h"
#include "theme.h"
#include "timingscommand.h"
#include "timingspage.h"

#include <QApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <memory>
#include <vector>

namespace {
void loadTranslations(QCoreApplication *app)
{
    auto *own = new QTranslator(app);
    if (own->load(QLocale(), QStringLiteral("perfdash"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

QStringList argumentList(int argc, char **argv)
{
    QStringList list;
    for (int i = 0; i < argc; ++i)
        list << QString::fromLocal8Bit(argv[i]);
    return list;
}

// A perfdash already running for the log directory raises its window (and opens the file) instead
// of a second sampler starting. Returns the exit code when it did, or -1 to go on.
int forwardToRunningInstance(const CommandLine &options)
{
    QJsonObject request { { QStringLiteral("op"), QStringLiteral("raise") } };
    if (!options.path.isEmpty()) {
        request.insert(QStringLiteral("op"), QStringLiteral("open"));
        request.insert(QStringLiteral("path"), QFileInfo(options.path).absoluteFilePath());
    }
    const ControlClient::Reply reply = ControlClient::request(LogDirectory::resolve(options.logDir), request, 3000);
    if (reply.outcome == ControlClient::Reply::NoInstance)
        return -1;
    const QString error = reply.outcome == ControlClient::Reply::Failed
        ? reply.error
        : reply.answer.value(QStringLiteral("error")).toString();
    if (reply.outcome == ControlClient::Reply::Answered && reply.answer.value(QStringLiteral("ok")).toBool())
        return 0;
    std::fputs(qPrintable(QStringLiteral("perfdash: ") + error + u'\n'), stderr);
    QMessageBox::critical(nullptr, QObject::tr("perfdash"), error);
    return 1;
}

// Starts, moves or stops the window's HTTP API: --http for this run, else the saved setting.
void applyHttpSettings(HttpApi &api, MainWindow &window, const CommandLine &options)
{
    const bool fromCommandLine = !options.http.isEmpty();
    const QString bind = fromCommandLine ? options.http : AppSettings::httpBind();
    const QString token = fromCommandLine ? options.httpToken : AppSettings::httpToken();
    if (!fromCommandLine && !AppSettings::httpEnabled()) {
        api.stop();
        window.setHttpStatus(QObject::tr("The HTTP API is off."));
        return;
    }
    QString error;
    if (!api.start(bind, token, &error)) {
        window.setHttpStatus(error);
        window.showWarning(error);
        return;
    }
    if (!fromCommandLine && token.isEmpty() && !api.token().isEmpty())
        AppSettings::setHttp(true, bind, api.token()); // a generated token stays the same next time
    QString status = QObject::tr("Serving on %1").arg(api.url());
    if (!api.token().isEmpty())
        status += u'\n' + QObject::tr("Token: %1").arg(api.token());
    if (fromCommandLine)
        status += u'\n' + QObject::tr("(from --http for this run)");
    window.setHttpStatus(status);
    std::fputs(qPrintable(QStringLiteral("perfdash: HTTP API on ") + api.url() + u'\n'), stderr);
    if (fromCommandLine && token.isEmpty() && !api.token().isEmpty())
        std::fputs(qPrintable(QStringLiteral("perfdash: HTTP API token: ") + api.token() + u'\n'), stderr);
}

int runGui(QApplication &app, CommandLine options)
{
    if (const int rc = forwardToRunningInstance(options); rc >= 0)
        return rc;
    const MachineSelection selection
        = MachineSelection::fromCommandLine(options, AppSettings::machines(), AppSettings::prometheusServers());
    if (!selection.error.isEmpty()) {
        std::fputs(qPrintable(QStringLiteral("perfdash: ") + selection.error + u'\n'), stderr);
        QMessageBox::critical(nullptr, QObject::tr("perfdash"), selection.error);
        return 1;
    }
    Session session;
    session.setIntervalSeconds(options.interval > 0 ? options.interval : AppSettings::interval());
    RemoteSetup remote;
    remote.newHostKeys = options.acceptNewHostKeys ? SshOptions::NewHostKeys::Accept : SshOptions::NewHostKeys::Ask;
    remote.askPassphrase = true;
    addMachines(session, selection.machines, selection.includeThisComputer, remote);
    // Prometheus fleets: their machines join the session as they are discovered.
    PrometheusFleets fleets(&session);
    const QStringList fleetProblems = fleets.apply(selection.prometheus);

    HttpApi api(&session);
    MainWindow window(&session);
    if (!fleetProblems.isEmpty())
        window.showWarning(fleetProblems.join(u'\n'));
    // Saving the machines dialog changes the machines of this session in place (and saves them).
    window.setConfiguredMachines(selection.machines);
    window.setPrometheusFleets(&fleets);
    QObject::connect(
        &fleets, &PrometheusFleets::errorChanged, &window, [&window](const QString &url, const QString &e) {
            window.showWarning(e.isEmpty() ? QString() : QObject::tr("Prometheus %1: %2").arg(url, e));
        });
    window.setRemoteSetup(remote);
    if (!selection.warnings.isEmpty())
        window.showWarning(selection.warnings.join(u'\n'));
    QString error;
    ControlServer control(&session);
    control.setWindowed(true);
    if (!control.listen(LogDirectory::resolve(options.logDir), &error)) {
        std::fputs(qPrintable(QStringLiteral("perfdash: ") + error + u'\n'), stderr);
        QMessageBox::critical(nullptr, QObject::tr("perfdash"), error);
        return 1;
    }
    QObject::connect(&control, &ControlServer::raiseRequested, &window, &MainWindow::raiseWindow);
    QObject::connect(&control, &ControlServer::openLogRequested, &window, [&window](const QString &path) {
        window.raiseWindow();
        window.openLog(path);
    });
    applyHttpSettings(api, window, options);
    QObject::connect(&window, &MainWindow::httpSettingsChanged, &window, [&api, &window, &options] {
        options.http.clear(); // from now on, the saved setting
        options.httpToken.clear();
        applyHttpSettings(api, window, options);
    });
    if (!session.start(LogDirectory::resolve(options.logDir), &error)) {
        // The dashboard still works without a log; say so where the person looks.
        QMessageBox::warning(&window, QObject::tr("Not recording"),
            QObject::tr("The session log cannot be written, so this session is not recorded:\n%1").arg(error));
        session.start({}, &error);
    }
    window.analysisPage()->setLogFolder(LogDirectory::resolve(options.logDir));
    window.timingsPage()->setLogFolders({ LogDirectory::resolve(options.logDir) });
    window.show();
    if (!options.path.isEmpty())
        window.openLog(options.path);
    return app.exec();
}
} // namespace

int main(int argc, char **argv)
{
    // Past a file-size limit (ulimit -f) a write fails with EFBIG, which the log reports and
    // survives like a full disk, instead of the signal ending the process.
    std::signal(SIGXFSZ, SIG_IGN);
    QCoreApplication::setApplicationName(QStringLiteral("perfdash"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PERFDASH_VERSION));
    const CommandLine options = CommandLine::parse(argumentList(argc, argv));

    switch (options.mode) {
    case CommandLine::Mode::Help:
    case CommandLine::Mode::Version:
        std::fputs(qPrintable(options.text + u'\n'), stdout);
        return 0;
    case CommandLine::Mode::Error:
        std::fputs(qPrintable(options.text + u'\n'), stderr);
        return 2;
    case CommandLine::Mode::Log: {
        QCoreApplication app(argc, argv);
        loadTranslations(&app);
        return options.single ? runSingleSnapshot(options) : runHeadlessLogger(options);
    }
    case CommandLine::Mode::Analyze: {
        QCoreApplication app(argc, argv);
        loadTranslations(&app);
        return runAnalyze(options);
    }
    case CommandLine::Mode::Timings: {
        QCoreApplication app(argc, argv);
        loadTranslations(&app);
        return runTimings(options);
    }
    case CommandLine::Mode::Mark: {
        QCoreApplication app(argc, argv);
        loadTranslations(&app);
        return runMark(options);
    }
    case CommandLine::Mode::Gui:
        break;
    }
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/perfdash.svg")));
    QApplication::setDesktopFileName(QStringLiteral("perfdash"));
    if (const Theme::Choice theme = Theme::fromName(AppSettings::theme()); theme != Theme::Choice::System)
        Theme::apply(theme);
    loadTranslations(&app);
    return runGui(app, options);
}
