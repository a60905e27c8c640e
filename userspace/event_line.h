/* SPDX-License-Identifier: GPL-2.0 */
/* Reading the key=value records the module writes to dmesg and events. */
#ifndef DMZG_EVENT_LINE_H
#define DMZG_EVENT_LINE_H

#include <stddef.h>

#define EVENT_MAX_KEYS 24
#define EVENT_VALUE_MAX 4200

struct kv {
	char key[32];
	char value[EVENT_VALUE_MAX];
};

/* Split "word k=v k=v" into pairs, undoing \xNN escapes.
 * Return: number of pairs (the leading word is skipped). */
int event_line_parse(const char *line, struct kv *kv, int max);
const char *event_get(const struct kv *kv, int n, const char *key);

#endif
