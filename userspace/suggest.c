// SPDX-License-Identifier: GPL-2.0
/*
 * Suggestions for mistyped words.  A suggestion is only made when it is
 * unambiguous: two candidates at the same distance could each be meant,
 * and a wrong hint costs more than none.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

/* Longer words are never a typo of our short keywords and names. */
#define SUGGEST_MAX_LEN 64

int suggest_distance(const char *a, const char *b, int max)
{
	int d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
	size_t la = strlen(a), lb = strlen(b);

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb] > max ? max + 1 : d[la][lb];
}

const char *suggest_name(const char *word, const char *const *names,
			 size_t n)
{
	int max = strlen(word) <= 4 ? 1 : 2, best = max + 1;
	const char *found = NULL;
	bool ambiguous = false;

	for (size_t i = 0; i < n; i++) {
		int dist;

		if (!names[i])
			continue;
		dist = suggest_distance(word, names[i], max);
		if (dist == 0)
			return NULL;
		if (dist < best) {
			best = dist;
			found = names[i];
			ambiguous = false;
		} else if (dist == best && found && strcmp(found, names[i])) {
			ambiguous = true;
		}
	}
	return ambiguous ? NULL : found;
}

const char *suggest_hint(const char *word, const char *const *names,
			 size_t n)
{
	static char hint[SUGGEST_MAX_LEN + 32];
	const char *name = suggest_name(word, names, n);

	if (!name)
		return "";
	snprintf(hint, sizeof(hint), "; did you mean '%s'?", name);
	return hint;
}
