/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "did you mean 'X'?" for a mistyped keyword, name or option: the one
 * candidate within a small Damerau-Levenshtein distance of the word.
 */
#ifndef DMZG_SUGGEST_H
#define DMZG_SUGGEST_H

#include <stddef.h>

/*
 * Optimal string alignment distance between @a and @b (insertions,
 * deletions, substitutions and transpositions of adjacent bytes), case
 * counted (the policy language's words are case-sensitive); capped: any
 * distance above @max is returned as @max + 1.
 */
int suggest_distance(const char *a, const char *b, int max);

/*
 * The candidate of @names (@n entries, NULL holes allowed) nearest @word
 * if it is within 2 edits (1 for a word of 4 bytes or fewer) and no
 * other candidate is as near; NULL otherwise, or if @word is one of them.
 */
const char *suggest_name(const char *word, const char *const *names,
			 size_t n);

/*
 * "; did you mean 'X'?" for suggest_name()'s answer, or "" when there is
 * none: appended to a message as is.  The text lives until the next call.
 */
const char *suggest_hint(const char *word, const char *const *names,
			 size_t n);

#endif
