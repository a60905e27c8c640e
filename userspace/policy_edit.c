// SPDX-License-Identifier: GPL-2.0
/*
 * Rewriting one statement of a policy file.  Positions come from the
 * parser (struct srcpos: 1-based line and byte column, a leading byte
 * order mark not counted), so the edit lands on the bytes that were read.
 */
#include <stdlib.h>
#include <string.h>

#include "policy_edit.h"

/* Offset of line @line (1-based) in @text, or -1 if there are fewer. */
static long line_offset(const char *text, size_t len, int line)
{
	size_t off = 0;

	/* The lexer skips a byte order mark: columns start after it. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		off = 3;
	for (int l = 1; l < line; l++) {
		const char *nl = memchr(text + off, '\n', len - off);

		if (!nl)
			return -1;
		off = (size_t)(nl - text) + 1;
	}
	return (long)off;
}

static size_t line_end(const char *text, size_t len, size_t off)
{
	const char *nl = memchr(text + off, '\n', len - off);

	return nl ? (size_t)(nl - text) : len;
}

/* As the lexer's: a CR of a CRLF line ending is a blank. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* @text with bytes [@from, @to) replaced by @with. */
static char *splice(const char *text, size_t len, size_t from, size_t to,
		    const char *with, size_t *newlen)
{
	size_t wlen = strlen(with);
	char *out = malloc(len - (to - from) + wlen + 1);

	if (!out)
		return NULL;
	memcpy(out, text, from);
	memcpy(out + from, with, wlen);
	memcpy(out + from + wlen, text + to, len - to);
	*newlen = len - (to - from) + wlen;
	out[*newlen] = '\0';
	return out;
}

/* Replace the word after "mode" in the statement at @p->mode_pos. */
static char *replace_mode(const char *text, size_t len,
			  const struct profile *p, const char *mode,
			  size_t *newlen)
{
	long start = line_offset(text, len, p->mode_pos.line);
	size_t end, at, word_end;

	if (start < 0)
		return NULL;
	end = line_end(text, len, (size_t)start);
	at = (size_t)start + (size_t)p->mode_pos.col - 1;
	/* The keyword as the lexer read it: bare, or in quotes. */
	if (at + 6 <= end && !memcmp(text + at, "\"mode\"", 6))
		at += 6;
	else if (at + 4 <= end && !memcmp(text + at, "mode", 4))
		at += 4;
	else
		return NULL;
	while (at < end && is_blank(text[at]))
		at++;
	if (at < end && text[at] == '"') {
		const char *q = memchr(text + at + 1, '"', end - at - 1);

		if (!q)
			return NULL;
		word_end = (size_t)(q - text) + 1;
	} else {
		word_end = at;
		while (word_end < end && !is_blank(text[word_end]))
			word_end++;
	}
	if (word_end == at)
		return NULL;
	return splice(text, len, at, word_end, mode, newlen);
}

/* The indentation (spaces and tabs) at @from. */
static size_t indent_at(const char *text, size_t from, size_t end)
{
	size_t b = from;

	while (b < end && (text[b] == ' ' || text[b] == '\t'))
		b++;
	return b - from;
}

/*
 * Insert "INDENT mode MODE" after the profile line: INDENT is that of
 * the block's first statement (or the profile line's and a tab), the
 * line ending the profile line's.
 */
static char *insert_mode(const char *text, size_t len, const struct profile *p,
			 const char *mode, size_t *newlen)
{
	long start = line_offset(text, len, p->pos.line);
	size_t end, next, indent_from, indent_len;
	bool crlf, extra_tab = true;
	const char *eol;
	char *line, *out;

	if (start < 0)
		return NULL;
	end = line_end(text, len, (size_t)start);
	crlf = end > (size_t)start && text[end - 1] == '\r';
	eol = crlf ? "\r\n" : "\n";
	next = end < len ? end + 1 : len;
	indent_from = (size_t)start;
	indent_len = indent_at(text, (size_t)start, end);
	for (size_t o = next; o < len; o = line_end(text, len, o) + 1) {
		size_t e = line_end(text, len, o);
		size_t b = o + indent_at(text, o, e);

		if (b == e || text[b] == '\r' || text[b] == '#')
			continue;	/* blank or comment */
		if (text[b] != '}') {
			indent_from = o;
			indent_len = b - o;
			extra_tab = false;
		}
		break;
	}
	line = malloc(indent_len + strlen(mode) + 16);
	if (!line)
		return NULL;
	/* A profile line that ends the file gets its line ending first. */
	sprintf(line, "%s%.*s%smode %s%s", end == len ? eol : "",
		(int)indent_len, text + indent_from, extra_tab ? "\t" : "",
		mode, end == len ? "" : eol);
	out = splice(text, len, next, next, line, newlen);
	free(line);
	return out;
}

char *policy_edit_mode(const char *text, size_t len, const struct profile *p,
		       const char *mode, size_t *newlen, int *line)
{
	if (p->mode_set) {
		*line = p->mode_pos.line;
		return replace_mode(text, len, p, mode, newlen);
	}
	*line = p->pos.line + 1;
	return insert_mode(text, len, p, mode, newlen);
}
