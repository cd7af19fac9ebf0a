/* httpfile.h - the .http / .rest format of VS Code's REST Client and the
 * JetBrains HTTP client, in and out.
 *
 * Import: requests separated by ### lines; before a request line,
 * `@name = value` file variables, `# @name NAME` (or `// @name NAME`)
 * request names and comments (# or //); the request line
 * `[METHOD] URL [HTTP/1.1]` (lines starting with ? or & continue the
 * URL), fields up to a blank line, then the body up to the next ###
 * (lines joined with LF, trailing blank lines dropped; `< path` sends a
 * file, `<@ path` a file whose {{name}} references expand). {{name}}
 * becomes ${name}: file variables become `set` lines at the top.
 *
 * Export: the exchanges of the wire tap as a .http file, the variables as
 * `@name = value` lines, and a "# .http cannot express: TAG: detail"
 * line above a request for each difference that remains. */
#ifndef WB_HTTPFILE_H
#define WB_HTTPFILE_H

#include "xchg.h"
#include "xreq.h"

struct wb_export_opts;

/* Maps the .http text to command lines appended to out. base is the
 * folder of the .http file as the commands see it (`< path` bodies become
 * @base/path), dir the folder base is relative to when files are read
 * now. SyntaxError (or NameError, InvalidURL, FileNotFoundError) with a
 * "line N[, column C]:" message; nothing is appended on error. */
wb_err wb_httpfile_import(const char *text, const char *dir,
			  const char *base, wb_lines *out, wb_buf *msg);

/* Appends exchanges [from, to) of xs as .http text, after o->vars as
 * file variables. A body the text cannot hold exactly goes to a side file
 * (`< ./SIDE.N.body`) when o->side is set, else it is declared. */
wb_err wb_httpfile_export(const wb_xchgs *xs, size_t from, size_t to,
			  const struct wb_export_opts *o, wb_buf *out);

#endif
