// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the policy parser.  Besides memory errors (ASan),
 * it checks a property: any policy the parser accepts prints to text that
 * parses back to the same policy.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"

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
	}
	policy_free(&a);
	free(text);
	return 0;
}
