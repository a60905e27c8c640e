// SPDX-License-Identifier: GPL-2.0
/* Parsing the module's key=value records (values escaped as \xNN). */
#include <stdio.h>
#include <string.h>

#include "event_line.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int event_line_parse(const char *line, struct kv *kv, int max)
{
	const char *s = line;
	int n = 0;

	while (*s && n < max) {
		const char *eq, *end;
		size_t klen, o = 0;

		while (*s == ' ')
			s++;
		end = strchr(s, ' ');
		if (!end)
			end = s + strlen(s);
		eq = memchr(s, '=', (size_t)(end - s));
		if (!eq) {
			s = end;
			continue;
		}
		klen = (size_t)(eq - s);
		if (klen >= sizeof(kv[n].key))
			klen = sizeof(kv[n].key) - 1;
		memcpy(kv[n].key, s, klen);
		kv[n].key[klen] = '\0';
		for (const char *v = eq + 1; v < end &&
		     o + 1 < sizeof(kv[n].value); v++) {
			if (v[0] == '\\' && v + 3 < end && v[1] == 'x' &&
			    hexval(v[2]) >= 0 && hexval(v[3]) >= 0) {
				kv[n].value[o++] = (char)(hexval(v[2]) * 16 +
							  hexval(v[3]));
				v += 3;
			} else {
				kv[n].value[o++] = *v;
			}
		}
		kv[n].value[o] = '\0';
		n++;
		s = end;
	}
	return n;
}

const char *event_get(const struct kv *kv, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(kv[i].key, key))
			return kv[i].value;
	return NULL;
}
