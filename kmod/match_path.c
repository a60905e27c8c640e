// SPDX-License-Identifier: GPL-2.0
/*
 * Path rule sets: build and lookup.  Deny beats allow; among allows, an
 * exact path beats a pattern and a longer anchor beats a shorter one, which
 * decides the transition target when several rules allow.
 */
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "glob.h"
#include "match_path.h"
#include "uapi/dmzguard.h"

/**
 * dmzg_path_set_build() - index a set of path rules
 * @set: set to fill; freed with dmzg_path_set_free()
 * @rules: rules in policy order; the set takes ownership of the array and
 *	of every rule's path, even on failure
 * @n: number of rules
 *
 * Return: 0 or -ENOMEM.
 */
int dmzg_path_set_build(struct dmzg_path_set *set,
			struct dmzg_path_rule *rules, u32 n)
{
	struct dmzg_hidx_entry *exact, *anch;
	u32 i, ne = 0, na = 0;
	int ret = -ENOMEM;

	memset(set, 0, sizeof(*set));
	set->rules = rules;
	set->n = n;
	if (!n)
		return 0;
	exact = kvmalloc_array(n, sizeof(*exact), GFP_KERNEL);
	if (!exact)
		return ret;
	anch = kvmalloc_array(n, sizeof(*anch), GFP_KERNEL);
	if (!anch)
		goto free_exact;
	for (i = 0; i < n; i++) {
		const struct dmzg_path_rule *r = &rules[i];
		struct dmzg_hidx_entry *e;
		u32 klen = r->len;

		if (dmzg_glob_has_wildcard(r->path, r->len)) {
			klen = dmzg_glob_anchor_len(r->path, r->len);
			e = &anch[na++];
		} else {
			e = &exact[ne++];
		}
		e->key = (const u8 *)r->path;
		e->len = klen;
		e->hash = dmzg_hash_bytes(r->path, klen);
		e->value = i;
	}
	ret = dmzg_hidx_build(&set->exact, exact, ne);
	if (ret)
		goto free_anch;
	ret = dmzg_hidx_build(&set->anchored, anch, na);
	if (ret)
		dmzg_hidx_free(&set->exact);
free_anch:
	kvfree(anch);
free_exact:
	kvfree(exact);
	return ret;
}

/**
 * dmzg_path_set_free() - release a set and the rules it owns
 * @set: set; may be zeroed
 */
void dmzg_path_set_free(struct dmzg_path_set *set)
{
	u32 i;

	dmzg_hidx_free(&set->exact);
	dmzg_hidx_free(&set->anchored);
	for (i = 0; set->rules && i < set->n; i++) {
		kfree(set->rules[i].path);
		/* 10,000 rules are a millisecond of frees. */
		cond_resched();
	}
	kvfree(set->rules);
	memset(set, 0, sizeof(*set));
}

/**
 * dmzg_path_set_bytes() - memory held by a set, for accounting
 * @set: set
 *
 * Return: bytes.
 */
size_t dmzg_path_set_bytes(const struct dmzg_path_set *set)
{
	size_t bytes = (size_t)set->n * sizeof(*set->rules);
	u32 i;

	for (i = 0; i < set->n; i++)
		bytes += set->rules[i].len + 1;
	return bytes + dmzg_hidx_bytes(&set->exact) +
	       dmzg_hidx_bytes(&set->anchored);
}

/* The lookup of every anchor: what matches, and which allow wins. */
struct anchor_walk {
	const char *path;
	size_t len;
	const struct dmzg_path_rule *hit;
	size_t best;		/* anchor length of @hit */
};

/* Return: true if a deny rule anchored at @alen bytes matches. */
static bool match_anchor(const struct dmzg_path_set *set,
			 struct anchor_walk *w, u32 h, size_t alen)
{
	const struct dmzg_hidx_entry *e;
	u32 pos = 0;

	while ((e = dmzg_hidx_next(&set->anchored, h, w->path, alen, &pos))) {
		const struct dmzg_path_rule *r = &set->rules[e->value];

		if (!dmzg_glob_match(r->path, r->len, w->path, w->len))
			continue;
		if (r->action == DMZG_DENY) {
			w->hit = r;
			return true;
		}
		if (!w->hit || alen > w->best) {
			w->hit = r;
			w->best = alen;
		}
	}
	return false;
}

/*
 * The anchors of @w's path, shorter first so that the longest matching
 * anchor wins, and the hash of the whole path: one pass, since the hash
 * of each directory prefix is a step of the hash of the whole.
 * Return: true if a deny rule matches.
 */
static bool match_anchors(const struct dmzg_path_set *set,
			  struct anchor_walk *w, u32 *whole)
{
	u32 h = DMZG_HASH_INIT;
	bool deny = false;
	size_t i;

	if (dmzg_path_is_relative(w->path, w->len))
		deny = match_anchor(set, w, h, 0);
	for (i = 0; i < w->len; i++) {
		h = dmzg_hash_step(h, w->path[i]);
		if (w->path[i] == '/' && !deny)
			deny = match_anchor(set, w, h, i + 1);
	}
	*whole = h;
	return deny;
}

/**
 * dmzg_path_set_match() - decide a path against a set
 * @set: set
 * @path: resolved absolute path, or a unix socket's name as bound (which
 *	may be relative), not necessarily NUL-terminated
 * @len: length of @path
 * @hit: set to the rule that decided: the first deny rule found (an exact
 *	one first), else the winning allow rule (an exact one, else the
 *	longest anchor), else NULL
 *
 * Absolute patterns match absolute paths only and relative patterns
 * relative names only: the anchors differ in their first byte, except
 * the empty anchor of a relative pattern, only looked up for a relative
 * name.
 *
 * Return: DMZG_DENY if any deny rule matches, else DMZG_ALLOW if any allow
 * rule matches, else DMZG_NO_MATCH.
 */
int dmzg_path_set_match(const struct dmzg_path_set *set, const char *path,
			size_t len, const struct dmzg_path_rule **hit)
{
	struct anchor_walk w = { .path = path, .len = len };
	const struct dmzg_path_rule *exact = NULL;
	const struct dmzg_hidx_entry *e;
	bool deny = false;
	u32 h, pos = 0;

	*hit = NULL;
	if (!set->n)
		return DMZG_NO_MATCH;

	if (set->anchored.n)
		deny = match_anchors(set, &w, &h);
	else
		h = dmzg_hash_bytes(path, len);
	while ((e = dmzg_hidx_next(&set->exact, h, path, len, &pos))) {
		const struct dmzg_path_rule *r = &set->rules[e->value];

		if (r->action == DMZG_DENY) {
			*hit = r;
			return DMZG_DENY;
		}
		if (!exact)
			exact = r;
	}
	if (deny) {
		*hit = w.hit;
		return DMZG_DENY;
	}
	*hit = exact ?: w.hit;
	return *hit ? DMZG_ALLOW : DMZG_NO_MATCH;
}

/**
 * dmzg_path_set_allows_under() - could an allow rule match below a directory
 * @set: set
 * @dir: absolute directory path without a trailing '/'
 * @len: length of @dir
 *
 * Conservative: true if an allow rule's literal part lies below @dir, or
 * @dir lies inside the anchor directory of an allow pattern.  It scans the
 * rules, so it is meant for rare operations (a confined task renaming a
 * directory), never for exec or connect decisions.
 *
 * Return: true if something placed at @dir could become allowed to run.
 */
bool dmzg_path_set_allows_under(const struct dmzg_path_set *set,
				const char *dir, size_t len)
{
	u32 i;

	for (i = 0; i < set->n; i++) {
		const struct dmzg_path_rule *r = &set->rules[i];
		bool pattern = dmzg_glob_has_wildcard(r->path, r->len);
		size_t lit = pattern ? dmzg_glob_anchor_len(r->path, r->len) :
			     r->len;

		if (r->action != DMZG_ALLOW)
			continue;
		if (lit > len && r->path[len] == '/' &&
		    !memcmp(r->path, dir, len))
			return true;
		if (pattern && len >= lit && !memcmp(dir, r->path, lit))
			return true;
	}
	return false;
}
