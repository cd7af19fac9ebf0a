/* err.h - the one error table of wirebench.
 *
 * Every fallible function returns a wb_err. The names are the Python
 * exception names http.client raises for the same situation, so the user
 * sees exactly what a Python program would see. A detail message lives on
 * the object that failed (see wb_conn_errmsg). */
#ifndef WB_ERR_H
#define WB_ERR_H

#define WB_ERRORS(X)                                                          \
	X(OK, "OK")                                                           \
	X(NOMEM, "MemoryError")                                               \
	X(VALUE, "ValueError")                                                \
	X(TYPE, "TypeError")                                                  \
	X(UNICODE_ENCODE, "UnicodeEncodeError")                               \
	X(UNICODE, "UnicodeError")                                            \
	X(UNICODE_DECODE, "UnicodeDecodeError")                               \
	X(LOOKUP, "LookupError")                                              \
	X(UNSUPPORTED, "UnsupportedOperation")                                \
	X(INVALID_URL, "InvalidURL")                                          \
	X(CANNOT_SEND_REQUEST, "CannotSendRequest")                           \
	X(CANNOT_SEND_HEADER, "CannotSendHeader")                             \
	X(RESPONSE_NOT_READY, "ResponseNotReady")                             \
	X(NOT_CONNECTED, "NotConnected")                                      \
	X(BAD_STATUS_LINE, "BadStatusLine")                                   \
	X(REMOTE_DISCONNECTED, "RemoteDisconnected")                          \
	X(UNKNOWN_PROTOCOL, "UnknownProtocol")                                \
	X(LINE_TOO_LONG, "LineTooLong")                                       \
	X(HTTP_EXCEPTION, "HTTPException")                                    \
	X(INCOMPLETE_READ, "IncompleteRead")                                  \
	X(TIMEOUT, "TimeoutError")                                            \
	X(CONN_REFUSED, "ConnectionRefusedError")                             \
	X(CONN_RESET, "ConnectionResetError")                                 \
	X(BROKEN_PIPE, "BrokenPipeError")                                     \
	X(OS, "OSError")                                                      \
	X(GAI, "gaierror")                                                    \
	X(RUNTIME, "RuntimeError")                                            \
	X(ASSERTION, "AssertionError")                                        \
	X(ATTRIBUTE, "AttributeError")                                        \
	X(OVERFLOW, "OverflowError")                                          \
	X(SSL, "SSLError")                                                    \
	X(SSL_CERT, "SSLCertVerificationError")                               \
	X(SSL_EOF, "SSLEOFError")                                             \
	X(FILE_NOT_FOUND, "FileNotFoundError")                                \
	X(IS_A_DIRECTORY, "IsADirectoryError")                                \
	X(NOT_A_DIRECTORY, "NotADirectoryError")                              \
	X(PERMISSION, "PermissionError")                                      \
	X(CANCELLED, "KeyboardInterrupt")                                     \
	X(SYNTAX, "SyntaxError")                                              \
	X(NAME, "NameError")                                                  \
	X(USAGE, "UsageError")                                                \
	X(SESSION, "SessionError")

typedef enum {
#define WB_ERR_ENUM(sym, name) WB_E_##sym,
	WB_ERRORS(WB_ERR_ENUM)
#undef WB_ERR_ENUM
	WB_E__COUNT
} wb_err;

#define WB_OK WB_E_OK

/* Returns the Python exception name of an error code (static storage). */
const char *wb_err_name(wb_err e);

/* True for the errors Python raises as ConnectionError subclasses: they make
 * http.client drop the socket, the others leave the connection wedged. */
int wb_err_is_connection_error(wb_err e);

/* The OSError subclass Python raises for a failed file call's errno
 * (FileNotFoundError for ENOENT, ...; OSError when it has none). */
wb_err wb_err_from_errno(int err);

#endif
