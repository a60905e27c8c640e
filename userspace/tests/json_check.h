/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict JSON validator (RFC 8259) for the tests of --json output:
 * exactly one value, nothing after it but blanks.
 */
#ifndef DMZG_JSON_CHECK_H
#define DMZG_JSON_CHECK_H

#include <stdbool.h>

/*
 * True if @text is one JSON value.  Otherwise false, and *@error says
 * what is wrong at which byte offset (static storage).
 */
bool json_valid(const char *text, const char **error);

/* In a test (test.h): expect @text to be valid JSON; say why not. */
#define EXPECT_JSON_TEXT(text) do {					\
	const char *why_ = NULL;					\
	if (!json_valid((text), &why_)) {				\
		printf("    %s:%d: invalid JSON (%s): %s\n", __FILE__,	\
		       __LINE__, why_, (text));				\
		t_failed++;						\
	}								\
} while (0)

#endif
