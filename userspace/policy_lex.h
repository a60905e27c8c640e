/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The policy language's lexer: a text split into lines, each line into
 * blank-separated tokens ('#' starts a comment, a double-quoted token
 * may hold blanks), and diagnostics at FILE:LINE:COL.
 */
#ifndef DMZG_POLICY_LEX_H
#define DMZG_POLICY_LEX_H

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "policy.h"

#define LEX_MAX_TOKENS 64

struct token {
	char *text;		/* unquoted, NUL-terminated in the line */
	int col;		/* 1-based */
	bool quoted;		/* written in double quotes */
};

/* Where lexing of one file is, and the tokens of its current line. */
struct lexer {
	const char *file;	/* interned in the policy's file list */
	int line;
	int errors;		/* diagnosed in this file so far */
	char *next;		/* the rest of the text, or NULL at its end */
	struct token tok[LEX_MAX_TOKENS];
	int ntok;
};

/* Lex @text (split in place) as @file's; a leading BOM is skipped. */
void lex_start(struct lexer *lx, const char *file, char *text);
/*
 * Tokenize the next line into lx->tok.  A line that cannot be split is
 * reported and yields no tokens.  Return: false at the end of the text.
 */
bool lex_next_line(struct lexer *lx);

/* Column @col of the current line. */
struct srcpos lex_pos(const struct lexer *lx, int col);
/* Report an error at column @col of the current line.  Return: -1. */
int lex_error(struct lexer *lx, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * "FILE:LINE:COL: [warning: ]message" on policy_diag, "FILE: ..." for a
 * line of 0 and no "FILE: " for no file; control bytes and the like
 * escaped as \xNN.
 */
void srcpos_vdiag(const struct srcpos *pos, bool warning, const char *fmt,
		  va_list ap) __attribute__((format(printf, 3, 0)));
void srcpos_diag(const struct srcpos *pos, bool warning, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));
/* A diagnostic about the whole of @file (NULL: the whole policy). */
void file_diag(const char *file, bool warning, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * The first {a,b} alternation or [...] class in @s, which other policy
 * languages read as a pattern and dmzguard would match literally: its
 * start, and its length in @len.  NULL if there is none.
 */
const char *lex_foreign_glob(const char *s, size_t *len);
/* True if @s must be double-quoted to be read back as it is. */
bool lex_needs_quotes(const char *s);

static inline bool tok_is(const struct token *t, const char *word)
{
	return !strcmp(t->text, word);
}

#endif
