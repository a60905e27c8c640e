// SPDX-License-Identifier: GPL-2.0
/*
 * Printing a policy difference (policy_diff.h): one line per change in
 * the policy language, prefixed '+', '-' or '~', or the same as JSON.
 */
#define _GNU_SOURCE
#include <stdlib.h>

#include "json.h"
#include "policy_diff.h"
#include "printable.h"

static const char *const state_names[] = {
	[DIFF_UNCHANGED] = "unchanged",
	[DIFF_ADDED] = "added",
	[DIFF_REMOVED] = "removed",
	[DIFF_CHANGED] = "changed",
};

static const char *value_name(const struct diff_change *c, int value)
{
	return c->what == DIFF_MODE ? mode_name(value) : action_name(value);
}

/* What a change is about, without its values: "mode", "exec default". */
static void put_subject(FILE *out, const struct diff_change *c)
{
	if (c->what == DIFF_MODE)
		fputs("mode", out);
	else
		fprintf(out, "%s default", rule_op_name(c->op));
}

static void print_change(FILE *out, const struct diff_change *c)
{
	fprintf(out, "%c ", c->sign);
	switch (c->what) {
	case DIFF_MODE:
	case DIFF_DEFAULT:
		put_subject(out, c);
		if (c->sign == '~')
			fprintf(out, " %s -> %s", value_name(c, c->old_value),
				value_name(c, c->new_value));
		else
			fprintf(out, " %s", value_name(c, c->sign == '+' ?
						       c->new_value :
						       c->old_value));
		break;
	case DIFF_ATTACH:
		fputs("attach ", out);
		policy_print_token(out, c->attach);
		break;
	case DIFF_CAPABILITY:
		fprintf(out, "capability %s %s", action_name(c->action),
			cap_name(c->bit));
		break;
	case DIFF_SOCKET:
		fprintf(out, "socket %s %s", action_name(c->action),
			sock_class_name(c->bit));
		break;
	case DIFF_RULE:
		/* Paths hold no control bytes: the parser refuses them. */
		policy_print_rule(out, c->rule);
		if (c->sign == '+' && c->rule->pos.file) {
			fputs("  # ", out);
			fput_printable(out, c->rule->pos.file);
			fprintf(out, ":%d", c->rule->pos.line);
		}
		break;
	}
	fputc('\n', out);
}

static void print_summary(FILE *out, const struct policy_diff *d)
{
	fprintf(out, "%zu profiles added, %zu removed, %zu changed; %zu rules added, %zu removed\n",
		d->added, d->removed, d->changed, d->rules_added,
		d->rules_removed);
}

void policy_diff_print(FILE *out, const struct policy_diff *d, bool all)
{
	for (size_t i = 0; i < d->nprofiles; i++) {
		const struct profile_diff *pd = &d->profiles[i];

		if (pd->state == DIFF_UNCHANGED && !all)
			continue;
		fprintf(out, "profile %s: %s\n", pd->name,
			state_names[pd->state]);
		for (size_t j = 0; j < pd->nchanges; j++)
			print_change(out, &pd->changes[j]);
		fputc('\n', out);
	}
	print_summary(out, d);
}

/* The rule as 'show' writes it, as a JSON string. */
static void json_rule_text(FILE *out, const struct rule *r)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (f) {
		policy_print_rule(f, r);
		fclose(f);
	}
	json_string(out, text ? text : "");
	free(text);
}

static void json_change(FILE *out, const struct diff_change *c)
{
	static const char *const whats[] = {
		[DIFF_MODE] = "mode", [DIFF_DEFAULT] = "default",
		[DIFF_ATTACH] = "attach", [DIFF_CAPABILITY] = "capability",
		[DIFF_SOCKET] = "socket", [DIFF_RULE] = "rule",
	};

	fprintf(out, "{\"change\":\"%s\",\"what\":\"%s\"",
		c->sign == '+' ? "added" : c->sign == '-' ? "removed" :
		"modified", whats[c->what]);
	switch (c->what) {
	case DIFF_DEFAULT:
		fprintf(out, ",\"op\":\"%s\"", rule_op_name(c->op));
		/* fall through */
	case DIFF_MODE:
		if (c->sign != '+')
			fprintf(out, ",\"old\":\"%s\"",
				value_name(c, c->old_value));
		if (c->sign != '-')
			fprintf(out, ",\"new\":\"%s\"",
				value_name(c, c->new_value));
		break;
	case DIFF_ATTACH:
		fputs(",\"path\":", out);
		json_string(out, c->attach);
		break;
	case DIFF_CAPABILITY:
	case DIFF_SOCKET:
		fprintf(out, ",\"action\":\"%s\",\"name\":\"%s\"",
			action_name(c->action),
			c->what == DIFF_CAPABILITY ? cap_name(c->bit) :
			sock_class_name(c->bit));
		break;
	case DIFF_RULE:
		fputs(",\"text\":", out);
		json_rule_text(out, c->rule);
		fputs(",\"rule\":", out);
		policy_print_rule_json(out, c->rule);
		if (c->sign == '+' && c->rule->pos.file) {
			fputs(",\"file\":", out);
			json_string(out, c->rule->pos.file);
			fprintf(out, ",\"line\":%d", c->rule->pos.line);
		}
		break;
	}
	fputc('}', out);
}

void policy_diff_print_json(FILE *out, const struct policy_diff *d, bool all)
{
	bool first = true;

	fputs("{\"profiles\":[", out);
	for (size_t i = 0; i < d->nprofiles; i++) {
		const struct profile_diff *pd = &d->profiles[i];

		if (pd->state == DIFF_UNCHANGED && !all)
			continue;
		fputs(first ? "{\"name\":" : ",{\"name\":", out);
		first = false;
		json_string(out, pd->name);
		fprintf(out, ",\"state\":\"%s\",\"changes\":[",
			state_names[pd->state]);
		for (size_t j = 0; j < pd->nchanges; j++) {
			if (j)
				fputc(',', out);
			json_change(out, &pd->changes[j]);
		}
		fputs("]}", out);
	}
	fprintf(out, "],\"summary\":{\"profiles_added\":%zu,\"profiles_removed\":%zu,"
		"\"profiles_changed\":%zu,\"profiles_unchanged\":%zu,"
		"\"rules_added\":%zu,\"rules_removed\":%zu}}\n",
		d->added, d->removed, d->changed, d->unchanged,
		d->rules_added, d->rules_removed);
}
