// SPDX-License-Identifier: GPL-2.0
/*
 * The policy language's grammar: files and includes, profile blocks,
 * mode and attach, and the token checks every statement shares.  Rule
 * statements are in policy_rules.c, tokens come from policy_lex.c,
 * checks across profiles are in policy_check.c.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../kmod/glob.h"
#include "file_read.h"
#include "policy_parse.h"
#include "suggest.h"

#define MAX_INCLUDE_DEPTH 8
#define MAX_ERRORS 20

static const char *intern_file(struct policy *pol, const char *name)
{
	char **arr = realloc(pol->files, (pol->nfiles + 1) * sizeof(*arr));

	if (!arr)
		return NULL;
	pol->files = arr;
	arr[pol->nfiles] = strdup(name);
	return arr[pol->nfiles] ? arr[pol->nfiles++] : NULL;
}

int want_count(struct parser *ps, int min, int max, const char *usage)
{
	if (ps->lx.ntok < min)
		return lex_error(&ps->lx, ps->lx.tok[ps->lx.ntok - 1].col +
				 (int)strlen(ps->lx.tok[ps->lx.ntok - 1].text),
				 "incomplete statement (expected '%s')", usage);
	if (ps->lx.ntok > max)
		return lex_error(&ps->lx, ps->lx.tok[max].col,
				 "unexpected '%s' (expected '%s')",
				 ps->lx.tok[max].text, usage);
	return 0;
}

void parser_warn(struct parser *ps, int col, const char *fmt, ...)
{
	struct srcpos pos = lex_pos(&ps->lx, col);
	va_list ap;

	va_start(ap, fmt);
	srcpos_vdiag(&pos, true, fmt, ap);
	va_end(ap);
	ps->pol->nwarnings++;
}

int token_index(struct parser *ps, const struct token *t,
		const char *const *names, size_t n, const char *what,
		const char *expected)
{
	int i = name_lookup(names, n, t->text);

	if (i < 0) {
		lex_error(&ps->lx, t->col, "invalid %s '%s' (expected %s)%s",
			  what, t->text, expected,
			  suggest_hint(t->text, names, n));
		return -1;
	}
	return i;
}

/*
 * An AppArmor or shell pattern would be matched literally and allow or
 * deny nothing: refused unless quoted (a name that holds the brackets).
 */
static int refuse_foreign_glob(struct parser *ps, const struct token *t)
{
	size_t len;
	const char *at = t->quoted ? NULL : lex_foreign_glob(t->text, &len);

	if (!at)
		return 0;
	if (*at == '{')
		return lex_error(&ps->lx, t->col + (int)(at - t->text),
				 "alternation '%.*s' in '%s': dmzguard patterns have only '*', '**' and '?'; write one rule per alternative (or quote the path if the braces are part of the name)",
				 (int)len, at, t->text);
	return lex_error(&ps->lx, t->col + (int)(at - t->text),
			 "character class '%.*s' in '%s': dmzguard patterns have only '*', '**' and '?'; use '?' for any one character or write one rule per name (or quote the path if the brackets are part of the name)",
			 (int)len, at, t->text);
}

static int check_pattern(struct parser *ps, const struct token *t,
			 bool relative_ok)
{
	size_t len = strlen(t->text), bad;
	enum dmzg_glob_error err;

	err = relative_ok ? dmzg_glob_validate_relative(t->text, len, &bad) :
			    dmzg_glob_validate(t->text, len, &bad);
	if (err == DMZG_GLOB_OK)
		return refuse_foreign_glob(ps, t);
	if (err == DMZG_GLOB_TOO_LONG)
		return lex_error(&ps->lx, t->col,
				 "path too long (%zu bytes; the limit is %d)",
				 len, DMZG_PATH_MAX - 1);
	return lex_error(&ps->lx, t->col + (int)bad, "invalid path '%s': %s",
			 t->text, dmzg_glob_strerror(err));
}

int check_path(struct parser *ps, const struct token *t)
{
	return check_pattern(ps, t, false);
}

int check_socket_path(struct parser *ps, const struct token *t)
{
	return check_pattern(ps, t, true);
}

int refuse_unquoted_blanks(struct parser *ps, int path, const char *next)
{
	const struct token *tok = ps->lx.tok;
	int end = path + 1;
	char *joined, *d;
	const char *s;

	while (end < ps->lx.ntok && !(next && tok_is(&tok[end], next)))
		end++;
	if (end == path + 1)
		return 0;
	for (int i = path; i < end; i++)
		if (tok[i].quoted)
			return 0;	/* not one path split by the lexer */
	/* Unquoted tokens lie in place in the line: blanks became NULs. */
	s = tok[path].text;
	joined = malloc(2 * (size_t)(tok[end - 1].text - s) +
			2 * strlen(tok[end - 1].text) + 1);
	if (!joined)
		return lex_error(&ps->lx, 1, "out of memory");
	for (d = joined; s < tok[end - 1].text + strlen(tok[end - 1].text); s++) {
		if (*s == '"' || *s == '\\')
			*d++ = '\\';
		*d++ = *s ? *s : ' ';
	}
	*d = '\0';
	lex_error(&ps->lx, tok[path + 1].col,
		  "unexpected '%s' after path '%s'%s: a path that holds blanks must be quoted: \"%s\"",
		  tok[path + 1].text, tok[path].text,
		  next ? " (expected '-> PROFILE')" : "", joined);
	free(joined);
	return -1;
}

void warn_unmatchable(struct parser *ps, const struct token *t)
{
	const char *s = t->text;
	size_t len = strlen(s);

	if (strstr(s, "/./") || strstr(s, "/../") || strstr(s, "//") ||
	    (len > 1 && s[len - 1] == '/') ||
	    (len >= 2 && !strcmp(s + len - 2, "/.")) ||
	    (len >= 3 && !strcmp(s + len - 3, "/..")))
		parser_warn(ps, t->col,
			    "'%s' can never match: the kernel decides on resolved paths, which have no '.', '..', '//' or trailing '/'",
			    s);
}

bool policy_name_valid(const char *s)
{
	size_t len = strlen(s);

	if (!len || len >= DMZG_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' ||
		      *s == '-'))
			return false;
	return true;
}

int check_name(struct parser *ps, const struct token *t)
{
	if (policy_name_valid(t->text))
		return 0;
	return lex_error(&ps->lx, t->col,
			 "invalid profile name '%s' (expected 1-63 characters of A-Z a-z 0-9 _ . -)",
			 t->text);
}

static int parse_mode(struct parser *ps)
{
	int mode;

	if (want_count(ps, 2, 2, "mode enforce|complain"))
		return -1;
	mode = token_index(ps, &ps->lx.tok[1], dmzg_mode_names,
			   __DMZG_MODE_MAX, "mode", "enforce or complain");
	if (mode < 0)
		return -1;
	ps->cur->mode = (uint8_t)mode;
	if (ps->cur->mode_set)
		return lex_error(&ps->lx, ps->lx.tok[0].col, "mode given twice");
	ps->cur->mode_set = true;
	ps->cur->mode_pos = lex_pos(&ps->lx, ps->lx.tok[0].col);
	return 0;
}

/*
 * An attach path that names no file on this host attaches to nothing
 * here (a typo, or a policy written for another host: so a warning).
 * For a pattern, the directory before its first wildcard must exist.
 * Only a definite "not there" is reported, not a refused stat().
 */
static void warn_missing_attach(struct parser *ps, const struct token *t)
{
	const char *path = t->text;
	size_t wild = strcspn(path, "*?");
	char dir[PATH_MAX];
	struct stat st;

	if (!path[wild]) {
		if (stat(path, &st) && (errno == ENOENT || errno == ENOTDIR))
			parser_warn(ps, t->col,
				    "attach path '%s' does not exist on this host",
				    path);
		return;
	}
	while (wild > 0 && path[wild - 1] != '/')
		wild--;
	/* The directory, without its trailing '/' unless it is the root. */
	if (wild <= 1 || wild - 1 >= sizeof(dir))
		return;
	memcpy(dir, path, wild - 1);
	dir[wild - 1] = '\0';
	if (stat(dir, &st) && (errno == ENOENT || errno == ENOTDIR))
		parser_warn(ps, t->col,
			    "attach pattern '%s' matches nothing on this host: directory '%s' does not exist",
			    path, dir);
}

static int parse_attach(struct parser *ps)
{
	if (refuse_unquoted_blanks(ps, 1, NULL) ||
	    want_count(ps, 2, 2, "attach PATH") ||
	    check_path(ps, &ps->lx.tok[1]))
		return -1;
	if (ps->cur->nattach == DMZG_MAX_ATTACH)
		return lex_error(&ps->lx, ps->lx.tok[0].col,
				 "too many attach lines in profile '%s' (limit %d)",
				 ps->cur->name, DMZG_MAX_ATTACH);
	warn_unmatchable(ps, &ps->lx.tok[1]);
	if (ps->pol->check_host_paths)
		warn_missing_attach(ps, &ps->lx.tok[1]);
	if (profile_add_attach(ps->cur, ps->lx.tok[1].text))
		return lex_error(&ps->lx, 1, "out of memory");
	return 0;
}

static int parse_file(struct parser *ps, const char *path);

static int parse_include(struct parser *ps)
{
	char full[PATH_MAX * 2], *dir;
	const char *arg;
	struct stat st;
	int ret = 0;

	if (refuse_unquoted_blanks(ps, 1, NULL) ||
	    want_count(ps, 2, 2, "include PATH"))
		return -1;
	arg = ps->lx.tok[1].text;
	if (arg[0] == '/') {
		snprintf(full, sizeof(full), "%s", arg);
	} else {
		dir = strdup(ps->lx.file);
		if (!dir)
			return lex_error(&ps->lx, 1, "out of memory");
		char *slash = strrchr(dir, '/');

		if (slash)
			slash[1] = '\0';
		else
			dir[0] = '\0';
		snprintf(full, sizeof(full), "%s%s", dir, arg);
		free(dir);
	}
	if (ps->depth >= MAX_INCLUDE_DEPTH)
		return lex_error(&ps->lx, ps->lx.tok[1].col,
				 "includes nested deeper than %d (a cycle?) at '%s'",
				 MAX_INCLUDE_DEPTH, arg);
	if (stat(full, &st))
		return lex_error(&ps->lx, ps->lx.tok[1].col,
				 "cannot include '%s': %s", arg, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int n = scandir(full, &names, NULL, alphasort);

		if (n < 0)
			return lex_error(&ps->lx, ps->lx.tok[1].col,
					 "cannot include '%s': %s", arg,
					 strerror(errno));
		for (int i = 0; i < n; i++) {
			const char *nm = names[i]->d_name;
			size_t len = strlen(nm);
			char sub[PATH_MAX * 3];

			if (len > 7 && !strcmp(nm + len - 7, ".policy")) {
				snprintf(sub, sizeof(sub), "%s/%s", full, nm);
				if (parse_file(ps, sub))
					ret = -1;
			}
			free(names[i]);
		}
		free(names);
		return ret;
	}
	return parse_file(ps, full);
}

static int open_profile(struct parser *ps)
{
	struct profile *p, *dup;
	int bad = 0;

	if (ps->lx.ntok == 2)
		return lex_error(&ps->lx, ps->lx.tok[1].col +
				 (int)strlen(ps->lx.tok[1].text),
				 "expected '{' after profile name '%s'",
				 ps->lx.tok[1].text);
	if (want_count(ps, 3, 3, "profile NAME {"))
		return -1;
	if (!tok_is(&ps->lx.tok[2], "{"))
		return lex_error(&ps->lx, ps->lx.tok[2].col,
				 "unexpected '%s' (expected '{')",
				 ps->lx.tok[2].text);
	/* Errors below still open the block, so its '}' is not misread. */
	if (check_name(ps, &ps->lx.tok[1]))
		bad = -1;
	dup = policy_find_profile(ps->pol, ps->lx.tok[1].text);
	if (dup)
		bad = lex_error(&ps->lx, ps->lx.tok[1].col,
				"duplicate profile name '%s' (first defined at %s:%d)",
				ps->lx.tok[1].text, dup->pos.file,
				dup->pos.line);
	if (ps->pol->nprofiles == DMZG_MAX_PROFILES)
		return lex_error(&ps->lx, ps->lx.tok[1].col,
				 "too many profiles (limit %d)", DMZG_MAX_PROFILES);
	p = policy_add_profile(ps->pol);
	if (!p)
		return lex_error(&ps->lx, 1, "out of memory");
	snprintf(p->name, sizeof(p->name), "%s", ps->lx.tok[1].text);
	p->pos = lex_pos(&ps->lx, ps->lx.tok[1].col);
	ps->cur = p;
	ps->cur_statements = 0;
	return bad;
}

static int close_profile(struct parser *ps)
{
	if (want_count(ps, 1, 1, "}"))
		return -1;
	if (!ps->cur_statements) {
		srcpos_diag(&ps->cur->pos, false, "empty profile '%s'",
			    ps->cur->name);
		ps->lx.errors++;
	}
	ps->cur = NULL;
	return 0;
}

/* The statements of a file, outside and inside a profile block. */
static const char *const file_keywords[] = { "profile", "include" };
static const char *const profile_keywords[] = {
	"attach", "mode", "exec", "write", "connect", "bind", "unix",
	"capability", "socket",
};

static int statement(struct parser *ps)
{
	const struct token *k = &ps->lx.tok[0];
	int op;

	if (!ps->cur) {
		if (tok_is(k, "profile"))
			return open_profile(ps);
		if (tok_is(k, "include"))
			return parse_include(ps);
		return lex_error(&ps->lx, k->col,
				 "unknown keyword '%s' (expected profile or include)%s",
				 k->text, suggest_hint(k->text, file_keywords, 2));
	}
	if (tok_is(k, "}"))
		return close_profile(ps);
	ps->cur_statements++;
	if (tok_is(k, "attach"))
		return parse_attach(ps);
	if (tok_is(k, "mode"))
		return parse_mode(ps);
	op = dmzg_lookup(dmzg_rule_op_names, k->text);
	if (op >= 0)
		return parse_rule(ps, op);
	if (tok_is(k, "capability"))
		return parse_caps(ps);
	if (tok_is(k, "socket"))
		return parse_sockets(ps);
	if (tok_is(k, "profile"))
		return lex_error(&ps->lx, k->col,
				 "profile '%s' is not closed before the next 'profile' (missing '}')",
				 ps->cur->name);
	return lex_error(&ps->lx, k->col,
			 "unknown keyword '%s' (expected attach, mode, exec, write, connect, bind, unix, capability, socket or '}')%s",
			 k->text,
			 suggest_hint(k->text, profile_keywords,
				      sizeof(profile_keywords) /
				      sizeof(profile_keywords[0])));
}

static int parse_text(struct parser *ps)
{
	int statements = 0;

	while (lex_next_line(&ps->lx)) {
		if (ps->lx.ntok) {
			statement(ps);
			statements++;
		}
		if (ps->lx.errors >= MAX_ERRORS) {
			file_diag(ps->lx.file, false,
				  "too many errors, giving up");
			break;
		}
	}
	if (ps->cur) {
		srcpos_diag(&ps->cur->pos, false,
			    "profile '%s' is not closed (missing '}' before the end of the file)",
			    ps->cur->name);
		ps->lx.errors++;
		ps->cur = NULL;
	}
	/* Say which file: a policy of several may still have profiles. */
	if (!statements && !ps->lx.errors) {
		file_diag(ps->lx.file, true,
			  "the file holds no statement (empty, or only comments)");
		ps->pol->nwarnings++;
	}
	return ps->lx.errors ? -1 : 0;
}

static int parse_buffer(struct parser *outer, struct policy *pol,
			const char *name, char *text, int depth)
{
	struct parser ps = { .pol = pol, .depth = depth };
	const char *file;
	int ret;

	file = intern_file(pol, name);
	if (!file) {
		file_diag(name, false, "out of memory");
		return -1;
	}
	lex_start(&ps.lx, file, text);
	ret = parse_text(&ps);
	if (outer)
		outer->lx.errors += ps.lx.errors;
	return ret;
}

/*
 * A file that cannot be read, named; an included one also at the include
 * statement that names it (@outer's current line).
 */
static void report_unreadable(struct parser *outer, const char *path, int err)
{
	if (outer)
		lex_error(&outer->lx, outer->lx.tok[1].col,
			  "cannot include '%s': %s", path,
			  err == EISDIR ? "is a directory" : strerror(err));
	else if (!*path)
		file_diag(NULL, false, "an empty file name cannot be read");
	else if (err == EISDIR)
		file_diag(path, false,
			  "is a directory (name the policy files in it, or include it from a policy file)");
	else
		file_diag(path, false, "cannot read: %s", strerror(err));
}

static int parse_file_depth(struct parser *outer, struct policy *pol,
			    const char *path, int depth)
{
	size_t len = 0;
	char *text;
	int ret;

	text = file_read_all(path, &len);
	if (!text) {
		report_unreadable(outer, path, errno);
		return -1;
	}
	if (strlen(text) != len) {
		struct srcpos at = { path, 1, 1 };

		for (const char *c = text; *c; c++) {
			at.col = *c == '\n' ? 1 : at.col + 1;
			at.line += *c == '\n';
		}
		srcpos_diag(&at, false, "NUL byte in policy file");
		free(text);
		if (outer)
			outer->lx.errors++;
		return -1;
	}
	ret = parse_buffer(outer, pol, path, text, depth);
	free(text);
	return ret;
}

static int parse_file(struct parser *ps, const char *path)
{
	return parse_file_depth(ps, ps->pol, path, ps->depth + 1);
}

int policy_parse_file(struct policy *pol, const char *path)
{
	return parse_file_depth(NULL, pol, path, 0);
}

int policy_parse_string(struct policy *pol, const char *name,
			const char *text)
{
	char *copy = strdup(text);
	int ret;

	if (!copy)
		return -1;
	ret = parse_buffer(NULL, pol, name, copy, 0);
	free(copy);
	return ret;
}
