/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adding lines to the profiles of a policy file's text, leaving every
 * other byte as it was: comments, blank lines and formatting stay.
 */
#ifndef DMZG_POLICY_MERGE_TEXT_H
#define DMZG_POLICY_MERGE_TEXT_H

#include <stddef.h>

/* Lines for one profile: statements, or comments starting with '#'. */
struct merge_block {
	const char *profile;
	const char **lines;	/* without indentation or newline */
	size_t n;
};

/*
 * @text with each block's lines inserted before the closing '}' of its
 * "profile NAME {" block, indented as that block's first statement is,
 * after a comment saying they were learned; a profile the text lacks is
 * appended as a new block with a TODO comment for its attach line.
 * Return: the new text (free it), or NULL if out of memory.
 */
char *policy_text_merge(const char *text, const struct merge_block *blocks,
			size_t n);

#endif
