/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parser's state and what its two halves share: policy_parse.c
 * (files, profile blocks) and policy_rules.c (the rule statements).
 */
#ifndef DMZG_POLICY_PARSE_H
#define DMZG_POLICY_PARSE_H

#include "policy_lex.h"

struct parser {
	struct lexer lx;
	struct policy *pol;
	struct profile *cur;	/* open profile block, or NULL */
	int cur_statements;
	int depth;		/* of includes */
};

/*
 * Report a statement of fewer than @min or more than @max tokens;
 * @usage shows its form.  Return: 0 or -1.
 */
int want_count(struct parser *ps, int min, int max, const char *usage);
/* A warning at column @col of the current line, counted in the policy. */
void parser_warn(struct parser *ps, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * The index of @t in @names, a table of @n from kmod/names.h, or -1
 * reported as "invalid WHAT 'TOKEN' (expected EXPECTED)".
 */
int token_index(struct parser *ps, const struct token *t,
		const char *const *names, size_t n, const char *what,
		const char *expected);
/* A path or pattern the kernel accepts.  Return: 0 or -1 (reported). */
int check_path(struct parser *ps, const struct token *t);
/* The same for a unix socket path, which may be relative. */
int check_socket_path(struct parser *ps, const struct token *t);
/*
 * Words between the path at token @path and the statement's next keyword
 * @next (NULL: the end of the line) are a path with blanks written
 * without quotes.  Return: 0, or -1 (reported with the quoted form).
 */
int refuse_unquoted_blanks(struct parser *ps, int path, const char *next);
/* A valid profile name.  Return: 0 or -1 (reported). */
int check_name(struct parser *ps, const struct token *t);
/* Warn about a path no resolved path can match. */
void warn_unmatchable(struct parser *ps, const struct token *t);

/*
 * Statements inside a profile block, in policy_rules.c: a rule or
 * default of @op (enum dmzg_rule_op), and the capability and socket
 * lists.  Return: 0 or -1 (reported).
 */
int parse_rule(struct parser *ps, int op);
int parse_caps(struct parser *ps);
int parse_sockets(struct parser *ps);

#endif
