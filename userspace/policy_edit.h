/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Editing a policy file's text in place, as aa-complain does: only the
 * bytes of the statement changed, the rest kept byte for byte.
 */
#ifndef DMZG_POLICY_EDIT_H
#define DMZG_POLICY_EDIT_H

#include <stddef.h>

#include "policy.h"

/*
 * @text (@len bytes, the file @p was parsed from) with @p's mode set to
 * @mode: its mode statement's word replaced, or "mode MODE" inserted
 * after the "profile NAME {" line with the block's indentation and line
 * ending.  *@line is set to the line of the mode statement.  Return: the
 * new text (NUL-terminated, its length in *@newlen; the caller frees it),
 * or NULL if @p's positions do not match @text or there is no memory.
 */
char *policy_edit_mode(const char *text, size_t len, const struct profile *p,
		       const char *mode, size_t *newlen, int *line);

#endif
