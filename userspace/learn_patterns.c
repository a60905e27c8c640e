// SPDX-License-Identifier: GPL-2.0
/*
 * Suggesting patterns for numbered path components.  A component is
 * masked by writing each run of digits in it as '*': "unix.123" becomes
 * "unix.*", "4711" becomes "*", "worker-3.sock" becomes "worker-*.sock".
 * Rules whose paths are equal once the same component is masked are
 * replaced by the masked one; the letters of a component always stay.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../kmod/glob.h"
#include "learn_patterns.h"

/* The rule kinds that name a path as their last word. */
static const char *const path_kinds[] = {
	"exec allow ", "write allow ", "unix allow ",
};

/* The path of @rule if it is a plain path rule, else NULL. */
static const char *rule_path(const char *rule, size_t *kind_len)
{
	for (size_t i = 0; i < sizeof(path_kinds) / sizeof(path_kinds[0]);
	     i++) {
		size_t n = strlen(path_kinds[i]);

		if (!strncmp(rule, path_kinds[i], n) && rule[n] == '/' &&
		    !strpbrk(rule + n, " \t\"*?")) {
			*kind_len = n;
			return rule + n;
		}
	}
	return NULL;
}

/*
 * @rule with the @k-th component of its path masked, into a new string;
 * NULL if that component has no digit or there is no such component.
 */
static char *mask_component(const char *rule, size_t kind_len, int k)
{
	const char *path = rule + kind_len, *start = path, *end;
	bool digits = false, in_run = false;
	char *out, *o;

	for (int i = 0; i <= k; i++) {
		start = strchr(start, '/');
		if (!start)
			return NULL;
		start++;
	}
	end = start + strcspn(start, "/");
	out = malloc(strlen(rule) + 1);
	if (!out)
		return NULL;
	memcpy(out, rule, (size_t)(start - rule));
	o = out + (start - rule);
	for (const char *s = start; s < end; s++) {
		bool digit = *s >= '0' && *s <= '9';

		if (digit && !in_run)
			*o++ = '*';
		else if (!digit)
			*o++ = *s;
		digits |= digit;
		in_run = digit;
	}
	strcpy(o, end);
	if (!digits) {
		free(out);
		return NULL;
	}
	return out;
}

/* A pattern the parser takes: not too many wildcards, and so on. */
static bool valid_pattern(const char *rule, size_t kind_len)
{
	size_t bad;

	return dmzg_glob_validate(rule + kind_len, strlen(rule + kind_len),
				  &bad) == DMZG_GLOB_OK;
}

/* Gather the rules after @i that @masked covers; the group's size. */
static size_t find_group(struct learned *items, size_t n, size_t i,
			 const char *masked, size_t kind_len, int k,
			 bool *member)
{
	size_t count = 1;

	memset(member, 0, n * sizeof(*member));
	member[i] = true;
	for (size_t j = i + 1; j < n; j++) {
		size_t jkind;
		char *other;

		if (strcmp(items[j].profile, items[i].profile) ||
		    items[j].comment ||
		    !rule_path(items[j].rule, &jkind) || jkind != kind_len ||
		    strncmp(items[j].rule, items[i].rule, kind_len))
			continue;
		other = mask_component(items[j].rule, jkind, k);
		if (other && !strcmp(other, masked)) {
			member[j] = true;
			count++;
		}
		free(other);
	}
	return count;
}

/* "covers A, B and C" for the members of a group. */
static char *covers(const struct learned *items, size_t n,
		    const bool *member, size_t kind_len)
{
	char *text = NULL;
	size_t len = 0, left = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	for (size_t j = 0; j < n; j++)
		left += member[j];
	fputs("covers ", f);
	for (size_t j = 0; j < n; j++) {
		if (!member[j])
			continue;
		left--;
		fprintf(f, "%s%s", items[j].rule + kind_len,
			left > 1 ? ", " : left == 1 ? " and " : "");
	}
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/* Replace the group of @i by @masked; the members after @i go. */
static void replace_group(struct learned *items, size_t *n, size_t i,
			  char *masked, char *comment, const bool *member)
{
	size_t o = 0;

	free(items[i].rule);
	items[i].rule = masked;
	items[i].comment = comment;
	for (size_t j = 0; j < *n; j++) {
		if (j != i && member[j]) {
			free(items[j].rule);
			free(items[j].comment);
			continue;
		}
		items[o++] = items[j];
	}
	*n = o;
}

void learn_suggest_patterns(struct learned **itemsp, size_t *n)
{
	struct learned *items = *itemsp;
	bool *member = calloc(*n ? *n : 1, sizeof(*member));

	if (!member)
		return;
	for (size_t i = 0; i < *n; i++) {
		size_t kind_len;

		if (items[i].comment || !rule_path(items[i].rule, &kind_len))
			continue;
		/* The first numbered component that groups several paths. */
		for (int k = 0;; k++) {
			char *masked = mask_component(items[i].rule, kind_len,
						      k), *comment;
			const char *path = items[i].rule + kind_len;
			int ncomp = 0;

			for (const char *s = path; *s; s++)
				ncomp += *s == '/';
			if (!masked) {
				if (k + 1 >= ncomp)
					break;
				continue;
			}
			if (!valid_pattern(masked, kind_len) ||
			    find_group(items, *n, i, masked, kind_len, k,
				       member) < 2) {
				free(masked);
				continue;
			}
			comment = covers(items, *n, member, kind_len);
			if (!comment) {
				free(masked);
				break;
			}
			replace_group(items, n, i, masked, comment, member);
			break;
		}
	}
	free(member);
}
