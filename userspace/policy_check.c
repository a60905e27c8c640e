// SPDX-License-Identifier: GPL-2.0
/*
 * Checks once every file is parsed: transitions to unknown profiles,
 * profiles that never apply, attach paths claimed twice, rule limits,
 * and rules that another rule shadows or repeats.
 */
#include <stdlib.h>
#include <string.h>

#include "../kmod/glob.h"
#include "policy_lex.h"

static bool net_covers(const struct rule *outer, const struct rule *inner)
{
	int bytes, bits;

	if (outer->family != inner->family || outer->prefix > inner->prefix)
		return false;
	if (outer->proto != DMZG_PROTO_ANY && outer->proto != inner->proto)
		return false;
	if (outer->port_lo > inner->port_lo || outer->port_hi < inner->port_hi)
		return false;
	bytes = outer->prefix / 8;
	bits = outer->prefix % 8;
	if (memcmp(outer->addr, inner->addr, bytes))
		return false;
	return !bits || !((outer->addr[bytes] ^ inner->addr[bytes]) &
			  (uint8_t)(0xff << (8 - bits)));
}

static bool path_covers(const struct rule *outer, const struct rule *inner)
{
	const char *o = outer->path, *i = inner->path;

	if (!strcmp(o, i))
		return true;
	/* A relative unix pattern matches relative names only. */
	if (dmzg_path_is_relative(o, strlen(o)) !=
	    dmzg_path_is_relative(i, strlen(i)))
		return false;
	/* Only a literal inner path can be proven covered by a pattern. */
	return !dmzg_glob_has_wildcard(i, strlen(i)) &&
	       dmzg_glob_match(o, strlen(o), i, strlen(i));
}

/*
 * Warn about allow rules that a deny rule (deny beats allow) shadows and
 * rules another covers.  Quadratic, so only for hand-sized profiles.
 */
#define SHADOW_CHECK_MAX 4000
static void warn_shadowed(struct policy *pol, const struct profile *p)
{
	if (p->nrules > SHADOW_CHECK_MAX)
		return;
	for (size_t a = 0; a < p->nrules; a++) {
		const struct rule *ra = &p->rules[a];

		for (size_t d = 0; d < p->nrules; d++) {
			const struct rule *rd = &p->rules[d];
			bool covered;

			if (d == a || rd->op != ra->op)
				continue;
			if (ra->op == DMZG_RULE_CONNECT || ra->op == DMZG_RULE_BIND)
				covered = net_covers(rd, ra);
			else
				covered = path_covers(rd, ra);
			if (!covered)
				continue;
			if (rd->action == DMZG_DENY && ra->action == DMZG_ALLOW) {
				srcpos_diag(&ra->pos, true,
					    "this allow rule never takes effect: the deny rule at line %d covers it (deny beats allow)",
					    rd->pos.line);
				pol->nwarnings++;
				break;
			}
			if (rd->action == ra->action && d < a) {
				srcpos_diag(&ra->pos, true,
					    "this rule is redundant: the rule at line %d already covers it",
					    rd->pos.line);
				pol->nwarnings++;
				break;
			}
		}
	}
}

/* Name the files read, so that an empty one is found. */
static void report_no_profile(const struct policy *pol)
{
	char *names = NULL;
	size_t len;
	FILE *f;

	if (pol->nfiles == 1) {
		file_diag(pol->files[0], false,
			  "no profile (a policy needs at least one)");
		return;
	}
	f = open_memstream(&names, &len);
	for (size_t i = 0; f && i < pol->nfiles; i++)
		fprintf(f, "%s%s", i ? ", " : "", pol->files[i]);
	if (f)
		fclose(f);
	file_diag(NULL, false, "no profile in %s (a policy needs at least one)",
		  names && pol->nfiles ? names : "the policy");
	free(names);
}

/* Cross-profile checks, once every file is parsed. */
int policy_finish(struct policy *pol)
{
	int errors = 0;
	size_t total = 0;

	for (size_t i = 0; i < pol->nprofiles; i++) {
		struct profile *p = &pol->profiles[i];
		bool targeted = false;

		for (size_t j = 0; j < p->nrules; j++) {
			struct rule *r = &p->rules[j];

			if (r->target && !policy_find_profile(pol, r->target)) {
				srcpos_diag(&r->pos, false,
					    "exec transition to unknown profile '%s'",
					    r->target);
				errors++;
			}
		}
		for (size_t k = 0; k < pol->nprofiles && !targeted; k++)
			for (size_t j = 0; j < pol->profiles[k].nrules; j++)
				if (pol->profiles[k].rules[j].target &&
				    !strcmp(pol->profiles[k].rules[j].target,
					    p->name))
					targeted = true;
		if (!p->nattach && !targeted) {
			srcpos_diag(&p->pos, true,
				    "profile '%s' has no attach line and no exec rule transitions to it: it never applies",
				    p->name);
			pol->nwarnings++;
		}
		for (size_t a = 0; a < p->nattach; a++)
			for (size_t k = 0; k <= i; k++)
				for (size_t b = 0; b < pol->profiles[k].nattach;
				     b++) {
					if (k == i && b >= a)
						break;
					if (strcmp(pol->profiles[k].attach[b],
						   p->attach[a]))
						continue;
					srcpos_diag(&p->pos, false,
						    "attach path '%s' of profile '%s' is already attached to profile '%s'",
						    p->attach[a], p->name,
						    pol->profiles[k].name);
					errors++;
				}
		if (p->nrules > DMZG_MAX_RULES) {
			srcpos_diag(&p->pos, false,
				    "profile '%s' has %zu rules (limit %d)",
				    p->name, p->nrules, DMZG_MAX_RULES);
			errors++;
		}
		total += p->nrules;
		warn_shadowed(pol, p);
	}
	if (total > DMZG_MAX_TOTAL_RULES) {
		file_diag(NULL, false, "policy has %zu rules (limit %d)", total,
			  DMZG_MAX_TOTAL_RULES);
		errors++;
	}
	if (!pol->nprofiles) {
		report_no_profile(pol);
		errors++;
	}
	return errors ? -1 : 0;
}
