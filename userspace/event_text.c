// SPDX-License-Identifier: GPL-2.0
/* Writing key=value pairs in the module's escaping. */
#include "event_text.h"

void event_put_pair(FILE *out, const char *key, const char *value)
{
	fprintf(out, " %s=", key);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (*p > 0x20 && *p < 0x7f && *p != '"' && *p != '\\' &&
		    *p != '=')
			fputc(*p, out);
		else
			fprintf(out, "\\x%02x", *p);
	}
}
