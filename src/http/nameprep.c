/* nameprep.c - the reason Python's idna codec gives for a refused label.
 *
 * libidn runs the same nameprep profile (RFC 3491) but reports only a
 * class of failure; Python names the first prohibited character it meets
 * after mapping and NFKC, or the BIDI rule broken (encodings.idna.nameprep
 * and ToASCII, checked in that order). The tables are libidn's own. */
#include "nameprep.h"

#include <stdlib.h>
#include <stringprep.h>

#include "base/alloc.h"
#include "base/text.h"

static int in_table(uint32_t c, const Stringprep_profile *step)
{
	const Stringprep_table_element *t = step->table;
	for (size_t i = 0; i < step->table_size; i++)
		if (c == t[i].start ||
		    (t[i].end && c >= t[i].start && c <= t[i].end))
			return 1;
	return 0;
}

/* Whether c is in a table of the nameprep profile for this operation. */
static int in_step(uint32_t c, Stringprep_profile_steps op)
{
	for (const Stringprep_profile *p = stringprep_nameprep; p->operation;
	     p++)
		if (p->operation == op && p->table && in_table(c, p))
			return 1;
	return 0;
}

/* The label mapped (B.1, B.2) and NFKC-normalised, as nameprep does before
 * it checks anything; NULL when out of memory. */
static uint32_t *map_label(const char *label, size_t n, size_t *len)
{
	size_t nin = 0;
	uint32_t *in = stringprep_utf8_to_ucs4(label, (ssize_t)n, &nin);
	if (!in)
		return NULL;
	/* a mapping yields at most 4 code points, NFKC at most 18 per one */
	size_t cap = nin * 4 * 18 + 1;
	uint32_t *u = wb_calloc(cap, sizeof *u);
	Stringprep_profile steps[4] = { { 0 } };
	size_t k = 0;
	for (const Stringprep_profile *p = stringprep_nameprep;
	     p->operation && k < 3; p++)
		if (p->operation == STRINGPREP_MAP_TABLE ||
		    p->operation == STRINGPREP_NFKC)
			steps[k++] = *p;
	*len = nin;
	if (u) {
		for (size_t i = 0; i < nin; i++)
			u[i] = in[i];
		if (stringprep_4i(u, len, cap, 0, steps) != STRINGPREP_OK) {
			free(u);
			u = NULL;
		}
	}
	free(in);
	return u;
}

static const char *bidi_error(const uint32_t *u, size_t n)
{
	int ral = 0, l = 0;
	for (size_t i = 0; i < n; i++) {
		ral |= in_step(u[i], STRINGPREP_BIDI_RAL_TABLE);
		l |= in_step(u[i], STRINGPREP_BIDI_L_TABLE);
	}
	if (!ral)
		return NULL;
	if (l)
		return "Violation of BIDI requirement 2";
	if (!in_step(u[0], STRINGPREP_BIDI_RAL_TABLE) ||
	    !in_step(u[n - 1], STRINGPREP_BIDI_RAL_TABLE))
		return "Violation of BIDI requirement 3";
	return NULL;
}

void wb_nameprep_why(const char *label, size_t n, wb_buf *msg)
{
	size_t len = 0;
	uint32_t *u = map_label(label, n, &len);
	const char *why = NULL;
	for (size_t i = 0; u && !why && i < len; i++) {
		if (!in_step(u[i], STRINGPREP_PROHIBIT_TABLE))
			continue;
		wb_buf ch = WB_BUF_INIT;
		wb_text_put(&ch, u[i]);
		wb_buf_adds(msg, "Invalid character ");
		wb_text_repr(msg, ch.p ? ch.p : "", ch.n);
		wb_buf_free(&ch);
		free(u);
		return;
	}
	if (u && len)
		why = bidi_error(u, len);
	int ascii = 1; /* an ASCII result is only checked for its length */
	for (size_t i = 0; u && i < len; i++)
		ascii &= u[i] < 0x80;
	if (!why && u && !ascii && len >= 4 && u[0] == 'x' && u[1] == 'n' &&
	    u[2] == '-' && u[3] == '-')
		why = "Label starts with ACE prefix";
	wb_buf_adds(msg, why ? why : "label empty or too long");
	free(u);
}
