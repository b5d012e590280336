#include "logging.h"

// QtInfoMsg: info, warnings and errors by default, debug only when the rules ask for it.
Q_LOGGING_CATEGORY(lcSsh, "perfdash.ssh", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "perfdash.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLog, "perfdash.log", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSession, "perfdash.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcControl, "perfdash.control", QtInfoMsg)
