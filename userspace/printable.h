/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text from policy files and the command line, printed so that a
 * terminal shows it instead of acting on it.
 */
#ifndef DMZG_PRINTABLE_H
#define DMZG_PRINTABLE_H

#include <stdio.h>

/*
 * Write @s to @out with every byte a terminal could act on or hide as
 * \xNN: C0 and C1 controls, DEL, bytes that are not valid UTF-8, and
 * invisible format characters (byte order mark, bidirectional overrides,
 * zero-width characters).  Other UTF-8 text stays readable.
 */
void fput_printable(FILE *out, const char *s);

#endif
