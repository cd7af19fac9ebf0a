/* libFuzzer target: a JSON body and a path for `set NAME from json PATH`
 * and `expect json` (src/lang/jsonpath.c).
 *
 * Input: one byte giving the path's length, the path, then the body.
 * Properties: a lookup that succeeds gives the text of the value the path
 * names; each plain key of a top-level object and each index of a
 * top-level array finds exactly its member. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz_util.h"
#include "lang/jsonpath.h"

static void same_text(const json_t *v, const wb_buf *text)
{
	wb_buf want = WB_BUF_INIT;
	FUZZ_CHECK(wb_jsonpath_text(v, &want) == WB_OK);
	FUZZ_CHECK(want.n == text->n);
	FUZZ_CHECK(!want.n || !memcmp(want.p, text->p, want.n));
	wb_buf_free(&want);
}

static void check_members(json_t *doc)
{
	wb_buf msg = WB_BUF_INIT;
	json_t *got;
	if (json_is_object(doc)) {
		const char *key;
		json_t *v;
		json_object_foreach(doc, key, v) {
			if (!*key || strpbrk(key, ".["))
				continue;
			got = NULL;
			FUZZ_CHECK(wb_jsonpath_get(doc, key, &got, &msg) == WB_OK);
			FUZZ_CHECK(got == v);
		}
	} else if (json_is_array(doc)) {
		for (size_t i = 0; i < json_array_size(doc) && i < 16; i++) {
			char path[32];
			snprintf(path, sizeof path, "[%zu]", i);
			got = NULL;
			FUZZ_CHECK(wb_jsonpath_get(doc, path, &got, &msg) == WB_OK);
			FUZZ_CHECK(got == json_array_get(doc, i));
		}
	}
	wb_buf_free(&msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t pn = data[0] < size - 1 ? data[0] : size - 1;
	char *path = fuzz_strndup(data + 1, pn);
	/* an exact-size body: a read past it is an ASan report */
	size_t bn = size - 1 - pn;
	char *body = malloc(bn ? bn : 1);
	if (!path || !body)
		goto out;
	memcpy(body, data + 1 + pn, bn);
	wb_buf text = WB_BUF_INIT, msg = WB_BUF_INIT;
	wb_err e = wb_jsonpath_lookup(body, bn, path, &text, &msg);
	json_error_t err;
	json_t *doc = json_loadb(body, bn, JSON_DECODE_ANY, &err);
	FUZZ_CHECK((doc != NULL) || e != WB_OK);
	if (doc) {
		json_t *v = NULL;
		wb_buf m2 = WB_BUF_INIT;
		wb_err e2 = wb_jsonpath_get(doc, path, &v, &m2);
		FUZZ_CHECK(e2 == e);
		if (e2 == WB_OK)
			same_text(v, &text);
		else
			FUZZ_CHECK(m2.n > 0);
		check_members(doc);
		wb_buf_free(&m2);
		json_decref(doc);
	}
	wb_buf_free(&text);
	wb_buf_free(&msg);
out:
	free(path);
	free(body);
	return 0;
}
