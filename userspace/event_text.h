/* SPDX-License-Identifier: GPL-2.0 */
/* Values written back the way the module's records write them. */
#ifndef DMZG_EVENT_TEXT_H
#define DMZG_EVENT_TEXT_H

#include <stdio.h>

/*
 * " KEY=VALUE" with VALUE escaped as kmod/audit.c's put_escaped() does
 * (bytes outside printable ASCII, space, '"', '\\' and '=' as \xNN), so
 * that the pair reads back with event_line_parse() and never drives a
 * terminal.
 */
void event_put_pair(FILE *out, const char *key, const char *value);

#endif
