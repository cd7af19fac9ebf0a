/* jsonpath.c - a value out of a JSON document by a dotted/indexed path. */
#include "jsonpath.h"

#include <stdlib.h>
#include <string.h>

/* One step: ".key" or "key" (at the start) or "[N]". Returns the text after
 * it, or NULL with a message. */
static const char *step(const char *p, json_t **cur, wb_buf *msg)
{
	if (*p == '[') {
		char *end;
		long i = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end != ']' || i < 0) {
			wb_buf_printf(msg, "bad index in json path at '%s'", p);
			return NULL;
		}
		if (!json_is_array(*cur) || (size_t)i >= json_array_size(*cur)) {
			wb_buf_printf(msg, "json path: no element [%ld]", i);
			return NULL;
		}
		*cur = json_array_get(*cur, (size_t)i);
		return end + 1;
	}
	if (*p == '.')
		p++;
	size_t n = strcspn(p, ".[");
	if (n == 0) {
		wb_buf_printf(msg, "empty key in json path at '%s'", p);
		return NULL;
	}
	char *key = wb_strndup(p, n);
	if (!key)
		return NULL;
	json_t *next = json_is_object(*cur) ? json_object_get(*cur, key) : NULL;
	if (!next)
		wb_buf_printf(msg, "json path: no key '%s'", key);
	free(key);
	*cur = next;
	return next ? p + n : NULL;
}

wb_err wb_jsonpath_get(json_t *doc, const char *path, json_t **out,
		       wb_buf *msg)
{
	json_t *cur = doc;
	const char *p = path;
	while (*p && (p = step(p, &cur, msg)))
		;
	if (!p)
		return msg->n ? WB_E_VALUE : WB_E_NOMEM;
	*out = cur;
	return WB_OK;
}

wb_err wb_jsonpath_text(const json_t *v, wb_buf *out)
{
	if (json_is_string(v))
		return wb_buf_add(out, json_string_value(v), json_string_length(v));
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!s)
		return WB_E_NOMEM;
	wb_err e = wb_buf_adds(out, s);
	free(s);
	return e;
}

wb_err wb_jsonpath_lookup(const char *body, size_t n, const char *path,
			  wb_buf *out, wb_buf *msg)
{
	json_error_t err;
	json_t *doc = json_loadb(body, n, JSON_DECODE_ANY, &err), *v = NULL;
	if (!doc) {
		wb_buf_printf(msg, "body is not JSON: %s (line %d, column %d)",
			      err.text, err.line, err.column);
		return WB_E_VALUE;
	}
	wb_err e = wb_jsonpath_get(doc, path, &v, msg);
	if (e == WB_OK)
		e = wb_jsonpath_text(v, out);
	json_decref(doc);
	return e;
}
