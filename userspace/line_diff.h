/* SPDX-License-Identifier: GPL-2.0 */
/* A unified diff of two texts, line by line, as `diff -u` prints it. */
#ifndef DMZG_LINE_DIFF_H
#define DMZG_LINE_DIFF_H

#include <stdio.h>

/*
 * Print the changes from @old to @new as "--- @old_label", "+++
 * @new_label" and "@@" hunks with three lines of context; nothing if
 * the texts are equal.  Return: 0, or -1 if out of memory.
 */
int line_diff_print(FILE *out, const char *old_label, const char *new_label,
		    const char *old, const char *new);

#endif
