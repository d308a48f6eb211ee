// Debian puts libpq's headers in /usr/include/postgresql; `pkg-config --cflags libpq` names that
// folder, and SwiftPM passes it on because the target declares `pkgConfig: "libpq"`.
#include <libpq-fe.h>

// The error field codes are character-literal macros, which Swift does not import.
static const int CLibPQ_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int CLibPQ_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int CLibPQ_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int CLibPQ_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
