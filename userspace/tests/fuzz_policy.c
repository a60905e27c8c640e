// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the policy parser.  Besides memory errors (ASan),
 * it checks two properties: any policy the parser accepts prints to text
 * that parses back to the same policy, and its text with a profile's mode
 * switched by policy_edit_mode() parses to the same policy but that mode.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "policy_edit.h"

/*
 * Each profile's mode switched in @text by policy_edit_mode() must parse
 * to @pol with only that mode changed.
 */
static void check_mode_edits(const struct policy *pol, const char *text,
			     size_t size)
{
	for (size_t i = 0; i < pol->nprofiles; i++) {
		const struct profile *p = &pol->profiles[i];
		int mode = p->mode == DMZG_MODE_ENFORCE ? DMZG_MODE_COMPLAIN :
			   DMZG_MODE_ENFORCE;
		struct policy edited;
		struct profile *q;
		size_t len;
		int line;
		char *out = policy_edit_mode(text, size, p, mode_name(mode),
					     &len, &line);

		policy_init(&edited);
		if (!out || policy_parse_string(&edited, "edited", out) ||
		    policy_finish(&edited) ||
		    !(q = policy_find_profile(&edited, p->name)) ||
		    q->mode != mode || !q->mode_set || q->mode_pos.line != line) {
			fprintf(stderr, "mode edit of '%s' failed:\n%s\n",
				p->name, out ? out : "(none)");
			abort();
		}
		q->mode = p->mode;
		if (!policy_equal(pol, &edited)) {
			fprintf(stderr, "mode edit of '%s' changed more:\n%s\n",
				p->name, out);
			abort();
		}
		policy_free(&edited);
		free(out);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy a, b;
	char *text, *printed = NULL;
	size_t len;
	FILE *f;

	if (!policy_diag)
		policy_diag = fopen("/dev/null", "w");
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	policy_init(&a);
	if (strlen(text) == size && !policy_parse_string(&a, "fuzz", text) &&
	    !policy_finish(&a)) {
		f = open_memstream(&printed, &len);
		policy_print(f, &a);
		fclose(f);
		policy_init(&b);
		if (policy_parse_string(&b, "printed", printed) ||
		    policy_finish(&b) || !policy_equal(&a, &b)) {
			fprintf(stderr, "round trip failed for:\n%s\n", printed);
			abort();
		}
		policy_free(&b);
		free(printed);
		check_mode_edits(&a, (const char *)data, size);
	}
	policy_free(&a);
	free(text);
	return 0;
}
