// SPDX-License-Identifier: GPL-2.0
/*
 * Printing a policy in the policy language (what 'show' prints; loading
 * it gives the same policy) and as JSON.
 */
#include <string.h>

#include "json.h"
#include "policy_lex.h"

/* Quote a token the lexer would not read back as it is. */
void policy_print_token(FILE *out, const char *s)
{
	if (lex_needs_quotes(s)) {
		fputc('"', out);
		for (; *s; s++) {
			if (*s == '"' || *s == '\\')
				fputc('\\', out);
			fputc(*s, out);
		}
		fputc('"', out);
		return;
	}
	fputs(s, out);
}

static void put_ports(FILE *out, const struct rule *r)
{
	if (r->port_lo == 0 && r->port_hi == 65535)
		return;
	if (r->port_lo == r->port_hi)
		fprintf(out, " port %u", r->port_lo);
	else
		fprintf(out, " port %u-%u", r->port_lo, r->port_hi);
}

void policy_print_rule(FILE *out, const struct rule *r)
{
	char addr[64];

	fprintf(out, "%s %s ", rule_op_name(r->op), action_name(r->action));
	switch (r->op) {
	case DMZG_RULE_EXEC:
	case DMZG_RULE_UNIX:
	case DMZG_RULE_WRITE:
		policy_print_token(out, r->path);
		if (r->target)
			fprintf(out, " -> %s", r->target);
		break;
	default:
		format_addr(addr, sizeof(addr), r);
		fprintf(out, "%s %s", proto_name(r->proto), addr);
		put_ports(out, r);
		break;
	}
}

static void print_masks(FILE *out, const char *kw, uint64_t mask, int n,
			const char *(*name)(int), int action)
{
	if (!mask)
		return;
	fprintf(out, "\t%s %s", kw, action_name(action));
	for (int i = 0; i < n; i++)
		if (mask & (1ULL << i))
			fprintf(out, " %s", name(i));
	fputc('\n', out);
}

void policy_print(FILE *out, const struct policy *pol)
{
	for (size_t i = 0; i < pol->nprofiles; i++) {
		const struct profile *p = &pol->profiles[i];

		if (i)
			fputc('\n', out);
		fprintf(out, "profile %s {\n", p->name);
		for (size_t j = 0; j < p->nattach; j++) {
			fputs("\tattach ", out);
			policy_print_token(out, p->attach[j]);
			fputc('\n', out);
		}
		fprintf(out, "\tmode %s\n", mode_name(p->mode));
		for (int op = 0; op < __DMZG_RULE_MAX; op++) {
			fputc('\n', out);
			for (size_t j = 0; j < p->nrules; j++)
				if (p->rules[j].op == op) {
					fputc('\t', out);
					policy_print_rule(out, &p->rules[j]);
					fputc('\n', out);
				}
			fprintf(out, "\t%s default %s\n", rule_op_name(op),
				action_name(p->defaults[op]));
		}
		if (p->cap_allow || p->cap_deny || p->sock_allow ||
		    p->sock_deny)
			fputc('\n', out);
		print_masks(out, "capability", p->cap_allow, DMZG_CAP_COUNT,
			    cap_name, DMZG_ALLOW);
		print_masks(out, "capability", p->cap_deny, DMZG_CAP_COUNT,
			    cap_name, DMZG_DENY);
		print_masks(out, "socket", p->sock_allow, __DMZG_SOCK_MAX,
			    sock_class_name, DMZG_ALLOW);
		print_masks(out, "socket", p->sock_deny, __DMZG_SOCK_MAX,
			    sock_class_name, DMZG_DENY);
		fputs("}\n", out);
	}
}

static void json_names(FILE *out, uint64_t mask, int n,
		       const char *(*name)(int))
{
	bool first = true;

	fputc('[', out);
	for (int i = 0; i < n; i++) {
		if (!(mask & (1ULL << i)))
			continue;
		if (!first)
			fputc(',', out);
		json_string(out, name(i));
		first = false;
	}
	fputc(']', out);
}

static void json_hits(FILE *out, uint64_t hits, uint64_t last)
{
	fprintf(out, "\"hits\":%llu,\"last_hit\":%llu",
		(unsigned long long)hits, (unsigned long long)last);
}

static void json_rule(FILE *out, const struct rule *r, bool counters)
{
	char addr[64];

	fputs("{\"op\":", out);
	json_string(out, rule_op_name(r->op));
	fputs(",\"action\":", out);
	json_string(out, action_name(r->action));
	if (r->op == DMZG_RULE_EXEC || r->op == DMZG_RULE_UNIX ||
	    r->op == DMZG_RULE_WRITE) {
		fputs(",\"path\":", out);
		json_string(out, r->path);
		if (r->target) {
			fputs(",\"transition\":", out);
			json_string(out, r->target);
		}
	} else {
		format_addr(addr, sizeof(addr), r);
		fputs(",\"proto\":", out);
		json_string(out, proto_name(r->proto));
		fputs(",\"addr\":", out);
		json_string(out, addr);
		fprintf(out, ",\"prefix\":%u,\"port_lo\":%u,\"port_hi\":%u",
			r->prefix, r->port_lo, r->port_hi);
	}
	if (counters) {
		fputc(',', out);
		json_hits(out, r->hits, r->last_hit);
	}
	fputc('}', out);
}

void policy_print_rule_json(FILE *out, const struct rule *r)
{
	json_rule(out, r, false);
}

void policy_print_json(FILE *out, const struct policy *pol)
{
	policy_print_json_counters(out, pol, false);
}

void policy_print_json_counters(FILE *out, const struct policy *pol,
				bool counters)
{
	fputs("{\"profiles\":[", out);
	for (size_t i = 0; i < pol->nprofiles; i++) {
		const struct profile *p = &pol->profiles[i];

		if (i)
			fputc(',', out);
		fputs("{\"name\":", out);
		json_string(out, p->name);
		fputs(",\"mode\":", out);
		json_string(out, mode_name(p->mode));
		fputs(",\"attach\":[", out);
		for (size_t j = 0; j < p->nattach; j++) {
			if (j)
				fputc(',', out);
			json_string(out, p->attach[j]);
		}
		fputs("],\"defaults\":{", out);
		for (int op = 0; op < __DMZG_RULE_MAX; op++) {
			if (op)
				fputc(',', out);
			json_string(out, rule_op_name(op));
			fputc(':', out);
			json_string(out, action_name(p->defaults[op]));
		}
		if (counters) {
			fputs("},\"default_hits\":{", out);
			for (int op = 0; op < __DMZG_RULE_MAX; op++) {
				if (op)
					fputc(',', out);
				json_string(out, rule_op_name(op));
				fputc(':', out);
				fputc('{', out);
				json_hits(out, p->default_hits[op],
					  p->default_last[op]);
				fputc('}', out);
			}
		}
		fputs("},\"capabilities_allowed\":", out);
		json_names(out, p->cap_allow, DMZG_CAP_COUNT, cap_name);
		fputs(",\"capabilities_denied\":", out);
		json_names(out, p->cap_deny, DMZG_CAP_COUNT, cap_name);
		fputs(",\"sockets_allowed\":", out);
		json_names(out, p->sock_allow, __DMZG_SOCK_MAX, sock_class_name);
		fputs(",\"sockets_denied\":", out);
		json_names(out, p->sock_deny, __DMZG_SOCK_MAX, sock_class_name);
		fputs(",\"rules\":[", out);
		for (size_t j = 0; j < p->nrules; j++) {
			if (j)
				fputc(',', out);
			json_rule(out, &p->rules[j], counters);
		}
		fputs("]}", out);
	}
	fputs("]}\n", out);
}
