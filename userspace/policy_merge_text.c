// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the profile blocks of a policy text line by line, as the
 * parser reads them: a block opens with "profile NAME {" on one line
 * and closes with a line holding only "}" (comments aside).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy_merge_text.h"

#define MAX_WORDS 4

/*
 * Split the line at @s (up to a newline) into at most MAX_WORDS blank-
 * separated words, stopping at a '#' outside quotes.  Return: the count,
 * MAX_WORDS + 1 if there are more.
 */
static int line_words(const char *s, const char **word, size_t *len)
{
	int n = 0;

	for (;;) {
		const char *start;
		bool quoted = false;

		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '\n' || *s == '#')
			return n;
		if (n == MAX_WORDS)
			return n + 1;
		start = s;
		while (*s && *s != '\n' &&
		       (quoted || (*s != ' ' && *s != '\t' && *s != '\r' &&
				   *s != '#'))) {
			if (*s == '"')
				quoted = !quoted;
			else if (*s == '\\' && quoted && s[1] && s[1] != '\n')
				s++;
			s++;
		}
		word[n] = start;
		len[n++] = (size_t)(s - start);
	}
}

static bool word_is(const char *w, size_t len, const char *text)
{
	return strlen(text) == len && !memcmp(w, text, len);
}

/* The block whose profile "profile NAME {" at @line opens, or -1. */
static int opened_block(const char *line, const struct merge_block *blocks,
			size_t n, bool *opens)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];
	int nw = line_words(line, w, len);

	*opens = nw == 3 && word_is(w[0], len[0], "profile") &&
		 word_is(w[2], len[2], "{");
	if (!*opens)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (word_is(w[1], len[1], blocks[i].profile))
			return (int)i;
	return -1;
}

static bool closes_block(const char *line)
{
	const char *w[MAX_WORDS];
	size_t len[MAX_WORDS];

	return line_words(line, w, len) == 1 && word_is(w[0], len[0], "}");
}

/* The blanks before the first word of @line, if it has a word. */
static size_t indent_of(const char *line, bool *has_word)
{
	size_t i = strspn(line, " \t");

	*has_word = line[i] && line[i] != '\n' && line[i] != '\r' &&
		    line[i] != '#' && line[i] != '}';
	return i;
}

static void put_lines(FILE *f, const char *indent, size_t indent_len,
		      const struct merge_block *b)
{
	fprintf(f, "%.*s# learned by dmzguardctl learn\n", (int)indent_len,
		indent);
	for (size_t i = 0; i < b->n; i++)
		fprintf(f, "%.*s%s\n", (int)indent_len, indent, b->lines[i]);
}

char *policy_text_merge(const char *text, const struct merge_block *blocks,
			size_t n)
{
	bool *found = calloc(n ? n : 1, sizeof(*found)), opens, has_word;
	const char *s = text, *indent = "\t";
	size_t indent_len = 1, len = 0;
	int cur = -1;
	bool indent_seen = false;
	char *out = NULL;
	FILE *f;

	if (!found)
		return NULL;
	f = open_memstream(&out, &len);
	if (!f) {
		free(found);
		return NULL;
	}
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t llen = nl ? (size_t)(nl - s) + 1 : strlen(s);
		int b;

		if (cur < 0) {
			b = opened_block(s, blocks, n, &opens);
			if (b >= 0 && !found[b]) {
				cur = b;
				found[b] = true;
				indent_seen = false;
			}
		} else if (closes_block(s)) {
			put_lines(f, indent, indent_len, &blocks[cur]);
			cur = -1;
		} else if (!indent_seen) {
			size_t i = indent_of(s, &has_word);

			if (has_word) {
				indent = s;
				indent_len = i;
				indent_seen = true;
			}
		}
		fwrite(s, 1, llen, f);
		s += llen;
	}
	for (size_t i = 0; i < n; i++) {
		if (found[i])
			continue;
		/* out and len are only up to date after a flush. */
		if (fflush(f))
			break;
		if (len && out[len - 1] != '\n')
			fputc('\n', f);
		fprintf(f, "%sprofile %s {\n"
			"\t# TODO: attach /path/to/the/daemon (without an attach line or\n"
			"\t# an exec transition to it, this profile never applies)\n",
			len ? "\n" : "", blocks[i].profile);
		put_lines(f, "\t", 1, &blocks[i]);
		fputs("}\n", f);
	}
	free(found);
	if (fclose(f)) {
		free(out);
		return NULL;
	}
	return out;
}
