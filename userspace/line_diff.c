// SPDX-License-Identifier: GPL-2.0
/*
 * Myers' O(ND) difference algorithm: the shortest edit script between
 * two line arrays, found by extending the furthest-reaching path on each
 * diagonal for D = 0, 1, ... edits.  Each round's furthest points are
 * kept to walk the script back; D is small here (learn adds lines to a
 * policy), so that costs little.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "line_diff.h"

#define CONTEXT 3

struct lines {
	const char **s;		/* each line's start, in the text */
	size_t *len;		/* its length with the newline, if any */
	size_t n;
};

enum edit { EDIT_SAME, EDIT_DEL, EDIT_ADD };

struct step {
	enum edit edit;
	size_t a, b;		/* line of old (SAME, DEL), of new (ADD) */
};

static int split_lines(const char *text, struct lines *l)
{
	size_t cap = 16;

	memset(l, 0, sizeof(*l));
	l->s = malloc(cap * sizeof(*l->s));
	l->len = malloc(cap * sizeof(*l->len));
	if (!l->s || !l->len)
		return -1;
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) + 1 : strlen(text);

		if (l->n == cap) {
			const char **s;
			size_t *ln;

			cap *= 2;
			s = realloc(l->s, cap * sizeof(*s));
			if (s)
				l->s = s;
			ln = realloc(l->len, cap * sizeof(*ln));
			if (ln)
				l->len = ln;
			if (!s || !ln)
				return -1;
		}
		l->s[l->n] = text;
		l->len[l->n++] = len;
		text += len;
	}
	return 0;
}

static bool same_line(const struct lines *a, size_t i, const struct lines *b,
		      size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->s[i], b->s[j], a->len[i]);
}

/* The edit script, in order, into *steps.  Return: its length or -1. */
static long edit_script(const struct lines *a, const struct lines *b,
			struct step **steps)
{
	long n = (long)a->n, m = (long)b->n, max = n + m, off = max + 1;
	long width = 2 * max + 3, d, k, x = 0, y, nsteps = 0;
	long *v = calloc((size_t)width, sizeof(*v)), **trace = NULL;
	struct step *out;

	if (!v)
		return -1;
	trace = calloc((size_t)max + 1, sizeof(*trace));
	if (!trace) {
		free(v);
		return -1;
	}
	for (d = 0; d <= max; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same_line(a, (size_t)x, b,
							   (size_t)y)) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m)
				break;
		}
		trace[d] = malloc((size_t)width * sizeof(**trace));
		if (!trace[d])
			goto nomem;
		memcpy(trace[d], v, (size_t)width * sizeof(*v));
		if (k <= d)
			break;
	}
	/* Walk back from the end: the last round first. */
	out = malloc((size_t)(n + m + 1) * sizeof(*out));
	if (!out)
		goto nomem;
	x = n;
	y = m;
	for (; d >= 0; d--) {
		long prev_k, prev_x, prev_y;

		k = x - y;
		if (d == 0) {
			prev_x = 0;
			prev_y = 0;
		} else {
			const long *pv = trace[d - 1];

			if (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1]))
				prev_k = k + 1;
			else
				prev_k = k - 1;
			prev_x = pv[off + prev_k];
			prev_y = prev_x - prev_k;
		}
		while (x > prev_x && y > prev_y) {
			x--;
			y--;
			out[nsteps++] = (struct step){ EDIT_SAME, (size_t)x,
						       (size_t)y };
		}
		if (d > 0) {
			if (x == prev_x)
				out[nsteps++] = (struct step){ EDIT_ADD,
					(size_t)prev_x, (size_t)prev_y };
			else
				out[nsteps++] = (struct step){ EDIT_DEL,
					(size_t)prev_x, (size_t)prev_y };
		}
		x = prev_x;
		y = prev_y;
	}
	for (long i = 0; i < nsteps / 2; i++) {
		struct step t = out[i];

		out[i] = out[nsteps - 1 - i];
		out[nsteps - 1 - i] = t;
	}
	for (d = 0; d <= max; d++)
		free(trace[d]);
	free(trace);
	free(v);
	*steps = out;
	return nsteps;

nomem:
	for (d = 0; d <= max; d++)
		free(trace[d]);
	free(trace);
	free(v);
	return -1;
}

static void put_line(FILE *out, char mark, const struct lines *l, size_t i)
{
	fputc(mark, out);
	fwrite(l->s[i], 1, l->len[i], out);
	if (l->s[i][l->len[i] - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* "-START,LEN" as diff -u writes it: ",LEN" only if not 1. */
static void put_range(FILE *out, char sign, size_t start, size_t len)
{
	fprintf(out, "%c%zu", sign, len ? start + 1 : start);
	if (len != 1)
		fprintf(out, ",%zu", len);
}

static void put_hunk(FILE *out, const struct lines *a, const struct lines *b,
		     const struct step *st, long from, long to)
{
	size_t alen = 0, blen = 0, astart, bstart;

	for (long i = from; i < to; i++) {
		alen += st[i].edit != EDIT_ADD;
		blen += st[i].edit != EDIT_DEL;
	}
	/* Where the hunk starts in each file (the line before, if empty). */
	astart = st[from].a;
	bstart = st[from].b;
	fputs("@@ ", out);
	put_range(out, '-', astart, alen);
	fputc(' ', out);
	put_range(out, '+', bstart, blen);
	fputs(" @@\n", out);
	for (long i = from; i < to; i++) {
		if (st[i].edit == EDIT_SAME)
			put_line(out, ' ', a, st[i].a);
		else if (st[i].edit == EDIT_DEL)
			put_line(out, '-', a, st[i].a);
		else
			put_line(out, '+', b, st[i].b);
	}
}

int line_diff_print(FILE *out, const char *old_label, const char *new_label,
		    const char *old, const char *new)
{
	struct lines a = { 0 }, b = { 0 };
	struct step *st = NULL;
	long n, i = 0;
	bool header = false;
	int ret = -1;

	if (split_lines(old, &a) || split_lines(new, &b))
		goto out;
	n = edit_script(&a, &b, &st);
	if (n < 0)
		goto out;
	while (i < n) {
		long from, to, last;

		while (i < n && st[i].edit == EDIT_SAME)
			i++;
		if (i == n)
			break;
		from = i > CONTEXT ? i - CONTEXT : 0;
		/* Changes closer than twice the context share a hunk. */
		last = i;
		for (long j = i; j < n; j++) {
			if (st[j].edit != EDIT_SAME)
				last = j;
			else if (j - last > 2 * CONTEXT)
				break;
		}
		to = last + 1 + CONTEXT < n ? last + 1 + CONTEXT : n;
		if (!header) {
			fprintf(out, "--- %s\n+++ %s\n", old_label, new_label);
			header = true;
		}
		put_hunk(out, &a, &b, st, from, to);
		i = to;
	}
	ret = 0;
out:
	free(st);
	free(a.s);
	free(a.len);
	free(b.s);
	free(b.len);
	return ret;
}
