// SPDX-License-Identifier: GPL-2.0
/*
 * Escaping for diagnostics: a policy file or an argument may hold escape
 * sequences that would clear or rewrite the administrator's terminal, or
 * invisible characters that make two different names look the same.
 */
#include <stdbool.h>
#include <stdint.h>

#include "printable.h"

/*
 * The length of the valid UTF-8 sequence at @s (2 to 4) and its code
 * point in @cp, or 0 if @s does not start one.  Overlong forms and
 * surrogates are not valid.
 */
static int utf8_sequence(const unsigned char *s, uint32_t *cp)
{
	int len, i;
	uint32_t min;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		*cp = s[0] & 0x1f;
		min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		*cp = s[0] & 0x0f;
		min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		*cp = s[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the NUL */
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

/* C1 controls and characters that print as nothing. */
static bool invisible(uint32_t cp)
{
	return cp < 0xa0 || cp == 0xad || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff;
}

void fput_printable(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t cp;
		int len;

		if (*p >= 0x20 && *p < 0x7f) {
			fputc(*p++, out);
			continue;
		}
		len = *p >= 0x80 ? utf8_sequence(p, &cp) : 0;
		if (len && !invisible(cp)) {
			fwrite(p, 1, (size_t)len, out);
			p += len;
			continue;
		}
		/* A whole invisible character, or one bad byte. */
		for (int i = 0; i < (len ? len : 1); i++)
			fprintf(out, "\\x%02x", *p++);
	}
}
