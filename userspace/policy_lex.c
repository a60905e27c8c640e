// SPDX-License-Identifier: GPL-2.0
/*
 * The policy language's lexer.  Line oriented: one statement per line,
 * '#' starts a comment, tokens are separated by blanks, a token may be
 * double-quoted to hold blanks.  Every diagnostic is
 * "FILE:LINE:COL: message" quoting the offending token, with the bytes
 * a terminal would act on escaped.
 */
#include <stdio.h>
#include <stdlib.h>

#include "policy_lex.h"
#include "printable.h"

#define MAX_LINE 65536

/* @fmt and @ap printed, or NULL if it cannot be. */
static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	char *msg;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	msg = malloc((size_t)n + 1);
	if (msg)
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	return msg;
}

/* Messages quote what a file holds, so everything is made printable. */
void srcpos_vdiag(const struct srcpos *pos, bool warning, const char *fmt,
		  va_list ap)
{
	char *msg = vformat(fmt, ap);

	if (pos->file) {
		fput_printable(policy_diag, pos->file);
		if (pos->line)
			fprintf(policy_diag, ":%d:%d", pos->line, pos->col);
		fputs(": ", policy_diag);
	}
	if (warning)
		fputs("warning: ", policy_diag);
	fput_printable(policy_diag, msg ? msg : "(out of memory)");
	fputc('\n', policy_diag);
	free(msg);
}

void srcpos_diag(const struct srcpos *pos, bool warning, const char *fmt,
		 ...)
{
	va_list ap;

	va_start(ap, fmt);
	srcpos_vdiag(pos, warning, fmt, ap);
	va_end(ap);
}

void file_diag(const char *file, bool warning, const char *fmt, ...)
{
	struct srcpos pos = { file, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	srcpos_vdiag(&pos, warning, fmt, ap);
	va_end(ap);
}

struct srcpos lex_pos(const struct lexer *lx, int col)
{
	struct srcpos p = { lx->file, lx->line, col };

	return p;
}

int lex_error(struct lexer *lx, int col, const char *fmt, ...)
{
	struct srcpos pos = lex_pos(lx, col);
	va_list ap;

	va_start(ap, fmt);
	srcpos_vdiag(&pos, false, fmt, ap);
	va_end(ap);
	lx->errors++;
	return -1;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * AppArmor ends a rule with ',' and many languages with ';': here that
 * byte would silently become part of a path (attaching to nothing), so
 * a token ending in one is refused.  @sep points at it, @what (@len
 * bytes) is the token before it, @quoted if it was in quotes.
 * Return: -1 (reported).
 */
static int refuse_separator(struct lexer *lx, const char *line,
			    const char *what, size_t len, bool quoted,
			    const char *sep)
{
	const char *rest = sep + 1;
	const char *hint;
	bool path = !quoted && len && (what[0] == '/' || what[0] == '@');

	while (is_blank(*rest))
		rest++;
	if (!*rest || *rest == '#')
		hint = "dmzguard rules end at the end of the line";
	else if (*sep == ',')
		hint = "names in a list are separated by blanks";
	else
		hint = "dmzguard has one statement per line";
	if (!len)
		return lex_error(lx, (int)(sep - line) + 1,
				 "unexpected '%c': %s; remove the '%c'", *sep,
				 hint, *sep);
	return lex_error(lx, (int)(sep - line) + 1,
			 "'%c' after '%.*s': %s; remove the '%c'%s", *sep,
			 (int)len, what, hint, *sep,
			 path ? " (or quote a path that ends in one)" : "");
}

/* Split one line into tokens in place.  Return: 0 or -1 (reported). */
static int tokenize(struct lexer *lx, char *line)
{
	char *s = line;

	lx->ntok = 0;
	for (;;) {
		char *start, *d;

		while (is_blank(*s))
			s++;
		if (!*s || *s == '#')
			return 0;
		if (lx->ntok == LEX_MAX_TOKENS)
			return lex_error(lx, (int)(s - line) + 1,
					 "too many tokens on one line (limit %d)",
					 LEX_MAX_TOKENS);
		start = s;
		lx->tok[lx->ntok].col = (int)(s - line) + 1;
		lx->tok[lx->ntok].quoted = *s == '"';
		if (*s == '"') {
			d = ++s;
			lx->tok[lx->ntok].text = d;
			while (*s && *s != '"') {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
					s++;
				*d++ = *s++;
			}
			if (*s != '"')
				return lex_error(lx, (int)(start - line) + 1,
						 "unterminated string %s", start);
			s++;
			*d = '\0';
			if (*s == ';' || *s == ',')
				return refuse_separator(lx, line,
							lx->tok[lx->ntok].text,
							strlen(lx->tok[lx->ntok].text),
							true, s);
			if (*s && !is_blank(*s))
				return lex_error(lx, (int)(s - line) + 1,
						 "expected a blank after a closing quote");
			if (*s)
				s++;
		} else {
			lx->tok[lx->ntok].text = s;
			while (*s && !is_blank(*s))
				s++;
			if (s[-1] == ';' || s[-1] == ',')
				return refuse_separator(lx, line, start,
							(size_t)(s - 1 - start),
							false, s - 1);
			if (*s)
				*s++ = '\0';
		}
		lx->ntok++;
	}
}

const char *lex_foreign_glob(const char *s, size_t *len)
{
	for (const char *p = s; *p; p++) {
		const char *close = NULL;

		if (*p == '[' && p[1])
			close = strchr(p + 2, ']');
		else if (*p == '{')
			close = strchr(p + 1, '}');
		if (!close || (*p == '{' && !memchr(p, ',', (size_t)(close - p))))
			continue;
		*len = (size_t)(close - p) + 1;
		return p;
	}
	return NULL;
}

bool lex_needs_quotes(const char *s)
{
	size_t len = strlen(s), glob;

	return !len || s[0] == '#' || strpbrk(s, " \t\r\"\\") ||
	       s[len - 1] == ';' || s[len - 1] == ',' ||
	       lex_foreign_glob(s, &glob);
}

void lex_start(struct lexer *lx, const char *file, char *text)
{
	memset(lx, 0, sizeof(*lx));
	lx->file = file;
	/* Editors on other systems start UTF-8 files with a byte order mark. */
	if (!strncmp(text, "\xef\xbb\xbf", 3))
		text += 3;
	lx->next = text;
}

bool lex_next_line(struct lexer *lx)
{
	char *line = lx->next, *nl;
	size_t len;

	if (!line)
		return false;
	nl = strchr(line, '\n');
	if (nl)
		*nl = '\0';
	lx->next = nl ? nl + 1 : NULL;
	lx->line++;
	len = strlen(line);
	if (len > MAX_LINE) {
		lex_error(lx, 1, "line too long (%zu bytes)", len);
		lx->ntok = 0;
	} else if (tokenize(lx, line)) {
		lx->ntok = 0;
	}
	return true;
}
