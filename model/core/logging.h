#pragma once

#include <QLoggingCategory>

// The categories of perfdash's diagnostics, one per part of the model. Debug messages are off
// unless asked for: QT_LOGGING_RULES="perfdash.ssh.debug=true" shows each SSH connection's life
// (connect, login, stream start, drop, retry); "perfdash.*.debug=true" shows every part.
Q_DECLARE_LOGGING_CATEGORY(lcSsh)     // perfdash.ssh: SSH connections to remote machines
Q_DECLARE_LOGGING_CATEGORY(lcHttp)    // perfdash.http: model servers and node_exporter over HTTP
Q_DECLARE_LOGGING_CATEGORY(lcLog)     // perfdash.log: the session log files
Q_DECLARE_LOGGING_CATEGORY(lcSession) // perfdash.session: machines added, removed, sampled
Q_DECLARE_LOGGING_CATEGORY(lcControl) // perfdash.control: `perfdash mark` and the single instance
